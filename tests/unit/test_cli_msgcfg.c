// SPDX-License-Identifier: GPL-2.0
/*
 * Messages of the configuration objects (usr/msg_eamt.c,
 * msg_settings.c, msg_space.c): EAM, settings,
 * space and binding attributes as built and parsed back, and a kernel
 * error's attribute offset mapped back to the EAM entry it names.
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
#include "msg_settings.h"
#include "msg_space.h"
#include "eam.h"
#include "settings.h"
#include "space.h"

#define FAMILY 0x1d

static struct dcx_ueam eam(const char *p4, const char *p6)
{
	struct dcx_ueam e;
	char err[256];

	assert_int_equal(dcx_eam_parse(p4, p6, &e, err, sizeof(err)), 0);
	return e;
}

struct collect {
	char got[8][DCX_EAM_STRLEN];
	int n;
};

static int take(const struct dcx_ueam *e, void *arg)
{
	struct collect *c = arg;

	dcx_eam_str(e, c->got[c->n++], sizeof(c->got[0]));
	return 0;
}

static void test_eam_messages(void **state)
{
	struct dcx_ueam v[3] = {
		eam("192.0.2.0/24", "2001:db8:aaaa::/120"),
		eam("198.51.100.7", "2001:db8::7"),
		eam("203.0.113.0/28", "2001:db8:c::/124"),
	};
	struct nlattr *tb[DCXLAT_A_MAX + 1], *a;
	struct collect c = { .n = 0 };
	struct nlmsghdr *nlh;
	struct nl_msg *m;
	uint32_t offs[3];
	int i = 0, rem;

	(void)state;
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_EAMT_ADD, 0, DCXLAT_ABI_VERSION,
			"inst", "sp");
	assert_non_null(m);
	for (i = 0; i < 3; i++)
		assert_int_equal(dcx_msg_put_eam(m, &v[i], 46), 0);
	nlh = nlmsg_hdr(m);
	assert_int_equal(genlmsg_parse(nlh, 0, tb, DCXLAT_A_MAX, NULL), 0);
	assert_string_equal(nla_data(tb[DCXLAT_A_SPACE]), "sp");
	assert_true(tb[DCXLAT_A_EAM]->nla_type & NLA_F_NESTED);
	/* Parsing the request as a dump reply gives the same entries back. */
	assert_int_equal(dcx_msg_parse_eams(nlh, take, &c), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.got[0], "192.0.2.0/24 2001:db8:aaaa::/120");
	assert_string_equal(c.got[1], "198.51.100.7/32 2001:db8::7/128");
	assert_string_equal(c.got[2], "203.0.113.0/28 2001:db8:c::/124");
	/* Offsets of each EAM and of something inside it map to its index. */
	i = 0;
	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem)
		if (nla_type(a) == DCXLAT_A_EAM)
			offs[i++] = (uint32_t)((char *)a - (char *)nlh);
	assert_int_equal(i, 3);
	assert_int_equal(dcx_msg_eam_index(nlh, offs[0]), 0);
	assert_int_equal(dcx_msg_eam_index(nlh, offs[1]), 1);
	assert_int_equal(dcx_msg_eam_index(nlh, offs[2] + 8), 2);
	assert_int_equal(dcx_msg_eam_index(nlh, NLMSG_HDRLEN + GENL_HDRLEN),
			 -1);	/* the ABI attribute */
	nlmsg_free(m);

	/* Only the IPv4 prefix (eamt del by IPv4). */
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_EAMT_DEL, 0, 1, "i", NULL);
	assert_int_equal(dcx_msg_put_eam(m, &v[0], 4), 0);
	assert_int_equal(genlmsg_parse(nlmsg_hdr(m), 0, tb, DCXLAT_A_MAX,
				       NULL), 0);
	assert_null(tb[DCXLAT_A_SPACE]);
	{
		struct nlattr *e[DCXLAT_EAM_MAX + 1];

		assert_int_equal(nla_parse_nested(e, DCXLAT_EAM_MAX,
						  tb[DCXLAT_A_EAM], NULL), 0);
		assert_non_null(e[DCXLAT_EAM_PREFIX4]);
		assert_null(e[DCXLAT_EAM_PREFIX6]);
	}
	nlmsg_free(m);
}

