// SPDX-License-Identifier: GPL-2.0
/*
 * CLI netlink messages without a socket (usr/msg.c,
 * msg_instance.c, msg_err.c): requests as built,
 * replies parsed, kernel errors with extack TLVs turned into sentences.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <cmocka.h>
#include "uapi/dcxlat.h"
#include "msg.h"
#include "msg_eamt.h"
#include "msg_err.h"
#include "msg_instance.h"

#define FAMILY 0x1d

static struct dcx_uprefix pfx(const char *a, unsigned int len)
{
	struct dcx_uprefix p;

	assert_int_equal(inet_pton(AF_INET6, a, &p.addr), 1);
	p.len = len;
	return p;
}

static void test_request_pool6_set(void **state)
{
	struct dcx_uprefix p = pfx("64:ff9b::", 96);
	struct nlattr *tb[DCXLAT_A_MAX + 1], *ptb[DCXLAT_PREFIX_MAX + 1];
	struct nl_msg *m;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	(void)state;
	m = dcx_msg_request(FAMILY, DCXLAT_CMD_POOL6_SET, 0, 7, "t1", &p);
	assert_non_null(m);
	nlh = nlmsg_hdr(m);
	assert_int_equal(nlh->nlmsg_type, FAMILY);
	assert_int_equal(nlh->nlmsg_flags & NLM_F_DUMP, 0);
	g = nlmsg_data(nlh);
	assert_int_equal(g->cmd, DCXLAT_CMD_POOL6_SET);
	assert_int_equal(g->version, DCXLAT_GENL_VERSION);
	assert_int_equal(genlmsg_parse(nlh, 0, tb, DCXLAT_A_MAX, NULL), 0);
	assert_non_null(tb[DCXLAT_A_ABI]);
	assert_int_equal(nla_get_u32(tb[DCXLAT_A_ABI]), 7);
	assert_non_null(tb[DCXLAT_A_INSTANCE]);
	assert_int_equal(nla_len(tb[DCXLAT_A_INSTANCE]), 3);	/* NUL too */
	assert_string_equal(nla_data(tb[DCXLAT_A_INSTANCE]), "t1");
	assert_non_null(tb[DCXLAT_A_POOL6]);
	/* The kernel's strict validation wants the nested flag. */
	assert_true(tb[DCXLAT_A_POOL6]->nla_type & NLA_F_NESTED);
	assert_int_equal(nla_parse_nested(ptb, DCXLAT_PREFIX_MAX,
					  tb[DCXLAT_A_POOL6], NULL), 0);
	assert_int_equal(nla_len(ptb[DCXLAT_PREFIX_ADDR]), 16);
	assert_memory_equal(nla_data(ptb[DCXLAT_PREFIX_ADDR]), &p.addr, 16);
	assert_int_equal(nla_len(ptb[DCXLAT_PREFIX_LEN]), 1);
	assert_int_equal(nla_get_u8(ptb[DCXLAT_PREFIX_LEN]), 96);
	assert_null(tb[DCXLAT_A_STATS]);
	nlmsg_free(m);
}

static void test_request_dump(void **state)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1];
	struct nl_msg *m;
	struct nlmsghdr *nlh;

	(void)state;
	m = dcx_msg_request(FAMILY, DCXLAT_CMD_INSTANCE_GET, NLM_F_DUMP,
			    DCXLAT_ABI_VERSION, NULL, NULL);
	assert_non_null(m);
	nlh = nlmsg_hdr(m);
	assert_int_equal(nlh->nlmsg_flags & NLM_F_DUMP, NLM_F_DUMP);
	assert_int_equal(genlmsg_parse(nlh, 0, tb, DCXLAT_A_MAX, NULL), 0);
	assert_int_equal(nla_get_u32(tb[DCXLAT_A_ABI]), DCXLAT_ABI_VERSION);
	assert_null(tb[DCXLAT_A_INSTANCE]);
	assert_null(tb[DCXLAT_A_POOL6]);
	nlmsg_free(m);
}

