// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv4 <-> ICMPv6 numbers, RFC 7915 sections 4.2 and 5.2 (see icmp.h):
 * type/code mapping, pointer and MTU arithmetic.
 */
#include "icmp.h"

/* RFC 4884 4: an extended message quotes at least this much. */
#define DCX_ICMP_EXT_MIN	128

/* RFC 1191 section 7 plateau table, highest first. */
static const u16 dcx_plateaus[] = {
	65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68
};

bool dcx_icmp_is_err4(u8 type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	}
	return false;
}

bool dcx_icmp_is_err6(u8 type)
{
	return !(type & ICMPV6_INFOMSG_MASK);
}

/* RFC 7915 4.2, ICMPv4 Destination Unreachable codes. */
static bool dcx_unreach_46(u8 code, u8 *type6, u8 *code6)
{
	*type6 = ICMPV6_DEST_UNREACH;
	switch (code) {
	case ICMP_NET_UNREACH:
	case ICMP_HOST_UNREACH:
	case ICMP_SR_FAILED:
	case ICMP_NET_UNKNOWN:
	case ICMP_HOST_UNKNOWN:
	case ICMP_HOST_ISOLATED:
	case ICMP_NET_UNR_TOS:
	case ICMP_HOST_UNR_TOS:
		*code6 = ICMPV6_NOROUTE;
		return true;
	case ICMP_PROT_UNREACH:
		*type6 = ICMPV6_PARAMPROB;
		*code6 = ICMPV6_UNK_NEXTHDR;
		return true;
	case ICMP_PORT_UNREACH:
		*code6 = ICMPV6_PORT_UNREACH;
		return true;
	case ICMP_FRAG_NEEDED:
		*type6 = ICMPV6_PKT_TOOBIG;
		*code6 = 0;
		return true;
	case ICMP_NET_ANO:
	case ICMP_HOST_ANO:
	case ICMP_PKT_FILTERED:
	case ICMP_PREC_CUTOFF:
		*code6 = ICMPV6_ADM_PROHIBITED;
		return true;
	}
	return false;	/* 14 (host precedence violation) and unknown */
}

bool dcx_icmp_map_46(u8 type, u8 code, u8 *type6, u8 *code6)
{
	switch (type) {
	case ICMP_ECHO:
		/* RFC 7915 4.2: only the type changes. */
		*type6 = ICMPV6_ECHO_REQUEST;
		*code6 = code;
		return true;
	case ICMP_ECHOREPLY:
		*type6 = ICMPV6_ECHO_REPLY;
		*code6 = code;
		return true;
	case ICMP_DEST_UNREACH:
		return dcx_unreach_46(code, type6, code6);
	case ICMP_TIME_EXCEEDED:
		/* "The Code is unchanged", whatever it is. */
		*type6 = ICMPV6_TIME_EXCEED;
		*code6 = code;
		return true;
	case ICMP_PARAMETERPROB:
		*type6 = ICMPV6_PARAMPROB;
		*code6 = ICMPV6_HDR_FIELD;
		return code == 0 || code == 2;
	}
	/* Redirect, source quench, timestamp, info, mask, router: silent. */
	return false;
}

bool dcx_icmp_map_64(u8 type, u8 code, u8 *type4, u8 *code4)
{
	switch (type) {
	case ICMPV6_ECHO_REQUEST:
		/* RFC 7915 5.2: only the type changes. */
		*type4 = ICMP_ECHO;
		*code4 = code;
		return true;
	case ICMPV6_ECHO_REPLY:
		*type4 = ICMP_ECHOREPLY;
		*code4 = code;
		return true;
	case ICMPV6_DEST_UNREACH:
		*type4 = ICMP_DEST_UNREACH;
		switch (code) {
		case ICMPV6_NOROUTE:
		case ICMPV6_NOT_NEIGHBOUR:
		case ICMPV6_ADDR_UNREACH:
			*code4 = ICMP_HOST_UNREACH;
			return true;
		case ICMPV6_ADM_PROHIBITED:
			*code4 = ICMP_HOST_ANO;
			return true;
		case ICMPV6_PORT_UNREACH:
			*code4 = ICMP_PORT_UNREACH;
			return true;
		}
		return false;
	case ICMPV6_PKT_TOOBIG:
		*type4 = ICMP_DEST_UNREACH;
		*code4 = ICMP_FRAG_NEEDED;
		return true;
	case ICMPV6_TIME_EXCEED:
		/* "The Code is unchanged", whatever it is. */
		*type4 = ICMP_TIME_EXCEEDED;
		*code4 = code;
		return true;
	case ICMPV6_PARAMPROB:
		if (code == ICMPV6_HDR_FIELD) {
			*type4 = ICMP_PARAMETERPROB;
			*code4 = 0;
			return true;
		}
		if (code == ICMPV6_UNK_NEXTHDR) {
			*type4 = ICMP_DEST_UNREACH;
			*code4 = ICMP_PROT_UNREACH;
			return true;
		}
		return false;
	}
	/* MLD, ND and unknown informational: single-hop or unknown. */
	return false;
}

