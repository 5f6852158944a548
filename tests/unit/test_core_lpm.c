// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/lpm.c, fixed vectors: nested prefixes, /0, /32, /128,
 * siblings and bare branch points, removal of every kind of node, error
 * codes, exact lookups, unaligned keys, and walk order and resumption.
 * The randomized, concurrent and memory tests are test_core_lpm_rand.c,
 * test_core_lpm_rcu.c and test_core_lpm_mem.c; the fixture is
 * lpm_helpers.h.
 */
#include "lpm_helpers.h"

/* ---- fixed vectors -------------------------------------------------- */

static void test_v4_nested(void **state)
{
	struct dcx_lpm t;
	int c;

	(void)state;
	dcx_lpm_init(&t, 32);
	assert_int_equal(lk(&t, "10.1.2.3", &c), 0);
	assert_int_equal(ins(&t, "10.0.0.0/8", 1), 0);
	assert_int_equal(ins(&t, "10.1.2.3/32", 4), 0);
	assert_int_equal(ins(&t, "10.1.0.0/16", 2), 0);
	assert_int_equal(ins(&t, "10.1.2.0/24", 3), 0);
	assert_int_equal(dcx_lpm_count(&t), 4);

	assert_int_equal(lk(&t, "10.1.2.3", &c), 4);
	assert_int_equal(c, 32);
	assert_int_equal(lk(&t, "10.1.2.4", &c), 3);
	assert_int_equal(c, 24);
	assert_int_equal(lk(&t, "10.1.3.1", &c), 2);
	assert_int_equal(c, 16);
	assert_int_equal(lk(&t, "10.2.0.0", &c), 1);
	assert_int_equal(c, 8);
	assert_int_equal(lk(&t, "10.255.255.255", &c), 1);
	assert_int_equal(lk(&t, "11.0.0.0", &c), 0);
	assert_int_equal(c, -1);
	assert_int_equal(lk(&t, "9.255.255.255", NULL), 0);

	/* /0 catches the rest, without hiding longer matches. */
	assert_int_equal(ins(&t, "0.0.0.0/0", 9), 0);
	assert_int_equal(lk(&t, "11.0.0.0", &c), 9);
	assert_int_equal(c, 0);
	assert_int_equal(lk(&t, "255.255.255.255", &c), 9);
	assert_int_equal(lk(&t, "10.1.2.3", &c), 4);
	assert_int_equal(c, 32);

	/* Siblings that share 23 bits: a branch point without a value. */
	assert_int_equal(ins(&t, "192.168.0.0/24", 20), 0);
	assert_int_equal(ins(&t, "192.168.1.0/24", 21), 0);
	assert_int_equal(lk(&t, "192.168.0.77", &c), 20);
	assert_int_equal(c, 24);
	assert_int_equal(lk(&t, "192.168.1.77", &c), 21);
	assert_int_equal(lk(&t, "192.168.2.1", &c), 9);
	assert_int_equal(c, 0);
	assert_int_equal(exact(&t, "192.168.0.0/23"), 0);
	/* ... which an insert can give a value. */
	assert_int_equal(ins(&t, "192.168.0.0/23", 22), 0);
	assert_int_equal(lk(&t, "192.168.0.77", &c), 20);
	assert_int_equal(exact(&t, "192.168.0.0/23"), 22);
	assert_int_equal(del(&t, "192.168.0.0/23"), 22);
	assert_int_equal(lk(&t, "192.168.1.1", &c), 21);
	destroy(&t);
}

