// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications as `dcxlat monitor` prints them (usr/event.c): messages
 * built the way the module builds them, the text line and the JSON.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <cmocka.h>
#include "uapi/dcxlat.h"
#include "event.h"

static struct nl_msg *event(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	assert_non_null(m);
	assert_non_null(genlmsg_put(m, 0, 0, 0x1d, 0, 0, cmd, 1));
	assert_int_equal(nla_put_string(m, DCXLAT_A_INSTANCE, "t1"), 0);
	return m;
}

static void put_prefix(struct nl_msg *m, int type, int af, const char *a,
		       uint8_t len)
{
	unsigned char buf[16];
	struct nlattr *n = nla_nest_start(m, type | NLA_F_NESTED);

	assert_int_equal(inet_pton(af, a, buf), 1);
	nla_put(m, DCXLAT_PREFIX_ADDR, af == AF_INET ? 4 : 16, buf);
	nla_put_u8(m, DCXLAT_PREFIX_LEN, len);
	nla_nest_end(m, n);
}

/* The text line is want and the JSON object exactly json. */
static void renders(struct nl_msg *m, const char *want, const char *json)
{
	json_object *o = json_object_new_object();
	char line[512];

	assert_int_equal(dcx_event_render(nlmsg_hdr(m), line, sizeof(line), o),
			 0);
	if (strcmp(line, want))
		fail_msg("text\n got \"%s\"\nwant \"%s\"", line, want);
	if (strcmp(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
				JSON_C_TO_STRING_NOSLASHESCAPE), json))
		fail_msg("json\n got %s\nwant %s",
			 json_object_to_json_string_ext(o,
				JSON_C_TO_STRING_PLAIN |
				JSON_C_TO_STRING_NOSLASHESCAPE), json);
	json_object_put(o);
	nlmsg_free(m);
}

static void test_pool6(void **state)
{
	struct nl_msg *m = event(DCXLAT_CMD_POOL6_SET);

	(void)state;
	put_prefix(m, DCXLAT_A_POOL6, AF_INET6, "2001:db8::", 32);
	put_prefix(m, DCXLAT_A_OLD_POOL6, AF_INET6, "64:ff9b::", 96);
	renders(m, "pool6 set t1 64:ff9b::/96 -> 2001:db8::/32",
		"{\"object\":\"pool6\",\"command\":\"set\",\"instance\":\"t1\","
		"\"pool6\":\"2001:db8::/32\",\"old_pool6\":\"64:ff9b::/96\"}");
	m = event(DCXLAT_CMD_POOL6_FLUSH);
	renders(m, "pool6 flush t1 unset -> unset",
		"{\"object\":\"pool6\",\"command\":\"flush\",\"instance\":\"t1\","
		"\"pool6\":null,\"old_pool6\":null}");
}

static void eam(struct nl_msg *m, const char *p4, uint8_t l4, const char *p6,
		uint8_t l6)
{
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_EAM | NLA_F_NESTED);

	put_prefix(m, DCXLAT_EAM_PREFIX4, AF_INET, p4, l4);
	put_prefix(m, DCXLAT_EAM_PREFIX6, AF_INET6, p6, l6);
	nla_nest_end(m, n);
}

static void test_eamt(void **state)
{
	struct nl_msg *m = event(DCXLAT_CMD_EAMT_ADD);

	(void)state;
	nla_put_string(m, DCXLAT_A_SPACE, "s1");
	nla_put_u32(m, DCXLAT_A_COUNT, 3);
	eam(m, "192.0.2.0", 24, "2001:db8::", 120);
	eam(m, "198.51.100.7", 32, "2001:db8::7", 128);
	renders(m, "eamt add t1 space s1 count 3: 192.0.2.0/24 2001:db8::/120, "
		"198.51.100.7/32 2001:db8::7/128, ...",
		"{\"object\":\"eamt\",\"command\":\"add\",\"instance\":\"t1\","
		"\"space\":\"s1\",\"count\":3,\"eam\":[{\"prefix4\":"
		"\"192.0.2.0/24\",\"prefix6\":\"2001:db8::/120\"},{\"prefix4\":"
		"\"198.51.100.7/32\",\"prefix6\":\"2001:db8::7/128\"}]}");
	m = event(DCXLAT_CMD_EAMT_FLUSH);
	nla_put_string(m, DCXLAT_A_SPACE, "default");
	nla_put_u32(m, DCXLAT_A_COUNT, 0);
	renders(m, "eamt flush t1 space default count 0",
		"{\"object\":\"eamt\",\"command\":\"flush\",\"instance\":\"t1\","
		"\"space\":\"default\",\"count\":0,\"eam\":[]}");
}

