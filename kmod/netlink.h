/* SPDX-License-Identifier: GPL-2.0 */
/* The generic netlink family "dcxlat" (protocol in uapi/dcxlat.h). */
#ifndef DCX_NETLINK_H
#define DCX_NETLINK_H

/* Called by module init after the pernet ops are registered. */
int dcx_genl_register(void);
/* Called by module exit before the pernet ops go away. */
void dcx_genl_unregister(void);

/*
 * For the handlers in other files (nl_space.c): the same request checks,
 * replies and notifications as netlink.c's own handlers.
 */
struct dcx_instance;
struct genl_info;
struct netlink_callback;
struct netlink_ext_ack;
struct nlattr;
struct sk_buff;
/* ABI check and a valid DCXLAT_A_INSTANCE into *name. */
int dcx_nl_start(struct genl_info *info, const char **name);
int dcx_nl_check_abi(struct nlattr **attrs, struct netlink_ext_ack *extack);
/* Under dcx_cfg_mutex; sets extack when the instance does not exist. */
struct dcx_instance *dcx_nl_instance(struct genl_info *info,
				     const char *name);
/* genlmsg_put() for the dcxlat family. */
void *dcx_nl_put(struct sk_buff *skb, u32 portid, u32 seq, int flags,
		 u8 cmd);
/*
 * After a change (under dcx_cfg_mutex): bump the dump generation and
 * multicast msg (consumed; NULL: only bump).
 */
void dcx_nl_notify(struct genl_info *info, struct sk_buff *msg);
/* The dump generation, for cb->seq. */
unsigned int dcx_nl_gen(void);

#endif /* DCX_NETLINK_H */
