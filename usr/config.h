/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A whole instance configuration as "dcxlat show" prints it and "dcxlat
 * apply" reads it (JSON): settings, pool6, the default space's EAM
 * entries and bindings, and the other spaces. This module owns the struct
 * and its memory; config_parse reads it, config_check validates it,
 * config_print writes it. Pure.
 *
 * {
 *   "instance": "default",
 *   "settings": { "rfc6791v4": "192.0.0.8/32", ..., "ndp-proxy": null },
 *   "pool6": "64:ff9b::/96",                  (or null)
 *   "eamt": [ "192.0.2.0/24 2001:db8:aaaa::/120", ... ],
 *   "bindings": [ { "dev": "eth0", "prefix4": "10.0.0.0/8" } ],
 *   "spaces": [
 *     { "name": "a", "id": 1, "prefix": null, "table": 0, "vrf": null,
 *       "bindings": [ ... ], "eamt": [ ... ] }
 *   ]
 * }
 * Only "instance"... are optional; missing settings take their defaults,
 * missing lists are empty. Unknown keys are errors.
 */
#ifndef DCXLAT_USR_CONFIG_H
#define DCXLAT_USR_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "uapi/dcxlat.h"
#include "settings.h"
#include "space.h"

struct dcx_uconfig {
	char instance[DCXLAT_NAME_MAX];	/* "" = not in the file */
	struct dcx_settings settings;
	bool has_pool6;
	struct dcx_uprefix pool6;
	struct dcx_uspace def;		/* the default space: eamt, bindings */
	struct dcx_uspace *spaces;	/* the others */
	size_t nspaces;
};

/* Defaults everywhere, no spaces; dcx_config_free releases it. */
void dcx_config_init(struct dcx_uconfig *c);
void dcx_config_free(struct dcx_uconfig *c);

#endif /* DCXLAT_USR_CONFIG_H */
