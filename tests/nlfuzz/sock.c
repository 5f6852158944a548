// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz's raw generic netlink: sockets (extended acks, capped acks),
 * the family id, message building (any type, length, nesting; nothing is
 * checked here, so a caller may build any malformed request), sending,
 * and reading a request's answer: replies and dump parts, the error
 * text message the module sends before a refusal, the ack or NLMSG_DONE
 * and its extack message. fz_call() also counts every request and
 * applies the extack rule: a refusal by the module carries a message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
#include "nlfuzz.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

uint16_t fz_family;

#define FZ_RCVBUF	(1 << 20)
static uint8_t fz_rbuf[FZ_RCVBUF];

int fz_open(struct fz_sock *s)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t sl = sizeof(sa);
	int one = 1, buf = 4 << 20;

	s->seq = (uint32_t)fz_rand();
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -errno;
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* Huge multi-EAM requests; FORCE works for root only. */
	if (setsockopt(s->fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof(buf)))
		setsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)))
		setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(s->fd, (struct sockaddr *)&sa, &sl)) {
		close(s->fd);
		return -errno;
	}
	s->portid = sa.nl_pid;
	fz_count_add(&fz_cnt->sockets, 1);
	return 0;
}

void fz_close(struct fz_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

void fz_msg_init(struct fz_msg *m, uint8_t cmd, bool dump)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	if (!m->buf) {
		m->cap = 1 << 18;
		m->buf = fz_xrealloc(NULL, m->cap);
	}
	memset(m->buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh = (struct nlmsghdr *)m->buf;
	nlh->nlmsg_type = fz_family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	g = (struct genlmsghdr *)(m->buf + NLMSG_HDRLEN);
	g->cmd = cmd;
	g->version = DCXLAT_GENL_VERSION;
	m->len = NLMSG_HDRLEN + GENL_HDRLEN;
	m->depth = 0;
	m->cmd = cmd;
	m->dump = dump;
}

void fz_msg_free(struct fz_msg *m)
{
	free(m->buf);
	m->buf = NULL;
}

void fz_put(struct fz_msg *m, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a;
	size_t total = NLA_ALIGN(NLA_HDRLEN + len);

	if (m->len + total > m->cap || NLA_HDRLEN + len > 0xffff)
		return;		/* a full message stays as it is */
	a = (struct nlattr *)(m->buf + m->len);
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	a->nla_type = type;
	if (len)
		memcpy(a + 1, data, len);
	memset((uint8_t *)(a + 1) + len, 0, total - NLA_HDRLEN - len);
	m->len += total;
}

void fz_put_u8(struct fz_msg *m, uint16_t type, uint8_t v)
{
	fz_put(m, type, &v, 1);
}

void fz_put_u32(struct fz_msg *m, uint16_t type, uint32_t v)
{
	fz_put(m, type, &v, 4);
}

void fz_put_str(struct fz_msg *m, uint16_t type, const char *s)
{
	fz_put(m, type, s, strlen(s) + 1);
}

void fz_nest(struct fz_msg *m, uint16_t type)
{
	if (m->depth >= (int)(sizeof(m->nest) / sizeof(m->nest[0])) ||
	    m->len + NLA_HDRLEN > m->cap)
		abort();
	m->nest[m->depth++] = m->len;
	fz_put(m, type | NLA_F_NESTED, NULL, 0);
}

void fz_nest_end(struct fz_msg *m)
{
	struct nlattr *a = (struct nlattr *)(m->buf + m->nest[--m->depth]);
	size_t n = m->len - m->nest[m->depth];

	a->nla_len = n > 0xffff ? 0xffff : (uint16_t)n;
}

void fz_put_prefix(struct fz_msg *m, uint16_t type, const void *addr,
		   size_t alen, uint8_t len)
{
	fz_nest(m, type);
	fz_put(m, DCXLAT_PREFIX_ADDR, addr, alen);
	fz_put_u8(m, DCXLAT_PREFIX_LEN, len);
	fz_nest_end(m);
}

int fz_send(struct fz_sock *s, struct fz_msg *m)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	ssize_t n;

	while (m->depth)
		fz_nest_end(m);
	nlh->nlmsg_len = (uint32_t)m->len;
	nlh->nlmsg_seq = ++s->seq;
	n = sendto(s->fd, m->buf, m->len, 0, (struct sockaddr *)&sa,
		   sizeof(sa));
	return n == (ssize_t)m->len ? 0 : -errno;
}

/* The TLVs after an ack's (capped) copy of the request or a DONE's int. */
static void fz_ack_tlvs(const struct nlmsghdr *h, size_t off,
			struct fz_res *r)
{
	const struct nlattr *a;
	int rem;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || h->nlmsg_len < off)
		return;
	fz_for_attrs(a, (const uint8_t *)h + off, h->nlmsg_len - off, rem) {
		if ((a->nla_type & NLA_TYPE_MASK) != NLMSGERR_ATTR_MSG)
			continue;
		r->has_msg = a->nla_len > NLA_HDRLEN + 1;
		snprintf(r->msg, sizeof(r->msg), "%.*s",
			 (int)(a->nla_len - NLA_HDRLEN), (const char *)(a + 1));
	}
}

/* One message for our request; true when it ends the request. */
static bool fz_one(struct fz_sock *s, const struct nlmsghdr *h,
		   struct fz_res *r, fz_part_cb cb, void *arg)
{
	const struct nlmsgerr *e;
	size_t off;

