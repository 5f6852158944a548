/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handlers of the family "dcxlat", one file per object: the table of
 * operations in netlink.c points at them. A handler serving several
 * commands of uapi/dcxlat.h reads which one from info->genlhdr->cmd.
 * This header has no .c of its own: it declares what the nl_*.c files
 * define and netlink.c uses.
 */
#ifndef DCX_NL_HANDLERS_H
#define DCX_NL_HANDLERS_H

#include <net/genetlink.h>

/* nl_instance.c: INSTANCE_ADD/DEL, INSTANCE/POOL6/STATS_GET, POOL6_SET/
 * FLUSH, STATS_RESET, the INSTANCE_GET dump.
 */
int dcx_nl_instance_change(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_instance_get(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_instance_dump(struct sk_buff *skb, struct netlink_callback *cb);
int dcx_nl_pool6_change(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_stats_reset(struct sk_buff *skb, struct genl_info *info);

/* nl_eamt.c: EAMT_ADD, EAMT_DEL, EAMT_FLUSH, the EAMT_GET dump. */
int dcx_nl_eamt_add(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_eamt_del(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_eamt_flush(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_eamt_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_settings.c: SETTINGS_SET, SETTINGS_GET. */
int dcx_nl_settings_set(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_settings_get(struct sk_buff *skb, struct genl_info *info);

/* nl_space.c: SPACE_ADD/DEL/GET/SET, the SPACE_GET dump, BIND_ADD/DEL. */
int dcx_nl_space_add(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_space_del(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_space_get(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_space_dump(struct sk_buff *skb, struct netlink_callback *cb);
int dcx_nl_space_set(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_bind(struct sk_buff *skb, struct genl_info *info);

/*
 * nl_txn.c: TXN_BEGIN, TXN_COMMIT, TXN_ABORT, and the netlink notifier
 * that aborts the transactions of a socket that closes (netlink.c
 * registers it with the family).
 */
int dcx_nl_txn(struct sk_buff *skb, struct genl_info *info);
extern struct notifier_block dcx_nl_txn_notifier;

#endif /* DCX_NL_HANDLERS_H */
