// SPDX-License-Identifier: GPL-2.0
/* Whole configurations in JSON: parse, validate, print (see config.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "name.h"

void dcx_config_init(struct dcx_uconfig *c)
{
	memset(c, 0, sizeof(*c));
	dcx_settings_defaults(&c->settings);
	snprintf(c->def.name, sizeof(c->def.name), "default");
}

void dcx_space_free(struct dcx_uspace *s)
{
	free(s->binds);
	free(s->stats);
	dcx_eam_vec_free(&s->eamt);
	s->binds = NULL;
	s->stats = NULL;
	s->nbinds = 0;
}

void dcx_config_free(struct dcx_uconfig *c)
{
	size_t i;

	dcx_space_free(&c->def);
	for (i = 0; i < c->nspaces; i++)
		dcx_space_free(&c->spaces[i]);
	free(c->spaces);
	c->spaces = NULL;
	c->nspaces = 0;
}

int dcx_space_name_check(const char *s, char *err, size_t errlen)
{
	char msg[256];

	if (dcx_name_check(s, msg, sizeof(msg))) {
		/* The rule is the instance one; say "space" instead. */
		const char *p = strstr(msg, "instance name");

		if (p)
			snprintf(err, errlen, "space name%s",
				 p + strlen("instance name"));
		else
			snprintf(err, errlen, "%s", msg);
		return -1;
	}
	return 0;
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

/* ---- JSON in -------------------------------------------------------- */

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
	if (!*s || strlen(s) >= DCX_IFNAMSIZ || strchr(s, '/') ||
	    strpbrk(s, " \t\n:"))
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
	struct dcx_ueam e;
	size_t i, n;

	snprintf(path, sizeof(path), "%seamt", base);
	if (dcx_want(x, path, a, json_type_array, "an array"))
		return -1;
	n = json_object_array_length(a);
	vec->v = malloc((n ? n : 1) * sizeof(*vec->v));
	if (!vec->v)
		return DCX_JERR(x, path, "out of memory");
	vec->cap = n ? n : 1;
	for (i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(a, i);

		snprintf(path, sizeof(path), "%seamt[%zu]", base, i);
		if (dcx_want(x, path, j, json_type_string,
			     "a string \"PREFIX4 PREFIX6\""))
			return -1;
		if (dcx_eam_parse_str(json_object_get_string(j), &e, msg,
				      sizeof(msg)))
			return DCX_JERR(x, path, "%s", msg);
		e.tag = (unsigned int)i;
		vec->v[vec->n++] = e;
	}
	return 0;
}

