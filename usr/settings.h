/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instance settings in the CLI, driven by the DCXLAT_SETTINGS table of
 * uapi/dcxlat_settings.h: parse "KEY VALUE" and JSON values, print text
 * and JSON, help. Pure (json-c only).
 */
#ifndef DCXLAT_USR_SETTINGS_H
#define DCXLAT_USR_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>
#include "uapi/dcxlat.h"
#include "uapi/dcxlat_settings.h"
#include "prefix.h"

struct dcx_setting_def {
	int attr;		/* DCXLAT_SET_* */
	const char *name;
	enum dcxlat_setting_type type;
	const char *dflt;
	uint32_t min, max;
	const char *values;	/* ENUM: "a|b|c" */
	const char *doc, *rfc;
};

extern const struct dcx_setting_def dcx_setting_defs[];
extern const size_t dcx_setting_count;

/* By key, or NULL. */
const struct dcx_setting_def *dcx_setting_find(const char *name);
/* By attribute type, or NULL. */
const struct dcx_setting_def *dcx_setting_by_attr(int attr);

struct dcx_setval {
	bool present;
	uint32_t u;			/* U32, U8, BOOL, ENUM */
	struct dcx_uprefix4 p4;		/* PREFIX4; len 0 = unset */
	struct dcx_uprefix p6;		/* PREFIX6; len 0 = unset */
	char s[16];			/* IFNAME; "" = unset */
};

struct dcx_settings {
	struct dcx_setval v[DCXLAT_SET_MAX + 1];	/* by DCXLAT_SET_* */
};

/*
 * Parse a value typed on the command line: numbers, on/off (also
 * true/false, yes/no, 1/0), enum names, prefixes, "unset"/"none" for
 * prefixes and device names. Range checked. 0, or -1 with err.
 */
int dcx_setting_parse(const struct dcx_setting_def *d, const char *text,
		      struct dcx_setval *out, char *err, size_t errlen);
/* The same from JSON (numbers, booleans, strings, null = unset). */
int dcx_setting_from_json(const struct dcx_setting_def *d, json_object *j,
			  struct dcx_setval *out, char *err, size_t errlen);
/* Every row's default value (what a new instance has). */
void dcx_settings_defaults(struct dcx_settings *s);

/* Text as the CLI reads it back ("on", "siit", "unset", "192.0.0.8/32"). */
char *dcx_setting_str(const struct dcx_setting_def *d,
		      const struct dcx_setval *v, char *buf, size_t len);
json_object *dcx_setting_json(const struct dcx_setting_def *d,
			      const struct dcx_setval *v);
/* {"key": value, ...} of every present setting, in table order. */
json_object *dcx_settings_json(const struct dcx_settings *s);
/* One "key value" line each; the device of setting waiting (0: none) waits. */
void dcx_settings_text(FILE *out, const struct dcx_settings *s,
		       int waiting);
/* The table for "global help": key, type/range, default, doc, RFC. */
void dcx_settings_help(FILE *out);

#endif /* DCXLAT_USR_SETTINGS_H */
