// SPDX-License-Identifier: GPL-2.0
/*
 * apply's JSON through yajl (usr/config_stream.c) against json-c alone
 * (dcx_config_parse_jsonc, the parse before yajl and the one used when
 * the stream declines): the same return, the same error text, the same
 * configuration (printed JSON and every EAM entry with its tag), on
 * fixed cases of each kind (duplicate keys, wrong types, unknown keys,
 * numbers out of range, deep nesting, huge strings, truncated files,
 * escapes, json-c's lenient forms) with today's message checked, and on
 * every truncation and byte flip of two valid files. Also which inputs
 * the stream reads itself, so a regression to "always declines" fails.
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
#include "config_stream.h"

static const char full[] =
"{ \"instance\": \"edge\", \"pool6\": \"64:ff9b::/96\",\n"
"  \"settings\": { \"lowest-ipv6-mtu\": 1400, \"hairpin\": true,\n"
"                \"rfc6791v4\": \"192.0.0.8/32\" },\n"
"  \"eamt\": [ \"192.0.2.0/24 2001:db8:aaaa::/120\",\n"
"            \"198.51.100.7 2001:db8:aaaa:1::7 remote\",\n"
"            \" 198.51.100.9   2001:db8:aaaa:1::9  local # note\" ],\n"
"  \"bindings\": [ { \"dev\": \"eth1\", \"prefix4\": null } ],\n"
"  \"spaces\": [ { \"name\": \"t1\", \"id\": 7, \"table\": 9, \"vrf\": null,\n"
"      \"eamt\": [ \"10.1.0.0/16 2001:db8:1::/112\" ],\n"
"      \"bindings\": [ { \"dev\": \"tap1\", \"prefix4\": \"10.0.0.0/8\" } ] },\n"
"    { \"name\": \"t2\", \"id\": 8, \"prefix\": \"2001:db8:b::/96\", \"eamt\": [] } ]\n"
"}\n";

static const char small[] =
"{\"eamt\":[\"10.0.0.1 2001:db8::1\",\"10.0.0.2/31 2001:db8::2/127\"],"
"\"spaces\":[{\"name\":\"a\",\"id\":1,\"eamt\":[\"10.9.0.1 2001:db8:9::1\"]}]}";

struct run {
	int r;
	char err[512];
	char *json;		/* the printed configuration when r == 0 */
	struct dcx_uconfig c;
};

static void run_one(struct run *o, const char *t, size_t len, bool stream)
{
	json_object *j;

	memset(o, 0, sizeof(*o));
	dcx_config_init(&o->c);
	o->r = (stream ? dcx_config_parse : dcx_config_parse_jsonc)(
		t, len, "cfg.json", &o->c, o->err, sizeof(o->err));
	if (o->r)
		return;
	j = dcx_config_to_json(&o->c);
	o->json = strdup(json_object_to_json_string_ext(j,
						JSON_C_TO_STRING_PLAIN));
	json_object_put(j);
}

static void same_eams(const struct dcx_eam_vec *a, const struct dcx_eam_vec *b)
{
	size_t i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_int_equal(a->v[i].tag, b->v[i].tag);
		assert_int_equal(a->v[i].remote, b->v[i].remote);
		assert_int_equal(a->v[i].p4.len, b->v[i].p4.len);
		assert_int_equal(a->v[i].p4.addr.s_addr, b->v[i].p4.addr.s_addr);
		assert_int_equal(a->v[i].p6.len, b->v[i].p6.len);
		assert_memory_equal(&a->v[i].p6.addr, &b->v[i].p6.addr, 16);
	}
}

