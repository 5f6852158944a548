// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 -> IPv6 translation core (kmod/core/xlat46.c), RFC 7915 section 4.
 * Expected packets come from tests/unit/vectors/gen_xlat.py (scapy).
 */
#define XV_WANT_46
#define XV_WANT_in46
#define XV_WANT_464
#include "unit_helpers.h"

static const u8 wkp[16] = { 0x00, 0x64, 0xff, 0x9b };

/* ---- translation vectors -------------------------------------------- */

static unsigned int out_nhlen46(const struct xlat_vector *v)
{
	return v->out[6] == 44 ? 48 : 40;
}

static void run46(const struct xlat_vector *v)
{
	xv_run(v, dcx_plan_46, dcx_apply_46, xv_nhlen4(v->in),
	       out_nhlen46(v));
}

#define XV_TEST(v)							\
static void test_##v(void **state __maybe_unused)			\
{									\
	run46(&v);							\
}
XLAT_VECTORS_46(XV_TEST)
#undef XV_TEST

/* 4 -> 6 -> 4 gives back the packet, TTL - 2, ID 0, DF iff > 1260. */
static void roundtrip464(const struct xlat_vector *v)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int l6, l4;
	u8 *p6, *p4;

	xv_cfg_vec(&cfg, v);
	p6 = xv_translate(v->name, dcx_plan_46, dcx_apply_46, &x, v->in,
			  v->in_len, &l6);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	p4 = xv_translate(v->name, dcx_plan_64, dcx_apply_64, &x, p6, l6,
			  &l4);
	xv_expect_bytes(v->name, p4, l4, v->out, v->out_len);
	free(p6);
	free(p4);
}

#define XV_TEST(v)							\
static void test_##v(void **state __maybe_unused)			\
{									\
	roundtrip464(&v);						\
}
XLAT_VECTORS_464(XV_TEST)
#undef XV_TEST

/* ---- verdicts ------------------------------------------------------- */

static struct dcx_xlat_cfg cfg_wkp(void)
{
	struct dcx_xlat_cfg cfg;

	xv_cfg(&cfg, wkp, 96);
	return cfg;
}

static void expect46(const struct xlat_vector *v, enum dcx_action want,
		     enum dcxlat_stat stat)
{
	struct dcx_xlat_cfg cfg;

	xv_cfg_vec(&cfg, v);
	xv_expect_verdict(v->name, dcx_plan_46, v->in, v->in_len, v->in_len,
			  &cfg, want, stat);
}

/* A copy of an input vector the test may damage. */
static u8 *dup_in(const struct xlat_vector *v)
{
	u8 *p = malloc(v->in_len);

	assert_non_null(p);
	memcpy(p, v->in, v->in_len);
	return p;
}

static void test_pass_without_pool6(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;

	xv_cfg(&cfg, none, 0);	/* tables with no prefix and no EAM */

	xv_expect_verdict(__func__, dcx_plan_46, xvin46_udp_p100.in,
			  xvin46_udp_p100.in_len, xvin46_udp_p100.in_len, &cfg,
			  DCX_PASS, DCXLAT_STAT_PASS_46);
}

static void test_pass_dst_multicast(void **state __maybe_unused)
{
	expect46(&xvin46_dst_mcast, DCX_PASS, DCXLAT_STAT_SPECIAL_PASS4);
}

static void test_pass_dst_broadcast(void **state __maybe_unused)
{
	expect46(&xvin46_dst_bcast, DCX_PASS, DCXLAT_STAT_SPECIAL_PASS4);
}

static void test_pass_dst_zeronet(void **state __maybe_unused)
{
	expect46(&xvin46_dst_zeronet, DCX_PASS, DCXLAT_STAT_SPECIAL_PASS4);
}

static void test_pass_dst_loopback(void **state __maybe_unused)
{
	expect46(&xvin46_dst_loop, DCX_PASS, DCXLAT_STAT_SPECIAL_PASS4);
}

