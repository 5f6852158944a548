/* SPDX-License-Identifier: GPL-2.0 */
/* "dcxlat stats show|reset": the counters of an instance. */
#ifndef DCXLAT_USR_CMD_STATS_H
#define DCXLAT_USR_CMD_STATS_H

#include "cli.h"

dcx_parse_fn dcx_stats_parse;
dcx_run_fn dcx_stats_show;
dcx_run_fn dcx_stats_reset;

#endif /* DCXLAT_USR_CMD_STATS_H */
