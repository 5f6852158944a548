/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network devices appearing, going and renamed (netdev.c): a netdevice
 * notifier that, in every configuration (live and staging) of every
 * instance of the device's netns, makes the interface bindings naming the
 * device active or waiting, and does the same for the spaces' VRFs (a
 * waiting space's packets are dropped, never routed in the main table) and
 * the proxy NDP uplink: one rule for every device name. Those of a live
 * configuration that change state are notified (BIND_DEV, VRF_DEV,
 * NDP_DEV).
 */
#ifndef DCX_NETDEV_H
#define DCX_NETDEV_H

/* Module init/exit: register and unregister the notifier. */
int dcx_netdev_init(void);
void dcx_netdev_exit(void);

#endif /* DCX_NETDEV_H */
