/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command line: dcxlat [OPTIONS] OBJECT [COMMAND [ARGS]]. Pure: turns argv
 * into a struct dcx_args or a usage message, touches nothing else.
 */
#ifndef DCXLAT_USR_ARGS_H
#define DCXLAT_USR_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include "prefix.h"

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
};

void dcx_args_init(struct dcx_args *a);

/*
 * Returns DCX_EXIT_OK, or DCX_EXIT_USAGE with a message in err that says
 * what to fix. The strings in a point into argv.
 */
int dcx_args_parse(struct dcx_args *a, int argc, char *const argv[],
		   char *err, size_t errlen);

/* "instance", "pool6", ... for messages. */
const char *dcx_obj_name(enum dcx_obj obj);

#endif /* DCXLAT_USR_ARGS_H */
