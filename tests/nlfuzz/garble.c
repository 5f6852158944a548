// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz's adversarial requests, never on a modelled instance: random
 * commands, flags and header fields; attributes of random types, lengths
 * and nesting (chains deeper than any policy), truncated attributes and
 * cut messages; structured requests to the instance "scratch" with bytes
 * flipped; dumps abandoned by closing the socket; transactions begun and
 * left open by a socket that then closes (on modelled instances too: the
 * close must discard them); and the requests of an unprivileged sender,
 * which the genetlink core refuses with EPERM.
 * Rule: no message this file sends names fz0 or fz1 except to begin a
 * transaction or to read (fz_guard checks garbage's bytes); edits of them
 * go only into an open transaction of the same socket, and only from the
 * process that deletes and adds them (else the instance could be deleted
 * and added again between the BEGIN and the edit: the edit would be live).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
#include "nlfuzz.h"
#include "gen.h"

#define FZ_SCRATCH	"scratch"

/* A name: printable, unprintable, empty, long, without its NUL. */
static void fz_put_name(struct fz_msg *m, uint16_t type)
{
	char buf[41];
	size_t n = fz_rn(sizeof(buf) - 1), i;

	if (fz_one_in(2)) {
		fz_put_str(m, type, FZ_SCRATCH);
		return;
	}
	for (i = 0; i < n; i++)
		buf[i] = fz_one_in(8) ? (char)fz_rn(256) :
			 (char)('a' + fz_rn(26));
	if (n)
		buf[0] = 'g';	/* never fz0/fz1 */
	buf[n] = '\0';
	fz_put(m, type, buf, n + !fz_one_in(4));	/* or without NUL */
}

static void fz_put_random(struct fz_msg *m, int depth)
{
	uint8_t bytes[40];
	uint16_t type = fz_rn(fz_one_in(8) ? 0x4000 : 20);
	size_t n = fz_rn(sizeof(bytes)), i;
	int k;

	for (i = 0; i < n; i++)
		bytes[i] = (uint8_t)fz_rand();
	switch (fz_rn(depth > 50 ? 3 : 6)) {
	case 0:
		fz_put(m, type | (fz_one_in(4) ? NLA_F_NESTED : 0), bytes, n);
		break;
	case 1:
		fz_put_name(m, type);
		break;
	case 2:
		fz_put_prefix(m, type, bytes, fz_rn(21),
			      fz_one_in(2) ? fz_rn(129) : (uint8_t)fz_rand());
		break;
	default:		/* a nest, sometimes a deep chain */
		fz_nest(m, type);
		for (k = fz_one_in(6) ? 1 : fz_rn(4); k > 0; k--)
			fz_put_random(m, depth + 1);
		fz_nest_end(m);
	}
}

/* Over-deep nesting: a chain of depth nests around one attribute. */
static void fz_put_chain(struct fz_msg *m, int depth)
{
	int k;

	for (k = 0; k < depth; k++)
		fz_nest(m, fz_one_in(2) ? DCXLAT_A_EAM : fz_rn(20));
	fz_put_u8(m, DCXLAT_PREFIX_LEN, (uint8_t)fz_rand());
	while (m->depth)
		fz_nest_end(m);
}

/* Truncated: an attribute claiming more than the message has, or cut. */
static void fz_truncate(struct fz_msg *m)
{
	struct nlattr *a;
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN;

	while (m->depth)
		fz_nest_end(m);
	switch (fz_rn(3)) {
	case 0:
		if (m->len + 8 > m->cap)
			return;
		a = (struct nlattr *)(m->buf + m->len);
		a->nla_type = fz_rn(20);
		a->nla_len = 8 + 4 + fz_rn(200);
		memset(a + 1, 0xa5, 4);
		m->len += 8;
		break;
	case 1:
		if (m->len + 4 > m->cap)
			return;
		a = (struct nlattr *)(m->buf + m->len);
		a->nla_type = fz_rn(20);
		a->nla_len = fz_rn(4);
		m->len += 4;
		break;
	default:
		if (m->len > hdr)
			m->len = hdr + fz_rn(m->len - hdr);
	}
}

/* Flip bytes after the genetlink header. */
static void fz_flip(struct fz_msg *m)
{
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN;
	int k;

	for (k = 1 + fz_rn(2); k > 0 && m->len > hdr; k--)
		m->buf[hdr + fz_rn(m->len - hdr)] = (uint8_t)fz_rand();
}

/* No edit may name a modelled instance: such bytes become "gz0". */
static void fz_guard(struct fz_msg *m)
{
	size_t i;

	for (i = 0; i + 4 <= m->len; i++)
		if (!memcmp(m->buf + i, "fz", 2) &&
		    (m->buf[i + 2] == '0' || m->buf[i + 2] == '1'))
			m->buf[i] = 'g';
}

void fz_gen_garbage(struct fz_sock *s)
{
	static struct fz_msg m;
	struct fz_intent in;
	struct fz_genlhdr_view { uint8_t cmd, version; uint16_t reserved; } *g;
	struct fz_res r;
	int k;

	if (fz_one_in(3)) {
		fz_intent_random(&in, 1 + fz_rn(DCXLAT_CMD_MAX), 0, false);
		fz_build(&m, &in, FZ_SCRATCH, fz_one_in(5),
			 fz_one_in(6) ? fz_rn(FZ_DEF_UNKNOWN) : 0);
		if (fz_one_in(2))
			fz_flip(&m);
	} else {
		fz_msg_init(&m, fz_rn(DCXLAT_CMD_MAX + 4), fz_one_in(4));
		g = (void *)(m.buf + NLMSG_HDRLEN);
		if (fz_one_in(30))
			g->reserved = (uint16_t)fz_rand();
		if (fz_one_in(30))
			g->version = (uint8_t)fz_rand();
		if (fz_one_in(40))
			((struct nlmsghdr *)m.buf)->nlmsg_flags |=
				(uint16_t)(fz_rand() & 0x0f20);
		if (!fz_one_in(4))
			fz_put_u32(&m, DCXLAT_A_ABI, fz_one_in(8) ?
				   (uint32_t)fz_rand() : DCXLAT_ABI_VERSION);
		if (!fz_one_in(4))
			fz_put_name(&m, DCXLAT_A_INSTANCE);
		for (k = fz_rn(7); k > 0; k--)
			fz_put_random(&m, 0);
		if (fz_one_in(10))
			fz_put_chain(&m, 10 + fz_rn(50));
	}
	if (fz_one_in(4))
		fz_truncate(&m);
	fz_guard(&m);
	fz_call(s, &m, &r, NULL, NULL);
}

/* Every command (and dump) as a sender without CAP_NET_ADMIN. */
void fz_gen_unpriv(struct fz_sock *s)
{
	static struct fz_msg m;
	struct fz_intent in;
	struct fz_res r;
	int cmd, dump;

	for (cmd = 1; cmd <= FZ_CMD_LAST_REQ; cmd++) {
		for (dump = 0; dump <= fz_cmd_dumps(cmd); dump++) {
			fz_intent_random(&in, cmd, 0, false);
			fz_build(&m, &in, fz_inst_names[fz_rn(FZ_INSTANCES)],
				 dump || cmd == DCXLAT_CMD_EAMT_GET, 0);
			fz_count_add(&fz_cnt->unpriv_sent, 1);
			if (fz_call(s, &m, &r, NULL, NULL))
				continue;
			if (r.err == -EPERM) {
				fz_count_add(&fz_cnt->unpriv_eperm, 1);
				continue;
			}
			fz_count_add(&fz_cnt->unpriv_other, 1);
			fz_fail(&fz_cnt->expect_fail,
				"unprivileged %s%s: %d (%s), not EPERM",
				fz_cmd_name(cmd), dump ? " dump" : "", r.err,
				r.msg);
		}
	}
}

/* A dump of a modelled instance (sometimes large), from a new socket. */
static void fz_dump_start(struct fz_sock *d, struct fz_msg *m)
{
	static const int cmds[] = { DCXLAT_CMD_EAMT_GET, DCXLAT_CMD_EAMT_GET,
				    DCXLAT_CMD_SPACE_GET,
				    DCXLAT_CMD_INSTANCE_GET };
	struct fz_intent in;
	int cmd = cmds[fz_rn(4)];

	fz_intent_random(&in, cmd, 0, false);
	in.space = fz_one_in(2) ? -1 : 0;
	fz_build(m, &in, fz_inst_names[fz_rn(FZ_INSTANCES)], true, 0);
	fz_count_add(&fz_cnt->sent[cmd], 1);
	fz_count_add(&fz_cnt->total, 1);
	if (fz_send(d, m))
		return;
	if (fz_one_in(2))
		recv(d->fd, m->buf, 4096, MSG_DONTWAIT);	/* a part */
	fz_count_add(&fz_cnt->dumps_abandoned, 1);
}

void fz_gen_abandon_dump(void)
{
	static struct fz_msg m;
	struct fz_sock d;

	if (fz_open(&d))
		return;
	fz_dump_start(&d, &m);
	fz_close(&d);
}

void fz_gen_abandon_txn(int where)
{
	static const int edits[] = {
		DCXLAT_CMD_EAMT_ADD, DCXLAT_CMD_POOL6_SET,
		DCXLAT_CMD_SPACE_ADD, DCXLAT_CMD_SETTINGS_SET,
		DCXLAT_CMD_BIND_ADD, DCXLAT_CMD_EAMT_FLUSH,
		DCXLAT_CMD_SPACE_DEL, DCXLAT_CMD_POOL6_FLUSH,
	};
	const char *name = where == FZ_TXN_SCRATCH ? FZ_SCRATCH :
			   fz_inst_names[fz_rn(FZ_INSTANCES)];
	static struct fz_msg m;
	struct fz_intent in;
	struct fz_sock d;
	struct fz_res r;
	int k;

	if (fz_open(&d))
		return;
	fz_intent_random(&in, DCXLAT_CMD_TXN_BEGIN, 0, false);
	fz_build(&m, &in, name, false, 0);
	if (!fz_call(&d, &m, &r, NULL, NULL) && !r.err) {
		for (k = where == FZ_TXN_BEGIN_ONLY ? 0 : fz_rn(8); k > 0;
		     k--) {
			fz_intent_random(&in, edits[fz_rn(8)], 0, false);
			fz_build(&m, &in, name, false, 0);
			fz_call(&d, &m, &r, NULL, NULL);
		}
		if (fz_one_in(4))
			fz_dump_start(&d, &m);
		fz_count_add(&fz_cnt->txns_abandoned, 1);
	}
	fz_close(&d);
}
