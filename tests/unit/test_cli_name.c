// SPDX-License-Identifier: GPL-2.0
/* CLI instance and netns name validation (usr/name.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "uapi/dcxlat.h"
#include "name.h"

static void name_ok(const char *s)
{
	char err[256] = "";

	assert_int_equal(dcx_name_check(s, err, sizeof(err)), 0);
	assert_string_equal(err, "");
}

static void name_bad(const char *s, const char *want)
{
	char err[256] = "";

	assert_int_equal(dcx_name_check(s, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("name \"%s\": message \"%s\" lacks \"%s\"",
			 s ? s : "(null)", err, want);
}

static void test_instance_names(void **state)
{
	char buf[64];
	int c;

	(void)state;
	name_ok(DCX_DEFAULT_INSTANCE);
	name_ok("a");
	name_ok("!");
	name_ok("~");
	name_ok("-dash-first");
	name_ok("123456789012345");	/* DCXLAT_NAME_MAX - 1 */
	name_bad("1234567890123456", "is too long (16 bytes; at most 15)");
	name_bad(NULL, "instance name is empty");
	name_bad("", "instance name is empty");
	name_bad("a b", "(0x20 at byte 2)");
	name_bad("tab\t", "(0x09 at byte 4)");
	name_bad("\x7f", "(0x7f at byte 1)");
	name_bad("caf\xc3\xa9", "(0xc3 at byte 4)");
	/* Long names are cut in the message, not printed whole. */
	memset(buf, 'x', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	name_bad(buf, "...\" is too long (63 bytes; at most 15)");

	/* Exactly 0x21..0x7e is allowed, as the kernel enforces. */
	for (c = 1; c < 256; c++) {
		char s[2] = { (char)c, '\0' };
		char err[256];
		int want = (c >= 0x21 && c <= 0x7e) ? 0 : -1;

		assert_int_equal(dcx_name_check(s, err, sizeof(err)), want);
	}
	assert_int_equal(DCXLAT_NAME_MAX, 16);
}

static void test_netns_names(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(dcx_netns_name_check("blue", err, sizeof(err)), 0);
	assert_int_equal(dcx_netns_name_check("ns-1.a", err, sizeof(err)), 0);
	assert_int_equal(dcx_netns_name_check("", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "empty"));
	assert_int_equal(dcx_netns_name_check(NULL, err, sizeof(err)), -1);
	assert_int_equal(dcx_netns_name_check("../etc", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "invalid network namespace name \"../etc\""));
	assert_int_equal(dcx_netns_name_check("a/b", err, sizeof(err)), -1);
	assert_int_equal(dcx_netns_name_check(".", err, sizeof(err)), -1);
	assert_int_equal(dcx_netns_name_check("..", err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_instance_names),
		cmocka_unit_test(test_netns_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
