// SPDX-License-Identifier: GPL-2.0
/* CLI prefix parsing and RFC 6052 checks (usr/prefix.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <errno.h>
#include "core/prefix.h"
#include "prefix.h"

static struct in6_addr addr6(const char *s)
{
	struct in6_addr a;

	assert_int_equal(inet_pton(AF_INET6, s, &a), 1);
	return a;
}

static void parse_ok(const char *s, const char *addr, unsigned int len)
{
	struct dcx_uprefix p;
	struct in6_addr want = addr6(addr);
	char err[256] = "";

	memset(&p, 0xa5, sizeof(p));
	assert_int_equal(dcx_prefix_parse(s, &p, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_memory_equal(&p.addr, &want, sizeof(want));
	assert_int_equal(p.len, len);
}

/* Parse must fail and the message must contain want. */
static void parse_bad(const char *s, const char *want)
{
	struct dcx_uprefix p;
	char err[256] = "";

	assert_int_equal(dcx_prefix_parse(s, &p, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("parse(\"%s\"): message \"%s\" lacks \"%s\"",
			 s ? s : "(null)", err, want);
}

static void test_parse_valid(void **state)
{
	(void)state;
	parse_ok("64:ff9b::/96", "64:ff9b::", 96);
	parse_ok("2001:db8::/32", "2001:db8::", 32);
	parse_ok("2001:db8:100::/40", "2001:db8:100::", 40);
	parse_ok("2001:db8:122::/48", "2001:db8:122::", 48);
	parse_ok("2001:db8:122:300::/56", "2001:db8:122:300::", 56);
	parse_ok("2001:db8:122:344::/64", "2001:db8:122:344::", 64);
	parse_ok("::/0", "::", 0);
	/* Syntax accepts up to 255 so the kernel's own check can be hit. */
	parse_ok("2001:db8::/129", "2001:db8::", 129);
	parse_ok("2001:db8::/255", "2001:db8::", 255);
	parse_ok("2001:db8::/007", "2001:db8::", 7);
}

static void test_parse_syntax_errors(void **state)
{
	(void)state;
	parse_bad(NULL, "missing prefix");
	parse_bad("", "missing prefix");
	parse_bad("64:ff9b::", "missing \"/LENGTH\"");
	parse_bad("/96", "expected IPV6-ADDRESS/LENGTH");
	parse_bad("garbage/96", "\"garbage\" is not an IPv6 address");
	parse_bad("64:ff9g::/96", "is not an IPv6 address");
	parse_bad("192.0.2.0/24", "is an IPv4 address; an IPv6 prefix is needed");
	parse_bad("64:ff9b::/", "length \"\" is not a number");
	parse_bad("64:ff9b::/x", "length \"x\" is not a number");
	parse_bad("64:ff9b::/9x", "length \"9x\" is not a number");
	parse_bad("64:ff9b::/-1", "length \"-1\" is not a number");
	parse_bad("64:ff9b::/+96", "is not a number");
	parse_bad("64:ff9b::/ 96", "is not a number");
	parse_bad("64:ff9b::/256", "length \"256\" is not a number");
	parse_bad("64:ff9b::/0096", "is not a number");
	parse_bad("64:ff9b::/96/96", "is not a number");
	/* An address longer than any IPv6 text form. */
	parse_bad("0000:0000:0000:0000:0000:0000:0000:0000:0000:0000/96",
		  "expected IPV6-ADDRESS/LENGTH");
}

static void check(const char *s, int want_rc, const char *want_msg)
{
	struct dcx_uprefix p;
	char err[256] = "";

	assert_int_equal(dcx_prefix_parse(s, &p, err, sizeof(err)), 0);
	assert_int_equal(dcx_prefix_check_pool6(&p, err, sizeof(err)),
			 want_rc);
	if (want_msg && strcmp(err, want_msg))
		fail_msg("check(\"%s\"): got \"%s\", want \"%s\"", s, err,
			 want_msg);
}

static void test_check_pool6(void **state)
{
	(void)state;
	check("64:ff9b::/96", 0, NULL);
	check("2001:db8::/32", 0, NULL);
	check("2001:db8:100::/40", 0, NULL);
	check("2001:db8:122::/48", 0, NULL);
	check("2001:db8:122:300::/56", 0, NULL);
	check("2001:db8:122:344::/64", 0, NULL);
	check("ff02::/96", -1,
	      "prefix ff02::/96 overlaps ff00::/8 (multicast): not usable as a translation prefix");
	check("::/96", -1,
	      "prefix ::/96 overlaps ::/128 (unspecified): not usable as a translation prefix");
	check("2001:db8::/95", -1,
	      "prefix 2001:db8::/95 is not a valid RFC 6052 length; use 32, 40, 48, 56, 64 or 96");
	check("::/0", -1,
	      "prefix ::/0 is not a valid RFC 6052 length; use 32, 40, 48, 56, 64 or 96");
	check("2001:db8::/128", -1,
	      "prefix 2001:db8::/128 is not a valid RFC 6052 length; use 32, 40, 48, 56, 64 or 96");
	check("2001:db8::/129", -1,
	      "prefix 2001:db8::/129: length 129 is out of range; IPv6 prefixes have 0 to 128 bits and RFC 6052 allows 32, 40, 48, 56, 64 or 96");
	check("2001:db8::1/64", -1,
	      "prefix 2001:db8::1/64 has bits set after the prefix length; did you mean 2001:db8::/64?");
	/* The lowest host bit after /96 and the first one after /32. */
	check("64:ff9b::1/96", -1,
	      "prefix 64:ff9b::1/96 has bits set after the prefix length; did you mean 64:ff9b::/96?");
	check("2001:db8:8000::/32", -1,
	      "prefix 2001:db8:8000::/32 has bits set after the prefix length; did you mean 2001:db8::/32?");
	/* A bit inside a partial byte is fine when it is before the length. */
	check("2001:db8:ff00::/40", 0, NULL);
	check("2001:db8:ff80::/40", -1, NULL);
}

static void test_len_ok_table(void **state)
{
	unsigned int len, n = 0;

	(void)state;
	for (len = 0; len <= 256; len++) {
		bool want = len == 32 || len == 40 || len == 48 ||
			    len == 56 || len == 64 || len == 96;

		assert_int_equal(dcx_prefix_len_ok(len), want);
		n += want;
	}
	assert_int_equal(n, 6);
}

static void test_mask_and_str(void **state)
{
	struct dcx_uprefix p = { addr6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
				 44 };
	char buf[DCX_PREFIX_STRLEN];

	(void)state;
	dcx_prefix_mask(&p);
	assert_string_equal(dcx_prefix_str(&p, buf, sizeof(buf)),
			    "ffff:ffff:fff0::/44");
	p.len = 0;
	dcx_prefix_mask(&p);
	assert_string_equal(dcx_prefix_str(&p, buf, sizeof(buf)), "::/0");
	p.addr = addr6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	p.len = 128;
	dcx_prefix_mask(&p);
	assert_string_equal(dcx_prefix_str(&p, buf, sizeof(buf)),
			    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
	/* The longest text form fits DCX_PREFIX_STRLEN. */
	p.addr = addr6("::ffff:255.255.255.255");
	p.len = 128;
	assert_string_equal(dcx_prefix_str(&p, buf, sizeof(buf)),
			    "::ffff:255.255.255.255/128");
}

/* The reserved ranges of kmod/core/prefix.c, as the CLI checks them. */
static void test_reserved_ranges(void **state)
{
	static const struct {
		const char *addr;
		unsigned int len;
		const char *range;
	} t[] = {
		{ "ff02::", 96, "ff00::/8 (multicast)" },
		{ "ff00::", 8, "ff00::/8 (multicast)" },
		{ "fe00::", 7, "fe80::/10 (link-local)" },
		{ "feff::", 16, NULL },
		{ "fe80::", 64, "fe80::/10 (link-local)" },
		{ "febf:ffff::", 32, "fe80::/10 (link-local)" },
		{ "8000::", 1, "fe80::/10 (link-local)" },
		{ "::", 0, "::/128 (unspecified)" },
		{ "::", 96, "::/128 (unspecified)" },
		{ "::1", 128, "::1/128 (loopback)" },
		{ "::ffff:0:0", 96, "::ffff:0:0/96 (IPv4-mapped)" },
		{ "::ffff:c000:0", 104, "::ffff:0:0/96 (IPv4-mapped)" },
		{ "fec0::", 10, NULL },
		{ "fe7f::", 16, NULL },
		{ "::fffe:0:0", 96, NULL },
		{ "0:0:0:0:0:1::", 96, NULL },
		{ "::2", 128, NULL },
		{ "64:ff9b::", 96, NULL },
		{ "2001:db8::", 32, NULL },
		{ "feff::", 15, NULL },
	};
	char why[DCX_WHY_LEN];
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct in6_addr a = addr6(t[i].addr);
		const char *got = dcx_prefix6_reserved(a.s6_addr, t[i].len);

		if (t[i].range ? !got || strcmp(got, t[i].range) : !!got)
			fail_msg("%s/%u: got %s, want %s", t[i].addr, t[i].len,
				 got ? got : "none",
				 t[i].range ? t[i].range : "none");
		assert_int_equal(dcx_prefix6_check_reserved(a.s6_addr, t[i].len,
							    why),
				 t[i].range ? -EINVAL : 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_syntax_errors),
		cmocka_unit_test(test_check_pool6),
		cmocka_unit_test(test_len_ok_table),
		cmocka_unit_test(test_mask_and_str),
		cmocka_unit_test(test_reserved_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
