// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 -> IPv4 translation core (kmod/core/xlat64.c), RFC 7915 section 5.
 * Expected packets come from tests/unit/vectors/gen_xlat.py (scapy).
 */
#define XV_WANT_64
#define XV_WANT_in64
#define XV_WANT_646
#include "unit_helpers.h"

static const u8 wkp[16] = { 0x00, 0x64, 0xff, 0x9b };

/* ---- translation vectors -------------------------------------------- */

static void run64(const struct xlat_vector *v)
{
	xv_run(v, dcx_plan_64, dcx_apply_64, xv_nhlen6(v->in, v->in_len), 20);
}

#define XV_TEST(v)							\
static void test_##v(void **state __maybe_unused)			\
{									\
	run64(&v);							\
}
XLAT_VECTORS_64(XV_TEST)
#undef XV_TEST

/* 6 -> 4 -> 6: hop limit - 2, flow label 0, extension headers gone. */
static void roundtrip646(const struct xlat_vector *v)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int l6, l4;
	u8 *p6, *p4;

	xv_cfg_vec(&cfg, v);
	p4 = xv_translate(v->name, dcx_plan_64, dcx_apply_64, &x, v->in,
			  v->in_len, &l4);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	p6 = xv_translate(v->name, dcx_plan_46, dcx_apply_46, &x, p4, l4,
			  &l6);
	xv_expect_bytes(v->name, p6, l6, v->out, v->out_len);
	free(p6);
	free(p4);
}

#define XV_TEST(v)							\
static void test_##v(void **state __maybe_unused)			\
{									\
	roundtrip646(&v);						\
}
XLAT_VECTORS_646(XV_TEST)
#undef XV_TEST

/* ---- verdicts ------------------------------------------------------- */

static struct dcx_xlat_cfg cfg_wkp(void)
{
	struct dcx_xlat_cfg cfg;

	xv_cfg(&cfg, wkp, 96);
	return cfg;
}

static void expect64(const struct xlat_vector *v, enum dcx_action want,
		     enum dcxlat_stat stat)
{
	struct dcx_xlat_cfg cfg;

	xv_cfg_vec(&cfg, v);
	xv_expect_verdict(v->name, dcx_plan_64, v->in, v->in_len, v->in_len,
			  &cfg, want, stat);
}

static u8 *dup_in(const struct xlat_vector *v)
{
	u8 *p = malloc(v->in_len);

	assert_non_null(p);
	memcpy(p, v->in, v->in_len);
	return p;
}

static void set_plen(u8 *p, unsigned int plen)
{
	p[4] = plen >> 8;
	p[5] = plen & 0xff;
}

static void test_pass_without_pool6(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;

	xv_cfg(&cfg, none, 0);	/* tables with no prefix and no EAM */

	xv_expect_verdict(__func__, dcx_plan_64, xvin64_udp_p100.in,
			  xvin64_udp_p100.in_len, xvin64_udp_p100.in_len, &cfg,
			  DCX_PASS, DCXLAT_STAT_PASS_64);
}

static void test_pass_dst_outside_pool6(void **state __maybe_unused)
{
	expect64(&xvin64_dst_out, DCX_PASS, DCXLAT_STAT_PASS_64);
}

static void test_pass_src_outside_pool6(void **state __maybe_unused)
{
	expect64(&xvin64_src_out, DCX_PASS, DCXLAT_STAT_UNTRANS_SRC6);
}

static void test_drop_dst_maps_to_multicast(void **state __maybe_unused)
{
	expect64(&xvin64_dst_mcast, DCX_DROP, DCXLAT_STAT_SPECIAL_DROP);
}

static void test_drop_src_maps_to_loopback(void **state __maybe_unused)
{
	expect64(&xvin64_src_loop, DCX_DROP, DCXLAT_STAT_SPECIAL_DROP);
}

/* Same packet, other prefix length: not ours. */
static void test_pass_other_prefix(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_pfx48_echo;
	struct dcx_xlat_cfg cfg;

	xv_cfg(&cfg, v->prefix, 56);
	xv_expect_verdict(v->name, dcx_plan_64, v->in, v->in_len, v->in_len,
			  &cfg, DCX_PASS, DCXLAT_STAT_PASS_64);
}

static void test_drop_hlim1(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;

	expect64(&xvin64_hlim1, DCX_ICMP_ERROR, DCXLAT_STAT_TTL_EXPIRED);
	xv_cfg_vec(&cfg, &xvin64_hlim1);
	xv_expect_icmp_error("hlim1", dcx_plan_64, xvin64_hlim1.in,
			     xvin64_hlim1.in_len, &cfg, ICMPV6_TIME_EXCEED,
			     ICMPV6_EXC_HOPLIMIT, 0);
}