static void test_v4_errors(void **state)
{
	struct dcx_lpm t;
	u8 key[4] = { 10, 0, 0, 0 };

	(void)state;
	dcx_lpm_init(&t, 32);
	assert_int_equal(ins(&t, "10.0.0.0/8", 1), 0);
	assert_int_equal(ins(&t, "10.0.0.0/8", 2), -EEXIST);
	assert_int_equal(ins(&t, "10.0.0.1/8", 2), -EINVAL);
	assert_int_equal(ins(&t, "10.0.0.1/31", 2), -EINVAL);
	assert_int_equal(ins(&t, "10.0.0.0/33", 2), -EINVAL);
	assert_int_equal(ins(&t, "0.0.0.1/0", 2), -EINVAL);
	mutex_lock(&lock);
	assert_int_equal(dcx_lpm_insert(&t, key, 8, NULL, GFP_KERNEL, &lock),
			 -EINVAL);
	mutex_unlock(&lock);
	assert_int_equal(exact(&t, "10.0.0.0/8"), 1);	/* unchanged */
	assert_int_equal(dcx_lpm_count(&t), 1);
	assert_int_equal(del(&t, "10.0.0.0/33"), 0);
	assert_int_equal(exact(&t, "10.0.0.0/33"), 0);
	destroy(&t);
}

static void test_v4_remove(void **state)
{
	struct dcx_lpm t;
	int c;

	(void)state;
	dcx_lpm_init(&t, 32);
	assert_int_equal(ins(&t, "10.0.0.0/8", 1), 0);
	assert_int_equal(ins(&t, "10.1.0.0/16", 2), 0);
	assert_int_equal(ins(&t, "10.1.2.0/24", 3), 0);
	assert_int_equal(ins(&t, "10.1.2.3/32", 4), 0);
	assert_int_equal(ins(&t, "10.1.3.0/24", 5), 0);

	/* Not there: nothing changes. */
	assert_int_equal(del(&t, "10.1.2.0/23"), 0);	/* bare branch point? */
	assert_int_equal(del(&t, "10.1.4.0/24"), 0);
	assert_int_equal(del(&t, "11.0.0.0/8"), 0);
	assert_int_equal(del(&t, "10.1.2.3/31"), 0);
	assert_int_equal(dcx_lpm_count(&t), 5);

	/* Inner node with one child. */
	assert_int_equal(del(&t, "10.1.2.0/24"), 3);
	assert_int_equal(lk(&t, "10.1.2.4", &c), 2);
	assert_int_equal(c, 16);
	assert_int_equal(lk(&t, "10.1.2.3", &c), 4);
	assert_int_equal(c, 32);
	assert_int_equal(del(&t, "10.1.2.0/24"), 0);	/* only once */

	/* Inner node with two children stays as a branch point. */
	assert_int_equal(del(&t, "10.1.0.0/16"), 2);
	assert_int_equal(lk(&t, "10.1.2.4", &c), 1);
	assert_int_equal(c, 8);
	assert_int_equal(lk(&t, "10.1.3.9", &c), 5);
	assert_int_equal(exact(&t, "10.1.0.0/16"), 0);

	/* Leaf whose parent is a bare branch point: both go. */
	assert_int_equal(del(&t, "10.1.2.3/32"), 4);
	assert_int_equal(lk(&t, "10.1.2.3", &c), 1);
	assert_int_equal(lk(&t, "10.1.3.9", &c), 5);
	assert_int_equal(c, 24);

	/* Leaf under a node with a value. */
	assert_int_equal(del(&t, "10.1.3.0/24"), 5);
	assert_int_equal(lk(&t, "10.1.3.9", &c), 1);
	/* The root itself. */
	assert_int_equal(del(&t, "10.0.0.0/8"), 1);
	assert_int_equal(dcx_lpm_count(&t), 0);
	assert_int_equal(lk(&t, "10.1.3.9", &c), 0);
	kshim_rcu_grace_period();
	assert_int_equal(dcx_lpm_debug_live_nodes(), 0);

	/* Reusable after becoming empty. */
	assert_int_equal(ins(&t, "10.0.0.0/8", 6), 0);
	assert_int_equal(lk(&t, "10.9.9.9", NULL), 6);
	destroy(&t);
}

