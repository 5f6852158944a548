// SPDX-License-Identifier: GPL-2.0
/*
 * Bulk loads: kmod/core/lenhash_bulk.c (an index built at once, in slot
 * order), deferred indexes (lenhash.c) and eamt.c's deferred tables
 * built at commit (dcx_eam_defer/_build). The bulk build must give an index that
 * dcx_lenhash_debug_check() accepts and that answers exactly as the
 * per-entry inserts of the same set: random sets of every length, both
 * widths, sizes at the growth thresholds, duplicates and invalid objects
 * refused, allocation failures leaving the index and the tables as they
 * were (ASan checks nothing leaks), long builds yielding.
 */
#include "lpm_model.h"
#include "lenhash_helpers.h"
#include "tables.h"

/* n random prefixes of every length (lpm_model.h's clustered keys). */
static struct hobj *hobjs(struct gen *g, unsigned int n)
{
	struct hobj *o = calloc(n ? n : 1, sizeof(*o));
	unsigned int i;

	assert_non_null(o);
	for (i = 0; i < n; i++)
		o[i].len = gen_prefix(g, o[i].key);
	return o;
}

/* Build h from objs[0..n); the bulk steps' first error, or 0. */
static int bulk(struct dcx_lenhash *h, struct hobj **objs, unsigned int n,
		unsigned int room)
{
	struct dcx_lenhash_bulk *b;
	unsigned int i;
	int err;

	mutex_lock(&lock);
	b = dcx_lenhash_bulk_new(h, room, GFP_KERNEL);
	if (!b) {
		mutex_unlock(&lock);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		dcx_lenhash_bulk_add(b, objs[i]);
	err = dcx_lenhash_bulk_place(b, GFP_KERNEL, &lock);
	if (err)
		dcx_lenhash_bulk_free(b);
	else
		dcx_lenhash_bulk_publish(b, &lock);
	mutex_unlock(&lock);
	assert_int_equal(dcx_lenhash_debug_check(h), 0);
	return err;
}

/* Not built: holds nothing, answers nothing. */
static void assert_unbuilt(const struct dcx_lenhash *h)
{
	assert_true(dcx_lenhash_deferred(h));
	assert_int_equal(dcx_lenhash_count(h), 0);
	assert_int_equal(dcx_lenhash_debug_size(h), 0);
	assert_int_equal(dcx_lenhash_debug_check(h), 0);
}

/*
 * n random prefixes: inserted one by one into one index (duplicates
 * refused), the accepted ones built in bulk into another; then both
 * answer alike, and the built one takes per-entry changes after.
 */
static void bulk_vs_inserts(unsigned int bits, unsigned int n)
{
	struct dcx_lenhash per, bh;
	struct hobj *o, **acc, extra;
	unsigned int i, k = 0;
	u8 key[16];
	struct gen g;
	int ret;

	gen_init(&g, bits);
	o = hobjs(&g, n);
	acc = calloc(n + 1, sizeof(*acc));
	assert_non_null(acc);
	hinit(&per, bits);
	hinit(&bh, bits);
	mutex_lock(&lock);
	dcx_lenhash_defer(&bh);
	for (i = 0; i < n; i++) {
		ret = dcx_lenhash_insert(&per, &o[i], GFP_KERNEL, &lock);
		assert_true(ret == 0 || ret == -EEXIST);
		if (!ret)
			acc[k++] = &o[i];
		/* Deferred: takes nothing, refuses nothing. */
		assert_int_equal(dcx_lenhash_insert(&bh, &o[i], GFP_KERNEL,
						    &lock), 0);
	}
	mutex_unlock(&lock);
	assert_unbuilt(&bh);
	/* A duplicate of an accepted prefix fails the build: h unchanged. */
	if (k) {
		extra = *acc[rndn(k)];
		acc[k] = &extra;
		assert_int_equal(bulk(&bh, acc, k + 1, k + 1), -EEXIST);
		assert_unbuilt(&bh);
	}
	assert_int_equal(bulk(&bh, acc, k, k), 0);
	assert_false(dcx_lenhash_deferred(&bh));
	assert_int_equal(dcx_lenhash_count(&bh), k);
	assert_int_equal(memcmp(bh.lens, per.lens, sizeof(per.lens)), 0);
	/* Sized for its count: at least 2k slots, no more than needed. */
	if (k)
		assert_true(dcx_lenhash_debug_size(&bh) >= 2 * k &&
			    (dcx_lenhash_debug_size(&bh) == DCX_LENHASH_MIN ||
			     dcx_lenhash_debug_size(&bh) < 4 * k));
	rcu_read_lock();
	for (i = 0; i < n; i++)
		assert_ptr_equal(dcx_lenhash_find(&bh, o[i].key, o[i].len),
				 dcx_lenhash_find(&per, o[i].key, o[i].len));
	for (i = 0; i < 3 * n + 100; i++) {
		gen_addr(&g, key, NULL);
		assert_ptr_equal(dcx_lenhash_lookup(&bh, key),
				 dcx_lenhash_lookup(&per, key));
	}
	rcu_read_unlock();
	/* Per-entry changes after the build: remove half, put them back. */
	mutex_lock(&lock);
	for (i = 0; i < k; i += 2)
		assert_true(dcx_lenhash_remove(&bh, acc[i], &lock));
	dcx_lenhash_tidy(&bh, GFP_KERNEL, &lock);
	for (i = 0; i < k; i += 2)
		assert_int_equal(dcx_lenhash_insert(&bh, acc[i], GFP_KERNEL,
						    &lock), 0);
	mutex_unlock(&lock);
	assert_int_equal(dcx_lenhash_debug_check(&bh), 0);
	assert_int_equal(dcx_lenhash_count(&bh), k);
	hfree(&per);
	hfree(&bh);
	free(acc);
	free(o);
}

static void test_bulk_vs_inserts(void **state)
{
	/* Empty, tiny, the smallest array's 3/4 and 1/2, the next ones. */
	static const unsigned int sizes[] = {
		0, 1, 2, 31, 32, 33, 48, 49, 63, 64, 65, 96, 97, 128, 129,
		192, 193, 1000, 20000,
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		bulk_vs_inserts(32, sizes[i]);
		bulk_vs_inserts(128, sizes[i]);
	}
}

/* Invalid objects and one add too many fail the build, as _insert. */
static void test_bulk_invalid(void **state)
{
	struct hobj ok = { .key = { 10 }, .len = 8 };
	struct hobj bits = { .key = { 10, 1 }, .len = 8 };
	struct hobj len = { .key = { 10 }, .len = 33 };
	struct hobj *bad[] = { NULL, &bits, &len };
	struct hobj *two[] = { &ok, NULL };
	struct dcx_lenhash h;
	unsigned int i;

	(void)state;
	hinit(&h, 32);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		/* Last, then first: a good one after it changes nothing. */
		two[0] = &ok;
		two[1] = bad[i];
		assert_int_equal(bulk(&h, two, 2, 2), -EINVAL);
		two[0] = bad[i];
		two[1] = &ok;
		assert_int_equal(bulk(&h, two, 2, 2), -EINVAL);
		assert_int_equal(dcx_lenhash_count(&h), 0);
	}
	two[0] = &ok;
	assert_int_equal(bulk(&h, two, 2, 1), -EINVAL);
	assert_int_equal(bulk(&h, two, 1, 1), 0);
	assert_int_equal(dcx_lenhash_count(&h), 1);
	hfree(&h);
}

