// SPDX-License-Identifier: GPL-2.0
/*
 * A JSON configuration through yajl's callbacks (see config_stream.h).
 * A stack of open containers builds the json-c tree as json-c's parser
 * would: values added when complete, a repeated key's last value in the
 * first one's place (json_object_object_add), numbers made by json-c
 * from their own text (its int64/uint64/double rules and limits). The
 * "eamt" arrays of the root and of the objects in the root's "spaces"
 * array are read by dcx_eam_scan() (dcx_eam_parse_str() for the unusual
 * forms) straight into the array's EAM list; any callback that returns 0
 * stops yajl, and the text goes to json-c instead.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>
#include "config_stream.h"

/* Below json-c's 32: deeper text is json-c's to judge (a valid file has 5). */
#define DCX_STREAM_DEPTH 16

enum dcx_kind { DCX_K_MAP, DCX_K_ARRAY, DCX_K_SPACES, DCX_K_EAMT };

struct dcx_frame {
	json_object *o;		/* the container, not yet in its parent */
	char *key;		/* a map's key waiting for its value */
	enum dcx_kind kind;
};

struct dcx_stream {
	const char *text;
	size_t len;
	yajl_handle h;
	json_object *root;
	size_t end;		/* of the root object in text */
	struct dcx_frame f[DCX_STREAM_DEPTH];
	int depth;		/* open containers */
};

static void dcx_vec_delete(json_object *j, void *p)
{
	(void)j;
	dcx_eam_vec_free(p);
	free(p);
}

struct dcx_eam_vec *dcx_stream_eamt(json_object *j)
{
	/* json-c's parser never sets an array's userdata; only we do. */
	return json_object_is_type(j, json_type_array) ?
	       json_object_get_userdata(j) : NULL;
}

/*
 * yajl passes a string that has no escape as a pointer into the text,
 * one with escapes in its own decoding (which may differ from json-c's:
 * lone surrogates, \u0000), so those are declined.
 */
static bool dcx_in_text(const struct dcx_stream *s, const void *p, size_t l)
{
	const char *c = p;

	return c >= s->text && c <= s->text + s->len &&
	       l <= (size_t)(s->text + s->len - c) && l <= INT_MAX;
}

static struct dcx_frame *dcx_top(struct dcx_stream *s)
{
	return s->depth ? &s->f[s->depth - 1] : NULL;
}

/* v (NULL: JSON null) into the open container; 0 declines. */
static int dcx_put(struct dcx_stream *s, json_object *v)
{
	struct dcx_frame *t = dcx_top(s);
	int r = -1;

	if (t && t->kind == DCX_K_MAP && t->key) {
		r = json_object_object_add(t->o, t->key, v);
		free(t->key);
		t->key = NULL;
	} else if (t && (t->kind == DCX_K_ARRAY || t->kind == DCX_K_SPACES)) {
		r = json_object_array_add(t->o, v);
	}
	if (r)
		json_object_put(v);
	return !r;
}

static int dcx_s_null(void *ctx)
{
	return dcx_put(ctx, NULL);
}

static int dcx_s_bool(void *ctx, int b)
{
	json_object *v = json_object_new_boolean(b);

	return v && dcx_put(ctx, v);
}

static int dcx_s_number(void *ctx, const char *n, size_t l)
{
	json_object *v;
	char buf[64];

	if (l >= sizeof(buf))
		return 0;
	memcpy(buf, n, l);
	buf[l] = '\0';
	v = json_tokener_parse(buf);
	return v && dcx_put(ctx, v);
}

/* One entry of an "eamt" array; a bad one declines (json-c words it). */
static int dcx_s_entry(struct dcx_frame *t, const char *str, size_t l)
{
	struct dcx_eam_vec *vec = dcx_stream_eamt(t->o);
	char buf[256], msg[256], *p = buf;
	struct dcx_ueam e;
	bool ok;

	if (l >= sizeof(buf) && !(p = malloc(l + 1)))
		return 0;
	memcpy(p, str, l);
	p[l] = '\0';
	ok = dcx_eam_scan(p, &e) || !dcx_eam_parse_str(p, &e, msg, sizeof(msg));
	if (p != buf)
		free(p);
	if (!ok)
		return 0;
	e.tag = (unsigned int)vec->n;
	return !dcx_eam_vec_push(vec, &e);
}

static int dcx_s_string(void *ctx, const unsigned char *str, size_t l)
{
	struct dcx_stream *s = ctx;
	struct dcx_frame *t = dcx_top(s);
	json_object *v;

	if (!dcx_in_text(s, str, l))
		return 0;
	if (t && t->kind == DCX_K_EAMT)
		return dcx_s_entry(t, (const char *)str, l);
	v = json_object_new_string_len((const char *)str, (int)l);
	return v && dcx_put(s, v);
}

