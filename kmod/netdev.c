// SPDX-License-Identifier: GPL-2.0
/*
 * Network devices appearing, going and renamed (see netdev.h). Runs under
 * RTNL from the notifier chain and takes dcx_cfg_mutex like every table
 * writer; the live and the staging configuration of every instance of the
 * device's netns follow it alike, so a transaction committed after its
 * device went is as right as the live one. The removed bindings are freed
 * after a grace period (core/bind.c).
 */
#include <linux/netdevice.h>
#include "instance.h"
#include "netdev.h"

/* What happened to one device, for each configuration of its netns. */
struct dcx_netdev_ev {
	const struct net_device *dev;
	bool up;	/* its name is (now) dev->name */
	bool gone;	/* ifindex no longer carries the old name */
	bool unreg;	/* the ifindex itself is gone */
};

static void dcx_netdev_cfg(struct dcx_config *cfg,
			   const struct dcx_netdev_ev *ev)
{
	struct dcx_tables *t = dcx_config_tables(cfg);
	int ifindex = ev->dev->ifindex;
	struct dcx_space *s;

	if (ev->gone)
		dcx_bind_dev_gone(t, ifindex, &dcx_cfg_mutex);
	/* -ENOMEM: those bindings keep waiting, as space show says. */
	if (ev->up)
		dcx_bind_dev_up(t, ev->dev->name, ifindex, &dcx_cfg_mutex);
	/* The proxy NDP uplink follows its name the same way. */
	if (ev->gone && cfg->ndp_proxy_ifindex == ifindex)
		WRITE_ONCE(cfg->ndp_proxy_ifindex, 0);
	if (ev->up && !strcmp(cfg->ndp_proxy, ev->dev->name))
		WRITE_ONCE(cfg->ndp_proxy_ifindex, ifindex);
	if (!ev->unreg)
		return;
	/* Its packets are dropped, never routed in the main table. */
	list_for_each_entry(s, &t->spaces, list)
		if (s->vrf_ifindex == ifindex)
			WRITE_ONCE(s->vrf_ifindex, -1);
}

static void dcx_netdev_change(const struct dcx_netdev_ev *ev)
{
	struct dcx_instance *inst;

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(dev_net(ev->dev))->instances,
			    list) {
		dcx_netdev_cfg(rcu_dereference_protected(inst->cfg,
				lockdep_is_held(&dcx_cfg_mutex)), ev);
		if (inst->staging)
			dcx_netdev_cfg(inst->staging, ev);
	}
	mutex_unlock(&dcx_cfg_mutex);
}

static int dcx_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct dcx_netdev_ev ev = {
		.dev = netdev_notifier_info_to_dev(ptr),
	};

	switch (event) {
	case NETDEV_REGISTER:
		ev.up = true;
		break;
	case NETDEV_CHANGENAME:
		ev.gone = ev.up = true;
		break;
	case NETDEV_UNREGISTER:
		ev.gone = ev.unreg = true;
		break;
	default:
		return NOTIFY_DONE;
	}
	dcx_netdev_change(&ev);
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