/* n distinct prefixes 10.x.y.0/len (len >= 24) and pointers to them. */
static struct hobj *seq_objs(unsigned int n, unsigned int len,
			     struct hobj ***p)
{
	struct hobj *o = calloc(n, sizeof(*o));
	unsigned int i;

	*p = calloc(n, sizeof(**p));
	assert_true(o && *p);
	for (i = 0; i < n; i++) {
		o[i].key[0] = 10;
		o[i].key[1] = i >> 8;
		o[i].key[2] = i;
		o[i].len = len;
		(*p)[i] = &o[i];
	}
	return o;
}

/* Every allocation of a build failing in turn: -ENOMEM, h unchanged. */
static void test_bulk_enomem(void **state)
{
	struct dcx_lenhash h;
	struct hobj *o, **p;
	unsigned int n = 300, nth;
	int ret;

	(void)state;
	o = seq_objs(n, 32, &p);
	hinit(&h, 32);
	dcx_lenhash_defer(&h);
	for (nth = 1;; nth++) {
		kshim_fail_alloc_nth(nth);
		ret = bulk(&h, p, n, n);
		kshim_fail_alloc_nth(0);
		if (!ret)
			break;
		assert_int_equal(ret, -ENOMEM);
		assert_unbuilt(&h);
	}
	/* new: the state, the list; place: the sorted copy, the array. */
	assert_int_equal(nth, 5);
	assert_int_equal(dcx_lenhash_count(&h), n);
	hfree(&h);
	free(p);
	free(o);
}