/* Both parses of t agree; returns whether the stream read t itself. */
static bool both(const char *t, size_t len)
{
	struct run a, b;
	json_object *root;
	bool handled;
	size_t k;

	handled = !dcx_config_stream(t, len, &root);
	json_object_put(root);
	run_one(&a, t, len, true);
	run_one(&b, t, len, false);
	if (a.r != b.r || strcmp(a.err, b.err))
		fail_msg("yajl %d \"%s\", json-c %d \"%s\" (input %.*s)", a.r,
			 a.err, b.r, b.err, (int)len, t);
	if (!a.r) {
		assert_string_equal(a.json, b.json);
		same_eams(&a.c.def.eamt, &b.c.def.eamt);
		assert_int_equal(a.c.nspaces, b.c.nspaces);
		for (k = 0; k < a.c.nspaces; k++)
			same_eams(&a.c.spaces[k].eamt, &b.c.spaces[k].eamt);
	}
	free(a.json);
	free(b.json);
	dcx_config_free(&a.c);
	dcx_config_free(&b.c);
	return handled;
}

/*
 * t: the same result both ways, read by the stream or not (handled),
 * and want in the error (NULL: accepted).
 */
static void expect(const char *t, bool handled, const char *want)
{
	struct run a;

	if (both(t, strlen(t)) != handled)
		fail_msg("the stream %s %s", handled ? "declined" : "read", t);
	run_one(&a, t, strlen(t), true);
	if (!want && a.r)
		fail_msg("refused: %s (input %s)", a.err, t);
	if (want && (!a.r || !strstr(a.err, want)))
		fail_msg("\"%s\" lacks \"%s\" (input %s)", a.err, want, t);
	free(a.json);
	dcx_config_free(&a.c);
}

static void test_valid(void **state)
{
	struct run a;

	(void)state;
	expect(full, true, NULL);
	expect(small, true, NULL);
	expect("{}", true, NULL);
	expect(" \n{ \"eamt\": [ ] }\n\n", true, NULL);
	run_one(&a, full, strlen(full), true);
	assert_int_equal(a.c.def.eamt.n, 3);
	assert_true(a.c.def.eamt.v[1].remote);
	assert_int_equal(a.c.def.eamt.v[2].tag, 2);
	assert_int_equal(a.c.spaces[0].eamt.n, 1);
	assert_int_equal(a.c.spaces[0].eamt.v[0].p6.len, 112);
	free(a.json);
	dcx_config_free(&a.c);
}

/* No json-c object per entry: eamt arrays come empty, holding their list. */
static void test_tree(void **state)
{
	static const char other[] = "{\"x\":{\"eamt\":[\"1\"]}}";
	json_object *root, *sp, *v;

	(void)state;
	assert_int_equal(dcx_config_stream(full, strlen(full), &root), 0);
	assert_true(json_object_object_get_ex(root, "eamt", &v));
	assert_int_equal(json_object_array_length(v), 0);
	assert_non_null(dcx_stream_eamt(v));
	assert_int_equal(dcx_stream_eamt(v)->n, 3);
	assert_int_equal(dcx_stream_eamt(v)->v[2].tag, 2);
	assert_true(json_object_object_get_ex(root, "spaces", &sp));
	assert_true(json_object_object_get_ex(
		json_object_array_get_idx(sp, 0), "eamt", &v));
	assert_int_equal(dcx_stream_eamt(v)->n, 1);
	/* Other arrays are json-c's, entries and all. */
	assert_true(json_object_object_get_ex(root, "bindings", &v));
	assert_int_equal(json_object_array_length(v), 1);
	assert_null(dcx_stream_eamt(v));
	json_object_put(root);
	assert_int_equal(dcx_config_stream(other, strlen(other), &root), 0);
	v = json_object_object_get(json_object_object_get(root, "x"), "eamt");
	assert_int_equal(json_object_array_length(v), 1);
	assert_null(dcx_stream_eamt(v));
	json_object_put(root);
}