static void test_drop_ttl1(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;

	expect46(&xvin46_ttl1, DCX_ICMP_ERROR, DCXLAT_STAT_TTL_EXPIRED);
	xv_cfg_vec(&cfg, &xvin46_ttl1);
	xv_expect_icmp_error("ttl1", dcx_plan_46, xvin46_ttl1.in,
			     xvin46_ttl1.in_len, &cfg, ICMP_TIME_EXCEEDED,
			     ICMP_EXC_TTL, 0);
}

static void test_drop_ttl0(void **state __maybe_unused)
{
	expect46(&xvin46_ttl0, DCX_ICMP_ERROR, DCXLAT_STAT_TTL_EXPIRED);
}

static void test_drop_icmp_timestamp(void **state __maybe_unused)
{
	expect46(&xvin46_icmp_ts, DCX_DROP, DCXLAT_STAT_UNSUPP_ICMP);
}

static void test_drop_icmp_router_adv(void **state __maybe_unused)
{
	expect46(&xvin46_icmp_rtadv, DCX_DROP, DCXLAT_STAT_UNSUPP_ICMP);
}

static void test_drop_icmp_mask_request(void **state __maybe_unused)
{
	expect46(&xvin46_icmp_mask, DCX_DROP, DCXLAT_STAT_UNSUPP_ICMP);
}

static void test_drop_icmp_first_fragment(void **state __maybe_unused)
{
	expect46(&xvin46_icmp_frag_first, DCX_REASSEMBLE, DCXLAT_STAT_FRAGMENT);
}

/*
 * The first fragment of an ICMP message is dropped (its checksum cannot be
 * fixed statelessly), so the rest of it must not be sent on either: that
 * would only load the receiver's reassembly queue, with next header 58 over
 * bytes whose checksum was never converted.
 */
static void test_drop_icmp_later_fragment(void **state __maybe_unused)
{
	expect46(&xvin46_icmp_frag_later, DCX_REASSEMBLE, DCXLAT_STAT_FRAGMENT);
}

static void test_drop_udp_zero_csum_fragment(void **state __maybe_unused)
{
	expect46(&xvin46_udp0_frag_first, DCX_DROP,
		 DCXLAT_STAT_UDP_ZERO_FRAG);
}

/*
 * RFC 7915 4.1: "if an unexpired source route option is present then the
 * packet MUST instead be discarded" (and ICMP source route failed sent).
 */
static void test_drop_unexpired_source_route(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;

	expect46(&xvin46_lsrr, DCX_ICMP_ERROR, DCXLAT_STAT_SRC_ROUTE);
	xv_cfg_vec(&cfg, &xvin46_lsrr);
	xv_expect_icmp_error("lsrr", dcx_plan_46, xvin46_lsrr.in,
			     xvin46_lsrr.in_len, &cfg, ICMP_DEST_UNREACH,
			     ICMP_SR_FAILED, 0);
}

static void test_truncated_below_ip_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin46_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	unsigned int len;

	for (len = 0; len < 20; len++)
		xv_expect_verdict(__func__, dcx_plan_46, v->in, len, len, &cfg,
				  DCX_DROP, DCXLAT_STAT_TRUNCATED);
}

/* Total length says more than the packet holds. */
static void test_truncated_short_packet(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin46_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();

	xv_expect_verdict(__func__, dcx_plan_46, v->in, v->in_len - 1,
			  v->in_len - 1, &cfg, DCX_DROP, DCXLAT_STAT_TRUNCATED);
}

/* Total length says less than the packet holds (nobody trimmed it). */
static void test_truncated_total_len_mismatch(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin46_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);

	p[3] -= 1;	/* tot_len - 1 */
	xv_expect_verdict(__func__, dcx_plan_46, p, v->in_len, v->in_len, &cfg,
			  DCX_DROP, DCXLAT_STAT_TRUNCATED);
	free(p);
}

