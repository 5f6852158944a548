/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat health [--expect FILE] [--traffic SECONDS]": is this instance
 * fit to carry traffic? The checks: the module answers, the instance
 * exists, (--expect) its configuration's digest is the one FILE gives,
 * (--traffic) its translation counters grow within SECONDS. Exit 0
 * healthy, 1 not; -j gives every check with its details. Meant for the
 * routing daemon's health loop (dist/bird/, docs/fleet.md).
 */
#ifndef DCXLAT_USR_CMD_HEALTH_H
#define DCXLAT_USR_CMD_HEALTH_H

#include "cli.h"

dcx_parse_fn dcx_health_parse;
dcx_run_fn dcx_health_run;

#endif /* DCXLAT_USR_CMD_HEALTH_H */
