// SPDX-License-Identifier: GPL-2.0
/* EAM entries as the user writes them (usr/eam.c): parsing, bulk files, overlaps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include "eam.h"

static void parse_ok(const char *p4, const char *p6, const char *shown)
{
	char err[512], buf[DCX_EAM_STRLEN];
	struct dcx_ueam e;

	if (dcx_eam_parse(p4, p6, &e, err, sizeof(err)))
		fail_msg("%s %s refused: %s", p4, p6, err);
	assert_string_equal(dcx_eam_str(&e, buf, sizeof(buf)), shown);
}

static void parse_bad(const char *p4, const char *p6, const char *want)
{
	char err[512] = "";
	struct dcx_ueam e;

	if (!dcx_eam_parse(p4, p6, &e, err, sizeof(err)))
		fail_msg("%s %s accepted", p4, p6);
	if (!strstr(err, want))
		fail_msg("%s %s: \"%s\" lacks \"%s\"", p4, p6, err, want);
}

static void test_parse(void **state)
{
	(void)state;
	parse_ok("192.0.2.0/24", "2001:db8:aaaa::/120",
		 "192.0.2.0/24 2001:db8:aaaa::/120");
	parse_ok("192.0.2.1", "2001:db8::1", "192.0.2.1/32 2001:db8::1/128");
	parse_ok("0.0.0.0/0", "2001:db8::/96", "0.0.0.0/0 2001:db8::/96");
	parse_bad("192.0.2.0/24", "2001:db8::/121", "suffix lengths differ");
	parse_bad("192.0.2.0/24", "2001:db8::/121", "here /120");
	parse_bad("192.0.2.1/24", "2001:db8::/120", "did you mean 192.0.2.0/24");
	parse_bad("192.0.2.0/24", "2001:db8::1/120",
		  "did you mean 2001:db8::/120");
	parse_bad("192.0.2.0/33", "2001:db8::/129", "not a number from 0 to 32");
	parse_bad("2001:db8::/24", "2001:db8::/120", "is an IPv6 address");
	parse_bad("192.0.2.0/24", "192.0.2.0/24", "is an IPv4 address");
	parse_bad("192.0.2/24", "2001:db8::/120", "is not an IPv4 address");
	parse_bad("192.0.2.0/2x", "2001:db8::/120", "not a number");
	parse_bad("", "2001:db8::/120", "missing IPv4 prefix");
}

static void line_bad(const char *line, const char *want)
{
	char buf[256], err[512] = "";
	struct dcx_ueam e;
	bool empty;

	snprintf(buf, sizeof(buf), "%s", line);
	if (!dcx_eam_parse_line(buf, &e, &empty, err, sizeof(err)))
		fail_msg("\"%s\" accepted", line);
	if (!strstr(err, want))
		fail_msg("\"%s\": \"%s\" lacks \"%s\"", line, err, want);
}

static void test_lines(void **state)
{
	char buf[128], err[512];
	struct dcx_ueam e;
	bool empty;

	(void)state;
	snprintf(buf, sizeof(buf), "   # only a comment\n");
	assert_int_equal(dcx_eam_parse_line(buf, &e, &empty, err, sizeof(err)),
			 0);
	assert_true(empty);
	snprintf(buf, sizeof(buf), "\t\r\n");
	assert_int_equal(dcx_eam_parse_line(buf, &e, &empty, err, sizeof(err)),
			 0);
	assert_true(empty);
	snprintf(buf, sizeof(buf),
		 "\t192.0.2.0/24   2001:db8::/120  # web\r\n");
	assert_int_equal(dcx_eam_parse_line(buf, &e, &empty, err, sizeof(err)),
			 0);
	assert_false(empty);
	assert_int_equal(e.p4.len, 24);
	assert_int_equal(e.p6.len, 120);
	line_bad("192.0.2.0/24", "missing the IPv6 prefix");
	line_bad("192.0.2.0/24 2001:db8::/120 extra", "unexpected \"extra\"");
	/* RFC 7756 5.2 entries: a third word, local or remote. */
	assert_false(e.remote);
	snprintf(buf, sizeof(buf), "192.0.2.0/24 2001:db8::/120 remote\n");
	assert_int_equal(dcx_eam_parse_line(buf, &e, &empty, err, sizeof(err)),
			 0);
	assert_true(e.remote);
	assert_string_equal(dcx_eam_str(&e, buf, sizeof(buf)),
			    "192.0.2.0/24 2001:db8::/120 remote");
	assert_int_equal(dcx_eam_parse_str("192.0.2.0/24 2001:db8::/120 local",
					   &e, err, sizeof(err)), 0);
	assert_false(e.remote);
	line_bad("192.0.2.0/24 2001:db8::/120 remote x", "unexpected \"x\"");
	assert_int_equal(dcx_eam_parse_str("192.0.2.0/24 2001:db8::/120", &e,
					   err, sizeof(err)), 0);
	assert_int_equal(dcx_eam_parse_str("  ", &e, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "empty EAM entry"));
}

