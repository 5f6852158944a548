// SPDX-License-Identifier: GPL-2.0
/*
 * Canonical configurations and their digest (see config_digest.h). The
 * canonical copy is built from config_print.c's JSON, so whatever "show"
 * prints is covered and nothing else is: a new field of the format is in
 * the digest as soon as "show" prints it.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include "config_digest.h"
#include "config_print.h"

#define DCX_CANON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

static int dcx_canon_cmp(const void *a, const void *b)
{
	json_object *const *x = a, *const *y = b;

	return strcmp(json_object_to_json_string_ext(*x, DCX_CANON_FLAGS),
		      json_object_to_json_string_ext(*y, DCX_CANON_FLAGS));
}

static int dcx_key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static json_object *dcx_canon_object(json_object *j)
{
	size_t n = (size_t)json_object_object_length(j), k = 0;
	const char **keys = calloc(n ? n : 1, sizeof(*keys));
	json_object *o = json_object_new_object();

	if (!keys || !o)
		goto fail;
	json_object_object_foreach(j, key, val) {
		(void)val;
		keys[k++] = key;
	}
	qsort(keys, n, sizeof(*keys), dcx_key_cmp);
	for (k = 0; k < n; k++) {
		json_object *v = json_object_object_get(j, keys[k]);
		json_object *c = v ? dcx_json_canon(v) : NULL;

		if ((v && !c) || json_object_object_add(o, keys[k], c)) {
			json_object_put(c);
			goto fail;
		}
	}
	free(keys);
	return o;
fail:
	free(keys);
	json_object_put(o);
	return NULL;
}

static json_object *dcx_canon_array(json_object *j)
{
	size_t n = json_object_array_length(j), k;
	json_object *a = json_object_new_array_ext((int)(n ? n : 1));

	for (k = 0; a && k < n; k++) {
		json_object *v = json_object_array_get_idx(j, k);
		json_object *c = v ? dcx_json_canon(v) : NULL;

		if ((v && !c) || json_object_array_add(a, c)) {
			json_object_put(c);
			json_object_put(a);
			return NULL;
		}
	}
	if (a)
		json_object_array_sort(a, dcx_canon_cmp);
	return a;
}

json_object *dcx_json_canon(json_object *j)
{
	switch (json_object_get_type(j)) {
	case json_type_object:
		return dcx_canon_object(j);
	case json_type_array:
		return dcx_canon_array(j);
	default:
		return json_object_get(j);
	}
}

json_object *dcx_config_canon(const struct dcx_uconfig *c)
{
	json_object *j = dcx_config_to_json(c), *o;

	if (!j)
		return NULL;
	/* Which instance carries it is not part of a configuration. */
	json_object_object_del(j, "instance");
	o = dcx_json_canon(j);
	json_object_put(j);
	return o;
}

int dcx_sha256_hex(const void *data, size_t len, char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) ||
	    mdlen != 32)
		return -1;
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

int dcx_config_digest(const struct dcx_uconfig *c, char *hex)
{
	json_object *j = dcx_config_canon(c);
	const char *s;
	int r;

	if (!j)
		return -1;
	s = json_object_to_json_string_ext(j, DCX_CANON_FLAGS);
	r = s ? dcx_sha256_hex(s, strlen(s), hex) : -1;
	json_object_put(j);
	return r;
}

json_object *dcx_digest_json(const char *instance, const char *hex)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "instance",
			       json_object_new_string(instance));
	json_object_object_add(o, "digest", json_object_new_string(hex));
	return o;
}
