/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat instance add|del|show", and the instance requests the other
 * commands use (pool6, stats, apply): a change by command, one
 * instance's reply.
 */
#ifndef DCXLAT_USR_CMD_INSTANCE_H
#define DCXLAT_USR_CMD_INSTANCE_H

#include <stdint.h>
#include "cli.h"
#include "format.h"
#include "nl.h"

dcx_parse_fn dcx_instance_parse;
dcx_run_fn dcx_instance_add;
dcx_run_fn dcx_instance_del;
dcx_run_fn dcx_instance_show;

/* INSTANCE_ADD/DEL, POOL6_SET (pool6 != NULL)/FLUSH, STATS_RESET. */
int dcx_instance_change(struct dcx_nl *nl, uint8_t cmd, const char *name,
			const struct dcx_uprefix *pool6, struct dcx_err *e);
/* INSTANCE_GET or POOL6_GET of one instance. */
int dcx_instance_get(struct dcx_nl *nl, uint8_t cmd, const char *name,
		     struct dcx_inst_info *out, struct dcx_err *e);

#endif /* DCXLAT_USR_CMD_INSTANCE_H */
