// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/lenhash.c: the RCU exact-match hash the data path's EAM
 * lookups probe. Longest-match order over mixed lengths; 100,000 random
 * operations per key width checked against the linear-scan model of
 * lpm_model.h and against the trie (lpm.c) fed the same operations; the
 * array growing, shrinking, shedding tombstones, sparse when small (a
 * miss ends within a slot or two); allocation failures; readers that keep
 * an array a writer replaced; eamt.c keeping each index and its hash in step.
 */
#include "lpm_model.h"
#include "lenhash_helpers.h"
#include "tables.h"

static struct hobj *hobj_new(const u8 *key, unsigned int len)
{
	struct hobj *o = calloc(1, sizeof(*o));

	assert_non_null(o);
	memcpy(o->key, key, 16);
	o->len = len;
	return o;
}

static struct hobj *hobj_parse(const char *p)
{
	unsigned int bits;
	u8 key[16], len;

	parse(p, key, &len, &bits);
	return hobj_new(key, len);
}

static int hins(struct dcx_lenhash *h, struct hobj *o)
{
	int ret;

	mutex_lock(&lock);
	ret = dcx_lenhash_insert(h, o, GFP_KERNEL, &lock);
	mutex_unlock(&lock);
	assert_int_equal(dcx_lenhash_debug_check(h), 0);
	return ret;
}

static bool hdel(struct dcx_lenhash *h, struct hobj *o, bool tidy)
{
	bool ret;

	mutex_lock(&lock);
	ret = dcx_lenhash_remove(h, o, &lock);
	if (tidy)
		dcx_lenhash_tidy(h, GFP_KERNEL, &lock);
	mutex_unlock(&lock);
	assert_int_equal(dcx_lenhash_debug_check(h), 0);
	return ret;
}

static struct hobj *hlk(const struct dcx_lenhash *h, const char *addr)
{
	unsigned int bits;
	u8 key[16], len;
	struct hobj *o;

	parse(addr, key, &len, &bits);
	assert_int_equal(bits, h->bits);
	rcu_read_lock();
	o = dcx_lenhash_lookup(h, key);
	rcu_read_unlock();
	return o;
}

/* ---- fixed cases ---------------------------------------------------- */

static void test_longest_first_v4(void **state)
{
	static const char *const p[] = {
		"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32",
		"10.1.2.0/24",
	};
	struct hobj *o[ARRAY_SIZE(p)], *dup, *bad;
	struct dcx_lenhash h;
	unsigned int i;

	(void)state;
	hinit(&h, 32);
	assert_null(hlk(&h, "10.1.2.3"));	/* empty: no array at all */
	assert_int_equal(dcx_lenhash_debug_size(&h), 0);
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		o[i] = hobj_parse(p[i]);
		assert_int_equal(hins(&h, o[i]), 0);
	}
	assert_int_equal(dcx_lenhash_count(&h), ARRAY_SIZE(p));
	assert_true(dcx_lenhash_debug_size(&h) >= 12 * ARRAY_SIZE(p));
	assert_ptr_equal(hlk(&h, "10.1.2.3"), o[3]);
	assert_ptr_equal(hlk(&h, "10.1.2.4"), o[4]);
	assert_ptr_equal(hlk(&h, "10.1.3.4"), o[2]);
	assert_ptr_equal(hlk(&h, "10.2.0.1"), o[1]);
	assert_ptr_equal(hlk(&h, "192.0.2.1"), o[0]);

	/* The same prefix again, a bit after the length, a bad length. */
	dup = hobj_parse("10.1.0.0/16");
	assert_int_equal(hins(&h, dup), -EEXIST);
	bad = hobj_parse("10.1.0.1/16");
	assert_int_equal(hins(&h, bad), -EINVAL);
	bad->len = 33;
	assert_int_equal(hins(&h, bad), -EINVAL);
	assert_int_equal(hins(&h, NULL), -EINVAL);
	assert_false(hdel(&h, dup, false));	/* same key, not indexed */
	assert_false(hdel(&h, bad, false));

	/* Exact finds ignore the bits after the length. */
	rcu_read_lock();
	assert_ptr_equal(dcx_lenhash_find(&h, o[3]->key, 16), o[2]);
	assert_null(dcx_lenhash_find(&h, o[3]->key, 12));
	assert_null(dcx_lenhash_find(&h, o[3]->key, 33));
	rcu_read_unlock();

	/* Removing the longest uncovers the next one. */
	assert_true(hdel(&h, o[3], true));
	assert_ptr_equal(hlk(&h, "10.1.2.3"), o[4]);
	assert_true(hdel(&h, o[4], true));
	assert_true(hdel(&h, o[2], true));
	assert_ptr_equal(hlk(&h, "10.1.2.3"), o[1]);
	assert_true(hdel(&h, o[1], true));
	assert_true(hdel(&h, o[0], true));
	assert_false(hdel(&h, o[0], true));
	assert_null(hlk(&h, "10.1.2.3"));
	/* Tidy gave the empty array back. */
	assert_int_equal(dcx_lenhash_debug_size(&h), 0);
	hfree(&h);
	for (i = 0; i < ARRAY_SIZE(p); i++)
		free(o[i]);
	free(dup);
	free(bad);
}

