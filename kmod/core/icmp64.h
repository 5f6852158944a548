/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMPv6 -> ICMPv4 messages (RFC 7915 5.2), called by xlat64.c once the
 * outer IPv6 header is planned: x->old_nhlen, x->proto, the addresses
 * (x->src4, x->dst4) and x->space are set.
 */
#ifndef DCX_CORE_ICMP64_H
#define DCX_CORE_ICMP64_H

#include "types.h"

/*
 * Type/code to x->icmp_type/code; for an error (x->icmp_err), the pointer
 * or MTU and the plan of the packet inside it (which may set x->hairpin,
 * RFC 7757 4.2). Same contract as dcx_plan_64.
 */
enum dcx_action dcx_icmp_plan_64(struct dcx_xlat *x, const u8 *nh,
				  unsigned int linear, unsigned int total);
/*
 * An ICMPv6 error planned by dcx_icmp_plan_64: as dcx_apply_64 (its
 * length is the plan's, x->msg_out).
 */
u8 *dcx_icmp_apply_64(struct dcx_xlat *x, u8 *nh);

#endif /* DCX_CORE_ICMP64_H */
