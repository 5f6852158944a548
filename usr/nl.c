// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-genl-3 transport (see nl.h). Extended acks are switched on so
 * that the kernel's reason for a refusal reaches the user (whole: the
 * DCXLAT_A_ERROR message before the ack replaces the extack text); a
 * request is done when its ack, its NLMSG_DONE or its error arrives.
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
#include "msg.h"
#include "msg_err.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct dcx_rq {
	struct nl_msg *req;
	struct dcx_err *e;
	bool done;
	int parse_err;
	int (*fn)(struct nlmsghdr *nlh, void *arg);
	void *arg;
	char text[512];		/* a refusal's whole text, before its ack */
};

int dcx_nl_open(struct dcx_nl *nl, struct dcx_err *e)
{
	int one = 1, r;

	dcx_err_clear(e);
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return dcx_err_set(e, -ENOMEM, "out of memory");
	r = genl_connect(nl->sk);
	if (r) {
		dcx_err_set(e, -EIO, "cannot open a generic netlink socket: %s",
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
		if (nl->family == -NLE_OBJ_NOTFOUND)
			dcx_err_set(e, -ENOENT,
				    "the dcxlat kernel module is not loaded (modprobe dcxlat)");
		else
			dcx_err_set(e, -EIO,
				    "cannot look up the generic netlink family \"%s\": %s",
				    DCXLAT_GENL_NAME, nl_geterror(nl->family));
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

	if (dcx_msg_err_text(nlmsg_hdr(msg), t->text, sizeof(t->text)))
		return NL_OK;
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

	dcx_msg_decode_err_text(nlmsg_hdr(msg), nlmsg_hdr(t->req), t->text,
				t->e);
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
	dcx_msg_decode_err_text(nlh, nlmsg_hdr(t->req), t->text, t->e);
	t->done = true;
	return NL_STOP;
}

/* Send req (consumed) and read until it is answered. */
int dcx_nl_request(struct dcx_nl *nl, struct nl_msg *req,
		       int (*fn)(struct nlmsghdr *, void *), void *arg,
		       bool *interrupted, struct dcx_err *e)
{
	struct dcx_rq t = { req, e, false, 0, fn, arg, "" };
	struct nl_cb *cb;
	int r;

	dcx_err_clear(e);
	if (interrupted)
		*interrupted = false;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(req);
		return dcx_err_set(e, -ENOMEM, "out of memory");
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, dcx_cb_valid, &t);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, dcx_cb_finish, &t);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, dcx_cb_ack, &t);
	nl_cb_err(cb, NL_CB_CUSTOM, dcx_cb_error, &t);

	r = nl_send_auto(nl->sk, req);
	if (r < 0) {
		dcx_err_set(e, -EIO, "cannot send to the kernel: %s",
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
			dcx_err_set(e, -EIO, "cannot read the kernel's answer: %s",
				    nl_geterror(r));
			goto out;
		}
	}
	if (!e->code && t.parse_err)
		dcx_err_set(e, -EBADMSG,
			    "the kernel sent a reply this CLI cannot parse (module and CLI from different releases?)");
out:
	nl_cb_put(cb);
	nlmsg_free(req);
	return e->code;
}

int dcx_nl_send(struct dcx_nl *nl, struct nl_msg *m, struct dcx_err *e)
{
	return dcx_nl_request(nl, m, NULL, NULL, NULL, e);
}

struct nl_msg *dcx_nl_msg(struct nl_msg *m, struct dcx_err *e)
{
	if (!m)
		dcx_err_set(e, -ENOMEM, "out of memory");
	return m;
}

struct nl_msg *dcx_nl_new(struct dcx_nl *nl, uint8_t cmd, int flags,
			  const char *inst, const char *space,
			  struct dcx_err *e)
{
	return dcx_nl_msg(dcx_msg_new(nl->family, cmd, flags, nl->abi, inst,
				      space), e);
}

int dcx_nl_toobig(struct nl_msg *m, struct dcx_err *e)
{
	nlmsg_free(m);
	return dcx_err_set(e, -EMSGSIZE, "request too large");
}

int dcx_nl_simple(struct dcx_nl *nl, uint8_t cmd, const char *inst,
		  const char *space, struct dcx_err *e)
{
	struct nl_msg *m = dcx_nl_new(nl, cmd, 0, inst, space, e);

	return m ? dcx_nl_send(nl, m, e) : e->code;
}

struct dcx_one {
	int (*parse)(struct nlmsghdr *nlh, void *out);
	void *out;
	bool seen;
};

static int dcx_take_one(struct nlmsghdr *nlh, void *arg)
{
	struct dcx_one *o = arg;

	if (o->seen)
		return -EBADMSG;
	o->seen = true;
	return o->parse(nlh, o->out);
}

int dcx_nl_get_one(struct dcx_nl *nl, struct nl_msg *m,
		   int (*parse)(struct nlmsghdr *nlh, void *out), void *out,
		   struct dcx_err *e)
{
	struct dcx_one o = { parse, out, false };
	int r;

	if (!m)
		return e->code;
	r = dcx_nl_request(nl, m, dcx_take_one, &o, NULL, e);
	if (!r && !o.seen)
		dcx_err_set(e, -EBADMSG, "the kernel sent no reply");
	return e->code;
}
