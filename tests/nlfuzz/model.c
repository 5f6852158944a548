// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz's model: what the configuration of the modelled instances (fz0,
 * fz1) must be after the structured requests the module accepted (its
 * comparison with the module's dumps is compare.c). Only the main process edits these
 * instances outside a transaction, so the model follows every accepted
 * request exactly: live and, while the main socket has one open, staging
 * configurations (uapi "Transactions"). Spaces are named from a fixed
 * list, index 0 being "default" (whose prefix is pool6).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include "uapi/dcxlat_settings.h"
#include "nlfuzz.h"
#include "model.h"
#include "gen.h"

struct fz_minst fz_m[FZ_INSTANCES];

const char *const fz_inst_names[FZ_INSTANCES] = { "fz0", "fz1" };
const char *const fz_space_names[FZ_SPACES] = {
	"default", "s1", "s2", "s3", "s4", "s5",
};

struct fz_set fz_defaults[DCXLAT_SET_MAX + 1];

static struct fz_cfg *fz_cfg_of(int inst)
{
	return fz_m[inst].staging ? &fz_m[inst].stage : &fz_m[inst].live;
}

static void fz_cfg_clear(struct fz_cfg *c)
{
	int i;

	for (i = 0; i < FZ_SPACES; i++)
		free(c->sp[i].e);
	memset(c, 0, sizeof(*c));
}

static void fz_cfg_fresh(struct fz_cfg *c)
{
	fz_cfg_clear(c);
	c->sp[0].used = true;
	memcpy(c->set, fz_defaults, sizeof(c->set));
}

bool fz_model_exists(int inst)
{
	return fz_m[inst].exists;
}

bool fz_model_staging(int inst)
{
	return fz_m[inst].staging;
}

bool fz_model_space(int inst, int space)
{
	return fz_cfg_of(inst)->sp[space].used;
}

int fz_model_neam(int inst, int space)
{
	return fz_cfg_of(inst)->sp[space].n;
}

const struct fz_eam *fz_model_eam(int inst, int space, int k)
{
	return &fz_cfg_of(inst)->sp[space].e[k];
}

/* ---- prefixes ---- */

static bool fz_bits_eq(const uint8_t *a, const uint8_t *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if ((a[i / 8] ^ b[i / 8]) & (0x80 >> (i % 8)))
			return false;
	return true;
}

static bool fz_overlap(const uint8_t *a, unsigned int la, const uint8_t *b,
		       unsigned int lb)
{
	return fz_bits_eq(a, b, la < lb ? la : lb);
}

static bool fz_host_zero(const uint8_t *a, unsigned int len,
			 unsigned int bits)
{
	unsigned int i;

	for (i = len; i < bits; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

bool fz_model_eam_clash_n(int inst, int space, const struct fz_eam *e,
			  const struct fz_eam *prev, int nprev)
{
	const struct fz_cfg *c = fz_cfg_of(inst);
	const struct fz_mspace *s;
	int i, k;

	if (e->len4 > 32 || e->len6 > 128 || 32 - e->len4 != 128 - e->len6 ||
	    !fz_host_zero(e->v4, e->len4, 32) ||
	    !fz_host_zero(e->v6, e->len6, 128))
		return true;
	for (k = 0; k < nprev; k++)
		if (fz_overlap(e->v4, e->len4, prev[k].v4, prev[k].len4) ||
		    fz_overlap(e->v6, e->len6, prev[k].v6, prev[k].len6))
			return true;
	for (k = 0; k < c->sp[space].n; k++)
		if (fz_overlap(e->v4, e->len4, c->sp[space].e[k].v4,
			       c->sp[space].e[k].len4))
			return true;
	for (i = 0; i < FZ_SPACES; i++) {
		s = &c->sp[i];
		if (!s->used)
			continue;
		for (k = 0; k < s->n; k++)
			if (fz_overlap(e->v6, e->len6, s->e[k].v6,
				       s->e[k].len6))
				return true;
		if (i != space && s->pfx.set && s->pfx.len &&
		    fz_overlap(e->v6, e->len6, s->pfx.addr, s->pfx.len))
			return true;
	}
	return false;
}

/* ---- applying an accepted request ---- */

static void fz_eam_push(struct fz_mspace *s, const struct fz_eam *e)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->e = fz_xrealloc(s->e, s->cap * sizeof(*s->e));
	}
	s->e[s->n++] = *e;
}

/* EAMT_DEL's element k: the entry it names, as the module finds it. */
static int fz_eam_find(struct fz_cfg *c, int space,
		       const struct fz_intent *in, int k)
{
	const struct fz_eam *q = &in->eams[k];
	struct fz_mspace *s = &c->sp[space];
	int j;

	for (j = 0; j < s->n; j++) {
		if (in->has4[k] && (s->e[j].len4 != q->len4 ||
				    memcmp(s->e[j].v4, q->v4, 4)))
			continue;
		if (!in->has4[k] && (s->e[j].len6 != q->len6 ||
				     memcmp(s->e[j].v6, q->v6, 16)))
			continue;
		return j;
	}
	return -1;
}

static void fz_apply_eam(struct fz_cfg *c, const struct fz_intent *in)
{
	struct fz_mspace *s = &c->sp[in->space < 0 ? 0 : in->space];
	int sp = in->space < 0 ? 0 : in->space, k, j;

	for (k = 0; k < in->neam; k++) {
		if (in->cmd == DCXLAT_CMD_EAMT_ADD) {
			fz_eam_push(s, &in->eams[k]);
			continue;
		}
		j = fz_eam_find(c, sp, in, k);
		if (j < 0) {
			fz_fail(&fz_cnt->model_fail,
				"EAMT_DEL accepted for an entry the model lacks (element %d)",
				k + 1);
			continue;
		}
		s->e[j] = s->e[--s->n];
	}
}

static void fz_space_drop(struct fz_cfg *c, int sp)
{
	int i;

	free(c->sp[sp].e);
	memset(&c->sp[sp], 0, sizeof(c->sp[sp]));
	for (i = 0; i < c->nb; i++)
		if (c->b[i].space == sp)
			c->b[i--] = c->b[--c->nb];
}

/* SPACE_ADD without a prefix: base + ID (core/space.c). */
static void fz_prefix_from_base(const struct fz_cfg *c, uint32_t id,
				struct fz_prefix *p)
{
	const struct fz_prefix *base = &c->set[DCXLAT_SET_SPACE_BASE].pfx;
	unsigned int bit, i;

	memset(p, 0, sizeof(*p));
	if (!base->len)
		return;
	memcpy(p->addr, base->addr, 16);
	for (i = 0; i < 16; i++) {
		bit = base->len + i;
		if (id & (0x8000 >> i))
			p->addr[bit / 8] |= 0x80 >> (bit % 8);
	}
	p->len = 96;
	p->set = true;
}

static void fz_apply_space(struct fz_cfg *c, const struct fz_intent *in)
{
	struct fz_mspace *s = &c->sp[in->space];

	switch (in->cmd) {
	case DCXLAT_CMD_SPACE_ADD:
		memset(s, 0, sizeof(*s));
		s->used = true;
		s->id = in->id;
		if (!in->has_pfx)
			fz_prefix_from_base(c, in->id, &s->pfx);
		break;
	case DCXLAT_CMD_SPACE_DEL:
		fz_space_drop(c, in->space);
		return;
	}
	if (in->has_pfx) {
		s->pfx = in->pfx;
		s->pfx.set = in->pfx.len > 0;
	}
}

static void fz_apply_bind(struct fz_cfg *c, const struct fz_intent *in)
{
	struct fz_mbind *b;
	int i;

	for (i = 0; i < c->nb; i++) {
		b = &c->b[i];
		if (strcmp(b->dev, in->dev) || b->len4 != in->blen4 ||
		    memcmp(b->v4, in->b4, 4))
			continue;
		if (in->cmd == DCXLAT_CMD_BIND_DEL) {
			c->b[i] = c->b[--c->nb];
			return;
		}
		break;
	}
	if (in->cmd == DCXLAT_CMD_BIND_DEL || i < c->nb || c->nb == FZ_BINDS) {
		fz_fail(&fz_cnt->model_fail, "%s accepted for %s, the model %s",
			fz_cmd_name(in->cmd), in->dev,
			in->cmd == DCXLAT_CMD_BIND_DEL ? "lacks it" :
			"has it already (or is full)");
		return;
	}
	b = &c->b[c->nb++];
	snprintf(b->dev, sizeof(b->dev), "%s", in->dev);
	memcpy(b->v4, in->b4, 4);
	b->len4 = in->blen4;
	b->space = in->space < 0 ? 0 : in->space;
}

static void fz_apply_settings(struct fz_cfg *c, const struct fz_intent *in)
{
	int id;

	for (id = 1; id <= DCXLAT_SET_MAX; id++) {
		if (!in->set_has[id])
			continue;
		c->set[id].pfx = in->set_pfx[id];
		c->set[id].val = in->set_val[id];
		memcpy(c->set[id].str, in->set_str[id], 16);
	}
}

void fz_model_apply(const struct fz_intent *in)
{
	struct fz_minst *m = &fz_m[in->inst];
	struct fz_cfg *c = fz_cfg_of(in->inst);

	switch (in->cmd) {
	case DCXLAT_CMD_INSTANCE_ADD:
		m->exists = true;
		m->staging = false;
		fz_cfg_clear(&m->stage);
		fz_cfg_fresh(&m->live);
		break;
	case DCXLAT_CMD_INSTANCE_DEL:
		m->exists = false;
		m->staging = false;
		fz_cfg_clear(&m->stage);
		fz_cfg_clear(&m->live);
		break;
	case DCXLAT_CMD_POOL6_SET:
		c->sp[0].pfx = in->pfx;
		c->sp[0].pfx.set = true;
		break;
	case DCXLAT_CMD_POOL6_FLUSH:
		memset(&c->sp[0].pfx, 0, sizeof(c->sp[0].pfx));
		break;
	case DCXLAT_CMD_EAMT_ADD:
	case DCXLAT_CMD_EAMT_DEL:
		fz_apply_eam(c, in);
		break;
	case DCXLAT_CMD_EAMT_FLUSH:
		c->sp[in->space < 0 ? 0 : in->space].n = 0;
		break;
	case DCXLAT_CMD_SETTINGS_SET:
		fz_apply_settings(c, in);
		break;
	case DCXLAT_CMD_SPACE_ADD:
	case DCXLAT_CMD_SPACE_SET:
	case DCXLAT_CMD_SPACE_DEL:
		fz_apply_space(c, in);
		break;
	case DCXLAT_CMD_BIND_ADD:
	case DCXLAT_CMD_BIND_DEL:
		fz_apply_bind(c, in);
		break;
	case DCXLAT_CMD_TXN_BEGIN:
		m->staging = true;
		fz_cfg_fresh(&m->stage);
		break;
	case DCXLAT_CMD_TXN_COMMIT:
		fz_cfg_clear(&m->live);
		m->live = m->stage;
		memset(&m->stage, 0, sizeof(m->stage));
		m->staging = false;
		break;
	case DCXLAT_CMD_TXN_ABORT:
		fz_cfg_clear(&m->stage);
		m->staging = false;
		break;
	}
}
