// SPDX-License-Identifier: GPL-2.0
/*
 * Translator instances, their configuration snapshots and transactions
 * (see instance.h). Nothing here waits for a grace period: old snapshots
 * and deleted instances (and, for the core, emptied tries and deleted
 * spaces) are freed by a work item after one, in process context
 * (dcx_free_after_gp(), freewq.c); a transaction commit is a single
 * rcu_assign_pointer.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "instance.h"
#include "settings.h"
#include "compat.h"

DEFINE_MUTEX(dcx_cfg_mutex);
unsigned int dcx_net_id __read_mostly;

static struct dcx_config *dcx_cfg_protected(const struct dcx_instance *inst)
{
	return rcu_dereference_protected(inst->cfg,
					 lockdep_is_held(&dcx_cfg_mutex));
}

const struct dcx_config *dcx_instance_cfg(const struct dcx_instance *inst)
{
	return dcx_cfg_protected(inst);
}

struct dcx_tables *dcx_instance_tables(const struct dcx_instance *inst)
{
	return dcx_config_tables(dcx_cfg_protected(inst));
}

void dcx_config_defaults(struct dcx_config *cfg)
{
	const struct dcx_tables *t = cfg->xlat.tables;

	memset(cfg, 0, sizeof(*cfg));
	cfg->xlat.tables = t;
	dcx_settings_defaults(cfg);
}

struct dcx_config *dcx_config_new(void)
{
	struct dcx_config *cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);

	if (!cfg)
		return NULL;
	cfg->xlat.tables = dcx_tables_alloc(GFP_KERNEL);
	if (!cfg->xlat.tables) {
		kfree(cfg);
		return NULL;
	}
	dcx_config_defaults(cfg);
	return cfg;
}

struct dcx_config *dcx_config_copy(const struct dcx_config *cfg)
{
	return kmemdup(cfg, sizeof(*cfg), GFP_KERNEL);
}

static void dcx_config_free_work(struct work_struct *w)
{
	dcx_config_destroy(container_of(to_rcu_work(w), struct dcx_config,
					free_work));
}

void dcx_instance_publish(struct dcx_instance *inst, struct dcx_config *n)
{
	struct dcx_config *old = dcx_cfg_protected(inst);

	rcu_assign_pointer(inst->cfg, n);
	if (old->xlat.tables == n->xlat.tables)
		kfree_rcu(old, rcu);	/* the tables live on in n */
	else
		dcx_config_destroy_rcu(old);
}

/* After a grace period, in process context (freewq.c). */
void dcx_config_destroy_rcu(struct dcx_config *cfg)
{
	dcx_free_after_gp(&cfg->free_work, dcx_config_free_work);
}

/* A snapshot nobody can see any more, with the tables it owns. */
void dcx_config_destroy(struct dcx_config *cfg)
{
	if (!cfg)
		return;
	dcx_tables_destroy((struct dcx_tables *)cfg->xlat.tables);
	kfree(cfg);
}

/* ---- instances --------------------------------------------------------- */

struct dcx_instance *dcx_instance_find(struct net *net, const char *name)
{
	struct dcx_instance *inst;

	lockdep_assert_held(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(net)->instances, list)
		if (!strcmp(inst->name, name))
			return inst;
	return NULL;
}

struct dcx_instance *dcx_instance_new(const char *name,
				      struct netlink_ext_ack *extack)
{
	struct dcx_instance *inst;
	struct dcx_config *cfg;

	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	cfg = dcx_config_new();
	if (!inst || !cfg)
		goto nomem;
	inst->stats = dcx_stats_alloc(GFP_KERNEL);
	inst->rcache = dcx_rcache_alloc();
	if (!inst->stats || !inst->rcache)
		goto nomem;
	strscpy(inst->name, name, sizeof(inst->name));
	RCU_INIT_POINTER(inst->cfg, cfg);
	return inst;

nomem:
	if (inst) {
		dcx_stats_free(inst->stats);
		dcx_rcache_free(inst->rcache);
	}
	dcx_config_destroy(cfg);
	kfree(inst);
	NL_SET_ERR_MSG_MOD(extack, "out of memory");
	return ERR_PTR(-ENOMEM);
}

void dcx_instance_free(struct dcx_instance *inst)
{
	dcx_config_destroy(rcu_dereference_raw(inst->cfg));
	dcx_stats_free(inst->stats);
	dcx_rcache_free(inst->rcache);
	kfree(inst);
}