/*
 * An ADD entry is written with one reservation (usr/msg_eamt.c): the same
 * bytes libnl's nests give, local and remote, every prefix length.
 */
static void test_eam_fast_encoding(void **state)
{
	struct dcx_ueam v[3] = {
		eam("192.0.2.0/24", "2001:db8:aaaa::/120"),
		eam("198.51.100.7", "2001:db8::7"),
		eam("0.0.0.0/0", "2001:db8::/96"),
	};
	struct nl_msg *fast, *ref;
	struct nlattr *n;
	int i;

	(void)state;
	v[1].remote = true;
	fast = dcx_msg_new(FAMILY, DCXLAT_CMD_EAMT_ADD, 0, 1, "i", NULL);
	ref = dcx_msg_new(FAMILY, DCXLAT_CMD_EAMT_ADD, 0, 1, "i", NULL);
	assert_non_null(fast);
	assert_non_null(ref);
	for (i = 0; i < 3; i++) {
		assert_int_equal(dcx_msg_put_eam(fast, &v[i], 46), 0);
		n = nla_nest_start(ref, DCXLAT_A_EAM | NLA_F_NESTED);
		assert_non_null(n);
		assert_int_equal(dcx_msg_put_prefix(ref, DCXLAT_EAM_PREFIX4,
						    &v[i].p4.addr, 4,
						    v[i].p4.len), 0);
		assert_int_equal(dcx_msg_put_prefix(ref, DCXLAT_EAM_PREFIX6,
						    &v[i].p6.addr, 16,
						    v[i].p6.len), 0);
		if (v[i].remote)
			assert_int_equal(nla_put_flag(ref, DCXLAT_EAM_REMOTE),
					 0);
		nla_nest_end(ref, n);
	}
	assert_int_equal(nlmsg_hdr(fast)->nlmsg_len, nlmsg_hdr(ref)->nlmsg_len);
	assert_memory_equal(nlmsg_hdr(fast), nlmsg_hdr(ref),
			    nlmsg_hdr(ref)->nlmsg_len);
	nlmsg_free(fast);
	nlmsg_free(ref);
}

/* An NLMSG_ERROR whose extack offset points at the second EAM. */
static void test_error_names_entry(void **state)
{
	struct dcx_ueam v = eam("192.0.2.0/24", "2001:db8:aaaa::/120");
	unsigned char buf[1024];
	struct nlmsghdr *req, *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *me;
	struct nlattr *a, *t;
	struct dcx_err e;
	struct nl_msg *m;
	uint32_t off = 0;
	const char *txt = "dcxlat: 192.0.2.0/24 overlaps EAM 192.0.2.0/24 in space default";
	int i, rem, n = 0;

	(void)state;
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_EAMT_ADD, 0, 1, "i", NULL);
	for (i = 0; i < 2; i++)
		assert_int_equal(dcx_msg_put_eam(m, &v, 46), 0);
	req = nlmsg_hdr(m);
	nlmsg_for_each_attr(a, req, GENL_HDRLEN, rem)
		if (nla_type(a) == DCXLAT_A_EAM && n++ == 1)
			off = (uint32_t)((char *)a - (char *)req);
	memset(buf, 0, sizeof(buf));
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
	me = NLMSG_DATA(nlh);
	me->error = -EEXIST;
	me->msg = *req;
	t = (struct nlattr *)(buf + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*me)));
	t->nla_type = NLMSGERR_ATTR_MSG;
	t->nla_len = (uint16_t)(NLA_HDRLEN + strlen(txt) + 1);
	memcpy((char *)t + NLA_HDRLEN, txt, strlen(txt) + 1);
	a = (struct nlattr *)((char *)t + NLA_ALIGN(t->nla_len));
	a->nla_type = NLMSGERR_ATTR_OFFS;
	a->nla_len = NLA_HDRLEN + 4;
	memcpy((char *)a + NLA_HDRLEN, &off, 4);
	nlh->nlmsg_len = (uint32_t)((char *)a + NLA_ALIGN(a->nla_len) -
				    (char *)buf);
	assert_int_equal(dcx_msg_decode_err(nlh, req, &e), -EEXIST);
	assert_int_equal(e.eam_index, 1);
	assert_string_equal(e.msg,
			    "192.0.2.0/24 overlaps EAM 192.0.2.0/24 in space default");
	/* Without an offset there is no entry to name. */
	nlh->nlmsg_len = (uint32_t)((char *)a - (char *)buf);
	assert_int_equal(dcx_msg_decode_err(nlh, req, &e), -EEXIST);
	assert_int_equal(e.eam_index, -1);
	nlmsg_free(m);
}

