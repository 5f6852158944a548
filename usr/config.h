/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A whole instance configuration as "dcxlat show" prints it and "dcxlat
 * apply" reads it (JSON), and the address spaces the space commands show.
 * Pure (json-c only): parsing validates everything the kernel would
 * refuse, so that a file with one bad entry applies nothing, and every
 * error names the field ("spaces[1].eamt[17]: ...").
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
#include <stdint.h>
#include <json-c/json.h>
#include "uapi/dcxlat.h"
#include "eam.h"
#include "settings.h"
#include "format.h"

#define DCX_IFNAMSIZ 16

struct dcx_ubind {
	char dev[DCX_IFNAMSIZ];
	int ifindex;		/* resolved before sending; from replies */
	bool has_p4;
	struct dcx_uprefix4 p4;
};

struct dcx_uspace {
	char name[DCXLAT_NAME_MAX];
	uint32_t id;
	bool has_prefix;
	struct dcx_uprefix prefix;
	uint32_t table;
	char vrf[DCX_IFNAMSIZ];	/* "" = none */
	int vrf_ifindex;
	struct dcx_ubind *binds;
	size_t nbinds;
	struct dcx_eam_vec eamt;
	/* Replies only. */
	bool has_eam_count;
	uint32_t eam_count;
	bool has_stats;
	struct dcx_stats_info *stats;
};

struct dcx_uconfig {
	char instance[DCXLAT_NAME_MAX];	/* "" = not in the file */
	struct dcx_settings settings;
	bool has_pool6;
	struct dcx_uprefix pool6;
	struct dcx_uspace def;		/* the default space: eamt, bindings */
	struct dcx_uspace *spaces;	/* the others */
	size_t nspaces;
};

void dcx_config_init(struct dcx_uconfig *c);
void dcx_config_free(struct dcx_uconfig *c);
void dcx_space_free(struct dcx_uspace *s);

/*
 * Parse JSON text (a whole file; name for messages) into c and validate
 * it. Syntax errors give the line and column. 0, or -1 with err.
 */
int dcx_config_parse(const char *text, size_t len, const char *name,
		     struct dcx_uconfig *c, char *err, size_t errlen);
/* The same from a parsed tree. */
int dcx_config_from_json(json_object *root, struct dcx_uconfig *c,
			 char *err, size_t errlen);
/* Cross checks: names, IDs, prefixes and EAM overlaps. */
int dcx_config_validate(const struct dcx_uconfig *c, char *err,
			size_t errlen);
json_object *dcx_config_to_json(const struct dcx_uconfig *c);

/* Field path of EAM entry i of space s (NULL: default): "eamt[i]". */
char *dcx_config_eam_path(const struct dcx_uspace *s, size_t i, char *buf,
			  size_t len);

/* Space objects as "space show" prints them. */
json_object *dcx_space_json(const struct dcx_uspace *s, bool with_eamt);
void dcx_space_text(FILE *out, const struct dcx_uspace *s);
int dcx_bind_push(struct dcx_uspace *s, const struct dcx_ubind *b);

/* Space names follow the instance name rules. */
int dcx_space_name_check(const char *s, char *err, size_t errlen);

#endif /* DCXLAT_USR_CONFIG_H */
