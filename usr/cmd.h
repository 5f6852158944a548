/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command table: every OBJECT and its words, and one row
 * {object, verb, parse, run} per command. args.c looks words up here and
 * calls the row's parse; main.c calls its run. The rows point into the
 * command files (cmd_<object>.c), which know nothing of this table.
 */
#ifndef DCXLAT_USR_CMD_H
#define DCXLAT_USR_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include "cli.h"

struct dcx_cmd {
	enum dcx_obj obj;
	enum dcx_verb verb;
	const char *word;	/* the COMMAND word; NULL: none (the default) */
	const char *alias;	/* "delete", "list", or NULL */
	dcx_parse_fn *parse;
	dcx_run_fn *run;
};

/* The row of obj/verb, or NULL (help, version). */
const struct dcx_cmd *dcx_cmd_find(enum dcx_obj obj, enum dcx_verb verb);

/* For messages: "instance, pool6, eamt, ..." */
#define DCX_OBJ_LIST "instance, pool6, eamt, space, global, stats, monitor, apply, show, diff, health"

/* OBJECT word to enum, or -1. */
int dcx_obj_lookup(const char *word);
/* "instance", "pool6", ... for messages; "dcxlat" for none. */
const char *dcx_obj_name(enum dcx_obj obj);
/* COMMAND word of obj to enum dcx_verb (with "help"), or -1. */
int dcx_verb_lookup(enum dcx_obj obj, const char *word);
/* obj's commands for messages ("add, del, show"). */
const char *dcx_obj_verbs(enum dcx_obj obj);
/* The verb of "dcxlat OBJECT" alone. */
enum dcx_verb dcx_obj_default(enum dcx_obj obj);
/* apply, show, diff, health: the word after OBJECT is an argument, not a command. */
bool dcx_obj_takes_args(enum dcx_obj obj);

#endif /* DCXLAT_USR_CMD_H */
