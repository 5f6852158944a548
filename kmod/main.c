// SPDX-License-Identifier: GPL-2.0
/*
 * dcxlat: stateless IPv4/IPv6 translator (SIIT), module entry points.
 *
 * Registration order: pernet state first (so a netns always has its
 * dcx_net before anyone can reach it), then genetlink (the only way to
 * create instances, hence hooks). Exit undoes it in reverse and waits for
 * every RCU callback before the module text goes away.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/netns/generic.h>
#include "instance.h"
#include "netlink.h"
#include "core/lpm.h"
#include "space.h"
#include "compat.h"

#ifdef DCX_NEED_EXTACK_BUF
char dcx_extack_buf[81];
#endif

static unsigned int dcx_net_id __read_mostly;

struct dcx_net *dcx_net(const struct net *net)
{
	return net_generic(net, dcx_net_id);
}

static int __net_init dcx_net_init(struct net *net)
{
	struct dcx_net *dn = dcx_net(net);

	INIT_LIST_HEAD(&dn->instances);
	dn->count = 0;
	return 0;
}

static void __net_exit dcx_net_exit(struct net *net)
{
	dcx_instances_flush(net);
}

static struct pernet_operations dcx_net_ops = {
	.init = dcx_net_init,
	.exit = dcx_net_exit,
	.id = &dcx_net_id,
	.size = sizeof(struct dcx_net),
};

static int __init dcx_init(void)
{
	int err;

	err = dcx_lpm_cache_init();
	if (err)
		return err;
	err = register_pernet_subsys(&dcx_net_ops);
	if (err)
		goto err_lpm;
	err = dcx_space_init();
	if (err)
		goto err_pernet;
	err = dcx_genl_register();
	if (err)
		goto err_space;
	pr_info("stateless IPv4/IPv6 translator loaded (ABI %d)\n",
		DCXLAT_ABI_VERSION);
	return 0;

err_space:
	dcx_space_exit();
err_pernet:
	unregister_pernet_subsys(&dcx_net_ops);
err_lpm:
	dcx_lpm_cache_exit();
	return err;
}

static void __exit dcx_exit(void)
{
	dcx_genl_unregister();
	dcx_space_exit();
	unregister_pernet_subsys(&dcx_net_ops);
	/* Instances and snapshots are freed by RCU callbacks: wait for them. */
	rcu_barrier();
	dcx_lpm_cache_exit();
}

module_init(dcx_init);
module_exit(dcx_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("dcxlat: stateless IPv4/IPv6 translator (SIIT)");
MODULE_ALIAS_GENL_FAMILY(DCXLAT_GENL_NAME);
