/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names as the user types them: instances, spaces, devices, netns. Pure;
 * each check returns 0, or -1 with a message in err.
 */
#ifndef DCXLAT_USR_NAME_H
#define DCXLAT_USR_NAME_H

#include <stdbool.h>
#include <stddef.h>

/* The instance used when the user names none. */
#define DCX_DEFAULT_INSTANCE "default"

/*
 * Instance names: 1..DCXLAT_NAME_MAX-1 bytes of ASCII 0x21..0x7e, the rule
 * the kernel enforces. Returns 0, or -1 with a message in err.
 */
int dcx_name_check(const char *s, char *err, size_t errlen);

/* Space names follow the instance rule; messages say "space name". */
int dcx_space_name_check(const char *s, char *err, size_t errlen);

/* Device names: 1..15 bytes, no '/', ':' or blanks. */
#define DCX_IFNAMSIZ 16
bool dcx_dev_name_ok(const char *s);

/* Names under /run/netns: non-empty, no '/', not "." or "..". */
int dcx_netns_name_check(const char *s, char *err, size_t errlen);

#endif /* DCXLAT_USR_NAME_H */
