/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between two whole configurations: what "dcxlat apply
 * FILE" would change in a running instance, for "dcxlat diff" and
 * "dcxlat health". Works on the canonical JSON (config_digest.h), so it
 * sees exactly what the digest covers. A change is one JSON object:
 *   { "op": "add" | "del" | "change",
 *     "what": "setting" | "pool6" | "space" | "binding" | "eam",
 *     "space": NAME (space, binding, eam), "key": KEY (setting, a space's
 *     field, the IPv4 prefix of a changed eam), "old": V, "new": V }
 * EAM entries are matched by their IPv4 prefix (a changed entry keeps it
 * and maps it elsewhere), spaces by name, bindings whole. Pure (json-c).
 */
#ifndef DCXLAT_USR_CONFIG_DIFF_H
#define DCXLAT_USR_CONFIG_DIFF_H

#include <stdio.h>
#include <json-c/json.h>

/*
 * The changes from canonical configuration old to new, in order:
 * settings, pool6, the default space, then the spaces by name. A new
 * array (empty when they are equal), or NULL without memory.
 */
json_object *dcx_config_diff(json_object *old, json_object *new_);

/* One line per change: "+ eam 192.0.2.1/32 2001:db8::1/128", ... */
void dcx_diff_text(FILE *out, json_object *changes);

#endif /* DCXLAT_USR_CONFIG_DIFF_H */
