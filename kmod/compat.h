/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version shims. Version checks live here and nowhere else.
 * Supported: Debian's 6.1 and 6.12 kernels.
 */
#ifndef DCX_COMPAT_H
#define DCX_COMPAT_H

#include <linux/version.h>
#include <linux/netlink.h>

/* 6.5 moved the GSO helpers out of skbuff.h. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#endif
#include <net/genetlink.h>

/*
 * Every formatted refusal goes through dcx_nl_errf() (nl_err.c), on every
 * kernel: it keeps the whole text for the DCXLAT_A_ERROR message sent
 * before the ack and puts a short form in the extack that never triggers
 * the 6.2+ "truncated extack" warning. Before 6.2 the extack has no
 * formatting buffer of its own, so no shared static one is used: the
 * short form is a constant there.
 */
#undef NL_SET_ERR_MSG_FMT_MOD
#define NL_SET_ERR_MSG_FMT_MOD(extack, fmt, args...) \
	dcx_nl_errf(extack, fmt, ##args)
struct netlink_ext_ack;
__printf(2, 3)
void dcx_nl_errf(struct netlink_ext_ack *extack, const char *fmt, ...);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
/* The operation pre_doit/post_doit see (6.2 split the ops). */
#define dcx_genl_doit_ops genl_split_ops
#else
#define dcx_genl_doit_ops genl_ops
#endif

/*
 * Multicast groups gained a capability flag in 6.7; before that anyone may
 * listen to the config group (it carries only instance names and pool6).
 */
#ifdef GENL_MCAST_CAP_NET_ADMIN
#define DCX_GENL_MCGRP(n) { .name = (n), .flags = GENL_MCAST_CAP_NET_ADMIN }
#else
#define DCX_GENL_MCGRP(n) { .name = (n) }
#endif

/* Parsed request attributes of a dump (6.6 folded them into genl_info). */
static inline struct nlattr **dcx_genl_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#endif /* DCX_COMPAT_H */