static void test_longest_first_v6(void **state)
{
	static const char *const p[] = {
		"::/0", "2001:db8::/32", "2001:db8:1::/48",
		"2001:db8:1:2::/64", "2001:db8:1:2::/65", "2001:db8:1:2::1/128",
		"2001:db8:1:2:8000::/127",
	};
	struct hobj *o[ARRAY_SIZE(p)];
	struct dcx_lenhash h;
	unsigned int i;

	(void)state;
	hinit(&h, 128);
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		o[i] = hobj_parse(p[i]);
		assert_int_equal(hins(&h, o[i]), 0);
	}
	assert_ptr_equal(hlk(&h, "2001:db8:1:2::1"), o[5]);
	assert_ptr_equal(hlk(&h, "2001:db8:1:2::2"), o[4]);
	assert_ptr_equal(hlk(&h, "2001:db8:1:2:8000::1"), o[6]);
	assert_ptr_equal(hlk(&h, "2001:db8:1:2:8000::2"), o[3]);
	assert_ptr_equal(hlk(&h, "2001:db8:1:3::"), o[2]);
	assert_ptr_equal(hlk(&h, "2001:db8:2::"), o[1]);
	assert_ptr_equal(hlk(&h, "3fff::1"), o[0]);
	hfree(&h);
	for (i = 0; i < ARRAY_SIZE(p); i++)
		free(o[i]);
}

/* ---- randomized: the model and the trie agree ----------------------- */

#define RANDOM_OPS 100000
#define MODEL_MAX 2000

static void random_diff(unsigned int bits)
{
	unsigned long sync0 = kshim_synchronize_rcu_calls, stats[4] = { 0 };
	struct model m = { .bits = bits };
	struct dcx_lenhash h;
	struct dcx_lpm t;
	unsigned int op, cidr;
	struct hobj *o;
	struct gen g;
	int i, ret, tret;
	u8 key[16];
	void *v;

	gen_init(&g, bits);
	dcx_lpm_init(&t, bits);
	hinit(&h, bits);
	for (op = 0; op < RANDOM_OPS; op++) {
		/*
		 * 30 % inserts (none past MODEL_MAX entries), 20 % removes,
		 * 40 % longest matches, 10 % exact finds.
		 */
		unsigned int r = m.n < MODEL_MAX ? rndn(100) : 30 + rndn(70);

		if (r < 30) {
			cidr = gen_prefix(&g, key);
			o = hobj_new(key, cidr);
			mutex_lock(&lock);
			ret = dcx_lenhash_insert(&h, o, GFP_KERNEL, &lock);
			tret = dcx_lpm_insert(&t, key, cidr, o, GFP_KERNEL,
					      &lock);
			mutex_unlock(&lock);
			assert_int_equal(ret, tret);
			if (m_find(&m, key, cidr) >= 0) {
				assert_int_equal(ret, -EEXIST);
				free(o);
			} else {
				assert_int_equal(ret, 0);
				m_add(&m, key, cidr, U(o));
				stats[0]++;
			}
		} else if (r < 50) {
			if (!m.n)
				continue;
			i = rndn(m.n);
			o = V(m.e[i].val);
			mutex_lock(&lock);
			assert_true(dcx_lenhash_remove(&h, o, &lock));
			assert_ptr_equal(dcx_lpm_remove(&t, o->key, o->len,
							&lock), o);
			if (rndn(2))
				dcx_lenhash_tidy(&h, GFP_KERNEL, &lock);
			mutex_unlock(&lock);
			m_del(&m, i);
			kfree_rcu(o, rcu);
			stats[1]++;
		} else if (r < 90) {
			gen_addr(&g, key, NULL);
			i = m_lookup(&m, key);
			rcu_read_lock();
			v = dcx_lenhash_lookup(&h, key);
			assert_ptr_equal(v, dcx_lpm_lookup(&t, key, NULL));
			rcu_read_unlock();
			assert_int_equal(U(v), i < 0 ? 0 : m.e[i].val);
			stats[2] += i >= 0;
		} else {
			cidr = gen_prefix(&g, key);
			i = m_find(&m, key, cidr);
			rcu_read_lock();
			v = dcx_lenhash_find(&h, key, cidr);
			assert_ptr_equal(v, dcx_lpm_find_exact(&t, key, cidr));
			rcu_read_unlock();
			assert_true(i < 0 ? !v : U(v) == m.e[i].val);
			stats[3] += v != NULL;
		}
		if (op % 1000 == 999) {
			/* Counts, invariants; removed objects freed. */
			assert_int_equal(dcx_lenhash_debug_check(&h), 0);
			assert_int_equal(dcx_lenhash_count(&h), m.n);
			kshim_rcu_grace_period();
		}
	}
	/* Writers never waited for a grace period. */
	assert_int_equal(kshim_synchronize_rcu_calls, sync0);
	print_message("%u-bit: %d ops: %lu inserts, %lu removes, %lu lookup "
		      "hits, %lu exact hits; %u entries in %u slots\n", bits,
		      RANDOM_OPS, stats[0], stats[1], stats[2], stats[3],
		      m.n, dcx_lenhash_debug_size(&h));
	assert_true(stats[2] > 1000 && stats[3] > 100);
	hfree(&h);
	destroy(&t);
	for (i = 0; i < (int)m.n; i++)
		free(V(m.e[i].val));
	free(m.e);
}