static int dcx_j_bindings(struct dcx_jctx *x, const char *base,
			  json_object *a, struct dcx_uspace *s)
{
	static const char *const keys[] = { "dev", "prefix4", NULL };
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

/* ---- cross checks ---------------------------------------------------- */

struct dcx_eam_where {
	const struct dcx_uconfig *c;
	size_t *space_of;	/* global index -> space (0 = default) */
	size_t *index_of;	/* global index -> index in its space */
};

static const struct dcx_uspace *dcx_space_at(const struct dcx_uconfig *c,
					     size_t k)
{
	return k ? &c->spaces[k - 1] : &c->def;
}

char *dcx_config_eam_path(const struct dcx_uspace *s, size_t i, char *buf,
			  size_t len)
{
	(void)s;
	snprintf(buf, len, "eamt[%zu]", i);
	return buf;
}

static char *dcx_space_path(const struct dcx_uconfig *c, size_t k,
			    char *buf, size_t len)
{
	if (!k)
		buf[0] = '\0';
	else
		snprintf(buf, len, "spaces[%zu].", k - 1);
	(void)c;
	return buf;
}

static const char *dcx_label_in_space(unsigned int tag, const void *ctx,
				      char *buf, size_t len)
{
	const size_t *k = ctx;
	char sp[48];

	snprintf(buf, len, "%seamt[%u]", dcx_space_path(NULL, *k, sp,
							sizeof(sp)), tag);
	return buf;
}

static const char *dcx_label_global(unsigned int tag, const void *ctx,
				    char *buf, size_t len)
{
	const struct dcx_eam_where *w = ctx;
	char sp[48];

	snprintf(buf, len, "%seamt[%zu]",
		 dcx_space_path(w->c, w->space_of[tag], sp, sizeof(sp)),
		 w->index_of[tag]);
	return buf;
}

static bool dcx_p6_overlap(const struct dcx_uprefix *a,
			   const struct dcx_uprefix *b)
{
	unsigned int l = a->len < b->len ? a->len : b->len, i;

	for (i = 0; i < l; i++) {
		unsigned int m = 0x80u >> (i % 8);

		if ((a->addr.s6_addr[i / 8] & m) !=
		    (b->addr.s6_addr[i / 8] & m))
			return false;
	}
	return true;
}

static const struct dcx_uprefix *dcx_space_prefix(const struct dcx_uconfig *c,
						  size_t k)
{
	if (!k)
		return c->has_pool6 ? &c->pool6 : NULL;
	return c->spaces[k - 1].has_prefix ? &c->spaces[k - 1].prefix : NULL;
}

static int dcx_check_spaces(const struct dcx_uconfig *c, char *err,
			    size_t errlen)
{
	const struct dcx_uprefix *p, *q;
	char a[DCX_PREFIX_STRLEN], b[DCX_PREFIX_STRLEN];
	size_t i, j;

	for (i = 0; i < c->nspaces; i++) {
		for (j = 0; j < i; j++) {
			if (!strcmp(c->spaces[i].name, c->spaces[j].name)) {
				snprintf(err, errlen,
					 "spaces[%zu].name: \"%s\" is already the name of spaces[%zu]",
					 i, c->spaces[i].name, j);
				return -1;
			}
			if (c->spaces[i].id == c->spaces[j].id) {
				snprintf(err, errlen,
					 "spaces[%zu].id: %u is already the ID of spaces[%zu] (%s)",
					 i, c->spaces[i].id, j,
					 c->spaces[j].name);
				return -1;
			}
		}
	}
	for (i = 0; i <= c->nspaces; i++) {
		p = dcx_space_prefix(c, i);
		for (j = 0; p && j < i; j++) {
			q = dcx_space_prefix(c, j);
			if (q && dcx_p6_overlap(p, q)) {
				char pa[48], pb[48];

				snprintf(err, errlen,
					 "%s: %s overlaps %s of %s; space prefixes must not overlap",
					 i ? (snprintf(pa, sizeof(pa),
						       "spaces[%zu].prefix",
						       i - 1), pa) : "pool6",
					 dcx_prefix_str(p, a, sizeof(a)),
					 dcx_prefix_str(q, b, sizeof(b)),
					 j ? (snprintf(pb, sizeof(pb),
						       "spaces[%zu]", j - 1),
					      pb) : "pool6");
				return -1;
			}
		}
	}
	return 0;
}

static int dcx_check_binds(const struct dcx_uconfig *c, char *err,
			   size_t errlen)
{
	const struct dcx_ubind *x, *y;
	size_t k, l, i, j;
	char sp[48], sq[48];

	for (k = 0; k <= c->nspaces; k++) {
		const struct dcx_uspace *s = dcx_space_at(c, k);

		for (i = 0; i < s->nbinds; i++) {
			x = &s->binds[i];
			for (l = 0; l <= k; l++) {
				const struct dcx_uspace *t = dcx_space_at(c, l);

				for (j = 0; j < (l == k ? i : t->nbinds); j++) {
					y = &t->binds[j];
					if (strcmp(x->dev, y->dev) ||
					    x->has_p4 != y->has_p4 ||
					    (x->has_p4 &&
					     (x->p4.len != y->p4.len ||
					      x->p4.addr.s_addr !=
					      y->p4.addr.s_addr)))
						continue;
					snprintf(err, errlen,
						 "%sbindings[%zu]: dev %s with the same prefix4 is already bound (%sbindings[%zu])",
						 dcx_space_path(c, k, sp,
								sizeof(sp)),
						 i, x->dev,
						 dcx_space_path(c, l, sq,
								sizeof(sq)), j);
					return -1;
				}
			}
		}
	}
	return 0;
}

static int dcx_check_eams(const struct dcx_uconfig *c, char *err,
			  size_t errlen)
{
	struct dcx_eam_where w = { c, NULL, NULL };
	struct dcx_ueam *all = NULL;
	size_t total = 0, k, i, n = 0, o;
	const struct dcx_uprefix *q;
	char path[64], a[DCX_PREFIX_STRLEN], b[DCX_PREFIX_STRLEN];
	int r = -1;

	for (k = 0; k <= c->nspaces; k++) {
		const struct dcx_uspace *s = dcx_space_at(c, k);

		if (dcx_eam_check_overlaps(s->eamt.v, s->eamt.n, true,
					   dcx_label_in_space, &k, err,
					   errlen))
			return -1;
		/* An EAM IPv6 prefix may not lie in another space's prefix. */
		for (o = 0; o <= c->nspaces; o++) {
			q = dcx_space_prefix(c, o);
			if (o == k || !q)
				continue;
			for (i = 0; i < s->eamt.n; i++) {
				if (!dcx_p6_overlap(&s->eamt.v[i].p6, q))
					continue;
				dcx_label_in_space((unsigned int)i, &k, path,
						   sizeof(path));
				snprintf(err, errlen,
					 "%s: %s overlaps the prefix %s of space %s",
					 path,
					 dcx_prefix_str(&s->eamt.v[i].p6, a,
							sizeof(a)),
					 dcx_prefix_str(q, b, sizeof(b)),
					 dcx_space_at(c, o)->name);
				return -1;
			}
		}
		total += s->eamt.n;
	}
	if (total < 2)
		return 0;
	all = malloc(total * sizeof(*all));
	w.space_of = malloc(total * sizeof(size_t));
	w.index_of = malloc(total * sizeof(size_t));
	if (!all || !w.space_of || !w.index_of) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	for (k = 0; k <= c->nspaces; k++) {
		const struct dcx_uspace *s = dcx_space_at(c, k);

		for (i = 0; i < s->eamt.n; i++, n++) {
			all[n] = s->eamt.v[i];
			all[n].tag = (unsigned int)n;
			w.space_of[n] = k;
			w.index_of[n] = i;
		}
	}
	r = dcx_eam_check_overlaps(all, total, false, dcx_label_global, &w,
				   err, errlen);
out:
	free(all);
	free(w.space_of);
	free(w.index_of);
	return r;
}

int dcx_config_validate(const struct dcx_uconfig *c, char *err,
			size_t errlen)
{
	if (dcx_check_spaces(c, err, errlen) || dcx_check_binds(c, err, errlen))
		return -1;
	return dcx_check_eams(c, err, errlen);
}

/* ---- JSON out -------------------------------------------------------- */

static json_object *dcx_p6_json(bool has, const struct dcx_uprefix *p)
{
	char buf[DCX_PREFIX_STRLEN];

	return has ? json_object_new_string(dcx_prefix_str(p, buf, sizeof(buf)))
		   : NULL;
}

static json_object *dcx_dev_json(const char *dev)
{
	return *dev ? json_object_new_string(dev) : NULL;
}

static json_object *dcx_binds_json(const struct dcx_uspace *s)
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
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *dcx_eamt_json(const struct dcx_eam_vec *v)
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
			       dcx_p6_json(s->has_prefix, &s->prefix));
	json_object_object_add(o, "table", json_object_new_int64(s->table));
	json_object_object_add(o, "vrf", dcx_dev_json(s->vrf));
	json_object_object_add(o, "bindings", dcx_binds_json(s));
	if (with_eamt)
		json_object_object_add(o, "eamt", dcx_eamt_json(&s->eamt));
	else if (s->has_eam_count)
		json_object_object_add(o, "eam-count",
				       json_object_new_int64(s->eam_count));
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
	if (s->has_eam_count)
		fprintf(out, "  eam %u", s->eam_count);
	fputc('\n', out);
	for (i = 0; i < s->nbinds; i++) {
		fprintf(out, "    bind dev %s", s->binds[i].dev);
		if (s->binds[i].has_p4)
			fprintf(out, " prefix4 %s",
				dcx_prefix4_str(&s->binds[i].p4, buf,
						sizeof(buf)));
		fputc('\n', out);
	}
}

json_object *dcx_config_to_json(const struct dcx_uconfig *c)
{
	json_object *o = json_object_new_object(), *a;
	size_t i;

	if (*c->instance)
		json_object_object_add(o, "instance",
				       json_object_new_string(c->instance));
	json_object_object_add(o, "settings", dcx_settings_json(&c->settings));
	json_object_object_add(o, "pool6",
			       dcx_p6_json(c->has_pool6, &c->pool6));
	json_object_object_add(o, "eamt", dcx_eamt_json(&c->def.eamt));
	json_object_object_add(o, "bindings", dcx_binds_json(&c->def));
	a = json_object_new_array();
	for (i = 0; i < c->nspaces; i++)
		json_object_array_add(a, dcx_space_json(&c->spaces[i], true));
	json_object_object_add(o, "spaces", a);
	return o;
}
