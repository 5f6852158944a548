// SPDX-License-Identifier: GPL-2.0
/*
 * Translator instances of a netns and their configuration snapshots.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netns/generic.h>
#include "instance.h"
#include "hook.h"
#include "txn.h"
#include "compat.h"

DEFINE_MUTEX(dcx_cfg_mutex);

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
	cfg->xlat.rfc6791v4.addr = DCX_DEFAULT_RFC6791V4;
	cfg->xlat.rfc6791v4.len = 32;
	cfg->xlat.er_filter = true;
	cfg->xlat.hairpin = true;
	cfg->xlat.lowest_ipv6_mtu = DCX_DEFAULT_LOWEST_MTU6;
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

static void dcx_config_free_rcu(struct rcu_head *head)
{
	dcx_config_destroy(container_of(head, struct dcx_config, rcu));
}

void dcx_instance_publish(struct dcx_instance *inst, struct dcx_config *n)
{
	struct dcx_config *old = dcx_cfg_protected(inst);

	rcu_assign_pointer(inst->cfg, n);
	if (old->xlat.tables == n->xlat.tables)
		kfree_rcu(old, rcu);	/* the tables live on in n */
	else
		call_rcu(&old->rcu, dcx_config_free_rcu);
}

/* A snapshot nobody can see any more, with the tables it owns. */
void dcx_config_destroy(struct dcx_config *cfg)
{
	if (!cfg)
		return;
	dcx_tables_destroy((struct dcx_tables *)cfg->xlat.tables);
	kfree(cfg);
}

struct dcx_instance *dcx_instance_find(struct net *net, const char *name)
{
	struct dcx_instance *inst;

	lockdep_assert_held(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(net)->instances, list)
		if (!strcmp(inst->name, name))
			return inst;
	return NULL;
}

int dcx_instance_add(struct net *net, const char *name,
		     struct netlink_ext_ack *extack)
{
	struct dcx_net *dn = dcx_net(net);
	struct dcx_instance *inst;
	struct dcx_config *cfg;
	int err;

	lockdep_assert_held(&dcx_cfg_mutex);
	if (dcx_instance_find(net, name)) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "instance \"%s\" already exists",
				       name);
		return -EEXIST;
	}
	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	cfg = dcx_config_new();
	if (!inst || !cfg)
		goto nomem;
	inst->stats = dcx_stats_alloc();
	if (!inst->stats)
		goto nomem;
	strscpy(inst->name, name, sizeof(inst->name));
	RCU_INIT_POINTER(inst->cfg, cfg);

	if (!dn->count) {
		err = dcx_hooks_register(net);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot register netfilter hooks");
			dcx_config_destroy(cfg);
			dcx_stats_free(inst->stats);
			kfree(inst);
			return err;
		}
	}
	list_add_tail_rcu(&inst->list, &dn->instances);
	dn->count++;
	return 0;

nomem:
	if (inst)
		dcx_stats_free(inst->stats);
	dcx_config_destroy(cfg);
	kfree(inst);
	NL_SET_ERR_MSG_MOD(extack, "out of memory");
	return -ENOMEM;
}

static void dcx_instance_free_rcu(struct rcu_head *head)
{
	struct dcx_instance *inst = container_of(head, struct dcx_instance,
						 rcu);

	dcx_config_destroy(rcu_dereference_raw(inst->cfg));
	dcx_stats_free(inst->stats);
	kfree(inst);
}

static void dcx_instance_remove(struct net *net, struct dcx_instance *inst)
{
	struct dcx_net *dn = dcx_net(net);

	list_del_rcu(&inst->list);
	/* An open transaction dies with it: nobody ever read it. */
	if (inst->staging)
		dcx_txn_abort(inst, inst->staging_portid, NULL);
	if (!--dn->count)
		dcx_hooks_unregister(net);
	/* Packets in flight may still read it: free after a grace period. */
	call_rcu(&inst->rcu, dcx_instance_free_rcu);
}

int dcx_instance_del(struct net *net, const char *name,
		     struct netlink_ext_ack *extack)
{
	struct dcx_instance *inst = dcx_instance_find(net, name);

	if (!inst) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "no instance \"%s\"", name);
		return -ENOENT;
	}
	dcx_instance_remove(net, inst);
	return 0;
}

void dcx_instances_flush(struct net *net)
{
	struct dcx_instance *inst, *tmp;

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry_safe(inst, tmp, &dcx_net(net)->instances, list)
		dcx_instance_remove(net, inst);
	mutex_unlock(&dcx_cfg_mutex);
}

/* The default space's prefix is pool6; the tables change it in place. */
int dcx_config_set_pool6(struct dcx_config *cfg, const struct dcx_prefix6 *p,
			 struct netlink_ext_ack *extack)
{
	struct dcx_tables *t = dcx_config_tables(cfg);
	char why[DCX_WHY_LEN] = "";
	int err;

	err = dcx_space_set_pool6(t, t->def, p, why, &dcx_cfg_mutex);
	if (err)
		NL_SET_ERR_MSG_FMT_MOD(extack, "pool6: %s", why);
	return err;
}