/* Consistent lengths, but fewer bytes than a TCP header after the IP one. */
static void test_truncated_tcp_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_tcp_p0;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);
	unsigned int len = 20 + 19;

	p[2] = 0;
	p[3] = len;
	xv_expect_verdict(__func__, dcx_plan_46, p, len, len, &cfg, DCX_DROP,
			  DCXLAT_STAT_TRUNCATED);
	free(p);
}

/* IHL 15 (60 bytes) in a 40-byte packet. */
static void test_truncated_ihl_beyond_packet(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_tcp_p0;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);

	p[0] = 0x4f;
	xv_expect_verdict(__func__, dcx_plan_46, p, 40, 40, &cfg, DCX_DROP,
			  DCXLAT_STAT_TRUNCATED);
	free(p);
}

static void test_bad_version(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin46_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);

	p[0] = 0x65;
	xv_expect_verdict(__func__, dcx_plan_46, p, v->in_len, v->in_len, &cfg,
			  DCX_DROP, DCXLAT_STAT_BAD_HDR);
	free(p);
}

static void test_bad_ihl(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin46_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);
	u8 ihl;

	for (ihl = 0; ihl < 5; ihl++) {
		p[0] = 0x40 | ihl;
		xv_expect_verdict(__func__, dcx_plan_46, p, v->in_len,
				  v->in_len, &cfg, DCX_DROP,
				  DCXLAT_STAT_BAD_HDR);
	}
	free(p);
}

/* ---- DCX_PULL ------------------------------------------------------- */

static void test_pull_ip_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_udp_p100;
	struct dcx_xlat_cfg cfg;
	unsigned int linear;

	xv_cfg_vec(&cfg, v);
	for (linear = 0; linear < 20; linear++) {
		struct dcx_xlat x = { .cfg = &cfg };

		assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, linear,
						v->in_len), DCX_PULL);
		assert_int_equal(x.need, 20);
	}
}

static void test_pull_tcp_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_tcp_p100_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int linear;

	xv_cfg_vec(&cfg, v);
	for (linear = 20; linear < 40; linear++) {
		assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, linear,
						v->in_len), DCX_PULL);
		assert_int_equal(x.need, 40);
	}
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, 40,
					v->in_len), DCX_XLAT);
}

/* After the pulls the plan is the same as with everything linear. */
static void test_pull_then_translate(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_opt_ra_tcp_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int pulls, got_len, grow;
	u8 *buf, *out;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_pull_loop(dcx_plan_46, &x, v->in, 20,
					   v->in_len, &pulls), DCX_XLAT);
	assert_true(pulls >= 1);
	assert_int_equal(x.need, 24 + 20);	/* options + TCP header */
	grow = x.new_nhlen - x.old_nhlen;
	buf = malloc(grow + v->in_len);
	assert_non_null(buf);
	memcpy(buf + grow, v->in, v->in_len);
	rcu_read_lock();
	out = dcx_apply_46(&x, buf + grow, v->in_len);
	rcu_read_unlock();
	got_len = v->in_len + grow;
	xv_expect_bytes(v->name, out, got_len, v->out, v->out_len);
	free(buf);
}

static void test_pull_icmp_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_echo_p56;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, 27,
					v->in_len), DCX_PULL);
	assert_int_equal(x.need, 28);
}

/* A zero UDP checksum is computed over the whole datagram. */
static void test_pull_udp_zero_csum_whole(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_udp_zero_p100_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int pulls;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_pull_loop(dcx_plan_46, &x, v->in, 20,
					   v->in_len, &pulls), DCX_XLAT);
	assert_int_equal(x.need, v->in_len);
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, 28,
					v->in_len), DCX_PULL);
	assert_int_equal(x.need, v->in_len);
}

/* With a checksum present only the UDP header must be linear. */
static void test_pull_udp_header_only(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_udp_p1400_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, 27,
					v->in_len), DCX_PULL);
	assert_int_equal(x.need, 28);
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, 28,
					v->in_len), DCX_XLAT);
}

/*
 * apply writes the new header so that it ends where the IPv4 header
 * (with options) ended, so the whole IHL must be linear even when no
 * transport header is read (non-first fragment).
 */
