// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 7915 ICMP translation (kmod/core/icmp.c), the tables: every ICMPv4
 * and ICMPv6 type/code and every pointer value, compared exhaustively with
 * the rows of sections 4.2 and 5.2 and figures 3 and 6 (icmp_rfc.h), and
 * the MTU formulas with the RFC 1191 plateaus. Whole ICMP messages are
 * test_core_icmp_pkt.c.
 */
#include "icmp_rfc.h"

static void test_map_46_all(void **state __maybe_unused)
{
	bool row[R4_ROWS] = { false };
	unsigned int t, c, n = 0;
	int wt, wc;
	u8 t6, c6;
	bool ok;

	for (t = 0; t < 256; t++) {
		for (c = 0; c < 256; c++) {
			row[rfc_46(t, c, &wt, &wc)] = true;
			t6 = c6 = 0xee;
			ok = dcx_icmp_map_46(t, c, &t6, &c6);
			if (ok != (wt >= 0))
				fail_msg("ICMPv4 %u/%u: translated %d", t, c,
					 ok);
			if (ok && (t6 != wt || c6 != wc))
				fail_msg("ICMPv4 %u/%u -> %u/%u, want %d/%d",
					 t, c, t6, c6, wt, wc);
			/* Errors are the types RFC 792 calls errors. */
			assert_int_equal(dcx_icmp_is_err4(t),
					 t == 3 || t == 4 || t == 5 ||
					 t == 11 || t == 12);
		}
	}
	for (t = 0; t < R4_ROWS; t++)
		n += row[t] || t == R4_IGMP;	/* IGMP: protocol 2 */
	assert_int_equal(n, R4_ROWS);
}

static void test_map_64_all(void **state __maybe_unused)
{
	bool row[R6_ROWS] = { false };
	unsigned int t, c, n = 0;
	int wt, wc;
	u8 t4, c4;
	bool ok;

	for (t = 0; t < 256; t++) {
		for (c = 0; c < 256; c++) {
			row[rfc_64(t, c, &wt, &wc)] = true;
			t4 = c4 = 0xee;
			ok = dcx_icmp_map_64(t, c, &t4, &c4);
			if (ok != (wt >= 0))
				fail_msg("ICMPv6 %u/%u: translated %d", t, c,
					 ok);
			if (ok && (t4 != wt || c4 != wc))
				fail_msg("ICMPv6 %u/%u -> %u/%u, want %d/%d",
					 t, c, t4, c4, wt, wc);
			assert_int_equal(dcx_icmp_is_err6(t), t < 128);
		}
	}
	for (t = 0; t < R6_ROWS; t++)
		n += row[t];
	assert_int_equal(n, R6_ROWS);
}

static void test_pointers(void **state __maybe_unused)
{
	bool row3[11] = { false }, row6[8] = { false };
	int p, want, r;
	unsigned int i;

	for (p = 0; p < 256; p++) {
		want = rfc_ptr46(p, &r);
		if (r >= 0)
			row3[r] = true;
		if (dcx_icmp_ptr_46(p) != want)
			fail_msg("pointer4 %d -> %d, want %d", p,
				 dcx_icmp_ptr_46(p), want);
	}
	for (p = 0; p < 70000; p++) {
		want = rfc_ptr64(p, &r);
		if (r >= 0)
			row6[r] = true;
		if (dcx_icmp_ptr_64(p) != want)
			fail_msg("pointer6 %d -> %d, want %d", p,
				 dcx_icmp_ptr_64(p), want);
	}
	assert_int_equal(dcx_icmp_ptr_64(0xffffffff), -1);
	for (i = 0; i < ARRAY_SIZE(row3); i++)
		assert_true(row3[i]);
	for (i = 0; i < ARRAY_SIZE(row6); i++)
		assert_true(row6[i]);
}

/* RFC 7915 4.2 and 5.2 MTU formulas, and the RFC 1191 plateaus. */
static void test_mtu(void **state __maybe_unused)
{
	/* min(MTU4 + 20, MTU6 next hop, MTU4 next hop + 20) */
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 1500, 1500), 1420);
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 1500, 1300), 1300);
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 0, 0), 1420);
	/* Never below 1280 (RFC 7915 5, 6), after the caps too. */
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 1200, 1500), 1280);
	assert_int_equal(dcx_icmp_mtu_46(1000, 1500, 9000, 9000), 1280);
	assert_int_equal(dcx_icmp_mtu_46(576, 1500, 0, 0), 1280);
	assert_int_equal(dcx_icmp_mtu_46(68, 1500, 1500, 1500), 1280);
	assert_int_equal(dcx_icmp_mtu_46(1260, 1500, 9000, 9000), 1280);
	assert_int_equal(dcx_icmp_mtu_46(1261, 1500, 9000, 9000), 1281);
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 576, 9000), 1280);
	assert_int_equal(dcx_icmp_mtu_46(1400, 1500, 9000, 1000), 1280);
	assert_int_equal(dcx_icmp_mtu_46(0, 600, 68, 9000), 1280);
	/* MTU 0: greatest plateau below the total length, >= 1280 */
	assert_int_equal(dcx_icmp_mtu_46(0, 1500, 9000, 9000), 1492);
	assert_int_equal(dcx_icmp_mtu_46(0, 1492, 9000, 9000), 1280);
	assert_int_equal(dcx_icmp_mtu_46(0, 20000, 65535, 65535), 17914);
	assert_int_equal(dcx_icmp_mtu_46(0, 600, 9000, 9000), 1280);
	/* min(MTU6 - 20, MTU4 next hop, MTU6 next hop - 20) */
	assert_int_equal(dcx_icmp_mtu_64(1500, 1500, 1500), 1480);
	assert_int_equal(dcx_icmp_mtu_64(1500, 1500, 1400), 1400);
	assert_int_equal(dcx_icmp_mtu_64(1500, 1300, 1500), 1280);
	assert_int_equal(dcx_icmp_mtu_64(1500, 0, 0), 1480);
	assert_int_equal(dcx_icmp_mtu_64(100000, 0, 0), 0xffff);
	/* The packet in error had a fragment header: 28 bytes, not 20. */
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 0, 0, true), 1472);
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 1400, 9000, true), 1372);
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 1400, 1300, true), 1300);
	assert_int_equal(dcx_icmp_mtu_64_frag(1500, 1400, 9000, false), 1380);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_map_46_all),
		xv_unit_test(test_map_64_all),
		xv_unit_test(test_pointers),
		xv_unit_test(test_mtu),
	};

	return cmocka_run_group_tests_name("core_icmp", tests,
					   xv_group_setup, xv_group_teardown);
}
