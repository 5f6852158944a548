// SPDX-License-Identifier: GPL-2.0
/*
 * pktfuzz: the injector of the kernel-side packet fuzz (tests/selftests/
 * pkt_fuzz.sh). Reads the scapy-built seeds (seeds.py), mutates them
 * (mutate.c) and writes each packet, behind an Ethernet header to the
 * tap's own MAC and a virtio-net header, to one of the given taps
 * (IFF_VNET_HDR). A tap write runs the receive path in the writer's
 * context, so when pktfuzz exits every packet has been through the stack.
 *
 *   pktfuzz -f SEEDS.bin -i TAP[,TAP...] [-n COUNT] [-s SEED] [-k INDEX]
 *
 * Packets, in order: the sweep (every seed truncated at every offset up to
 * 160 bytes and at its last 4, with and without the IP length fixed),
 * then random mutations up to COUNT in all (default 20000); one in six of
 * these, and half of the big seeds, carry a virtio-net GSO/checksum
 * header. -s: the random seed (default: time), printed first. -k INDEX:
 * send only packet INDEX (to replay a finding) and print it in hex.
 * Last line: "pktfuzz: sent N refused R gso G tap NAME=N ...": refused
 * are the writes the tap rejected (a virtio-net header it refuses),
 * never on the wire.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include "mutate.h"

#define PF_TAPS		4
#define PF_SWEEP	160

struct pf_seed {
	uint8_t fam, flags;
	unsigned int len;
	const uint8_t *b;
};

struct pf_run {
	struct pf_seed *seeds;
	unsigned int nseeds;
	int fd[PF_TAPS];
	uint8_t mac[PF_TAPS][6];
	const char *name[PF_TAPS];
	unsigned long sent[PF_TAPS];
	unsigned int ntaps;
	unsigned long refused, gso, index, only;
	bool replay;
};

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void load_seeds(struct pf_run *run, const char *path)
{
	static uint8_t buf[1 << 22];
	size_t n, off = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		die(path);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	run->seeds = calloc(n / 4 + 1, sizeof(*run->seeds));
	if (!run->seeds)
		die("calloc");
	while (off + 4 <= n) {
		struct pf_seed *s = &run->seeds[run->nseeds];

		s->fam = buf[off];
		s->flags = buf[off + 1];
		s->len = buf[off + 2] << 8 | buf[off + 3];
		s->b = buf + off + 4;
		if (off + 4 + s->len > n || s->len > PF_PKT_MAX)
			break;
		off += 4 + s->len;
		run->nseeds++;
	}
	if (!run->nseeds) {
		fprintf(stderr, "pktfuzz: no seeds in %s\n", path);
		exit(2);
	}
}

static void open_tap(struct pf_run *run, const char *name)
{
	unsigned int i = run->ntaps;
	struct ifreq ifr = { 0 };
	int fd;

	if (i == PF_TAPS) {
		fprintf(stderr, "pktfuzz: at most %d taps\n", PF_TAPS);
		exit(2);
	}
	fd = open("/dev/net/tun", O_RDWR);
	if (fd < 0)
		die("/dev/net/tun");
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
	if (ioctl(fd, TUNSETIFF, &ifr) < 0)
		die(name);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		die("SIOCGIFHWADDR");
	memcpy(run->mac[i], ifr.ifr_hwaddr.sa_data, 6);
	run->fd[i] = fd;
	run->name[i] = name;
	run->ntaps++;
}

static void hexdump(const struct pf_pkt *p)
{
	unsigned int i;

	printf("# packet %u bytes, vnet flags %u gso_type %u gso_size %u "
	       "hdr_len %u csum %u+%u\n", p->len, p->vh.flags, p->vh.gso_type,
	       p->vh.gso_size, p->vh.hdr_len, p->vh.csum_start,
	       p->vh.csum_offset);
	for (i = 0; i < p->len; i++)
		printf("%02x%s", p->b[i], i % 32 == 31 ? "\n" : "");
	printf("\n");
}

/* Write one packet to tap t (or only count it when it is not INDEX). */
static void inject(struct pf_run *run, struct pf_pkt *p, unsigned int t)
{
	static const uint8_t src[6] = { 2, 0, 0, 0, 0, 1 };
	uint8_t eth[14];
	struct iovec iov[3] = {
		{ &p->vh, sizeof(p->vh) }, { eth, sizeof(eth) }, { p->b, p->len },
	};

	if (run->replay && run->index++ != run->only)
		return;
	memcpy(eth, run->mac[t], 6);
	memcpy(eth + 6, src, 6);
	eth[12] = p->fam == 4 ? 0x08 : 0x86;
	eth[13] = p->fam == 4 ? 0x00 : 0xdd;
	if (run->replay)
		hexdump(p);
	if (p->vh.gso_type)
		run->gso++;
	if (writev(run->fd[t], iov, 3) < 0) {
		if (errno != EINVAL)
			die("write to tap");
		run->refused++;
		return;
	}
	run->sent[t]++;
}

