// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/space.c and bind.c: spaces (names, IDs, prefixes, the one
 * delete, counters made with the space and freed after it), the space
 * prefix from base + ID, interface bindings (exact duplicates refused,
 * longest match, waiting for their device and waiting again when it goes,
 * gone with their space), nothing half-done when an allocation fails, and
 * frees deferred to a grace period without a writer ever waiting for one.
 */
#include "tables_helpers.h"

/* ---- spaces ---------------------------------------------------------- */

static void test_space_rules(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	const struct dcx_prefix6 *p6;
	struct dcx_space *a, *s;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	assert_string_equal(t->def->name, "default");
	assert_int_equal(t->def->id, 0);
	a = space_add(t, "a", 5, "2001:db8:a::", 96, why);
	assert_false(IS_ERR(a));
	assert_ptr_equal(dcx_space_find(t, "a"), a);
	assert_ptr_equal(dcx_space_find_id(t, 5), a);
	assert_ptr_equal(dcx_space_find_id(t, 0), t->def);
	assert_null(dcx_space_find(t, "nope"));
	assert_null(dcx_space_find_id(t, 6));

	s = space_add(t, "a", 6, NULL, 0, why);
	assert_int_equal(PTR_ERR(s), -EEXIST);
	expect_why(why, "space \"a\" already exists");
	s = space_add(t, "default", 6, NULL, 0, why);
	assert_int_equal(PTR_ERR(s), -EEXIST);
	s = space_add(t, "b", 5, NULL, 0, why);
	assert_int_equal(PTR_ERR(s), -EEXIST);
	expect_why(why, "space ID 5 is taken by space a");
	s = space_add(t, "b", 0, NULL, 0, why);
	assert_int_equal(PTR_ERR(s), -EINVAL);
	expect_why(why, "space ID 0 is out of range 1..65535");
	s = space_add(t, "b", 65536, NULL, 0, why);
	assert_int_equal(PTR_ERR(s), -EINVAL);
	s = space_add(t, "", 7, NULL, 0, why);
	assert_int_equal(PTR_ERR(s), -EINVAL);
	expect_why(why, "space name must be 1..15 bytes");
	s = space_add(t, "0123456789abcdef", 7, NULL, 0, why);
	assert_int_equal(PTR_ERR(s), -EINVAL);
	/* Prefix collisions: containing, contained, equal. */
	s = space_add(t, "b", 7, "2001:db8::", 32, why);
	assert_int_equal(PTR_ERR(s), -EEXIST);
	expect_why(why, "2001:db8::/32 overlaps the prefix of space a");
	s = space_add(t, "b", 7, "2001:db8:a::", 96, why);
	assert_int_equal(PTR_ERR(s), -EEXIST);
	s = space_add(t, "b", 7, "2001:db8:a::", 64, why);
	assert_int_equal(PTR_ERR(s), -EEXIST);
	/* Bad prefixes. */
	s = space_add(t, "b", 7, "2001:db8:b::", 80, why);
	assert_int_equal(PTR_ERR(s), -EINVAL);
	expect_why(why, "prefix length 80 is not an RFC 6052 length");
	s = space_add(t, "b", 7, "2001:db8:b::1", 96, why);
	assert_int_equal(PTR_ERR(s), -EINVAL);
	expect_why(why, "2001:db8:b::1/96 has bits set after the length");
	/* Reserved ranges (core/prefix.c), for a space and for pool6. */
	s = space_add(t, "b", 7, "ff02::", 96, why);
	assert_int_equal(PTR_ERR(s), -EINVAL);
	expect_why(why, "ff02::/96 overlaps ff00::/8 (multicast): not usable as a translation prefix");
	assert_int_equal(set_pool6(t, a, "fe80::", 64, why), -EINVAL);
	expect_why(why, "fe80::/64 overlaps fe80::/10 (link-local): not usable as a translation prefix");
	assert_int_equal(t->nspaces, 2);
	s = space_add(t, "b", 65535, "2001:db8:b::", 96, why);
	assert_false(IS_ERR(s));
	assert_int_equal(t->nspaces, 3);

	/* The default space stays. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, t->def, why, &xv_lock), -EINVAL);
	mutex_unlock(&xv_lock);
	expect_why(why, "the default space cannot be deleted");
	/* A deleted space frees its name, ID and prefix. */
	expect_map64(&cfg, "2001:db8:a::102:304", a, "1.2.3.4");
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, a, why, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	expect_map64(&cfg, "2001:db8:a::102:304", NULL, NULL);
	a = space_add(t, "a", 5, "2001:db8:a::", 96, why);
	assert_false(IS_ERR(a));
	/* Replacing a prefix: the old one stops translating. */
	assert_int_equal(set_pool6(t, a, "2001:db8:a:1::", 64, why), 0);
	expect_map64(&cfg, "2001:db8:a::102:304", NULL, NULL);
	/* The same prefix again: nothing replaced. */
	p6 = dcx_space_pool6(a);
	assert_int_equal(set_pool6(t, a, "2001:db8:a:1::", 64, why), 0);
	assert_ptr_equal(dcx_space_pool6(a), p6);
	expect_map64(&cfg, "2001:db8:a:1:1:203:400::", a, "1.2.3.4");
	assert_int_equal(set_pool6(t, a, NULL, 0, why), 0);
	assert_null(dcx_space_pool6(a));
	expect_map46(&cfg, a, "1.2.3.4", "-");
	assert_int_equal(dcx_lpm_count(&t->pool6), 1);
}