static void test_settings(void **state)
{
	struct nl_msg *m = event(DCXLAT_CMD_SETTINGS_SET);
	struct nlattr *n;

	(void)state;
	n = nla_nest_start(m, DCXLAT_A_SETTINGS | NLA_F_NESTED);
	nla_put_u32(m, DCXLAT_SET_LOWEST_MTU6, 1400);
	nla_put_string(m, DCXLAT_SET_NDP_PROXY, "eth9");
	nla_nest_end(m, n);
	n = nla_nest_start(m, DCXLAT_A_OLD_SETTINGS | NLA_F_NESTED);
	nla_put_u32(m, DCXLAT_SET_LOWEST_MTU6, 1280);
	nla_nest_end(m, n);
	renders(m, "global set t1 lowest-ipv6-mtu 1280 -> 1400",
		"{\"object\":\"global\",\"command\":\"set\",\"instance\":\"t1\","
		"\"changes\":[{\"key\":\"lowest-ipv6-mtu\",\"old\":1280,"
		"\"new\":1400}]}");
}

static void test_space_and_bind(void **state)
{
	struct nl_msg *m = event(DCXLAT_CMD_SPACE_ADD);
	struct nlattr *n;

	(void)state;
	n = nla_nest_start(m, DCXLAT_A_SPACE_CFG | NLA_F_NESTED);
	nla_put_string(m, DCXLAT_SPACE_NAME, "s1");
	nla_put_u32(m, DCXLAT_SPACE_ID, 7);
	put_prefix(m, DCXLAT_SPACE_PREFIX, AF_INET6, "2001:db8:7::", 96);
	nla_nest_end(m, n);
	renders(m, "space add t1 s1 id 7 prefix 2001:db8:7::/96",
		"{\"object\":\"space\",\"command\":\"add\",\"instance\":\"t1\","
		"\"space\":\"s1\",\"id\":7,\"prefix\":\"2001:db8:7::/96\"}");
	m = event(DCXLAT_CMD_BIND_ADD);
	nla_put_string(m, DCXLAT_A_SPACE, "s1");
	n = nla_nest_start(m, DCXLAT_A_BIND | NLA_F_NESTED);
	nla_put_u32(m, DCXLAT_BIND_IFINDEX, 1);
	put_prefix(m, DCXLAT_BIND_PREFIX4, AF_INET, "10.0.0.0", 8);
	nla_nest_end(m, n);
	renders(m, "space bind t1 space s1 dev lo prefix4 10.0.0.0/8",
		"{\"object\":\"space\",\"command\":\"bind\",\"instance\":\"t1\","
		"\"space\":\"s1\",\"dev\":\"lo\",\"prefix4\":\"10.0.0.0/8\"}");
}

