/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMPv4 -> ICMPv6 messages (RFC 7915 4.2), called by xlat46.c once the
 * outer IPv4 header is planned: x->old_nhlen, x->proto, the addresses
 * (x->src6, x->dst6) and x->space are set.
 */
#ifndef DCX_CORE_ICMP46_H
#define DCX_CORE_ICMP46_H

#include "types.h"

/*
 * Type/code to x->icmp_type/code; for an error (x->icmp_err), the pointer
 * or MTU and the plan of the packet inside it. Same contract as
 * dcx_plan_46.
 */
enum dcx_action dcx_icmp_plan_46(struct dcx_xlat *x, const u8 *nh,
				  unsigned int linear, unsigned int total);
/*
 * An ICMPv4 error planned by dcx_icmp_plan_46: as dcx_apply_46 (its
 * length is the plan's, x->msg_out).
 */
u8 *dcx_icmp_apply_46(struct dcx_xlat *x, u8 *nh);

#endif /* DCX_CORE_ICMP46_H */
