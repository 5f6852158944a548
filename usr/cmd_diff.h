/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat diff FILE": what "dcxlat apply FILE" would change in the
 * running instance, without changing anything. Exit status like diff(1):
 * 0 the same, 1 different, 2 trouble (a bad file, no module...).
 */
#ifndef DCXLAT_USR_CMD_DIFF_H
#define DCXLAT_USR_CMD_DIFF_H

#include "cli.h"
#include "config.h"
#include "nl.h"

dcx_run_fn dcx_diff_run;

/*
 * The running configuration of inst against want: the changes (a new
 * array) into *changes; *exists says whether the instance exists (when
 * not, the changes are against a new instance's defaults). 0 or error.
 */
/* The changes from cur to want (a new array into *changes). 0 or -ENOMEM. */
int dcx_diff_configs(const struct dcx_uconfig *cur,
		     const struct dcx_uconfig *want, json_object **changes,
		     struct dcx_err *e);
int dcx_diff_running(struct dcx_nl *nl, const char *inst,
		     const struct dcx_uconfig *want, json_object **changes,
		     bool *exists, struct dcx_err *e);

#endif /* DCXLAT_USR_CMD_DIFF_H */