static void test_pull_options_of_later_fragment(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin46_opt_frag_later;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	enum dcx_action r;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_nhlen4(v->in), 24);
	r = xv_plan_linear(dcx_plan_46, &x, v->in, 20, v->in_len);
	if (r != DCX_PULL || x.need < 24)
		fail_msg("IHL 24, linear 20: %s need %u, want PULL >= 24",
			 xv_verdict_name(r), x.need);
}

/* ---- plan outputs --------------------------------------------------- */

static void test_plan_fields(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_frag_first_tcp_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, v->in, v->in_len,
					v->in_len), DCX_XLAT);
	assert_int_equal(x.proto, IPPROTO_TCP);
	assert_int_equal(x.ttl, 63);
	assert_int_equal(x.old_nhlen, 20);
	assert_int_equal(x.new_nhlen, 48);
	/* The mapped addresses are those of the expected IPv6 header. */
	assert_memory_equal(&x.src6, v->out + 8, 16);
	assert_memory_equal(&x.dst6, v->out + 24, 16);
}

/* A shrinking header (IHL 60 -> 48 with fragment header) stays in place. */
static void test_max_options_fragment(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv46_frag_mid_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int len = v->in_len + 40, got_len;
	u8 *p = malloc(len), *got;

	/* Same fragment with 40 bytes of NOP options: IHL 15. */
	assert_non_null(p);
	memcpy(p, v->in, 20);
	memset(p + 20, 1, 40);
	memcpy(p + 60, v->in + 20, v->in_len - 20);
	p[0] = 0x4f;
	p[2] = len >> 8;
	p[3] = len & 0xff;
	xv_cfg_vec(&cfg, v);
	got = xv_translate("ihl15", dcx_plan_46, dcx_apply_46, &x, p, len,
			   &got_len);
	assert_int_equal(x.old_nhlen, 60);
	xv_expect_bytes("ihl15", got, got_len, v->out, v->out_len);
	free(got);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define XV_TEST(v) xv_unit_test(test_##v),
		XLAT_VECTORS_46(XV_TEST)
		XLAT_VECTORS_464(XV_TEST)
#undef XV_TEST
		xv_unit_test(test_pass_without_pool6),
		xv_unit_test(test_pass_dst_multicast),
		xv_unit_test(test_pass_dst_broadcast),
		xv_unit_test(test_pass_dst_zeronet),
		xv_unit_test(test_pass_dst_loopback),
		xv_unit_test(test_drop_ttl1),
		xv_unit_test(test_drop_ttl0),
		xv_unit_test(test_drop_icmp_timestamp),
		xv_unit_test(test_drop_icmp_router_adv),
		xv_unit_test(test_drop_icmp_mask_request),
		xv_unit_test(test_drop_icmp_first_fragment),
		xv_unit_test(test_drop_icmp_later_fragment),
		xv_unit_test(test_drop_udp_zero_csum_fragment),
		xv_unit_test(test_drop_unexpired_source_route),
		xv_unit_test(test_truncated_below_ip_header),
		xv_unit_test(test_truncated_short_packet),
		xv_unit_test(test_truncated_total_len_mismatch),
		xv_unit_test(test_truncated_tcp_header),
		xv_unit_test(test_truncated_ihl_beyond_packet),
		xv_unit_test(test_bad_version),
		xv_unit_test(test_bad_ihl),
		xv_unit_test(test_pull_ip_header),
		xv_unit_test(test_pull_tcp_header),
		xv_unit_test(test_pull_then_translate),
		xv_unit_test(test_pull_icmp_header),
		xv_unit_test(test_pull_udp_zero_csum_whole),
		xv_unit_test(test_pull_udp_header_only),
		xv_unit_test(test_pull_options_of_later_fragment),
		xv_unit_test(test_plan_fields),
		xv_unit_test(test_max_options_fragment),
	};

	return cmocka_run_group_tests_name("core_xlat46", tests, xv_group_setup,
					   xv_group_teardown);
}