static void from_seed(struct pf_pkt *p, const struct pf_seed *s)
{
	memset(&p->vh, 0, sizeof(p->vh));
	p->fam = s->fam;
	p->flags = s->flags;
	p->len = s->len;
	memcpy(p->b, s->b, s->len);
}

/* Every seed cut at every header offset; returns the packets made. */
static unsigned long sweep(struct pf_run *run, struct pf_rng *r,
			   unsigned long max)
{
	static struct pf_pkt p;
	unsigned long n = 0;
	unsigned int i, cut;

	for (i = 0; i < run->nseeds; i++) {
		const struct pf_seed *s = &run->seeds[i];

		for (cut = 0; cut <= s->len && n < max; cut++) {
			if (cut > PF_SWEEP && cut + 4 < s->len)
				continue;
			from_seed(&p, s);
			pf_truncate(&p, cut, cut & 1);
			inject(run, &p, pf_below(r, run->ntaps));
			n++;
		}
	}
	return n;
}

static void fuzz(struct pf_run *run, struct pf_rng *r, unsigned long count)
{
	static struct pf_pkt p;
	const struct pf_seed *s;

	while (count--) {
		s = &run->seeds[pf_below(r, run->nseeds)];
		from_seed(&p, s);
		if (!(s->flags & PF_BIG) || pf_below(r, 2))
			pf_mutate(r, &p);
		if (((s->flags & PF_BIG) && pf_below(r, 2)) || !pf_below(r, 6))
			pf_vnet_hdr(r, &p);
		inject(run, &p, pf_below(r, run->ntaps));
	}
}

int main(int argc, char **argv)
{
	struct pf_run run = { 0 };
	unsigned long count = 20000, done, total = 0;
	const char *seeds = NULL, *taps = NULL;
	struct timespec t0, t1;
	char *list, *tok;
	struct pf_rng r;
	unsigned int i;
	uint64_t seed = time(NULL);
	double secs;
	int c;

	while ((c = getopt(argc, argv, "f:i:n:s:k:")) != -1) {
		switch (c) {
		case 'f': seeds = optarg; break;
		case 'i': taps = optarg; break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'k':
			run.replay = true;
			run.only = strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: pktfuzz -f SEEDS -i TAP[,TAP] "
				"[-n COUNT] [-s SEED] [-k INDEX]\n");
			return 2;
		}
	}
	if (!seeds || !taps) {
		fprintf(stderr, "pktfuzz: -f and -i are needed\n");
		return 2;
	}
	printf("pktfuzz: seed %llu\n", (unsigned long long)seed);
	fflush(stdout);
	r.s = seed * 2 + 1;
	load_seeds(&run, seeds);
	list = strdup(taps);
	for (tok = strtok(list, ","); tok; tok = strtok(NULL, ","))
		open_tap(&run, tok);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	done = sweep(&run, &r, count / 2);
	if (count > done)
		fuzz(&run, &r, count - done);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (i = 0; i < run.ntaps; i++)
		total += run.sent[i];
	printf("pktfuzz: %u seeds, sweep %lu, %.1f s, %.0f packets/s\n",
	       run.nseeds, done, secs, (total + run.refused) / (secs ?: 1));
	printf("pktfuzz: sent %lu refused %lu gso %lu", total, run.refused,
	       run.gso);
	for (i = 0; i < run.ntaps; i++)
		printf(" %s=%lu", run.name[i], run.sent[i]);
	printf("\n");
	return 0;
}
