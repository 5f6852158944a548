/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fast reading of a JSON configuration (config_parse.c's first try):
 * yajl, a streaming parser, reads the whole text once; the "eamt" arrays
 * (top level and each space's) go entry by entry into EAM lists, with no
 * json-c object per entry, and everything else into a small json-c tree
 * for config_parse.c's checks, the same tree json-c's own parser would
 * build. It declines (and config_parse.c parses the text with json-c, as
 * before) on whatever it cannot vouch for: any syntax error, anything
 * only json-c's lenient mode reads (comments, trailing commas, 'quotes',
 * NaN), escapes in strings, deep nesting, an EAM entry that does not
 * parse, a non-string entry, a non-object root. So every message, syntax
 * errors with their line and column included, is json-c's or
 * config_parse.c's as before. Pure (yajl, json-c).
 */
#ifndef DCXLAT_USR_CONFIG_STREAM_H
#define DCXLAT_USR_CONFIG_STREAM_H

#include <stddef.h>
#include <json-c/json.h>
#include "eam.h"

/*
 * 0 with *root (the caller puts it), or 1: declined, parse it with
 * json-c. An "eamt" array read here is an empty json-c array that holds
 * its entries (dcx_stream_eamt()); tags are the JSON indexes.
 */
int dcx_config_stream(const char *text, size_t len, json_object **root);

/* The entries an "eamt" array of that tree holds, or NULL (any other j). */
struct dcx_eam_vec *dcx_stream_eamt(json_object *j);

#endif /* DCXLAT_USR_CONFIG_STREAM_H */
