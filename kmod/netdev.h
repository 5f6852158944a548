/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network devices going away (netdev.c): a netdevice notifier that drops
 * the interface bindings of a vanished device in every instance of its
 * netns and marks the spaces routed through it (a VRF) as having lost
 * their domain, so their packets are dropped, never routed in the main
 * table.
 */
#ifndef DCX_NETDEV_H
#define DCX_NETDEV_H

/* Module init/exit: register and unregister the notifier. */
int dcx_netdev_init(void);
void dcx_netdev_exit(void);

#endif /* DCX_NETDEV_H */
