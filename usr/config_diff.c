// SPDX-License-Identifier: GPL-2.0
/*
 * Differences of two canonical configurations (see config_diff.h). Lists
 * are compared by a key (an EAM entry's IPv4 prefix, a space's name, a
 * binding's whole text): both sides sorted by key, then walked together.
 * Memory: a change that cannot be allocated makes the whole diff NULL.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "config_diff.h"

#define DCX_PLAIN (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

struct dcx_diff {
	json_object *out;
	const char *space;	/* the space being compared */
	bool nomem;
};

struct dcx_item {
	char *key;
	json_object *v;
};

typedef char *dcx_key_fn(json_object *v);

static const char *dcx_text(json_object *v)
{
	return json_object_to_json_string_ext(v, DCX_PLAIN);
}

static bool dcx_same(json_object *a, json_object *b)
{
	return !strcmp(dcx_text(a), dcx_text(b));
}

/* One change; old/new are borrowed (a reference is taken). */
static void dcx_emit(struct dcx_diff *d, const char *op, const char *what,
		     const char *key, json_object *old, json_object *new_)
{
	json_object *c = json_object_new_object();

	if (!c) {
		d->nomem = true;
		return;
	}
	json_object_object_add(c, "op", json_object_new_string(op));
	json_object_object_add(c, "what", json_object_new_string(what));
	if (d->space)
		json_object_object_add(c, "space",
				       json_object_new_string(d->space));
	if (key)
		json_object_object_add(c, "key", json_object_new_string(key));
	if (strcmp(op, "add"))
		json_object_object_add(c, "old", json_object_get(old));
	if (strcmp(op, "del"))
		json_object_object_add(c, "new", json_object_get(new_));
	if (json_object_array_add(d->out, c)) {
		json_object_put(c);
		d->nomem = true;
	}
}

/* Every key of two objects (settings, a space's fields but its lists). */
static void dcx_diff_fields(struct dcx_diff *d, const char *what,
			    json_object *old, json_object *new_)
{
	json_object *o;

	json_object_object_foreach(new_, key, nv) {
		if (!strcmp(key, "eamt") || !strcmp(key, "bindings"))
			continue;
		o = NULL;
		if (!json_object_object_get_ex(old, key, &o) ||
		    !dcx_same(o, nv))
			dcx_emit(d, "change", what, key, o, nv);
	}
}

static char *dcx_key_eam(json_object *v)
{
	const char *s = json_object_get_string(v);

	return strndup(s, strcspn(s, " "));
}

static char *dcx_key_text(json_object *v)
{
	return strdup(dcx_text(v));
}

static char *dcx_key_name(json_object *v)
{
	json_object *n;

	return strdup(json_object_object_get_ex(v, "name", &n) ?
		      json_object_get_string(n) : "");
}

static int dcx_item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dcx_item *)a)->key,
		      ((const struct dcx_item *)b)->key);
}

static void dcx_items_free(struct dcx_item *it, size_t n)
{
	size_t i;

	for (i = 0; it && i < n; i++)
		free(it[i].key);
	free(it);
}

/* The members of list a (may be NULL: empty) with their keys, sorted. */
static struct dcx_item *dcx_items(json_object *a, dcx_key_fn *key,
				  size_t *n)
{
	size_t i, len = a ? json_object_array_length(a) : 0;
	struct dcx_item *it = calloc(len ? len : 1, sizeof(*it));

	*n = len;
	for (i = 0; it && i < len; i++) {
		it[i].v = json_object_array_get_idx(a, i);
		it[i].key = key(it[i].v);
		if (!it[i].key) {
			dcx_items_free(it, i);
			return NULL;
		}
	}
	if (it)
		qsort(it, len, sizeof(*it), dcx_item_cmp);
	return it;
}

typedef void dcx_pair_fn(struct dcx_diff *d, const char *key,
			 json_object *old, json_object *new_);

/*
 * Lists old and new by key: each member on one side only is a del or an
 * add of what; members on both sides go to pair (NULL: equal keys are
 * equal members). A side's member alone is given to pair too when
 * deep: it then reports the member and what is inside it.
 */
static void dcx_diff_list(struct dcx_diff *d, const char *what,
			  json_object *old, json_object *new_,
			  dcx_key_fn *key, dcx_pair_fn *pair, bool deep)
{
	size_t no, nn, i = 0, k = 0;
	struct dcx_item *o = dcx_items(old, key, &no);
	struct dcx_item *n = dcx_items(new_, key, &nn);

	if (!o || !n) {
		d->nomem = true;
		goto out;
	}
	while (i < no || k < nn) {
		int c = i == no ? 1 : k == nn ? -1 :
			strcmp(o[i].key, n[k].key);

		if (c && deep)
			pair(d, c < 0 ? o[i].key : n[k].key,
			     c < 0 ? o[i].v : NULL, c > 0 ? n[k].v : NULL);
		else if (c)
			dcx_emit(d, c < 0 ? "del" : "add", what, NULL,
				 c < 0 ? o[i].v : NULL, c > 0 ? n[k].v : NULL);
		else if (pair)
			pair(d, o[i].key, o[i].v, n[k].v);
		i += c <= 0;
		k += c >= 0;
	}
out:
	dcx_items_free(o, no);
	dcx_items_free(n, nn);
}

