/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Translator instances (instance.c): the instances of a netns (an RCU
 * list in creation order), their configuration snapshots, and their
 * transactions. Readers (the packet path) walk the RCU list and read one
 * immutable configuration snapshot with one rcu_dereference; writers hold
 * dcx_cfg_mutex, build a new snapshot and publish it with
 * rcu_assign_pointer, freeing the old one after a grace period.
 *
 * This file knows nothing of netfilter: netns.c adds and deletes
 * instances (registering the hooks with the first one) and owns the
 * per-netns lifetime; here is only what an instance is.
 *
 * Transactions: a whole configuration built aside and swapped in with one
 * pointer store (uapi "Transactions"). An instance has at most one open
 * transaction, owned by one netlink socket (its portid in the netns). The
 * staging snapshot is never visible to the packet path, so it is edited in
 * place and, when discarded, freed at once.
 */
#ifndef DCX_INSTANCE_H
#define DCX_INSTANCE_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/netlink.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include "core/tables.h"
#include "config.h"
#include "core/stats.h"
#include "route.h"

struct dcx_instance {
	struct list_head list;		/* dcx_net.instances, RCU */
	char name[DCXLAT_NAME_MAX];
	struct dcx_config __rcu *cfg;
	struct dcx_stats __percpu *stats;
	struct dcx_rcache __percpu *rcache;	/* route.c, per CPU */
	/*
	 * An open transaction: a configuration nobody reads, edited by the
	 * netlink socket staging_portid, published by TXN_COMMIT.
	 */
	struct dcx_config *staging;
	u32 staging_portid;
	struct rcu_work free_work;	/* freed in process context */
	struct list_head dying;		/* dcx_net.dying (netns exit) */
};

/* The instances of one netns (pernet data; netns.c registers it). */
struct dcx_net {
	struct list_head instances;	/* in creation order, RCU */
	unsigned int count;
	/* Unlinked by the netns' pre_exit, freed by its exit (netns.c). */
	struct list_head dying;
	/* The PREROUTING hooks, IPv4 and IPv6, priv = this (hook.c). */
	struct nf_hook_ops hook_ops[2];
};

/*
 * Snapshots with their tables and deleted instances are freed by a work
 * item after a grace period (dcx_free_after_gp(), freewq.h), in process
 * context: a table of millions of entries takes long to free, which a
 * softirq (an RCU callback) must not.
 */

/* Serialises every configuration change, in every netns. */
extern struct mutex dcx_cfg_mutex;

/* The pernet id of struct dcx_net, set when netns.c registers it. */
extern unsigned int dcx_net_id;

static inline struct dcx_net *dcx_net(const struct net *net)
{
	return net_generic(net, dcx_net_id);
}

/* All of these need dcx_cfg_mutex held. */
struct dcx_instance *dcx_instance_find(struct net *net, const char *name);
/* A new instance with default settings, not linked anywhere; ERR_PTR. */
struct dcx_instance *dcx_instance_new(const char *name,
				      struct netlink_ext_ack *extack);
/* Free an instance that was never linked. */
void dcx_instance_free(struct dcx_instance *inst);
/* Append inst to net's instances: packets see it from now on. */
void dcx_instance_link(struct net *net, struct dcx_instance *inst);
/*
 * Take inst out of net's instances, abort its transaction and free it
 * after a grace period (packets in flight may still read it); with
 * dying, put it there instead, for a caller that waits for the grace
 * period itself and then frees it (the netns exit, netns.c).
 */
void dcx_instance_unlink(struct net *net, struct dcx_instance *inst,
			 struct list_head *dying);
/* The current snapshot, for writers (lockdep-checked). */
const struct dcx_config *dcx_instance_cfg(const struct dcx_instance *inst);
/* Its tables, for writers. */
struct dcx_tables *dcx_instance_tables(const struct dcx_instance *inst);

/* A new unpublished snapshot: default settings, empty tables; or NULL. */
struct dcx_config *dcx_config_new(void);
/* Settings of a new instance. */
void dcx_config_defaults(struct dcx_config *cfg);
/* A copy sharing cfg's tables (for a settings change), or NULL. */
struct dcx_config *dcx_config_copy(const struct dcx_config *cfg);
/*
 * Publish n as inst's configuration with one pointer store. The old
 * snapshot is freed after a grace period: alone when n took over its
 * tables (settings change), with its tables when n has its own (commit).
 * Never waits.
 */
void dcx_instance_publish(struct dcx_instance *inst, struct dcx_config *n);
/* Free a snapshot no reader can see, with its tables. */
void dcx_config_destroy(struct dcx_config *cfg);
/* The same after a grace period, in process context; never waits. */
void dcx_config_destroy_rcu(struct dcx_config *cfg);

/* Transactions; all but dcx_txn_release()/_any() need dcx_cfg_mutex. */
/*
 * Open one for portid: a staging snapshot with defaults and empty tables,
 * whose EAM hashes are deferred (dcx_eam_defer(): built at commit).
 */
int dcx_txn_begin(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack);
/*
 * Publish portid's staging snapshot; the old one goes after a grace
 * period. First builds its EAM hashes (dcx_eam_build(), yields): on
 * -ENOMEM (the reason in extack) nothing is published and the
 * transaction stays open (a later COMMIT retries, ABORT discards it).
 */
int dcx_txn_commit(struct dcx_instance *inst, u32 portid,
		   struct netlink_ext_ack *extack);
/* Discard portid's staging snapshot. */
int dcx_txn_abort(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack);
/* The staging snapshot portid edits, or NULL when it has none open. */
struct dcx_config *dcx_txn_staging(struct dcx_instance *inst, u32 portid);
/*
 * Abort every transaction portid has open in net (its socket closed).
 * Takes dcx_cfg_mutex.
 */
void dcx_txn_release(struct net *net, u32 portid);
/* True when some transaction is open anywhere: lets the notifier skip. */
bool dcx_txn_any(void);

#endif /* DCX_INSTANCE_H */
