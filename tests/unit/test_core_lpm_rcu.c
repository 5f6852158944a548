// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/lpm.c, writers interleaved with readers: the debug hook runs
 * a write at a chosen node a lookup or walk reads. A lookup overlapping a
 * write answers as before or as after it; dumps interrupted by writes stay
 * ordered, complete and free of entries that never existed; ASan sees any
 * node freed before its grace period. Model and keys: lpm_model.h.
 */
#include "lpm_model.h"

/* ---- writers interleaved with readers ------------------------------- */

/* One pending write, done by the hook at a chosen reader step. */
static struct {
	struct dcx_lpm *t;
	struct model *m;
	struct gen *g;
	unsigned int step, fire_at;
	bool armed, fired, random_ops;
	uintptr_t seq;
	u8 key[16];
	unsigned int cidr;
	bool is_insert;
	/* for walks: what changed while walking */
	struct model added, removed;
} hk;

static void hk_prepare(void)
{
	struct model *m = hk.m;
	int i;

	if (m->n < 300 || rndn(2)) {
		do {
			hk.cidr = gen_prefix(hk.g, hk.key);
		} while (m_find(m, hk.key, hk.cidr) >= 0);
		hk.is_insert = true;
	} else {
		i = rndn(m->n);
		memcpy(hk.key, m->e[i].key, 16);
		hk.cidr = m->e[i].cidr;
		hk.is_insert = false;
	}
}

/* Apply the prepared write to the trie (we are inside a reader). */
static void hk_write(void)
{
	void *v;
	int i;

	if (hk.is_insert) {
		hk.seq++;
		/* Inside rcu_read_lock(): GFP_KERNEL would be a bug. */
		assert_int_equal(dcx_lpm_insert(hk.t, hk.key, hk.cidr,
						V(hk.seq), GFP_ATOMIC, &lock),
				 0);
		m_add(hk.m, hk.key, hk.cidr, hk.seq);
		m_add(&hk.added, hk.key, hk.cidr, hk.seq);
	} else {
		i = m_find(hk.m, hk.key, hk.cidr);
		assert_true(i >= 0);
		v = dcx_lpm_remove(hk.t, hk.key, hk.cidr, &lock);
		assert_int_equal(U(v), hk.m->e[i].val);
		m_add(&hk.removed, hk.key, hk.cidr, hk.m->e[i].val);
		m_del(hk.m, i);
	}
}

static void hk_hook(void)
{
	if (hk.random_ops) {
		if (rndn(20) == 0) {
			hk_prepare();
			hk_write();
		}
		return;
	}
	if (hk.armed && !hk.fired && hk.step++ == hk.fire_at) {
		hk.fired = true;
		hk_write();
	}
}

static void fill(struct dcx_lpm *t, struct model *m, struct gen *g,
		 unsigned int n)
{
	u8 key[16];
	unsigned int cidr;

	while (m->n < n) {
		cidr = gen_prefix(g, key);
		if (m_find(m, key, cidr) >= 0)
			continue;
		mutex_lock(&lock);
		assert_int_equal(dcx_lpm_insert(t, key, cidr, V(++hk.seq),
						GFP_KERNEL, &lock), 0);
		mutex_unlock(&lock);
		m_add(m, key, cidr, hk.seq);
	}
}

/*
 * A lookup overlapping one write returns what the table held before the
 * write or after it, never anything else, and never reads freed memory
 * (ASan): unlinked nodes stay intact until the grace period.
 */
static void concurrent_lookup(unsigned int bits)
{
	struct model m = { .bits = bits };
	unsigned int iter, before_c = 0;
	uintptr_t before_v;
	struct dcx_lpm t;
	struct gen g;
	u8 addr[16], c;
	int i;
	void *v;

	dcx_lpm_init(&t, bits);
	gen_init(&g, bits);
	memset(&hk, 0, sizeof(hk));
	hk.t = &t;
	hk.m = &m;
	hk.g = &g;
	hk.added.bits = hk.removed.bits = bits;
	fill(&t, &m, &g, 400);
	dcx_lpm_debug_hook = hk_hook;
	for (iter = 0; iter < 20000; iter++) {
		/* Often look up inside the prefix being changed. */
		hk_prepare();
		if (rndn(2)) {
			memcpy(addr, hk.key, 16);
			for (i = hk.cidr; i < (int)bits; i++)
				if (rndn(2))
					addr[i / 8] |= 0x80 >> (i % 8);
		} else {
			gen_addr(&g, addr, NULL);
		}
		i = m_lookup(&m, addr);
		before_v = i < 0 ? 0 : m.e[i].val;
		before_c = i < 0 ? 0 : m.e[i].cidr;

		hk.step = 0;
		hk.fire_at = rndn(bits == 32 ? 12 : 24);
		hk.fired = false;
		hk.armed = true;
		c = 0;
		mutex_lock(&lock);
		rcu_read_lock();
		v = dcx_lpm_lookup(&t, addr, &c);
		rcu_read_unlock();
		hk.armed = false;
		if (!hk.fired) {
			hk_write();
			assert_int_equal(U(v), before_v);
		}
		mutex_unlock(&lock);
		i = m_lookup(&m, addr);
		if (U(v) != before_v || (v && c != before_c)) {
			assert_int_equal(U(v), i < 0 ? 0 : m.e[i].val);
			if (v)
				assert_int_equal(c, m.e[i].cidr);
		}
		kshim_rcu_grace_period();
		if (iter % 1000 == 0)
			check_struct(&t);
	}
	dcx_lpm_debug_hook = NULL;
	assert_int_equal(dcx_lpm_count(&t), m.n);
	destroy(&t);
	free(m.e);
	free(hk.added.e);
	free(hk.removed.e);
}