/* space set: the keys the request changed, old -> new (OLD_SPACE_CFG). */
static void test_space_set(void **state)
{
	struct nl_msg *m = event(DCXLAT_CMD_SPACE_SET);
	struct nlattr *n;

	(void)state;
	n = nla_nest_start(m, DCXLAT_A_SPACE_CFG | NLA_F_NESTED);
	nla_put_string(m, DCXLAT_SPACE_NAME, "s1");
	nla_put_u32(m, DCXLAT_SPACE_ID, 7);
	put_prefix(m, DCXLAT_SPACE_PREFIX, AF_INET6, "2001:db8:8::", 96);
	nla_put_u32(m, DCXLAT_SPACE_TABLE, 200);
	nla_put_u32(m, DCXLAT_SPACE_VRF, 1);
	nla_nest_end(m, n);
	n = nla_nest_start(m, DCXLAT_A_OLD_SPACE_CFG | NLA_F_NESTED);
	nla_put_string(m, DCXLAT_SPACE_NAME, "s1");
	put_prefix(m, DCXLAT_SPACE_PREFIX, AF_INET6, "::", 0);
	nla_put_u32(m, DCXLAT_SPACE_TABLE, 0);
	nla_nest_end(m, n);
	renders(m, "space set t1 s1 id 7 prefix 2001:db8:8::/96: "
		"prefix unset -> 2001:db8:8::/96, table main -> 200, "
		"vrf none -> lo",
		"{\"object\":\"space\",\"command\":\"set\",\"instance\":\"t1\","
		"\"space\":\"s1\",\"id\":7,\"prefix\":\"2001:db8:8::/96\","
		"\"changes\":[{\"key\":\"prefix\",\"old\":\"unset\","
		"\"new\":\"2001:db8:8::/96\"},{\"key\":\"table\",\"old\":"
		"\"main\",\"new\":\"200\"},{\"key\":\"vrf\",\"old\":\"none\","
		"\"new\":\"lo\"}]}");
	/* Only the prefix given, the same as before: nothing changed. */
	m = event(DCXLAT_CMD_SPACE_SET);
	n = nla_nest_start(m, DCXLAT_A_SPACE_CFG | NLA_F_NESTED);
	nla_put_string(m, DCXLAT_SPACE_NAME, "s1");
	put_prefix(m, DCXLAT_SPACE_PREFIX, AF_INET6, "2001:db8:8::", 96);
	nla_put_u32(m, DCXLAT_SPACE_TABLE, 200);
	nla_nest_end(m, n);
	n = nla_nest_start(m, DCXLAT_A_OLD_SPACE_CFG | NLA_F_NESTED);
	put_prefix(m, DCXLAT_SPACE_PREFIX, AF_INET6, "2001:db8:8::", 96);
	nla_nest_end(m, n);
	renders(m, "space set t1 s1 prefix 2001:db8:8::/96: unchanged",
		"{\"object\":\"space\",\"command\":\"set\",\"instance\":\"t1\","
		"\"space\":\"s1\",\"prefix\":\"2001:db8:8::/96\","
		"\"changes\":[]}");
}

/* A binding of space s1 to tap-later0: ifindex, or 0 (waiting). */
static struct nl_msg *bind_event(uint8_t cmd, uint32_t ifindex,
				 const char *p4, uint8_t l4)
{
	struct nl_msg *m = event(cmd);
	struct nlattr *n;

	nla_put_string(m, DCXLAT_A_SPACE, "s1");
	n = nla_nest_start(m, DCXLAT_A_BIND | NLA_F_NESTED);
	nla_put_string(m, DCXLAT_BIND_IFNAME, "tap-later0");
	if (ifindex)
		nla_put_u32(m, DCXLAT_BIND_IFINDEX, ifindex);
	else
		nla_put_flag(m, DCXLAT_BIND_WAITING);
	put_prefix(m, DCXLAT_BIND_PREFIX4, AF_INET, p4, l4);
	nla_nest_end(m, n);
	return m;
}

/* A binding named by the module, waiting for its device. */
static void test_bind_waiting(void **state)
{
	(void)state;
	renders(bind_event(DCXLAT_CMD_BIND_ADD, 0, "0.0.0.0", 0),
		"space bind t1 space s1 dev tap-later0 waiting",
		"{\"object\":\"space\",\"command\":\"bind\",\"instance\":\"t1\","
		"\"space\":\"s1\",\"dev\":\"tap-later0\",\"waiting\":true}");
}

/* A device event (BIND_DEV): the binding, then its state old -> new. */
static void test_bind_dev(void **state)
{
	(void)state;
	renders(bind_event(DCXLAT_CMD_BIND_DEV, 42, "10.1.0.0", 16),
		"space device t1 space s1 dev tap-later0 prefix4 "
		"10.1.0.0/16: waiting -> bound",
		"{\"object\":\"space\",\"command\":\"device\","
		"\"instance\":\"t1\",\"space\":\"s1\",\"dev\":\"tap-later0\","
		"\"prefix4\":\"10.1.0.0/16\",\"ifindex\":42,"
		"\"state\":\"bound\",\"old_state\":\"waiting\"}");
	renders(bind_event(DCXLAT_CMD_BIND_DEV, 0, "0.0.0.0", 0),
		"space device t1 space s1 dev tap-later0: bound -> waiting",
		"{\"object\":\"space\",\"command\":\"device\","
		"\"instance\":\"t1\",\"space\":\"s1\",\"dev\":\"tap-later0\","
		"\"state\":\"waiting\",\"old_state\":\"bound\"}");
}

