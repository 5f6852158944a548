// SPDX-License-Identifier: GPL-2.0
/*
 * Microbenchmark of the pure translation core: dcx_plan_* + dcx_apply_*
 * over byte buffers, per direction and packet kind, with N random EAM
 * entries in the tables (issue 6); with "random", TCP only, every packet
 * to a random entry of the whole table, for callgrind's cache simulation
 * (issue 14). Meant to run under
 * valgrind --tool=callgrind --toggle-collect=xlat_one: only plan + apply
 * are collected, and the counts of each case are
 * dumped with its name, so tests/bench-core/run.sh can divide them by the
 * number of packets. Without valgrind it prints ns/packet (noisy).
 *
 *   bench_core NEAMS [PACKETS [random]]
 *
 * Tables: the default space with pool6 64:ff9b::/96 and NEAMS entries
 * v4/32 <-> 2001:db8:<random>/128, v4 random unicast. Packets go between
 * the IPv4 host 93.184.216.34 (pool6; global, as the well-known
 * prefix requires) and 256 entries picked at random
 * (fewer when there are fewer), so every packet does one EAM hit and one
 * EAM miss + pool6 per address pair, like a SIIT-DC Border Relay.
 */
#include "xlat.h"

#include <time.h>
#include "bench_util.h"
#include <valgrind/callgrind.h>

#define HOT		256
#define HEADROOM	128
#define BUFSZ		2048

static DEFINE_MUTEX(bench_lock);
static struct dcx_tables *tables;
static struct dcx_xlat_cfg cfg;
static __be32 hot4[HOT];
static struct in6_addr hot6[HOT];
static unsigned int nhot;
/* Every entry, for the cache mode's random destinations. */
static __be32 *all4;
static struct in6_addr *all6;
static unsigned long nall;
static void die(const char *what)
{
	bench_die("bench_core", what);
}

static __be32 random_v4(void)
{
	u32 a;

	do {
		a = rnd();
	} while (dcx_v4_special(htonl(a)) || (a >> 24) == 93 ||
		 (a >> 24) == 94);
	return htonl(a);
}

static void setup(unsigned long neams)
{
	struct dcx_prefix6 p = { .len = 96 };
	char why[DCX_WHY_LEN];
	unsigned long added = 0, tries = 0;
	unsigned int i;

	if (dcx_lpm_cache_init() || dcx_eam_cache_init())
		die("lpm cache");
	tables = dcx_tables_alloc(GFP_KERNEL);
	if (!tables)
		die("tables");
	all4 = calloc(neams + 1, sizeof(*all4));
	all6 = calloc(neams + 1, sizeof(*all6));
	if (!all4 || !all6)
		die("memory");
	inet_pton(AF_INET6, "64:ff9b::", &p.addr);
	mutex_lock(&bench_lock);
	if (dcx_space_set_pool6(tables, tables->def, &p, why, &bench_lock))
		die(why);
	while (added < neams) {
		struct in6_addr v6;
		__be32 v4 = random_v4();

		if (++tries > 4 * neams + 100)
			die("cannot add the EAM entries");
		v6.s6_addr32[0] = htonl(0x20010db8);
		v6.s6_addr32[1] = htonl(rnd());
		v6.s6_addr32[2] = htonl(rnd());
		v6.s6_addr32[3] = htonl(rnd());
		if (dcx_eam_add(tables, tables->def, v4, 32, &v6, 128, why,
				&bench_lock))
			continue;	/* a random duplicate */
		all4[added] = v4;
		all6[added] = v6;
		added++;
	}
	mutex_unlock(&bench_lock);
	nhot = neams < HOT ? neams : HOT;
	for (i = 0; i < nhot; i++) {
		unsigned long k = nhot == neams ? i : rnd() % neams;

		hot4[i] = all4[k];
		hot6[i] = all6[k];
	}
	nall = neams;
	cfg.tables = tables;
	cfg.rfc6791v4.addr = htonl(0xc0000008);	/* 192.0.0.8, the default */
	cfg.rfc6791v4.len = 32;
	cfg.lowest_ipv6_mtu = 1280;
	cfg.hairpin = true;
}