/* RFC 7915 Figure 3; -1: no IPv6 counterpart, drop. */
int dcx_icmp_ptr_46(u8 ptr4)
{
	static const s8 map[20] = {
		0, 1, 4, 4, -1, -1, -1, -1, 7, 6, -1, -1,
		8, 8, 8, 8, 24, 24, 24, 24
	};

	return ptr4 < ARRAY_SIZE(map) ? map[ptr4] : -1;
}

/* RFC 7915 Figure 6. */
int dcx_icmp_ptr_64(u32 ptr6)
{
	if (ptr6 <= 1)
		return ptr6;
	if (ptr6 == 4 || ptr6 == 5)
		return 2;
	if (ptr6 == 6)
		return 9;
	if (ptr6 == 7)
		return 8;
	if (ptr6 >= 8 && ptr6 <= 23)
		return 12;
	if (ptr6 >= 24 && ptr6 <= 39)
		return 16;
	return -1;
}

/*
 * Fragmentation Needed -> Packet Too Big (RFC 7915 4.2):
 * min(advertised + 20, IPv6 next-hop MTU, IPv4 next-hop MTU + 20); an MTU
 * of 0 (pre-RFC 1191 router) is replaced by the greatest plateau below the
 * inner packet's total length. Whatever the formula and the caps give,
 * never below 1280: IPv6 has no path MTU under it (RFC 7915 5 and 6).
 */
u32 dcx_icmp_mtu_46(u16 mtu4, u16 inner_len, u32 mtu_in, u32 mtu_out)
{
	u32 mtu = mtu4 + 20;
	unsigned int i;

	if (!mtu4) {
		mtu = 1280;
		for (i = 0; i < ARRAY_SIZE(dcx_plateaus); i++) {
			if (dcx_plateaus[i] < inner_len) {
				mtu = dcx_plateaus[i];
				break;
			}
		}
	}
	/* An MTU of 0 is unknown: no cap from that side. */
	if (mtu_out)
		mtu = min(mtu, mtu_out);
	if (mtu_in)
		mtu = min(mtu, mtu_in + 20);
	return max_t(u32, mtu, IPV6_MIN_MTU);
}

/* Packet Too Big -> Fragmentation Needed (RFC 7915 5.2). */
u32 dcx_icmp_mtu_64(u32 mtu6, u32 mtu_in, u32 mtu_out)
{
	u32 mtu = mtu6 > 20 ? mtu6 - 20 : 0;

	if (mtu_out)
		mtu = min(mtu, mtu_out);
	if (mtu_in)
		mtu = min(mtu, mtu_in > 20 ? mtu_in - 20 : 0);
	return min_t(u32, mtu, 0xffff);
}

/*
 * RFC 7915 5.2 asks to take a fragment header in the packet in error into
 * account: that IPv6 packet carried 8 bytes more than its IPv4 original,
 * so the IPv4 sender must stay 28 (not 20) bytes below the IPv6 MTUs.
 */
u32 dcx_icmp_mtu_64_frag(u32 mtu6, u32 mtu_in, u32 mtu_out, bool frag)
{
	if (frag) {
		mtu6 = mtu6 > 8 ? mtu6 - 8 : 0;
		if (mtu_in)
			mtu_in = mtu_in > 8 ? mtu_in - 8 : 1;
	}
	return dcx_icmp_mtu_64(mtu6, mtu_in, mtu_out);
}

