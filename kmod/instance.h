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
#include <net/net_namespace.h>
#include "tables.h"
#include "stats.h"

/*
 * Immutable once published, except the tables it points to, which are
 * RCU-safe and change in place under dcx_cfg_mutex. A snapshot owns its
 * tables: a settings change hands them to the next snapshot; a whole-config
 * replacement frees them with the old snapshot.
 */
struct dcx_config {
	struct dcx_xlat_cfg xlat;
	int ndp_proxy_ifindex;		/* proxy NDP on this uplink; 0: off */
	struct rcu_head rcu;
};

struct dcx_instance {
	struct list_head list;		/* dcx_net.instances, RCU */
	char name[DCXLAT_NAME_MAX];
	struct dcx_config __rcu *cfg;
	struct dcx_stats __percpu *stats;
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
/* p == NULL unsets pool6. */
int dcx_instance_set_pool6(struct dcx_instance *inst,
			   const struct dcx_prefix6 *p,
			   struct netlink_ext_ack *extack);
/* The current snapshot, for writers (lockdep-checked). */
const struct dcx_config *dcx_instance_cfg(const struct dcx_instance *inst);
/* Its tables, for writers. */
struct dcx_tables *dcx_instance_tables(const struct dcx_instance *inst);
/* Free a snapshot no reader can see, with its tables. */
void dcx_config_destroy(struct dcx_config *cfg);

/* Called from the netns exit path: deletes every instance of net. */
void dcx_instances_flush(struct net *net);

#endif /* DCX_INSTANCE_H */