static FILE *text_file(const char *text)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	fputs(text, f);
	rewind(f);
	return f;
}

static void test_read_file(void **state)
{
	struct dcx_eam_vec v = { NULL, 0, 0 };
	char err[512];
	FILE *f;

	(void)state;
	f = text_file("# header\n192.0.2.0/24 2001:db8::/120\n\n"
		      "198.51.100.7 2001:db8:1::7\n");
	assert_int_equal(dcx_eam_read(f, "in.txt", &v, err, sizeof(err)), 0);
	fclose(f);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.v[0].tag, 2);	/* line numbers */
	assert_int_equal(v.v[1].tag, 4);
	dcx_eam_vec_free(&v);

	f = text_file("192.0.2.0/24 2001:db8::/120\n# x\n10.0.0.0/8 2001:db8::/100\n"
		      "10.0.0.0/8 2001:db8::/104\n");
	assert_int_equal(dcx_eam_read(f, "in.txt", &v, err, sizeof(err)), -1);
	fclose(f);
	assert_non_null(strstr(err, "in.txt:3: EAM 10.0.0.0/8 2001:db8::/100: the suffix lengths differ"));
	dcx_eam_vec_free(&v);
}

static const char *label(unsigned int tag, const void *ctx, char *buf,
			 size_t len)
{
	(void)ctx;
	snprintf(buf, len, "line %u", tag);
	return buf;
}

static void add(struct dcx_eam_vec *v, const char *p4, const char *p6,
		unsigned int tag)
{
	char err[512];
	struct dcx_ueam e;

	assert_int_equal(dcx_eam_parse(p4, p6, &e, err, sizeof(err)), 0);
	e.tag = tag;
	assert_int_equal(dcx_eam_vec_push(v, &e), 0);
}

static void test_overlaps(void **state)
{
	struct dcx_eam_vec v = { NULL, 0, 0 };
	char err[512];

	(void)state;
	add(&v, "192.0.2.0/24", "2001:db8:1::/120", 1);
	add(&v, "198.51.100.0/24", "2001:db8:2::/120", 2);
	add(&v, "192.0.3.0/24", "2001:db8:3::/120", 3);
	assert_int_equal(dcx_eam_check_overlaps(v.v, v.n, true, label, NULL,
						err, sizeof(err)), 0);
	assert_int_equal(dcx_eam_check_overlaps(v.v, v.n, false, label, NULL,
						err, sizeof(err)), 0);
	add(&v, "192.0.2.128/25", "2001:db8:4::/121", 4);
	assert_int_equal(dcx_eam_check_overlaps(v.v, v.n, true, label, NULL,
						err, sizeof(err)), -1);
	assert_string_equal(err,
			    "line 4: 192.0.2.128/25 overlaps 192.0.2.0/24 (line 1); EAM prefixes must not overlap");
	v.n = 3;
	add(&v, "203.0.113.0/24", "2001:db8:2::/120", 5);
	assert_int_equal(dcx_eam_check_overlaps(v.v, v.n, false, label, NULL,
						err, sizeof(err)), -1);
	assert_string_equal(err,
			    "line 5: 2001:db8:2::/120 duplicates 2001:db8:2::/120 (line 2); EAM prefixes must not overlap");
	/* An IPv6 /0 style wide prefix contains everything. */
	v.n = 3;
	add(&v, "0.0.0.0/0", "2001:db8::/96", 6);
	assert_int_equal(dcx_eam_check_overlaps(v.v, v.n, true, label, NULL,
						err, sizeof(err)), -1);
	assert_non_null(strstr(err, "line 6: 0.0.0.0/0 overlaps"));
	dcx_eam_vec_free(&v);
}