/* ---- packet builders ------------------------------------------------ */

static const __be32 host4 = htonl(0x5db8d822);		/* 93.184.216.34 */
static const __be32 router4 = htonl(0x5e000001);	/* 94.0.0.1 */

static void pool6(__be32 v4, struct in6_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->s6_addr32[0] = htonl(0x0064ff9b);
	a->s6_addr32[3] = v4;
}

static unsigned int ip4(u8 *p, __be32 src, __be32 dst, u8 proto,
			unsigned int l4len, u16 frag)
{
	struct iphdr *iph = (struct iphdr *)p;

	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(sizeof(*iph) + l4len);
	iph->id = htons(0x1234);
	iph->frag_off = htons(frag);
	iph->ttl = 64;
	iph->protocol = proto;
	iph->saddr = src;
	iph->daddr = dst;
	iph->check = ip_fast_csum(iph, 5);
	return sizeof(*iph);
}

static unsigned int ip6(u8 *p, const struct in6_addr *src,
			const struct in6_addr *dst, u8 next,
			unsigned int paylen)
{
	struct ipv6hdr *h = (struct ipv6hdr *)p;

	memset(h, 0, sizeof(*h));
	h->version = 6;
	h->payload_len = htons(paylen);
	h->nexthdr = next;
	h->hop_limit = 64;
	h->saddr = *src;
	h->daddr = *dst;
	return sizeof(*h);
}

/* A transport header with a non-zero checksum, then the payload bytes. */
static unsigned int l4(u8 *p, u8 proto, unsigned int paylen)
{
	unsigned int hl;

	switch (proto) {
	case IPPROTO_TCP: {
		struct tcphdr *th = (struct tcphdr *)p;

		memset(th, 0, sizeof(*th));
		th->source = htons(443);
		th->dest = htons(40000);
		th->doff = 5;
		th->ack = 1;
		th->check = htons(0x1234);
		hl = sizeof(*th);
		break;
	}
	case IPPROTO_UDP: {
		struct udphdr *uh = (struct udphdr *)p;

		uh->source = htons(53);
		uh->dest = htons(40000);
		uh->len = htons(sizeof(*uh) + paylen);
		uh->check = htons(0x1234);
		hl = sizeof(*uh);
		break;
	}
	default: {	/* echo request, ICMP or ICMPv6 */
		struct icmphdr *ih = (struct icmphdr *)p;

		memset(ih, 0, sizeof(*ih));
		ih->type = proto == IPPROTO_ICMP ? ICMP_ECHO : ICMPV6_ECHO_REQUEST;
		ih->un.echo.id = htons(7);
		ih->checksum = htons(0x1234);
		hl = sizeof(*ih);
		break;
	}
	}
	memset(p + hl, 0xa5, paylen);
	return hl + paylen;
}

enum kind { K_TCP, K_UDP, K_ECHO, K_ICMPERR, K_FRAG, K_NKINDS };
static const char *const kind_name[] = {
	"tcp", "udp", "icmp-echo", "icmp-error", "fragment",
};

#define PAYLOAD 64

/* 4 -> 6: from the IPv4 host to the entry e4. Returns the length. */
static unsigned int pkt46(u8 *p, enum kind k, __be32 e4)
{
	unsigned int n, in;

	switch (k) {
	case K_TCP:
		n = ip4(p, host4, e4, IPPROTO_TCP, 20 + PAYLOAD, 0);
		return n + l4(p + n, IPPROTO_TCP, PAYLOAD);
	case K_UDP:
		n = ip4(p, host4, e4, IPPROTO_UDP, 8 + PAYLOAD, 0);
		return n + l4(p + n, IPPROTO_UDP, PAYLOAD);
	case K_ECHO:
		n = ip4(p, host4, e4, IPPROTO_ICMP, 8 + PAYLOAD, 0);
		return n + l4(p + n, IPPROTO_ICMP, PAYLOAD);
	case K_ICMPERR:
		/* A router says the entry's UDP to the host did not get through. */
		in = 20 + 8 + PAYLOAD;
		n = ip4(p, router4, e4, IPPROTO_ICMP, 8 + in, 0);
		memset(p + n, 0, 8);
		p[n] = ICMP_DEST_UNREACH;
		p[n + 1] = ICMP_HOST_UNREACH;
		ip4(p + n + 8, e4, host4, IPPROTO_UDP, 8 + PAYLOAD, 0);
		l4(p + n + 28, IPPROTO_UDP, PAYLOAD);
		/* A correct checksum: plan verifies an error's (RFC 7915). */
		*(__sum16 *)(p + n + 2) = ip_compute_csum(p + n, 8 + in);
		return n + 8 + in;
	default:	/* a later fragment of a UDP datagram */
		n = ip4(p, host4, e4, IPPROTO_UDP, PAYLOAD, 185);
		memset(p + n, 0xa5, PAYLOAD);
		return n + PAYLOAD;
	}
}

