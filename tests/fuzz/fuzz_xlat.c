// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the pure translation core: dcx_plan_46 +
 * dcx_apply_46 (FUZZ_46) or dcx_plan_64 + dcx_apply_64 (FUZZ_64), with
 * the hairpin second pass, on real tables (three spaces, pool6s, EAM
 * entries). Built over tests/kshim/kshim.h with ASan + UBSan: any
 * out-of-bounds access, undefined behaviour, kshim WARN or broken
 * contract below aborts, which libFuzzer reports as a crash.
 *
 * Input: byte 0 = settings bits, byte 1 = space (low 2 bits) and how much
 * of the packet starts linear (high 6 bits), byte 2 bit 0 = make the IP
 * length field match the input (so mutations get past the length check),
 * then the packet.
 *
 * FUZZ_ICMP (fuzz_err46, fuzz_err64): the ICMP error paths alone. The
 * packet after byte 2 is the INNER packet; the target wraps it in a valid
 * outer header between two EAM-mapped hosts and an ICMP error whose type
 * comes from byte 2's high bits, with a correct checksum (a mutated inner
 * packet would otherwise almost never get past the checksum check).
 */
#include "xlat.h"

#define MAX_PKT		4096

static struct dcx_tables *tabs;
static struct dcx_space *spaces[3];
static struct mutex lock;
static unsigned long max_pulls_over_8;	/* inputs hook.c would drop */
/* How far inputs got: translated, hairpinned, and why the rest stopped. */
static unsigned long n_xlat, n_hairpin, n_stat[2][DCXLAT_STAT_COUNT];

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "contract: %s (%s:%d)\n", \
	#c, __FILE__, __LINE__); abort(); } } while (0)

static void eam(struct dcx_space *s, const char *p4, u8 l4, const char *p6,
		u8 l6)
{
	struct in6_addr v6;
	struct in_addr v4;
	char why[DCX_WHY_LEN];

	CHECK(inet_pton(AF_INET, p4, &v4) == 1);
	CHECK(inet_pton(AF_INET6, p6, &v6) == 1);
	CHECK(!dcx_eam_add(tabs, s, v4.s_addr, l4, &v6, l6, why, &lock));
}

static void pool(struct dcx_space *s, const char *p6, u8 len)
{
	struct dcx_prefix6 p = { .len = len };
	char why[DCX_WHY_LEN];

	CHECK(inet_pton(AF_INET6, p6, &p.addr) == 1);
	CHECK(!dcx_space_set_pool6(tabs, s, &p, why, &lock));
}

