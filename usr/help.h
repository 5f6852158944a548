/* SPDX-License-Identifier: GPL-2.0 */
/* Help and version texts, printed by main.c without touching the kernel. */
#ifndef DCXLAT_USR_HELP_H
#define DCXLAT_USR_HELP_H

#include <stdio.h>
#include "cli.h"

/* Help of one object, or the overview for DCX_OBJ_NONE. */
void dcx_help(FILE *out, enum dcx_obj obj);
void dcx_version(FILE *out);

#endif /* DCXLAT_USR_HELP_H */
