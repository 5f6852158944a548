// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-genl-3 transport. Extended acks are switched on so that the
 * kernel's reason for a refusal reaches the user; a request is done when
 * its ack, its NLMSG_DONE or its error arrives.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include "uapi/dcxlat.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Dumps interrupted by a concurrent change are retried this many times. */
#define DCX_DUMP_TRIES 5

struct dcx_rq {
	struct nl_msg *req;
	struct dcx_err *e;
	bool done;
	int parse_err;
	int (*fn)(struct nlmsghdr *nlh, void *arg);
	void *arg;
};

int dcx_nl_open(struct dcx_nl *nl, struct dcx_err *e)
{
	int one = 1, r;

	memset(e, 0, sizeof(*e));
	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		e->code = -ENOMEM;
		snprintf(e->msg, sizeof(e->msg), "out of memory");
		return e->code;
	}
	r = genl_connect(nl->sk);
	if (r) {
		e->code = -EIO;
		snprintf(e->msg, sizeof(e->msg),
			 "cannot open a generic netlink socket: %s",
			 nl_geterror(r));
		goto fail;
	}
	/* Bulk EAM messages are larger than libnl's 32 KiB default. */
	nl_socket_set_buffer_size(nl->sk, DCX_NL_SNDBUF, DCX_NL_SNDBUF);
	/* Best effort: without them errors just lose their detail. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl->family = genl_ctrl_resolve(nl->sk, DCXLAT_GENL_NAME);
	if (nl->family < 0) {
		if (nl->family == -NLE_OBJ_NOTFOUND) {
			e->code = -ENOENT;
			snprintf(e->msg, sizeof(e->msg),
				 "the dcxlat kernel module is not loaded (modprobe dcxlat)");
		} else {
			e->code = -EIO;
			snprintf(e->msg, sizeof(e->msg),
				 "cannot look up the generic netlink family \"%s\": %s",
				 DCXLAT_GENL_NAME, nl_geterror(nl->family));
		}
		goto fail;
	}
	return 0;
fail:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return e->code;
}

void dcx_nl_close(struct dcx_nl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

static int dcx_cb_valid(struct nl_msg *msg, void *arg)
{
	struct dcx_rq *t = arg;
	int r;

	if (!t->fn)
		return NL_OK;
	r = t->fn(nlmsg_hdr(msg), t->arg);
	if (r && !t->parse_err)
		t->parse_err = r;
	return NL_OK;
}

/* NLMSG_DONE ends a dump; it carries an errno when the dump failed. */
static int dcx_cb_finish(struct nl_msg *msg, void *arg)
{
	struct dcx_rq *t = arg;

	dcx_msg_decode_err(nlmsg_hdr(msg), nlmsg_hdr(t->req), t->e);
	t->done = true;
	return NL_STOP;
}

static int dcx_cb_ack(struct nl_msg *msg, void *arg)
{
	struct dcx_rq *t = arg;

	(void)msg;
	t->done = true;
	return NL_STOP;
}

static int dcx_cb_error(struct sockaddr_nl *who, struct nlmsgerr *err,
			void *arg)
{
	struct dcx_rq *t = arg;
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((const char *)err - NLMSG_HDRLEN);

	(void)who;
	dcx_msg_decode_err(nlh, nlmsg_hdr(t->req), t->e);
	t->done = true;
	return NL_STOP;
}

/* Send req (consumed) and read until it is answered. */
int dcx_nl_request(struct dcx_nl *nl, struct nl_msg *req,
		       int (*fn)(struct nlmsghdr *, void *), void *arg,
		       bool *interrupted, struct dcx_err *e)
{
	struct dcx_rq t = { req, e, false, 0, fn, arg };
	struct nl_cb *cb;
	int r;

	memset(e, 0, sizeof(*e));
	e->eam_index = -1;
	if (interrupted)
		*interrupted = false;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(req);
		e->code = -ENOMEM;
		snprintf(e->msg, sizeof(e->msg), "out of memory");
		return e->code;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, dcx_cb_valid, &t);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, dcx_cb_finish, &t);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, dcx_cb_ack, &t);
	nl_cb_err(cb, NL_CB_CUSTOM, dcx_cb_error, &t);

	r = nl_send_auto(nl->sk, req);
	if (r < 0) {
		e->code = -EIO;
		snprintf(e->msg, sizeof(e->msg), "cannot send to the kernel: %s",
			 nl_geterror(r));
		goto out;
	}
	while (!t.done) {
		r = nl_recvmsgs(nl->sk, cb);
		if (r == -NLE_DUMP_INTR && interrupted) {
			*interrupted = true;
			break;
		}
		if (r < 0 && !t.done) {
			e->code = -EIO;
			snprintf(e->msg, sizeof(e->msg),
				 "cannot read the kernel's answer: %s",
				 nl_geterror(r));
			goto out;
		}
	}
	if (!e->code && t.parse_err) {
		e->code = -EBADMSG;
		snprintf(e->msg, sizeof(e->msg),
			 "the kernel sent a reply this CLI cannot parse (module and CLI from different releases?)");
	}
out:
	nl_cb_put(cb);
	nlmsg_free(req);
	return e->code;
}

static struct nl_msg *dcx_req(struct dcx_nl *nl, uint8_t cmd, int flags,
			      const char *name,
			      const struct dcx_uprefix *pool6,
			      struct dcx_err *e)
{
	struct nl_msg *m = dcx_msg_request(nl->family, cmd, flags, nl->abi,
					   name, pool6);

	if (!m) {
		e->code = -ENOMEM;
		snprintf(e->msg, sizeof(e->msg), "out of memory");
	}
	return m;
}