static void report(void)
{
	static const char * const names[] = DCXLAT_STAT_NAMES;
	unsigned int i, k;

	fprintf(stderr, "inputs that needed more than 8 pulls: %lu\n",
		max_pulls_over_8);
	fprintf(stderr, "translated: %lu, hairpinned: %lu\n", n_xlat,
		n_hairpin);
	for (k = 0; k < 2; k++)
		for (i = 0; i < DCXLAT_STAT_COUNT; i++)
			if (n_stat[k][i])
				fprintf(stderr, "  %s %s: %lu\n",
					k ? "drop" : "pass", names[i],
					n_stat[k][i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char why[DCX_WHY_LEN];

	(void)argc;
	(void)argv;
	CHECK(!dcx_lpm_cache_init());
	CHECK(!dcx_eam_cache_init());
	atexit(report);
	mutex_init(&lock);
	mutex_lock(&lock);
	tabs = dcx_tables_alloc(GFP_KERNEL);
	CHECK(tabs);
	spaces[0] = tabs->def;
	spaces[1] = dcx_space_add(tabs, "b", 2, NULL, why, &lock);
	spaces[2] = dcx_space_add(tabs, "c", 3, NULL, why, &lock);
	CHECK(!IS_ERR(spaces[1]) && !IS_ERR(spaces[2]));
	/* The prefixes of the unit-test vectors, one per space. */
	pool(spaces[0], "64:ff9b::", 96);
	pool(spaces[1], "2001:db8:64::", 96);
	pool(spaces[2], "2001:db8:122:344::", 64);
	eam(spaces[0], "192.0.3.0", 24, "2001:db8:aaaa::", 120);
	eam(spaces[0], "198.51.101.7", 32, "2001:db8::5", 128);
	eam(spaces[0], "10.0.0.0", 8, "2001:db8:a00::", 104);
	eam(spaces[1], "192.0.3.33", 32, "2001:db8:64::c000:321", 128);
	eam(spaces[1], "192.0.2.0", 24, "2001:db8:b::", 120);
	eam(spaces[2], "198.51.101.0", 24, "2001:db8:c::", 120);
	mutex_unlock(&lock);
	return 0;
}

static void settings(struct dcx_xlat_cfg *cfg, u8 f)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->tables = tabs;
	cfg->lowest_ipv6_mtu = f & 0x80 ? 1280 : 0;
	cfg->reset_tclass = f & 0x01;
	cfg->reset_tos = f & 0x02;
	cfg->new_tos = 0x28;
	cfg->udp_zero = f & 0x04 ? DCXLAT_UDP0_DROP : DCXLAT_UDP0_COMPUTE;
	cfg->role = f & 0x08 ? DCXLAT_ROLE_ER : DCXLAT_ROLE_BR;
	cfg->er_filter = f & 0x10;
	cfg->hairpin = f & 0x20;
	if (f & 0x40) {
		cfg->rfc6791v4.addr = htonl(0xc0000200);
		cfg->rfc6791v4.len = 28;
		CHECK(inet_pton(AF_INET6, "2001:db8:6791::",
				&cfg->rfc6791v6.addr) == 1);
		cfg->rfc6791v6.len = 64;
	}
}

#ifdef FUZZ_ICMP
static unsigned int wrap_icmp(u8 *pkt, unsigned int len, u8 sel)
{
	/* type, code, 32 bits of "rest" (MTU or pointer). */
	static const u8 __maybe_unused err4[][3] = { { 3, 1 }, { 3, 3 }, { 3, 4, 1 },
		{ 3, 13 }, { 11, 0 }, { 12, 0, 2 }, { 3, 2 }, { 4, 0 } };
	static const u8 __maybe_unused err6[][3] = { { 1, 0 }, { 1, 4 }, { 2, 0, 1 },
		{ 3, 0 }, { 4, 0, 2 }, { 4, 1, 2 }, { 3, 1 }, { 1, 3 } };
	const u8 *e;
	u8 *icmp;
	unsigned int n;

#ifdef FUZZ_46
	e = err4[sel >> 5];
	n = 20 + 8 + len;
	memmove(pkt + 28, pkt, len);
	memset(pkt, 0, 28);
	pkt[0] = 0x45;
	pkt[2] = n >> 8;
	pkt[3] = n;
	pkt[8] = 64;
	pkt[9] = IPPROTO_ICMP;
	CHECK(inet_pton(AF_INET, "198.51.101.7", pkt + 12) == 1);
	CHECK(inet_pton(AF_INET, "192.0.3.1", pkt + 16) == 1);
	*(__sum16 *)(pkt + 10) = ip_fast_csum(pkt, 5);
	icmp = pkt + 20;
#else
	e = err6[sel >> 5];
	n = 40 + 8 + len;
	memmove(pkt + 48, pkt, len);
	memset(pkt, 0, 48);
	pkt[0] = 0x60;
	pkt[4] = (n - 40) >> 8;
	pkt[5] = n - 40;
	pkt[6] = IPPROTO_ICMPV6;
	pkt[7] = 64;
	CHECK(inet_pton(AF_INET6, "2001:db8::5", pkt + 8) == 1);
	CHECK(inet_pton(AF_INET6, "2001:db8:aaaa::1", pkt + 24) == 1);
	icmp = pkt + 40;
#endif
	icmp[0] = e[0];
	icmp[1] = e[1];
	if (e[2] == 1)		/* next-hop MTU */
		icmp[6] = 0x05, icmp[7] = 0xdc;
	else if (e[2] == 2)	/* pointer */
		icmp[4 + (e[0] == 4 ? 3 : 0)] = sel & 0x1f;
#ifdef FUZZ_46
	*(__sum16 *)(icmp + 2) = ip_compute_csum(icmp, n - 20);
#else
	*(__sum16 *)(icmp + 2) = csum_ipv6_magic((struct in6_addr *)(pkt + 8),
		(struct in6_addr *)(pkt + 24), n - 40, IPPROTO_ICMPV6,
		csum_partial(icmp, n - 40, 0));
#endif
	return n;
}
#endif

typedef enum dcx_action (*plan_fn)(struct dcx_xlat *, const u8 *,
				    unsigned int, unsigned int);
typedef u8 *(*apply_fn)(struct dcx_xlat *, u8 *, unsigned int);

/*
 * The skb layer's pull loop, each plan on an exactly sized copy. Every
 * request must be for more than is linear and at most the packet, so the
 * loop ends by itself; it may take more rounds than hook.c's 8 (two per
 * extension header), which that loop turns into a bad-header drop.
 */
static enum dcx_action plan_loop(plan_fn plan, struct dcx_xlat *x,
				  const u8 *pkt, unsigned int linear,
				  unsigned int total)
{
	enum dcx_action v = DCX_DROP;
	int tries;
	u8 *b;

	for (tries = 0; tries < 64; tries++) {
		b = malloc(linear ? linear : 1);
		CHECK(b);
		memcpy(b, pkt, linear);
		rcu_read_lock();
		v = plan(x, b, linear, total);
		rcu_read_unlock();
		CHECK(!memcmp(b, pkt, linear));	/* plan is read-only */
		free(b);
		if (v == DCX_PASS || v == DCX_DROP)
			n_stat[v == DCX_DROP][x->stat]++;
		if (v != DCX_PULL)
			return v;
		CHECK(x->need > linear && x->need <= total);
		linear = x->need;
		if (tries == 8)
			max_pulls_over_8++;
	}
	CHECK(!"plan kept asking for more");
	return v;
}

/* plan + apply; the result (malloc'ed) and its length, or NULL. */
static u8 *xlat(plan_fn plan, apply_fn apply, struct dcx_xlat *x,
		const u8 *pkt, unsigned int len, unsigned int linear,
		unsigned int *out_len)
{
	unsigned int grow, room;
	u8 *buf, *nh, *res, *out;

	if (plan_loop(plan, x, pkt, linear, len) != DCX_XLAT)
		return NULL;
	CHECK(x->old_nhlen <= len && x->new_nhlen > 0);
	grow = x->new_nhlen > x->old_nhlen ? x->new_nhlen - x->old_nhlen : 0;
	room = grow + len + x->tail_need;
	buf = malloc(room);
	CHECK(buf);
	nh = buf + grow;
	memcpy(nh, pkt, len);
	rcu_read_lock();
	res = apply(x, nh, len);
	rcu_read_unlock();
	CHECK(res == nh + x->old_nhlen - x->new_nhlen);
	CHECK(res >= buf && res + x->new_total <= buf + room);
	CHECK(x->new_total >= x->new_nhlen);
	n_xlat++;
	out = malloc(x->new_total);
	CHECK(out);
	memcpy(out, res, x->new_total);
	*out_len = x->new_total;
	free(buf);
	return out;
}

static void check_ip6(const u8 *p, unsigned int len)
{
	CHECK(len >= 40 && (p[0] >> 4) == 6);
	CHECK((unsigned int)(p[4] << 8 | p[5]) + 40 == len);
}

static void __maybe_unused check_ip4(const u8 *p, unsigned int len)
{
	CHECK(len >= 20 && p[0] == 0x45);
	CHECK((unsigned int)(p[2] << 8 | p[3]) == len);
	CHECK(!ip_fast_csum(p, 5));
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int len, linear, out_len;
	u8 *out;

	static u8 pkt[MAX_PKT + 64];

	if (size < 3 || size - 3 > MAX_PKT)
		return 0;
	settings(&cfg, data[0]);
	len = size - 3;
	memcpy(pkt, data + 3, len);
#ifdef FUZZ_ICMP
	len = wrap_icmp(pkt, len, data[2]);
#else
	if (data[2] & 1 && len >= 40 && pkt[0] >> 4 == 6) {
		pkt[4] = (len - 40) >> 8;
		pkt[5] = len - 40;
	} else if (data[2] & 1 && len >= 20 && pkt[0] >> 4 == 4) {
		pkt[2] = len >> 8;
		pkt[3] = len;
	}
#endif
	linear = (unsigned int)(data[1] >> 2) * len / 63;
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	x.csum_partial = data[0] & 0x80 && data[1] & 0x02;
	x.mtu_in = data[1] & 1 ? 1500 : 0;
	x.mtu_out = data[1] & 1 ? 1400 : 0;
#ifdef FUZZ_46
	x.space = (data[1] & 3) == 3 ? NULL : spaces[data[1] & 3];
#ifdef FUZZ_ICMP
	x.space = spaces[0];	/* where the outer addresses map */
#endif
	x.hairpin = data[1] & 0x02;	/* as a second pass */
	out = xlat(dcx_plan_46, dcx_apply_46, &x, pkt, len, linear,
		   &out_len);
	if (out)
		check_ip6(out, out_len);
#else
	out = xlat(dcx_plan_64, dcx_apply_64, &x, pkt, len, linear,
		   &out_len);
	if (out) {
		check_ip4(out, out_len);
		CHECK(x.space);
		if (x.hairpin) {
			unsigned int out2_len;
			u8 *out2;

			/* The datapath's second pass, same state. */
			n_hairpin++;
			out2 = xlat(dcx_plan_46, dcx_apply_46, &x, out,
				    out_len, out_len, &out2_len);
			if (out2)
				check_ip6(out2, out2_len);
			free(out2);
		}
	}
#endif
	free(out);
	return 0;
}