	if (h->nlmsg_seq != s->seq)
		return false;		/* a late part of an earlier request */
	if (h->nlmsg_type == NLMSG_ERROR) {
		e = NLMSG_DATA(h);
		r->err = e->error;
		r->answered = true;
		off = NLMSG_HDRLEN + sizeof(*e);
		if (!(h->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - NLMSG_HDRLEN;
		fz_ack_tlvs(h, off, r);
		return true;
	}
	if (h->nlmsg_type == NLMSG_DONE) {
		r->err = h->nlmsg_len >= NLMSG_HDRLEN + 4 ?
			 *(const int *)NLMSG_DATA(h) : 0;
		r->answered = true;
		fz_ack_tlvs(h, NLMSG_HDRLEN + 4, r);
		/* A dump's end is followed by no ack. */
		return true;
	}
	if (h->nlmsg_type == fz_family && h->nlmsg_len >= NLMSG_HDRLEN +
	    GENL_HDRLEN) {
		r->parts++;
		if (cb)
			cb((const uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN,
			   h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, arg);
	}
	return false;
}

int fz_wait(struct fz_sock *s, struct fz_res *r, fz_part_cb cb, void *arg)
{
	const struct nlmsghdr *h;
	ssize_t n;
	int rem;

	memset(r, 0, sizeof(*r));
	for (;;) {
		n = recv(s->fd, fz_rbuf, sizeof(fz_rbuf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (h = (const struct nlmsghdr *)fz_rbuf, rem = (int)n;
		     NLMSG_OK(h, rem); h = NLMSG_NEXT(h, rem))
			if (fz_one(s, h, r, cb, arg))
				return 0;
	}
}

/*
 * Refusals the genetlink core makes before the module runs carry no
 * message by design (uapi/dcxlat.h, "Errors"): EPERM (capability),
 * EOPNOTSUPP (no such command, or not a dump / only a dump).
 */
static bool fz_core_refusal(int err)
{
	return err == -EPERM || err == -EOPNOTSUPP;
}

int fz_call(struct fz_sock *s, struct fz_msg *m, struct fz_res *r,
	    fz_part_cb cb, void *arg)
{
	unsigned int c = m->cmd < FZ_CMD_OTHER ? m->cmd : FZ_CMD_OTHER;
	int err;

	fz_count_add(&fz_cnt->sent[c], 1);
	fz_count_add(&fz_cnt->total, 1);
	err = fz_send(s, m);
	if (!err)
		err = fz_wait(s, r, cb, arg);
	if (err) {
		fz_fail(&fz_cnt->expect_fail, "%s: send/recv: %s",
			fz_cmd_name(m->cmd), strerror(-err));
		memset(r, 0, sizeof(*r));
		r->err = err;
		return err;
	}
	if (fz_verbose > 1)
		fprintf(stderr, "nlfuzz:   port %u %s%s: %d %s\n", s->portid,
			fz_cmd_name(m->cmd), m->dump ? " dump" : "", r->err,
			r->msg);
	if (!r->err) {
		fz_count_add(&fz_cnt->accepted[c], 1);
		return 0;
	}
	fz_count_add(&fz_cnt->refused[c], 1);
	if (r->has_msg)
		return 0;
	if (fz_core_refusal(r->err))
		fz_count_add(&fz_cnt->core_refusals, 1);
	else
		fz_fail(&fz_cnt->extack_missing,
			"%s%s refused with %d (%s) and no extack message",
			fz_cmd_name(m->cmd), m->dump ? " dump" : "", r->err,
			strerror(-r->err));
	return 0;
}

/* CTRL_CMD_GETFAMILY "dcxlat": the family id into fz_family. */
static void fz_family_cb(const uint8_t *attrs, size_t len, void *arg)
{
	const struct nlattr *a;
	int rem;

	fz_for_attrs(a, attrs, len, rem)
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(arg, a + 1, 2);
}

int fz_resolve_family(struct fz_sock *s)
{
	struct fz_msg m = { 0 };
	struct fz_res r;
	uint16_t id = 0;
	int err;

	fz_family = GENL_ID_CTRL;
	fz_msg_init(&m, CTRL_CMD_GETFAMILY, false);
	((struct genlmsghdr *)(m.buf + NLMSG_HDRLEN))->version = 1;
	fz_put_str(&m, CTRL_ATTR_FAMILY_NAME, DCXLAT_GENL_NAME);
	err = fz_send(s, &m);
	if (!err)
		err = fz_wait(s, &r, fz_family_cb, &id);
	fz_msg_free(&m);
	if (err)
		return err;
	if (r.err || !id)
		return r.err ? r.err : -ENOENT;
	fz_family = id;
	return 0;
}

const char *fz_cmd_name(unsigned int cmd)
{
	static const char *const names[] = {
		"UNSPEC", "INSTANCE_ADD", "INSTANCE_DEL", "INSTANCE_GET",
		"POOL6_SET", "POOL6_GET", "POOL6_FLUSH", "STATS_GET",
		"STATS_RESET", "EAMT_ADD", "EAMT_DEL", "EAMT_GET",
		"EAMT_FLUSH", "SETTINGS_SET", "SETTINGS_GET", "SPACE_ADD",
		"SPACE_DEL", "SPACE_GET", "SPACE_SET", "BIND_ADD",
		"BIND_DEL", "TXN_BEGIN", "TXN_COMMIT", "TXN_ABORT",
		"BIND_DEV", "VRF_DEV", "NDP_DEV",
	};

	if (cmd < sizeof(names) / sizeof(names[0]))
		return names[cmd];
	return "unknown";
}
