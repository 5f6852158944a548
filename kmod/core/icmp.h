/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMPv4 <-> ICMPv6 numbers (RFC 7915 sections 4.2 and 5.2): which types
 * are errors, type/code mapping, the parameter-problem pointer and the
 * MTU of a Packet Too Big / Fragmentation Needed, the RFC 4884 layout of a
 * translated error. Pure functions of their arguments (the layout fills
 * the struct it is given); the message translation itself is icmp46.c
 * and icmp64.c.
 */
#ifndef DCX_CORE_ICMP_H
#define DCX_CORE_ICMP_H

#include "types.h"

/* Map functions return false: drop it. */
bool dcx_icmp_map_46(u8 type, u8 code, u8 *type6, u8 *code6);
bool dcx_icmp_map_64(u8 type, u8 code, u8 *type4, u8 *code4);
bool dcx_icmp_is_err4(u8 type);
bool dcx_icmp_is_err6(u8 type);
/* The translated pointer; -1: no counterpart, drop. */
int dcx_icmp_ptr_46(u8 ptr4);
int dcx_icmp_ptr_64(u32 ptr6);
/* MTU of the translated error; 0 for mtu_in/mtu_out: unknown, no cap. */
u32 dcx_icmp_mtu_46(u16 mtu4, u16 inner_len, u32 mtu_in, u32 mtu_out);
u32 dcx_icmp_mtu_64(u32 mtu6, u32 mtu_in, u32 mtu_out);
u32 dcx_icmp_mtu_64_frag(u32 mtu6, u32 mtu_in, u32 mtu_out, bool frag);
/*
 * RFC 4884 extensions: does the type carry the length attribute; the
 * original datagram field of an extended error (icmp: its ICMP header,
 * payload: bytes after it; 0: no extension); the translated error's
 * layout into x (orig_in, data_out, orig_out, ext_out, msg_out, and
 * new_total, tail_need: x->new_nhlen must be set).
 */
bool dcx_icmp_has_len(u8 type, bool v6);
unsigned int dcx_icmp_ext_orig(const u8 *icmp, unsigned int payload,
			       bool v6);
void dcx_icmp_layout(struct dcx_xlat *x, unsigned int payload,
		     unsigned int orig, bool len_out, int grow,
		     unsigned int unit, unsigned int room);
/* The extension's move and the padding, for apply. */
void dcx_icmp_ext_move(const struct dcx_xlat *x, u8 *data);
void dcx_icmp_ext_pad(const struct dcx_xlat *x, u8 *data);

#endif /* DCX_CORE_ICMP_H */