/* Counters come with the space, and go after a grace period with it. */
static void test_space_counters(void **state __maybe_unused)
{
	static const u8 none[16];
	u64 sum[DCXLAT_STAT_COUNT];
	struct dcx_xlat_cfg cfg;
	struct dcx_tables *t;
	struct dcx_space *s;
	char why[DCX_WHY_LEN];
	unsigned int n;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	assert_non_null(t->def->stats);
	s = xv_space(&cfg, "a", 1, NULL, 0);
	assert_non_null(s->stats);
	dcx_space_stat_inc(s, DCXLAT_STAT_XLAT_46);
	dcx_space_stat_inc(s, DCXLAT_STAT_XLAT_46);
	dcx_space_stat_inc(t->def, DCXLAT_STAT_XLAT_64);
	dcx_space_stat_inc(NULL, DCXLAT_STAT_XLAT_64);	/* no space: nothing */
	dcx_stats_sum(s->stats, sum);
	assert_int_equal(sum[DCXLAT_STAT_XLAT_46], 2);
	assert_int_equal(sum[DCXLAT_STAT_XLAT_64], 0);
	dcx_stats_sum(t->def->stats, sum);
	assert_int_equal(sum[DCXLAT_STAT_XLAT_64], 1);
	dcx_stats_reset(s->stats);
	dcx_stats_sum(s->stats, sum);
	assert_int_equal(sum[DCXLAT_STAT_XLAT_46], 0);

	/* A reader still counting on the deleted space hits live memory. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, s, why, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_true(kshim_rcu_pending() > 0);
	dcx_space_stat_inc(s, DCXLAT_STAT_XLAT_46);
	kshim_rcu_grace_period();
	assert_int_equal(kshim_rcu_pending(), 0);

	/* Any allocation of an add failing: no space, nothing leaked. */
	for (n = 1; n < 10; n++) {
		kshim_fail_alloc_nth(n);
		s = space_add(t, "b", 2, "2001:db8:b::", 96, why);
		kshim_fail_alloc_nth(0);
		if (!IS_ERR(s))
			break;
		assert_int_equal(PTR_ERR(s), -ENOMEM);
		expect_why(why, "out of memory");
		assert_int_equal(t->nspaces, 1);
		assert_null(dcx_space_find(t, "b"));
		assert_int_equal(dcx_lpm_count(&t->pool6), 0);
	}
	assert_true(n > 2 && n < 10);
	assert_non_null(s->stats);
	assert_int_equal(t->nspaces, 2);
}