/* A reply as the module builds it; NULL/0 arguments leave parts out. */
static struct nl_msg *reply(uint8_t cmd, const char *name, int name_len,
			    const void *addr, int addr_len, int plen)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *nest;

	assert_non_null(m);
	assert_non_null(genlmsg_put(m, 0, 0, FAMILY, 0, 0, cmd, 1));
	if (name)
		assert_int_equal(nla_put(m, DCXLAT_A_INSTANCE,
					 name_len < 0 ? (int)strlen(name) + 1 :
							name_len, name), 0);
	if (addr || plen >= 0) {
		nest = nla_nest_start(m, DCXLAT_A_POOL6 | NLA_F_NESTED);
		if (addr)
			nla_put(m, DCXLAT_PREFIX_ADDR, addr_len, addr);
		if (plen >= 0)
			nla_put_u8(m, DCXLAT_PREFIX_LEN, (uint8_t)plen);
		nla_nest_end(m, nest);
	}
	return m;
}

static int parse_inst(struct nl_msg *m, struct dcx_inst_info *i)
{
	int r = dcx_msg_parse_inst(nlmsg_hdr(m), i);

	nlmsg_free(m);
	return r;
}

static void test_parse_inst(void **state)
{
	struct dcx_uprefix p = pfx("2001:db8:100::", 40);
	struct dcx_inst_info i;
	char long_name[DCXLAT_NAME_MAX + 1];

	(void)state;
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "t1", -1,
					  &p.addr, 16, 40), &i), 0);
	assert_string_equal(i.name, "t1");
	assert_true(i.has_pool6);
	assert_int_equal(i.pool6.len, 40);
	assert_memory_equal(&i.pool6.addr, &p.addr, 16);

	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "default",
					  -1, NULL, 0, -1), &i), 0);
	assert_string_equal(i.name, "default");
	assert_false(i.has_pool6);

	/* 15 characters is the longest name. */
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET,
					  "123456789012345", -1, NULL, 0, -1),
				    &i), 0);
	assert_string_equal(i.name, "123456789012345");

	/* Malformed replies are refused, not half-used. */
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, long_name,
					  -1, NULL, 0, -1), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "abc", 3,
					  NULL, 0, -1), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "", -1,
					  NULL, 0, -1), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "a\0b", 4,
					  NULL, 0, -1), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, NULL, 0,
					  &p.addr, 16, 40), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "t1", -1,
					  &p.addr, 4, 40), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "t1", -1,
					  &p.addr, 16, 200), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "t1", -1,
					  &p.addr, 16, -1), &i), -EINVAL);
	assert_int_equal(parse_inst(reply(DCXLAT_CMD_INSTANCE_GET, "t1", -1,
					  NULL, 0, 96), &i), -EINVAL);
}

static void test_parse_event(void **state)
{
	struct dcx_uprefix p = pfx("64:ff9b::", 96);
	struct dcx_event e;
	struct nl_msg *m;

	(void)state;
	m = reply(DCXLAT_CMD_POOL6_SET, "t9", -1, &p.addr, 16, 96);
	assert_int_equal(dcx_msg_parse_event(nlmsg_hdr(m), &e), 0);
	assert_int_equal(e.cmd, DCXLAT_CMD_POOL6_SET);
	assert_string_equal(e.inst.name, "t9");
	assert_true(e.inst.has_pool6);
	nlmsg_free(m);
	m = reply(DCXLAT_CMD_INSTANCE_DEL, "t9", -1, NULL, 0, -1);
	assert_int_equal(dcx_msg_parse_event(nlmsg_hdr(m), &e), 0);
	assert_int_equal(e.cmd, DCXLAT_CMD_INSTANCE_DEL);
	assert_false(e.inst.has_pool6);
	nlmsg_free(m);
}

