/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IP wire names the pure core takes from the kernel's net/ip.h,
 * net/ipv6.h and linux/ipv6.h, for the environments that do without
 * those headers: the core's own objects in the module (DCX_CORE_LEAN, set
 * by Kbuild: those headers pull in the whole networking stack, two thirds
 * of a core file's compile) and the userspace shim (tests/kshim).
 * Values and layouts are the kernel's, spelled as the kernel spells them:
 * every other object of the module includes this after the kernel's own
 * headers (env.h), where a differing macro is a redefinition (an error
 * with -Werror) and a differing frag_hdr fails the assertions below.
 * Included by env.h only; add a name when the core starts to use one.
 */
#ifndef DCX_CORE_ENV_IP_H
#define DCX_CORE_ENV_IP_H

/* net/ip.h */
#define IP_DF		0x4000		/* Flag: "Don't Fragment"	*/
#define IP_MF		0x2000		/* Flag: "More Fragments"	*/
#define IP_OFFSET	0x1FFF		/* "Fragment Offset" part	*/

/* net/ipv6.h */
#define NEXTHDR_HOP		0	/* Hop-by-hop option header. */
#define NEXTHDR_ROUTING		43	/* Routing header. */
#define NEXTHDR_FRAGMENT	44	/* Fragmentation/reassembly header. */
#define NEXTHDR_AUTH		51	/* Authentication header. */
#define NEXTHDR_DEST		60	/* Destination options header. */
#define NEXTHDR_MOBILITY	135	/* Mobility header. */

#define IP6_MF		0x0001
#define IP6_OFFSET	0xFFF8

#ifndef _NET_IPV6_H
struct frag_hdr {
	__u8	nexthdr;
	__u8	reserved;
	__be16	frag_off;
	__be32	identification;
};
#endif
_Static_assert(sizeof(struct frag_hdr) == 8 &&
	       __builtin_offsetof(struct frag_hdr, frag_off) == 2 &&
	       __builtin_offsetof(struct frag_hdr, identification) == 4,
	       "struct frag_hdr is the kernel's");

/* linux/ipv6.h */
#define ipv6_optlen(p)  (((p)->hdrlen+1) << 3)

#endif /* DCX_CORE_ENV_IP_H */
