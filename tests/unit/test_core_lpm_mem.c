// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/lpm.c, memory and locking rules: injected allocation failures
 * leave the table unchanged, nodes and values are freed only after a grace
 * period (dcx_lpm_free), or at once for a table nobody sees
 * (dcx_lpm_destroy), and the shim's lockdep/RCU checks fire on a writer
 * without the mutex, a reader outside rcu_read_lock() and a sleeping
 * allocation inside one. Fixture: lpm_helpers.h.
 */
#include "lpm_helpers.h"

/* ---- memory: failures, deferred frees ------------------------------- */

static void test_enomem(void **state)
{
	struct dcx_lpm t;
	int c;

	(void)state;
	dcx_lpm_init(&t, 32);
	kshim_fail_alloc_nth(1);
	assert_int_equal(ins(&t, "10.0.0.0/24", 1), -ENOMEM);
	assert_int_equal(dcx_lpm_count(&t), 0);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 0);
	assert_int_equal(ins(&t, "10.0.0.0/24", 1), 0);

	/* A sibling needs two nodes: fail the first, then the second. */
	kshim_fail_alloc_nth(1);
	assert_int_equal(ins(&t, "10.0.1.0/24", 2), -ENOMEM);
	kshim_fail_alloc_nth(2);
	assert_int_equal(ins(&t, "10.0.1.0/24", 2), -ENOMEM);
	assert_int_equal(dcx_lpm_count(&t), 1);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 1);
	assert_int_equal(lk(&t, "10.0.1.1", &c), 0);
	assert_int_equal(lk(&t, "10.0.0.1", &c), 1);
	assert_int_equal(ins(&t, "10.0.1.0/24", 2), 0);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 3);

	/* A covering prefix needs one. */
	kshim_fail_alloc_nth(1);
	assert_int_equal(ins(&t, "10.0.0.0/16", 3), -ENOMEM);
	assert_int_equal(lk(&t, "10.0.2.1", &c), 0);
	/* Giving a bare branch point a value needs none. */
	kshim_fail_alloc_nth(1);
	assert_int_equal(ins(&t, "10.0.0.0/23", 4), 0);
	kshim_fail_alloc_nth(0);
	assert_int_equal(lk(&t, "10.0.0.1", &c), 1);
	destroy(&t);
}

static unsigned int freed_values;

static void free_value(void *v)
{
	freed_values++;
	free(v);
}

static void test_deferred_free(void **state)
{
	unsigned long sync0 = kshim_synchronize_rcu_calls;
	struct dcx_lpm t;
	u8 key[4] = { 10, 0, 0, 0 };
	int i;

	(void)state;
	dcx_lpm_init(&t, 32);
	assert_int_equal(ins(&t, "10.0.0.0/24", 1), 0);
	assert_int_equal(ins(&t, "10.0.1.0/24", 2), 0);
	assert_int_equal(ins(&t, "10.0.0.0/8", 3), 0);
	kshim_rcu_grace_period();
	assert_int_equal(kshim_rcu_pending(), 0);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 4);

	/* Leaf + bare parent unlinked, freed only after a grace period. */
	assert_int_equal(del(&t, "10.0.1.0/24"), 2);
	assert_int_equal(kshim_rcu_pending(), 2);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 4);
	kshim_rcu_grace_period();
	assert_int_equal(dcx_lpm_debug_live_nodes(), 2);
	/* A node that stays a branch point frees nothing. */
	assert_int_equal(ins(&t, "10.128.0.0/16", 4), 0);
	assert_int_equal(del(&t, "10.0.0.0/8"), 3);
	assert_int_equal(kshim_rcu_pending(), 0);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 3);
	/* One with one child is replaced by it. */
	assert_int_equal(ins(&t, "10.0.0.0/8", 5), 0);
	assert_int_equal(del(&t, "10.128.0.0/16"), 4);
	assert_int_equal(kshim_rcu_pending(), 1);
	assert_int_equal(del(&t, "10.0.0.0/8"), 5);
	assert_int_equal(kshim_rcu_pending(), 2);
	assert_int_equal(lk(&t, "10.0.0.1", NULL), 1);
	kshim_rcu_grace_period();
	assert_int_equal(dcx_lpm_debug_live_nodes(), 1);
	destroy(&t);
	assert_int_equal(kshim_synchronize_rcu_calls, sync0);

	/* dcx_lpm_free(): readers see the old entries, values go later. */
	dcx_lpm_init(&t, 32);
	for (i = 0; i < 50; i++) {
		key[2] = i;
		mutex_lock(&lock);
		assert_int_equal(dcx_lpm_insert(&t, key, 24, malloc(8),
						GFP_KERNEL, &lock), 0);
		mutex_unlock(&lock);
	}
	freed_values = 0;
	mutex_lock(&lock);
	dcx_lpm_free(&t, free_value, &lock);
	mutex_unlock(&lock);
	assert_int_equal(dcx_lpm_count(&t), 0);
	assert_int_equal(lk(&t, "10.0.3.1", NULL), 0);
	assert_int_equal(freed_values, 0);
	kshim_rcu_grace_period();
	assert_int_equal(freed_values, 50);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 0);
	assert_int_equal(kshim_synchronize_rcu_calls, sync0);

	/* Its bookkeeping allocation failing: wait, then free at once. */
	for (i = 0; i < 5; i++) {
		key[2] = i;
		mutex_lock(&lock);
		assert_int_equal(dcx_lpm_insert(&t, key, 24, malloc(8),
						GFP_KERNEL, &lock), 0);
		mutex_unlock(&lock);
	}
	freed_values = 0;
	kshim_fail_alloc_nth(1);
	mutex_lock(&lock);
	dcx_lpm_free(&t, free_value, &lock);
	mutex_unlock(&lock);
	assert_int_equal(freed_values, 5);
	assert_int_equal(kshim_synchronize_rcu_calls, sync0 + 1);

	/* Freeing an empty table does nothing. */
	mutex_lock(&lock);
	dcx_lpm_free(&t, free_value, &lock);
	mutex_unlock(&lock);
	assert_int_equal(kshim_rcu_pending(), 0);

	/* dcx_lpm_destroy(): at once, for tables nobody can see. */
	key[2] = 0;
	for (i = 0; i < 20; i++) {
		key[1] = i;
		mutex_lock(&lock);
		assert_int_equal(dcx_lpm_insert(&t, key, 16 + i % 17,
						malloc(8), GFP_KERNEL, &lock),
				 0);
		mutex_unlock(&lock);
	}
	freed_values = 0;
	dcx_lpm_destroy(&t, free_value);
	assert_int_equal(freed_values, 20);
	assert_int_equal(dcx_lpm_count(&t), 0);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 0);
}