/* The last value of a repeated key counts, in the first one's place. */
static void test_duplicate_keys(void **state)
{
	(void)state;
	expect("{\"eamt\":[\"10.0.0.1 2001:db8::1\"],\"eamt\":[\"10.0.0.2 2001:db8::2\",\"10.0.0.3 2001:db8::3\"]}",
	       true, NULL);
	expect("{\"eamt\":[\"10.0.0.1 2001:db8::1\"],\"eamt\":\"x\"}", true,
	       "eamt: expected an array, got string");
	expect("{\"eamt\":\"x\",\"eamt\":[\"10.0.0.1 2001:db8::1\"]}", true, NULL);
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":1,\"eamt\":[\"10.0.0.1 2001:db8::1\"]}],"
	       "\"spaces\":[{\"name\":\"b\",\"id\":2,\"id\":3}]}", true, NULL);
	expect("{\"frob\":1,\"instance\":\"a\",\"frob\":2,\"wibble\":3}", true,
	       "(top level): unknown key \"frob\"");
	expect("{\"settings\":{\"hairpin\":true,\"hairpin\":7}}", true,
	       "settings.hairpin: ");
}

static void test_wrong_types(void **state)
{
	(void)state;
	/* Inside eamt arrays: declined, json-c's path words it. */
	expect("{\"eamt\":[5]}", false,
	       "eamt[0]: expected a string \"PREFIX4 PREFIX6\", got int");
	expect("{\"eamt\":[\"10.0.0.1 2001:db8::1\",null]}", false,
	       "eamt[1]: expected a string \"PREFIX4 PREFIX6\", got null");
	expect("{\"eamt\":[true]}", false, "got boolean");
	expect("{\"eamt\":[1.5]}", false, "got double");
	expect("{\"eamt\":[{}]}", false, "got object");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":1,\"eamt\":[[]]}]}", false,
	       "spaces[0].eamt[0]: expected a string \"PREFIX4 PREFIX6\", got array");
	/* Elsewhere: the stream's tree, config_parse.c's message. */
	expect("{\"eamt\":{}}", true, "eamt: expected an array, got object");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":\"1\"}]}", true,
	       "spaces[0].id: expected a number, got string");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":1.0}]}", true,
	       "spaces[0].id: expected a number, got double");
	expect("{\"spaces\":{}}", true, "spaces: expected an array, got object");
	expect("{\"spaces\":[[{\"eamt\":[]}]]}", true,
	       "spaces[0]: expected an object, got array");
	expect("{\"instance\":null}", true, "instance: expected a string, got null");
	expect("[]", false, "must be a JSON object");
	expect("\"x\"", false, "must be a JSON object");
}

static void test_unknown_keys(void **state)
{
	(void)state;
	expect("{\"eamt\":[],\"colour\":1}", true,
	       "(top level): unknown key \"colour\"; expected instance, settings, pool6, eamt, bindings, spaces");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":1,\"eamt\":[],\"x\":[1]}]}", true,
	       "spaces[0]: unknown key \"x\"");
	expect("{\"bindings\":[{\"dev\":\"e\",\"up\":true}]}", true,
	       "bindings[0]: unknown key \"up\"");
	expect("{\"settings\":{\"mtu\":1}}", true, "settings.mtu: unknown setting");
	/* "eamt" elsewhere is an ordinary key. */
	expect("{\"settings\":{\"eamt\":[\"10.0.0.1 2001:db8::1\"]}}", true,
	       "settings.eamt: unknown setting");
}

static void test_numbers(void **state)
{
	(void)state;
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":70000}]}", true,
	       "spaces[0].id: 70000 is out of range; use 1 to 65535");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":-1}]}", true,
	       "spaces[0].id: -1 is out of range; use 1 to 65535");
	/* json-c's limits: saturated int64, doubles. */
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":99999999999999999999}]}", true,
	       "spaces[0].id: 9223372036854775807 is out of range");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":-99999999999999999999}]}", true,
	       "spaces[0].id: -9223372036854775808 is out of range");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":1e999}]}", true,
	       "spaces[0].id: expected a number, got double");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":1,\"table\":4294967296}]}", true,
	       "spaces[0].table: 4294967296 is out of range; use 0 to 4294967295");
	expect("{\"settings\":{\"lowest-ipv6-mtu\":1E3}}", true,
	       "settings.lowest-ipv6-mtu: ");
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":-0}]}", true,
	       "spaces[0].id: 0 is out of range");
	/* Longer than the stream takes: json-c reads it. */
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":"
	       "000000000000000000000000000000000000000000000000000000000000000001}]}",
	       false, NULL);
}