static void test_settings_messages(void **state)
{
	struct dcx_settings s, back;
	struct nlattr *tb[DCXLAT_A_MAX + 1];
	struct nl_msg *m;
	char err[256];
	size_t i;

	(void)state;
	dcx_settings_defaults(&s);
	assert_int_equal(dcx_setting_parse(dcx_setting_find("space-base"),
					   "2001:db8:a41::/48",
					   &s.v[DCXLAT_SET_SPACE_BASE], err,
					   sizeof(err)), 0);
	assert_int_equal(dcx_setting_parse(dcx_setting_find("ndp-proxy"),
					   "eth1", &s.v[DCXLAT_SET_NDP_PROXY],
					   err, sizeof(err)), 0);
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_SETTINGS_SET, 0, 1, "i", NULL);
	assert_int_equal(dcx_msg_put_settings(m, &s), 0);
	assert_int_equal(genlmsg_parse(nlmsg_hdr(m), 0, tb, DCXLAT_A_MAX,
				       NULL), 0);
	assert_true(tb[DCXLAT_A_SETTINGS]->nla_type & NLA_F_NESTED);
	assert_int_equal(dcx_msg_parse_settings(nlmsg_hdr(m), &back), 0);
	for (i = 0; i < dcx_setting_count; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];
		char x[64], y[64];

		assert_true(back.v[d->attr].present);
		assert_string_equal(dcx_setting_str(d, &back.v[d->attr], x,
						    sizeof(x)),
				    dcx_setting_str(d, &s.v[d->attr], y,
						    sizeof(y)));
	}
	nlmsg_free(m);
	/* Only what is present goes out. */
	memset(&s, 0, sizeof(s));
	s.v[DCXLAT_SET_HAIRPIN].present = true;
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_SETTINGS_SET, 0, 1, "i", NULL);
	assert_int_equal(dcx_msg_put_settings(m, &s), 0);
	assert_int_equal(dcx_msg_parse_settings(nlmsg_hdr(m), &back), 0);
	assert_true(back.v[DCXLAT_SET_HAIRPIN].present);
	assert_false(back.v[DCXLAT_SET_ROLE].present);
	nlmsg_free(m);
}

