/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 7915 ICMP translation written out from the RFC text, independent of
 * kmod/core/icmp*.c: the type/code lists of sections 4.2 and 5.2, one enum
 * value per row of the text (the row is what the coverage counters of
 * test_core_icmp_pkt.c count), and the pointer tables of figures 3 and 6.
 * Used by test_core_icmp.c (compared exhaustively with the core's tables)
 * and test_core_icmp_pkt.c (the expectation of whole packets).
 */
#ifndef DCX_ICMP_RFC_H
#define DCX_ICMP_RFC_H

#include "unit_helpers.h"

/*
 * RFC 7915 section 4.2, one entry per row of the text. The row number
 * (index) is what the coverage counters count.
 */
enum {
	R4_ECHO, R4_ECHO_REPLY, R4_INFO, R4_TIMESTAMP, R4_MASK, R4_RTR_ADV,
	R4_RTR_SOL, R4_UNKNOWN, R4_IGMP,
	R4_DU_NET_HOST, R4_DU_PROTO, R4_DU_PORT, R4_DU_FRAG, R4_DU_SR,
	R4_DU_678, R4_DU_9_10, R4_DU_11_12, R4_DU_13, R4_DU_14, R4_DU_15,
	R4_DU_OTHER, R4_REDIRECT, R4_ALT_HOST, R4_SRC_QUENCH, R4_TIME_EXC,
	R4_PP_0, R4_PP_1, R4_PP_2, R4_PP_OTHER,
	R4_ROWS
};

/* Returns the row; *t6 < 0 means "silently drop". */
static inline int rfc_46(int t, int c, int *t6, int *c6)
{
	*t6 = -1;
	*c6 = -1;
	switch (t) {
	case 8:
		*t6 = 128;
		*c6 = c;	/* "Adjust the Type values" only */
		return R4_ECHO;
	case 0:
		*t6 = 129;
		*c6 = c;
		return R4_ECHO_REPLY;
	case 15:
	case 16:
		return R4_INFO;
	case 13:
	case 14:
		return R4_TIMESTAMP;
	case 17:
	case 18:
		return R4_MASK;
	case 9:
		return R4_RTR_ADV;
	case 10:
		return R4_RTR_SOL;
	case 3:
		break;
	case 5:
		return R4_REDIRECT;
	case 6:
		return R4_ALT_HOST;
	case 4:
		return R4_SRC_QUENCH;
	case 11:
		/*
		 * "The Code is unchanged": every code, not only the 0 and 1
		 * RFC 792 defines (this table used to drop the others).
		 */
		*t6 = 3;
		*c6 = c;
		return R4_TIME_EXC;
	case 12:
		if (c == 0 || c == 2) {
			*t6 = 4;
			*c6 = 0;
		}
		return c == 0 ? R4_PP_0 : c == 1 ? R4_PP_1 : c == 2 ?
		       R4_PP_2 : R4_PP_OTHER;
	default:
		return R4_UNKNOWN;
	}
	/* Destination Unreachable */
	*t6 = 1;
	switch (c) {
	case 0:
	case 1:
		*c6 = 0;
		return R4_DU_NET_HOST;
	case 2:
		*t6 = 4;
		*c6 = 1;
		return R4_DU_PROTO;
	case 3:
		*c6 = 4;
		return R4_DU_PORT;
	case 4:
		*t6 = 2;
		*c6 = 0;
		return R4_DU_FRAG;
	case 5:
		*c6 = 0;
		return R4_DU_SR;
	case 6:
	case 7:
	case 8:
		*c6 = 0;
		return R4_DU_678;
	case 9:
	case 10:
		*c6 = 1;
		return R4_DU_9_10;
	case 11:
	case 12:
		*c6 = 0;
		return R4_DU_11_12;
	case 13:
		*c6 = 1;
		return R4_DU_13;
	case 14:
		*t6 = -1;
		return R4_DU_14;
	case 15:
		*c6 = 1;
		return R4_DU_15;
	}
	*t6 = -1;
	return R4_DU_OTHER;
}

/* RFC 7915 section 5.2. */
enum {
	R6_ECHO, R6_ECHO_REPLY, R6_MLD, R6_ND, R6_UNKNOWN_INFO,
	R6_DU_0, R6_DU_1, R6_DU_2, R6_DU_3, R6_DU_4, R6_DU_OTHER, R6_PTB,
	R6_TIME_EXC, R6_PP_0, R6_PP_1, R6_PP_2, R6_UNKNOWN_ERR,
	R6_ROWS
};

static inline int rfc_64(int t, int c, int *t4, int *c4)
{
	*t4 = -1;
	*c4 = -1;
	switch (t) {
	case 128:
		*t4 = 8;
		*c4 = c;
		return R6_ECHO;
	case 129:
		*t4 = 0;
		*c4 = c;
		return R6_ECHO_REPLY;
	case 130:
	case 131:
	case 132:
		return R6_MLD;
	case 133:
	case 134:
	case 135:
	case 136:
	case 137:
		return R6_ND;
	case 1: {
		static const int dcode[] = { 1, 10, 1, 1, 3 };

		if (c <= 4) {
			*t4 = 3;
			*c4 = dcode[c];
			return R6_DU_0 + c;
		}
		return R6_DU_OTHER;
	}
	case 2:
		*t4 = 3;
		*c4 = 4;
		return R6_PTB;
	case 3:
		/* "The Code is unchanged", every code (as in 4.2). */
		*t4 = 11;
		*c4 = c;
		return R6_TIME_EXC;
	case 4:
		if (c == 0) {
			*t4 = 12;
			*c4 = 0;
			return R6_PP_0;
		}
		if (c == 1) {
			*t4 = 3;
			*c4 = 2;
			return R6_PP_1;
		}
		return c == 2 ? R6_PP_2 : R6_UNKNOWN_ERR;
	}
	return t < 128 ? R6_UNKNOWN_ERR : R6_UNKNOWN_INFO;
}

/* Figure 3 rows: IPv4 pointer -> IPv6 pointer, -1 n/a. */
static inline int rfc_ptr46(int p, int *row)
{
	static const struct {
		int lo, hi, to;
	} fig3[] = {
		{ 0, 0, 0 }, { 1, 1, 1 }, { 2, 3, 4 }, { 4, 5, -1 },
		{ 6, 6, -1 }, { 7, 7, -1 }, { 8, 8, 7 }, { 9, 9, 6 },
		{ 10, 11, -1 }, { 12, 15, 8 }, { 16, 19, 24 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fig3); i++) {
		if (p >= fig3[i].lo && p <= fig3[i].hi) {
			*row = i;
			return fig3[i].to;
		}
	}
	*row = -1;	/* "not listed": drop */
	return -1;
}

static inline int rfc_ptr64(int p, int *row)
{
	static const struct {
		int lo, hi, to;
	} fig6[] = {
		{ 0, 0, 0 }, { 1, 1, 1 }, { 2, 3, -1 }, { 4, 5, 2 },
		{ 6, 6, 9 }, { 7, 7, 8 }, { 8, 23, 12 }, { 24, 39, 16 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fig6); i++) {
		if (p >= fig6[i].lo && p <= fig6[i].hi) {
			*row = i;
			return fig6[i].to;
		}
	}
	*row = -1;
	return -1;
}

#endif /* DCX_ICMP_RFC_H */
