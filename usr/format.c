// SPDX-License-Identifier: GPL-2.0
/*
 * Instances, pool6, counters and events out, as text or JSON (see
 * format.h). Counter names and docs come from the uapi X-macro, so a new
 * counter needs no change here; unknown ones print as "counter-N".
 */
#include <inttypes.h>
#include <string.h>
#include "format.h"

static const char *const dcx_stat_names[DCXLAT_STAT_COUNT] = DCXLAT_STAT_NAMES;
static const char *const dcx_stat_docs[DCXLAT_STAT_COUNT] = DCXLAT_STAT_DOCS;

const char *dcx_stat_name(unsigned int type, char *buf, size_t len)
{
	if (type >= 1 && type <= DCXLAT_STAT_COUNT)
		return dcx_stat_names[type - 1];
	snprintf(buf, len, "counter-%u", type);
	return buf;
}

const char *dcx_stat_doc(unsigned int type)
{
	if (type >= 1 && type <= DCXLAT_STAT_COUNT)
		return dcx_stat_docs[type - 1];
	return "";
}

json_object *dcx_json_prefix6(bool has, const struct dcx_uprefix *p)
{
	char buf[DCX_PREFIX_STRLEN];

	if (!has)
		return NULL;	/* json-c's null */
	return json_object_new_string(dcx_prefix_str(p, buf, sizeof(buf)));
}

static json_object *dcx_json_prefix(const struct dcx_inst_info *inst)
{
	return dcx_json_prefix6(inst->has_pool6, &inst->pool6);
}

static json_object *dcx_json_inst(const struct dcx_inst_info *inst)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(inst->name));
	json_object_object_add(o, "pool6", dcx_json_prefix(inst));
	return o;
}

json_object *dcx_json_instances(const struct dcx_inst_info *v, size_t n)
{
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, dcx_json_inst(&v[i]));
	return a;
}

json_object *dcx_json_pool6(const struct dcx_inst_info *inst)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "instance",
			       json_object_new_string(inst->name));
	json_object_object_add(o, "pool6", dcx_json_prefix(inst));
	return o;
}

json_object *dcx_json_stats(const struct dcx_stats_info *s)
{
	json_object *o = json_object_new_object();
	char buf[32];
	unsigned int t;

	for (t = 1; t < DCX_STATS_MAX; t++)
		if (s->present[t])
			json_object_object_add(o,
					       dcx_stat_name(t, buf, sizeof(buf)),
					       json_object_new_uint64(s->val[t]));
	return o;
}

/* "pool6" and "set" for DCXLAT_CMD_POOL6_SET, and so on. */
static void dcx_event_words(uint8_t cmd, const char **obj, const char **verb)
{
	static const struct {
		uint8_t cmd;
		const char *obj, *verb;
	} w[] = {
		{ DCXLAT_CMD_INSTANCE_ADD, "instance", "add" },
		{ DCXLAT_CMD_INSTANCE_DEL, "instance", "del" },
		{ DCXLAT_CMD_POOL6_SET, "pool6", "set" },
		{ DCXLAT_CMD_POOL6_FLUSH, "pool6", "flush" },
		{ DCXLAT_CMD_STATS_RESET, "stats", "reset" },
		{ DCXLAT_CMD_EAMT_ADD, "eamt", "add" },
		{ DCXLAT_CMD_EAMT_DEL, "eamt", "del" },
		{ DCXLAT_CMD_EAMT_FLUSH, "eamt", "flush" },
		{ DCXLAT_CMD_SETTINGS_SET, "global", "set" },
		{ DCXLAT_CMD_SPACE_ADD, "space", "add" },
		{ DCXLAT_CMD_SPACE_DEL, "space", "del" },
		{ DCXLAT_CMD_SPACE_SET, "space", "set" },
		{ DCXLAT_CMD_BIND_ADD, "space", "bind" },
		{ DCXLAT_CMD_BIND_DEL, "space", "unbind" },
		{ DCXLAT_CMD_BIND_DEV, "space", "device" },
		{ DCXLAT_CMD_VRF_DEV, "space", "vrf" },
		{ DCXLAT_CMD_NDP_DEV, "global", "device" },
		{ DCXLAT_CMD_TXN_COMMIT, "config", "apply" },
	};
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (w[i].cmd == cmd) {
			*obj = w[i].obj;
			*verb = w[i].verb;
			return;
		}
	}
	*obj = "unknown";
	*verb = "unknown";
}

