// SPDX-License-Identifier: GPL-2.0
/*
 * Whole configurations in JSON (usr/config_parse.c,
 * config_check.c, config_print.c): what apply accepts and
 * refuses, with the field named, and show -> apply round trips.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "config.h"
#include "config_parse.h"
#include "config_print.h"

static const char good[] =
"{\n"
"  \"instance\": \"dc1\",\n"
"  \"settings\": { \"lowest-ipv6-mtu\": 1400, \"role\": \"br\",\n"
"                \"rfc6791v6\": \"2001:db8:ffff::/64\", \"hairpin\": false },\n"
"  \"pool6\": \"64:ff9b::/96\",\n"
"  \"eamt\": [ \"192.0.2.0/24 2001:db8:aaaa::/120\",\n"
"            \"198.51.100.7 2001:db8:aaaa:1::7\" ],\n"
"  \"bindings\": [ { \"dev\": \"eth9\", \"prefix4\": null,\n"
"                  \"waiting\": true } ],\n"
"  \"spaces\": [\n"
"    { \"name\": \"tenant-a\", \"id\": 35, \"prefix\": null, \"table\": 100,\n"
"      \"vrf\": \"vrf-a\",\n"
"      \"bindings\": [ { \"dev\": \"tap0\", \"prefix4\": \"10.0.0.0/8\" },\n"
"                    { \"dev\": \"tap0\" } ],\n"
"      \"eamt\": [ \"10.0.0.2 2001:db8:a::2\" ] },\n"
"    { \"name\": \"tenant-b\", \"id\": 36, \"prefix\": \"2001:db8:b::/96\" }\n"
"  ]\n"
"}\n";

static int parse(const char *text, struct dcx_uconfig *c, char *err,
		 size_t errlen)
{
	dcx_config_init(c);
	return dcx_config_parse(text, strlen(text), "cfg.json", c, err, errlen);
}

static void test_good(void **state)
{
	struct dcx_uconfig c;
	char err[512];

	(void)state;
	if (parse(good, &c, err, sizeof(err)))
		fail_msg("refused: %s", err);
	assert_string_equal(c.instance, "dc1");
	assert_true(c.has_pool6);
	assert_int_equal(c.pool6.len, 96);
	assert_int_equal(c.settings.v[DCXLAT_SET_LOWEST_MTU6].u, 1400);
	assert_int_equal(c.settings.v[DCXLAT_SET_ROLE].u, DCXLAT_ROLE_BR);
	assert_int_equal(c.settings.v[DCXLAT_SET_HAIRPIN].u, 0);
	/* Missing settings keep their defaults. */
	assert_true(c.settings.v[DCXLAT_SET_ER_FILTER].present);
	assert_int_equal(c.settings.v[DCXLAT_SET_ER_FILTER].u, 1);
	assert_int_equal(c.settings.v[DCXLAT_SET_RFC6791V4].p4.len, 32);
	assert_int_equal(c.def.eamt.n, 2);
	assert_int_equal(c.def.eamt.v[1].p4.len, 32);
	assert_int_equal(c.def.nbinds, 1);
	assert_int_equal(c.nspaces, 2);
	assert_string_equal(c.spaces[0].name, "tenant-a");
	assert_int_equal(c.spaces[0].id, 35);
	assert_int_equal(c.spaces[0].table, 100);
	assert_string_equal(c.spaces[0].vrf, "vrf-a");
	assert_false(c.spaces[0].has_prefix);
	assert_int_equal(c.spaces[0].nbinds, 2);
	assert_true(c.spaces[0].binds[0].has_p4);
	assert_false(c.spaces[0].binds[1].has_p4);
	assert_int_equal(c.spaces[0].eamt.n, 1);
	assert_true(c.spaces[1].has_prefix);
	assert_int_equal(c.spaces[1].eamt.n, 0);
	dcx_config_free(&c);
}