/* RFC 4884 4.1, 4.2: the types with a length attribute. */
bool dcx_icmp_has_len(u8 type, bool v6)
{
	if (v6)
		return type == ICMPV6_DEST_UNREACH ||
		       type == ICMPV6_TIME_EXCEED;
	return type == ICMP_DEST_UNREACH || type == ICMP_TIME_EXCEEDED ||
	       type == ICMP_PARAMETERPROB;
}

/*
 * RFC 4884: the length attribute sits in the sixth octet of an ICMPv4
 * message (32-bit words), the fifth of an ICMPv6 one (64-bit words). An
 * attribute that is zero, below the 128 octets an extended message must
 * quote, or beyond the message is no extension: all of it is quoted data.
 */
unsigned int dcx_icmp_ext_orig(const u8 *icmp, unsigned int payload, bool v6)
{
	unsigned int orig;

	if (!dcx_icmp_has_len(icmp[0], v6))
		return 0;
	orig = v6 ? icmp[4] * 8 : icmp[5] * 4;
	if (orig < DCX_ICMP_EXT_MIN || orig > payload)
		return 0;
	return orig;
}

/*
 * The size of the error laid out by dcx_icmp_layout (x->new_total) and
 * the tailroom apply needs: the quoted packet is rewritten within the
 * longer of its old and new places and the extension moved straight to
 * its new one, so nothing is written beyond the end of the new message.
 */
static void dcx_icmp_sized(struct dcx_xlat *x, unsigned int payload)
{
	unsigned int in = sizeof(struct icmphdr) + payload;

	x->new_total = x->new_nhlen + x->msg_out;
	x->tail_need = x->msg_out > in ? x->msg_out - in : 0;
}

/*
 * RFC 7915 4.2, 5.2 with RFC 4884 4: the quoted packet grows or shrinks
 * by grow; with an extension (orig, and a translated type that has a
 * length attribute) it is zero padded to the new unit (4 or 8 octets) and
 * to at least 128 octets, and the extension follows. All of it must fit
 * room octets after the ICMP header: the extension is kept whole by
 * cutting the quoted packet (never under 128 octets); when even that is
 * not enough, the message is cut at room ("simply truncated"), the
 * length attribute still saying where the extension begins. Without an
 * extension out (none in, or a type without the attribute, such as
 * Packet Too Big), only the quoted packet is translated, cut at room.
 */
void dcx_icmp_layout(struct dcx_xlat *x, unsigned int payload,
		     unsigned int orig, bool len_out, int grow,
		     unsigned int unit, unsigned int room)
{
	unsigned int data, pad, ext;

	if (!orig || !len_out) {
		x->orig_in = orig ?: payload;
		x->data_out = min_t(unsigned int, x->orig_in + grow, room);
		x->orig_out = 0;
		x->ext_out = 0;
		x->msg_out = sizeof(struct icmphdr) + x->data_out;
		dcx_icmp_sized(x, payload);
		return;
	}
	ext = payload - orig;
	data = orig + grow;
	pad = max_t(unsigned int, (data + unit - 1) & ~(unit - 1),
		    DCX_ICMP_EXT_MIN);
	if (pad + ext > room)
		pad = max_t(unsigned int,
			    room > ext ? (room - ext) & ~(unit - 1) : 0,
			    DCX_ICMP_EXT_MIN);
	x->orig_in = orig;
	x->data_out = min(data, pad);
	x->orig_out = pad;
	x->ext_out = min(ext, room - pad);
	x->msg_out = sizeof(struct icmphdr) + pad + x->ext_out;
	dcx_icmp_sized(x, payload);
}

/*
 * Move the extension behind the padded quoted packet (data: the bytes
 * after the ICMP header). Called before the quoted packet is rewritten
 * when that grows, after it when it shrinks, so neither overwrites bytes
 * the other still reads; the padding is zeroed at the end.
 */
void dcx_icmp_ext_move(const struct dcx_xlat *x, u8 *data)
{
	if (x->ext_out)
		memmove(data + x->orig_out, data + x->orig_in, x->ext_out);
}

void dcx_icmp_ext_pad(const struct dcx_xlat *x, u8 *data)
{
	if (x->orig_out)
		memset(data + x->data_out, 0, x->orig_out - x->data_out);
}
