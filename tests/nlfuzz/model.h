/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model's data (model.c keeps it, compare.c reads it back against the
 * module's dumps); nothing else of nlfuzz sees it.
 */
#ifndef NLFUZZ_MODEL_H
#define NLFUZZ_MODEL_H

#include <string.h>
#include "nlfuzz.h"

#define FZ_BINDS	64

struct fz_mspace {
	bool used;
	uint32_t id;
	struct fz_prefix pfx;
	struct fz_eam *e;
	int n, cap;
};

struct fz_mbind {
	char dev[16];
	uint8_t v4[4], len4;
	int space;
};

struct fz_set {
	struct fz_prefix pfx;
	uint32_t val;
	char str[16];
};

struct fz_cfg {
	struct fz_mspace sp[FZ_SPACES];
	struct fz_mbind b[FZ_BINDS];
	int nb;
	struct fz_set set[DCXLAT_SET_MAX + 1];
};

struct fz_minst {
	bool exists, staging;
	struct fz_cfg live, stage;
};

static inline bool fz_eam_same(const struct fz_eam *a,
			       const struct fz_eam *b)
{
	return a->len4 == b->len4 && a->len6 == b->len6 &&
	       a->remote == b->remote && !memcmp(a->v4, b->v4, 4) &&
	       !memcmp(a->v6, b->v6, 16);
}

extern struct fz_minst fz_m[FZ_INSTANCES];
/* A new instance's settings. */
extern struct fz_set fz_defaults[DCXLAT_SET_MAX + 1];

#endif /* NLFUZZ_MODEL_H */