static void test_v4_edges(void **state)
{
	struct dcx_lpm t;
	int c;

	(void)state;
	dcx_lpm_init(&t, 32);
	assert_int_equal(ins(&t, "255.255.255.255/32", 1), 0);
	assert_int_equal(ins(&t, "0.0.0.0/32", 2), 0);
	assert_int_equal(ins(&t, "128.0.0.0/1", 3), 0);
	assert_int_equal(ins(&t, "0.0.0.0/1", 4), 0);
	assert_int_equal(lk(&t, "255.255.255.255", &c), 1);
	assert_int_equal(c, 32);
	assert_int_equal(lk(&t, "255.255.255.254", &c), 3);
	assert_int_equal(c, 1);
	assert_int_equal(lk(&t, "0.0.0.0", &c), 2);
	assert_int_equal(lk(&t, "0.0.0.1", &c), 4);
	assert_int_equal(lk(&t, "127.255.255.255", &c), 4);
	assert_int_equal(lk(&t, "128.0.0.0", &c), 3);
	assert_int_equal(ins(&t, "0.0.0.0/0", 5), 0);
	assert_int_equal(del(&t, "0.0.0.0/1"), 4);
	assert_int_equal(lk(&t, "0.0.0.1", &c), 5);
	assert_int_equal(c, 0);
	assert_int_equal(del(&t, "0.0.0.0/0"), 5);
	assert_int_equal(lk(&t, "0.0.0.1", &c), 0);
	assert_int_equal(lk(&t, "0.0.0.0", &c), 2);
	destroy(&t);
}