static void dcx_instance_free_work(struct work_struct *w)
{
	dcx_instance_free(container_of(to_rcu_work(w), struct dcx_instance,
				       free_work));
}

void dcx_instance_link(struct net *net, struct dcx_instance *inst)
{
	struct dcx_net *dn = dcx_net(net);

	lockdep_assert_held(&dcx_cfg_mutex);
	list_add_tail_rcu(&inst->list, &dn->instances);
	dn->count++;
}

/* Open transactions, in every netns. */
static atomic_t dcx_txn_open = ATOMIC_INIT(0);

/* Discard inst's open transaction. */
static void dcx_txn_drop(struct dcx_instance *inst)
{
	dcx_config_destroy(inst->staging);
	inst->staging = NULL;
	inst->staging_portid = 0;
	atomic_dec(&dcx_txn_open);
}

void dcx_instance_unlink(struct net *net, struct dcx_instance *inst,
			 struct list_head *dying)
{
	lockdep_assert_held(&dcx_cfg_mutex);
	list_del_rcu(&inst->list);
	dcx_net(net)->count--;
	/* An open transaction dies with it: nobody ever read it. */
	if (inst->staging)
		dcx_txn_drop(inst);
	/*
	 * Not through inst->list: a reader still on inst follows its next
	 * pointer, which must keep leading back to the RCU list's head.
	 */
	if (dying) {
		list_add_tail(&inst->dying, dying);
		return;
	}
	/* Packets in flight may still read it: free after a grace period. */
	dcx_free_after_gp(&inst->free_work, dcx_instance_free_work);
}

/* ---- transactions ------------------------------------------------------ */

bool dcx_txn_any(void)
{
	return atomic_read(&dcx_txn_open) > 0;
}

struct dcx_config *dcx_txn_staging(struct dcx_instance *inst, u32 portid)
{
	lockdep_assert_held(&dcx_cfg_mutex);
	if (inst->staging && inst->staging_portid == portid)
		return inst->staging;
	return NULL;
}

int dcx_txn_begin(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack)
{
	struct dcx_config *cfg;

	lockdep_assert_held(&dcx_cfg_mutex);
	if (inst->staging) {
		if (inst->staging_portid == portid)
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "this socket already has a transaction open on instance \"%s\"",
					       inst->name);
		else
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "instance \"%s\" is in a transaction of netlink port %u; retry later",
					       inst->name, inst->staging_portid);
		return -EBUSY;
	}
	cfg = dcx_config_new();
	if (!cfg) {
		NL_SET_ERR_MSG_MOD(extack, "out of memory for the transaction");
		return -ENOMEM;
	}
	/* Nobody reads it: its EAM hashes are built once, at commit. */
	dcx_eam_defer(dcx_config_tables(cfg));
	inst->staging = cfg;
	inst->staging_portid = portid;
	atomic_inc(&dcx_txn_open);
	return 0;
}

static int dcx_txn_owned(struct dcx_instance *inst, u32 portid,
			 struct netlink_ext_ack *extack)
{
	if (dcx_txn_staging(inst, portid))
		return 0;
	NL_SET_ERR_MSG_FMT_MOD(extack,
			       "no open transaction of this socket on instance \"%s\"",
			       inst->name);
	return -ENOENT;
}

int dcx_txn_commit(struct dcx_instance *inst, u32 portid,
		   struct netlink_ext_ack *extack)
{
	int err = dcx_txn_owned(inst, portid, extack);
	char why[DCX_WHY_LEN] = "";

	if (err)
		return err;
	/* Complete before it is published; on failure nothing changed. */
	err = dcx_eam_build(dcx_config_tables(inst->staging), why,
			    &dcx_cfg_mutex);
	if (err) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s", why);
		return err;
	}
	dcx_instance_publish(inst, inst->staging);
	inst->staging = NULL;
	inst->staging_portid = 0;
	atomic_dec(&dcx_txn_open);
	return 0;
}

int dcx_txn_abort(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack)
{
	int err = dcx_txn_owned(inst, portid, extack);

	if (!err)
		dcx_txn_drop(inst);
	return err;
}

void dcx_txn_release(struct net *net, u32 portid)
{
	struct dcx_instance *inst;

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(net)->instances, list)
		if (dcx_txn_staging(inst, portid))
			dcx_txn_drop(inst);
	mutex_unlock(&dcx_cfg_mutex);
}
