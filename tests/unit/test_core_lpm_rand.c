// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/lpm.c, randomized: 100,000 operations per key width checked
 * against the linear-scan model of lpm_model.h (with full and resumed
 * walks compared to the sorted model), then the cost of a lookup as the
 * table grows to 200,000 entries. Fixed seed: every run is the same.
 */
#include <time.h>

#include "lpm_model.h"

static void key_str(char *buf, size_t len, const u8 *key, unsigned int bits,
		    unsigned int cidr)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(bits == 32 ? AF_INET : AF_INET6, key, a, sizeof(a));
	snprintf(buf, len, "%s/%u", a, cidr);
}

/* Full walk equals the sorted model; resume at random positions too. */
static void check_walk_vs_model(const struct dcx_lpm *t, struct model *m)
{
	unsigned int i, j, bytes = m->bits / 8;
	struct walk_all w = { .max = m->n + 1, .bytes = bytes };
	struct ment pos;

	w.out = calloc(w.max, sizeof(*w.out));
	assert_non_null(w.out);
	for (i = 0; i < m->n; i++)	/* keys past bits/8 are zero */
		memset(m->e[i].key + bytes, 0, 16 - bytes);
	qsort(m->e, m->n, sizeof(*m->e), ment_cmp);
	rcu_read_lock();
	assert_int_equal(dcx_lpm_walk(t, NULL, 0, false, walk_all_cb, &w), 0);
	rcu_read_unlock();
	assert_int_equal(w.n, m->n);
	for (i = 0; i < m->n; i++) {
		assert_memory_equal(w.out[i].key, m->e[i].key, bytes);
		assert_int_equal(w.out[i].cidr, m->e[i].cidr);
		assert_int_equal(w.out[i].val, m->e[i].val);
	}

	/* Resume from an entry, or from an arbitrary position. */
	for (j = 0; j < 20 && m->n; j++) {
		bool after = rndn(2);
		unsigned int first;

		memset(&pos, 0, sizeof(pos));
		if (rndn(2)) {
			pos = m->e[rndn(m->n)];
		} else {
			pos.cidr = rndn(m->bits + 1);
			for (i = 0; i < bytes; i++)
				pos.key[i] = rnd();
			pmask(pos.key, pos.cidr, m->bits);
		}
		for (first = 0; first < m->n; first++) {
			int c = ment_cmp(&m->e[first], &pos);

			if (c > 0 || (!after && c == 0))
				break;
		}
		w.n = 0;
		rcu_read_lock();
		assert_int_equal(dcx_lpm_walk(t, pos.key, pos.cidr, after,
					      walk_all_cb, &w), 0);
		rcu_read_unlock();
		assert_int_equal(w.n, m->n - first);
		for (i = 0; i < w.n; i++) {
			assert_memory_equal(w.out[i].key, m->e[first + i].key,
					    bytes);
			assert_int_equal(w.out[i].cidr, m->e[first + i].cidr);
		}
	}
	free(w.out);
}

/* ---- randomized differential test ----------------------------------- */

#define RANDOM_OPS 100000
#define MODEL_MAX 2000

