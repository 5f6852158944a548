// SPDX-License-Identifier: GPL-2.0
/*
 * A whole configuration in memory (see config.h): its start state (every
 * setting at its default, the default space named) and its memory.
 */
#include <stdlib.h>
#include <string.h>
#include "config.h"

void dcx_config_init(struct dcx_uconfig *c)
{
	memset(c, 0, sizeof(*c));
	dcx_settings_defaults(&c->settings);
	snprintf(c->def.name, sizeof(c->def.name), "default");
}

void dcx_config_free(struct dcx_uconfig *c)
{
	size_t i;

	dcx_space_free(&c->def);
	for (i = 0; i < c->nspaces; i++)
		dcx_space_free(&c->spaces[i]);
	free(c->spaces);
	c->spaces = NULL;
	c->nspaces = 0;
}
