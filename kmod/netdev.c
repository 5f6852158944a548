// SPDX-License-Identifier: GPL-2.0
/*
 * Network devices appearing, going and renamed (see netdev.h). Runs under
 * RTNL from the notifier chain and takes dcx_cfg_mutex like every table
 * writer; the live and the staging configuration of every instance of the
 * device's netns follow it alike, so a transaction committed after its
 * device went is as right as the live one. The removed bindings are freed
 * after a grace period (core/bind.c). Each binding of a live configuration
 * that starts or stops waiting is notified (BIND_DEV, nl_msg.c), and so
 * is each space whose VRF does (VRF_DEV) and the ndp-proxy uplink
 * (NDP_DEV); staging ones change silently, their commit is notified.
 */
#include <linux/netdevice.h>
#include <net/l3mdev.h>
#include "instance.h"
#include "nl_msg.h"
#include "netdev.h"

/* What happened to one device, for each configuration of its netns. */
struct dcx_netdev_ev {
	const struct net_device *dev;
	bool up;	/* its name is (now) dev->name */
	bool gone;	/* ifindex no longer carries the old name */
	bool unreg;	/* the ifindex itself is gone */
};

/* A BIND_DEV notification: the bindings of one instance on one device. */
struct dcx_netdev_ntf {
	const struct dcx_instance *inst;
	const struct net_device *dev;
	int now;			/* their ifindex now, 0: waiting */
	const struct dcx_space *s;	/* the binding's space ... */
	const char *name;		/* ... and the binding */
	__be32 v4;
	u8 len4;
};

static int dcx_netdev_ntf_fill(struct sk_buff *skb, struct dcx_req *r,
			       void *arg)
{
	const struct dcx_netdev_ntf *n = arg;

	if (nla_put_string(skb, DCXLAT_A_SPACE, n->s->name))
		return -EMSGSIZE;
	return dcx_nl_put_bind(skb, DCXLAT_A_BIND, n->name, n->now, n->v4,
			       n->len4);
}

static int dcx_netdev_ntf_bind(void *ctx, const char *dev, int ifindex,
			       __be32 v4, u8 len4)
{
	struct dcx_netdev_ntf *n = ctx;

	if (ifindex != n->dev->ifindex)
		return 0;
	n->name = dev;
	n->v4 = v4;
	n->len4 = len4;
	dcx_nl_notify_net(dev_net(n->dev), n->inst->name, DCXLAT_CMD_BIND_DEV,
			  dcx_netdev_ntf_fill, n);
	return 0;
}

/*
 * Notify, one message each, the bindings of the live tables t of inst
 * that are on the device: before it goes they are about to wait
 * (up false), after it came they are active (only those whose
 * activation did not fail).
 */
static void dcx_netdev_notify(const struct dcx_instance *inst,
			      const struct dcx_tables *t,
			      const struct net_device *dev, bool up)
{
	struct dcx_netdev_ntf n = {
		.inst = inst,
		.dev = dev,
		.now = up ? dev->ifindex : 0,
	};
	const struct dcx_space *s;

	list_for_each_entry(s, &t->spaces, list) {
		n.s = s;
		dcx_bind_walk(s, dcx_netdev_ntf_bind, &n);
	}
}