static char *nested(const char *head, int depth, const char *tail)
{
	size_t n = strlen(head) + strlen(tail) + 2 * (size_t)depth + 1;
	char *t = malloc(n), *p = t;
	int i;

	assert_non_null(t);
	p += sprintf(p, "%s", head);
	for (i = 0; i < depth; i++)
		*p++ = '[';
	for (i = 0; i < depth; i++)
		*p++ = ']';
	sprintf(p, "%s", tail);
	return t;
}

static void test_deep_nesting(void **state)
{
	char *t;

	(void)state;
	/* Up to 16 levels the stream builds them; the settings check refuses. */
	t = nested("{\"settings\":{\"role\":", 14, "}}");
	expect(t, true, "settings.role: expected a string");
	free(t);
	/* Deeper: json-c's, its own check at 32 levels included. */
	t = nested("{\"settings\":{\"role\":", 20, "}}");
	expect(t, false, "settings.role: expected a string");
	free(t);
	t = nested("{\"x\":", 40, "}");
	expect(t, false, "cfg.json:1:37: invalid JSON: nesting too deep");
	free(t);
}

/* A string of n copies of c between head and tail. */
static char *huge(const char *head, size_t n, char c, const char *tail)
{
	char *t = malloc(strlen(head) + n + strlen(tail) + 1);

	assert_non_null(t);
	strcpy(t, head);
	memset(t + strlen(head), c, n);
	strcpy(t + strlen(head) + n, tail);
	return t;
}

static void test_huge_strings(void **state)
{
	char *t;

	(void)state;
	t = huge("{\"instance\":\"", 1 << 20, 'a', "\"}");
	expect(t, true, "instance: ");
	free(t);
	t = huge("{\"eamt\":[\"", 1 << 20, '1', "\"]}");
	expect(t, false, "eamt[0]: EAM entry too long");
	free(t);
	/* Long but valid: the scan takes blanks of any length. */
	t = huge("{\"eamt\":[\"10.0.0.1", 5000, ' ', "2001:db8::1\"]}");
	expect(t, true, NULL);
	free(t);
	t = huge("{\"x\":\"", 1 << 20, 'k', "\"}");
	expect(t, true, "(top level): unknown key \"x\"");
	free(t);
}

static void test_truncated(void **state)
{
	(void)state;
	expect("", false, "cfg.json:1:1: invalid JSON: unexpected end of data");
	expect("{\"eamt\":[\"10.0.0.1 2001:db8::1\"", false,
	       "cfg.json:1:32: invalid JSON: unexpected end of data");
	expect("{\"eamt\":[\"10.0.0.1 2001", false, "invalid JSON");
	expect("{\n\"spaces\":[{\"name\":\"a\",\n\"id\":1", false,
	       "cfg.json:3:7: invalid JSON: unexpected end of data");
}

/* Escapes, json-c's leniency, text around the value. */
static void test_other_syntax(void **state)
{
	(void)state;
	expect("{\"instance\":\"e\\u0064ge\"}", false, NULL);
	expect("{\"eamt\":[\"10.0.0.1\\t2001:db8::1\"]}", false, NULL);
	expect("{\"instance\":\"a\\ud800\"}", false, "instance: ");
	expect("{\"eamt\":[\"10.0.0.1 2001:db8::1\",]}", false, NULL);
	expect("{/* c */\"eamt\":[]}", false, NULL);
	expect("{'eamt':[]}", false, NULL);
	expect("{\"spaces\":[{\"name\":\"a\",\"id\":NaN}]}", false, "got double");
	expect("{\"bindings\":[{\"dev\":\"e\",\"prefix4\":NULL}]}", false, NULL);
	expect("{} x", false, "cfg.json:1:4: invalid JSON: unexpected text after the configuration");
	expect("{}{}", false, "unexpected text after the configuration");
	expect("{\"instance\":\"\xff\"}", false, "instance: ");
	expect("\xef\xbb\xbf{}", false, "invalid JSON");
}