/* A build of many objects yields (dcx_cond_resched()). */
static void test_bulk_yields(void **state)
{
	unsigned long before = kshim_cond_resched_calls;
	struct dcx_lenhash h;
	struct hobj *o, **p;
	unsigned int n = 5 * DCX_RESCHED_BATCH;

	(void)state;
	o = seq_objs(n, 24, &p);
	hinit(&h, 32);
	assert_int_equal(bulk(&h, p, n, n), 0);
	assert_true(kshim_cond_resched_calls - before >= 8);
	hfree(&h);
	free(p);
	free(o);
}

/* ---- eamt.c: deferred tables built at commit ------------------------- */

/* Lookups of every kind agree with the indexes. */
static void assert_tables_answer(struct dcx_tables *t)
{
	struct dcx_space *s;
	struct in6_addr a6;
	unsigned int i;
	__be32 a4;

	rcu_read_lock();
	for (i = 0; i < 5000; i++) {
		a4 = htonl(0x0a000000 | (rnd() & 0xffffff));
		memset(&a6, 0, sizeof(a6));
		a6.s6_addr32[0] = htonl(0x20010db8);
		a6.s6_addr32[1] = htonl(rndn(3));
		a6.s6_addr32[3] = a4;
		list_for_each_entry(s, &t->spaces, list)
			assert_ptr_equal(dcx_eam_lookup4(s, a4),
					 dcx_eamidx_lookup(&s->eam4, (u8 *)&a4));
		assert_ptr_equal(dcx_eam_lookup6(t, &a6),
				 dcx_eamidx_lookup(&t->eam6, a6.s6_addr));
	}
	rcu_read_unlock();
}

static void assert_tables_deferred(struct dcx_tables *t, bool deferred)
{
	struct dcx_space *s;

	assert_int_equal(dcx_lenhash_deferred(&t->eam6_hash), deferred);
	assert_int_equal(dcx_lenhash_count(&t->eam6_hash),
			 deferred ? 0 : dcx_eamidx_count(&t->eam6));
	assert_int_equal(dcx_lenhash_debug_check(&t->eam6_hash), 0);
	list_for_each_entry(s, &t->spaces, list) {
		assert_int_equal(dcx_lenhash_deferred(&s->eam4_hash),
				 deferred);
		assert_int_equal(dcx_lenhash_count(&s->eam4_hash),
				 deferred ? 0 : dcx_eamidx_count(&s->eam4));
		assert_int_equal(dcx_lenhash_debug_check(&s->eam4_hash), 0);
	}
}

/*
 * Staged tables: spaces added before and after the deferral, mixed
 * lengths, some entries deleted, a space deleted and one flushed before
 * the build.
 */
static struct dcx_tables *staged(void)
{
	struct dcx_tables *t = dcx_tables_alloc(GFP_KERNEL);
	struct dcx_space *sp[3];
	char why[DCX_WHY_LEN];
	struct in6_addr v6;
	unsigned int i, len4;
	__be32 v4;