/* New tables: any allocation failing gives NULL and leaks nothing. */
static void test_tables_alloc_enomem(void **state __maybe_unused)
{
	struct dcx_tables *t;
	unsigned int n;

	for (n = 1; n < 10; n++) {
		kshim_fail_alloc_nth(n);
		t = dcx_tables_alloc(GFP_KERNEL);
		kshim_fail_alloc_nth(0);
		if (t)
			break;
	}
	/* The tables, the default space and its counters. */
	assert_int_equal(n, 4);
	assert_non_null(t->def->stats);
	assert_int_equal(t->nspaces, 1);
	dcx_tables_destroy(t);
}

static void expect_prefix(const char *base, unsigned int len, u32 id,
			  int want_err, const char *want)
{
	struct dcx_prefix6 b = { .addr = a6(base), .len = len };
	char why[DCX_WHY_LEN] = "";
	struct dcx_prefix6 out;
	int err;

	err = dcx_space_prefix_from_base(&b, id, &out, why);
	assert_int_equal(err, want_err);
	if (err) {
		expect_why(why, want);
		return;
	}
	assert_int_equal(out.len, 96);
	expect_addr6(&out.addr, want);
}

static void test_prefix_from_base(void **state __maybe_unused)
{
	expect_prefix("2001:db8:a41::", 48, 0x23, 0, "2001:db8:a41:23::");
	expect_prefix("2001:db8:a41::", 48, 0xffff, 0, "2001:db8:a41:ffff::");
	/* Bits of the base after its length are not carried over. */
	expect_prefix("2001:db8:a41:ffff::1", 48, 1, 0, "2001:db8:a41:1::");
	/* Not on a group boundary: the ID straddles two groups. */
	expect_prefix("2001:db8:ab00::", 40, 0x1234, 0,
		      "2001:db8:ab12:3400::");
	expect_prefix("2001:db8::", 80, 7, 0, "2001:db8::7:0:0");
	expect_prefix("8000::", 1, 0xffff, 0, "ffff:8000::");
	expect_prefix("2001:db8::", 81, 1, -EINVAL,
		      "space-base /81 leaves no room for a 16-bit ID before /96");
	expect_prefix("::", 0, 1, -EINVAL,
		      "space-base /0 leaves no room for a 16-bit ID before /96");
	expect_prefix("2001:db8::", 48, 0, -EINVAL,
		      "space ID 0 is out of range 1..65535");
	expect_prefix("2001:db8::", 48, 65536, -EINVAL,
		      "space ID 65536 is out of range 1..65535");
}

/* ---- bindings -------------------------------------------------------- */

static int bind_dev(struct dcx_tables *t, struct dcx_space *s,
		    const char *dev, int ifindex, const char *v4,
		    unsigned int len4, bool add, char *why)
{
	int err;

	why[0] = 0;
	mutex_lock(&xv_lock);
	if (add)
		err = dcx_bind_add(t, s, dev, ifindex, a4(v4), len4, why,
				   &xv_lock);
	else
		err = dcx_bind_del(t, s, dev, a4(v4), len4, why, &xv_lock);
	mutex_unlock(&xv_lock);
	return err;
}

/* The device "if<ifindex>", which exists. */
static int bind_set(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		    const char *v4, unsigned int len4, bool add, char *why)
{
	char dev[DCX_BIND_DEVLEN];

	snprintf(dev, sizeof(dev), "if%d", ifindex);
	return bind_dev(t, s, dev, ifindex, v4, len4, add, why);
}

/* The space an IPv4 packet to dst on ifindex is bound to, or NULL. */
static const struct dcx_space *bound(const struct dcx_tables *t,
				     int ifindex, const char *dst)
{
	const struct dcx_space *s;

	rcu_read_lock();
	s = dcx_space_bound(t, ifindex, a4(dst));
	rcu_read_unlock();
	return s;
}

