/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One configuration snapshot of an instance (struct dcx_config): the
 * settings the packet path reads, and the tables it points to. Types only:
 * instance.c creates, publishes and frees snapshots; settings.c knows
 * where each setting lives in one (the FIELD column of the settings table).
 */
#ifndef DCX_CONFIG_H
#define DCX_CONFIG_H

#include <linux/if.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include "core/types.h"

/*
 * Immutable once published, except the tables it points to, which are
 * RCU-safe and change in place under dcx_cfg_mutex, and ndp_proxy_ifindex,
 * which follows its device (netdev.c, WRITE_ONCE). A snapshot owns its
 * tables: a settings change hands them to the next snapshot; a whole-config
 * replacement frees them with the old snapshot.
 */
struct dcx_config {
	struct dcx_xlat_cfg xlat;
	char ndp_proxy[IFNAMSIZ];	/* uplink of proxy NDP, "" = off */
	int ndp_proxy_ifindex;		/* its ifindex when it exists; 0: off */
	u32 max_eams, max_spaces;	/* limits: refuse more (settings.c) */
	struct rcu_head rcu;		/* kfree_rcu of a snapshot alone */
	struct rcu_work free_work;	/* with its tables (instance.c) */
};

/* Writable tables of any snapshot a writer holds (live or staging). */
static inline struct dcx_tables *dcx_config_tables(struct dcx_config *cfg)
{
	/* Writers own the tables: the snapshot's const is for readers. */
	return (struct dcx_tables *)cfg->xlat.tables;
}

#endif /* DCX_CONFIG_H */