/* 6 -> 4: from the entry e6 to the IPv4 host. */
static unsigned int pkt64(u8 *p, enum kind k, const struct in6_addr *e6)
{
	struct in6_addr h6, r6;
	unsigned int n, in;

	pool6(host4, &h6);
	switch (k) {
	case K_TCP:
		n = ip6(p, e6, &h6, IPPROTO_TCP, 20 + PAYLOAD);
		return n + l4(p + n, IPPROTO_TCP, PAYLOAD);
	case K_UDP:
		n = ip6(p, e6, &h6, IPPROTO_UDP, 8 + PAYLOAD);
		return n + l4(p + n, IPPROTO_UDP, PAYLOAD);
	case K_ECHO:
		n = ip6(p, e6, &h6, IPPROTO_ICMPV6, 8 + PAYLOAD);
		return n + l4(p + n, IPPROTO_ICMPV6, PAYLOAD);
	case K_ICMPERR:
		/* The entry says the host's UDP to it found no route. */
		in = 40 + 8 + PAYLOAD;
		pool6(router4, &r6);
		n = ip6(p, e6, &h6, IPPROTO_ICMPV6, 8 + in);
		memset(p + n, 0, 8);
		p[n] = ICMPV6_DEST_UNREACH;
		p[n + 1] = ICMPV6_NOROUTE;
		ip6(p + n + 8, &h6, e6, IPPROTO_UDP, 8 + PAYLOAD);
		l4(p + n + 48, IPPROTO_UDP, PAYLOAD);
		*(__sum16 *)(p + n + 2) =
			csum_ipv6_magic(e6, &h6, 8 + in, IPPROTO_ICMPV6,
					csum_partial(p + n, 8 + in, 0));
		return n + 8 + in;
	default: {	/* a later fragment of a UDP datagram */
		struct frag_hdr *fh;

		n = ip6(p, e6, &h6, NEXTHDR_FRAGMENT, 8 + PAYLOAD);
		fh = (struct frag_hdr *)(p + n);
		fh->nexthdr = IPPROTO_UDP;
		fh->reserved = 0;
		fh->frag_off = htons(1480);	/* offset 185 * 8, last */
		fh->identification = htonl(0x12345678);
		n += sizeof(*fh);
		memset(p + n, 0xa5, PAYLOAD);
		return n + PAYLOAD;
	}
	}
}

typedef enum dcx_action (*plan_fn)(struct dcx_xlat *x, const u8 *nh,
				    unsigned int linear, unsigned int total);
typedef u8 *(*apply_fn)(struct dcx_xlat *x, u8 *nh, unsigned int total);

static const char *const stat_name[] = DCXLAT_STAT_NAMES;
static u8 tmpl[HOT][BUFSZ];
static unsigned int tmpl_len[HOT];
static u8 buf[BUFSZ];

/* One packet through plan + apply: run.sh collects only this function. */
static noinline void xlat_one(plan_fn plan, apply_fn apply,
			      unsigned int len)
{
	struct dcx_xlat x = { .cfg = &cfg };
	u8 *nh = buf + HEADROOM;

	if (plan(&x, nh, len, len) != DCX_XLAT) {
		fprintf(stderr, "bench_core: verdict not XLAT (%s)\n",
			stat_name[x.stat]);
		exit(1);
	}
	x.mtu_in = 1500;
	x.mtu_out = 1500;
	apply(&x, nh, len);
}

