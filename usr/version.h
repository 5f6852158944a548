/* SPDX-License-Identifier: GPL-2.0 */
/* The CLI's release, printed by "dcxlat version" (help.c). */
#ifndef DCXLAT_USR_VERSION_H
#define DCXLAT_USR_VERSION_H

#define DCXLAT_CLI_VERSION "0.1.0"

#endif /* DCXLAT_USR_VERSION_H */
