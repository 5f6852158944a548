// SPDX-License-Identifier: GPL-2.0
/*
 * JSON text in, struct dcx_uconfig out (see config_parse.h). Owns the
 * shape rules of the file: types, known keys, per-field syntax; every
 * error starts with the field path ("spaces[1].eamt[17]: ..."). The
 * rules that span fields are config_check.c's, called last. The text is
 * read by config_stream.c (yajl, no json-c object per EAM entry) or,
 * when that declines, by json-c here, as it always was.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "config_parse.h"
#include "config_check.h"
#include "config_stream.h"
#include "name.h"

struct dcx_jctx {
	char *err;
	size_t errlen;
};

#define DCX_JERR(x, path, fmt, ...) \
	(snprintf((x)->err, (x)->errlen, "%s: " fmt, path, ##__VA_ARGS__), -1)

/* Every key of o must be in keys (NULL-terminated). */
static int dcx_keys_known(struct dcx_jctx *x, const char *path, json_object *o,
			  const char *const *keys)
{
	const char *const *k;

	json_object_object_foreach(o, key, val) {
		(void)val;
		for (k = keys; *k; k++)
			if (!strcmp(*k, key))
				break;
		if (!*k) {
			char list[256] = "";
			size_t n = 0;

			for (k = keys; *k; k++)
				n += (size_t)snprintf(list + n, sizeof(list) - n,
						      "%s%s", n ? ", " : "", *k);
			return DCX_JERR(x, path,
					"unknown key \"%s\"; expected %s", key,
					list);
		}
	}
	return 0;
}

static int dcx_want(struct dcx_jctx *x, const char *path, json_object *j,
		    json_type t, const char *what)
{
	if (json_object_is_type(j, t))
		return 0;
	return DCX_JERR(x, path, "expected %s, got %s", what,
			j ? json_type_to_name(json_object_get_type(j)) :
			"null");
}

static int dcx_j_name(struct dcx_jctx *x, const char *path, json_object *j,
		      bool space, char *out, size_t outlen)
{
	char msg[256];

	if (dcx_want(x, path, j, json_type_string, "a string"))
		return -1;
	if ((space ? dcx_space_name_check : dcx_name_check)(
		    json_object_get_string(j), msg, sizeof(msg)))
		return DCX_JERR(x, path, "%s", msg);
	snprintf(out, outlen, "%s", json_object_get_string(j));
	return 0;
}

static int dcx_j_u32(struct dcx_jctx *x, const char *path, json_object *j,
		     uint32_t min, uint32_t max, uint32_t *out)
{
	int64_t v;

	if (dcx_want(x, path, j, json_type_int, "a number"))
		return -1;
	v = json_object_get_int64(j);
	if (v < min || v > max)
		return DCX_JERR(x, path, "%lld is out of range; use %u to %u",
				(long long)v, min, max);
	*out = (uint32_t)v;
	return 0;
}

static int dcx_j_dev(struct dcx_jctx *x, const char *path, json_object *j,
		     bool null_ok, char *out)
{
	const char *s;

	if (!j && null_ok) {
		*out = '\0';
		return 0;
	}
	if (dcx_want(x, path, j, json_type_string,
		     null_ok ? "a device name or null" : "a device name"))
		return -1;
	s = json_object_get_string(j);
	if (!dcx_dev_name_ok(s))
		return DCX_JERR(x, path,
				"\"%s\" is not a valid device name (1 to 15 characters, no '/', ':' or blanks)",
				s);
	snprintf(out, DCX_IFNAMSIZ, "%s", s);
	return 0;
}

static int dcx_j_settings(struct dcx_jctx *x, json_object *o,
			  struct dcx_settings *st)
{
	const struct dcx_setting_def *d;
	char path[96], msg[400];

	if (dcx_want(x, "settings", o, json_type_object, "an object"))
		return -1;
	json_object_object_foreach(o, key, val) {
		snprintf(path, sizeof(path), "settings.%s", key);
		d = dcx_setting_find(key);
		if (!d)
			return DCX_JERR(x, path,
					"unknown setting; \"dcxlat global help\" lists them");
		if (dcx_setting_from_json(d, val, &st->v[d->attr], msg,
					  sizeof(msg)))
			return DCX_JERR(x, path, "%s", msg + strlen(key) + 2);
	}
	return 0;
}

static int dcx_j_eamt(struct dcx_jctx *x, const char *base, json_object *a,
		      struct dcx_eam_vec *vec)
{
	char path[96], msg[400];
	struct dcx_eam_vec *pre;
	struct dcx_ueam e;
	size_t i, n;