static void run_case(unsigned long neams, bool to6, enum kind k,
		     unsigned int npkts)
{
	plan_fn plan = to6 ? dcx_plan_46 : dcx_plan_64;
	apply_fn apply = to6 ? dcx_apply_46 : dcx_apply_64;
	char name[96];
	struct timespec t0, t1;
	unsigned int i, j;
	double ns;

	for (i = 0; i < nhot; i++)
		tmpl_len[i] = to6 ? pkt46(tmpl[i], k, hot4[i]) :
				     pkt64(tmpl[i], k, &hot6[i]);
	snprintf(name, sizeof(name), "case eams=%lu dir=%s kind=%s pkts=%u",
		 neams, to6 ? "4to6" : "6to4", kind_name[k], npkts);
	CALLGRIND_ZERO_STATS;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rcu_read_lock();
	for (i = 0; i < npkts; i++) {
		j = i % nhot;
		memcpy(buf + HEADROOM, tmpl[j], tmpl_len[j]);
		xlat_one(plan, apply, tmpl_len[j]);
	}
	rcu_read_unlock();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CALLGRIND_DUMP_STATS_AT(name);
	ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
	printf("%s ns_per_pkt=%.1f\n", name, ns / npkts);
}

/*
 * Cache mode: every packet to or from an entry picked at random from the
 * whole table (not HOT rotating ones), so the trie's deep nodes are cold
 * as on a hypervisor whose LLC is far smaller than the table. WARM
 * packets warm the caches first (the top of the trie stays hot, as in a
 * steady stream), then npkts are collected.
 */
#define WARM 50000

static void run_random(unsigned long neams, bool to6, enum kind k,
		       unsigned int npkts)
{
	plan_fn plan = to6 ? dcx_plan_46 : dcx_plan_64;
	apply_fn apply = to6 ? dcx_apply_46 : dcx_apply_64;
	u8 *nh = buf + HEADROOM;
	unsigned int i, len;
	unsigned long e;
	char name[96];

	snprintf(name, sizeof(name),
		 "case eams=%lu dir=%s kind=%s pkts=%u mode=random",
		 neams, to6 ? "4to6" : "6to4", kind_name[k], npkts);
	rcu_read_lock();
	for (i = 0; i < WARM + npkts; i++) {
		if (i == WARM)
			CALLGRIND_ZERO_STATS;
		e = rnd() % nall;
		len = to6 ? pkt46(nh, k, all4[e]) : pkt64(nh, k, &all6[e]);
		xlat_one(plan, apply, len);
	}
	rcu_read_unlock();
	CALLGRIND_DUMP_STATS_AT(name);
	printf("%s\n", name);
}

int main(int argc, char **argv)
{
	unsigned long neams;
	unsigned int npkts;
	bool random;
	int k;

	if (argc < 2)
		die("usage: bench_core NEAMS [PACKETS [random]]");
	neams = strtoul(argv[1], NULL, 0);
	npkts = argc > 2 ? strtoul(argv[2], NULL, 0) : 2000;
	random = argc > 3 && !strcmp(argv[3], "random");
	if (!neams || !npkts)
		die("NEAMS and PACKETS must be > 0");
	setup(neams);
	/* run.sh's cache mode leaves the table's setup uninstrumented. */
	CALLGRIND_START_INSTRUMENTATION;
	for (k = 0; k < K_NKINDS; k++) {
		if (random) {
			if (k == K_TCP) {
				run_random(neams, true, k, npkts);
				run_random(neams, false, k, npkts);
			}
			continue;
		}
		run_case(neams, true, k, npkts);
		run_case(neams, false, k, npkts);
	}
	mutex_lock(&bench_lock);
	dcx_tables_destroy(tables);
	mutex_unlock(&bench_lock);
	free(all4);
	free(all6);
	rcu_barrier();
	dcx_eam_cache_exit();
	dcx_lpm_cache_exit();
	return 0;
}