/* VRF_DEV: one space whose VRF came or went (core/space.h). */
static int dcx_netdev_vrf_fill(struct sk_buff *skb, struct dcx_req *r,
			       void *arg)
{
	const struct dcx_space *s = arg;
	struct nlattr *nest = nla_nest_start(skb, DCXLAT_A_SPACE_CFG);

	if (!nest || nla_put_string(skb, DCXLAT_SPACE_NAME, s->name) ||
	    dcx_nl_put_vrf(skb, s->vrf_name, s->vrf_ifindex, s->table))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The instance of a live configuration, and the event. */
struct dcx_netdev_live {
	const struct dcx_instance *inst;
	const struct dcx_netdev_ev *ev;
};

static void dcx_netdev_vrf_ntf(void *ctx, const struct dcx_space *s)
{
	const struct dcx_netdev_live *l = ctx;

	dcx_nl_notify_net(dev_net(l->ev->dev), l->inst->name,
			  DCXLAT_CMD_VRF_DEV, dcx_netdev_vrf_fill, (void *)s);
}

/* NDP_DEV: SETTINGS with NDP_PROXY, and NDP_WAITING when it is gone. */
static int dcx_netdev_ndp_fill(struct sk_buff *skb, struct dcx_req *r,
			       void *arg)
{
	const struct dcx_config *cfg = arg;
	struct nlattr *nest = nla_nest_start(skb, DCXLAT_A_SETTINGS);

	if (!nest || nla_put_string(skb, DCXLAT_SET_NDP_PROXY, cfg->ndp_proxy))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	if (!cfg->ndp_proxy_ifindex &&
	    nla_put_flag(skb, DCXLAT_A_NDP_WAITING))
		return -EMSGSIZE;
	return 0;
}

/* The spaces of t routed through a VRF follow it by name. */
static void dcx_netdev_vrf(struct dcx_tables *t,
			   const struct dcx_netdev_ev *ev,
			   const struct dcx_instance *live)
{
	struct dcx_netdev_live l = { live, ev };
	const struct net_device *dev = ev->dev;
	dcx_space_vrf_cb cb = live ? dcx_netdev_vrf_ntf : NULL;

	/* Renamed: those that name it by its new name keep it. */
	if (ev->gone)
		dcx_space_vrf_gone(t, dev->ifindex, ev->unreg ? NULL :
				   dev->name, cb, &l,
				   &dcx_cfg_mutex);
	/*
	 * A VRF registers with its table and flag set; its FIB rules come
	 * right after, but it is down until then: no packet is routed by
	 * the main table in between (ip_route_output_key: -ENETUNREACH).
	 */
	if (ev->up && netif_is_l3_master(dev))
		dcx_space_vrf_up(t, dev->name, dev->ifindex,
				 l3mdev_fib_table(dev), cb, &l,
				 &dcx_cfg_mutex);
}

/* The proxy NDP uplink follows its name the same way. */
static void dcx_netdev_ndp(struct dcx_config *cfg,
			   const struct dcx_netdev_ev *ev,
			   const struct dcx_instance *live)
{
	int ifindex = ev->dev->ifindex, was = cfg->ndp_proxy_ifindex;

	if (ev->gone && cfg->ndp_proxy_ifindex == ifindex)
		WRITE_ONCE(cfg->ndp_proxy_ifindex, 0);
	if (ev->up && *cfg->ndp_proxy && !strcmp(cfg->ndp_proxy, ev->dev->name))
		WRITE_ONCE(cfg->ndp_proxy_ifindex, ifindex);
	if (live && was != cfg->ndp_proxy_ifindex)
		dcx_nl_notify_net(dev_net(ev->dev), live->name,
				  DCXLAT_CMD_NDP_DEV,
				  dcx_netdev_ndp_fill, cfg);
}

/* live: the instance whose live configuration cfg is, else NULL. */
static void dcx_netdev_cfg(struct dcx_config *cfg,
			   const struct dcx_netdev_ev *ev,
			   const struct dcx_instance *live)
{
	struct dcx_tables *t = dcx_config_tables(cfg);
	int ifindex = ev->dev->ifindex;

	if (ev->gone && live)
		dcx_netdev_notify(live, t, ev->dev, false);
	if (ev->gone)
		dcx_bind_dev_gone(t, ifindex, &dcx_cfg_mutex);
	/* -ENOMEM: those bindings keep waiting, as space show says. */
	if (ev->up)
		dcx_bind_dev_up(t, ev->dev->name, ifindex, &dcx_cfg_mutex);
	if (ev->up && live)
		dcx_netdev_notify(live, t, ev->dev, true);
	dcx_netdev_ndp(cfg, ev, live);
	dcx_netdev_vrf(t, ev, live);
}

static void dcx_netdev_change(const struct dcx_netdev_ev *ev)
{
	struct dcx_instance *inst;

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(dev_net(ev->dev))->instances,
			    list) {
		dcx_netdev_cfg(rcu_dereference_protected(inst->cfg,
				lockdep_is_held(&dcx_cfg_mutex)), ev, inst);
		if (inst->staging)
			dcx_netdev_cfg(inst->staging, ev, NULL);
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
