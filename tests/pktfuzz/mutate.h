/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packet mutator of the kernel-side packet fuzz (pktfuzz.c): a
 * seeded random generator and the mutations of one IPv4/IPv6 packet
 * (no link layer) plus the virtio-net header it is injected with.
 * Pure: no I/O, the same seed gives the same packets.
 */
#ifndef PF_MUTATE_H
#define PF_MUTATE_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/virtio_net.h>

#define PF_PKT_MAX	9000	/* largest packet built */

struct pf_rng {
	uint64_t s;
};

struct pf_pkt {
	uint8_t fam;		/* 4 or 6 */
	uint8_t flags;		/* PF_BIG: a seed meant for GSO */
	unsigned int len;
	struct virtio_net_hdr vh;
	uint8_t b[PF_PKT_MAX];
};

#define PF_BIG		1

uint32_t pf_rand(struct pf_rng *r);
/* A uniform number below n (n > 0). */
uint32_t pf_below(struct pf_rng *r, uint32_t n);

/* Cut to len bytes; fix: make the IP length field (and checksum) say so. */
void pf_truncate(struct pf_pkt *p, unsigned int len, bool fix);
/* One to four random mutations, then (mostly) valid checksums again. */
void pf_mutate(struct pf_rng *r, struct pf_pkt *p);
/* A random virtio-net header: plausible GSO, partial checksum or junk. */
void pf_vnet_hdr(struct pf_rng *r, struct pf_pkt *p);
/* Recompute the IPv4 header checksum and the L4 (ICMP/TCP/UDP) one. */
void pf_fix_ip4(struct pf_pkt *p);
void pf_fix_l4(struct pf_pkt *p);

#endif
