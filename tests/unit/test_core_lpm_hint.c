// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/lpm.c's insert hint (struct dcx_lpm.hint): a sorted load
 * starts each descent where the last insert passed, deep in the trie, so
 * it visits few nodes; the trie it builds, the overlap refusals and the
 * entry they name are those of a descent from the root. The randomized
 * differential test (test_core_lpm_rand.c) covers the hint among removals.
 */
#include "lpm_helpers.h"

#define NSEQ 65536

static unsigned long load(struct dcx_lpm *t, const u32 *order, unsigned int n,
			  unsigned int bits)
{
	unsigned long d0 = dcx_lpm_debug_descents;
	unsigned int i;
	u8 key[16];
	void *clash;

	for (i = 0; i < n; i++) {
		memset(key, 0, sizeof(key));
		if (bits == 32) {
			*(__be32 *)key = htonl(0x0a000000 + order[i]);
		} else {
			*(__be32 *)key = htonl(0x20010db8);
			*(__be32 *)(key + 12) = htonl(order[i]);
		}
		mutex_lock(&lock);
		assert_int_equal(dcx_lpm_insert_excl(t, key, (u8)bits,
						     V(order[i] + 1),
						     GFP_KERNEL, &lock,
						     &clash), 0);
		mutex_unlock(&lock);
	}
	return dcx_lpm_debug_descents - d0;
}

static void excl(struct dcx_lpm *t, const char *p, int want, uintptr_t lo,
		 uintptr_t hi)
{
	unsigned int bits;
	u8 key[16], cidr;
	void *clash;

	parse(p, key, &cidr, &bits);
	mutex_lock(&lock);
	assert_int_equal(dcx_lpm_insert_excl(t, key, cidr, V(9999999),
					     GFP_KERNEL, &lock, &clash), want);
	mutex_unlock(&lock);
	if (want == -EEXIST) {
		assert_true(U(clash) >= lo && U(clash) <= hi);
	} else if (!want) {
		assert_int_equal(del(t, p), 9999999);
	}
}

/* Sorted: a few nodes per insert; random order: about log2(n) of them. */
static void sorted_vs_random(unsigned int bits)
{
	struct dcx_lpm a, b;
	unsigned long ds, dr;
	u32 *order = malloc(NSEQ * sizeof(*order)), x, tmp;
	unsigned int i, j;
	u8 key[16];

	assert_non_null(order);
	for (i = 0; i < NSEQ; i++)
		order[i] = i;
	dcx_lpm_init(&a, bits);
	ds = load(&a, order, NSEQ, bits);
	for (i = NSEQ - 1, x = 12345; i > 0; i--) {
		x = x * 1103515245 + 12345;
		j = (x >> 8) % (i + 1);
		tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	dcx_lpm_init(&b, bits);
	dr = load(&b, order, NSEQ, bits);
	check_struct(&a);
	check_struct(&b);
	print_message("descents per insert: sorted %lu/%u, random %lu/%u\n",
		      ds, NSEQ, dr, NSEQ);
	/* Sorted: about 3.5 nodes per insert (7 from the root). */
	assert_true(ds <= 5UL * NSEQ);
	assert_true(dr >= 12UL * NSEQ);
	/* The same entries whatever the order. */
	for (i = 0; i < NSEQ; i += 97) {
		memset(key, 0, sizeof(key));
		if (bits == 32) {
			*(__be32 *)key = htonl(0x0a000000 + i);
		} else {
			*(__be32 *)key = htonl(0x20010db8);
			*(__be32 *)(key + 12) = htonl(i);
		}
		rcu_read_lock();
		assert_int_equal(U(dcx_lpm_lookup(&a, key, NULL)), i + 1);
		assert_int_equal(U(dcx_lpm_lookup(&b, key, NULL)), i + 1);
		rcu_read_unlock();
	}
	free(order);
	destroy(&b);
	if (bits == 32) {
		/* Refusals right after a sorted load still name the entry. */
		excl(&a, "10.0.255.255", -EEXIST, 65536, 65536);
		excl(&a, "10.0.255.0/24", -EEXIST, 65281, 65536);
		excl(&a, "10.0.255.254/31", -EEXIST, 65535, 65536);
		excl(&a, "10.0.0.0/8", -EEXIST, 1, 65536);
		excl(&a, "10.1.0.0/32", 0, 0, 0);
		assert_int_equal(del(&a, "10.0.255.255"), 65536);
		excl(&a, "10.0.255.255", 0, 0, 0);
		excl(&a, "10.0.255.254/31", -EEXIST, 65535, 65535);
	} else {
		excl(&a, "2001:db8::ffff/128", -EEXIST, 65536, 65536);
		excl(&a, "2001:db8::ff00/120", -EEXIST, 65281, 65536);
		excl(&a, "2001:db8::1:0/128", 0, 0, 0);
	}
	check_struct(&a);
	destroy(&a);
}

static void test_hint_v4(void **state)
{
	(void)state;
	sorted_vs_random(32);
}

static void test_hint_v6(void **state)
{
	(void)state;
	sorted_vs_random(128);
}

/* A hint never outlives a removal: the slot may have been freed. */
static void test_hint_removal(void **state)
{
	struct dcx_lpm t;
	char p[32];
	unsigned int i;

	(void)state;
	dcx_lpm_init(&t, 32);
	for (i = 0; i < 2000; i++) {
		snprintf(p, sizeof(p), "10.0.%u.%u", i / 256, i % 256);
		assert_int_equal(ins(&t, p, i + 1), 0);
	}
	assert_non_null(t.hint);
	for (i = 0; i < 2000; i += 2) {
		snprintf(p, sizeof(p), "10.0.%u.%u", i / 256, i % 256);
		assert_int_equal(del(&t, p), i + 1);
		assert_null(t.hint);
		kshim_rcu_grace_period();	/* freed nodes are gone */
		snprintf(p, sizeof(p), "10.0.%u.%u/31", i / 256, i % 256);
		assert_int_equal(ins(&t, p, 100000 + i), 0);
	}
	for (i = 0; i < 2000; i += 2) {
		snprintf(p, sizeof(p), "10.0.%u.%u", i / 256, i % 256);
		assert_int_equal(lk(&t, p, NULL), 100000 + i);
	}
	destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hint_v4),
		cmocka_unit_test(test_hint_v6),
		cmocka_unit_test(test_hint_removal),
	};

	return cmocka_run_group_tests_name("lpm_hint", tests,
					   lpm_group_setup,
					   lpm_group_teardown);
}