static bool dcx_event_has_pool6(uint8_t cmd)
{
	return cmd == DCXLAT_CMD_POOL6_SET || cmd == DCXLAT_CMD_POOL6_FLUSH;
}

json_object *dcx_json_event(const struct dcx_event *e)
{
	json_object *o = json_object_new_object();
	const char *obj, *verb;

	dcx_event_words(e->cmd, &obj, &verb);
	json_object_object_add(o, "object", json_object_new_string(obj));
	json_object_object_add(o, "command", json_object_new_string(verb));
	if (!strcmp(obj, "unknown"))
		json_object_object_add(o, "cmd", json_object_new_int(e->cmd));
	json_object_object_add(o, "instance",
			       json_object_new_string(e->inst.name));
	if (dcx_event_has_pool6(e->cmd))
		json_object_object_add(o, "pool6", dcx_json_prefix(&e->inst));
	return o;
}

static const char *dcx_text_prefix(const struct dcx_inst_info *inst,
				   char *buf, size_t len)
{
	if (!inst->has_pool6)
		return "unset";
	return dcx_prefix_str(&inst->pool6, buf, len);
}

void dcx_text_instances(FILE *out, const struct dcx_inst_info *v, size_t n)
{
	char buf[DCX_PREFIX_STRLEN];
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if ((int)strlen(v[i].name) > w)
			w = (int)strlen(v[i].name);
	for (i = 0; i < n; i++)
		fprintf(out, "%-*s  pool6 %s\n", w, v[i].name,
			dcx_text_prefix(&v[i], buf, sizeof(buf)));
}

void dcx_text_pool6(FILE *out, const struct dcx_inst_info *inst)
{
	char buf[DCX_PREFIX_STRLEN];

	fprintf(out, "pool6 %s\n", dcx_text_prefix(inst, buf, sizeof(buf)));
}

void dcx_text_stats(FILE *out, const struct dcx_stats_info *s, bool explain)
{
	char buf[32];
	unsigned int t;

	for (t = 1; t < DCX_STATS_MAX; t++) {
		if (!s->present[t])
			continue;
		if (explain)
			fprintf(out, "%-22s %20" PRIu64 "  %s\n",
				dcx_stat_name(t, buf, sizeof(buf)), s->val[t],
				dcx_stat_doc(t));
		else
			fprintf(out, "%-22s %20" PRIu64 "\n",
				dcx_stat_name(t, buf, sizeof(buf)), s->val[t]);
	}
}

void dcx_text_event(FILE *out, const struct dcx_event *e)
{
	char buf[DCX_PREFIX_STRLEN];
	const char *obj, *verb;

	dcx_event_words(e->cmd, &obj, &verb);
	if (!strcmp(obj, "unknown"))
		fprintf(out, "event %u %s", e->cmd, e->inst.name);
	else
		fprintf(out, "%s %s %s", obj, verb, e->inst.name);
	if (e->cmd == DCXLAT_CMD_POOL6_SET)
		fprintf(out, " %s", dcx_text_prefix(&e->inst, buf, sizeof(buf)));
	fputc('\n', out);
}

int dcx_json_print(FILE *out, json_object *j, bool pretty)
{
	int flags = pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED :
			     JSON_C_TO_STRING_PLAIN;
	const char *s = json_object_to_json_string_ext(j, flags |
						       JSON_C_TO_STRING_NOSLASHESCAPE);
	int r = 0;

	if (!s || fprintf(out, "%s\n", s) < 0)
		r = -1;
	json_object_put(j);
	return r;
}
