// SPDX-License-Identifier: GPL-2.0
/*
 * The core's policy in the roles of RFC 7756, each against a packet built
 * independently: Edge Relay filtering (RFC 7756 6: ingress filtering,
 * spoofed IPv6 sources) and Border Relay hairpinning (RFC 7757 4.2,
 * RFC 7756 figure 5), of plain packets and of ICMP errors about them.
 * Shared helpers: policy_helpers.h.
 */
#include "policy_helpers.h"

/* ---- Edge Relay ----------------------------------------------------- */

static void cfg_er(struct dcx_xlat_cfg *cfg)
{
	xv_cfg(cfg, nsp, 96);
	cfg->role = DCXLAT_ROLE_ER;
	cfg->er_filter = true;
	/* The node behind this ER: 192.0.3.26 <-> 2001:db8:e::26. */
	xv_eam(cfg, NULL, "192.0.3.26", 32, "2001:db8:e::26", 128);
}

static void test_er_ingress(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen;

	cfg_er(&cfg);
	len = udp4(in, "192.0.3.26", "198.51.101.1", 0, 64, 8, false);
	wlen = udp6(want, "2001:db8:e::26", "2001:db8:64::c633:6501", 0, 63,
		    8);
	expect_xlat("er own node", &cfg, NULL, true, in, len, want, wlen);
	/* A spoofed source (it maps by pool6, but has no EAM entry). */
	len = udp4(in, "192.0.3.27", "198.51.101.1", 0, 64, 8, false);
	expect_v("er spoofed", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_INGRESS);
	cfg.er_filter = false;
	expect_v("er no filter", &cfg, NULL, true, in, len, DCX_XLAT, 0);
	cfg.er_filter = true;
	cfg.role = DCXLAT_ROLE_BR;
	expect_v("br", &cfg, NULL, true, in, len, DCX_XLAT, 0);
}

/* An ICMPv4 error from the ER's own IPv4 side may use the RFC 6791 pool. */
static void test_er_ingress_icmp_err(void **state __maybe_unused)
{
	u8 in[PB_MAX], inner[PB_MAX];
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	struct in6_addr want;
	unsigned int len, ilen;

	cfg_er(&cfg);
	ilen = udp4(inner, "192.0.3.26", "198.51.101.1", 0, 1, 8, false);
	len = icmp4_err(in, "192.0.3.1", "192.0.3.26", 11, 0, 0, inner, ilen,
			0);
	expect_v("er err, no pool", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_INGRESS);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8:6791::",
				   &cfg.rfc6791v6.addr), 1);
	cfg.rfc6791v6.len = 64;
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_int_equal(xv_plan_linear(dcx_plan_46, &x, in, len, len),
			 DCX_XLAT);
	/* Not the pool6 embedding of the unfiltered source: the pool. */
	dcx_rfc6791_pick6(&cfg.rfc6791v6, htonl(0xc0000301), &want);
	assert_memory_equal(&x.src6, &want, 16);
	/* Anything else from there stays filtered. */
	len = udp4(in, "192.0.3.1", "198.51.101.1", 0, 64, 8, false);
	expect_v("er udp, pool", &cfg, NULL, true, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_INGRESS);
}

static void test_er_spoof(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen;

	cfg_er(&cfg);
	len = udp6(in, "2001:db8:64::c633:6501", "2001:db8:e::26", 0, 64, 8);
	wlen = udp4_of6(want, "198.51.101.1", "192.0.3.26", 0, 63, 8);
	expect_xlat("er inbound", &cfg, NULL, false, in, len, want, wlen);
	/* Source = the local IPv6 service address. */
	len = udp6(in, "2001:db8:e::26", "2001:db8:e::26", 0, 64, 8);
	expect_v("er spoof6", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_SPOOF6);
	/* Source translates to the local IPv4 service address. */
	len = udp6(in, "2001:db8:64::c000:31a", "2001:db8:e::26", 0, 64, 8);
	expect_v("er spoof4", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_SPOOF4);
	cfg.er_filter = false;
	expect_v("er spoof4 unfiltered", &cfg, NULL, false, in, len, DCX_XLAT,
		 0);
}