static void random_diff(unsigned int bits)
{
	unsigned long sync0 = kshim_synchronize_rcu_calls, v0;
	unsigned int op, cidr, max_visits = 0;
	unsigned long stats[6] = { 0 };
	struct model m = { .bits = bits };
	uintptr_t seq = 0;
	struct timespec ts0, ts1;
	struct dcx_lpm t;
	struct gen g;
	u8 key[16];
	char s[80];
	u8 c;
	int i, ret;
	void *v;

	clock_gettime(CLOCK_MONOTONIC, &ts0);
	dcx_lpm_init(&t, bits);
	gen_init(&g, bits);
	for (op = 0; op < RANDOM_OPS; op++) {
		unsigned int r = rndn(100);

		if (r < 30 && m.n >= MODEL_MAX)
			r = 30;
		if (r < 30) {
			bool bad = false, excl;

			cidr = gen_prefix(&g, key);
			if (cidr < bits && rndn(50) == 0) {
				/* one bit set after the prefix */
				unsigned int b = cidr + rndn(bits - cidr);

				key[b / 8] |= 0x80 >> (b % 8);
				bad = true;
			}
			excl = rndn(2);
			mutex_lock(&lock);
			ret = excl ? dcx_lpm_insert_excl(&t, key, cidr,
							 V(seq + 1),
							 GFP_KERNEL, &lock,
							 &v) :
			      dcx_lpm_insert(&t, key, cidr, V(seq + 1),
					     GFP_KERNEL, &lock);
			mutex_unlock(&lock);
			if (bad) {
				assert_int_equal(ret, -EINVAL);
			} else if (excl && m_overlap(&m, key, cidr, 0)) {
				/* Refused, naming an entry in the way. */
				assert_int_equal(ret, -EEXIST);
				assert_true(m_overlap(&m, key, cidr, U(v)));
				stats[4]++;
			} else if (m_find(&m, key, cidr) >= 0) {
				assert_int_equal(ret, -EEXIST);
			} else {
				if (ret) {
					key_str(s, sizeof(s), key, bits, cidr);
					fail_msg("insert %s: %d", s, ret);
				}
				m_add(&m, key, cidr, ++seq);
				stats[0]++;
			}
		} else if (r < 55) {
			if (m.n && rndn(4)) {
				i = rndn(m.n);
				memcpy(key, m.e[i].key, 16);
				cidr = m.e[i].cidr;
			} else {
				cidr = gen_prefix(&g, key);
			}
			i = m_find(&m, key, cidr);
			mutex_lock(&lock);
			v = dcx_lpm_remove(&t, key, cidr, &lock);
			mutex_unlock(&lock);
			if (i < 0) {
				assert_null(v);
			} else {
				assert_int_equal(U(v), m.e[i].val);
				m_del(&m, i);
				stats[1]++;
			}
		} else if (r < 85) {
			gen_addr(&g, key, NULL);
			i = m_lookup(&m, key);
			c = 0xee;
			v0 = dcx_lpm_debug_visits;
			rcu_read_lock();
			v = dcx_lpm_lookup(&t, key, &c);
			rcu_read_unlock();
			v0 = dcx_lpm_debug_visits - v0;
			max_visits = max(max_visits, (unsigned int)v0);
			assert_true(v0 <= bits + 1);
			if (i < 0) {
				assert_null(v);
			} else {
				assert_int_equal(U(v), m.e[i].val);
				assert_int_equal(c, m.e[i].cidr);
				stats[2]++;
			}
		} else {
			cidr = gen_prefix(&g, key);
			i = m_find(&m, key, cidr);
			rcu_read_lock();
			v = dcx_lpm_find_exact(&t, key, cidr);
			rcu_read_unlock();
			assert_int_equal(U(v), i < 0 ? 0 : m.e[i].val);
			stats[3] += i >= 0;
		}
		if (op % 1000 == 999) {
			assert_int_equal(dcx_lpm_count(&t), m.n);
			check_struct(&t);
			kshim_rcu_grace_period();
		}
		if (op % 10000 == 9999)
			check_walk_vs_model(&t, &m);
	}
	check_walk_vs_model(&t, &m);
	/* Writers never waited for a grace period. */
	assert_int_equal(kshim_synchronize_rcu_calls, sync0);
	destroy(&t);
	free(m.e);
	clock_gettime(CLOCK_MONOTONIC, &ts1);
	print_message("%u-bit: %d ops in %.2f s: %lu inserts, %lu removes, "
		      "%lu lookup hits, %lu exact hits, %lu overlaps refused, "
		      "max %u nodes per lookup\n", bits, RANDOM_OPS,
		      (double)(ts1.tv_sec - ts0.tv_sec) +
		      (ts1.tv_nsec - ts0.tv_nsec) / 1e9,
		      stats[0], stats[1], stats[2], stats[3], stats[4],
		      max_visits);
	/* The exclusive insert met both outcomes. */
	assert_true(stats[4] > 0);
}

static void test_random_v4(void **state)
{
	(void)state;
	random_diff(32);
}

static void test_random_v6(void **state)
{
	(void)state;
	random_diff(128);
}

/* ---- cost of a lookup ----------------------------------------------- */

static unsigned long probe_visits(const struct dcx_lpm *t, const u8 *probes,
				  unsigned int n, unsigned int *max_out)
{
	unsigned int i, bytes = t->bits / 8, max_v = 0;
	unsigned long total = 0, v0;

	rcu_read_lock();
	for (i = 0; i < n; i++) {
		v0 = dcx_lpm_debug_visits;
		assert_non_null(dcx_lpm_lookup(t, probes + i * bytes, NULL));
		v0 = dcx_lpm_debug_visits - v0;
		total += v0;
		max_v = max(max_v, (unsigned int)v0);
	}
	rcu_read_unlock();
	*max_out = max_v;
	return total;
}

