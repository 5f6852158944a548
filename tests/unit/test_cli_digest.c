// SPDX-License-Identifier: GPL-2.0
/*
 * Canonical configurations, their digest and their differences
 * (usr/config_digest.c, usr/config_diff.c): the digest is SHA-256 (known
 * vectors), does not depend on the order of lists or on the instance
 * name, changes with any field; diff names each change and nothing else.
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
#include "config_diff.h"
#include "config_digest.h"
#include "config_parse.h"

/* Two spaces, lists in one order... */
static const char base[] =
"{ \"instance\": \"br1\", \"pool6\": \"2001:db8:46::/96\",\n"
"  \"settings\": { \"lowest-ipv6-mtu\": 1400 },\n"
"  \"eamt\": [ \"192.0.2.10 2001:db8:aaaa::10\",\n"
"            \"192.0.2.20 2001:db8:aaaa::20\",\n"
"            \"192.0.2.128/25 2001:db8:aaaa:1::/121\" ],\n"
"  \"bindings\": [ { \"dev\": \"eth1\" }, { \"dev\": \"eth0\" } ],\n"
"  \"spaces\": [\n"
"    { \"name\": \"a\", \"id\": 1, \"eamt\": [ \"10.0.0.2 2001:db8:a::2\" ] },\n"
"    { \"name\": \"b\", \"id\": 2, \"prefix\": \"2001:db8:b::/96\" } ] }\n";

/* ...the same in another order, another instance name, keys reordered. */
static const char shuffled[] =
"{ \"spaces\": [\n"
"    { \"id\": 2, \"prefix\": \"2001:db8:b::/96\", \"name\": \"b\" },\n"
"    { \"eamt\": [ \"10.0.0.2 2001:db8:a::2\" ], \"name\": \"a\", \"id\": 1 } ],\n"
"  \"bindings\": [ { \"dev\": \"eth0\" }, { \"dev\": \"eth1\" } ],\n"
"  \"eamt\": [ \"192.0.2.128/25 2001:db8:aaaa:1::/121\",\n"
"            \"192.0.2.20 2001:db8:aaaa::20\",\n"
"            \"192.0.2.10/32 2001:db8:aaaa::10/128\" ],\n"
"  \"settings\": { \"lowest-ipv6-mtu\": 1400 },\n"
"  \"pool6\": \"2001:db8:46::/96\", \"instance\": \"br2\" }\n";

/* One of each change against base. */
static const char changed[] =
"{ \"pool6\": \"2001:db8:47::/96\",\n"
"  \"settings\": { \"lowest-ipv6-mtu\": 1500 },\n"
"  \"eamt\": [ \"192.0.2.10 2001:db8:aaaa::11\",\n"
"            \"192.0.2.128/25 2001:db8:aaaa:1::/121\",\n"
"            \"192.0.2.30 2001:db8:aaaa::30\" ],\n"
"  \"bindings\": [ { \"dev\": \"eth0\" } ],\n"
"  \"spaces\": [\n"
"    { \"name\": \"a\", \"id\": 3, \"eamt\": [ \"10.0.0.2 2001:db8:a::2\" ] },\n"
"    { \"name\": \"c\", \"id\": 4, \"eamt\": [ \"10.0.0.3 2001:db8:c::3\" ] } ] }\n";

static void parse(const char *text, struct dcx_uconfig *c)
{
	char err[512];

	dcx_config_init(c);
	if (dcx_config_parse(text, strlen(text), "t.json", c, err,
			     sizeof(err)))
		fail_msg("refused: %s", err);
}

static void digest_of(const char *text, char *hex)
{
	struct dcx_uconfig c;

	parse(text, &c);
	assert_int_equal(dcx_config_digest(&c, hex), 0);
	dcx_config_free(&c);
}

