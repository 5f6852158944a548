/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-netns translator instances. Readers (the packet path) walk the RCU
 * list and read one immutable configuration snapshot with one
 * rcu_dereference; writers hold dcx_cfg_mutex, build a new snapshot and
 * publish it with rcu_assign_pointer, freeing the old one with kfree_rcu.
 */
#ifndef DCX_INSTANCE_H
#define DCX_INSTANCE_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/netlink.h>
#include <linux/netdevice.h>
#include <net/net_namespace.h>
#include "core/tables.h"
#include "stats.h"

/*
 * Immutable once published, except the tables it points to, which are
 * RCU-safe and change in place under dcx_cfg_mutex. A snapshot owns its
 * tables: a settings change hands them to the next snapshot; a whole-config
 * replacement frees them with the old snapshot.
 */
struct dcx_config {
	struct dcx_xlat_cfg xlat;
	char ndp_proxy[IFNAMSIZ];	/* uplink of proxy NDP, "" = off */
	int ndp_proxy_ifindex;		/* its ifindex when it exists; 0: off */
	struct rcu_head rcu;
};

struct dcx_instance {
	struct list_head list;		/* dcx_net.instances, RCU */
	char name[DCXLAT_NAME_MAX];
	struct dcx_config __rcu *cfg;
	struct dcx_stats __percpu *stats;
	/*
	 * An open transaction (txn.c): a configuration nobody reads, edited
	 * by the netlink socket staging_portid, published by TXN_COMMIT.
	 */
	struct dcx_config *staging;
	u32 staging_portid;
	struct rcu_head rcu;
};

struct dcx_net {
	struct list_head instances;	/* in creation order */
	unsigned int count;
	bool hooks_on;
};

/* Serialises every configuration change, in every netns. */
extern struct mutex dcx_cfg_mutex;

struct dcx_net *dcx_net(const struct net *net);

/* All of these need dcx_cfg_mutex held. */
int dcx_instance_add(struct net *net, const char *name,
		     struct netlink_ext_ack *extack);
int dcx_instance_del(struct net *net, const char *name,
		     struct netlink_ext_ack *extack);
struct dcx_instance *dcx_instance_find(struct net *net, const char *name);
/* p == NULL unsets pool6 (the default space's prefix) of cfg. */
int dcx_config_set_pool6(struct dcx_config *cfg, const struct dcx_prefix6 *p,
			 struct netlink_ext_ack *extack);
/* The current snapshot, for writers (lockdep-checked). */
const struct dcx_config *dcx_instance_cfg(const struct dcx_instance *inst);
/* Its tables, for writers. */
struct dcx_tables *dcx_instance_tables(const struct dcx_instance *inst);
/* Writable tables of any snapshot a writer holds (live or staging). */
static inline struct dcx_tables *dcx_config_tables(struct dcx_config *cfg)
{
	/* Writers own the tables: the snapshot's const is for readers. */
	return (struct dcx_tables *)cfg->xlat.tables;
}

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

/* Called from the netns exit path: deletes every instance of net. */
void dcx_instances_flush(struct net *net);

#endif /* DCX_INSTANCE_H */