static void test_drop_hlim0(void **state __maybe_unused)
{
	expect64(&xvin64_hlim0, DCX_ICMP_ERROR, DCXLAT_STAT_TTL_EXPIRED);
}

static void test_drop_icmp6_neighbour_solicit(void **state __maybe_unused)
{
	expect64(&xvin64_icmp6_ns, DCX_DROP, DCXLAT_STAT_UNSUPP_ICMP);
}

static void test_drop_icmp6_mld_query(void **state __maybe_unused)
{
	expect64(&xvin64_icmp6_mld, DCX_DROP, DCXLAT_STAT_UNSUPP_ICMP);
}

static void test_drop_icmp6_first_fragment(void **state __maybe_unused)
{
	expect64(&xvin64_icmp6_frag_first, DCX_REASSEMBLE, DCXLAT_STAT_FRAGMENT);
}

/* As in 4 -> 6: the rest of an ICMPv6 message whose head was dropped. */
static void test_drop_icmp6_later_fragment(void **state __maybe_unused)
{
	expect64(&xvin64_icmp6_frag_later, DCX_REASSEMBLE, DCXLAT_STAT_FRAGMENT);
}

static void test_drop_two_fragment_headers(void **state __maybe_unused)
{
	expect64(&xvin64_two_frags, DCX_DROP, DCXLAT_STAT_BAD_HDR);
}

/*
 * RFC 7915 5.1: "If a Routing header with a non-zero Segments Left field
 * is present, then the packet MUST NOT be translated".
 */
static void test_drop_routing_segments_left(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_rt_segleft1;
	struct dcx_xlat_cfg cfg;

	xv_cfg_vec(&cfg, v);
	expect64(v, DCX_ICMP_ERROR, DCXLAT_STAT_SEGMENTS_LEFT);
	/* The parameter problem pointer: Segments Left of the header at 40. */
	xv_expect_icmp_error(v->name, dcx_plan_64, v->in, v->in_len, &cfg,
			     ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD, 40 + 3);
}

static void test_truncated_below_ipv6_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	unsigned int len;

	for (len = 0; len < 40; len++)
		xv_expect_verdict(__func__, dcx_plan_64, v->in, len, len, &cfg,
				  DCX_DROP, DCXLAT_STAT_TRUNCATED);
}

static void test_truncated_short_packet(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();

	xv_expect_verdict(__func__, dcx_plan_64, v->in, v->in_len - 1,
			  v->in_len - 1, &cfg, DCX_DROP, DCXLAT_STAT_TRUNCATED);
}

static void test_truncated_payload_len_mismatch(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);

	set_plen(p, v->in_len - 40 - 1);
	xv_expect_verdict(__func__, dcx_plan_64, p, v->in_len, v->in_len, &cfg,
			  DCX_DROP, DCXLAT_STAT_TRUNCATED);
	free(p);
}

/* Payload length 0 (jumbogram) has no IPv4 equivalent. */
static void test_truncated_jumbogram(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);

	set_plen(p, 0);
	xv_expect_verdict(__func__, dcx_plan_64, p, v->in_len, v->in_len, &cfg,
			  DCX_DROP, DCXLAT_STAT_TRUNCATED);
	free(p);
}

/* An extension header cut after 4 of its 8 bytes. */
static void test_truncated_ext_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_ext_hop_udp;
	struct dcx_xlat_cfg cfg;
	u8 *p = dup_in(v);

	xv_cfg_vec(&cfg, v);
	set_plen(p, 4);
	xv_expect_verdict(__func__, dcx_plan_64, p, 44, 44, &cfg, DCX_DROP,
			  DCXLAT_STAT_TRUNCATED);
	free(p);
}

/* A destination options header whose length runs past the packet. */
static void test_truncated_ext_header_length(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_ext_dest_tcp;
	struct dcx_xlat_cfg cfg;
	u8 *p = dup_in(v);

	xv_cfg_vec(&cfg, v);
	assert_int_equal(p[6], 60);
	p[41] = 200;	/* 1608 bytes */
	xv_expect_verdict(__func__, dcx_plan_64, p, v->in_len, v->in_len, &cfg,
			  DCX_DROP, DCXLAT_STAT_TRUNCATED);
	free(p);
}

