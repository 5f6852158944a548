// SPDX-License-Identifier: GPL-2.0
/*
 * VRF devices and their tables (see vrf.h), looked up under RCU in the
 * request's netns. Writes nothing: the caller stores the result.
 */
#include <linux/netdevice.h>
#include <net/l3mdev.h>
#include "core/tables.h"
#include "vrf.h"

/* dev must be a VRF using v->table when that is set; fills v. */
static int dcx_vrf_of_dev(struct net_device *dev, struct dcx_vrf *v,
			  char *why, bool *by_table)
{
	u32 table;

	if (!netif_is_l3_master(dev)) {
		snprintf(why, DCX_WHY_LEN, "%s is not a VRF device",
			 dev->name);
		return -EINVAL;
	}
	table = l3mdev_fib_table_rcu(dev);
	if (v->table && v->table != table) {
		*by_table = true;
		snprintf(why, DCX_WHY_LEN, "VRF %s uses table %u, not %u",
			 dev->name, table, v->table);
		return -EINVAL;
	}
	strscpy(v->name, dev->name, sizeof(v->name));
	v->ifindex = dev->ifindex;
	v->table = table;
	return 0;
}

/* The VRF device that uses table v->table. */
static int dcx_vrf_of_table(struct net *net, struct dcx_vrf *v, char *why)
{
	struct net_device *dev;

	for_each_netdev_rcu(net, dev) {
		if (netif_is_l3_master(dev) &&
		    l3mdev_fib_table_rcu(dev) == v->table) {
			strscpy(v->name, dev->name, sizeof(v->name));
			v->ifindex = dev->ifindex;
			return 0;
		}
	}
	snprintf(why, DCX_WHY_LEN,
		 "no VRF device uses table %u: ip link add NAME type vrf table %u",
		 v->table, v->table);
	return -ENOENT;
}

static int dcx_vrf_lookup(struct net *net, struct dcx_vrf *v, char *why,
			  bool *by_table)
{
	struct net_device *dev;

	if (*v->name) {
		dev = dev_get_by_name_rcu(net, v->name);
		if (!dev) {
			v->ifindex = -1;	/* waits for it */
			return 0;
		}
		return dcx_vrf_of_dev(dev, v, why, by_table);
	}
	if (v->ifindex) {
		dev = dev_get_by_index_rcu(net, v->ifindex);
		if (!dev) {
			snprintf(why, DCX_WHY_LEN,
				 "no interface with index %d in this netns",
				 v->ifindex);
			return -ENODEV;
		}
		return dcx_vrf_of_dev(dev, v, why, by_table);
	}
	*by_table = true;
	return dcx_vrf_of_table(net, v, why);
}

int dcx_vrf_resolve(struct net *net, struct dcx_vrf *v, char *why,
		    bool *by_table)
{
	int err;

	*by_table = false;
	if (!*v->name && !v->ifindex && !v->table)
		return 0;
	rcu_read_lock();
	err = dcx_vrf_lookup(net, v, why, by_table);
	rcu_read_unlock();
	return err;
}
