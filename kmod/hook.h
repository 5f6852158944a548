/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DCX_HOOK_H
#define DCX_HOOK_H

#include <net/net_namespace.h>

/* Register/unregister the PREROUTING hooks of one netns. */
int dcx_hooks_register(struct net *net);
void dcx_hooks_unregister(struct net *net);

#endif /* DCX_HOOK_H */