	assert_non_null(t);
	mutex_lock(&lock);
	sp[1] = dcx_space_add(t, "two", 2, NULL, why, &lock);
	dcx_eam_defer(t);
	sp[0] = t->def;
	sp[2] = dcx_space_add(t, "three", 3, NULL, why, &lock);
	assert_false(IS_ERR(sp[1]) || IS_ERR(sp[2]));
	for (i = 0; i < 3000; i++) {
		len4 = rand_eam(&v4, &v6, 3);
		if (dcx_eam_add(t, sp[i % 3], v4, len4, &v6, 96 + len4, why,
				&lock) || i % 5)
			continue;
		assert_int_equal(dcx_eam_del(t, sp[i % 3], v4, len4, NULL, 0,
					     why, &lock), 0);
	}
	assert_int_equal(dcx_space_del(t, sp[2], why, &lock), 0);
	/* A fourth space, filled and flushed: built empty. */
	sp[2] = dcx_space_add(t, "four", 4, NULL, why, &lock);
	assert_false(IS_ERR(sp[2]));
	for (i = 0; i < 50; i++) {
		len4 = rand_eam(&v4, &v6, 3);
		v6.s6_addr32[1] = htonl(7);	/* apart from the others */
		assert_int_equal(dcx_eam_add(t, sp[2], v4, len4, &v6,
					     96 + len4, why, &lock), 0);
	}
	dcx_eam_flush(t, sp[2], &lock);
	assert_int_equal(dcx_eamidx_count(&sp[2]->eam4), 0);
	mutex_unlock(&lock);
	assert_true(t->neams > 500);
	assert_tables_deferred(t, true);
	return t;
}

static void test_eamt_deferred_build(void **state)
{
	struct dcx_tables *t = staged();
	char why[DCX_WHY_LEN] = "";
	struct in6_addr v6 = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 9 } };
	unsigned int n;

	(void)state;
	/* Before the build the lookups ask the indexes. */
	assert_tables_answer(t);
	mutex_lock(&lock);
	assert_int_equal(dcx_eam_build(t, why, &lock), 0);
	assert_int_equal(dcx_eam_build(t, why, &lock), 0);	/* no-op */
	mutex_unlock(&lock);
	assert_tables_deferred(t, false);
	assert_tables_answer(t);
	/* Built: per-entry inserts again. */
	n = dcx_lenhash_count(&t->eam6_hash);
	mutex_lock(&lock);
	assert_int_equal(dcx_eam_add(t, t->def, htonl(0xc0000200), 24, &v6,
				     120, why, &lock), 0);
	mutex_unlock(&lock);
	assert_int_equal(dcx_lenhash_count(&t->eam6_hash), n + 1);
	assert_tables_deferred(t, false);
	mutex_lock(&lock);
	dcx_tables_destroy(t);
	mutex_unlock(&lock);
}

/* Every allocation of the build failing in turn: t as it was. */
static void test_eamt_build_enomem(void **state)
{
	struct dcx_tables *t = staged();
	char why[DCX_WHY_LEN];
	unsigned int nth;
	int ret;

	(void)state;
	for (nth = 1;; nth++) {
		why[0] = 0;
		mutex_lock(&lock);
		kshim_fail_alloc_nth(nth);
		ret = dcx_eam_build(t, why, &lock);
		kshim_fail_alloc_nth(0);
		mutex_unlock(&lock);
		if (!ret)
			break;
		assert_int_equal(ret, -ENOMEM);
		assert_non_null(strstr(why, "out of memory"));
		assert_tables_deferred(t, true);
		assert_tables_answer(t);
	}
	/*
	 * b4, eam6's state and list, then per space its state and list, the
	 * sorted copy and the array (the empty space: its state only); eam6's
	 * sorted copy and array. The pass over an index allocates nothing.
	 */
	assert_int_equal(nth, 1 + 2 + 2 * 4 + 1 + 2 + 1);
	assert_tables_deferred(t, false);
	assert_tables_answer(t);
	mutex_lock(&lock);
	dcx_tables_destroy(t);
	mutex_unlock(&lock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_bulk_vs_inserts),
		T(test_bulk_invalid),
		T(test_bulk_enomem),
		T(test_bulk_yields),
		T(test_eamt_deferred_build),
		T(test_eamt_build_enomem),
	};

	return cmocka_run_group_tests_name("lenhash_bulk", tests,
					   lpm_group_setup,
					   lpm_group_teardown);
}