static void test_parse_stats(void **state)
{
	struct dcx_stats_info *s = calloc(1, sizeof(*s));
	struct nl_msg *m;
	struct nlattr *nest;
	uint32_t odd = 5;
	unsigned int t;

	(void)state;
	assert_non_null(s);
	m = reply(DCXLAT_CMD_STATS_GET, "t1", -1, NULL, 0, -1);
	nest = nla_nest_start(m, DCXLAT_A_STATS | NLA_F_NESTED);
	nla_put(m, DCXLAT_STATS_PAD, 0, NULL);
	for (t = 1; t <= DCXLAT_STAT_COUNT; t++)
		nla_put_u64(m, (int)t, 100 + t);
	nla_put_u64(m, 200, 9);		/* a newer module's counter */
	nla_put_u64(m, 300, 9);		/* beyond what we keep: skipped */
	nla_nest_end(m, nest);
	assert_int_equal(dcx_msg_parse_stats(nlmsg_hdr(m), s), 0);
	assert_string_equal(s->name, "t1");
	assert_false(s->present[0]);
	for (t = 1; t <= DCXLAT_STAT_COUNT; t++) {
		assert_true(s->present[t]);
		assert_int_equal(s->val[t], 100 + t);
	}
	assert_false(s->present[DCXLAT_STAT_COUNT + 1]);
	assert_true(s->present[200]);
	assert_int_equal(s->val[200], 9);
	nlmsg_free(m);

	/* A counter that is not 8 bytes is malformed. */
	m = reply(DCXLAT_CMD_STATS_GET, "t1", -1, NULL, 0, -1);
	nest = nla_nest_start(m, DCXLAT_A_STATS | NLA_F_NESTED);
	nla_put(m, 1, sizeof(odd), &odd);
	nla_nest_end(m, nest);
	assert_int_equal(dcx_msg_parse_stats(nlmsg_hdr(m), s), -EINVAL);
	nlmsg_free(m);

	/* No STATS at all is malformed too. */
	m = reply(DCXLAT_CMD_STATS_GET, "t1", -1, NULL, 0, -1);
	assert_int_equal(dcx_msg_parse_stats(nlmsg_hdr(m), s), -EINVAL);
	nlmsg_free(m);
	free(s);
}

/* ---- errors ---------------------------------------------------------- */

struct errbuf {
	unsigned char b[1024] __attribute__((aligned(8)));
	uint32_t len;
};

/* NLMSG_ERROR for req; capped = without the echoed request payload. */
static void err_start(struct errbuf *e, int error,
		      const struct nlmsghdr *req, bool capped)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)e->b;
	struct nlmsgerr *me = NLMSG_DATA(nlh);
	size_t payload = sizeof(*me);

	memset(e, 0, sizeof(*e));
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	me->error = error;
	me->msg = *req;
	if (!capped) {
		memcpy(e->b + NLMSG_HDRLEN + sizeof(*me),
		       (const unsigned char *)req + NLMSG_HDRLEN,
		       req->nlmsg_len - NLMSG_HDRLEN);
		payload += req->nlmsg_len - NLMSG_HDRLEN;
	}
	e->len = NLMSG_HDRLEN + NLMSG_ALIGN(payload);
	nlh->nlmsg_len = e->len;
}

/* NLMSG_DONE carrying error. */
static void done_start(struct errbuf *e, int error)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)e->b;

	memset(e, 0, sizeof(*e));
	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	memcpy(NLMSG_DATA(nlh), &error, sizeof(error));
	e->len = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(error));
	nlh->nlmsg_len = e->len;
}

static void tlv(struct errbuf *e, uint16_t type, const void *data,
		uint16_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)e->b;
	struct nlattr *a = (struct nlattr *)(e->b + e->len);

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((unsigned char *)a + NLA_HDRLEN, data, len);
	e->len += NLA_ALIGN(a->nla_len);
	nlh->nlmsg_len = e->len;
	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
}

static void tlv_str(struct errbuf *e, uint16_t type, const char *s)
{
	tlv(e, type, s, (uint16_t)(strlen(s) + 1));
}

static void tlv_u32(struct errbuf *e, uint16_t type, uint32_t v)
{
	tlv(e, type, &v, sizeof(v));
}

static struct nlmsghdr *hdr(struct errbuf *e)
{
	return (struct nlmsghdr *)e->b;
}

