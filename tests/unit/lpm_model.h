/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reference model for the randomized kmod/core/lpm.c tests
 * (test_core_lpm_rand.c, test_core_lpm_rcu.c): a linear-scan table with
 * byte-wise prefix arithmetic (independent of lpm.c's word code), a
 * fixed-seed generator of clustered keys, and a walk callback that copies
 * every entry out. Each binary starts from the same seed.
 */
#ifndef DCX_LPM_MODEL_H
#define DCX_LPM_MODEL_H

#include "lpm_helpers.h"

/* ---- model for the randomized tests --------------------------------- */

struct ment {
	u8 key[16];
	u8 cidr;
	uintptr_t val;
};

struct model {
	struct ment *e;
	unsigned int n, cap, bits;
};

static u64 rng = 0x9e3779b97f4a7c15ULL;

static inline u64 rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static inline unsigned int rndn(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

/* Byte-wise prefix logic, independent of lpm.c's word arithmetic. */
static inline bool pmatch(const u8 *a, const u8 *b, unsigned int cidr)
{
	unsigned int full = cidr / 8, rest = cidr % 8;

	if (memcmp(a, b, full))
		return false;
	return !rest || !((a[full] ^ b[full]) & (u8)(0xff << (8 - rest)));
}

static inline void pmask(u8 *k, unsigned int cidr, unsigned int bits)
{
	unsigned int i;

	for (i = 0; i < bits / 8; i++) {
		if (cidr >= 8 * (i + 1))
			continue;
		k[i] &= cidr <= 8 * i ? 0 : (u8)(0xff << (8 - (cidr - 8 * i)));
	}
}

static inline int ment_cmp(const void *pa, const void *pb)
{
	const struct ment *a = pa, *b = pb;
	int r = memcmp(a->key, b->key, 16);

	return r ? r : (int)a->cidr - (int)b->cidr;
}

static inline int m_find(const struct model *m, const u8 *key,
			 unsigned int cidr)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->e[i].cidr == cidr && pmatch(m->e[i].key, key, cidr))
			return i;
	return -1;
}

/*
 * Does an entry overlap key/cidr (contain it, lie inside it, be it)?
 * With val != 0: does that entry have the value val?
 */
static inline bool m_overlap(const struct model *m, const u8 *key,
			     unsigned int cidr, uintptr_t val)
{
	unsigned int i, c;

	for (i = 0; i < m->n; i++) {
		c = m->e[i].cidr;
		if (pmatch(m->e[i].key, key, min(cidr, c)) &&
		    (!val || m->e[i].val == val))
			return true;
	}
	return false;
}

static inline int m_lookup(const struct model *m, const u8 *addr)
{
	int i, best = -1;

	for (i = 0; i < (int)m->n; i++)
		if (pmatch(m->e[i].key, addr, m->e[i].cidr) &&
		    (best < 0 || m->e[i].cidr > m->e[best].cidr))
			best = i;
	return best;
}

static inline void m_add(struct model *m, const u8 *key, unsigned int cidr,
			 uintptr_t val)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 256;
		m->e = realloc(m->e, m->cap * sizeof(*m->e));
		assert_non_null(m->e);
	}
	memset(&m->e[m->n], 0, sizeof(m->e[0]));
	memcpy(m->e[m->n].key, key, m->bits / 8);
	m->e[m->n].cidr = cidr;
	m->e[m->n].val = val;
	m->n++;
}

static inline void m_del(struct model *m, int i)
{
	m->e[i] = m->e[--m->n];
}

/*
 * Clustered keys: a few random bases, each key keeps the first d bits of
 * one of them, so prefixes nest and branch a lot.
 */
struct gen {
	unsigned int bits;
	u8 base[16][16];
};

static inline void gen_init(struct gen *g, unsigned int bits)
{
	unsigned int i, j;

	g->bits = bits;
	for (i = 0; i < 16; i++)
		for (j = 0; j < 16; j++)
			g->base[i][j] = rnd();
	memset(g->base[0], 0, 16);
	memset(g->base[1], 0xff, 16);
}

static inline void gen_addr(const struct gen *g, u8 *out, unsigned int *depth)
{
	unsigned int bytes = g->bits / 8, d, i;
	const u8 *b = g->base[rndn(16)];
	u8 mask;

	d = rndn(2) ? rndn(g->bits + 1) : g->bits - rndn(min(g->bits, 13U));
	memset(out, 0, 16);
	for (i = 0; i < bytes; i++) {
		out[i] = rnd();
		if (d >= 8 * (i + 1))
			out[i] = b[i];
		else if (d > 8 * i) {
			mask = (u8)(0xff << (8 - (d - 8 * i)));
			out[i] = (b[i] & mask) | (out[i] & ~mask);
		}
	}
	if (depth)
		*depth = d;
}

static inline unsigned int gen_prefix(const struct gen *g, u8 *key)
{
	static const u8 common4[] = { 0, 8, 16, 24, 32 };
	static const u8 common6[] = { 0, 32, 48, 64, 96, 128 };
	unsigned int d, r = rndn(10);
	int cidr;

	gen_addr(g, key, &d);
	if (r < 4) {
		cidr = rndn(g->bits + 1);
	} else if (r < 8) {
		cidr = (int)d + (int)rndn(9) - 4;
		cidr = cidr < 0 ? 0 : min(cidr, (int)g->bits);
	} else if (g->bits == 32) {
		cidr = common4[rndn(ARRAY_SIZE(common4))];
	} else {
		cidr = common6[rndn(ARRAY_SIZE(common6))];
	}
	pmask(key, cidr, g->bits);
	return cidr;
}

struct walk_all {
	struct ment *out;
	unsigned int n, max, bytes;
};

static inline int walk_all_cb(void *ctx, const u8 *key, u8 cidr, void *value)
{
	struct walk_all *w = ctx;

	assert_true(w->n < w->max);
	memset(&w->out[w->n], 0, sizeof(w->out[0]));
	memcpy(w->out[w->n].key, key, w->bytes);
	w->out[w->n].cidr = cidr;
	w->out[w->n].val = U(value);
	w->n++;
	return 0;
}

#endif /* DCX_LPM_MODEL_H */
