/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command line: dcxlat [OPTIONS] OBJECT [COMMAND [ARGS]]. Pure: turns argv
 * into a struct dcx_args (cli.h) or a usage message, touches nothing
 * else. The words of each command are its parser's (cmd.h).
 */
#ifndef DCXLAT_USR_ARGS_H
#define DCXLAT_USR_ARGS_H

#include <stddef.h>
#include "cli.h"

void dcx_args_init(struct dcx_args *a);

/*
 * Returns DCX_EXIT_OK, or DCX_EXIT_USAGE with a message in err that says
 * what to fix. The strings in a point into argv.
 */
int dcx_args_parse(struct dcx_args *a, int argc, char *const argv[],
		   char *err, size_t errlen);

#endif /* DCXLAT_USR_ARGS_H */