struct walk {
	char text[256];
	unsigned int n, stop;
};

static int walk_cb(void *ctx, const char *dev, int ifindex, __be32 v4,
		   u8 len4)
{
	struct walk *w = ctx;
	char a[INET_ADDRSTRLEN], who[32];
	size_t l = strlen(w->text);

	inet_ntop(AF_INET, &v4, a, sizeof(a));
	if (ifindex)
		snprintf(who, sizeof(who), "%d", ifindex);
	else
		snprintf(who, sizeof(who), "wait(%s)", dev);
	snprintf(w->text + l, sizeof(w->text) - l, "%s%s:%s/%u",
		 l ? " " : "", who, a, len4);
	return ++w->n == w->stop;
}

/*
 * The bindings of s as "ifindex:prefix ..." ("wait(dev):prefix" when
 * waiting) in the order they were made.
 */
static void expect_binds(const struct dcx_space *s, const char *want)
{
	struct walk w = {};

	mutex_lock(&xv_lock);
	assert_int_equal(dcx_bind_walk(s, walk_cb, &w), 0);
	mutex_unlock(&xv_lock);
	assert_string_equal(w.text, want);
}

static void test_bind_add_del(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *a, *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN], others[64];
	struct walk w = { .stop = 2 };
	int other;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	a = xv_space(&cfg, "a", 1, NULL, 0);
	b = xv_space(&cfg, "b", 2, NULL, 0);
	assert_null(bound(t, 3, "10.1.2.3"));
	assert_int_equal(bind_set(t, a, 3, "0.0.0.0", 0, true, why), 0);
	assert_int_equal(bind_set(t, b, 3, "10.0.0.0", 8, true, why), 0);
	assert_int_equal(bind_set(t, a, 3, "10.1.0.0", 16, true, why), 0);
	assert_int_equal(bind_set(t, b, 4, "10.1.0.0", 16, true, why), 0);
	/* Longest match per interface; other interfaces are not looked at. */
	assert_ptr_equal(bound(t, 3, "192.0.2.1"), a);
	assert_ptr_equal(bound(t, 3, "10.2.0.1"), b);
	assert_ptr_equal(bound(t, 3, "10.1.0.1"), a);
	assert_ptr_equal(bound(t, 4, "10.1.0.1"), b);
	assert_null(bound(t, 4, "10.2.0.1"));
	assert_null(bound(t, 5, "10.1.0.1"));
	/* Interfaces whose ifindexes share a hash bucket stay apart. */
	for (other = 4; hash_32(other, DCX_BIND_BITS) !=
			hash_32(3, DCX_BIND_BITS); other++)
		;
	assert_int_equal(bind_set(t, b, other, "0.0.0.0", 0, true, why), 0);
	assert_ptr_equal(bound(t, other, "10.1.0.1"), b);
	assert_ptr_equal(bound(t, 3, "10.1.0.1"), a);
	snprintf(others, sizeof(others),
		 "3:10.0.0.0/8 4:10.1.0.0/16 %d:0.0.0.0/0", other);

	/* An exact duplicate is refused, in the same space or another. */
	assert_int_equal(bind_set(t, b, 3, "10.1.0.0", 16, true, why), -EEXIST);
	expect_why(why, "already bound for 10.1.0.0/16 to space a");
	assert_int_equal(bind_set(t, a, 3, "10.1.0.0", 16, true, why), -EEXIST);
	assert_int_equal(bind_set(t, a, 3, "10.0.0.1", 8, true, why), -EINVAL);
	expect_why(why,
		   "10.0.0.1/8 is not an IPv4 prefix (bits after the length?)");
	assert_int_equal(bind_set(t, a, 3, "10.0.0.0", 33, true, why), -EINVAL);
	expect_binds(a, "3:0.0.0.0/0 3:10.1.0.0/16");
	expect_binds(b, others);
	/* A walk stops at the first non-zero return and passes it on. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_bind_walk(b, walk_cb, &w), 1);
	mutex_unlock(&xv_lock);
	assert_int_equal(w.n, 2);

	/* Delete: only the exact binding, only from its own space. */
	assert_int_equal(bind_set(t, b, 3, "10.1.0.0", 16, false, why), -ENOENT);
	expect_why(why, "not bound for 10.1.0.0/16 to space b");
	assert_int_equal(bind_set(t, a, 3, "10.1.0.0", 17, false, why), -ENOENT);
	assert_int_equal(bind_set(t, a, 3, "10.1.0.0", 40, false, why), -ENOENT);
	expect_why(why, "not bound for 10.1.0.0/32 to space a");
	assert_int_equal(bind_set(t, a, 7, "10.1.0.0", 16, false, why), -ENOENT);
	assert_int_equal(bind_set(t, a, 3, "10.1.0.0", 16, false, why), 0);
	assert_ptr_equal(bound(t, 3, "10.1.0.1"), b);
	assert_int_equal(bind_set(t, b, 4, "10.1.0.0", 16, false, why), 0);
	assert_null(bound(t, 4, "10.1.0.1"));
	expect_binds(a, "3:0.0.0.0/0");
	snprintf(others, sizeof(others), "3:10.0.0.0/8 %d:0.0.0.0/0", other);
	expect_binds(b, others);
	/* The prefix can be bound again, to another space. */
	assert_int_equal(bind_set(t, b, 4, "10.1.0.0", 16, true, why), 0);
	assert_ptr_equal(bound(t, 4, "10.1.0.1"), b);
}