	snprintf(path, sizeof(path), "%seamt", base);
	if (dcx_want(x, path, a, json_type_array, "an array"))
		return -1;
	pre = dcx_stream_eamt(a);
	if (pre) {
		/* Read by config_stream.c, every entry as below. */
		*vec = *pre;
		memset(pre, 0, sizeof(*pre));
		return 0;
	}
	n = json_object_array_length(a);
	vec->v = malloc((n ? n : 1) * sizeof(*vec->v));
	if (!vec->v)
		return DCX_JERR(x, path, "out of memory");
	vec->cap = n ? n : 1;
	for (i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(a, i);

		/* The usual entry costs no path (a million of them, apply). */
		if (!json_object_is_type(j, json_type_string) ||
		    !dcx_eam_scan(json_object_get_string(j), &e)) {
			snprintf(path, sizeof(path), "%seamt[%zu]", base, i);
			if (dcx_want(x, path, j, json_type_string,
				     "a string \"PREFIX4 PREFIX6\""))
				return -1;
			if (dcx_eam_parse_str(json_object_get_string(j), &e,
					      msg, sizeof(msg)))
				return DCX_JERR(x, path, "%s", msg);
		}
		e.tag = (unsigned int)i;
		vec->v[vec->n++] = e;
	}
	return 0;
}

static int dcx_j_bindings(struct dcx_jctx *x, const char *base,
			  json_object *a, struct dcx_uspace *s)
{
	/* "waiting" is what show prints; apply ignores it. */
	static const char *const keys[] = { "dev", "prefix4", "waiting",
					    NULL };
	char path[96], msg[400];
	json_object *j, *v;
	struct dcx_ubind b;
	size_t i, n;

	snprintf(path, sizeof(path), "%sbindings", base);
	if (dcx_want(x, path, a, json_type_array, "an array"))
		return -1;
	n = json_object_array_length(a);
	for (i = 0; i < n; i++) {
		memset(&b, 0, sizeof(b));
		j = json_object_array_get_idx(a, i);
		snprintf(path, sizeof(path), "%sbindings[%zu]", base, i);
		if (dcx_want(x, path, j, json_type_object,
			     "an object {\"dev\": ..., \"prefix4\": ...}") ||
		    dcx_keys_known(x, path, j, keys))
			return -1;
		if (!json_object_object_get_ex(j, "dev", &v))
			return DCX_JERR(x, path, "missing \"dev\"");
		snprintf(path, sizeof(path), "%sbindings[%zu].dev", base, i);
		if (dcx_j_dev(x, path, v, false, b.dev))
			return -1;
		if (json_object_object_get_ex(j, "prefix4", &v) && v) {
			snprintf(path, sizeof(path), "%sbindings[%zu].prefix4",
				 base, i);
			if (dcx_want(x, path, v, json_type_string,
				     "an IPv4 prefix or null"))
				return -1;
			if (dcx_prefix4_parse(json_object_get_string(v), false,
					      &b.p4, msg, sizeof(msg)))
				return DCX_JERR(x, path, "%s", msg);
			b.has_p4 = true;
		}
		if (dcx_bind_push(s, &b))
			return DCX_JERR(x, path, "out of memory");
	}
	return 0;
}

static int dcx_j_prefix6(struct dcx_jctx *x, const char *path, json_object *j,
			 bool *has, struct dcx_uprefix *p)
{
	char msg[400];

	*has = false;
	if (!j)
		return 0;
	if (dcx_want(x, path, j, json_type_string, "an IPv6 prefix or null"))
		return -1;
	if (dcx_prefix_parse(json_object_get_string(j), p, msg, sizeof(msg)) ||
	    dcx_prefix_check_pool6(p, msg, sizeof(msg)))
		return DCX_JERR(x, path, "%s", msg);
	*has = true;
	return 0;
}

static int dcx_j_space(struct dcx_jctx *x, size_t idx, json_object *o,
		       struct dcx_uspace *s)
{
	static const char *const keys[] = {
		"name", "id", "prefix", "table", "vrf", "bindings", "eamt", NULL,
	};
	char base[48], path[96];
	json_object *v;

