/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink handlers of address spaces and their interface bindings
 * (nl_space.c): DCXLAT_CMD_SPACE_ADD/DEL/GET/SET and BIND_ADD/DEL, as
 * documented in uapi/dcxlat.h. netlink.c lists them in the family's ops
 * and the nested policies in the family policy.
 */
#ifndef DCX_NL_SPACE_H
#define DCX_NL_SPACE_H

#include <net/genetlink.h>
#include "uapi/dcxlat.h"

extern const struct nla_policy dcx_space_cfg_policy[DCXLAT_SPACE_MAX + 1];
extern const struct nla_policy dcx_bind_policy[DCXLAT_BIND_MAX + 1];

int dcx_nl_space_add(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_space_del(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_space_get(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_space_dump(struct sk_buff *skb, struct netlink_callback *cb);
int dcx_nl_space_set(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_bind_add(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_bind_del(struct sk_buff *skb, struct genl_info *info);

#endif /* DCX_NL_SPACE_H */