/* Serialise, parse again, serialise: the same text (what show | apply does). */
static void test_round_trip(void **state)
{
	struct dcx_uconfig c, d;
	char err[512], *one;
	json_object *j;
	const char *s;

	(void)state;
	assert_int_equal(parse(good, &c, err, sizeof(err)), 0);
	j = dcx_config_to_json(&c);
	one = strdup(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
						    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(j);
	if (parse(one, &d, err, sizeof(err)))
		fail_msg("own output refused: %s\n%s", err, one);
	j = dcx_config_to_json(&d);
	s = json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	assert_string_equal(s, one);
	/* Every setting is written out, unset ones as null. */
	assert_non_null(strstr(one, "\"space-base\": null"));
	assert_non_null(strstr(one, "\"rfc6791v6\": \"2001:db8:ffff::/64\""));
	assert_non_null(strstr(one, "\"10.0.0.2/32 2001:db8:a::2/128\""));
	json_object_put(j);
	free(one);
	dcx_config_free(&c);
	dcx_config_free(&d);
	/* The empty object is a valid (default) configuration. */
	assert_int_equal(parse(" {} ", &c, err, sizeof(err)), 0);
	assert_int_equal(c.nspaces, 0);
	dcx_config_free(&c);
}

static void refuse(const char *text, const char *want)
{
	struct dcx_uconfig c;
	char err[512] = "";

	if (!parse(text, &c, err, sizeof(err)))
		fail_msg("accepted: %s", text);
	if (!strstr(err, want))
		fail_msg("\"%s\" lacks \"%s\" (input %s)", err, want, text);
	dcx_config_free(&c);
}

static void test_refused(void **state)
{
	(void)state;
	refuse("", "cfg.json:1:1: invalid JSON");
	refuse("{\n  \"pool6\": \"64:ff9b::/96\",\n  oops\n}", "cfg.json:3:");
	refuse("{ \"eamt\": [ ] } trailing", "unexpected text after the configuration");
	refuse("{ \"eamt\": [ \"1.2.3.4 ::1\"", "invalid JSON");
	refuse("[]", "must be a JSON object");
	refuse("{ \"frob\": 1 }", "(top level): unknown key \"frob\"");
	refuse("{ \"instance\": \"a b\" }", "instance: instance name");
	refuse("{ \"settings\": { \"mtu\": 1 } }", "settings.mtu: unknown setting");
	refuse("{ \"settings\": { \"lowest-ipv6-mtu\": 1000 } }",
	       "settings.lowest-ipv6-mtu: 1000 is out of range; use 1280 to 65535");
	refuse("{ \"settings\": { \"role\": \"x\" } }", "settings.role: \"x\" is not one of");
	refuse("{ \"settings\": [] }", "settings: expected an object");
	refuse("{ \"pool6\": \"2001:db8::/95\" }", "pool6: prefix 2001:db8::/95 is not a valid RFC 6052 length");
	refuse("{ \"eamt\": \"x\" }", "eamt: expected an array");
	refuse("{ \"eamt\": [ 5 ] }", "eamt[0]: expected a string");
	refuse("{ \"eamt\": [ \"192.0.2.0/24 2001:db8::/121\" ] }",
	       "eamt[0]: EAM 192.0.2.0/24 2001:db8::/121: the suffix lengths differ");
	refuse("{ \"eamt\": [ \"192.0.2.0/24 2001:db8::/120\", \"192.0.2.7 2001:db8:1::7\" ] }",
	       "eamt[1]: 192.0.2.7/32 overlaps 192.0.2.0/24 (eamt[0])");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 1 }, { \"name\": \"a\", \"id\": 2 } ] }",
	       "spaces[1].name: \"a\" is already the name of spaces[0]");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 1 }, { \"name\": \"b\", \"id\": 1 } ] }",
	       "spaces[1].id: 1 is already the ID of spaces[0] (a)");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 0 } ] }",
	       "spaces[0].id: 0 is out of range; use 1 to 65535");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 70000 } ] }", "out of range");
	refuse("{ \"spaces\": [ { \"name\": \"a\" } ] }", "spaces[0]: missing \"id\"");
	refuse("{ \"spaces\": [ { \"id\": 3 } ] }", "spaces[0]: missing \"name\"");
	refuse("{ \"spaces\": [ { \"name\": \"default\", \"id\": 3 } ] }",
	       "spaces[0].name: \"default\" is the default space");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 3, \"colour\": 1 } ] }",
	       "spaces[0]: unknown key \"colour\"");
	refuse("{ \"pool6\": \"2001:db8::/64\", \"spaces\": [ { \"name\": \"a\", \"id\": 3, \"prefix\": \"2001:db8::/96\" } ] }",
	       "spaces[0].prefix: 2001:db8::/96 overlaps 2001:db8::/64 of pool6");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 3, \"prefix\": \"2001:db8::/96\" } ],"
	       " \"eamt\": [ \"192.0.2.1 2001:db8::5\" ] }",
	       "eamt[0]: 2001:db8::5/128 overlaps the prefix 2001:db8::/96 of space a");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 3, \"eamt\": [ \"10.0.0.1 2001:db8::1\" ] } ],"
	       " \"eamt\": [ \"10.0.0.1 2001:db8::1\" ] }",
	       "spaces[0].eamt[0]: 2001:db8::1/128 duplicates 2001:db8::1/128 (eamt[0])");
	/* IPv6 overlaps of one space alone: the global check's labels. */
	refuse("{ \"eamt\": [ \"10.0.0.1 2001:db8::1\", \"10.0.0.2 2001:db8::1\" ] }",
	       "eamt[1]: 2001:db8::1/128 duplicates 2001:db8::1/128 (eamt[0])");
	refuse("{ \"spaces\": [ { \"name\": \"a\", \"id\": 3, \"eamt\": [ \"10.0.0.0/31 2001:db8::/127\","
	       " \"10.0.0.3 2001:db8::1\" ] } ] }",
	       "spaces[0].eamt[1]: 2001:db8::1/128 overlaps 2001:db8::/127 (spaces[0].eamt[0])");
	refuse("{ \"bindings\": [ { \"dev\": \"a/b\" } ] }",
	       "bindings[0].dev: \"a/b\" is not a valid device name");
	refuse("{ \"bindings\": [ { \"prefix4\": \"10.0.0.0/8\" } ] }", "bindings[0]: missing \"dev\"");
	refuse("{ \"bindings\": [ { \"dev\": \"x\", \"prefix4\": \"10.0.0.1/8\" } ] }",
	       "bindings[0].prefix4: IPv4 prefix 10.0.0.1/8 has bits set");
	refuse("{ \"bindings\": [ { \"dev\": \"x\" } ], \"spaces\": [ { \"name\": \"a\", \"id\": 3, \"bindings\": [ { \"dev\": \"x\" } ] } ] }",
	       "spaces[0].bindings[0]: dev x with the same prefix4 is already bound (bindings[0])");
}