/*
 * Lookups in one region cost the same however many entries live
 * elsewhere: at most a few more branch points above the region (one per
 * bit of the region's own prefix), never a function of the entry count.
 */
static void lookup_cost(unsigned int bits)
{
	const unsigned int nprobe = 1000, region_bits = bits == 32 ? 8 : 32;
	unsigned int bytes = bits / 8, i, n, max1, max2, max3, cidr;
	unsigned long tot1, tot2, tot3;
	struct dcx_lpm_debug_stats st;
	u8 *probes, key[16];
	struct dcx_lpm t;
	int ret;

	dcx_lpm_init(&t, bits);
	probes = calloc(nprobe, bytes);
	assert_non_null(probes);
	/* Region: 10.0.0.0/8 or 2001:db8::/32, random full-length entries. */
	for (i = 0; i < nprobe; i++) {
		u8 *p = probes + i * bytes;

		do {
			for (n = 0; n < bytes; n++)
				p[n] = rnd();
			if (bits == 32) {
				p[0] = 10;
			} else {
				p[0] = 0x20; p[1] = 0x01;
				p[2] = 0x0d; p[3] = 0xb8;
			}
			mutex_lock(&lock);
			ret = dcx_lpm_insert(&t, p, bits, V(i + 1), GFP_KERNEL,
					     &lock);
			mutex_unlock(&lock);
		} while (ret == -EEXIST);
		assert_int_equal(ret, 0);
	}
	tot1 = probe_visits(&t, probes, nprobe, &max1);

	/* 100,000 entries outside the region, of every length. */
	for (n = 0; n < 100000;) {
		cidr = region_bits + rndn(bits - region_bits + 1);
		for (i = 0; i < bytes; i++)
			key[i] = rnd();
		if ((bits == 32 && key[0] == 10) ||
		    (bits == 128 && !memcmp(key, probes, 4)))
			continue;
		pmask(key, cidr, bits);
		mutex_lock(&lock);
		ret = dcx_lpm_insert(&t, key, cidr, V(1), GFP_KERNEL, &lock);
		mutex_unlock(&lock);
		assert_true(ret == 0 || ret == -EEXIST);
		n += !ret;
	}
	tot2 = probe_visits(&t, probes, nprobe, &max2);
	assert_true(max2 <= bits + 1);
	assert_true(tot2 <= tot1 + (unsigned long)region_bits * nprobe);
	assert_true(max2 <= max1 + region_bits);

	/* And 100,000 more: nothing changes for the region any more. */
	for (n = 0; n < 100000;) {
		cidr = region_bits + rndn(bits - region_bits + 1);
		for (i = 0; i < bytes; i++)
			key[i] = rnd();
		if ((bits == 32 && key[0] == 10) ||
		    (bits == 128 && !memcmp(key, probes, 4)))
			continue;
		pmask(key, cidr, bits);
		mutex_lock(&lock);
		ret = dcx_lpm_insert(&t, key, cidr, V(1), GFP_KERNEL, &lock);
		mutex_unlock(&lock);
		n += !ret;
	}
	tot3 = probe_visits(&t, probes, nprobe, &max3);
	assert_true(tot3 <= tot1 + (unsigned long)region_bits * nprobe);
	assert_true(max3 <= max1 + region_bits);
	assert_int_equal(dcx_lpm_debug_check(&t, &st), 0);
	assert_true(st.max_depth <= bits + 1);
	print_message("%u-bit: %u entries, %u nodes, depth %u; region "
		      "lookups: %.1f avg / %u max nodes with %u entries, "
		      "%.1f / %u with 100k more, %.1f / %u with 200k more\n",
		      bits, st.values, st.nodes, st.max_depth,
		      (double)tot1 / nprobe, max1, nprobe,
		      (double)tot2 / nprobe, max2, (double)tot3 / nprobe, max3);
	free(probes);
	destroy(&t);
}

static void test_lookup_cost_v4(void **state)
{
	(void)state;
	lookup_cost(32);
}

static void test_lookup_cost_v6(void **state)
{
	(void)state;
	lookup_cost(128);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_random_v4),
		T(test_random_v6),
		T(test_lookup_cost_v4),
		T(test_lookup_cost_v6),
	};

	return cmocka_run_group_tests_name("lpm_rand", tests, lpm_group_setup,
					   lpm_group_teardown);
}
