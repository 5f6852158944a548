// SPDX-License-Identifier: GPL-2.0
/*
 * Settings, driven by the uapi table DCXLAT_SETTINGS (see settings.h):
 * a new row there is a new key here with its parser, printer and help.
 * No key is written by hand in this file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "settings.h"

#define DCX_SET_ROW(id, name, type, def, lo, hi, vals, doc, rfc)	\
	{ DCXLAT_SET_##id, name, DCXLAT_ST_##type, def, lo, hi, vals, doc, rfc },
const struct dcx_setting_def dcx_setting_defs[] = {
	DCXLAT_SETTINGS(DCX_SET_ROW)
};
const size_t dcx_setting_count =
	sizeof(dcx_setting_defs) / sizeof(dcx_setting_defs[0]);

const struct dcx_setting_def *dcx_setting_find(const char *name)
{
	size_t i;

	for (i = 0; i < dcx_setting_count; i++)
		if (!strcmp(dcx_setting_defs[i].name, name))
			return &dcx_setting_defs[i];
	return NULL;
}

const struct dcx_setting_def *dcx_setting_by_attr(int attr)
{
	size_t i;

	for (i = 0; i < dcx_setting_count; i++)
		if (dcx_setting_defs[i].attr == attr)
			return &dcx_setting_defs[i];
	return NULL;
}

/* Index of word in "a|b|c", or -1. */
static int dcx_enum_index(const char *values, const char *word)
{
	size_t wl = strlen(word);
	const char *p = values, *bar;
	int i = 0;

	while (*p) {
		bar = strchr(p, '|');
		if ((size_t)((bar ? bar : p + strlen(p)) - p) == wl &&
		    !strncmp(p, word, wl))
			return i;
		if (!bar)
			break;
		p = bar + 1;
		i++;
	}
	return -1;
}

/* Name of value i of "a|b|c" into buf. */
static const char *dcx_enum_name(const char *values, uint32_t i, char *buf,
				 size_t len)
{
	const char *p = values, *bar;
	uint32_t k;

	for (k = 0; k < i && p; k++) {
		p = strchr(p, '|');
		if (p)
			p++;
	}
	if (!p) {
		snprintf(buf, len, "%u", i);
		return buf;
	}
	bar = strchr(p, '|');
	snprintf(buf, len, "%.*s", (int)(bar ? (size_t)(bar - p) : strlen(p)),
		 p);
	return buf;
}

static bool dcx_is_unset(const char *t)
{
	return !strcmp(t, "unset") || !strcmp(t, "none") || !strcmp(t, "off");
}

static int dcx_bool_parse(const char *t)
{
	static const char *const yes[] = { "on", "true", "yes", "1", NULL };
	static const char *const no[] = { "off", "false", "no", "0", NULL };
	int i;

	for (i = 0; yes[i]; i++)
		if (!strcmp(t, yes[i]))
			return 1;
	for (i = 0; no[i]; i++)
		if (!strcmp(t, no[i]))
			return 0;
	return -1;
}