/* Byte offset of attribute type (nested in POOL6 when inner) in req. */
static uint32_t offset_of(struct nl_msg *req, int type, bool inner)
{
	struct nlmsghdr *nlh = nlmsg_hdr(req);
	struct nlattr *a;

	a = nlmsg_find_attr(nlh, GENL_HDRLEN, inner ? DCXLAT_A_POOL6 : type);
	assert_non_null(a);
	if (inner) {
		a = nla_find(nla_data(a), nla_len(a), type);
		assert_non_null(a);
	}
	return (uint32_t)((unsigned char *)a - (unsigned char *)nlh);
}

static struct nl_msg *set_req(void)
{
	struct dcx_uprefix p = pfx("2001:db8::", 129);
	struct nl_msg *m = dcx_msg_request(FAMILY, DCXLAT_CMD_POOL6_SET, 0,
					   DCXLAT_ABI_VERSION, "t1", &p);

	assert_non_null(m);
	return m;
}

static void decodes_to(struct errbuf *e, struct nl_msg *req, int code,
		       const char *want)
{
	struct dcx_err de;

	assert_int_equal(dcx_msg_decode_err(hdr(e), req ? nlmsg_hdr(req) :
					    NULL, &de), code);
	assert_int_equal(de.code, code);
	if (strcmp(de.msg, want))
		fail_msg("decoded\n got \"%s\"\nwant \"%s\"", de.msg, want);
}

static void test_err_module_message(void **state)
{
	struct nl_msg *req = set_req();
	struct errbuf e;

	(void)state;
	/* Our module's messages carry "dcxlat: " and name the attribute. */
	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG,
		"dcxlat: pool6 /95 is not an RFC 6052 length; use 32, 40, 48, 56, 64 or 96");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_PREFIX_LEN, true));
	decodes_to(&e, req, -EINVAL,
		   "pool6 /95 is not an RFC 6052 length; use 32, 40, 48, 56, 64 or 96");
	nlmsg_free(req);
}

static void test_err_policy_message_names_attr(void **state)
{
	struct nl_msg *req = set_req();
	struct errbuf e;

	(void)state;
	/* Core policy messages get the attribute the offset points at. */
	err_start(&e, -ERANGE, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "integer out of range");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_PREFIX_LEN, true));
	decodes_to(&e, req, -ERANGE,
		   "integer out of range (in the pool6 prefix length, DCXLAT_PREFIX_LEN)");

	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "Attribute failed policy validation");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_A_INSTANCE, false));
	decodes_to(&e, req, -EINVAL,
		   "Attribute failed policy validation (in the instance name, DCXLAT_A_INSTANCE)");

	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "binary attribute size out of range");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_PREFIX_ADDR, true));
	decodes_to(&e, req, -EINVAL,
		   "binary attribute size out of range (in the pool6 address, DCXLAT_PREFIX_ADDR)");

	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "NLA_F_NESTED is missing");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_A_POOL6, false));
	decodes_to(&e, req, -EINVAL,
		   "NLA_F_NESTED is missing (in the pool6 prefix, DCXLAT_A_POOL6)");

	/* An offset that is no attribute start names nothing. */
	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "integer out of range");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS,
		offset_of(req, DCXLAT_PREFIX_LEN, true) + 2);
	decodes_to(&e, req, -EINVAL, "integer out of range");
	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "integer out of range");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, 100000);
	decodes_to(&e, req, -EINVAL, "integer out of range");
	/* Without the request there is nothing to name. */
	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "integer out of range");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_PREFIX_LEN, true));
	decodes_to(&e, NULL, -EINVAL, "integer out of range");
	nlmsg_free(req);
}

static void test_err_uncapped(void **state)
{
	struct nl_msg *req = set_req();
	struct errbuf e;

	(void)state;
	/* The request echoed in full before the TLVs. */
	err_start(&e, -EINVAL, nlmsg_hdr(req), false);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "integer out of range");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_PREFIX_LEN, true));
	decodes_to(&e, req, -EINVAL,
		   "integer out of range (in the pool6 prefix length, DCXLAT_PREFIX_LEN)");
	nlmsg_free(req);
}

