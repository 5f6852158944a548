/* SPDX-License-Identifier: GPL-2.0 */
/* "dcxlat pool6 set|show|flush": the RFC 6052 prefix of an instance. */
#ifndef DCXLAT_USR_CMD_POOL6_H
#define DCXLAT_USR_CMD_POOL6_H

#include "cli.h"

dcx_parse_fn dcx_pool6_parse;
dcx_run_fn dcx_pool6_set;
dcx_run_fn dcx_pool6_show;
dcx_run_fn dcx_pool6_flush;

#endif /* DCXLAT_USR_CMD_POOL6_H */
