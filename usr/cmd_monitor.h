/* SPDX-License-Identifier: GPL-2.0 */
/* "dcxlat monitor": print configuration changes as they happen. */
#ifndef DCXLAT_USR_CMD_MONITOR_H
#define DCXLAT_USR_CMD_MONITOR_H

#include "cli.h"

dcx_parse_fn dcx_monitor_parse;
dcx_run_fn dcx_monitor_run;

#endif /* DCXLAT_USR_CMD_MONITOR_H */
