/* SPDX-License-Identifier: GPL-2.0 */
/* eamt, global, space, apply and show over the socket (cmd_cfg.c). */
#ifndef DCXLAT_USR_CMD_CFG_H
#define DCXLAT_USR_CMD_CFG_H

#include "args.h"
#include "nl.h"

/*
 * Run a->obj/a->cmd. Returns 0, or a negative errno with e filled;
 * *usage is set when the input (a file) was wrong and nothing was sent.
 */
int dcx_cmd_cfg(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		struct dcx_err *e);

#endif /* DCXLAT_USR_CMD_CFG_H */