	snprintf(base, sizeof(base), "spaces[%zu].", idx);
	snprintf(path, sizeof(path), "spaces[%zu]", idx);
	if (dcx_want(x, path, o, json_type_object, "an object") ||
	    dcx_keys_known(x, path, o, keys))
		return -1;
	if (!json_object_object_get_ex(o, "name", &v))
		return DCX_JERR(x, path, "missing \"name\"");
	snprintf(path, sizeof(path), "%sname", base);
	if (dcx_j_name(x, path, v, true, s->name, sizeof(s->name)))
		return -1;
	if (!strcmp(s->name, "default"))
		return DCX_JERR(x, path,
				"\"default\" is the default space: put its EAM entries and bindings at the top level");
	if (!json_object_object_get_ex(o, "id", &v)) {
		snprintf(path, sizeof(path), "spaces[%zu]", idx);
		return DCX_JERR(x, path, "missing \"id\"");
	}
	snprintf(path, sizeof(path), "%sid", base);
	if (dcx_j_u32(x, path, v, 1, 65535, &s->id))
		return -1;
	if (json_object_object_get_ex(o, "prefix", &v)) {
		snprintf(path, sizeof(path), "%sprefix", base);
		if (dcx_j_prefix6(x, path, v, &s->has_prefix, &s->prefix))
			return -1;
	}
	if (json_object_object_get_ex(o, "table", &v)) {
		snprintf(path, sizeof(path), "%stable", base);
		if (dcx_j_u32(x, path, v, 0, UINT32_MAX, &s->table))
			return -1;
	}
	if (json_object_object_get_ex(o, "vrf", &v)) {
		snprintf(path, sizeof(path), "%svrf", base);
		if (dcx_j_dev(x, path, v, true, s->vrf))
			return -1;
	}
	if (json_object_object_get_ex(o, "bindings", &v) &&
	    dcx_j_bindings(x, base, v, s))
		return -1;
	if (json_object_object_get_ex(o, "eamt", &v) &&
	    dcx_j_eamt(x, base, v, &s->eamt))
		return -1;
	return 0;
}

int dcx_config_from_json(json_object *root, struct dcx_uconfig *c,
			 char *err, size_t errlen)
{
	static const char *const keys[] = {
		"instance", "settings", "pool6", "eamt", "bindings", "spaces",
		NULL,
	};
	struct dcx_jctx x = { err, errlen };
	json_object *v;
	size_t i, n;

	if (!json_object_is_type(root, json_type_object)) {
		snprintf(err, errlen,
			 "the configuration must be a JSON object ({...}), as \"dcxlat show\" prints it");
		return -1;
	}
	if (dcx_keys_known(&x, "(top level)", root, keys))
		return -1;
	if (json_object_object_get_ex(root, "instance", &v) &&
	    dcx_j_name(&x, "instance", v, false, c->instance,
		       sizeof(c->instance)))
		return -1;
	if (json_object_object_get_ex(root, "settings", &v) &&
	    dcx_j_settings(&x, v, &c->settings))
		return -1;
	if (json_object_object_get_ex(root, "pool6", &v) &&
	    dcx_j_prefix6(&x, "pool6", v, &c->has_pool6, &c->pool6))
		return -1;
	if (json_object_object_get_ex(root, "eamt", &v) &&
	    dcx_j_eamt(&x, "", v, &c->def.eamt))
		return -1;
	if (json_object_object_get_ex(root, "bindings", &v) &&
	    dcx_j_bindings(&x, "", v, &c->def))
		return -1;
	if (json_object_object_get_ex(root, "spaces", &v)) {
		if (dcx_want(&x, "spaces", v, json_type_array, "an array"))
			return -1;
		n = json_object_array_length(v);
		c->spaces = calloc(n ? n : 1, sizeof(*c->spaces));
		if (!c->spaces)
			return DCX_JERR(&x, "spaces", "out of memory");
		for (i = 0; i < n; i++) {
			c->nspaces++;
			if (dcx_j_space(&x, i, json_object_array_get_idx(v, i),
					&c->spaces[i]))
				return -1;
		}
	}
	return dcx_config_validate(c, err, errlen);
}

int dcx_config_parse(const char *text, size_t len, const char *name,
		     struct dcx_uconfig *c, char *err, size_t errlen)
{
	json_object *root;
	int r;

	if (dcx_config_stream(text, len, &root))
		return dcx_config_parse_jsonc(text, len, name, c, err, errlen);
	r = dcx_config_from_json(root, c, err, errlen);
	json_object_put(root);
	return r;
}

int dcx_config_parse_jsonc(const char *text, size_t len, const char *name,
			   struct dcx_uconfig *c, char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new();
	enum json_tokener_error jerr;
	unsigned int line = 1, col = 1;
	json_object *root;
	size_t off, i;
	int r;

	if (!tok) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	off = json_tokener_get_parse_end(tok);
	if (!root && jerr == json_tokener_continue)
		jerr = json_tokener_error_parse_eof;
	if (root && jerr == json_tokener_success) {
		/* Only blanks may follow the value. */
		for (i = off; i < len; i++)
			if (!strchr(" \t\r\n", text[i]))
				break;
		if (i < len) {
			off = i;
			jerr = json_tokener_error_parse_unexpected;
		}
	}
	if (jerr != json_tokener_success) {
		for (i = 0; i < off && i < len; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		snprintf(err, errlen, "%s:%u:%u: invalid JSON: %s", name, line,
			 col, jerr == json_tokener_error_parse_unexpected &&
			 root ? "unexpected text after the configuration" :
			 json_tokener_error_desc(jerr));
		json_object_put(root);
		json_tokener_free(tok);
		return -1;
	}
	json_tokener_free(tok);
	r = dcx_config_from_json(root, c, err, errlen);
	json_object_put(root);
	return r;
}
