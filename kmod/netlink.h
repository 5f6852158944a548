/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family "dcxlat" (protocol in uapi/dcxlat.h).
 * netlink.c owns the family, the top-level policy and the helpers below;
 * the nl_*.c files hold the handlers of one object each.
 */
#ifndef DCX_NETLINK_H
#define DCX_NETLINK_H

#include <net/genetlink.h>
#include "instance.h"

/* Called by module init after the pernet ops are registered. */
int dcx_genl_register(void);
/* Called by module exit before the pernet ops go away. */
void dcx_genl_unregister(void);

extern struct genl_family dcx_genl_family;

/* Policies of nested prefixes (DCXLAT_PREFIX_*), IPv4 and IPv6. */
extern const struct nla_policy dcx_prefix4_policy[DCXLAT_PREFIX_MAX + 1];
extern const struct nla_policy dcx_prefix6_policy[DCXLAT_PREFIX_MAX + 1];

#define DCX_ERR(extack, msg) NL_SET_ERR_MSG_MOD(extack, msg)

/*
 * A request that reads or edits one instance. dcx_nl_begin() checks the
 * ABI and DCXLAT_A_INSTANCE, takes dcx_cfg_mutex and finds the instance;
 * cfg is what the request edits: the sender's open transaction on that
 * instance (staging = true), else the live snapshot. On error it returns
 * -errno with extack set and the mutex released. dcx_nl_end() releases it.
 */
struct dcx_req {
	struct genl_info *info;
	const char *name;
	struct dcx_instance *inst;
	struct dcx_config *cfg;
	bool staging;
};

int dcx_nl_begin(struct genl_info *info, struct dcx_req *r);
void dcx_nl_end(struct dcx_req *r);

/* Instance/space names: printable ASCII without spaces (uapi rule). */
int dcx_nl_check_name(const struct nlattr *a, const char *what,
		      struct netlink_ext_ack *extack);
/* ABI check of a request's attributes (doit or dump). */
int dcx_nl_check_abi(struct nlattr **attrs, struct netlink_ext_ack *extack);

/*
 * The space named by DCXLAT_A_SPACE (absent: the default space) in t, or
 * NULL with extack set.
 */
struct dcx_space *dcx_nl_space(struct genl_info *info, struct dcx_tables *t,
			       const char *inst_name);

/*
 * Parse a nested prefix (DCXLAT_PREFIX_*) of bits 32 or 128: both members
 * present, length <= bits, no bits set after the length. what names it in
 * messages ("EAM entry 3 IPv4 prefix"). allow_unset: length 0 is "unset"
 * (the address must then be all zero).
 */
int dcx_nl_prefix(const struct nlattr *nest, unsigned int bits, void *addr,
		  u8 *len, const char *what, struct netlink_ext_ack *extack);

/*
 * After a successful change of the live configuration: bump the dump
 * generation and multicast a message of the request's command carrying
 * INSTANCE and what fill adds (fill may be NULL). Changes of a staging
 * snapshot are announced once, by TXN_COMMIT. Needs dcx_cfg_mutex.
 */
void dcx_nl_notify(struct dcx_req *r,
		   int (*fill)(struct sk_buff *skb, struct dcx_req *r,
			       void *arg), void *arg);

/* Bump the dump generation (dcx_cfg_mutex held). */
void dcx_nl_gen_bump(void);
/* Current dump generation, never 0, for cb->seq. */
unsigned int dcx_nl_gen(void);

/* Handlers of the other files. */
int dcx_nl_eamt_add(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_eamt_del(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_eamt_flush(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_eamt_dump(struct sk_buff *skb, struct netlink_callback *cb);
int dcx_nl_settings_set(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_settings_get(struct sk_buff *skb, struct genl_info *info);
extern const struct nla_policy dcx_settings_policy[DCXLAT_SET_MAX + 1];
int dcx_nl_txn_begin(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_txn_commit(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_txn_abort(struct sk_buff *skb, struct genl_info *info);
int dcx_nl_txn_init(void);
void dcx_nl_txn_exit(void);
extern const struct nla_policy dcx_eam_policy[DCXLAT_EAM_MAX + 1];

/* A nested prefix (DCXLAT_PREFIX_*) of alen address bytes. */
int dcx_nl_put_prefix(struct sk_buff *skb, int type, const void *addr,
		      int alen, u8 len);
/* Per-CPU counters summed, one u64 per counter (uapi DCXLAT_A_STATS rules). */
int dcx_nl_put_stats(struct sk_buff *skb, int type,
		     struct dcx_stats __percpu *st);

#endif /* DCX_NETLINK_H */