static int dcx_uint_parse(const struct dcx_setting_def *d, const char *t,
			  uint32_t *out, char *err, size_t errlen)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(t, &end, 10);
	if (!*t || *end || errno || t[0] == '-') {
		snprintf(err, errlen,
			 "%s: \"%s\" is not a number; use %u to %u", d->name, t,
			 d->min, d->max);
		return -1;
	}
	if (v < d->min || v > d->max) {
		snprintf(err, errlen, "%s: %llu is out of range; use %u to %u",
			 d->name, v, d->min, d->max);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

int dcx_setting_parse(const struct dcx_setting_def *d, const char *t,
		      struct dcx_setval *out, char *err, size_t errlen)
{
	char msg[400];
	int b;

	memset(out, 0, sizeof(*out));
	out->present = true;
	switch (d->type) {
	case DCXLAT_ST_PREFIX4:
		if (dcx_is_unset(t))
			return 0;
		if (dcx_prefix4_parse(t, true, &out->p4, msg, sizeof(msg)))
			goto bad;
		if (!out->p4.len) {
			snprintf(err, errlen,
				 "%s: a /0 prefix is not allowed; write \"unset\" to unset it",
				 d->name);
			return -1;
		}
		return 0;
	case DCXLAT_ST_PREFIX6:
		if (dcx_is_unset(t))
			return 0;
		if (dcx_prefix6_parse_strict(t, true, &out->p6, msg,
					     sizeof(msg)))
			goto bad;
		if (!out->p6.len || out->p6.len > d->max) {
			snprintf(err, errlen,
				 "%s: prefix length /%u is out of range; use 1 to %u (or \"unset\")",
				 d->name, out->p6.len, d->max);
			return -1;
		}
		return 0;
	case DCXLAT_ST_U32:
	case DCXLAT_ST_U8:
		return dcx_uint_parse(d, t, &out->u, err, errlen);
	case DCXLAT_ST_BOOL:
		b = dcx_bool_parse(t);
		if (b < 0) {
			snprintf(err, errlen, "%s: \"%s\" is not on or off",
				 d->name, t);
			return -1;
		}
		out->u = (uint32_t)b;
		return 0;
	case DCXLAT_ST_ENUM:
		b = dcx_enum_index(d->values, t);
		if (b < 0) {
			snprintf(err, errlen, "%s: \"%s\" is not one of %s",
				 d->name, t, d->values);
			return -1;
		}
		out->u = (uint32_t)b;
		return 0;
	case DCXLAT_ST_IFNAME:
		if (!strcmp(t, "unset") || !strcmp(t, "none") || !*t)
			return 0;
		if (strlen(t) > d->max || strchr(t, '/') ||
		    strpbrk(t, " \t\n:") || !strcmp(t, ".") ||
		    !strcmp(t, "..")) {
			snprintf(err, errlen,
				 "%s: \"%s\" is not a valid device name (1 to %u characters, no '/', ':' or blanks)",
				 d->name, t, d->max);
			return -1;
		}
		snprintf(out->s, sizeof(out->s), "%s", t);
		return 0;
	}
	snprintf(err, errlen, "%s: unknown setting type", d->name);
	return -1;
bad:
	snprintf(err, errlen, "%s: %s", d->name, msg);
	return -1;
}

int dcx_setting_from_json(const struct dcx_setting_def *d, json_object *j,
			  struct dcx_setval *out, char *err, size_t errlen)
{
	char num[24];

	switch (d->type) {
	case DCXLAT_ST_U32:
	case DCXLAT_ST_U8:
		if (!json_object_is_type(j, json_type_int)) {
			snprintf(err, errlen, "%s: expected a number from %u to %u",
				 d->name, d->min, d->max);
			return -1;
		}
		if (json_object_get_int64(j) < 0) {
			snprintf(err, errlen, "%s: %lld is out of range; use %u to %u",
				 d->name, (long long)json_object_get_int64(j),
				 d->min, d->max);
			return -1;
		}
		snprintf(num, sizeof(num), "%lld",
			 (long long)json_object_get_int64(j));
		return dcx_setting_parse(d, num, out, err, errlen);
	case DCXLAT_ST_BOOL:
		if (!json_object_is_type(j, json_type_boolean)) {
			snprintf(err, errlen, "%s: expected true or false",
				 d->name);
			return -1;
		}
		return dcx_setting_parse(d, json_object_get_boolean(j) ?
					 "on" : "off", out, err, errlen);
	default:
		if (!j)
			return dcx_setting_parse(d, "unset", out, err, errlen);
		if (!json_object_is_type(j, json_type_string)) {
			snprintf(err, errlen, "%s: expected a string%s", d->name,
				 d->type == DCXLAT_ST_ENUM ? "" : " or null");
			return -1;
		}
		if (d->type == DCXLAT_ST_ENUM ? false :
		    dcx_is_unset(json_object_get_string(j))) {
			snprintf(err, errlen, "%s: write null to unset it",
				 d->name);
			return -1;
		}
		return dcx_setting_parse(d, json_object_get_string(j), out, err,
					 errlen);
	}
}

void dcx_settings_defaults(struct dcx_settings *s)
{
	char err[256];
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < dcx_setting_count; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];

		/* The table's defaults parse: a unit test makes sure. */
		dcx_setting_parse(d, d->dflt, &s->v[d->attr], err, sizeof(err));
	}
}

