// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/eamidx.c, the ordered index of EAM entries, against the
 * linear-scan model of lpm_model.h (byte-wise prefix logic, written
 * independently): random inserts with their overlap refusals and the
 * entry in the way, removals, exact finds, containing lookups, walks
 * from any position, both key widths; leaf fill for sorted and random
 * loads and after mass removals; allocation failures leaving the index
 * as it was; the passes that yield; the frees after a grace period.
 */
#include "lpm_model.h"
#include "eamidx.h"

/* An entry: the model's own record (key at 0, length at 16). */
static void idx_init(struct dcx_eamidx *x, unsigned int bits)
{
	dcx_eamidx_init(x, bits, offsetof(struct ment, key),
			offsetof(struct ment, cidr));
}

static struct ment *ent(const u8 *key, unsigned int cidr)
{
	struct ment *e = calloc(1, sizeof(*e));

	assert_non_null(e);
	memcpy(e->key, key, 16);
	e->cidr = cidr;
	e->val = (uintptr_t)e;
	return e;
}

static unsigned long nfreed;

static void free_ent(void *e)
{
	nfreed++;
	free(e);
}

static int collect_cb(void *ctx, void *e)
{
	struct walk_all *w = ctx;

	assert_true(w->n < w->max);
	w->out[w->n++] = *(struct ment *)e;
	return w->n == w->max ? 7 : 0;
}

/* The model's entries at or after (after: strictly after) key/cidr. */
static unsigned int m_from(struct model *m, const u8 *key, unsigned int cidr,
			   bool after)
{
	struct ment pos = { .cidr = cidr };
	unsigned int i;
	int c;

	memcpy(pos.key, key, 16);
	if (m->n)
		qsort(m->e, m->n, sizeof(*m->e), ment_cmp);
	for (i = 0; i < m->n; i++) {
		c = ment_cmp(&m->e[i], &pos);
		if (c > 0 || (!after && !c))
			break;
	}
	return i;
}

/* A walk from key/cidr (key NULL: from the start) sees what the model has. */
static void expect_walk(const struct dcx_eamidx *x, struct model *m,
			const u8 *key, unsigned int cidr, bool after)
{
	unsigned int first = key ? m_from(m, key, cidr, after) : 0, i;
	struct walk_all w = { .max = m->n - first + 1 };
	int ret;

	if (!key && m->n)
		qsort(m->e, m->n, sizeof(*m->e), ment_cmp);
	w.out = calloc(w.max, sizeof(*w.out));
	assert_non_null(w.out);
	ret = dcx_eamidx_walk(x, key, cidr, after, collect_cb, &w);
	assert_int_equal(ret, 0);
	assert_int_equal(w.n, m->n - first);
	for (i = 0; i < w.n; i++)
		assert_int_equal(w.out[i].val, m->e[first + i].val);
	/* A walk stopped by its callback returns the callback's value. */
	if (w.n > 1) {
		w.n = 0;
		w.max = 2;
		assert_int_equal(dcx_eamidx_walk(x, key, cidr, after,
						 collect_cb, &w), 7);
		assert_int_equal(w.out[1].val, m->e[first + 1].val);
	}
	free(w.out);
}

static void expect_same(const struct dcx_eamidx *x, struct model *m)
{
	assert_int_equal(dcx_eamidx_debug_check(x, NULL), 0);
	assert_int_equal(dcx_eamidx_count(x), m->n);
	expect_walk(x, m, NULL, 0, false);
}

/* Mostly full-length keys (an EAM set is), the rest any prefix. */
static unsigned int gen_key(const struct gen *g, u8 *key)
{
	if (rndn(5)) {
		gen_addr(g, key, NULL);
		return g->bits;
	}
	return gen_prefix(g, key);
}