static void test_space_messages(void **state)
{
	struct dcx_uspace s, back;
	struct nlattr *nest, *bn;
	struct dcx_ubind b;
	struct nl_msg *m;
	char err[256];

	(void)state;
	memset(&s, 0, sizeof(s));
	snprintf(s.name, sizeof(s.name), "ta");
	s.id = 35;
	s.table = 100;
	snprintf(s.vrf, sizeof(s.vrf), "vrf-later");
	s.vrf_ifindex = 7;	/* not sent: a VRF goes by name */
	assert_int_equal(dcx_prefix_parse("2001:db8:a41:23::/96", &s.prefix,
					  err, sizeof(err)), 0);
	s.has_prefix = true;
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_SPACE_ADD, 0, 1, "i", NULL);
	assert_int_equal(dcx_msg_put_space(m, &s, DCX_SP_ID | DCX_SP_PREFIX |
					   DCX_SP_TABLE | DCX_SP_VRF), 0);
	memset(&b, 0, sizeof(b));
	snprintf(b.dev, sizeof(b.dev), "tap0");
	b.ifindex = 3;	/* not sent: bindings go by name */
	b.has_p4 = true;
	assert_int_equal(dcx_prefix4_parse("10.0.0.0/8", false, &b.p4, err,
					   sizeof(err)), 0);
	assert_int_equal(dcx_msg_put_bind(m, &b), 0);
	assert_int_equal(dcx_msg_parse_space(nlmsg_hdr(m), &back), 0);
	assert_string_equal(back.name, "ta");
	assert_int_equal(back.id, 35);
	assert_int_equal(back.table, 100);
	assert_string_equal(back.vrf, "vrf-later");
	assert_int_equal(back.vrf_ifindex, 0);
	assert_false(back.vrf_waiting);
	assert_true(back.has_prefix);
	assert_int_equal(back.prefix.len, 96);
	assert_int_equal(back.nbinds, 1);
	assert_string_equal(back.binds[0].dev, "tap0");
	assert_int_equal(back.binds[0].ifindex, 0);
	assert_false(back.binds[0].waiting);
	assert_true(back.binds[0].has_p4);
	assert_false(back.has_waiting);
	dcx_space_free(&back);
	nlmsg_free(m);
	/* A reply's waiting binding: a name, no ifindex, the flag, a count. */
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_SPACE_GET, 0, 1, "i", NULL);
	nest = nla_nest_start(m, DCXLAT_A_SPACE_CFG | NLA_F_NESTED);
	assert_int_equal(nla_put_string(m, DCXLAT_SPACE_NAME, "ta"), 0);
	assert_int_equal(nla_put_u32(m, DCXLAT_SPACE_WAITING, 1), 0);
	assert_int_equal(nla_put_string(m, DCXLAT_SPACE_VRF_NAME, "vrf-b"), 0);
	assert_int_equal(nla_put_flag(m, DCXLAT_SPACE_VRF_WAITING), 0);
	bn = nla_nest_start(m, DCXLAT_SPACE_BIND | NLA_F_NESTED);
	assert_int_equal(nla_put_string(m, DCXLAT_BIND_IFNAME, "tap9"), 0);
	assert_int_equal(nla_put_flag(m, DCXLAT_BIND_WAITING), 0);
	nla_nest_end(m, bn);
	nla_nest_end(m, nest);
	assert_int_equal(dcx_msg_parse_space(nlmsg_hdr(m), &back), 0);
	assert_true(back.has_waiting);
	assert_int_equal(back.waiting, 1);
	assert_string_equal(back.vrf, "vrf-b");
	assert_true(back.vrf_waiting);
	assert_int_equal(back.nbinds, 1);
	assert_string_equal(back.binds[0].dev, "tap9");
	assert_true(back.binds[0].waiting);
	assert_int_equal(back.binds[0].ifindex, 0);
	dcx_space_free(&back);
	nlmsg_free(m);
	/* "prefix none" goes out as length 0, read back as unset. */
	s.has_prefix = false;
	s.vrf[0] = 0;
	m = dcx_msg_new(FAMILY, DCXLAT_CMD_SPACE_SET, 0, 1, "i", NULL);
	assert_int_equal(dcx_msg_put_space(m, &s, DCX_SP_PREFIX | DCX_SP_VRF),
			 0);
	assert_int_equal(dcx_msg_parse_space(nlmsg_hdr(m), &back), 0);
	assert_false(back.has_prefix);
	assert_string_equal(back.vrf, "");	/* "vrf none": "" */
	assert_int_equal(back.id, 0);
	dcx_space_free(&back);
	nlmsg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eam_messages),
		cmocka_unit_test(test_eam_fast_encoding),
		cmocka_unit_test(test_error_names_entry),
		cmocka_unit_test(test_settings_messages),
		cmocka_unit_test(test_space_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
