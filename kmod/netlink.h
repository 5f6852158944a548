/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family "dcxlat" (netlink.c), the only way to
 * configure the module. The protocol: uapi/dcxlat.h and
 * Documentation/netlink/specs/dcxlat.yaml.
 */
#ifndef DCX_NETLINK_H
#define DCX_NETLINK_H

/* Called by module init after the pernet ops are registered. */
int dcx_genl_register(void);
/* Called by module exit before the pernet ops go away. */
void dcx_genl_unregister(void);

#endif /* DCX_NETLINK_H */
