/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PREROUTING hooks (hook.c). They read the netns's instance list
 * (instance.h) under RCU; netns.c registers them for a netns while it
 * has at least one instance.
 */
#ifndef DCX_HOOK_H
#define DCX_HOOK_H

#include <net/net_namespace.h>

int dcx_hooks_register(struct net *net);
void dcx_hooks_unregister(struct net *net);

#endif /* DCX_HOOK_H */
