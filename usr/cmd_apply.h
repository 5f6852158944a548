/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat apply FILE" and "dcxlat show": whole configurations (config.h)
 * in and out of the kernel. apply drives the transaction.
 */
#ifndef DCXLAT_USR_CMD_APPLY_H
#define DCXLAT_USR_CMD_APPLY_H

#include "cli.h"

dcx_parse_fn dcx_apply_parse;
dcx_run_fn dcx_apply_run;
dcx_parse_fn dcx_show_parse;
dcx_run_fn dcx_show_run;

#endif /* DCXLAT_USR_CMD_APPLY_H */
