// SPDX-License-Identifier: GPL-2.0
/*
 * A whole configuration out as JSON (see config_print.h): the format
 * "dcxlat show" prints and config_parse.c reads back.
 */
#include "config_print.h"
#include "space.h"

json_object *dcx_config_to_json(const struct dcx_uconfig *c)
{
	json_object *o = json_object_new_object(), *a;
	size_t i;

	if (*c->instance)
		json_object_object_add(o, "instance",
				       json_object_new_string(c->instance));
	json_object_object_add(o, "settings", dcx_settings_json(&c->settings));
	json_object_object_add(o, "pool6",
			       dcx_json_prefix6(c->has_pool6, &c->pool6));
	json_object_object_add(o, "eamt", dcx_eamt_json(&c->def.eamt));
	json_object_object_add(o, "bindings", dcx_binds_json(&c->def));
	a = json_object_new_array();
	for (i = 0; i < c->nspaces; i++)
		json_object_array_add(a, dcx_space_json(&c->spaces[i], true));
	json_object_object_add(o, "spaces", a);
	return o;
}
