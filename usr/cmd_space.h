/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat space add|del|show|set|bind|unbind": address spaces and their
 * interface bindings; and the space dump and device lookup the
 * whole-configuration commands use.
 */
#ifndef DCXLAT_USR_CMD_SPACE_H
#define DCXLAT_USR_CMD_SPACE_H

#include "cli.h"
#include "nl.h"
#include "space.h"

dcx_parse_fn dcx_space_parse;
dcx_run_fn dcx_space_add;
dcx_run_fn dcx_space_set;
dcx_run_fn dcx_space_del;
dcx_run_fn dcx_space_bind;
dcx_run_fn dcx_space_unbind;
dcx_run_fn dcx_space_show;

struct dcx_space_list {
	struct dcx_uspace *v;
	size_t n;
	int err;
};

/* One space (name) or all of them (name NULL), devices named. */
int dcx_space_list_get(struct dcx_nl *nl, const char *inst, const char *name,
		       struct dcx_space_list *l, bool *intr,
		       struct dcx_err *e);
void dcx_space_list_free(struct dcx_space_list *l);

#endif /* DCXLAT_USR_CMD_SPACE_H */