/* Both widths, each from its own point of the fixed random sequence. */
static void test_random_vs_model_and_trie(void **state)
{
	(void)state;
	random_diff(32);
	random_diff(128);
}

/* ---- sizing --------------------------------------------------------- */

/* n random /32s (distinct); returns the array. */
static struct hobj **fill(struct dcx_lenhash *h, unsigned int n)
{
	struct hobj **o = calloc(n, sizeof(*o));
	unsigned int i;
	u8 key[16] = { 0 };

	assert_non_null(o);
	for (i = 0; i < n; i++) {
		do {
			key[0] = 10;
			key[1] = rnd();
			key[2] = rnd();
			key[3] = rnd();
			if (!o[i])
				o[i] = hobj_new(key, 32);
			memcpy(o[i]->key, key, 4);
		} while (hins(h, o[i]) == -EEXIST);
	}
	return o;
}

static void test_grow_shrink(void **state)
{
	struct dcx_lenhash h;
	struct hobj **o;
	unsigned int i, n = 10000, size;

	(void)state;
	hinit(&h, 32);
	o = fill(&h, n);
	/* At most 3/4 used, at least 3/8 after the last doubling. */
	size = dcx_lenhash_debug_size(&h);
	assert_true(n <= size / 4 * 3 && n * 8 >= size * 3);
	for (i = 0; i < n; i++) {
		rcu_read_lock();
		assert_ptr_equal(dcx_lenhash_find(&h, o[i]->key, 32), o[i]);
		rcu_read_unlock();
	}
	/* Removing nearly all shrinks it (tidy), the last one frees it. */
	for (i = 1; i < n; i++)
		hdel(&h, o[i], true);
	assert_int_equal(dcx_lenhash_debug_size(&h), DCX_LENHASH_MIN);
	rcu_read_lock();
	assert_ptr_equal(dcx_lenhash_find(&h, o[0]->key, 32), o[0]);
	rcu_read_unlock();
	hdel(&h, o[0], true);
	assert_int_equal(dcx_lenhash_debug_size(&h), 0);
	kshim_rcu_grace_period();
	for (i = 0; i < n; i++)
		free(o[i]);
	free(o);
	hfree(&h);
}

/*
 * A rebuild walks the old array (millions of slots for a big EAM table):
 * yields every DCX_RESCHED_BATCH, S / 1024 - 1 times per S slots outgrown.
 */
static void test_rebuild_yields(void **state __maybe_unused)
{
	unsigned long r0 = kshim_cond_resched_calls, want = 0, s;
	struct dcx_lenhash h;
	struct hobj **o;
	unsigned int i, n = 10000;

	hinit(&h, 32);
	o = fill(&h, n);
	for (s = DCX_LENHASH_MIN; s < dcx_lenhash_debug_size(&h); s *= 2)
		want += s >= DCX_RESCHED_BATCH ? s / DCX_RESCHED_BATCH - 1 : 0;
	assert_int_equal(want, 1 + 3 + 7);
	assert_int_equal(kshim_cond_resched_calls - r0, want);
	hfree(&h);
	for (i = 0; i < n; i++)
		free(o[i]);
	free(o);
}

