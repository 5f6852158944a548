/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What gen.c (structured requests) lends to garble.c and the model: the
 * intents and their messages, the defects a request may carry on purpose,
 * the settings table's types and ranges.
 */
#ifndef NLFUZZ_GEN_H
#define NLFUZZ_GEN_H

#include "nlfuzz.h"

/* A defect that makes the module refuse a request whatever it says. */
enum {
	FZ_DEF_NONE,
	FZ_DEF_ABI,		/* DCXLAT_A_ABI of another version */
	FZ_DEF_NOINST,		/* no DCXLAT_A_INSTANCE */
	FZ_DEF_UNKNOWN,		/* an instance that does not exist */
	FZ_DEF_COUNT
};

/* DCXLAT_ST_* and the range of setting id (uapi/dcxlat_settings.h). */
int fz_set_kind(int id);
uint32_t fz_set_lo(int id);
uint32_t fz_set_hi(int id);

/* A space index, or -1 (DCXLAT_A_SPACE absent). */
int fz_pick_space(void);
/* Commands that have a dump. */
bool fz_cmd_dumps(int cmd);
/* A random intent of cmd; modelled: EAMT_DEL picks the model's entries. */
void fz_intent_random(struct fz_intent *in, int cmd, int inst,
		      bool modelled);
/* The request of an intent, to instance name, with a defect (FZ_DEF_*). */
void fz_build(struct fz_msg *m, const struct fz_intent *in, const char *name,
	      bool dump, int defect);

#endif /* NLFUZZ_GEN_H */