/* Against a brute-force model on random prefixes. */
static bool contains4(const struct dcx_ueam *a, const struct dcx_ueam *b)
{
	unsigned int l = a->p4.len < b->p4.len ? a->p4.len : b->p4.len;
	uint32_t m = l ? ~0u << (32 - l) : 0;

	return !((ntohl(a->p4.addr.s_addr) ^ ntohl(b->p4.addr.s_addr)) & m);
}

/* v = n random IPv4 prefixes of minlen..32 bits within amask; tags tag0.. */
static void random_set(struct dcx_eam_vec *v, unsigned int n,
		       unsigned int minlen, uint32_t amask, unsigned int tag0)
{
	unsigned int i;

	v->n = 0;
	for (i = 0; i < n; i++) {
		struct dcx_ueam e;
		unsigned int len = minlen + (unsigned int)rand() % (33 - minlen);
		uint32_t a = ((uint32_t)rand() << 1 ^ (uint32_t)rand()) & amask;

		memset(&e, 0, sizeof(e));
		e.p4.len = len;
		e.p4.addr.s_addr = htonl(a & (~0u << (32 - len)));
		e.p6.len = len + 96;
		e.tag = tag0 + i;
		assert_int_equal(dcx_eam_vec_push(v, &e), 0);
	}
}

static void test_overlaps_random(void **state)
{
	struct dcx_eam_vec v = { NULL, 0, 0 };
	char err[512];
	unsigned int round, i, j, n;
	bool model;
	int r;

	(void)state;
	srand(7);
	for (round = 0; round < 300; round++) {
		n = 2 + (unsigned int)rand() % 40;
		random_set(&v, n, 8, 0x0f0fffffu, 0);
		model = false;
		for (i = 0; i < n && !model; i++)
			for (j = 0; j < i && !model; j++)
				model = contains4(&v.v[i], &v.v[j]);
		r = dcx_eam_check_overlaps(v.v, v.n, true, label, NULL, err,
					   sizeof(err));
		assert_int_equal(r, model ? -1 : 0);
	}
	dcx_eam_vec_free(&v);
}

static int by_prefix4(const void *x, const void *y)
{
	const struct dcx_ueam *a = x, *b = y;
	uint32_t p = ntohl(a->p4.addr.s_addr), q = ntohl(b->p4.addr.s_addr);

	if (p != q)
		return p < q ? -1 : 1;
	return (int)a->p4.len - (int)b->p4.len;
}

/* Sorted input (checked without a sort): the first neighbours named. */
static void test_overlaps_sorted(void **state)
{
	struct dcx_eam_vec v = { NULL, 0, 0 };
	unsigned int round, i, n, clean = 0;
	char err[512], want[32];
	int r;

	(void)state;
	srand(11);
	for (round = 0; round < 300; round++) {
		n = 2 + (unsigned int)rand() % 40;
		random_set(&v, n, 16, 0x03ffff00u, 100);
		qsort(v.v, n, sizeof(*v.v), by_prefix4);
		for (i = 1; i < n; i++)
			if (contains4(&v.v[i - 1], &v.v[i]))
				break;
		r = dcx_eam_check_overlaps(v.v, v.n, true, label, NULL, err,
					   sizeof(err));
		assert_int_equal(r, i < n ? -1 : 0);
		if (i == n) {
			clean++;
			continue;
		}
		snprintf(want, sizeof(want), "line %u: ", v.v[i].tag);
		assert_true(!strncmp(err, want, strlen(want)));
		snprintf(want, sizeof(want), "(line %u)", v.v[i - 1].tag);
		assert_non_null(strstr(err, want));
	}
	dcx_eam_vec_free(&v);
	/* Both kinds of set came up: clean ones and overlapping ones. */
	assert_in_range(clean, 1, 299);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_overlaps),
		cmocka_unit_test(test_overlaps_random),
		cmocka_unit_test(test_overlaps_sorted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