static void random_ops(unsigned int bits, unsigned int nops)
{
	struct model m = { .bits = bits };
	struct dcx_eamidx x;
	struct ment *e, *o;
	unsigned int i, k, cidr, added = 0, refused = 0;
	struct gen g;
	void *clash;
	u8 key[16];
	int best;

	idx_init(&x, bits);
	gen_init(&g, bits);
	for (i = 0; i < nops; i++) {
		k = rndn(20);
		if (k < 12) {		/* insert */
			cidr = gen_key(&g, key);
			e = ent(key, cidr);
			if (m_overlap(&m, key, cidr, 0)) {
				assert_int_equal(dcx_eamidx_insert(&x, e,
								   GFP_KERNEL,
								   &clash),
						 -EEXIST);
				o = clash;
				assert_non_null(o);
				assert_true(pmatch(o->key, key,
						   min(cidr, (unsigned int)o->cidr)));
				assert_true(m_overlap(&m, o->key, o->cidr,
						      o->val));
				free(e);
				refused++;
			} else {
				assert_int_equal(dcx_eamidx_insert(&x, e,
								   GFP_KERNEL,
								   &clash), 0);
				assert_null(clash);
				m_add(&m, key, cidr, e->val);
				added++;
			}
		} else if (k < 16 && m.n) {	/* remove */
			k = rndn(m.n);
			e = (struct ment *)m.e[k].val;
			/* An equal record that is not the entry: refused. */
			o = ent(e->key, e->cidr);
			assert_false(dcx_eamidx_remove(&x, o));
			free(o);
			assert_true(dcx_eamidx_remove(&x, e));
			assert_false(dcx_eamidx_remove(&x, e));
			free(e);
			m_del(&m, k);
		} else if (k < 18) {	/* lookup of an address */
			gen_addr(&g, key, NULL);
			best = m_lookup(&m, key);
			assert_ptr_equal(dcx_eamidx_lookup(&x, key),
					 best < 0 ? NULL : (void *)m.e[best].val);
		} else {		/* exact finds */
			if (m.n) {
				k = rndn(m.n);
				assert_ptr_equal(dcx_eamidx_find(&x, m.e[k].key,
								 m.e[k].cidr),
						 (void *)m.e[k].val);
			}
			cidr = gen_key(&g, key);
			best = m_find(&m, key, cidr);
			assert_ptr_equal(dcx_eamidx_find(&x, key, cidr),
					 best < 0 ? NULL : (void *)m.e[best].val);
		}
		if (i % 512 == 0) {
			expect_same(&x, &m);
			cidr = gen_key(&g, key);
			expect_walk(&x, &m, key, cidr, rndn(2));
			if (m.n) {	/* from an entry itself */
				k = rndn(m.n);
				memcpy(key, m.e[k].key, 16);
				cidr = m.e[k].cidr;
				expect_walk(&x, &m, key, cidr, true);
				expect_walk(&x, &m, key, cidr, false);
			}
		}
	}
	expect_same(&x, &m);
	/* Enough of both, and several leaves' worth of entries. */
	assert_true(added > 2000 && refused > 100);
	assert_true(m.n > 3 * 255);
	nfreed = 0;
	dcx_eamidx_destroy(&x, free_ent);
	assert_int_equal(nfreed, m.n);
	assert_int_equal(dcx_eamidx_count(&x), 0);
	assert_int_equal(dcx_eamidx_debug_check(&x, NULL), 0);
	free(m.e);
}

static void test_random_v4(void **state)
{
	(void)state;
	random_ops(32, 12000);
}

static void test_random_v6(void **state)
{
	(void)state;
	random_ops(128, 12000);
}

/* ---- leaf fill ------------------------------------------------------- */

static struct ment *host4(u32 a)
{
	u8 key[16] = { 0 };
	__be32 v = htonl(a);

	memcpy(key, &v, 4);
	return ent(key, 32);
}

static void insert_ok(struct dcx_eamidx *x, struct ment *e)
{
	void *clash;

	assert_int_equal(dcx_eamidx_insert(x, e, GFP_KERNEL, &clash), 0);
}

