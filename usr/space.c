// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces in the CLI (see space.h): memory and output. Output is
 * the format "space show" and "show" print; "apply" reads it back, so a
 * change here is a change of the file format.
 */
#include <errno.h>
#include <stdlib.h>
#include "space.h"

void dcx_space_free(struct dcx_uspace *s)
{
	free(s->binds);
	free(s->stats);
	dcx_eam_vec_free(&s->eamt);
	s->binds = NULL;
	s->stats = NULL;
	s->nbinds = 0;
}

int dcx_bind_push(struct dcx_uspace *s, const struct dcx_ubind *b)
{
	struct dcx_ubind *nb = realloc(s->binds,
				       (s->nbinds + 1) * sizeof(*nb));

	if (!nb)
		return -ENOMEM;
	s->binds = nb;
	s->binds[s->nbinds++] = *b;
	return 0;
}

static json_object *dcx_dev_json(const char *dev)
{
	return *dev ? json_object_new_string(dev) : NULL;
}

json_object *dcx_binds_json(const struct dcx_uspace *s)
{
	json_object *a = json_object_new_array();
	char buf[DCX_PREFIX4_STRLEN];
	size_t i;

	for (i = 0; i < s->nbinds; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "dev",
				       json_object_new_string(s->binds[i].dev));
		json_object_object_add(o, "prefix4", s->binds[i].has_p4 ?
			json_object_new_string(dcx_prefix4_str(&s->binds[i].p4,
							       buf,
							       sizeof(buf))) :
			NULL);
		if (s->binds[i].waiting)
			json_object_object_add(o, "waiting",
					       json_object_new_boolean(1));
		json_object_array_add(a, o);
	}
	return a;
}

json_object *dcx_eamt_json(const struct dcx_eam_vec *v)
{
	json_object *a = json_object_new_array_ext((int)(v->n ? v->n : 1));
	char buf[DCX_EAM_STRLEN];
	size_t i;

	for (i = 0; i < v->n; i++)
		json_object_array_add(a, json_object_new_string(
			dcx_eam_str(&v->v[i], buf, sizeof(buf))));
	return a;
}

json_object *dcx_space_json(const struct dcx_uspace *s, bool with_eamt)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(s->name));
	json_object_object_add(o, "id", json_object_new_int64(s->id));
	json_object_object_add(o, "prefix",
			       dcx_json_prefix6(s->has_prefix, &s->prefix));
	json_object_object_add(o, "table", json_object_new_int64(s->table));
	json_object_object_add(o, "vrf", dcx_dev_json(s->vrf));
	json_object_object_add(o, "bindings", dcx_binds_json(s));
	if (with_eamt)
		json_object_object_add(o, "eamt", dcx_eamt_json(&s->eamt));
	else if (s->has_eam_count)
		json_object_object_add(o, "eam-count",
				       json_object_new_int64(s->eam_count));
	if (!with_eamt && s->vrf_waiting)
		json_object_object_add(o, "vrf-waiting",
				       json_object_new_boolean(1));
	if (!with_eamt && s->has_waiting)
		json_object_object_add(o, "bindings-waiting",
				       json_object_new_int64(s->waiting));
	if (!with_eamt && s->has_stats && s->stats)
		json_object_object_add(o, "stats", dcx_json_stats(s->stats));
	return o;
}

void dcx_space_text(FILE *out, const struct dcx_uspace *s)
{
	char buf[DCX_PREFIX_STRLEN];
	size_t i;

	fprintf(out, "%s  id %u  prefix %s  table %u  vrf %s", s->name, s->id,
		s->has_prefix ? dcx_prefix_str(&s->prefix, buf, sizeof(buf)) :
		"unset", s->table, *s->vrf ? s->vrf : "none");
	if (s->vrf_waiting)
		fputs(" waiting", out);
	if (s->has_eam_count)
		fprintf(out, "  eam %u", s->eam_count);
	if (s->has_waiting && s->waiting)
		fprintf(out, "  waiting %u", s->waiting);
	fputc('\n', out);
	for (i = 0; i < s->nbinds; i++) {
		fprintf(out, "    bind dev %s", s->binds[i].dev);
		if (s->binds[i].has_p4)
			fprintf(out, " prefix4 %s",
				dcx_prefix4_str(&s->binds[i].p4, buf,
						sizeof(buf)));
		if (s->binds[i].waiting)
			fputs("  waiting", out);
		fputc('\n', out);
	}
}