/* Churn with 100 live entries: tombstones never grow the array. */
static void test_tombstones(void **state)
{
	struct dcx_lenhash h;
	struct hobj **o;
	unsigned int i, j, k, n = 100, max_size = 0;
	u8 key[16] = { 10 };

	(void)state;
	hinit(&h, 32);
	o = fill(&h, n);
	for (i = 0; i < 20000; i++) {
		j = rndn(n);
		hdel(&h, o[j], rndn(2));
		do {
			for (k = 1; k < 4; k++)
				key[k] = rnd();
			memcpy(o[j]->key, key, 4);
		} while (hins(&h, o[j]) == -EEXIST);
		max_size = max(max_size, dcx_lenhash_debug_size(&h));
	}
	assert_true(max_size <= 512);
	print_message("20,000 replacements among %u entries: at most %u "
		      "slots\n", n, max_size);
	hfree(&h);
	for (i = 0; i < n; i++)
		free(o[i]);
	free(o);
}

static void test_enomem(void **state)
{
	struct dcx_lenhash h;
	struct hobj **o, *x;
	unsigned int i, n = DCX_LENHASH_MIN / 4 * 3;	/* the first array full */

	(void)state;
	hinit(&h, 32);
	x = hobj_parse("192.0.2.1");
	kshim_fail_alloc_nth(1);
	assert_int_equal(hins(&h, x), -ENOMEM);
	assert_int_equal(dcx_lenhash_count(&h), 0);
	assert_null(hlk(&h, "192.0.2.1"));
	o = fill(&h, n);
	assert_int_equal(dcx_lenhash_debug_size(&h), DCX_LENHASH_MIN);
	/* One more needs a bigger array: refused, the old one intact. */
	kshim_fail_alloc_nth(1);
	assert_int_equal(hins(&h, x), -ENOMEM);
	assert_int_equal(dcx_lenhash_count(&h), n);
	for (i = 0; i < n; i++) {
		rcu_read_lock();
		assert_ptr_equal(dcx_lenhash_find(&h, o[i]->key, 32), o[i]);
		rcu_read_unlock();
	}
	assert_int_equal(hins(&h, x), 0);
	assert_int_equal(dcx_lenhash_debug_size(&h), 2 * DCX_LENHASH_MIN);
	/* A tidy that cannot allocate leaves the index as it was. */
	for (i = 0; i < n; i++)
		hdel(&h, o[i], false);
	kshim_fail_alloc_nth(1);
	mutex_lock(&lock);
	dcx_lenhash_tidy(&h, GFP_KERNEL, &lock);
	mutex_unlock(&lock);
	assert_int_equal(dcx_lenhash_debug_size(&h), 2 * DCX_LENHASH_MIN);
	assert_ptr_equal(hlk(&h, "192.0.2.1"), x);
	hfree(&h);
	for (i = 0; i < n; i++)
		free(o[i]);
	free(o);
	free(x);
}

/* ---- a reader across a writer's rebuild ----------------------------- */

static struct dcx_lenhash *rh;
static struct hobj **rextra;
static unsigned int rn;
static int rstep;

/*
 * At the reader's first slot, a writer (holding the lock the test took
 * for it) grows the array under it several times.
 */
static void rebuild_hook(void)
{
	unsigned int i;

	if (rstep++)
		return;
	/* Inside rcu_read_lock(): GFP_KERNEL would be a bug. */
	for (i = 0; i < rn; i++)
		assert_int_equal(dcx_lenhash_insert(rh, rextra[i], GFP_ATOMIC,
						    &lock), 0);
}

