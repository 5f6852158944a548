// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/lpm.c: fixed vectors, a randomized differential test against a
 * linear-scan model, walk order and resumption, writers interleaved with
 * readers at every node a reader reads (the debug hook), fault injection,
 * deferred freeing, and the cost of a lookup as the table grows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>

#include "lpm.h"

static struct mutex lock;

#define V(x) ((void *)(uintptr_t)(x))
#define U(p) ((uintptr_t)(p))

/* ---- helpers -------------------------------------------------------- */

/* "10.0.0.0/8", "2001:db8::/32" or a bare address (full length). */
static void parse(const char *s, u8 *key, u8 *cidr, unsigned int *bits)
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

static void check_struct(const struct dcx_lpm *t)
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

static int ins(struct dcx_lpm *t, const char *p, uintptr_t v)
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

static uintptr_t del(struct dcx_lpm *t, const char *p)
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
static uintptr_t lk(const struct dcx_lpm *t, const char *addr, int *cidr_out)
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

static uintptr_t exact(const struct dcx_lpm *t, const char *p)
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

static void destroy(struct dcx_lpm *t)
{
	mutex_lock(&lock);
	dcx_lpm_free(t, NULL, &lock);
	mutex_unlock(&lock);
	kshim_rcu_grace_period();
}

static int group_setup(void **state)
{
	(void)state;
	mutex_init(&lock);
	return dcx_lpm_cache_init();
}

static int group_teardown(void **state)
{
	(void)state;
	dcx_lpm_cache_exit();	/* WARNs (aborts) if a node leaked */
	return 0;
}

static long live_before;

static int test_setup(void **state)
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
static int test_teardown(void **state)
{
	(void)state;
	rcu_barrier();
	assert_int_equal(dcx_lpm_debug_live_nodes(), live_before);
	assert_false(mutex_is_locked(&lock));
	assert_int_equal(kshim_rcu_nesting, 0);
	return 0;
}

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

static u64 rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1DULL;
}

static unsigned int rndn(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

/* Byte-wise prefix logic, independent of lpm.c's word arithmetic. */
static bool pmatch(const u8 *a, const u8 *b, unsigned int cidr)
{
	unsigned int full = cidr / 8, rest = cidr % 8;

	if (memcmp(a, b, full))
		return false;
	return !rest || !((a[full] ^ b[full]) & (u8)(0xff << (8 - rest)));
}

static void pmask(u8 *k, unsigned int cidr, unsigned int bits)
{
	unsigned int i;

	for (i = 0; i < bits / 8; i++) {
		if (cidr >= 8 * (i + 1))
			continue;
		k[i] &= cidr <= 8 * i ? 0 : (u8)(0xff << (8 - (cidr - 8 * i)));
	}
}

static int ment_cmp(const void *pa, const void *pb)
{
	const struct ment *a = pa, *b = pb;
	int r = memcmp(a->key, b->key, 16);

	return r ? r : (int)a->cidr - (int)b->cidr;
}

static int m_find(const struct model *m, const u8 *key, unsigned int cidr)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->e[i].cidr == cidr && pmatch(m->e[i].key, key, cidr))
			return i;
	return -1;
}

static int m_lookup(const struct model *m, const u8 *addr)
{
	int i, best = -1;

	for (i = 0; i < (int)m->n; i++)
		if (pmatch(m->e[i].key, addr, m->e[i].cidr) &&
		    (best < 0 || m->e[i].cidr > m->e[best].cidr))
			best = i;
	return best;
}

static void m_add(struct model *m, const u8 *key, unsigned int cidr,
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

static void m_del(struct model *m, int i)
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

static void gen_init(struct gen *g, unsigned int bits)
{
	unsigned int i, j;

	g->bits = bits;
	for (i = 0; i < 16; i++)
		for (j = 0; j < 16; j++)
			g->base[i][j] = rnd();
	memset(g->base[0], 0, 16);
	memset(g->base[1], 0xff, 16);
}

static void gen_addr(const struct gen *g, u8 *out, unsigned int *depth)
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

static unsigned int gen_prefix(const struct gen *g, u8 *key)
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

static void key_str(char *buf, size_t len, const u8 *key, unsigned int bits,
		    unsigned int cidr)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(bits == 32 ? AF_INET : AF_INET6, key, a, sizeof(a));
	snprintf(buf, len, "%s/%u", a, cidr);
}

struct walk_all {
	struct ment *out;
	unsigned int n, max, bytes;
};

static int walk_all_cb(void *ctx, const u8 *key, u8 cidr, void *value)
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
			bool bad = false;

			cidr = gen_prefix(&g, key);
			if (cidr < bits && rndn(50) == 0) {
				/* one bit set after the prefix */
				unsigned int b = cidr + rndn(bits - cidr);

				key[b / 8] |= 0x80 >> (b % 8);
				bad = true;
			}
			mutex_lock(&lock);
			ret = dcx_lpm_insert(&t, key, cidr, V(seq + 1),
					     GFP_KERNEL, &lock);
			mutex_unlock(&lock);
			if (bad) {
				assert_int_equal(ret, -EINVAL);
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
		      "%lu lookup hits, %lu exact hits, "
		      "max %u nodes per lookup\n", bits, RANDOM_OPS,
		      (double)(ts1.tv_sec - ts0.tv_sec) +
		      (ts1.tv_nsec - ts0.tv_nsec) / 1e9,
		      stats[0], stats[1], stats[2], stats[3], max_visits);
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

#define T(f) cmocka_unit_test_setup_teardown(f, test_setup, test_teardown)

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
		T(test_enomem),
		T(test_deferred_free),
		T(test_locking_rules),
		T(test_random_v4),
		T(test_random_v6),
		T(test_concurrent_lookup_v4),
		T(test_concurrent_lookup_v6),
		T(test_concurrent_walk_v4),
		T(test_concurrent_walk_v6),
		T(test_lookup_cost_v4),
		T(test_lookup_cost_v6),
	};

	return cmocka_run_group_tests_name("lpm", tests, group_setup,
					   group_teardown);
}