/* The same past the packet, before an upper layer the core never reads. */
static void test_truncated_ext_header_no_next(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_dest_long_nonxt;
	struct dcx_xlat_cfg cfg;
	u8 *p = dup_in(v);

	xv_cfg_vec(&cfg, v);
	assert_int_equal(p[6], 60);
	assert_int_equal(p[40], 59);
	p[41] = 200;
	xv_expect_verdict(__func__, dcx_plan_64, p, v->in_len, v->in_len, &cfg,
			  DCX_DROP, DCXLAT_STAT_TRUNCATED);
	free(p);
}

static void test_truncated_tcp_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_tcp_p0;
	struct dcx_xlat_cfg cfg;
	unsigned int len = 40 + 19;
	u8 *p = dup_in(v);

	xv_cfg_vec(&cfg, v);
	set_plen(p, 19);
	xv_expect_verdict(__func__, dcx_plan_64, p, len, len, &cfg, DCX_DROP,
			  DCXLAT_STAT_TRUNCATED);
	free(p);
}

static void test_bad_version(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_udp_p100;
	struct dcx_xlat_cfg cfg = cfg_wkp();
	u8 *p = dup_in(v);

	p[0] = 0x40 | (p[0] & 0x0f);
	xv_expect_verdict(__func__, dcx_plan_64, p, v->in_len, v->in_len, &cfg,
			  DCX_DROP, DCXLAT_STAT_BAD_HDR);
	free(p);
}

/* ---- DCX_PULL ------------------------------------------------------- */

static void test_pull_ipv6_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_udp_p100;
	struct dcx_xlat_cfg cfg;
	unsigned int linear;

	xv_cfg_vec(&cfg, v);
	for (linear = 0; linear < 40; linear++) {
		struct dcx_xlat x = { .cfg = &cfg };

		assert_int_equal(xv_plan_linear(dcx_plan_64, &x, v->in, linear,
						v->in_len), DCX_PULL);
		assert_int_equal(x.need, 40);
	}
}

/* Pulls walk the chain; the last one is exactly chain + TCP header. */
static void test_pull_ext_chain(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_ext_chain_tcp_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int pulls;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_pull_loop(dcx_plan_64, &x, v->in, 40,
					   v->in_len, &pulls), DCX_XLAT);
	assert_true(pulls >= 1);
	assert_int_equal(x.need, 40 + 8 + 16 + 8 + 16 + 20);
	assert_int_equal(x.old_nhlen, 88);
	/* Every prefix of the chain shorter than that is a PULL. */
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, v->in, 107,
					v->in_len), DCX_PULL);
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, v->in, 87,
					v->in_len), DCX_PULL);
}

static void test_pull_then_translate(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_hop_frag_udp_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int pulls;
	u8 *buf, *out;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_pull_loop(dcx_plan_64, &x, v->in, 0,
					   v->in_len, &pulls), DCX_XLAT);
	assert_true(pulls >= 1);
	assert_int_equal(x.need, 40 + 8 + 8 + 8);	/* hop, frag, UDP */
	buf = malloc(v->in_len);
	assert_non_null(buf);
	memcpy(buf, v->in, v->in_len);
	rcu_read_lock();
	out = dcx_apply_64(&x, buf, v->in_len);
	rcu_read_unlock();
	xv_expect_bytes(v->name, out, v->in_len - x.old_nhlen + 20, v->out,
			v->out_len);
	free(buf);
}

static void test_pull_icmp6_header(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_echo_p56;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, v->in, 47,
					v->in_len), DCX_PULL);
	assert_int_equal(x.need, 48);
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, v->in, 48,
					v->in_len), DCX_XLAT);
}

static void test_pull_long_dest_opts_tcp(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_dest_long_tcp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int pulls;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_pull_loop(dcx_plan_64, &x, v->in, 48,
					   v->in_len, &pulls), DCX_XLAT);
	assert_int_equal(x.need, 40 + 24 + 20);
	assert_int_equal(x.old_nhlen, 64);
}

/*
 * apply writes the IPv4 header into the 20 bytes before the upper layer,
 * i.e. at the end of the extension header chain: the whole chain must be
 * linear even when the upper layer is not one the core reads.
 */
static void test_pull_long_dest_opts_no_next(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_dest_long_nonxt;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	enum dcx_action r;

	xv_cfg_vec(&cfg, v);
	r = xv_plan_linear(dcx_plan_64, &x, v->in, 48, v->in_len);
	if (r != DCX_PULL || x.need < 64)
		fail_msg("dest opts to 64, linear 48: %s need %u, want PULL",
			 xv_verdict_name(r), x.need);
}