static void test_reader_keeps_old_array(void **state)
{
	struct dcx_lenhash h;
	unsigned int i, size0;
	struct hobj *a;
	u8 key[16] = { 172, 16 };

	(void)state;
	hinit(&h, 32);
	a = hobj_parse("192.0.2.0/24");
	assert_int_equal(hins(&h, a), 0);
	size0 = dcx_lenhash_debug_size(&h);
	rn = 100;
	rextra = calloc(rn, sizeof(*rextra));
	assert_non_null(rextra);
	for (i = 0; i < rn; i++) {
		key[2] = i;
		rextra[i] = hobj_new(key, 32);
	}
	rh = &h;
	rstep = 0;
	dcx_lenhash_debug_hook = rebuild_hook;
	/* The old arrays stay valid (ASan) until the grace period. */
	mutex_lock(&lock);
	assert_ptr_equal(hlk(&h, "192.0.2.77"), a);
	mutex_unlock(&lock);
	dcx_lenhash_debug_hook = NULL;
	assert_int_equal(rstep > 1, 1);
	assert_int_equal(dcx_lenhash_debug_check(&h), 0);
	assert_true(dcx_lenhash_debug_size(&h) > size0);
	assert_true(kshim_rcu_pending() > 0);
	kshim_rcu_grace_period();
	assert_ptr_equal(hlk(&h, "192.0.2.77"), a);
	assert_ptr_equal(hlk(&h, "172.16.99.0"), rextra[99]);
	hfree(&h);
	for (i = 0; i < rn; i++)
		free(rextra[i]);
	free(rextra);
	free(a);
}

/* ---- eamt.c keeps each index and its hash in step ------------------- */

static void test_eamt_twins(void **state)
{
	struct dcx_tables *t = dcx_tables_alloc(GFP_KERNEL);
	struct dcx_space *s, *s2;
	char why[DCX_WHY_LEN];
	struct in6_addr v6, a6;
	unsigned int i, len4, n = 0;
	__be32 v4, a4;

	(void)state;
	assert_non_null(t);
	mutex_lock(&lock);
	s = t->def;
	s2 = dcx_space_add(t, "two", 2, NULL, why, &lock);
	assert_false(IS_ERR(s2));
	for (i = 0; i < 3000; i++) {
		len4 = rand_eam(&v4, &v6, 2);
		n += !dcx_eam_add(t, i % 3 ? s : s2, v4, len4, &v6,
				  96 + len4, why, &lock);
	}
	mutex_unlock(&lock);
	assert_true(n > 500);
	for (i = 0; i < 20000; i++) {
		a4 = htonl(0x0a000000 | (rnd() & 0xffffff));
		memset(&a6, 0, sizeof(a6));
		a6.s6_addr32[0] = htonl(0x20010db8);
		a6.s6_addr32[1] = htonl(rndn(2));
		a6.s6_addr32[3] = a4;
		rcu_read_lock();
		assert_ptr_equal(dcx_eam_lookup4(s, a4),
				 dcx_eamidx_lookup(&s->eam4, (u8 *)&a4));
		assert_ptr_equal(dcx_eam_lookup4(s2, a4),
				 dcx_eamidx_lookup(&s2->eam4, (u8 *)&a4));
		assert_ptr_equal(dcx_eam_lookup6(t, &a6),
				 dcx_eamidx_lookup(&t->eam6, a6.s6_addr));
		rcu_read_unlock();
	}
	assert_int_equal(dcx_lenhash_count(&t->eam6_hash),
			 dcx_eamidx_count(&t->eam6));
	mutex_lock(&lock);
	/* Deleting by either side, then a whole space. */
	for (i = 0; i < 20000; i++) {
		a4 = htonl(0x0a000000 | (rnd() & 0xffffff));
		v4 = a4;
		rcu_read_lock();
		if (!dcx_eam_lookup4(s, a4)) {
			rcu_read_unlock();
			continue;
		}
		v4 = dcx_eam_lookup4(s, a4)->v4;
		len4 = dcx_eam_lookup4(s, a4)->len4;
		rcu_read_unlock();
		assert_int_equal(dcx_eam_del(t, s, v4, len4, NULL, 0, why,
					     &lock), 0);
	}
	assert_int_equal(dcx_lenhash_count(&s->eam4_hash),
			 dcx_eamidx_count(&s->eam4));
	assert_int_equal(dcx_space_del(t, s2, why, &lock), 0);
	assert_int_equal(dcx_lenhash_count(&t->eam6_hash),
			 dcx_eamidx_count(&t->eam6));
	assert_int_equal(dcx_lenhash_debug_check(&t->eam6_hash), 0);
	assert_int_equal(dcx_lenhash_debug_check(&s->eam4_hash), 0);
	dcx_tables_destroy(t);
	mutex_unlock(&lock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_longest_first_v4),
		T(test_longest_first_v6),
		T(test_random_vs_model_and_trie),
		T(test_grow_shrink),
		T(test_rebuild_yields),
		T(test_tombstones),
		T(test_enomem),
		T(test_reader_keeps_old_array),
		T(test_eamt_twins),
	};

	return cmocka_run_group_tests_name("lenhash", tests, lpm_group_setup,
					   lpm_group_teardown);
}