static void test_concurrent_lookup_v4(void **state)
{
	(void)state;
	concurrent_lookup(32);
}

static void test_concurrent_lookup_v6(void **state)
{
	(void)state;
	concurrent_lookup(128);
}

static int walk_chunk_cb(void *ctx, const u8 *key, u8 cidr, void *value)
{
	struct walk_all *w = ctx;

	walk_all_cb(ctx, key, cidr, value);
	/* A writer gets in between callbacks too. */
	if (rndn(4) == 0) {
		hk_prepare();
		hk_write();
	}
	return w->n % 7 == 0 ? 1 : 0;	/* chunks of 7, like a dump */
}

static bool in_model(const struct model *m, const struct ment *e)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->e[i].cidr == e->cidr && m->e[i].val == e->val &&
		    pmatch(m->e[i].key, e->key, e->cidr))
			return true;
	return false;
}

/*
 * Dumps interrupted by writes: in chunks, resumed after the last key,
 * with writes inside the walk (hook), between callbacks and between
 * chunks. The output is strictly ordered, holds every entry that was there
 * the whole time exactly once, and nothing that never existed.
 */
static void concurrent_walk(unsigned int bits)
{
	struct model m = { .bits = bits }, start = { .bits = bits };
	struct walk_all w;
	unsigned int round, i, j;
	struct dcx_lpm t;
	struct gen g;
	int ret;

	dcx_lpm_init(&t, bits);
	gen_init(&g, bits);
	memset(&hk, 0, sizeof(hk));
	hk.t = &t;
	hk.m = &m;
	hk.g = &g;
	for (round = 0; round < 30; round++) {
		fill(&t, &m, &g, 300);
		start.n = 0;
		for (i = 0; i < m.n; i++)
			m_add(&start, m.e[i].key, m.e[i].cidr, m.e[i].val);
		hk.added.n = hk.removed.n = 0;
		hk.added.bits = hk.removed.bits = bits;
		w.max = 10 * m.n + 1000;
		w.bytes = bits / 8;
		w.n = 0;
		w.out = calloc(w.max, sizeof(*w.out));
		assert_non_null(w.out);

		mutex_lock(&lock);
		hk.random_ops = true;
		dcx_lpm_debug_hook = hk_hook;
		ret = 1;
		while (ret) {
			const struct ment *last = w.n ? &w.out[w.n - 1] : NULL;

			rcu_read_lock();
			ret = dcx_lpm_walk(&t, last ? last->key : NULL,
					   last ? last->cidr : 0, true,
					   walk_chunk_cb, &w);
			rcu_read_unlock();
			dcx_lpm_debug_hook = NULL;
			for (j = rndn(4); j; j--) {	/* between chunks */
				hk_prepare();
				hk_write();
			}
			dcx_lpm_debug_hook = hk_hook;
			mutex_unlock(&lock);
			kshim_rcu_grace_period();
			mutex_lock(&lock);
		}
		dcx_lpm_debug_hook = NULL;
		hk.random_ops = false;
		mutex_unlock(&lock);

		for (i = 1; i < w.n; i++)
			assert_true(ment_cmp(&w.out[i - 1], &w.out[i]) < 0);
		for (i = 0; i < w.n; i++)
			assert_true(in_model(&start, &w.out[i]) ||
				    in_model(&hk.added, &w.out[i]));
		for (i = 0; i < start.n; i++) {
			struct ment *e = &start.e[i];
			bool found = false;

			if (in_model(&hk.removed, e))
				continue;
			memset(e->key + bits / 8, 0, 16 - bits / 8);
			for (j = 0; j < w.n && !found; j++)
				found = !ment_cmp(&w.out[j], e);
			assert_true(found);
		}
		free(w.out);
		check_struct(&t);
	}
	assert_int_equal(dcx_lpm_count(&t), m.n);
	destroy(&t);
	free(m.e);
	free(start.e);
	free(hk.added.e);
	free(hk.removed.e);
}

static void test_concurrent_walk_v4(void **state)
{
	(void)state;
	concurrent_walk(32);
}

static void test_concurrent_walk_v6(void **state)
{
	(void)state;
	concurrent_walk(128);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_concurrent_lookup_v4),
		T(test_concurrent_lookup_v6),
		T(test_concurrent_walk_v4),
		T(test_concurrent_walk_v6),
	};

	return cmocka_run_group_tests_name("lpm_rcu", tests, lpm_group_setup,
					   lpm_group_teardown);
}
