// SPDX-License-Identifier: GPL-2.0
/* Settings from the uapi table (usr/settings.c): parse, print, JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "settings.h"

static const struct dcx_setting_def *def(const char *name)
{
	const struct dcx_setting_def *d = dcx_setting_find(name);

	if (!d)
		fail_msg("no setting %s", name);
	return d;
}

/* Parse text and print it back as want. */
static void rt(const char *key, const char *text, const char *want)
{
	const struct dcx_setting_def *d = def(key);
	char err[512], buf[64];
	struct dcx_setval v;

	if (dcx_setting_parse(d, text, &v, err, sizeof(err)))
		fail_msg("%s %s refused: %s", key, text, err);
	assert_true(v.present);
	assert_string_equal(dcx_setting_str(d, &v, buf, sizeof(buf)), want);
}

static void bad(const char *key, const char *text, const char *want)
{
	const struct dcx_setting_def *d = def(key);
	char err[512] = "";
	struct dcx_setval v;

	if (!dcx_setting_parse(d, text, &v, err, sizeof(err)))
		fail_msg("%s %s accepted", key, text);
	if (!strstr(err, want))
		fail_msg("%s %s: \"%s\" lacks \"%s\"", key, text, err, want);
}

static void test_table(void **state)
{
	char err[512], buf[64];
	struct dcx_setval v;
	size_t i, j;

	(void)state;
	/* One row per DCXLAT_SET_* attribute, unique names and attributes. */
	assert_int_equal(dcx_setting_count, DCXLAT_SET_MAX);
	for (i = 0; i < dcx_setting_count; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];

		assert_true(d->attr >= 1 && d->attr <= DCXLAT_SET_MAX);
		assert_ptr_equal(dcx_setting_by_attr(d->attr), d);
		for (j = 0; j < i; j++) {
			assert_int_not_equal(dcx_setting_defs[j].attr, d->attr);
			assert_string_not_equal(dcx_setting_defs[j].name,
						d->name);
		}
		/* Every default parses and prints as written. */
		if (dcx_setting_parse(d, d->dflt, &v, err, sizeof(err)))
			fail_msg("default of %s: %s", d->name, err);
		assert_string_equal(dcx_setting_str(d, &v, buf, sizeof(buf)),
				    d->dflt);
		assert_true(strlen(d->doc) > 10);
		assert_true(strlen(d->rfc) > 3);
	}
}

static void test_values(void **state)
{
	(void)state;
	rt("lowest-ipv6-mtu", "1280", "1280");
	rt("lowest-ipv6-mtu", "65535", "65535");
	bad("lowest-ipv6-mtu", "1279", "out of range; use 1280 to 65535");
	bad("lowest-ipv6-mtu", "65536", "out of range");
	bad("lowest-ipv6-mtu", "-5", "not a number");
	bad("lowest-ipv6-mtu", "12x", "not a number");
	rt("new-tos", "255", "255");
	bad("new-tos", "256", "out of range; use 0 to 255");
	rt("hairpin", "off", "off");
	rt("hairpin", "true", "on");
	rt("hairpin", "0", "off");
	bad("hairpin", "maybe", "is not on or off");
	rt("role", "er", "er");
	rt("role", "br", "br");
	bad("role", "router", "is not one of siit|br|er");
	rt("udp-zero-checksum", "drop", "drop");
	rt("unbound", "pass", "pass");
	rt("rfc6791v4", "192.0.0.8", "192.0.0.8/32");
	rt("rfc6791v4", "198.51.100.0/28", "198.51.100.0/28");
	rt("rfc6791v4", "unset", "unset");
	bad("rfc6791v4", "198.51.100.1/28", "did you mean 198.51.100.0/28");
	bad("rfc6791v4", "0.0.0.0/0", "not allowed");
	rt("rfc6791v6", "2001:db8::/64", "2001:db8::/64");
	rt("rfc6791v6", "none", "unset");
	bad("rfc6791v6", "2001:db8::1/64", "has bits set");
	rt("space-base", "2001:db8:a41::/48", "2001:db8:a41::/48");
	bad("space-base", "2001:db8::/96", "out of range; use 1 to 80");
	rt("ndp-proxy", "eth0", "eth0");
	rt("ndp-proxy", "unset", "unset");
	bad("ndp-proxy", "a/b", "not a valid device name");
	bad("ndp-proxy", "0123456789abcdef", "not a valid device name");
	rt("max-eam-entries", "16777216", "16777216");
	bad("max-eam-entries", "16777217", "out of range");
	bad("max-eam-entries", "0", "out of range");
	rt("max-spaces", "65536", "65536");
	bad("max-spaces", "65537", "out of range");
}

static void test_json(void **state)
{
	struct dcx_settings s;
	struct dcx_setval v;
	char err[512];
	json_object *o, *j;

	(void)state;
	dcx_settings_defaults(&s);
	o = dcx_settings_json(&s);
	assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
		JSON_C_TO_STRING_NOSLASHESCAPE),
		"{\"rfc6791v4\":\"192.0.0.8/32\",\"rfc6791v6\":null,"
		"\"lowest-ipv6-mtu\":1280,\"reset-traffic-class\":false,"
		"\"reset-tos\":false,\"new-tos\":0,\"udp-zero-checksum\":\"compute\","
		"\"role\":\"siit\",\"er-ingress-filter\":true,\"hairpin\":true,"
		"\"unbound\":\"default\",\"space-base\":null,\"ndp-proxy\":null,"
		"\"max-eam-entries\":1048576,\"max-spaces\":4096}");
	json_object_put(o);

	j = json_object_new_int(1500);
	assert_int_equal(dcx_setting_from_json(def("lowest-ipv6-mtu"), j, &v,
					       err, sizeof(err)), 0);
	assert_int_equal(v.u, 1500);
	json_object_put(j);
	j = json_object_new_string("1500");
	assert_int_equal(dcx_setting_from_json(def("lowest-ipv6-mtu"), j, &v,
					       err, sizeof(err)), -1);
	assert_non_null(strstr(err, "expected a number"));
	json_object_put(j);
	j = json_object_new_int(-1);
	assert_int_equal(dcx_setting_from_json(def("new-tos"), j, &v, err,
					       sizeof(err)), -1);
	assert_non_null(strstr(err, "out of range"));
	json_object_put(j);
	j = json_object_new_string("on");
	assert_int_equal(dcx_setting_from_json(def("hairpin"), j, &v, err,
					       sizeof(err)), -1);
	assert_non_null(strstr(err, "expected true or false"));
	json_object_put(j);
	assert_int_equal(dcx_setting_from_json(def("rfc6791v4"), NULL, &v, err,
					       sizeof(err)), 0);
	assert_int_equal(v.p4.len, 0);
	j = json_object_new_string("unset");
	assert_int_equal(dcx_setting_from_json(def("rfc6791v4"), j, &v, err,
					       sizeof(err)), -1);
	assert_non_null(strstr(err, "write null"));
	json_object_put(j);
	assert_int_equal(dcx_setting_from_json(def("role"), NULL, &v, err,
					       sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
