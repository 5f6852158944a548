/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat apply FILE" and "dcxlat show": whole configurations (config.h)
 * in and out of the kernel. apply drives the transaction.
 */
#ifndef DCXLAT_USR_CMD_APPLY_H
#define DCXLAT_USR_CMD_APPLY_H

#include "cli.h"
#include "config.h"
#include "nl.h"

dcx_parse_fn dcx_apply_parse;
dcx_run_fn dcx_apply_run;
dcx_parse_fn dcx_show_parse;
dcx_run_fn dcx_show_run;

/*
 * FILE ("-" = stdin) into c (initialised here; free it in any case): 0,
 * or -EINVAL with *usage set (an invalid file), or the read error.
 */
int dcx_config_load(const char *file, struct dcx_uconfig *c, bool *usage,
		    struct dcx_err *e);
/* The instance a file acts on: -i, the file's "instance", the default. */
const char *dcx_config_target(const struct dcx_args *a,
			      const struct dcx_uconfig *c);
/* The running configuration of inst into c (initialised; free it). */
int dcx_config_running(struct dcx_nl *nl, const char *inst,
		       struct dcx_uconfig *c, struct dcx_err *e);

#endif /* DCXLAT_USR_CMD_APPLY_H */