/* Space s1's VRF vrf-a in table 200: ifindex, or 0 (waiting). */
static struct nl_msg *vrf_event(uint8_t cmd, uint32_t ifindex)
{
	struct nl_msg *m = event(cmd);
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_SPACE_CFG |
					  NLA_F_NESTED);

	nla_put_string(m, DCXLAT_SPACE_NAME, "s1");
	nla_put_u32(m, DCXLAT_SPACE_TABLE, 200);
	nla_put_string(m, DCXLAT_SPACE_VRF_NAME, "vrf-a");
	if (ifindex)
		nla_put_u32(m, DCXLAT_SPACE_VRF, ifindex);
	else
		nla_put_flag(m, DCXLAT_SPACE_VRF_WAITING);
	nla_nest_end(m, n);
	return m;
}

/* A VRF event (VRF_DEV): the space, its VRF, the state old -> new. */
static void test_vrf_dev(void **state)
{
	struct nl_msg *m;
	struct nlattr *n;

	(void)state;
	renders(vrf_event(DCXLAT_CMD_VRF_DEV, 9),
		"space vrf t1 s1 vrf vrf-a table 200: waiting -> bound",
		"{\"object\":\"space\",\"command\":\"vrf\","
		"\"instance\":\"t1\",\"space\":\"s1\",\"vrf\":\"vrf-a\","
		"\"table\":200,\"ifindex\":9,"
		"\"state\":\"bound\",\"old_state\":\"waiting\"}");
	renders(vrf_event(DCXLAT_CMD_VRF_DEV, 0),
		"space vrf t1 s1 vrf vrf-a table 200: bound -> waiting",
		"{\"object\":\"space\",\"command\":\"vrf\","
		"\"instance\":\"t1\",\"space\":\"s1\",\"vrf\":\"vrf-a\","
		"\"table\":200,"
		"\"state\":\"waiting\",\"old_state\":\"bound\"}");
	/* space set to a VRF that does not exist: named, waiting. */
	m = vrf_event(DCXLAT_CMD_SPACE_SET, 0);
	n = nla_nest_start(m, DCXLAT_A_OLD_SPACE_CFG | NLA_F_NESTED);
	nla_put_string(m, DCXLAT_SPACE_NAME, "s1");
	nla_put_u32(m, DCXLAT_SPACE_TABLE, 0);
	nla_nest_end(m, n);
	renders(m, "space set t1 s1: table main -> 200, vrf none -> "
		"vrf-a (waiting)",
		"{\"object\":\"space\",\"command\":\"set\","
		"\"instance\":\"t1\",\"space\":\"s1\",\"changes\":["
		"{\"key\":\"table\",\"old\":\"main\",\"new\":\"200\"},"
		"{\"key\":\"vrf\",\"old\":\"none\","
		"\"new\":\"vrf-a (waiting)\"}]}");
}

/* The ndp-proxy device uplink (NDP_DEV), gone when waiting. */
static struct nl_msg *ndp_event(bool waiting)
{
	struct nl_msg *m = event(DCXLAT_CMD_NDP_DEV);
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_SETTINGS |
					  NLA_F_NESTED);

	nla_put_string(m, DCXLAT_SET_NDP_PROXY, "uplink");
	nla_nest_end(m, n);
	if (waiting)
		nla_put_flag(m, DCXLAT_A_NDP_WAITING);
	return m;
}

/* The ndp-proxy device: its name, the state old -> new. */
static void test_ndp_dev(void **state)
{
	(void)state;
	renders(ndp_event(true),
		"global device t1 ndp-proxy uplink: bound -> waiting",
		"{\"object\":\"global\",\"command\":\"device\","
		"\"instance\":\"t1\",\"dev\":\"uplink\","
		"\"state\":\"waiting\",\"old_state\":\"bound\"}");
	renders(ndp_event(false),
		"global device t1 ndp-proxy uplink: waiting -> bound",
		"{\"object\":\"global\",\"command\":\"device\","
		"\"instance\":\"t1\",\"dev\":\"uplink\","
		"\"state\":\"bound\",\"old_state\":\"waiting\"}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool6),
		cmocka_unit_test(test_eamt),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_space_and_bind),
		cmocka_unit_test(test_space_set),
		cmocka_unit_test(test_bind_waiting),
		cmocka_unit_test(test_bind_dev),
		cmocka_unit_test(test_vrf_dev),
		cmocka_unit_test(test_ndp_dev),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
