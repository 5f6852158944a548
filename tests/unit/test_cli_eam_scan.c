// SPDX-License-Identifier: GPL-2.0
/*
 * The fast path of bulk EAM lines (dcx_eam_scan(), usr/eam.c) against the
 * slow parser it stands in for: whatever it accepts, dcx_eam_parse_line()
 * accepts with the same entry; the usual forms do take it. Fixed lines,
 * then mutations of them and random lines from their alphabet.
 */
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

/* Lines the fast path must take, with what the slow one makes of them. */
static const char *const usual[] = {
	"10.0.0.1/32 2001:db8:0:1::1/128",
	"10.0.0.1/32 2001:db8:0:1::1/128\n",
	"10.0.0.1/32 2001:db8:0:1::1/128\r\n",
	"  10.0.0.1/32\t2001:db8:0:1::1/128   \n",
	"10.0.0.1 2001:db8::1",
	"192.0.2.0/24 2001:db8:aaaa::/120 remote\n",
	"192.0.2.0/24 2001:db8:aaaa::/120 local # a comment\n",
	"192.0.2.0/24 2001:DB8:AAAA::/120#comment",
	"0.0.0.0/0 2001:db8::/96",
	"255.255.255.255/32 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
	"10.1.2.3/32 1:2:3:4:5:6:7:8/128",
	"10.1.2.3/32 1:2:3:4:5:6:7::/128",
	"10.1.2.3/32 ::2:3:4:5:6:7:8/128",
	"10.1.2.3/32 ::1/128",
	"10.1.2.3/032 0001:0db8::0001/0128x",	/* slow path: a bad length */
	"10.1.2.0/024 2001:db8::/120",
};

/* Lines it may leave to the slow path (refused, or an unusual form). */
static const char *const other[] = {
	"", "\n", "# comment", "10.0.0.1/32", "10.0.0.1/32 # x",
	"10.0.0.01/32 2001:db8::1/128", "10.0.0.256/32 2001:db8::1/128",
	"10.0.0/32 2001:db8::1/128", "10.0.0.1.1/32 2001:db8::1/128",
	"10.0.0.1/33 2001:db8::1/129", "10.0.0.1/31 2001:db8::1/127",
	"10.0.0.0/31 2001:db8::1/127", "10.0.0.0/24 2001:db8::/121",
	"10.0.0.1/32 ::ffff:10.0.0.1/128", "10.0.0.1/32 1:2:3:4:5:6:7:8:9/128",
	"10.0.0.1/32 1::2::3/128", "10.0.0.1/32 :1::/128",
	"10.0.0.1/32 1:/128", "10.0.0.1/32 12345::/128",
	"10.0.0.1/32 1:2:3:4:5:6:7:8::/128", "10.0.0.1/32 :::/128",
	"10.0.0.1/32 2001:db8::1/128 remote local",
	"10.0.0.1/32 2001:db8::1/128 remotely",
	"10.0.0.1/32 2001:db8::1/128\rremote\n",
	"10.0.0.1/32 2001:db8::1/128 x", "10.0.0.1/32 2001:db8::1/1280",
	"10.0.0.1/ 2001:db8::1/128", "10.0.0.1/32 2001:db8::1/",
	"10.0.0.1/32#2001:db8::1/128", "10.0.0.1/32 2001:db8::1%eth0/128",
	"1.2.3.4/32 1:2:3:4:5:6:7:8/128 local\n",
};

static void same(const char *line, bool must_scan)
{
	struct dcx_ueam fast, slow;
	char buf[600], err[512];
	bool empty = false;
	int r;

	memset(&fast, 0xa5, sizeof(fast));
	memset(&slow, 0x5a, sizeof(slow));
	if (!dcx_eam_scan(line, &fast)) {
		if (must_scan)
			fail_msg("\"%s\" missed the fast path", line);
		return;
	}
	snprintf(buf, sizeof(buf), "%s", line);
	r = dcx_eam_parse_line(buf, &slow, &empty, err, sizeof(err));
	if (r || empty)
		fail_msg("\"%s\": fast path took what the slow one refuses: %s",
			 line, r ? err : "empty");
	if (fast.p4.addr.s_addr != slow.p4.addr.s_addr ||
	    fast.p4.len != slow.p4.len || fast.p6.len != slow.p6.len ||
	    memcmp(&fast.p6.addr, &slow.p6.addr, 16) ||
	    fast.remote != slow.remote)
		fail_msg("\"%s\": the two paths disagree", line);
}