/* n entries 10.x.y.z/32 spread over the space; returns the node count. */
static unsigned int fill(struct dcx_lpm *t, unsigned int n, bool values)
{
	struct dcx_lpm_debug_stats st;
	unsigned int i;
	u32 k;

	mutex_lock(&lock);
	for (i = 0; i < n; i++) {
		k = htonl(0x0a000000u | ((i * 2654435761u) & 0xffffffu));
		assert_int_equal(dcx_lpm_insert(t, (u8 *)&k, 32,
						values ? malloc(8) : V(i + 1),
						GFP_KERNEL, &lock), 0);
	}
	mutex_unlock(&lock);
	assert_int_equal(dcx_lpm_debug_check(t, &st), 0);
	return st.nodes;
}

/*
 * Freeing a whole table yields every DCX_RESCHED_BATCH nodes, and so
 * runs in process context: dcx_lpm_free() defers it to a work item after
 * the grace period, not to an RCU callback (where the shim's
 * cond_resched() would WARN, fatally).
 */
static void test_big_free_yields(void **state)
{
	unsigned long r0 = kshim_cond_resched_calls, w0;
	struct dcx_lpm t;
	unsigned int nodes;

	(void)state;
	dcx_lpm_init(&t, 32);
	nodes = fill(&t, 5000, false);
	assert_true(nodes >= 5000 && nodes < 10000);
	dcx_lpm_destroy(&t, NULL);
	assert_int_equal(kshim_cond_resched_calls - r0,
			 nodes / DCX_RESCHED_BATCH);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 0);

	nodes = fill(&t, 7000, true);
	freed_values = 0;
	r0 = kshim_cond_resched_calls;
	mutex_lock(&lock);
	dcx_lpm_free(&t, free_value, &lock);
	mutex_unlock(&lock);
	assert_int_equal(kshim_cond_resched_calls, r0);
	assert_int_equal(dcx_lpm_count(&t), 0);
	assert_int_equal(freed_values, 0);
	kshim_rcu_grace_period();
	assert_int_equal(freed_values, 7000);
	assert_int_equal(dcx_lpm_debug_live_nodes(), 0);
	assert_int_equal(kshim_cond_resched_calls - r0,
			 nodes / DCX_RESCHED_BATCH);

	/* The same free inside a read-side section is caught. */
	fill(&t, 2 * DCX_RESCHED_BATCH, false);
	kshim_warn_fatal = false;
	w0 = kshim_warn_count;
	rcu_read_lock();
	dcx_lpm_destroy(&t, NULL);
	rcu_read_unlock();
	assert_true(kshim_warn_count > w0);
	kshim_warn_fatal = true;
}

/* The lockdep/RCU checks of the shim are live, so the rules are tested. */
static void test_locking_rules(void **state)
{
	unsigned long w0 = kshim_warn_count;
	struct dcx_lpm t;
	u8 key[4] = { 10, 0, 0, 0 };

	(void)state;
	dcx_lpm_init(&t, 32);
	kshim_warn_fatal = false;
	/* Writer without the lock. */
	assert_int_equal(dcx_lpm_insert(&t, key, 8, V(1), GFP_KERNEL, &lock),
			 0);
	assert_true(kshim_warn_count > w0);
	/* Reader outside rcu_read_lock(). */
	w0 = kshim_warn_count;
	assert_int_equal(U(dcx_lpm_lookup(&t, key, NULL)), 1);
	assert_true(kshim_warn_count > w0);
	/* Sleeping allocation inside a reader. */
	w0 = kshim_warn_count;
	key[1] = 1;
	mutex_lock(&lock);
	rcu_read_lock();
	assert_int_equal(dcx_lpm_insert(&t, key, 16, V(2), GFP_KERNEL, &lock),
			 0);
	rcu_read_unlock();
	mutex_unlock(&lock);
	assert_true(kshim_warn_count > w0);
	/* And with everything right, nothing fires. */
	w0 = kshim_warn_count;
	key[1] = 2;
	mutex_lock(&lock);
	rcu_read_lock();
	assert_int_equal(dcx_lpm_insert(&t, key, 16, V(3), GFP_ATOMIC, &lock),
			 0);
	rcu_read_unlock();
	mutex_unlock(&lock);
	assert_int_equal(lk(&t, "10.2.0.1", NULL), 3);
	assert_int_equal(kshim_warn_count, w0);
	kshim_warn_fatal = true;
	destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_enomem),
		T(test_deferred_free),
		T(test_big_free_yields),
		T(test_locking_rules),
	};

	return cmocka_run_group_tests_name("lpm_mem", tests, lpm_group_setup,
					   lpm_group_teardown);
}
