// SPDX-License-Identifier: GPL-2.0
/*
 * Argument words shared by the command parsers (see words.h): one
 * wording for each mistake, whatever the command.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "name.h"
#include "words.h"

int dcx_word_max(const struct dcx_args *a, int n, const char *const *w,
		 int max, const char *obj, const char *ctx, char *err,
		 size_t errlen)
{
	if (a->file)
		return DCX_ERR("%s: --file is for eamt add, eamt del and apply", ctx);
	if (n > max)
		return DCX_ERR("%s: unexpected argument \"%s\"; try \"dcxlat %s help\"",
			       ctx, w[max], obj);
	return 0;
}

int dcx_word_none(int n, const char *const *w, const char *hint,
		  const char *ctx, char *err, size_t errlen)
{
	if (n)
		return DCX_ERR("%s: unexpected argument \"%s\"%s", ctx, w[0],
			       hint);
	return 0;
}

int dcx_word_name(struct dcx_args *a, const char *word, const char *dflt,
		  const char *ctx, char *err, size_t errlen)
{
	if (word && a->instance && strcmp(word, a->instance))
		return DCX_ERR("%s: two instance names given (-i %s and %s); give one",
			       ctx, a->instance, word);
	a->name = word ? word : a->instance ? a->instance : dflt;
	return 0;
}

int dcx_word_space(struct dcx_args *a, int *n, const char **w,
		   const char *ctx, char *err, size_t errlen)
{
	char msg[256];
	int i, k = 0;

	for (i = 0; i < *n; i++) {
		if (strcmp(w[i], "space")) {
			w[k++] = w[i];
			continue;
		}
		if (i + 1 >= *n)
			return DCX_ERR("%s: \"space\" needs a NAME (e.g. space tenant-a)",
				       ctx);
		if (a->space)
			return DCX_ERR("%s: \"space\" given twice", ctx);
		a->space = w[++i];
		if (!a->skip_checks &&
		    dcx_space_name_check(a->space, msg, sizeof(msg)))
			return DCX_ERR("%s: %s", ctx, msg);
	}
	*n = k;
	return 0;
}

int dcx_word_u32(const char *ctx, const char *key, const char *s,
		 uint32_t min, uint32_t max, uint32_t *out, char *err,
		 size_t errlen)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (!*s || *end || errno || *s == '-')
		return DCX_ERR("%s: %s \"%s\" is not a number", ctx, key, s);
	if (v < min || v > max)
		return DCX_ERR("%s: %s %llu is out of range; use %u to %u",
			       ctx, key, v, min, max);
	*out = (uint32_t)v;
	return 0;
}

int dcx_word_dev(const char *ctx, const char *key, const char *s, char *out,
		 char *err, size_t errlen)
{
	if (!dcx_dev_name_ok(s))
		return DCX_ERR("%s: %s \"%s\" is not a valid device name (1 to 15 characters, no '/', ':' or blanks)",
			       ctx, key, s);
	snprintf(out, DCX_IFNAMSIZ, "%s", s);
	return 0;
}