/* A vanished device: its bindings wait, the others stay in effect. */
static void test_bind_dev_gone(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *a, *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	a = xv_space(&cfg, "a", 1, NULL, 0);
	b = xv_space(&cfg, "b", 2, NULL, 0);
	assert_int_equal(bind_set(t, a, 3, "10.0.0.0", 8, true, why), 0);
	assert_int_equal(bind_set(t, b, 3, "0.0.0.0", 0, true, why), 0);
	assert_int_equal(bind_set(t, b, 4, "0.0.0.0", 0, true, why), 0);
	assert_int_equal(bind_set(t, t->def, 3, "192.0.2.0", 24, true, why), 0);
	mutex_lock(&xv_lock);
	dcx_bind_dev_gone(t, 3, &xv_lock);
	dcx_bind_dev_gone(t, 9, &xv_lock);	/* never bound: nothing */
	mutex_unlock(&xv_lock);
	assert_null(bound(t, 3, "10.0.0.1"));
	assert_null(bound(t, 3, "192.0.2.1"));
	assert_ptr_equal(bound(t, 4, "10.0.0.1"), b);
	expect_binds(a, "wait(if3):10.0.0.0/8");
	expect_binds(b, "wait(if3):0.0.0.0/0 4:0.0.0.0/0");
	expect_binds(t->def, "wait(if3):192.0.2.0/24");
	assert_int_equal(dcx_bind_waiting(b), 1);
	/* The device comes back (new ifindex): every binding of it again. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_bind_dev_up(t, "if3", 12, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_ptr_equal(bound(t, 12, "10.0.0.1"), a);
	assert_ptr_equal(bound(t, 12, "10.1.0.1"), a);
	assert_ptr_equal(bound(t, 12, "11.0.0.1"), b);
	assert_ptr_equal(bound(t, 12, "192.0.2.1"), t->def);
	assert_null(bound(t, 3, "10.0.0.1"));
	expect_binds(b, "12:0.0.0.0/0 4:0.0.0.0/0");
	assert_int_equal(dcx_bind_waiting(b), 0);
}

/* Bindings made for a device that does not exist yet. */
static void test_bind_waiting(void **state __maybe_unused)
{
	static const u8 none[16];
	long live0 = dcx_lpm_debug_live_nodes();
	struct dcx_xlat_cfg cfg;
	struct dcx_space *a, *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];
	int err;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	a = xv_space(&cfg, "a", 1, NULL, 0);
	b = xv_space(&cfg, "b", 2, NULL, 0);
	assert_int_equal(bind_dev(t, a, "tap0", 0, "10.0.0.0", 8, true, why),
			 0);
	assert_int_equal(bind_dev(t, b, "tap0", 0, "0.0.0.0", 0, true, why),
			 0);
	assert_int_equal(bind_set(t, a, 3, "0.0.0.0", 0, true, why), 0);
	/* Waiting or not, an exact duplicate is refused. */
	assert_int_equal(bind_dev(t, b, "tap0", 0, "10.0.0.0", 8, true, why),
			 -EEXIST);
	expect_why(why, "already bound for 10.0.0.0/8 to space a");
	assert_int_equal(bind_dev(t, b, "", 0, "10.0.0.0", 8, true, why),
			 -EINVAL);
	expect_why(why, "not an interface name (1..15 bytes)");
	assert_int_equal(bind_dev(t, b, "0123456789abcdef", 0, "10.0.0.0", 8,
				  true, why), -EINVAL);
	expect_binds(a, "wait(tap0):10.0.0.0/8 3:0.0.0.0/0");
	assert_int_equal(dcx_bind_waiting(a), 1);
	assert_null(bound(t, 7, "10.0.0.1"));

	/* Another name appearing changes nothing; then tap0 does. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_bind_dev_up(t, "tap1", 6, &xv_lock), 0);
	assert_int_equal(dcx_bind_dev_up(t, "tap0", 7, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_null(bound(t, 6, "10.0.0.1"));
	assert_ptr_equal(bound(t, 7, "10.0.0.1"), a);
	assert_ptr_equal(bound(t, 7, "192.0.2.1"), b);
	expect_binds(a, "7:10.0.0.0/8 3:0.0.0.0/0");

	/* Out of memory when it appears: the binding keeps waiting. */
	mutex_lock(&xv_lock);
	dcx_bind_dev_gone(t, 7, &xv_lock);
	kshim_fail_alloc_nth(1);
	err = dcx_bind_dev_up(t, "tap0", 8, &xv_lock);
	kshim_fail_alloc_nth(0);
	mutex_unlock(&xv_lock);
	assert_int_equal(err, -ENOMEM);
	assert_true(dcx_bind_waiting(a) + dcx_bind_waiting(b) >= 1);
	mutex_lock(&xv_lock);
	dcx_bind_dev_gone(t, 8, &xv_lock);
	assert_int_equal(dcx_bind_dev_up(t, "tap0", 8, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_ptr_equal(bound(t, 8, "10.0.0.1"), a);
	assert_ptr_equal(bound(t, 8, "11.0.0.1"), b);

	/* Deleting, waiting or active, by name; nothing is left behind. */
	assert_int_equal(bind_dev(t, a, "tap0", 0, "10.0.0.0", 8, false, why),
			 0);
	assert_ptr_equal(bound(t, 8, "10.0.0.1"), b);
	mutex_lock(&xv_lock);
	dcx_bind_dev_gone(t, 8, &xv_lock);
	mutex_unlock(&xv_lock);
	assert_int_equal(bind_dev(t, b, "tap0", 0, "0.0.0.0", 0, false, why),
			 0);
	assert_int_equal(bind_dev(t, b, "tap0", 0, "0.0.0.0", 0, false, why),
			 -ENOENT);
	assert_int_equal(bind_set(t, a, 3, "0.0.0.0", 0, false, why), 0);
	expect_binds(a, "");
	expect_binds(b, "");
	kshim_rcu_grace_period();
	assert_int_equal(dcx_lpm_debug_live_nodes(), live0);
}

/* A deleted space takes its bindings, entries and prefix along, by RCU. */
static void test_space_del_with_bindings(void **state __maybe_unused)
{
	static const u8 none[16];
	unsigned long sync0 = kshim_synchronize_rcu_calls;
	long live0 = dcx_lpm_debug_live_nodes();
	const struct dcx_space *seen;
	struct dcx_xlat_cfg cfg;
	struct dcx_space *a, *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	a = xv_space(&cfg, "a", 1, "2001:db8:a::", 96);
	b = xv_space(&cfg, "b", 2, NULL, 0);
	xv_eam(&cfg, a, "192.0.2.0", 24, "2001:db8:a::100", 120);
	assert_int_equal(bind_set(t, a, 3, "0.0.0.0", 0, true, why), 0);
	assert_int_equal(bind_set(t, a, 4, "10.0.0.0", 8, true, why), 0);
	assert_int_equal(bind_set(t, b, 4, "0.0.0.0", 0, true, why), 0);
	kshim_rcu_grace_period();

	/* A reader found the space just before the delete. */
	rcu_read_lock();
	seen = dcx_space_bound(t, 3, a4("192.0.2.1"));
	rcu_read_unlock();
	assert_ptr_equal(seen, a);
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, a, why, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_true(kshim_rcu_pending() > 0);
	assert_null(bound(t, 3, "192.0.2.1"));
	assert_ptr_equal(bound(t, 4, "10.0.0.1"), b);
	expect_map64(&cfg, "2001:db8:a::102:304", NULL, NULL);
	expect_map64(&cfg, "2001:db8:a::101", NULL, NULL);
	assert_null(dcx_space_find(t, "a"));
	assert_int_equal(t->nspaces, 2);
	assert_int_equal(t->neams, 0);
	/* Until the grace period its memory is intact (ASan would know). */
	assert_string_equal(seen->name, "a");
	dcx_space_stat_inc(seen, DCXLAT_STAT_XLAT_46);
	kshim_rcu_grace_period();
	assert_int_equal(kshim_rcu_pending(), 0);
	/* Writers never waited for readers. */
	assert_int_equal(kshim_synchronize_rcu_calls, sync0);

	/* b's bindings go the same way; no trie node is left. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, b, why, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_null(bound(t, 4, "10.0.0.1"));
	kshim_rcu_grace_period();
	assert_int_equal(kshim_rcu_pending(), 0);
	assert_int_equal(dcx_lpm_debug_live_nodes(), live0);
}

/* Any allocation of a bind failing: -ENOMEM and no binding. */
static void test_bind_enomem(void **state __maybe_unused)
{
	static const char *const p[] = { "10.0.0.0", "10.1.0.0" };
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_tables *t;
	struct dcx_space *a;
	char why[DCX_WHY_LEN];
	unsigned int i, n;
	int err;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	a = xv_space(&cfg, "a", 1, NULL, 0);
	/* A new interface, then a second prefix on a known one. */
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		for (n = 1; n < 10; n++) {
			kshim_fail_alloc_nth(n);
			err = bind_set(t, a, 3, p[i], 16, true, why);
			kshim_fail_alloc_nth(0);
			if (!err)
				break;
			assert_int_equal(err, -ENOMEM);
			expect_why(why, "out of memory");
			assert_null(bound(t, 3, p[i]));
		}
		assert_true(n > 1 && n < 10);
		assert_ptr_equal(bound(t, 3, p[i]), a);
	}
	expect_binds(a, "3:10.0.0.0/16 3:10.1.0.0/16");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_space_rules),
		xv_unit_test(test_space_counters),
		xv_unit_test(test_tables_alloc_enomem),
		xv_unit_test(test_prefix_from_base),
		xv_unit_test(test_bind_add_del),
		xv_unit_test(test_bind_dev_gone),
		xv_unit_test(test_bind_waiting),
		xv_unit_test(test_space_del_with_bindings),
		xv_unit_test(test_bind_enomem),
	};

	return cmocka_run_group_tests_name("core_space", tests,
					   xv_group_setup, xv_group_teardown);
}
