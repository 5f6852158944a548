/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What one dcxlat command line asks for: the object, the verb and every
 * argument, as args.c fills it and the commands (cmd_*.c) read it; the
 * signatures of a command's parse and run. Types only; the exit codes of
 * the CLI.
 */
#ifndef DCXLAT_USR_CLI_H
#define DCXLAT_USR_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include "prefix.h"
#include "eam.h"
#include "settings.h"
#include "space.h"

/* Exit codes of the CLI. */
#define DCX_EXIT_OK		0
#define DCX_EXIT_RUNTIME	1	/* the kernel or the system refused */
#define DCX_EXIT_USAGE		2	/* the command line is wrong */

enum dcx_obj {
	DCX_OBJ_NONE,		/* top level (help, version) */
	DCX_OBJ_INSTANCE,
	DCX_OBJ_POOL6,
	DCX_OBJ_STATS,
	DCX_OBJ_MONITOR,
	DCX_OBJ_EAMT,
	DCX_OBJ_GLOBAL,
	DCX_OBJ_SPACE,
	DCX_OBJ_APPLY,		/* dcxlat apply FILE */
	DCX_OBJ_CONFIG,		/* dcxlat show: the whole configuration */
	DCX_OBJ_DIFF,		/* dcxlat diff FILE */
	DCX_OBJ_HEALTH,		/* dcxlat health */
	DCX_OBJ_COUNT
};

enum dcx_verb {
	DCX_CMD_HELP,		/* print help of obj */
	DCX_CMD_VERSION,
	DCX_CMD_ADD,
	DCX_CMD_DEL,
	DCX_CMD_SHOW,
	DCX_CMD_SET,
	DCX_CMD_FLUSH,
	DCX_CMD_RESET,
	DCX_CMD_LISTEN,		/* monitor */
	DCX_CMD_BIND,
	DCX_CMD_UNBIND,
	DCX_CMD_APPLY,
	DCX_CMD_DIFF,
	DCX_CMD_CHECK,		/* health */
};

struct dcx_args {
	/* Options. */
	bool json;
	bool pretty;
	bool verbose;		/* -v, --verbose, --explain */
	const char *netns;	/* -n: enter /run/netns/NETNS first */
	const char *instance;	/* -i, or NULL */
	/* Set by the caller before parsing: leave checks to the kernel. */
	bool skip_checks;

	/* What to do. */
	enum dcx_obj obj;
	enum dcx_verb cmd;
	const char *name;	/* the instance acted on, NULL for a dump */
	struct dcx_uprefix prefix;	/* pool6 set */

	/* eamt, global, space, apply */
	const char *space;	/* "space NAME", or the space object's NAME */
	int eam_which;		/* eamt add: 46; eamt del: 4 or 6 */
	struct dcx_ueam eam;	/* eamt add/del of one entry */
	bool bulk;		/* eamt add - | --file F */
	const char *file;	/* --file F ("-" = stdin); apply FILE */
	bool check;		/* apply --check: stage, then abort */
	struct dcx_settings set;	/* global set */
	struct dcx_uspace sp;	/* space add/set (no lists) */
	unsigned int sp_mask;	/* DCX_SP_* given to space add/set */
	struct dcx_ubind bind;	/* space bind/unbind (dev name, prefix4) */

	/* show --digest; health --expect FILE --traffic SECONDS */
	bool digest;
	const char *expect;
	const char *traffic;
};

/*
 * A run that answers "no" without an error (diff: the configurations
 * differ; health: not healthy) returns this: exit status 1, no message.
 */
#define DCX_RUN_NO	1

/* Maximum words (OBJECT COMMAND ARGS...) on a command line. */
#define DCX_MAX_WORDS 40

/* The two halves of a command, as the command table (cmd.h) holds them. */
struct dcx_nl;
struct dcx_err;

/*
 * The words after OBJECT COMMAND (after OBJECT for apply and show) into
 * a; ctx ("eamt add") starts every message. 0, or -1 with err.
 */
typedef int dcx_parse_fn(struct dcx_args *a, int n, const char **w,
			 const char *ctx, char *err, size_t errlen);
/*
 * Do it. 0, or a negative errno with e filled; *usage is set when the
 * input (a file) was wrong and nothing was sent.
 */
typedef int dcx_run_fn(const struct dcx_args *a, struct dcx_nl *nl,
		       bool *usage, struct dcx_err *e);

#endif /* DCXLAT_USR_CLI_H */