char *dcx_setting_str(const struct dcx_setting_def *d,
		      const struct dcx_setval *v, char *buf, size_t len)
{
	switch (d->type) {
	case DCXLAT_ST_PREFIX4:
		if (!v->p4.len)
			snprintf(buf, len, "unset");
		else
			dcx_prefix4_str(&v->p4, buf, len);
		break;
	case DCXLAT_ST_PREFIX6:
		if (!v->p6.len)
			snprintf(buf, len, "unset");
		else
			dcx_prefix_str(&v->p6, buf, len);
		break;
	case DCXLAT_ST_BOOL:
		snprintf(buf, len, "%s", v->u ? "on" : "off");
		break;
	case DCXLAT_ST_ENUM:
		dcx_enum_name(d->values, v->u, buf, len);
		break;
	case DCXLAT_ST_IFNAME:
		snprintf(buf, len, "%s", *v->s ? v->s : "unset");
		break;
	default:
		snprintf(buf, len, "%u", v->u);
	}
	return buf;
}

json_object *dcx_setting_json(const struct dcx_setting_def *d,
			      const struct dcx_setval *v)
{
	char buf[64];

	switch (d->type) {
	case DCXLAT_ST_U32:
	case DCXLAT_ST_U8:
		return json_object_new_int64(v->u);
	case DCXLAT_ST_BOOL:
		return json_object_new_boolean(v->u != 0);
	case DCXLAT_ST_ENUM:
		return json_object_new_string(dcx_setting_str(d, v, buf,
							      sizeof(buf)));
	case DCXLAT_ST_PREFIX4:
		if (!v->p4.len)
			return NULL;
		break;
	case DCXLAT_ST_PREFIX6:
		if (!v->p6.len)
			return NULL;
		break;
	case DCXLAT_ST_IFNAME:
		if (!*v->s)
			return NULL;
		break;
	}
	return json_object_new_string(dcx_setting_str(d, v, buf, sizeof(buf)));
}

json_object *dcx_settings_json(const struct dcx_settings *s)
{
	json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; i < dcx_setting_count; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];

		if (s->v[d->attr].present)
			json_object_object_add(o, d->name,
					       dcx_setting_json(d, &s->v[d->attr]));
	}
	return o;
}

void dcx_settings_text(FILE *out, const struct dcx_settings *s,
		       int waiting)
{
	char buf[64];
	size_t i;

	for (i = 0; i < dcx_setting_count; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];

		if (s->v[d->attr].present)
			fprintf(out, "%-20s %s%s\n", d->name,
				dcx_setting_str(d, &s->v[d->attr], buf,
						sizeof(buf)),
				d->attr == waiting ? "  waiting" : "");
	}
}

static const char *dcx_type_str(const struct dcx_setting_def *d, char *buf,
				size_t len)
{
	switch (d->type) {
	case DCXLAT_ST_PREFIX4:
		return "IPv4 prefix | unset";
	case DCXLAT_ST_PREFIX6:
		return "IPv6 prefix | unset";
	case DCXLAT_ST_BOOL:
		return "on | off";
	case DCXLAT_ST_ENUM:
		return d->values;
	case DCXLAT_ST_IFNAME:
		return "device | unset";
	default:
		snprintf(buf, len, "%u..%u", d->min, d->max);
		return buf;
	}
}

void dcx_settings_help(FILE *out)
{
	char buf[32];
	size_t i;

	for (i = 0; i < dcx_setting_count; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];

		fprintf(out, "  %-20s %s (default %s)\n      %s [%s]\n",
			d->name, dcx_type_str(d, buf, sizeof(buf)), d->dflt,
			d->doc, d->rfc);
	}
}