/* FIPS 180-2 vectors: "abc" and the empty string. */
static void test_sha256_vectors(void **state)
{
	char hex[DCX_DIGEST_STRLEN];

	(void)state;
	assert_int_equal(dcx_sha256_hex("abc", 3, hex), 0);
	assert_string_equal(hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(dcx_sha256_hex("", 0, hex), 0);
	assert_string_equal(hex,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_order_independent(void **state)
{
	char a[DCX_DIGEST_STRLEN], b[DCX_DIGEST_STRLEN];

	(void)state;
	digest_of(base, a);
	digest_of(shuffled, b);
	assert_int_equal(strlen(a), 64);
	assert_string_equal(a, b);
}

/* Any one change moves the digest. */
static void test_digest_changes(void **state)
{
	static const char *const one[] = {
		"{ \"eamt\": [ \"192.0.2.10 2001:db8:aaaa::10\" ] }",
		"{ \"eamt\": [ \"192.0.2.10 2001:db8:aaaa::11\" ] }",
		"{ \"eamt\": [ \"192.0.2.11 2001:db8:aaaa::10\" ] }",
		"{ \"eamt\": [ \"192.0.2.10 2001:db8:aaaa::10\" ],"
		"  \"pool6\": \"64:ff9b::/96\" }",
		"{ \"settings\": { \"lowest-ipv6-mtu\": 1500 } }",
		"{ \"bindings\": [ { \"dev\": \"eth0\" } ] }",
		"{ \"spaces\": [ { \"name\": \"a\", \"id\": 1 } ] }",
		"{ \"spaces\": [ { \"name\": \"a\", \"id\": 2 } ] }",
		"{}",
	};
	char d[9][DCX_DIGEST_STRLEN];
	size_t i, k;

	(void)state;
	for (i = 0; i < 9; i++)
		digest_of(one[i], d[i]);
	for (i = 0; i < 9; i++)
		for (k = i + 1; k < 9; k++)
			if (!strcmp(d[i], d[k]))
				fail_msg("configs %zu and %zu: same digest", i,
					 k);
}

static json_object *diff_of(const char *a, const char *b)
{
	struct dcx_uconfig ca, cb;
	json_object *ja, *jb, *d;

	parse(a, &ca);
	parse(b, &cb);
	ja = dcx_config_canon(&ca);
	jb = dcx_config_canon(&cb);
	d = dcx_config_diff(ja, jb);
	assert_non_null(d);
	json_object_put(ja);
	json_object_put(jb);
	dcx_config_free(&ca);
	dcx_config_free(&cb);
	return d;
}

static void test_diff_same(void **state)
{
	json_object *d = diff_of(base, shuffled);

	(void)state;
	assert_int_equal(json_object_array_length(d), 0);
	json_object_put(d);
}

/* The text of every change, in order, against the expected lines. */
static void test_diff_changes(void **state)
{
	static const char want[] =
		"~ setting lowest-ipv6-mtu: 1400 -> 1500\n"
		"~ pool6: 2001:db8:46::/96 -> 2001:db8:47::/96\n"
		"- binding dev eth1\n"
		"~ eam 192.0.2.10/32: 2001:db8:aaaa::10/128 -> 2001:db8:aaaa::11/128\n"
		"- eam 192.0.2.20/32 2001:db8:aaaa::20/128\n"
		"+ eam 192.0.2.30/32 2001:db8:aaaa::30/128\n"
		"~ space a id: 1 -> 3\n"
		"- space b\n"
		"+ space c\n"
		"+ eam 10.0.0.3/32 2001:db8:c::3/128  (space c)\n";
	json_object *d = diff_of(base, changed), *c;
	char buf[2048] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");

	(void)state;
	assert_non_null(f);
	dcx_diff_text(f, d);
	fclose(f);
	assert_string_equal(buf, want);
	/* The JSON form of the changed entry. */
	c = json_object_array_get_idx(d, 3);
	assert_string_equal(json_object_get_string(
		json_object_object_get(c, "op")), "change");
	assert_string_equal(json_object_get_string(
		json_object_object_get(c, "key")), "192.0.2.10/32");
	assert_string_equal(json_object_get_string(
		json_object_object_get(c, "space")), "default");
	json_object_put(d);
}

/* Backwards: every add is a del and the other way round. */
static void test_diff_reverse(void **state)
{
	json_object *d = diff_of(changed, base);
	size_t i, adds = 0, dels = 0;

	(void)state;
	assert_int_equal(json_object_array_length(d), 10);
	for (i = 0; i < 10; i++) {
		const char *op = json_object_get_string(json_object_object_get(
			json_object_array_get_idx(d, i), "op"));

		adds += !strcmp(op, "add");
		dels += !strcmp(op, "del");
	}
	assert_int_equal(adds, 3);	/* eth1, 192.0.2.20, space b */
	assert_int_equal(dels, 3);	/* 192.0.2.30, space c + its eam */
	json_object_put(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_digest_changes),
		cmocka_unit_test(test_diff_same),
		cmocka_unit_test(test_diff_changes),
		cmocka_unit_test(test_diff_reverse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