static void test_v6(void **state)
{
	struct dcx_lpm t;
	int c;

	(void)state;
	dcx_lpm_init(&t, 128);
	assert_int_equal(ins(&t, "2001:db8::/32", 1), 0);
	assert_int_equal(ins(&t, "2001:db8::1/128", 2), 0);
	assert_int_equal(ins(&t, "2001:db8:0:1::/64", 3), 0);
	assert_int_equal(ins(&t, "2001:db8::/96", 4), 0);
	assert_int_equal(ins(&t, "64:ff9b::/96", 5), 0);
	assert_int_equal(ins(&t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
			     6), 0);
	/* Differ only in the last bit / first bit of the low word. */
	assert_int_equal(ins(&t, "2001:db8::2/127", 7), 0);
	assert_int_equal(ins(&t, "2001:db8::8000:0:0:0/65", 8), 0);

	assert_int_equal(lk(&t, "2001:db8::1", &c), 2);
	assert_int_equal(c, 128);
	assert_int_equal(lk(&t, "2001:db8::3", &c), 7);
	assert_int_equal(c, 127);
	assert_int_equal(lk(&t, "2001:db8::4", &c), 4);
	assert_int_equal(c, 96);
	assert_int_equal(lk(&t, "2001:db8::1:0:0", &c), 1);
	assert_int_equal(c, 32);
	assert_int_equal(lk(&t, "2001:db8:0:1::5", &c), 3);
	assert_int_equal(c, 64);
	assert_int_equal(lk(&t, "2001:db8::8000:0:0:1", &c), 8);
	assert_int_equal(c, 65);
	assert_int_equal(lk(&t, "2001:db8::7fff:0:0:1", &c), 1);
	assert_int_equal(lk(&t, "64:ff9b::c000:201", &c), 5);
	assert_int_equal(c, 96);
	assert_int_equal(lk(&t, "64:ff9b::1:c000:201", &c), 0);
	assert_int_equal(lk(&t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", &c),
			 6);
	assert_int_equal(lk(&t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", &c),
			 0);
	assert_int_equal(lk(&t, "::", &c), 0);
	assert_int_equal(ins(&t, "::/0", 9), 0);
	assert_int_equal(lk(&t, "::", &c), 9);
	assert_int_equal(c, 0);
	assert_int_equal(lk(&t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", &c),
			 9);
	assert_int_equal(ins(&t, "2001:db8::1/127", 10), -EINVAL);
	assert_int_equal(ins(&t, "2001:db8::/129", 10), -EINVAL);
	assert_int_equal(ins(&t, "2001:db8::/96", 10), -EEXIST);
	assert_int_equal(del(&t, "2001:db8::/96"), 4);
	assert_int_equal(lk(&t, "2001:db8::4", &c), 1);
	assert_int_equal(lk(&t, "2001:db8::1", &c), 2);
	assert_int_equal(del(&t, "::/0"), 9);
	assert_int_equal(lk(&t, "::", &c), 0);
	assert_int_equal(dcx_lpm_count(&t), 7);
	destroy(&t);
}

static void test_find_exact(void **state)
{
	struct dcx_lpm t;

	(void)state;
	dcx_lpm_init(&t, 32);
	assert_int_equal(exact(&t, "10.0.0.0/8"), 0);
	assert_int_equal(ins(&t, "10.0.0.0/8", 1), 0);
	assert_int_equal(ins(&t, "10.1.0.0/16", 2), 0);
	assert_int_equal(exact(&t, "10.0.0.0/8"), 1);
	assert_int_equal(exact(&t, "10.7.7.7/8"), 1);	/* host bits ignored */
	assert_int_equal(exact(&t, "10.1.0.0/16"), 2);
	assert_int_equal(exact(&t, "10.0.0.0/9"), 0);
	assert_int_equal(exact(&t, "10.0.0.0/7"), 0);
	assert_int_equal(exact(&t, "10.1.0.0/24"), 0);
	assert_int_equal(exact(&t, "10.1.0.0/33"), 0);
	destroy(&t);
}

/* Keys at odd addresses (they may point into a packet). */
static void test_unaligned_keys(void **state)
{
	u8 buf[40] __aligned(16);
	struct dcx_lpm t4, t6;
	u8 cidr = 0;
	int i;

	(void)state;
	dcx_lpm_init(&t4, 32);
	dcx_lpm_init(&t6, 128);
	for (i = 0; i < 16; i++)
		buf[1 + i] = 0x20 + i;
	mutex_lock(&lock);
	assert_int_equal(dcx_lpm_insert(&t4, buf + 1, 32, V(1), GFP_KERNEL,
					&lock), 0);
	assert_int_equal(dcx_lpm_insert(&t6, buf + 1, 128, V(2), GFP_KERNEL,
					&lock), 0);
	mutex_unlock(&lock);
	memmove(buf + 3, buf + 1, 16);
	rcu_read_lock();
	assert_int_equal(U(dcx_lpm_lookup(&t4, buf + 3, &cidr)), 1);
	assert_int_equal(cidr, 32);
	assert_int_equal(U(dcx_lpm_lookup(&t6, buf + 3, &cidr)), 2);
	assert_int_equal(cidr, 128);
	assert_int_equal(U(dcx_lpm_find_exact(&t6, buf + 3, 128)), 2);
	rcu_read_unlock();
	destroy(&t4);
	destroy(&t6);
}

/* ---- walk ----------------------------------------------------------- */

struct collect {
	unsigned int n, max, stop_after;
	u8 key[64][16];
	u8 cidr[64];
	uintptr_t val[64];
};

static int collect_cb(void *ctx, const u8 *key, u8 cidr, void *value)
{
	struct collect *c = ctx;

	assert_true(c->n < c->max);
	memcpy(c->key[c->n], key, 4);
	c->cidr[c->n] = cidr;
	c->val[c->n] = U(value);
	c->n++;
	return c->stop_after && c->n == c->stop_after ? 7 : 0;
}

static int walk(const struct dcx_lpm *t, const char *start, bool after,
		struct collect *c)
{
	unsigned int bits;
	u8 key[16], cidr = 0;
	int ret;

	c->n = 0;
	c->max = 64;
	if (start)
		parse(start, key, &cidr, &bits);
	rcu_read_lock();
	ret = dcx_lpm_walk(t, start ? key : NULL, cidr, after, collect_cb, c);
	rcu_read_unlock();
	return ret;
}

static const char *const walk_sorted[] = {
	"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24",
	"10.0.0.1/32", "10.1.0.0/16", "10.128.0.0/9", "11.0.0.0/8",
	"128.0.0.0/1", "192.168.1.0/24", "255.255.255.255/32",
};

static void assert_walk_from(const struct collect *c, unsigned int first)
{
	unsigned int i, bits;
	u8 key[16], cidr;

	assert_int_equal(c->n, ARRAY_SIZE(walk_sorted) - first);
	for (i = 0; i < c->n; i++) {
		parse(walk_sorted[first + i], key, &cidr, &bits);
		assert_memory_equal(c->key[i], key, 4);
		assert_int_equal(c->cidr[i], cidr);
		assert_int_equal(c->val[i], first + i + 1);
	}
}

static void test_walk_order(void **state)
{
	static const unsigned int order[] = { 7, 2, 10, 0, 5, 3, 9, 1, 8, 4, 6 };
	struct collect c;
	struct dcx_lpm t;
	unsigned int i;

	(void)state;
	dcx_lpm_init(&t, 32);
	assert_int_equal(walk(&t, NULL, false, &c), 0);
	assert_int_equal(c.n, 0);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		assert_int_equal(ins(&t, walk_sorted[order[i]], order[i] + 1),
				 0);

	assert_int_equal(walk(&t, NULL, false, &c), 0);
	assert_walk_from(&c, 0);
	for (i = 0; i < ARRAY_SIZE(walk_sorted); i++) {
		assert_int_equal(walk(&t, walk_sorted[i], true, &c), 0);
		assert_walk_from(&c, i + 1);
		assert_int_equal(walk(&t, walk_sorted[i], false, &c), 0);
		assert_walk_from(&c, i);
	}

	/* Positions that are not entries. */
	walk(&t, "10.0.0.0/12", false, &c);
	assert_walk_from(&c, 2);
	walk(&t, "10.0.0.0/12", true, &c);
	assert_walk_from(&c, 2);
	walk(&t, "10.0.0.5/32", true, &c);
	assert_walk_from(&c, 5);
	walk(&t, "10.0.0.0/33", false, &c);	/* past every 10.0.0.0/n */
	assert_walk_from(&c, 4);
	walk(&t, "10.0.0.7/24", false, &c);	/* host bits ignored */
	assert_walk_from(&c, 3);
	walk(&t, "9.0.0.0/8", false, &c);
	assert_walk_from(&c, 1);
	walk(&t, "10.200.0.0/16", false, &c);
	assert_walk_from(&c, 7);
	walk(&t, "200.0.0.0/8", false, &c);
	assert_walk_from(&c, 10);
	walk(&t, "0.0.0.0/0", true, &c);
	assert_walk_from(&c, 1);

	/* A non-zero callback value stops the walk and is returned. */
	c.stop_after = 3;
	assert_int_equal(walk(&t, NULL, false, &c), 7);
	assert_int_equal(c.n, 3);
	c.stop_after = 0;

	/* Resume after removing the last emitted and the next entries. */
	walk(&t, NULL, false, &c);
	assert_int_equal(del(&t, "10.0.0.0/16"), 3);
	assert_int_equal(del(&t, "10.0.0.0/24"), 4);
	walk(&t, "10.0.0.0/16", true, &c);
	assert_int_equal(c.n, ARRAY_SIZE(walk_sorted) - 4);
	assert_int_equal(c.val[0], 5);
	destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_v4_nested),
		T(test_v4_errors),
		T(test_v4_remove),
		T(test_v4_edges),
		T(test_v6),
		T(test_find_exact),
		T(test_unaligned_keys),
		T(test_walk_order),
	};

	return cmocka_run_group_tests_name("lpm", tests, lpm_group_setup,
					   lpm_group_teardown);
}