static unsigned int nleaves(const struct dcx_eamidx *x)
{
	unsigned int n;

	assert_int_equal(dcx_eamidx_debug_check(x, &n), 0);
	return n;
}

static void test_fill(void **state)
{
	struct dcx_eamidx x;
	struct ment **e, *t;
	unsigned int i, n = 255 * 40 + 3, k, left;
	unsigned long r0;

	(void)state;
	e = calloc(n, sizeof(*e));
	assert_non_null(e);
	/* A sorted load fills every leaf. */
	idx_init(&x, 32);
	for (i = 0; i < n; i++)
		insert_ok(&x, e[i] = host4(0x0a000000 + 2 * i));
	assert_int_equal(nleaves(&x), 41);
	/* The pass over it yields every DCX_RESCHED_BATCH entries. */
	r0 = kshim_cond_resched_calls;
	nfreed = 0;
	dcx_eamidx_destroy(&x, free_ent);
	assert_int_equal(nfreed, n);
	assert_int_equal(kshim_cond_resched_calls - r0, n / DCX_RESCHED_BATCH);

	/* A random load: leaves at least 3/4 full (lent before split). */
	idx_init(&x, 32);
	for (i = 0; i < n; i++) {
		do {
			e[i] = host4(rnd());
			if (!dcx_eamidx_find(&x, e[i]->key, 32))
				break;
			free(e[i]);
		} while (1);
		insert_ok(&x, e[i]);
	}
	printf("fill: %u entries in %u leaves\n", n, nleaves(&x));
	assert_true(nleaves(&x) * 255 * 3 <= n * 4);
	/* Removing 9 in 10 in random order merges leaves back together. */
	for (i = n - 1; i > 0; i--) {
		k = rndn(i + 1);
		t = e[i];
		e[i] = e[k];
		e[k] = t;
	}
	left = n;
	for (i = 0; i < n - n / 10; i++) {
		assert_true(dcx_eamidx_remove(&x, e[i]));
		free(e[i]);
		e[i] = NULL;
		left--;
	}
	assert_int_equal(dcx_eamidx_count(&x), left);
	printf("fill: %u entries in %u leaves\n", left, nleaves(&x));
	assert_true(nleaves(&x) * 40 <= left);
	/* Removing all of them frees every leaf and the directory. */
	for (i = 0; i < n; i++) {
		if (e[i])
			assert_true(dcx_eamidx_remove(&x, e[i]));
		free(e[i]);
	}
	assert_int_equal(dcx_eamidx_count(&x), 0);
	assert_null(x.dir);
	assert_int_equal(nleaves(&x), 0);
	assert_null(dcx_eamidx_lookup(&x, (u8 *)"\x0a\0\0\0"));
	free(e);
}

/* A descending load and one into the middle keep the order and fill. */
static void test_fill_other_orders(void **state)
{
	struct model m = { .bits = 32 };
	struct dcx_eamidx x;
	struct ment *e;
	unsigned int i, n = 255 * 8;

	(void)state;
	idx_init(&x, 32);
	for (i = 0; i < n; i++) {
		e = host4(0x0a100000 - i);
		insert_ok(&x, e);
		m_add(&m, e->key, 32, e->val);
		e = host4(0x0a000000 + i);	/* the low half, ascending */
		insert_ok(&x, e);
		m_add(&m, e->key, 32, e->val);
	}
	expect_same(&x, &m);
	assert_true(nleaves(&x) * 255 * 2 <= 2 * n * 3);
	dcx_eamidx_destroy(&x, free_ent);
	free(m.e);
}

/*
 * A full leaf whose neighbour has one free slot: the entry goes to the
 * neighbour's end, so lending there would fill it first (the overflow
 * that 1M random adds once found in the VM). It splits instead.
 */
