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

#ifndef NL_SET_ERR_MSG_FMT_MOD
/*
 * Before 6.2 extack only points at constant strings, so the message goes
 * through one static buffer. 6.1 builds the ack after dropping the genl
 * mutex, so a concurrent request may overwrite the text (a wrong message,
 * never an overrun: the last byte is never written and stays NUL).
 */
extern char dcx_extack_buf[81];
#define NL_SET_ERR_MSG_FMT_MOD(extack, fmt, args...) do {		\
	struct netlink_ext_ack *__ea = (extack);			\
									\
	if (__ea) {							\
		snprintf(dcx_extack_buf, sizeof(dcx_extack_buf) - 1,	\
			 KBUILD_MODNAME ": " fmt, ##args);		\
		__ea->_msg = dcx_extack_buf;				\
	}								\
} while (0)
#define DCX_NEED_EXTACK_BUF 1
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
