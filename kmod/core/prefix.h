/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prefixes as bits, and the rules the tables put on them, written once for
 * the module and the CLI (usr/Makefile compiles prefix.c into dcxlat, as
 * Jool shares src/common): keys are network-order byte arrays of `bits`
 * bits (32 or 128), prefixes a key and a length.
 *
 * Also how a table writer words its refusals: dcx_why(), with addresses
 * printed by env.h's DCX_P4_FMT/DCX_P6_FMT (the same text in the kernel,
 * %pI4, and in userspace, inet_ntop).
 *
 * Pure: no allocation, no locking; builds over env.h in every environment.
 */
#ifndef DCX_CORE_PREFIX_H
#define DCX_CORE_PREFIX_H

#include "env.h"

/* The first `bits` bits of a and b are equal. */
bool dcx_prefix_bits_equal(const u8 *a, const u8 *b, unsigned int bits);
/* No bit after len is set in the bits-wide key. */
bool dcx_prefix_host_bits_zero(const u8 *key, unsigned int len,
			       unsigned int bits);
/* Two prefixes overlap when one contains the other (equal ones do). */
bool dcx_prefix_overlap(const u8 *a, unsigned int la, const u8 *b,
			unsigned int lb);
/* RFC 7757 3.2: an EAM entry's suffixes are as long (32-len4 == 128-len6). */
bool dcx_eam_lens_ok(unsigned int len4, unsigned int len6);

/*
 * A table writer's one-line reason: room for two IPv6 prefixes and two
 * names (netlink sends it whole: kmod/nl_err.h).
 */
#define DCX_WHY_LEN		192
/*
 * RFC 4291/6890 ranges no RFC 6052 prefix (pool6, a space's prefix) may
 * overlap: unspecified, loopback, IPv4-mapped, link-local, multicast.
 * Returns the first one 128-bit prefix addr/len overlaps, as "range
 * (name)", or NULL.
 */
const char *dcx_prefix6_reserved(const u8 *addr, unsigned int len);
/*
 * The same as a refusal: 0, or -EINVAL and why (DCX_WHY_LEN bytes) naming
 * the prefix and the range; the module and the CLI say the same sentence.
 */
int dcx_prefix6_check_reserved(const u8 *addr, unsigned int len, char *why);

/* Write a reason into why (DCX_WHY_LEN bytes) unless why is NULL. */
void dcx_why(char *why, const char *fmt, ...) __printf(2, 3);

/* DCX_P4_FMT/DCX_P4_ARG and DCX_P6_FMT/DCX_P6_ARG come from env.h. */

#endif /* DCX_CORE_PREFIX_H */