/* The same IPv4 prefix on both sides: a changed entry if they differ. */
static void dcx_pair_eam(struct dcx_diff *d, const char *key,
			 json_object *old, json_object *new_)
{
	const char *a = json_object_get_string(old);
	const char *b = json_object_get_string(new_);
	json_object *o6, *n6;

	if (!strcmp(a, b))
		return;
	o6 = json_object_new_string(a + strcspn(a, " ") + 1);
	n6 = json_object_new_string(b + strcspn(b, " ") + 1);
	if (o6 && n6)
		dcx_emit(d, "change", "eam", key, o6, n6);
	else
		d->nomem = true;
	json_object_put(o6);
	json_object_put(n6);
}

static json_object *dcx_get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o)
		json_object_object_get_ex(o, key, &v);
	return v;
}

/* A space's bindings and EAM entries (old or new NULL: none). */
static void dcx_diff_lists(struct dcx_diff *d, json_object *old,
			   json_object *new_)
{
	dcx_diff_list(d, "binding", dcx_get(old, "bindings"),
		      dcx_get(new_, "bindings"), dcx_key_text, NULL, false);
	dcx_diff_list(d, "eam", dcx_get(old, "eamt"), dcx_get(new_, "eamt"),
		      dcx_key_eam, dcx_pair_eam, false);
}

/* A space on either side or both: the space, its fields, its lists. */
static void dcx_pair_space(struct dcx_diff *d, const char *name,
			   json_object *old, json_object *new_)
{
	const char *saved = d->space;

	d->space = name;
	if (!old || !new_)
		dcx_emit(d, old ? "del" : "add", "space", NULL, old, new_);
	else
		dcx_diff_fields(d, "space", old, new_);
	dcx_diff_lists(d, old, new_);
	d->space = saved;
}

json_object *dcx_config_diff(json_object *old, json_object *new_)
{
	struct dcx_diff d = { json_object_new_array(), NULL, false };
	json_object *o = dcx_get(old, "pool6"), *n = dcx_get(new_, "pool6");

	if (!d.out)
		return NULL;
	dcx_diff_fields(&d, "setting", dcx_get(old, "settings"),
			dcx_get(new_, "settings"));
	if (!dcx_same(o, n))
		dcx_emit(&d, "change", "pool6", NULL, o, n);
	d.space = "default";
	dcx_diff_lists(&d, old, new_);
	d.space = NULL;
	dcx_diff_list(&d, "space", dcx_get(old, "spaces"),
		      dcx_get(new_, "spaces"), dcx_key_name, dcx_pair_space,
		      true);
	if (d.nomem) {
		json_object_put(d.out);
		return NULL;
	}
	return d.out;
}

/* A value as the text output shows it: strings bare, null "none". */
static const char *dcx_val(json_object *v)
{
	if (!v)
		return "none";
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return dcx_text(v);
}

static const char *dcx_field(json_object *c, const char *key)
{
	return json_object_get_string(dcx_get(c, key));
}

/* "binding dev tap0 prefix4 10.0.0.0/8" */
static void dcx_text_binding(FILE *out, json_object *b)
{
	json_object *p = dcx_get(b, "prefix4");

	fprintf(out, "binding dev %s", dcx_field(b, "dev"));
	if (p)
		fprintf(out, " prefix4 %s", json_object_get_string(p));
}

void dcx_diff_text(FILE *out, json_object *changes)
{
	size_t i, n = json_object_array_length(changes);

	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(changes, i);
		const char *op = dcx_field(c, "op"), *what = dcx_field(c, "what");
		const char *space = dcx_field(c, "space");
		const char *key = dcx_field(c, "key");
		json_object *v = dcx_get(c, !strcmp(op, "del") ? "old" : "new");

		fputs(!strcmp(op, "add") ? "+ " : !strcmp(op, "del") ? "- " :
		      "~ ", out);
		if (!strcmp(what, "space"))
			fprintf(out, "space %s", space);
		else if (!strcmp(what, "binding"))
			dcx_text_binding(out, v);
		else
			fputs(what, out);
		if (strcmp(op, "change") && strcmp(what, "space") &&
		    strcmp(what, "binding"))
			fprintf(out, " %s", dcx_val(v));
		if (!strcmp(op, "change"))
			fprintf(out, "%s%s: %s -> %s", key ? " " : "",
				key ? key : "", dcx_val(dcx_get(c, "old")),
				dcx_val(v));
		if (space && strcmp(what, "space") && strcmp(space, "default"))
			fprintf(out, "  (space %s)", space);
		fputc('\n', out);
	}
}
