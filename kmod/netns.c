// SPDX-License-Identifier: GPL-2.0
/*
 * The module in each network namespace (see netns.h). The layers, top
 * down: netns.c -> hook.c (registration) and instance.c (the list);
 * the hooks read the list, never this file. A netns without instances
 * has no hooks, so its packets pay nothing. The pernet pre_exit and exit
 * run after every socket of the netns is gone, so no request races them;
 * pre_exit still takes dcx_cfg_mutex, as every writer of the list does.
 */
#include <linux/mutex.h>
#include "instance.h"
#include "hook.h"
#include "netns.h"
#include "compat.h"

int dcx_netns_instance_add(struct net *net, const char *name,
			   struct netlink_ext_ack *extack)
{
	struct dcx_instance *inst;
	int err;

	lockdep_assert_held(&dcx_cfg_mutex);
	if (dcx_instance_find(net, name)) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "instance \"%s\" already exists",
				       name);
		return -EEXIST;
	}
	inst = dcx_instance_new(name, extack);
	if (IS_ERR(inst))
		return PTR_ERR(inst);
	if (!dcx_net(net)->count) {
		err = dcx_hooks_register(net);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot register netfilter hooks");
			dcx_instance_free(inst);
			return err;
		}
	}
	dcx_instance_link(net, inst);
	return 0;
}

static void dcx_netns_remove(struct net *net, struct dcx_instance *inst,
			     struct list_head *dying)
{
	dcx_instance_unlink(net, inst, dying);
	if (!dcx_net(net)->count)
		dcx_hooks_unregister(net);
}

int dcx_netns_instance_del(struct net *net, const char *name,
			   struct netlink_ext_ack *extack)
{
	struct dcx_instance *inst = dcx_instance_find(net, name);

	if (!inst) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "no instance \"%s\"", name);
		return -ENOENT;
	}
	dcx_netns_remove(net, inst, NULL);
	return 0;
}

static int __net_init dcx_net_init(struct net *net)
{
	struct dcx_net *dn = dcx_net(net);

	INIT_LIST_HEAD(&dn->instances);
	INIT_LIST_HEAD(&dn->dying);
	dn->count = 0;
	return 0;
}

/*
 * A netns going away: its instances leave the list and its hooks go here,
 * cleanup_net() then waits for a grace period before any exit method,
 * and dcx_net_exit() frees the instances at once. Not later, from the
 * free workqueue: the route memo holds IPv6 dsts whose ops live in struct
 * net, and a dst released after the netns is freed reads freed memory in
 * dst_destroy() (KASAN, the debug kernel, 2026-12-07: cli_apply's netns
 * freed, then its instance's memo released by the work).
 */
static void __net_exit dcx_net_pre_exit(struct net *net)
{
	struct dcx_instance *inst, *tmp;
	struct dcx_net *dn = dcx_net(net);

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry_safe(inst, tmp, &dn->instances, list)
		dcx_netns_remove(net, inst, &dn->dying);
	mutex_unlock(&dcx_cfg_mutex);
}

static void __net_exit dcx_net_exit(struct net *net)
{
	struct dcx_instance *inst, *tmp;
	struct dcx_net *dn = dcx_net(net);

	/* No reader left: the grace period since pre_exit has passed. */
	list_for_each_entry_safe(inst, tmp, &dn->dying, dying) {
		list_del(&inst->dying);
		dcx_instance_free(inst);
	}
}

static struct pernet_operations dcx_net_ops = {
	.init = dcx_net_init,
	.pre_exit = dcx_net_pre_exit,
	.exit = dcx_net_exit,
	.id = &dcx_net_id,
	.size = sizeof(struct dcx_net),
};

int dcx_netns_init(void)
{
	return register_pernet_subsys(&dcx_net_ops);
}

void dcx_netns_exit(void)
{
	unregister_pernet_subsys(&dcx_net_ops);
}
