// SPDX-License-Identifier: GPL-2.0
/*
 * The rules of a configuration that span fields (see config_check.h):
 * unique space names and IDs, space prefixes that do not overlap, no
 * binding twice, EAM entries that overlap neither each other nor another
 * space's prefix. Messages name the fields as config_parse.c does.
 * dcx_check_eams holds the EAM overlap rules as one unit, to be replaced
 * by the core's shared EAM rules (kmod/core).
 */
#include <stdlib.h>
#include <string.h>
#include "core/prefix.h"
#include "config_check.h"

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

/* The kernel's rule (kmod/core/prefix.c): one prefix contains the other. */
static bool dcx_p6_overlap(const struct dcx_uprefix *a,
			   const struct dcx_uprefix *b)
{
	return dcx_prefix_overlap(a->addr.s6_addr, a->len, b->addr.s6_addr,
				  b->len);
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
	size_t total = 0, k, i, n = 0, o, only = SIZE_MAX;
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
		if (s->eamt.n)
			only = only == SIZE_MAX ? k : SIZE_MAX - 1;
	}
	if (total < 2)
		return 0;
	/* One space holds them all: its own list, the same labels. */
	if (only < SIZE_MAX - 1)
		return dcx_eam_check_overlaps(dcx_space_at(c, only)->eamt.v,
					      total, false, dcx_label_in_space,
					      &only, err, errlen);
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