/* The refusals tests/selftests/cli_apply.sh expects of apply, host-side. */
static void test_selftest_inputs(void **state)
{
	(void)state;
	expect("{\n  \"pool6\": \"64:ff9b::/96\",\n  \"eamt\": [ oops ]\n}\n",
	       false, "cfg.json:3:13: invalid JSON");
	expect("\x00\xff{{", false, "cfg.json:1:1: invalid JSON");
	expect("{\"pool6\": \"64:ff9b::/96\", \"colour\": 1}\n", true,
	       "(top level): unknown key \"colour\"");
	expect("{\"settings\": {\"lowest-ipv6-mtu\": 99999}}\n", true,
	       "settings.lowest-ipv6-mtu: 99999 is out of range");
	expect("{\"pool6\": \"64:ff9b::/95\"}\n", true,
	       "pool6: prefix 64:ff9b::/95 is not a valid RFC 6052 length");
	expect("{\"spaces\": [{\"name\": \"a\", \"id\": 1}, {\"name\": \"a\", \"id\": 2}]}\n",
	       true, "spaces[1].name: \"a\" is already the name of spaces[0]");
	expect("{\"eamt\": [\"10.9.0.0 2001:db8:9::1\", \"10.99.0.0/16 2001:db8:99::/111\"]}",
	       false, "eamt[1]: EAM 10.99.0.0/16 2001:db8:99::/111: the suffix lengths differ");
	expect("{\"eamt\": [\"10.9.0.1 2001:db8:9::1\", \"10.9.0.0/24 2001:db8:99::/120\"]}",
	       true, "eamt[1]: 10.9.0.0/24 overlaps 10.9.0.1/32 (eamt[0])");
}

/* Every truncation and byte flip of t. */
static void mutate(const char *t, size_t *handled, size_t *total)
{
	static const char flips[] = { '"', '[', ']', '{', '}', ',', ':', '\\',
				      ' ', '0', '9', 'e', '-', '/', 'x', '\0',
				      '\x80', '\f', '\v' };
	size_t len = strlen(t), off, f;
	char *m = malloc(len + 1);

	assert_non_null(m);
	for (off = 0; off <= len; off++) {
		memcpy(m, t, off);
		*handled += both(m, off);
		++*total;
	}
	for (off = 0; off < len; off++) {
		for (f = 0; f < sizeof(flips); f++) {
			memcpy(m, t, len + 1);
			if (m[off] == flips[f])
				continue;
			m[off] = flips[f];
			*handled += both(m, len);
			++*total;
		}
	}
	free(m);
}

static void test_mutated(void **state)
{
	size_t handled = 0, total = 0;

	(void)state;
	mutate(small, &handled, &total);
	mutate(full, &handled, &total);
	print_message("%zu mutated inputs, %zu read by the stream\n", total,
		      handled);
	/* Flips inside names and prefixes keep the JSON valid. */
	assert_true(handled > total / 20);
	assert_true(handled < total);
}

/* Many entries, one bad: the same message (json-c's path words it). */
static void test_bad_in_many(void **state)
{
	size_t n = 20000, bad, cap = n * 48 + 64, k, i;
	char *t = malloc(cap);

	(void)state;
	assert_non_null(t);
	for (bad = 0; bad <= n; bad += n / 2) {
		k = (size_t)snprintf(t, cap, "{\"eamt\":[");
		for (i = 0; i < n; i++)
			k += (size_t)snprintf(t + k, cap - k,
					      "%s\"10.%zu.%zu.%zu %s%zx\"",
					      i ? "," : "", i >> 16,
					      (i >> 8) & 255, i & 255,
					      i == bad ? "2001:db8::/64 " :
					      "2001:db8::", i);
		snprintf(t + k, cap - k, "]}");
		assert_int_equal(both(t, strlen(t)), bad == n);
	}
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_strings),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_other_syntax),
		cmocka_unit_test(test_selftest_inputs),
		cmocka_unit_test(test_mutated),
		cmocka_unit_test(test_bad_in_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