static int dcx_s_key(void *ctx, const unsigned char *k, size_t l)
{
	struct dcx_stream *s = ctx;
	struct dcx_frame *t = dcx_top(s);

	if (!dcx_in_text(s, k, l) || !t || t->kind != DCX_K_MAP || t->key)
		return 0;
	t->key = strndup((const char *)k, l);
	return t->key != NULL;
}

static int dcx_open(struct dcx_stream *s, json_object *o, enum dcx_kind kind)
{
	struct dcx_frame *f;

	if (!o)
		return 0;
	if (s->depth == DCX_STREAM_DEPTH) {
		json_object_put(o);
		return 0;
	}
	f = &s->f[s->depth++];
	f->o = o;
	f->key = NULL;
	f->kind = kind;
	return 1;
}

static int dcx_s_start_map(void *ctx)
{
	struct dcx_stream *s = ctx;
	struct dcx_frame *t = dcx_top(s);

	if ((t && t->kind == DCX_K_EAMT) || (!t && s->root))
		return 0;
	return dcx_open(s, json_object_new_object(), DCX_K_MAP);
}

static bool dcx_key_is(const struct dcx_frame *f, const char *k)
{
	return f->kind == DCX_K_MAP && f->key && !strcmp(f->key, k);
}

static int dcx_s_start_array(void *ctx)
{
	struct dcx_stream *s = ctx;
	struct dcx_frame *t = dcx_top(s);
	enum dcx_kind kind = DCX_K_ARRAY;
	struct dcx_eam_vec *vec;
	json_object *a;

	/* The root is an object, or json-c says what is wrong. */
	if (!t || t->kind == DCX_K_EAMT)
		return 0;
	/* The root's "eamt", or one of a space in the root's "spaces". */
	if ((s->depth == 1 || (s->depth == 3 &&
			       s->f[1].kind == DCX_K_SPACES)) &&
	    dcx_key_is(t, "eamt"))
		kind = DCX_K_EAMT;
	else if (s->depth == 1 && dcx_key_is(t, "spaces"))
		kind = DCX_K_SPACES;
	a = json_object_new_array();
	if (a && kind == DCX_K_EAMT) {
		vec = calloc(1, sizeof(*vec));
		if (!vec) {
			json_object_put(a);
			return 0;
		}
		json_object_set_userdata(a, vec, dcx_vec_delete);
	}
	return dcx_open(s, a, kind);
}

static int dcx_s_end(void *ctx)
{
	struct dcx_stream *s = ctx;
	struct dcx_frame *f = &s->f[--s->depth];
	json_object *o = f->o;

	f->o = NULL;
	if (!s->depth) {
		s->root = o;
		s->end = yajl_get_bytes_consumed(s->h);
		return 1;
	}
	return dcx_put(s, o);
}

int dcx_config_stream(const char *text, size_t len, json_object **root)
{
	static const yajl_callbacks cb = {
		.yajl_null = dcx_s_null,
		.yajl_boolean = dcx_s_bool,
		.yajl_number = dcx_s_number,
		.yajl_string = dcx_s_string,
		.yajl_start_map = dcx_s_start_map,
		.yajl_map_key = dcx_s_key,
		.yajl_end_map = dcx_s_end,
		.yajl_start_array = dcx_s_start_array,
		.yajl_end_array = dcx_s_end,
	};
	struct dcx_stream s = { .text = text, .len = len };
	bool ok;
	size_t i;

	*root = NULL;
	/* yajl's blanks include \f and \v, which json-c refuses. */
	if (memchr(text, '\f', len) || memchr(text, '\v', len))
		return 1;
	s.h = yajl_alloc(&cb, NULL, &s);
	if (!s.h)
		return 1;
	/* Defaults: no comments, UTF-8 checked, one value. */
	ok = yajl_parse(s.h, (const unsigned char *)text, len) ==
	     yajl_status_ok && yajl_complete_parse(s.h) == yajl_status_ok &&
	     s.root && !s.depth;
	yajl_free(s.h);
	/* As config_parse.c: only blanks after the value (yajl lets '"' by). */
	for (i = s.end; ok && i < len; i++)
		ok = strchr(" \t\r\n", text[i]) && text[i];
	while (s.depth-- > 0) {
		json_object_put(s.f[s.depth].o);
		free(s.f[s.depth].key);
	}
	if (!ok) {
		json_object_put(s.root);
		return 1;
	}
	*root = s.root;
	return 0;
}