static void test_lend_one_free(void **state)
{
	struct model m = { .bits = 32 };
	struct dcx_eamidx x;
	struct ment *e, *gone = NULL;
	unsigned int i;

	(void)state;
	idx_init(&x, 32);
	for (i = 0; i < 2 * 255; i++) {
		e = host4(0x0a000000 + 4 * i);
		insert_ok(&x, e);
		if (i == 7) {
			gone = e;
			continue;
		}
		m_add(&m, e->key, 32, e->val);
	}
	assert_int_equal(nleaves(&x), 2);
	assert_true(dcx_eamidx_remove(&x, gone));	/* 254 and 255 */
	free(gone);
	assert_int_equal(nleaves(&x), 2);
	/* After the first leaf's last, before the second's first. */
	e = host4(0x0a000000 + 4 * 254 + 1);
	insert_ok(&x, e);
	m_add(&m, e->key, 32, e->val);
	assert_int_equal(nleaves(&x), 3);
	expect_same(&x, &m);
	/* With two free slots it lends: no new leaf. */
	e = host4(0x0a000000 + 4 * 254 + 2);
	insert_ok(&x, e);
	m_add(&m, e->key, 32, e->val);
	expect_same(&x, &m);
	dcx_eamidx_destroy(&x, free_ent);
	free(m.e);
}

/*
 * At scale: 200,000 random /32 entries in random order, half of them
 * removed in random order, 50,000 more, the invariants checked every
 * 10,000 operations (leaves of every fill level lending and merging).
 */
static void test_scale(void **state)
{
	unsigned int i, k, n = 200000, live;
	struct dcx_eamidx x;
	struct ment **e, *t;

	(void)state;
	e = calloc(n + 50000, sizeof(*e));
	assert_non_null(e);
	idx_init(&x, 32);
	for (i = 0; i < n + 50000; i++) {
		do {
			t = host4(rnd());
			if (!dcx_eamidx_find(&x, t->key, 32))
				break;
			free(t);
		} while (1);
		e[i] = t;
		if (i < n)
			insert_ok(&x, t);
		if (i % 10000 == 0)
			assert_int_equal(dcx_eamidx_debug_check(&x, NULL), 0);
	}
	for (i = n - 1; i > 0; i--) {
		k = rndn(i + 1);
		t = e[i];
		e[i] = e[k];
		e[k] = t;
	}
	for (i = 0; i < n / 2; i++) {
		assert_true(dcx_eamidx_remove(&x, e[i]));
		free(e[i]);
		if (i % 10000 == 0)
			assert_int_equal(dcx_eamidx_debug_check(&x, NULL), 0);
	}
	live = n - n / 2;
	for (i = n; i < n + 50000; i++) {
		if (dcx_eamidx_lookup(&x, e[i]->key)) {	/* taken meanwhile */
			free(e[i]);
			continue;
		}
		insert_ok(&x, e[i]);
		live++;
		if (i % 10000 == 0)
			assert_int_equal(dcx_eamidx_debug_check(&x, NULL), 0);
	}
	assert_int_equal(dcx_eamidx_count(&x), live);
	/* Leaves about 2/3 full after the removals (150k in 883 leaves). */
	print_message("scale: %u entries in %u leaves\n", live, nleaves(&x));
	assert_true(nleaves(&x) * 255 * 3 <= live * 5);
	nfreed = 0;
	dcx_eamidx_destroy(&x, free_ent);
	assert_int_equal(nfreed, live);
	free(e);
}

/* ---- allocation failures ------------------------------------------------ */

static void expect_enomem(struct dcx_eamidx *x, struct model *m,
			  struct ment *e, unsigned int nth)
{
	void *clash;

	kshim_fail_alloc_nth(nth);
	assert_int_equal(dcx_eamidx_insert(x, e, GFP_KERNEL, &clash),
			 -ENOMEM);
	kshim_fail_alloc_nth(0);
	assert_null(clash);
	expect_same(x, m);
}

