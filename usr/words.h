/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words after OBJECT COMMAND, checked the same way by every
 * command's parser (cmd_*.c): the instance name, "space NAME", numbers,
 * device names, extra words. Pure. Every function returns 0, or -1 with
 * "CTX: what to fix" in err; ctx is "eamt add" etc.
 */
#ifndef DCXLAT_USR_WORDS_H
#define DCXLAT_USR_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cli.h"

/* Set err (a parser's err/errlen) and evaluate to -1. */
#define DCX_ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)

/*
 * The words every parser of the instance-level objects (instance, pool6,
 * stats, monitor) refuses: --file, more than max words (obj for the hint).
 */
int dcx_word_max(const struct dcx_args *a, int n, const char *const *w,
		 int max, const char *obj, const char *ctx, char *err,
		 size_t errlen);
/* No word at all: "CTX: unexpected argument" (hint: try HELP, or none). */
int dcx_word_none(int n, const char *const *w, const char *hint,
		  const char *ctx, char *err, size_t errlen);
/* The instance a command acts on: word, else -i, else dflt. */
int dcx_word_name(struct dcx_args *a, const char *word, const char *dflt,
		  const char *ctx, char *err, size_t errlen);
/* Take "space NAME" out of the n words w (anywhere); *n is what is left. */
int dcx_word_space(struct dcx_args *a, int *n, const char **w,
		   const char *ctx, char *err, size_t errlen);
/* A number min..max (any base strtoull reads) for key. */
int dcx_word_u32(const char *ctx, const char *key, const char *s,
		 uint32_t min, uint32_t max, uint32_t *out, char *err,
		 size_t errlen);
/* A device name for key into out (DCX_IFNAMSIZ bytes). */
int dcx_word_dev(const char *ctx, const char *key, const char *s, char *out,
		 char *err, size_t errlen);

#endif /* DCXLAT_USR_WORDS_H */
