// SPDX-License-Identifier: GPL-2.0
/*
 * VRF devices and their tables (see vrf.h), looked up under RCU in the
 * request's netns. Writes nothing: the caller stores the result.
 */
#include <linux/netdevice.h>
#include <net/l3mdev.h>
#include "core/tables.h"
#include "vrf.h"

/* The VRF device *vrf and its table; it must be want when want is set. */
static int dcx_vrf_of_dev(struct net *net, int *vrf, u32 *table, u32 want,
			  char *why, bool *by_table)
{
	struct net_device *dev = dev_get_by_index_rcu(net, *vrf);

	if (!dev) {
		snprintf(why, DCX_WHY_LEN,
			 "no interface with index %d in this netns", *vrf);
		return -ENODEV;
	}
	if (!netif_is_l3_master(dev)) {
		snprintf(why, DCX_WHY_LEN, "%s is not a VRF device",
			 dev->name);
		return -EINVAL;
	}
	*table = l3mdev_fib_table_rcu(dev);
	if (want && want != *table) {
		*by_table = true;
		snprintf(why, DCX_WHY_LEN, "VRF %s uses table %u, not %u",
			 dev->name, *table, want);
		return -EINVAL;
	}
	return 0;
}

/* The VRF device that uses table want. */
static int dcx_vrf_of_table(struct net *net, int *vrf, u32 want, char *why)
{
	struct net_device *dev;

	for_each_netdev_rcu(net, dev) {
		if (netif_is_l3_master(dev) &&
		    l3mdev_fib_table_rcu(dev) == want) {
			*vrf = dev->ifindex;
			return 0;
		}
	}
	snprintf(why, DCX_WHY_LEN,
		 "no VRF device uses table %u: ip link add NAME type vrf table %u",
		 want, want);
	return -ENOENT;
}

int dcx_vrf_resolve(struct net *net, int *vrf, u32 *table, char *why,
		    bool *by_table)
{
	u32 want = *table;
	int err;

	*table = 0;
	*by_table = false;
	if (!*vrf && !want)
		return 0;
	rcu_read_lock();
	if (*vrf) {
		err = dcx_vrf_of_dev(net, vrf, table, want, why, by_table);
	} else {
		*by_table = true;
		err = dcx_vrf_of_table(net, vrf, want, why);
		if (!err)
			*table = want;
	}
	rcu_read_unlock();
	return err;
}