static void test_scan_fixed(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(usual) / sizeof(usual[0]); i++)
		same(usual[i], strcmp(usual[i] + strlen(usual[i]) - 1, "x"));
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		same(other[i], false);
	/* "remote" and "local" as the fast path reads them. */
	{
		struct dcx_ueam e;

		assert_true(dcx_eam_scan(usual[5], &e));
		assert_true(e.remote);
		assert_true(dcx_eam_scan(usual[6], &e));
		assert_false(e.remote);
		assert_int_equal(e.p4.len, 24);
		assert_int_equal(e.p6.len, 120);
	}
}

static uint64_t rng = 0x243f6a8885a308d3ull;

static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng >> 33) % n;
}

static const char alphabet[] = "0123456789abcdefABF.:/ \t\r\n#xlocalremote";

/* Mutations of every fixed line and random lines: never a disagreement. */
static void test_scan_random(void **state)
{
	const char *const *src;
	unsigned int i, j, k, n, took = 0;
	char line[128];
	size_t l, ns;

	(void)state;
	ns = sizeof(usual) / sizeof(usual[0]);
	for (i = 0; i < 300000; i++) {
		src = rnd(2) ? usual : other;
		n = src == usual ? (unsigned int)ns :
		    (unsigned int)(sizeof(other) / sizeof(other[0]));
		if (i % 8 == 0) {
			l = 1 + rnd(40);
			for (j = 0; j < l; j++)
				line[j] = alphabet[rnd(sizeof(alphabet) - 1)];
			line[l] = '\0';
		} else {
			snprintf(line, sizeof(line), "%s", src[rnd(n)]);
			for (k = 1 + rnd(3); k; k--) {
				l = strlen(line);
				j = rnd((unsigned int)l + 1);
				switch (rnd(3)) {
				case 0:		/* replace */
					if (j < l)
						line[j] = alphabet[rnd(sizeof(alphabet) - 1)];
					break;
				case 1:		/* delete */
					if (j < l)
						memmove(line + j, line + j + 1, l - j);
					break;
				default:	/* insert */
					if (l + 2 < sizeof(line)) {
						memmove(line + j + 1, line + j, l - j + 1);
						line[j] = alphabet[rnd(sizeof(alphabet) - 1)];
					}
				}
			}
		}
		same(line, false);
		{
			struct dcx_ueam e;

			took += dcx_eam_scan(line, &e);
		}
	}
	/* The mutations keep many lines valid: the fast path saw them. */
	assert_true(took > 10000);
}

/* A bulk file read through the fast path: same vector as line by line. */
static void test_scan_read(void **state)
{
	char text[] = "10.0.0.1/32 2001:db8::1/128\n"
		      "# comment\n\n"
		      "10.0.0.2 2001:db8::2 remote\n"
		      "10.0.0.3/32 ::ffff:10.0.0.3/128\n";
	struct dcx_eam_vec v = { NULL, 0, 0 };
	char err[512];
	FILE *f;

	(void)state;
	f = fmemopen(text, strlen(text), "r");
	assert_non_null(f);
	assert_int_equal(dcx_eam_read(f, "in", &v, err, sizeof(err)), 0);
	fclose(f);
	assert_int_equal(v.n, 3);
	assert_int_equal(v.v[0].tag, 1);
	assert_int_equal(v.v[1].tag, 4);
	assert_true(v.v[1].remote);
	assert_int_equal(v.v[2].tag, 5);
	assert_int_equal(v.v[2].p6.addr.s6_addr[11], 0xff);
	assert_int_equal(v.v[2].p6.addr.s6_addr[15], 3);
	dcx_eam_vec_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_fixed),
		cmocka_unit_test(test_scan_random),
		cmocka_unit_test(test_scan_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
