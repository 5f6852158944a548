/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network devices appearing, going and renamed (netdev.c): a netdevice
 * notifier that, in every configuration (live and staging) of every
 * instance of the device's netns, makes the interface bindings naming the
 * device active or waiting, follows the proxy NDP uplink by name and marks
 * the spaces routed through a vanished VRF as having lost their domain, so
 * their packets are dropped, never routed in the main table. Bindings of
 * a live configuration that change state are notified (BIND_DEV).
 */
#ifndef DCX_NETDEV_H
#define DCX_NETDEV_H

/* Module init/exit: register and unregister the notifier. */
int dcx_netdev_init(void);
void dcx_netdev_exit(void);

#endif /* DCX_NETDEV_H */
