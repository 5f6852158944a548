// SPDX-License-Identifier: GPL-2.0
/*
 * dcxlat: stateless IPv4/IPv6 translator (SIIT), module init and exit only.
 *
 * Registration order: the LPM node cache, the free workqueue (freewq.c),
 * pernet state (netns.c, so a netns always has its dcx_net before anyone
 * can reach it), the netdevice notifier (netdev.c), then genetlink (the
 * only way to create instances, hence hooks). Exit undoes it in reverse
 * and waits for every RCU callback and free work before the module text
 * goes away.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "netns.h"
#include "freewq.h"
#include "netlink.h"
#include "core/lpm.h"
#include "core/eamt.h"
#include "netdev.h"
#include "uapi/dcxlat.h"
#include "compat.h"

static int __init dcx_init(void)
{
	int err;

	err = dcx_lpm_cache_init();
	if (err)
		return err;
	err = dcx_eam_cache_init();
	if (err)
		goto err_lpm;
	err = dcx_freewq_init();
	if (err)
		goto err_eam;
	err = dcx_netns_init();
	if (err)
		goto err_wq;
	err = dcx_netdev_init();
	if (err)
		goto err_pernet;
	err = dcx_genl_register();
	if (err)
		goto err_netdev;
	pr_info("stateless IPv4/IPv6 translator loaded (ABI %d)\n",
		DCXLAT_ABI_VERSION);
	return 0;

err_netdev:
	dcx_netdev_exit();
err_pernet:
	dcx_netns_exit();
err_wq:
	dcx_freewq_exit();
err_eam:
	dcx_eam_cache_exit();
err_lpm:
	dcx_lpm_cache_exit();
	return err;
}

static void __exit dcx_exit(void)
{
	dcx_genl_unregister();
	dcx_netdev_exit();
	dcx_netns_exit();
	/* Instances, snapshots, tries, spaces are freed after RCU: wait. */
	dcx_freewq_exit();
	dcx_eam_cache_exit();
	dcx_lpm_cache_exit();
}

module_init(dcx_init);
module_exit(dcx_exit);
MODULE_LICENSE("GPL");
MODULE_VERSION(DCXLAT_VERSION);
MODULE_DESCRIPTION("dcxlat: stateless IPv4/IPv6 translator (SIIT)");
MODULE_ALIAS_GENL_FAMILY(DCXLAT_GENL_NAME);
