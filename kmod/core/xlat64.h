/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6 -> IPv4 translation of one packet (RFC 7915 section 5), in two
 * steps over a byte buffer (types.h says why): the datapath calls these.
 */
#ifndef DCX_CORE_XLAT64_H
#define DCX_CORE_XLAT64_H

#include "types.h"

/* As dcx_plan_46; the header shrinks so apply needs no headroom. */
enum dcx_action dcx_plan_64(struct dcx_xlat *x, const u8 *nh,
			     unsigned int linear, unsigned int total);
u8 *dcx_apply_64(struct dcx_xlat *x, u8 *nh, unsigned int total);

#endif /* DCX_CORE_XLAT64_H */
