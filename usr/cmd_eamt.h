/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "dcxlat eamt add|del|show|flush" of one space: one entry, or a bulk
 * file in batches; and the batch sender and dump the whole-configuration
 * commands (cmd_apply.c) use.
 */
#ifndef DCXLAT_USR_CMD_EAMT_H
#define DCXLAT_USR_CMD_EAMT_H

#include <stdint.h>
#include "cli.h"
#include "eam.h"
#include "nl.h"

dcx_parse_fn dcx_eamt_parse;
dcx_run_fn dcx_eamt_add;
dcx_run_fn dcx_eamt_del;
dcx_run_fn dcx_eamt_flush;
dcx_run_fn dcx_eamt_show;

/*
 * Send v[0..n) (cmd EAMT_ADD/DEL; which: 4, 6 or 46) in messages of up to
 * DCX_EAM_BATCH bytes. On error *failed is the entry the kernel refused
 * (or the first of its message) and *sent the number of entries of the
 * earlier messages, which were applied.
 */
int dcx_eamt_send(struct dcx_nl *nl, uint8_t cmd, const char *inst,
		  const char *space, const struct dcx_ueam *v, size_t n,
		  int which, size_t *failed, size_t *sent, struct dcx_err *e);
/* Dump a space's entries into vec; *intr: a change interrupted it. */
int dcx_eamt_dump(struct dcx_nl *nl, const char *inst, const char *space,
		  struct dcx_eam_vec *vec, bool *intr, struct dcx_err *e);

#endif /* DCXLAT_USR_CMD_EAMT_H */