static void test_err_missing_attr(void **state)
{
	struct nl_msg *req = set_req();
	struct errbuf e;

	(void)state;
	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_u32(&e, NLMSGERR_ATTR_MISS_TYPE, DCXLAT_A_INSTANCE);
	decodes_to(&e, req, -EINVAL,
		   "missing the instance name, DCXLAT_A_INSTANCE");

	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_u32(&e, NLMSGERR_ATTR_MISS_TYPE, DCXLAT_PREFIX_LEN);
	tlv_u32(&e, NLMSGERR_ATTR_MISS_NEST,
		offset_of(req, DCXLAT_A_POOL6, false));
	decodes_to(&e, req, -EINVAL,
		   "missing the pool6 prefix length, DCXLAT_PREFIX_LEN");

	/* With a message too, the missing attribute is added to it. */
	err_start(&e, -EINVAL, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "dcxlat: missing pool6 prefix");
	tlv_u32(&e, NLMSGERR_ATTR_MISS_TYPE, DCXLAT_A_POOL6);
	decodes_to(&e, req, -EINVAL,
		   "missing pool6 prefix (missing the pool6 prefix, DCXLAT_A_POOL6)");
	nlmsg_free(req);
}

static void test_err_defaults(void **state)
{
	struct nl_msg *req = set_req();
	struct errbuf e;

	(void)state;
	err_start(&e, -EPERM, nlmsg_hdr(req), true);
	decodes_to(&e, req, -EPERM,
		   "permission denied: dcxlat needs CAP_NET_ADMIN in the user namespace that owns this network namespace");
	err_start(&e, -ENOENT, nlmsg_hdr(req), true);
	decodes_to(&e, req, -ENOENT, "no such instance");
	err_start(&e, -EEXIST, nlmsg_hdr(req), true);
	decodes_to(&e, req, -EEXIST, "the instance already exists");
	err_start(&e, -EOPNOTSUPP, nlmsg_hdr(req), true);
	decodes_to(&e, req, -EOPNOTSUPP,
		   "the kernel module does not know this command (is it older than the CLI?)");
	err_start(&e, -ENOMEM, nlmsg_hdr(req), true);
	decodes_to(&e, req, -ENOMEM, strerror(ENOMEM));
	/* An unterminated message string is not used. */
	err_start(&e, -ENOENT, nlmsg_hdr(req), true);
	tlv(&e, NLMSGERR_ATTR_MSG, "abc", 3);
	decodes_to(&e, req, -ENOENT, "no such instance");
	/* TLVs are read only when the kernel flags them. */
	err_start(&e, -ENOENT, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG, "dcxlat: should not be read");
	hdr(&e)->nlmsg_flags &= (uint16_t)~NLM_F_ACK_TLVS;
	decodes_to(&e, req, -ENOENT, "no such instance");
	nlmsg_free(req);
}

static void test_err_abi_hint(void **state)
{
	struct nl_msg *req = set_req();
	struct errbuf e;
	char want[512];

	(void)state;
	err_start(&e, -EPROTO, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG,
		"dcxlat: ABI mismatch: request speaks ABI 9, module ABI 1");
	snprintf(want, sizeof(want),
		 "ABI mismatch: request speaks ABI 9, module ABI 1; hint: this CLI speaks ABI %d, install the dcxlat CLI and kernel module from the same release",
		 DCXLAT_ABI_VERSION);
	decodes_to(&e, req, -EPROTO, want);
	/* From a dump: NLMSG_DONE with the errno and the message. */
	done_start(&e, -EPROTO);
	tlv_str(&e, NLMSGERR_ATTR_MSG,
		"dcxlat: ABI mismatch: request speaks ABI 9, module ABI 1");
	decodes_to(&e, req, -EPROTO, want);
	nlmsg_free(req);
}

