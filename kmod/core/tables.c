// SPDX-License-Identifier: GPL-2.0
/*
 * The tables of an instance (see tables.h): the EAM indexes and hashes,
 * pool6 and the bindings, made and freed together with the spaces
 * (space.c) and bindings (bind.c).
 */
#include "space.h"
#include "tables.h"

struct dcx_tables *dcx_tables_alloc(gfp_t gfp)
{
	struct dcx_tables *t = kzalloc(sizeof(*t), gfp);

	if (!t)
		return NULL;
	/* t->binds: zeroed, every bucket empty. */
	dcx_eam6_init(t);
	dcx_lpm_init(&t->pool6, 128);
	if (dcx_spaces_init(t, gfp)) {
		kfree(t);
		return NULL;
	}
	return t;
}

void dcx_tables_destroy(struct dcx_tables *t)
{
	if (!t)
		return;
	/* Values are freed with the spaces: eam4 owns EAMs, spaces pool6s. */
	dcx_eamidx_destroy(&t->eam6, NULL);
	dcx_lenhash_destroy(&t->eam6_hash);
	dcx_lpm_destroy(&t->pool6, NULL);
	dcx_spaces_destroy(t);
	kfree(t);
}
