/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module in each network namespace (netns.c): the pernet data (struct
 * dcx_net, instance.h), adding and deleting instances, with the netfilter
 * hooks registered while a netns has at least one instance, and every
 * instance deleted when the netns goes away.
 */
#ifndef DCX_NETNS_H
#define DCX_NETNS_H

#include <linux/netlink.h>
#include <net/net_namespace.h>

/* Module init/exit: the pernet operations. */
int dcx_netns_init(void);
void dcx_netns_exit(void);

/*
 * Add the instance name to net (the first one registers the hooks), or
 * delete it (the last one unregisters them). Need dcx_cfg_mutex.
 */
int dcx_netns_instance_add(struct net *net, const char *name,
			   struct netlink_ext_ack *extack);
int dcx_netns_instance_del(struct net *net, const char *name,
			   struct netlink_ext_ack *extack);

#endif /* DCX_NETNS_H */