static void test_err_done_and_truncated(void **state)
{
	struct errbuf e;
	struct dcx_err de;

	(void)state;
	done_start(&e, 0);
	assert_int_equal(dcx_msg_decode_err(hdr(&e), NULL, &de), 0);
	assert_string_equal(de.msg, "");
	done_start(&e, -ENOENT);
	decodes_to(&e, NULL, -ENOENT, "no such instance");
	/* An NLMSG_ERROR too short for struct nlmsgerr. */
	memset(&e, 0, sizeof(e));
	hdr(&e)->nlmsg_type = NLMSG_ERROR;
	hdr(&e)->nlmsg_len = NLMSG_HDRLEN + 2;
	assert_int_equal(dcx_msg_decode_err(hdr(&e), NULL, &de), -EBADMSG);
	assert_non_null(strstr(de.msg, "truncated"));
}

/* The whole text sent before the ack replaces the cut extack message. */
static void test_err_whole_text(void **state)
{
	static const char whole[] = "EAM entry 0: "
		"ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124 overlaps EAM "
		"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120 in space "
		"s2345678901234x";
	struct nl_msg *req = set_req(), *t = nlmsg_alloc(), *u = nlmsg_alloc();
	char buf[512] = "", small[8] = "";
	struct dcx_err de;
	struct errbuf e;

	(void)state;
	assert_non_null(genlmsg_put(t, 0, 1, FAMILY, 0, 0, DCXLAT_CMD_EAMT_ADD,
				    1));
	assert_int_equal(nla_put_string(t, DCXLAT_A_ERROR, whole), 0);
	assert_true(dcx_msg_err_text(nlmsg_hdr(t), buf, sizeof(buf)));
	assert_string_equal(buf, whole);
	assert_true(dcx_msg_err_text(nlmsg_hdr(t), small, sizeof(small)));
	assert_string_equal(small, "EAM ent");
	/* Not a text (a request; no NUL): false, buf untouched. */
	assert_non_null(genlmsg_put(u, 0, 1, FAMILY, 0, 0, DCXLAT_CMD_EAMT_ADD,
				    1));
	assert_int_equal(nla_put(u, DCXLAT_A_ERROR, 3, "abc"), 0);
	assert_false(dcx_msg_err_text(nlmsg_hdr(u), buf, sizeof(buf)));
	assert_false(dcx_msg_err_text(nlmsg_hdr(req), buf, sizeof(buf)));
	assert_string_equal(buf, whole);
	err_start(&e, -EEXIST, nlmsg_hdr(req), true);
	tlv_str(&e, NLMSGERR_ATTR_MSG,
		"dcxlat: EAM entry 0: ffff:ffff:ffff:ffff:ffff:ffff:ffff:f...");
	tlv_u32(&e, NLMSGERR_ATTR_OFFS, offset_of(req, DCXLAT_PREFIX_LEN, true));
	assert_int_equal(dcx_msg_decode_err_text(hdr(&e), nlmsg_hdr(req), buf,
						 &de), -EEXIST);
	assert_string_equal(de.msg, whole);
	/* Without one: the extack message, as before. */
	assert_int_equal(dcx_msg_decode_err_text(hdr(&e), nlmsg_hdr(req), NULL,
						 &de), -EEXIST);
	assert_string_equal(de.msg,
		"EAM entry 0: ffff:ffff:ffff:ffff:ffff:ffff:ffff:f...");
	nlmsg_free(t);
	nlmsg_free(u);
	nlmsg_free(req);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_pool6_set),
		cmocka_unit_test(test_request_dump),
		cmocka_unit_test(test_parse_inst),
		cmocka_unit_test(test_parse_event),
		cmocka_unit_test(test_parse_stats),
		cmocka_unit_test(test_err_module_message),
		cmocka_unit_test(test_err_policy_message_names_attr),
		cmocka_unit_test(test_err_uncapped),
		cmocka_unit_test(test_err_missing_attr),
		cmocka_unit_test(test_err_defaults),
		cmocka_unit_test(test_err_abi_hint),
		cmocka_unit_test(test_err_done_and_truncated),
		cmocka_unit_test(test_err_whole_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
