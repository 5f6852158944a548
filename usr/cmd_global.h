/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat global show|set": the settings of an instance, and the two
 * requests the whole-configuration commands use.
 */
#ifndef DCXLAT_USR_CMD_GLOBAL_H
#define DCXLAT_USR_CMD_GLOBAL_H

#include "cli.h"
#include "nl.h"
#include "settings.h"

dcx_parse_fn dcx_global_parse;
dcx_run_fn dcx_global_show;
dcx_run_fn dcx_global_set;

/* SETTINGS_GET of inst into s (zeroed first). */
int dcx_global_get(struct dcx_nl *nl, const char *inst,
		   struct dcx_settings *s, struct dcx_err *e);
/* SETTINGS_SET of every present value of s. */
int dcx_global_put(struct dcx_nl *nl, const char *inst,
		   const struct dcx_settings *s, struct dcx_err *e);

#endif /* DCXLAT_USR_CMD_GLOBAL_H */
