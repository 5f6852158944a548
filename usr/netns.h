/* SPDX-License-Identifier: GPL-2.0 */
/* -n NETNS: act in a named network namespace, as "ip -n" does. */
#ifndef DCXLAT_USR_NETNS_H
#define DCXLAT_USR_NETNS_H

#include <stddef.h>

#define DCX_NETNS_RUN_DIR "/run/netns"

/* Enter DCX_NETNS_RUN_DIR/name. Returns 0, or -1 with a message in err. */
int dcx_netns_enter(const char *name, char *err, size_t errlen);

#endif /* DCXLAT_USR_NETNS_H */