/*
 * RFC 7756 figure 6: the ER also holds a 5.2 entry for a remote service
 * (192.0.2.80 <-> 2001:db8:dc::80, in the IPv6 DC behind the BR), added
 * as remote. Its local node talks to it directly, with the filter on; the
 * service's IPv4 address is no local source, its IPv6 one no spoofing.
 */
static void test_er_fig6_remote(void **state __maybe_unused)
{
	u8 in[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	unsigned int len, wlen;

	cfg_er(&cfg);
	xv_eam_as(&cfg, NULL, "192.0.2.80", 32, "2001:db8:dc::80", 128, true);
	len = udp4(in, "192.0.3.26", "192.0.2.80", 0, 64, 8, false);
	wlen = udp6(want, "2001:db8:e::26", "2001:db8:dc::80", 0, 63, 8);
	expect_xlat("fig6 node -> remote service", &cfg, NULL, true, in, len,
		    want, wlen);
	len = udp6(in, "2001:db8:dc::80", "2001:db8:e::26", 0, 64, 8);
	wlen = udp4_of6(want, "192.0.2.80", "192.0.3.26", 0, 63, 8);
	expect_xlat("fig6 remote service -> node", &cfg, NULL, false, in, len,
		    want, wlen);
	/* From the ER's IPv4 side, the remote address is spoofed. */
	len = udp4(in, "192.0.2.80", "198.51.101.1", 0, 64, 8, false);
	expect_v("fig6 remote as IPv4 source", &cfg, NULL, true, in, len,
		 DCX_DROP, DCXLAT_STAT_ER_INGRESS);
	/* The local entry keeps its protection. */
	len = udp6(in, "2001:db8:e::26", "2001:db8:e::26", 0, 64, 8);
	expect_v("fig6 local spoof6", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_SPOOF6);
	len = udp6(in, "2001:db8:64::c000:31a", "2001:db8:dc::80", 0, 64, 8);
	expect_v("fig6 local spoof4", &cfg, NULL, false, in, len, DCX_DROP,
		 DCXLAT_STAT_ER_SPOOF4);
}

/* ---- hairpinning (RFC 7757 4.2, RFC 7756 figure 5) ------------------ */

static const u8 br46[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x46 };

static void cfg_br(struct dcx_xlat_cfg *cfg)
{
	xv_cfg(cfg, br46, 96);
	cfg->hairpin = true;
	xv_eam(cfg, NULL, "192.0.2.1", 32, "2001:db8:a::", 128);
	xv_eam(cfg, NULL, "192.0.2.2", 32, "2001:db8:b::", 128);
}

/*
 * The datapath's loop in a buffer: 6 -> 4, and when x->hairpin the IPv4
 * result again through 4 -> 6 with the same state.
 */
static bool hairpin_run(struct dcx_xlat *x, const u8 *in, unsigned int len,
			u8 *out, unsigned int *out_len)
{
	unsigned int room = 64, tail;
	u8 *buf, *nh, *p4, *p6;
	bool hp;

	tail = 64;
	assert_int_equal(xv_plan_linear(dcx_plan_64, x, in, len, len),
			 DCX_XLAT);
	buf = calloc(1, room + len + tail);
	assert_non_null(buf);
	nh = buf + room;
	memcpy(nh, in, len);
	rcu_read_lock();
	p4 = dcx_apply_64(x, nh, len);
	rcu_read_unlock();
	len = x->new_total;
	hp = x->hairpin;
	if (hp) {
		assert_int_equal(xv_plan_linear(dcx_plan_46, x, p4, len, len),
				 DCX_XLAT);
		assert_true(p4 - buf >= (long)(x->new_nhlen - x->old_nhlen));
		rcu_read_lock();
		p6 = dcx_apply_46(x, p4, len);
		rcu_read_unlock();
		memcpy(out, p6, x->new_total);
	} else {
		memcpy(out, p4, len);
	}
	*out_len = x->new_total;
	free(buf);
	return hp;
}

static void test_hairpin(void **state __maybe_unused)
{
	u8 in[PB_MAX], got[PB_MAX], want[PB_MAX];
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int len, got_len, wlen;

	cfg_br(&cfg);
	/* Pkt#2 of RFC 7756 figure 5, from behind ER A. */
	len = udp6(in, "2001:db8:a::", "2001:db8:46::c000:202", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	/* Pkt#3: source by the prefix, destination by B's EAM entry. */
	wlen = udp6(want, "2001:db8:46::c000:201", "2001:db8:b::", 0, 63, 30);
	xv_expect_bytes("hairpin", got, got_len, want, wlen);

	/* B's answer comes back the same way to A. */
	len = udp6(in, "2001:db8:b::", "2001:db8:46::c000:201", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	wlen = udp6(want, "2001:db8:46::c000:202", "2001:db8:a::", 0, 63, 30);
	xv_expect_bytes("hairpin back", got, got_len, want, wlen);

	/* Destination by its EAM entry: plain 6 -> 4, no hairpin. */
	len = udp6(in, "2001:db8:a::", "2001:db8:b::", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_false(hairpin_run(&x, in, len, got, &got_len));
	wlen = udp4_of6(want, "192.0.2.1", "192.0.2.2", 0, 63, 30);
	xv_expect_bytes("eam dst", got, got_len, want, wlen);
	/* Destination without an EAM entry: no hairpin. */
	len = udp6(in, "2001:db8:a::", "2001:db8:46::c000:203", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_false(hairpin_run(&x, in, len, got, &got_len));
	/* Hairpinning off. */
	cfg.hairpin = false;
	len = udp6(in, "2001:db8:a::", "2001:db8:46::c000:202", 0, 64, 30);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_false(hairpin_run(&x, in, len, got, &got_len));
	wlen = udp4_of6(want, "192.0.2.1", "192.0.2.2", 0, 63, 30);
	xv_expect_bytes("hairpin off", got, got_len, want, wlen);
}

/* B cannot be reached on that port: the error must hairpin back to A. */
static void test_hairpin_icmp_err(void **state __maybe_unused)
{
	u8 in[PB_MAX], got[PB_MAX], want[PB_MAX], inner[PB_MAX];
	u8 inner6[PB_MAX];
	unsigned int len, got_len, wlen, ilen, i6len;
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;

	cfg_br(&cfg);
	/* What B received (Pkt#3) and quotes. */
	ilen = udp6(inner, "2001:db8:46::c000:201", "2001:db8:b::", 0, 63, 30);
	len = icmp6_err(in, "2001:db8:b::", "2001:db8:46::c000:201", 1, 4, 0,
			64, inner, ilen);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	/* A sees an error from the address it sent to, quoting its packet. */
	i6len = udp6(inner6, "2001:db8:a::", "2001:db8:46::c000:202", 0, 63,
		     30);
	wlen = icmp6_err(want, "2001:db8:46::c000:202", "2001:db8:a::", 1, 4,
			 0, 63, inner6, i6len);
	xv_expect_bytes("hairpin err", got, got_len, want, wlen);

	/* A third node C on the way (with an EAM entry) reports it. */
	xv_eam(&cfg, NULL, "192.0.2.3", 32, "2001:db8:c::", 128);
	len = icmp6_err(in, "2001:db8:c::", "2001:db8:46::c000:201", 3, 0, 0,
			64, inner, ilen);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	assert_true(hairpin_run(&x, in, len, got, &got_len));
	/* C keeps its own address; the quote is what A sent. */
	wlen = icmp6_err(want, "2001:db8:c::", "2001:db8:a::", 3, 0, 0, 63,
			 inner6, i6len);
	xv_expect_bytes("hairpin err from C", got, got_len, want, wlen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_er_ingress),
		xv_unit_test(test_er_ingress_icmp_err),
		xv_unit_test(test_er_spoof),
		xv_unit_test(test_er_fig6_remote),
		xv_unit_test(test_hairpin),
		xv_unit_test(test_hairpin_icmp_err),
	};

	return cmocka_run_group_tests_name("core_policy_roles", tests,
					   xv_group_setup, xv_group_teardown);
}
