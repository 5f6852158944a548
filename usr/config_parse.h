/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole configuration (config.h) from JSON. Validates
 * everything the kernel would refuse (config_check.h last), so that a
 * file with one bad entry applies nothing, and every error names the
 * field ("spaces[1].eamt[17]: ..."). Pure (json-c; yajl through
 * config_stream.h).
 */
#ifndef DCXLAT_USR_CONFIG_PARSE_H
#define DCXLAT_USR_CONFIG_PARSE_H

#include <stddef.h>
#include <json-c/json.h>
#include "config.h"

/*
 * Parse JSON text (a whole file; name for messages) into c and validate
 * it. Syntax errors give the line and column. 0, or -1 with err.
 */
int dcx_config_parse(const char *text, size_t len, const char *name,
		     struct dcx_uconfig *c, char *err, size_t errlen);
/*
 * The same with json-c's parser alone: what dcx_config_parse() does when
 * config_stream.c declines (its results are this one's; the unit and
 * fuzz tests compare the two).
 */
int dcx_config_parse_jsonc(const char *text, size_t len, const char *name,
			   struct dcx_uconfig *c, char *err, size_t errlen);
/* The same from a parsed tree. */
int dcx_config_from_json(json_object *root, struct dcx_uconfig *c,
			 char *err, size_t errlen);

#endif /* DCXLAT_USR_CONFIG_PARSE_H */
