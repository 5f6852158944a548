/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How a plan says what it decided: each helper fills the fields of
 * struct dcx_xlat that go with an action and returns the action. Header
 * only (static inline): they sit on every plan's path. No state, no calls.
 */
#ifndef DCX_CORE_VERDICT_H
#define DCX_CORE_VERDICT_H

#include "types.h"

/* Ours but invalid: drop it, counted as why. */
static inline enum dcx_action dcx_verdict_drop(struct dcx_xlat *x,
					       enum dcxlat_stat why)
{
	x->stat = why;
	return DCX_DROP;
}

/* Plan again with need bytes linear from the L3 header. */
static inline enum dcx_action dcx_verdict_pull(struct dcx_xlat *x,
					       unsigned int need)
{
	x->need = need;
	return DCX_PULL;
}

/* Drop, counted as why, and answer with an ICMP error of the input family. */
static inline enum dcx_action dcx_verdict_icmp(struct dcx_xlat *x,
					       enum dcxlat_stat why, u8 type,
					       u8 code, u32 info)
{
	x->stat = why;
	x->err.type = type;
	x->err.code = code;
	x->err.info = info;
	return DCX_ICMP_ERROR;
}

/* A fragmented ICMP message: counted as DCXLAT_STAT_FRAGMENT if it fails. */
static inline enum dcx_action dcx_verdict_reasm(struct dcx_xlat *x)
{
	x->stat = DCXLAT_STAT_FRAGMENT;
	return DCX_REASSEMBLE;
}

#endif /* DCX_CORE_VERDICT_H */
