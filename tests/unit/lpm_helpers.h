/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixture of the kmod/core/lpm.c unit tests (test_core_lpm*.c): the writer
 * mutex, prefixes written as text ("10.0.0.0/8", "2001:db8::/32") for
 * insert, remove, lookup and exact lookup, a structural check of the trie
 * after every write, and the per-test setup/teardown that isolates each
 * test and fails it when it leaks a node, a lock or an RCU read section.
 * Each test binary includes this once; nothing here is a test.
 */
#ifndef DCX_LPM_HELPERS_H
#define DCX_LPM_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "lpm.h"
#include "eamt.h"	/* the EAM entry cache, for the tables tests */

static struct mutex lock;

#define V(x) ((void *)(uintptr_t)(x))
#define U(p) ((uintptr_t)(p))

/* "10.0.0.0/8", "2001:db8::/32" or a bare address (full length). */
static inline void parse(const char *s, u8 *key, u8 *cidr, unsigned int *bits)
{
	char buf[64];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);

	assert_true(len < sizeof(buf));
	memcpy(buf, s, len);
	buf[len] = 0;
	memset(key, 0, 16);
	if (strchr(buf, ':')) {
		assert_int_equal(inet_pton(AF_INET6, buf, key), 1);
		*bits = 128;
	} else {
		assert_int_equal(inet_pton(AF_INET, buf, key), 1);
		*bits = 32;
	}
	*cidr = slash ? (u8)atoi(slash + 1) : *bits;
}

static inline void check_struct(const struct dcx_lpm *t)
{
	struct dcx_lpm_debug_stats st;

	assert_int_equal(dcx_lpm_debug_check(t, &st), 0);
	assert_int_equal(st.values, dcx_lpm_count(t));
	if (st.values)
		assert_true(st.nodes <= 2 * st.values - 1);
	else
		assert_int_equal(st.nodes, 0);
	assert_true(st.max_depth <= t->bits + 1U);
}

static inline int ins(struct dcx_lpm *t, const char *p, uintptr_t v)
{
	unsigned int bits;
	u8 key[16], cidr;
	int ret;

	parse(p, key, &cidr, &bits);
	assert_int_equal(bits, t->bits);
	mutex_lock(&lock);
	ret = dcx_lpm_insert(t, key, cidr, V(v), GFP_KERNEL, &lock);
	mutex_unlock(&lock);
	check_struct(t);
	return ret;
}

static inline uintptr_t del(struct dcx_lpm *t, const char *p)
{
	unsigned int bits;
	u8 key[16], cidr;
	void *ret;

	parse(p, key, &cidr, &bits);
	mutex_lock(&lock);
	ret = dcx_lpm_remove(t, key, cidr, &lock);
	mutex_unlock(&lock);
	check_struct(t);
	return U(ret);
}

/* Longest match value (0 = none); *cidr_out = its length or -1. */
static inline uintptr_t lk(const struct dcx_lpm *t, const char *addr,
			   int *cidr_out)
{
	unsigned int bits;
	u8 key[16], cidr, c = 0xee;
	void *ret;

	parse(addr, key, &cidr, &bits);
	assert_int_equal(cidr, bits);
	rcu_read_lock();
	ret = dcx_lpm_lookup(t, key, &c);
	rcu_read_unlock();
	if (cidr_out)
		*cidr_out = ret ? c : -1;
	if (!ret)
		assert_int_equal(c, 0xee);	/* untouched on a miss */
	return U(ret);
}

static inline uintptr_t exact(const struct dcx_lpm *t, const char *p)
{
	unsigned int bits;
	u8 key[16], cidr;
	void *ret;

	parse(p, key, &cidr, &bits);
	rcu_read_lock();
	ret = dcx_lpm_find_exact(t, key, cidr);
	rcu_read_unlock();
	return U(ret);
}

static inline void destroy(struct dcx_lpm *t)
{
	mutex_lock(&lock);
	dcx_lpm_free(t, NULL, &lock);
	mutex_unlock(&lock);
	kshim_rcu_grace_period();
}

static inline int lpm_group_setup(void **state)
{
	(void)state;
	mutex_init(&lock);
	return dcx_lpm_cache_init() ?: dcx_eam_cache_init();
}

static inline int lpm_group_teardown(void **state)
{
	(void)state;
	dcx_eam_cache_exit();	/* WARNs (aborts) if an EAM entry leaked */
	dcx_lpm_cache_exit();	/* WARNs (aborts) if a node leaked */
	return 0;
}

static long live_before;

static inline int lpm_test_setup(void **state)
{
	(void)state;
	/* A failed test may have left these behind: isolate the next. */
	mutex_init(&lock);
	kshim_rcu_nesting = 0;
	kshim_warn_fatal = true;
	kshim_fail_alloc_nth(0);
	dcx_lpm_debug_hook = NULL;
	rcu_barrier();
	live_before = dcx_lpm_debug_live_nodes();
	return 0;
}

/* After every test: nothing left allocated, no lock or RCU section held. */
static inline int lpm_test_teardown(void **state)
{
	(void)state;
	rcu_barrier();
	assert_int_equal(dcx_lpm_debug_live_nodes(), live_before);
	assert_false(mutex_is_locked(&lock));
	assert_int_equal(kshim_rcu_nesting, 0);
	return 0;
}

/* A test with the setup and teardown above. */
#define T(f) cmocka_unit_test_setup_teardown(f, lpm_test_setup, \
					     lpm_test_teardown)

#endif /* DCX_LPM_HELPERS_H */