int dcx_nl_change(struct dcx_nl *nl, uint8_t cmd, const char *name,
		  const struct dcx_uprefix *pool6, struct dcx_err *e)
{
	struct nl_msg *m = dcx_req(nl, cmd, 0, name, pool6, e);

	if (!m)
		return e->code;
	return dcx_nl_request(nl, m, NULL, NULL, NULL, e);
}

struct dcx_one {
	struct dcx_inst_info *inst;
	struct dcx_stats_info *stats;
	bool seen;
};

static int dcx_take_one(struct nlmsghdr *nlh, void *arg)
{
	struct dcx_one *o = arg;
	int r;

	if (o->seen)
		return -EBADMSG;
	o->seen = true;
	r = o->inst ? dcx_msg_parse_inst(nlh, o->inst) :
		      dcx_msg_parse_stats(nlh, o->stats);
	return r;
}

static int dcx_get_one(struct dcx_nl *nl, uint8_t cmd, const char *name,
		       struct dcx_one *o, struct dcx_err *e)
{
	struct nl_msg *m = dcx_req(nl, cmd, 0, name, NULL, e);
	int r;

	if (!m)
		return e->code;
	r = dcx_nl_request(nl, m, dcx_take_one, o, NULL, e);
	if (!r && !o->seen) {
		e->code = -EBADMSG;
		snprintf(e->msg, sizeof(e->msg), "the kernel sent no reply");
	}
	return e->code;
}

int dcx_nl_get_inst(struct dcx_nl *nl, uint8_t cmd, const char *name,
		    struct dcx_inst_info *out, struct dcx_err *e)
{
	struct dcx_one o = { out, NULL, false };

	return dcx_get_one(nl, cmd, name, &o, e);
}

int dcx_nl_get_stats(struct dcx_nl *nl, const char *name,
		     struct dcx_stats_info *out, struct dcx_err *e)
{
	struct dcx_one o = { NULL, out, false };

	return dcx_get_one(nl, DCXLAT_CMD_STATS_GET, name, &o, e);
}

struct dcx_list {
	struct dcx_inst_info *v;
	size_t n, cap;
};

static int dcx_take_list(struct nlmsghdr *nlh, void *arg)
{
	struct dcx_list *l = arg;
	struct dcx_inst_info *nv;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		nv = realloc(l->v, l->cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		l->v = nv;
	}
	if (dcx_msg_parse_inst(nlh, &l->v[l->n]))
		return -EBADMSG;
	l->n++;
	return 0;
}

int dcx_nl_dump_inst(struct dcx_nl *nl, struct dcx_inst_info **v, size_t *n,
		     struct dcx_err *e)
{
	struct dcx_list l = { NULL, 0, 0 };
	bool intr = false;
	struct nl_msg *m;
	int tries, r = 0;

	for (tries = 0; tries < DCX_DUMP_TRIES; tries++) {
		l.n = 0;
		m = dcx_req(nl, DCXLAT_CMD_INSTANCE_GET, NLM_F_DUMP, NULL,
			    NULL, e);
		if (!m)
			break;
		r = dcx_nl_request(nl, m, dcx_take_list, &l, &intr, e);
		if (r || !intr)
			break;
	}
	if (!r && intr) {
		e->code = -EAGAIN;
		snprintf(e->msg, sizeof(e->msg),
			 "the configuration kept changing during the dump; try again");
	}
	if (e->code) {
		free(l.v);
		return e->code;
	}
	*v = l.v;
	*n = l.n;
	return 0;
}

struct dcx_mon {
	int (*fn)(const struct dcx_event *ev, void *arg);
	void *arg;
	int stop;
};

static int dcx_cb_event(struct nl_msg *msg, void *arg)
{
	struct dcx_mon *mon = arg;
	struct dcx_event ev;

	if (dcx_msg_parse_event(nlmsg_hdr(msg), &ev))
		return NL_SKIP;	/* not ours to understand: skip it */
	mon->stop = mon->fn(&ev, mon->arg);
	return mon->stop ? NL_STOP : NL_OK;
}

int dcx_nl_monitor(struct dcx_nl *nl,
		   int (*fn)(const struct dcx_event *ev, void *arg), void *arg,
		   struct dcx_err *e)
{
	struct dcx_mon mon = { fn, arg, 0 };
	int grp, r;

	memset(e, 0, sizeof(*e));
	grp = genl_ctrl_resolve_grp(nl->sk, DCXLAT_GENL_NAME,
				    DCXLAT_MCGRP_CONFIG);
	if (grp < 0) {
		e->code = -ENOENT;
		snprintf(e->msg, sizeof(e->msg),
			 "the kernel module has no \"%s\" multicast group: %s",
			 DCXLAT_MCGRP_CONFIG, nl_geterror(grp));
		return e->code;
	}
	r = nl_socket_add_membership(nl->sk, grp);
	if (r) {
		e->code = r == -NLE_PERM ? -EPERM : -EIO;
		if (r == -NLE_PERM)
			dcx_err_default(e);
		else
			snprintf(e->msg, sizeof(e->msg),
				 "cannot join the \"%s\" multicast group: %s",
				 DCXLAT_MCGRP_CONFIG, nl_geterror(r));
		return e->code;
	}
	nl_socket_disable_seq_check(nl->sk);
	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, dcx_cb_event,
			    &mon);
	while (!mon.stop) {
		r = nl_recvmsgs_default(nl->sk);
		if (r < 0 && r != -NLE_INTR) {
			e->code = -EIO;
			snprintf(e->msg, sizeof(e->msg),
				 "cannot read notifications: %s",
				 nl_geterror(r));
			return e->code;
		}
	}
	return mon.stop < 0 ? mon.stop : 0;
}
