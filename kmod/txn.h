/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transactions: a whole configuration built aside and swapped in with one
 * pointer store (uapi "Transactions"). An instance has at most one open
 * transaction, owned by one netlink socket (its portid in the netns). All
 * of these need dcx_cfg_mutex.
 */
#ifndef DCX_TXN_H
#define DCX_TXN_H

#include "instance.h"

/* Open one for portid: a staging snapshot with defaults and empty tables. */
int dcx_txn_begin(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack);
/* Publish portid's staging snapshot; the old one goes after a grace period. */
int dcx_txn_commit(struct dcx_instance *inst, u32 portid,
		   struct netlink_ext_ack *extack);
/* Discard portid's staging snapshot. */
int dcx_txn_abort(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack);
/* The staging snapshot portid edits, or NULL when it has none open. */
struct dcx_config *dcx_txn_staging(struct dcx_instance *inst, u32 portid);
/* Abort every transaction portid has open in net (its socket closed). */
void dcx_txn_release(struct net *net, u32 portid);
/* True when some transaction is open anywhere: lets the notifier skip. */
bool dcx_txn_any(void);

#endif /* DCX_TXN_H */