/* Non-first fragment after a long header: the fragment header is read. */
static void test_pull_later_fragment_chain(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xvin64_frag_later_dest;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	unsigned int pulls;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_pull_loop(dcx_plan_64, &x, v->in, 40,
					   v->in_len, &pulls), DCX_XLAT);
	assert_int_equal(x.need, 40 + 24 + 8);
	assert_int_equal(x.old_nhlen, 72);
	assert_int_equal(x.frag_hdr, 64);
	assert_int_equal(x.frag_off, 6 << 3);
}

/* ---- plan outputs --------------------------------------------------- */

static void test_plan_fields(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_frag_first_udp_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, v->in, v->in_len,
					v->in_len), DCX_XLAT);
	assert_int_equal(x.proto, IPPROTO_UDP);
	assert_int_equal(x.ttl, 63);
	assert_int_equal(x.old_nhlen, 48);
	assert_int_equal(x.new_nhlen, 20);
	assert_int_equal(x.frag_hdr, 40);
	assert_int_equal(x.frag_off, IP6_MF);
	assert_memory_equal(&x.src4, v->out + 12, 4);
	assert_memory_equal(&x.dst4, v->out + 16, 4);
}

/* The IPv4 header is written where the chain ended: nothing after moves. */
static void test_apply_in_place(void **state __maybe_unused)
{
	const struct xlat_vector *v = &xv64_ext_chain_tcp_nsp;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x = { .cfg = &cfg };
	u8 *buf, *out;

	xv_cfg_vec(&cfg, v);
	assert_int_equal(xv_plan_linear(dcx_plan_64, &x, v->in, v->in_len,
					v->in_len), DCX_XLAT);
	buf = malloc(v->in_len);
	assert_non_null(buf);
	memcpy(buf, v->in, v->in_len);
	rcu_read_lock();
	out = dcx_apply_64(&x, buf, v->in_len);
	rcu_read_unlock();
	assert_ptr_equal(out, buf + x.old_nhlen - 20);
	/* What follows the transport header is never touched. */
	assert_memory_equal(buf + x.old_nhlen + 20, v->in + x.old_nhlen + 20,
			    v->in_len - x.old_nhlen - 20);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define XV_TEST(v) xv_unit_test(test_##v),
		XLAT_VECTORS_64(XV_TEST)
		XLAT_VECTORS_646(XV_TEST)
#undef XV_TEST
		xv_unit_test(test_pass_without_pool6),
		xv_unit_test(test_pass_dst_outside_pool6),
		xv_unit_test(test_pass_src_outside_pool6),
		xv_unit_test(test_drop_dst_maps_to_multicast),
		xv_unit_test(test_drop_src_maps_to_loopback),
		xv_unit_test(test_pass_other_prefix),
		xv_unit_test(test_drop_hlim1),
		xv_unit_test(test_drop_hlim0),
		xv_unit_test(test_drop_icmp6_neighbour_solicit),
		xv_unit_test(test_drop_icmp6_mld_query),
		xv_unit_test(test_drop_icmp6_first_fragment),
		xv_unit_test(test_drop_icmp6_later_fragment),
		xv_unit_test(test_drop_two_fragment_headers),
		xv_unit_test(test_drop_routing_segments_left),
		xv_unit_test(test_truncated_below_ipv6_header),
		xv_unit_test(test_truncated_short_packet),
		xv_unit_test(test_truncated_payload_len_mismatch),
		xv_unit_test(test_truncated_jumbogram),
		xv_unit_test(test_truncated_ext_header),
		xv_unit_test(test_truncated_ext_header_length),
		xv_unit_test(test_truncated_ext_header_no_next),
		xv_unit_test(test_truncated_tcp_header),
		xv_unit_test(test_bad_version),
		xv_unit_test(test_pull_ipv6_header),
		xv_unit_test(test_pull_ext_chain),
		xv_unit_test(test_pull_then_translate),
		xv_unit_test(test_pull_icmp6_header),
		xv_unit_test(test_pull_long_dest_opts_tcp),
		xv_unit_test(test_pull_long_dest_opts_no_next),
		xv_unit_test(test_pull_later_fragment_chain),
		xv_unit_test(test_plan_fields),
		xv_unit_test(test_apply_in_place),
	};

	return cmocka_run_group_tests_name("core_xlat64", tests, xv_group_setup,
					   xv_group_teardown);
}