static void test_enomem(void **state)
{
	struct model m = { .bits = 32 };
	struct dcx_eamidx x;
	struct ment *e;
	unsigned int i;

	(void)state;
	idx_init(&x, 32);
	/* The first entry: its leaf, then the directory. */
	e = host4(0x0a000000);
	expect_enomem(&x, &m, e, 1);
	expect_enomem(&x, &m, e, 2);
	assert_null(x.dir);
	insert_ok(&x, e);
	m_add(&m, e->key, 32, e->val);
	/* Eight full leaves: the ninth needs a bigger directory. */
	for (i = 1; i < 8 * 255; i++) {
		e = host4(0x0a000000 + 2 * i);
		insert_ok(&x, e);
		m_add(&m, e->key, 32, e->val);
	}
	assert_int_equal(nleaves(&x), 8);
	e = host4(0x0b000000);
	expect_enomem(&x, &m, e, 1);	/* the leaf */
	expect_enomem(&x, &m, e, 2);	/* the directory */
	insert_ok(&x, e);
	m_add(&m, e->key, 32, e->val);
	/* A split in the middle: every leaf full, none can lend. */
	for (i = 1; i < 254; i++) {
		e = host4(0x0b000000 + i);
		insert_ok(&x, e);
		m_add(&m, e->key, 32, e->val);
	}
	e = host4(0x0a000001);
	expect_enomem(&x, &m, e, 1);
	insert_ok(&x, e);
	m_add(&m, e->key, 32, e->val);
	expect_same(&x, &m);
	dcx_eamidx_destroy(&x, free_ent);
	free(m.e);
}

/* ---- freeing ---------------------------------------------------------- */

static void count_cb(void *ctx, void *e)
{
	(void)e;
	(*(unsigned int *)ctx)++;
}

static void test_free_after_gp(void **state)
{
	struct dcx_eamidx x;
	unsigned long r0, s0;
	unsigned int i, n = 3000, seen = 0;

	(void)state;
	idx_init(&x, 32);
	/* An empty index frees nothing and needs nothing. */
	dcx_eamidx_free(&x, free_ent);
	for (i = 0; i < n; i++)
		insert_ok(&x, host4(0x0a000000 + 7 * i));
	r0 = kshim_cond_resched_calls;
	dcx_eamidx_for_each(&x, count_cb, &seen);
	assert_int_equal(seen, n);
	assert_int_equal(kshim_cond_resched_calls - r0, n / DCX_RESCHED_BATCH);
	/* Emptied at once; the entries go after a grace period. */
	nfreed = 0;
	dcx_eamidx_free(&x, free_ent);
	assert_int_equal(dcx_eamidx_count(&x), 0);
	assert_null(dcx_eamidx_lookup(&x, (u8 *)"\x0a\0\0\0"));
	assert_int_equal(nfreed, 0);
	kshim_rcu_grace_period();
	assert_int_equal(nfreed, n);
	/* Reusable, and without memory for the record it waits instead. */
	for (i = 0; i < 10; i++)
		insert_ok(&x, host4(0x0a000000 + i));
	nfreed = 0;
	s0 = kshim_synchronize_rcu_calls;
	kshim_fail_alloc_nth(1);
	dcx_eamidx_free(&x, free_ent);
	kshim_fail_alloc_nth(0);
	assert_int_equal(kshim_synchronize_rcu_calls - s0, 1);
	assert_int_equal(nfreed, 10);
	dcx_eamidx_free(&x, free_ent);
	dcx_eamidx_destroy(&x, free_ent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_v4),
		cmocka_unit_test(test_random_v6),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_fill_other_orders),
		cmocka_unit_test(test_lend_one_free),
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_enomem),
		cmocka_unit_test(test_free_after_gp),
	};

	return cmocka_run_group_tests_name("eamidx", tests, lpm_group_setup,
					   lpm_group_teardown);
}
