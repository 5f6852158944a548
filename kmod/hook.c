// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter PREROUTING hooks and the instance loop: every IPv4 and IPv6
 * packet of a netns that has instances is offered to its instances in
 * creation order; the first that owns it (dispatch.c) decides its fate.
 * Packets no instance owns go on untouched. Registration is per netns,
 * by netns.c, while the netns has instances.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>
#include "instance.h"
#include "dispatch.h"
#include "hook.h"

/*
 * Ahead of the defragmenters (-400) so fragments are translated one by one,
 * statelessly, and ahead of the raw-before-defrag tables.
 */
#define DCX_HOOK_PRIORITY	(NF_IP_PRI_CONNTRACK_DEFRAG - 60)

typedef int (*dcx_dispatch_fn)(struct net *net, struct dcx_instance *inst,
			       struct sk_buff *skb);

/* Instances are tried in creation order; the first that owns it wins. */
static __always_inline unsigned int dcx_hook(void *priv, struct sk_buff *skb,
					     const struct nf_hook_state *state,
					     dcx_dispatch_fn dispatch)
{
	/* The netns's own state (dcx_hooks_register()): no net_generic(). */
	struct dcx_net *dn = priv;
	struct dcx_instance *inst;
	int verdict;

	/*
	 * A VRF runs PREROUTING again, with its own device as state->in,
	 * for what its slave's pass accepted (vrf_ip_rcv, vrf_ip6_rcv):
	 * that packet was decided, and counted, on the slave already.
	 */
	if (unlikely(state->in && netif_is_l3_master(state->in)))
		return NF_ACCEPT;
	list_for_each_entry_rcu(inst, &dn->instances, list) {
		verdict = dispatch(state->net, inst, skb);
		if (verdict != DCX_NEXT)
			return verdict;
	}
	return NF_ACCEPT;
}

static unsigned int dcx_hook4(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	return dcx_hook(priv, skb, state, dcx_dispatch46);
}

static unsigned int dcx_hook6(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	return dcx_hook(priv, skb, state, dcx_dispatch64);
}

static const struct nf_hook_ops dcx_hook_ops[] = {
	{
		.hook = dcx_hook4,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = DCX_HOOK_PRIORITY,
	},
	{
		.hook = dcx_hook6,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = DCX_HOOK_PRIORITY,
	},
};

/*
 * Each netns registers its own copy of the ops, whose priv is its struct
 * dcx_net: the hooks find the instance list without a net_generic()
 * lookup (an RCU read-side call pair on preemptible kernels) per packet.
 */
int dcx_hooks_register(struct net *net)
{
	struct dcx_net *dn = dcx_net(net);
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(dn->hook_ops) != ARRAY_SIZE(dcx_hook_ops));
	for (i = 0; i < ARRAY_SIZE(dcx_hook_ops); i++) {
		dn->hook_ops[i] = dcx_hook_ops[i];
		dn->hook_ops[i].priv = dn;
	}
	return nf_register_net_hooks(net, dn->hook_ops,
				     ARRAY_SIZE(dn->hook_ops));
}

void dcx_hooks_unregister(struct net *net)
{
	struct dcx_net *dn = dcx_net(net);

	nf_unregister_net_hooks(net, dn->hook_ops, ARRAY_SIZE(dn->hook_ops));
}
