/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every handler of the family "dcxlat" shares (nl_msg.c): the
 * request preamble (checks, dcx_cfg_mutex, the instance and the snapshot
 * the request edits), the one reply, notification and dump writers, the
 * nested prefix and counter attributes, and the one place where a table
 * writer's why text becomes an extack message (kept whole: nl_err.h).
 * The handlers (nl_*.c) sit above this file, netlink.c (family and ops)
 * above them.
 */
#ifndef DCX_NL_MSG_H
#define DCX_NL_MSG_H

#include <net/genetlink.h>
#include "uapi/dcxlat.h"
#include "instance.h"

#define DCX_ERR(extack, msg) NL_SET_ERR_MSG_MOD(extack, msg)

/*
 * The family the writers below put their messages in (netlink.c), set
 * before it is registered. dcx_nl_msg_exit(), before it is unregistered,
 * stops dcx_nl_notify_net() (under dcx_cfg_mutex, which it runs under).
 */
void dcx_nl_msg_init(const struct genl_family *family);
void dcx_nl_msg_exit(void);
/* Index of DCXLAT_MCGRP_CONFIG in the family's multicast groups. */
enum { DCX_MCGRP_CONFIG };

/*
 * A request on the instances of the sender's netns, doit or dump. After
 * dcx_nl_begin*() it holds dcx_cfg_mutex; with DCX_REQ_EXISTS, inst is the
 * instance named by DCXLAT_A_INSTANCE and cfg (with its tables t) what the
 * request edits: the sender's open transaction on it (staging = true),
 * else the live snapshot (always the live one in a dump).
 */
struct dcx_req {
	struct genl_info *info;		/* NULL in a dump */
	struct nlattr **attrs;
	struct netlink_ext_ack *extack;
	struct net *net;
	const char *name;		/* DCXLAT_A_INSTANCE, or NULL */
	struct dcx_instance *inst;
	struct dcx_config *cfg;
	struct dcx_tables *t;
	bool staging;
};

enum {
	DCX_REQ_ANY = 0,		/* DCXLAT_A_INSTANCE optional */
	DCX_REQ_INSTANCE = BIT(0),	/* ... required (a valid name) */
	DCX_REQ_EXISTS = BIT(0) | BIT(1), /* ... and the instance exists */
};

/*
 * Check the ABI and the names (DCXLAT_A_INSTANCE as flags say, SPACE when
 * present), lock, find the instance. On error: -errno, extack set, unlocked.
 * A dump also sets cb->seq for NLM_F_DUMP_INTR.
 */
int dcx_nl_begin(struct genl_info *info, struct dcx_req *r,
		 unsigned int flags);
int dcx_nl_begin_dump(struct netlink_callback *cb, struct dcx_req *r,
		      unsigned int flags);
void dcx_nl_end(struct dcx_req *r);
/* The checks of dcx_nl_begin(.., DCX_REQ_INSTANCE) alone, without lock. */
int dcx_nl_check(struct genl_info *info);
/* ABI check of a request's attributes. */
int dcx_nl_check_abi(struct nlattr **attrs, struct netlink_ext_ack *extack);
/* Instance/space names: printable ASCII without spaces (uapi rule). */
int dcx_nl_check_name(const struct nlattr *a, const char *what,
		      struct netlink_ext_ack *extack);

/* The space named by a (NULL: the default space) in r->t, or NULL. */
struct dcx_space *dcx_nl_find_space(struct dcx_req *r,
				    const struct nlattr *a);

/*
 * A table writer (tables, spaces, bindings) refused with why: extack is
 * "why", or "CONTEXT: why" with the context printed from fmt; bad is the
 * attribute to blame (may be NULL). Returns err.
 */
int dcx_nl_why(struct netlink_ext_ack *extack, const struct nlattr *bad,
	       int err, const char *why);
__printf(5, 6)
int dcx_nl_whyf(struct netlink_ext_ack *extack, const struct nlattr *bad,
		int err, const char *why, const char *fmt, ...);

/* Adds to a message what follows DCXLAT_A_INSTANCE; -EMSGSIZE when full. */
typedef int (*dcx_nl_fill_t)(struct sk_buff *skb, struct dcx_req *r,
			     void *arg);

/* The reply of a doit: the request's command, INSTANCE, then fill. */
int dcx_nl_reply(struct dcx_req *r, dcx_nl_fill_t fill, void *arg);
/* A whole GET doit: begin (DCX_REQ_EXISTS), reply, end. */
int dcx_nl_get(struct genl_info *info, dcx_nl_fill_t fill, void *arg);

/*
 * After a successful change of the live configuration: bump the dump
 * generation and multicast a message of the request's command carrying
 * INSTANCE and what fill adds (fill may be NULL). Changes of a staging
 * snapshot are announced once, by TXN_COMMIT.
 */
void dcx_nl_notify(struct dcx_req *r, dcx_nl_fill_t fill, void *arg);

/*
 * A change of a live configuration the module made by itself (a device
 * event, netdev.c), under dcx_cfg_mutex: bump the dump generation and
 * multicast cmd to net's listeners with INSTANCE name and what fill adds
 * (fill sees a request with only net and name set). Nothing is sent
 * once the family is going away.
 */
void dcx_nl_notify_net(struct net *net, const char *name, u8 cmd,
		       dcx_nl_fill_t fill, void *arg);

/* Current dump generation, never 0. Needs dcx_cfg_mutex. */
unsigned int dcx_nl_gen(void);

/*
 * Dumps. dcx_nl_dump_start() opens one message of the dump (the request's
 * command, NLM_F_MULTI, NLM_F_DUMP_INTR when the generation moved); NULL
 * when the skb is full. dcx_nl_dump_list() sends a message per entry of
 * list, from entry cb->args[0] on, as many as fit, and counts them there.
 */
void *dcx_nl_dump_start(struct sk_buff *skb, struct netlink_callback *cb);
int dcx_nl_dump_list(struct sk_buff *skb, struct netlink_callback *cb,
		     struct list_head *list,
		     int (*fill)(struct sk_buff *skb, struct list_head *pos,
				 void *arg), void *arg);

/*
 * Parse a nested prefix (DCXLAT_PREFIX_*) of bits 32 or 128: both members
 * present, length <= bits, no bits set after the length. what names it in
 * messages ("EAM entry 3 IPv4 prefix").
 */
int dcx_nl_prefix(const struct nlattr *nest, unsigned int bits, void *addr,
		  u8 *len, const char *what, struct netlink_ext_ack *extack);
/* A nested prefix (DCXLAT_PREFIX_*) of alen address bytes. */
int dcx_nl_put_prefix(struct sk_buff *skb, int type, const void *addr,
		      int alen, u8 len);
/*
 * A nested binding (DCXLAT_BIND_*): IFNAME, PREFIX4, and IFINDEX when
 * ifindex > 0, the WAITING flag when it is 0.
 */
int dcx_nl_put_bind(struct sk_buff *skb, int type, const char *dev,
		    int ifindex, __be32 v4, u8 len4);
/*
 * A space's routing domain (inside DCXLAT_A_SPACE_CFG or its OLD_): TABLE
 * and, when it has a VRF, VRF_NAME and VRF (ifindex > 0) or VRF_WAITING
 * (ifindex -1).
 */
int dcx_nl_put_vrf(struct sk_buff *skb, const char *name, int ifindex,
		   u32 table);
/* Per-CPU counters summed, one u64 per counter (uapi DCXLAT_A_STATS rules). */
int dcx_nl_put_stats(struct sk_buff *skb, int type,
		     struct dcx_stats __percpu *st);

#endif /* DCX_NL_MSG_H */
