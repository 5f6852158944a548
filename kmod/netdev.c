// SPDX-License-Identifier: GPL-2.0
/*
 * Network devices going away (see netdev.h). Runs under RTNL from the
 * notifier chain and takes dcx_cfg_mutex like every table writer; the
 * removed bindings are freed after a grace period (core/bind.c).
 */
#include <linux/netdevice.h>
#include "instance.h"
#include "netdev.h"

static void dcx_netdev_gone(struct net *net, int ifindex)
{
	struct dcx_instance *inst;
	struct dcx_tables *t;
	struct dcx_space *s;

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(net)->instances, list) {
		t = dcx_instance_tables(inst);
		dcx_bind_flush_ifindex(t, ifindex, &dcx_cfg_mutex);
		/* Its packets are dropped, never routed in the main table. */
		list_for_each_entry(s, &t->spaces, list)
			if (s->vrf_ifindex == ifindex)
				WRITE_ONCE(s->vrf_ifindex, -1);
	}
	mutex_unlock(&dcx_cfg_mutex);
}

static int dcx_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event == NETDEV_UNREGISTER)
		dcx_netdev_gone(dev_net(dev), dev->ifindex);
	return NOTIFY_DONE;
}

static struct notifier_block dcx_netdev_nb = {
	.notifier_call = dcx_netdev_event,
};

int dcx_netdev_init(void)
{
	return register_netdevice_notifier(&dcx_netdev_nb);
}

void dcx_netdev_exit(void)
{
	unregister_netdevice_notifier(&dcx_netdev_nb);
}