/* n entries of 10.x.y.0/24, entry bad (if < n) with a wrong length. */
static char *many(size_t n, size_t bad)
{
	size_t cap = n * 48 + 64, k = 0, i;
	char *t = malloc(cap);

	assert_non_null(t);
	k += (size_t)snprintf(t + k, cap - k, "{\"eamt\":[");
	for (i = 0; i < n; i++)
		k += (size_t)snprintf(t + k, cap - k,
				      "%s\"10.%zu.%zu.0/24 2001:db8:%zx::/%s\"",
				      i ? "," : "", i / 256, i % 256, i,
				      i == bad ? "119" : "120");
	snprintf(t + k, cap - k, "]}");
	return t;
}

/* 10,000 entries, one bad: refused, and the message names that one. */
static void test_one_bad_in_many(void **state)
{
	struct dcx_uconfig c;
	char err[512], *t;

	(void)state;
	t = many(10000, 7777);
	assert_int_equal(parse(t, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "eamt[7777]: "));
	dcx_config_free(&c);
	free(t);
	t = many(10000, 10000);
	if (parse(t, &c, err, sizeof(err)))
		fail_msg("refused: %s", err);
	assert_int_equal(c.def.eamt.n, 10000);
	dcx_config_free(&c);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_one_bad_in_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
