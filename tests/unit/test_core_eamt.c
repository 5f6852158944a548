// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/eamt.c: RFC 7757 EAM entries, add, delete and flush, the
 * overlap rules and their error texts, suffix carry-over, nothing
 * half-done when an allocation fails.
 */
#include "tables_helpers.h"

/* Tables with no prefix in the default space and a space "b", ID 2. */
static struct dcx_tables *with_b(struct dcx_xlat_cfg *cfg,
				 struct dcx_space **b)
{
	static const u8 none[16];
	struct dcx_tables *t;

	xv_cfg(cfg, none, 0);
	t = xv_tab(cfg);
	*b = xv_space(cfg, "b", 2, NULL, 0);
	return t;
}

/* ---- add, delete, flush --------------------------------------------- */

static void test_eam_add_del(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24,
				 "2001:db8:aaaa::", 120, why), 0);
	assert_int_equal(eam_add(t, NULL, "198.51.100.7", 32,
				 "2001:db8::abcd", 128, why), 0);
	assert_int_equal(t->neams, 2);
	assert_int_equal(dcx_eamidx_count(&t->def->eam4), 2);
	assert_int_equal(dcx_eamidx_count(&t->eam6), 2);
	expect_map46(&cfg, NULL, "192.0.2.77", "2001:db8:aaaa::4d");
	expect_map46(&cfg, NULL, "198.51.100.7", "2001:db8::abcd");
	expect_map46(&cfg, NULL, "198.51.100.8", "-");
	expect_map64(&cfg, "2001:db8:aaaa::ff", t->def, "192.0.2.255");
	expect_map64(&cfg, "2001:db8::abcd", t->def, "198.51.100.7");
	expect_map64(&cfg, "2001:db8::abce", NULL, NULL);

	/* Delete by IPv4 prefix, then by IPv6 prefix. */
	assert_int_equal(eam_del4(t, NULL, "192.0.2.0", 24, why), 0);
	expect_map46(&cfg, NULL, "192.0.2.77", "-");
	expect_map64(&cfg, "2001:db8:aaaa::ff", NULL, NULL);
	assert_int_equal(eam_del4(t, NULL, "192.0.2.0", 24, why), -ENOENT);
	expect_why(why, "no EAM 192.0.2.0/24 in space default");
	assert_int_equal(eam_del6(t, NULL, "2001:db8::abcd", 128, why), 0);
	assert_int_equal(eam_del6(t, NULL, "2001:db8::abcd", 128, why),
			 -ENOENT);
	expect_why(why, "no EAM 2001:db8::abcd/128 in space default");
	/* Only the exact prefix deletes: a /127 around it is not it. */
	assert_int_equal(eam_add(t, NULL, "198.51.100.7", 32,
				 "2001:db8::abcd", 128, why), 0);
	assert_int_equal(eam_del6(t, NULL, "2001:db8::abcc", 127, why),
			 -ENOENT);
	assert_int_equal(eam_del4(t, NULL, "198.51.100.6", 31, why), -ENOENT);
	assert_int_equal(t->neams, 1);
	assert_int_equal(eam_del4(t, NULL, "198.51.100.7", 32, why), 0);
	assert_int_equal(t->neams, 0);
	assert_int_equal(dcx_eamidx_count(&t->eam6), 0);
}

static void test_eam_flush(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN], p4[32], p6[64];
	unsigned int i;

	t = with_b(&cfg, &b);
	for (i = 0; i < 300; i++) {
		snprintf(p4, sizeof(p4), "10.%u.%u.0", i / 256, i % 256);
		snprintf(p6, sizeof(p6), "2001:db8:a:%x::", i);
		assert_int_equal(eam_add(t, NULL, p4, 24, p6, 120, why), 0);
		snprintf(p6, sizeof(p6), "2001:db8:b:%x::", i);
		/* The same IPv4 prefixes in another space are fine. */
		assert_int_equal(eam_add(t, b, p4, 24, p6, 120, why), 0);
	}
	assert_int_equal(t->neams, 600);
	mutex_lock(&xv_lock);
	dcx_eam_flush(t, t->def, &xv_lock);
	mutex_unlock(&xv_lock);
	assert_int_equal(t->neams, 300);
	assert_int_equal(dcx_eamidx_count(&t->def->eam4), 0);
	assert_int_equal(dcx_eamidx_count(&t->eam6), 300);
	expect_map46(&cfg, NULL, "10.0.5.1", "-");
	expect_map46(&cfg, b, "10.0.5.1", "2001:db8:b:5::1");
	expect_map64(&cfg, "2001:db8:a:5::1", NULL, NULL);
	expect_map64(&cfg, "2001:db8:b:5::1", b, "10.0.5.1");
	/* Flushed entries can be added again at once. */
	assert_int_equal(eam_add(t, NULL, "10.0.5.0", 24, "2001:db8:a:5::", 120,
				 why), 0);
	/* Deleting the space takes its entries out of the IPv6 side too. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, b, why, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_int_equal(t->neams, 1);
	assert_int_equal(dcx_eamidx_count(&t->eam6), 1);
	expect_map64(&cfg, "2001:db8:b:5::1", NULL, NULL);
	expect_map64(&cfg, "2001:db8:a:5::1", t->def, "10.0.5.1");
}

/* Entry i of a big table: 10.x.y.0/24 <-> 2001:db8:<tag>:i::/120. */
static void big_add(struct dcx_tables *t, struct dcx_space *s,
		    const char *tag, unsigned int n)
{
	char why[DCX_WHY_LEN], p4[32], p6[64];
	unsigned int i;

	for (i = 0; i < n; i++) {
		snprintf(p4, sizeof(p4), "10.%u.%u.0", i / 256, i % 256);
		snprintf(p6, sizeof(p6), "2001:db8:%s:%x::", tag, i);
		assert_int_equal(eam_add(t, s, p4, 24, p6, 120, why), 0);
	}
}

static void expect_indexes_ok(const struct dcx_tables *t,
			    const struct dcx_space *s)
{
	assert_int_equal(dcx_eamidx_debug_check(&t->eam6, NULL), 0);
	assert_int_equal(dcx_eamidx_debug_check(&s->eam4, NULL), 0);
}

/*
 * Flushing or deleting a big space yields every DCX_RESCHED_BATCH
 * entries (no read-side section held across the table), frees the
 * entries after a grace period in process context (the shim WARNs,
 * fatally, on a cond_resched() in an RCU callback), and leaves the tables
 * as the model says. Deleting b, the last space with entries, empties
 * eam6's index whole.
 */
static void test_eam_flush_big(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	unsigned long r0;
	struct dcx_space *b;
	struct dcx_tables *t;
	long live0;

	t = with_b(&cfg, &b);
	live0 = dcx_eam_debug_live();
	big_add(t, NULL, "a", 3000);
	big_add(t, b, "b", 1500);
	assert_int_equal(t->neams, 4500);

	r0 = kshim_cond_resched_calls;
	mutex_lock(&xv_lock);
	dcx_eam_flush(t, t->def, &xv_lock);
	mutex_unlock(&xv_lock);
	/*
	 * 3000 entries: a yield after 1024 and 2048; then eam6's hash
	 * sheds 3000 tombstones, a rebuild walking its 8192 slots (4500
	 * entries) that yields 7 times; eam4 freed later.
	 */
	assert_int_equal(kshim_cond_resched_calls - r0,
			 3000 / 1024 + 8192 / 1024 - 1);
	assert_int_equal(t->neams, 1500);
	assert_int_equal(dcx_eamidx_count(&t->def->eam4), 0);
	assert_int_equal(dcx_eamidx_count(&t->eam6), 1500);
	expect_indexes_ok(t, t->def);
	expect_indexes_ok(t, b);
	expect_map46(&cfg, NULL, "10.11.183.1", "-");
	expect_map64(&cfg, "2001:db8:a:bb7::1", NULL, NULL);
	expect_map46(&cfg, b, "10.5.219.1", "2001:db8:b:5db::1");
	expect_map64(&cfg, "2001:db8:b:5db::1", b, "10.5.219.1");
	kshim_rcu_grace_period();
	assert_true(kshim_cond_resched_calls - r0 > 3000 / 1024);

	/* Deleting b: its eam4 outlives it for readers, then goes too. */
	r0 = kshim_cond_resched_calls;
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, b, NULL, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_int_equal(kshim_cond_resched_calls - r0, 1500 / 1024);
	assert_int_equal(t->neams, 0);
	assert_int_equal(dcx_eamidx_count(&t->eam6), 0);
	expect_map64(&cfg, "2001:db8:b:5db::1", NULL, NULL);
	expect_map46(&cfg, b, "10.5.219.1", "2001:db8:b:5db::1");
	kshim_rcu_grace_period();
	assert_true(kshim_cond_resched_calls - r0 > 1500 / 1024);
	assert_int_equal(dcx_eam_debug_live(), live0);
	/* The flushed entries can come back. */
	big_add(t, NULL, "a", 100);
	assert_int_equal(t->neams, 100);
	expect_map64(&cfg, "2001:db8:a:63::1", t->def, "10.0.99.1");
}

/* ---- refusals -------------------------------------------------------- */

static void test_overlap_v4_within_space(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	t = with_b(&cfg, &b);
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24, "2001:db8:1::", 120,
				 why), 0);
	/* Inside it. */
	assert_int_equal(eam_add(t, NULL, "192.0.2.128", 25,
				 "2001:db8:2::", 121, why), -EEXIST);
	expect_why(why, "192.0.2.128/25 overlaps EAM 192.0.2.0/24 in space "
		   "default");
	/* Around it. */
	assert_int_equal(eam_add(t, NULL, "192.0.0.0", 16, "2001:db8:3::", 112,
				 why), -EEXIST);
	expect_why(why, "192.0.0.0/16 overlaps EAM 192.0.2.0/24 in space "
		   "default");
	/* Equal. */
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24, "2001:db8:4::", 120,
				 why), -EEXIST);
	/* A single address inside. */
	assert_int_equal(eam_add(t, NULL, "192.0.2.255", 32, "2001:db8:5::",
				 128, why), -EEXIST);
	/* Next to it is fine, and so is the same prefix in another space. */
	assert_int_equal(eam_add(t, NULL, "192.0.3.0", 24, "2001:db8:6::", 120,
				 why), 0);
	assert_int_equal(eam_add(t, b, "192.0.2.0", 24, "2001:db8:7::", 120,
				 why), 0);
	/* The refusals changed nothing. */
	assert_int_equal(t->neams, 3);
	expect_map46(&cfg, NULL, "192.0.2.200", "2001:db8:1::c8");
	expect_map46(&cfg, b, "192.0.2.200", "2001:db8:7::c8");
}

static void test_overlap_v6_across_spaces(void **state __maybe_unused)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b, *c;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	t = with_b(&cfg, &b);
	assert_int_equal(eam_add(t, NULL, "10.0.0.1", 32, "2001:db8:1::1", 128,
				 why), 0);
	assert_int_equal(eam_add(t, b, "10.0.0.2", 32, "2001:db8:1::1", 128,
				 why), -EEXIST);
	expect_why(why, "2001:db8:1::1/128 overlaps EAM 2001:db8:1::1/128 in "
		   "space default");
	assert_int_equal(eam_add(t, b, "10.9.9.0", 24, "2001:db8:1::", 120,
				 why), -EEXIST);
	expect_why(why, "2001:db8:1::/120 overlaps EAM 2001:db8:1::1/128 in "
		   "space default");
	/* Same space, other IPv4 address, same IPv6 address: refused too. */
	assert_int_equal(eam_add(t, NULL, "10.0.0.3", 32, "2001:db8:1::1", 128,
				 why), -EEXIST);
	assert_int_equal(eam_add(t, b, "10.0.0.2", 32, "2001:db8:1::2", 128,
				 why), 0);
	/*
	 * A space prefix and the EAM entries around it or after its own
	 * ones in index order: the space's own entries are skipped,
	 * another's is the clash.
	 */
	/* b's hairpin entries first in IPv6 order, then the default's. */
	assert_int_equal(eam_add(t, b, "10.1.0.1", 32, "2001:db8:d::1", 128,
				 why), 0);
	assert_int_equal(eam_add(t, b, "10.1.0.2", 32, "2001:db8:d::2", 128,
				 why), 0);
	assert_int_equal(eam_add(t, NULL, "10.1.0.3", 32, "2001:db8:d::3",
				 128, why), 0);
	assert_int_equal(set_pool6(t, b, "2001:db8:d::", 96, why), -EEXIST);
	expect_why(why, "2001:db8:d::/96 overlaps EAM 2001:db8:d::3/128 of "
		   "space default");
	assert_int_equal(eam_del4(t, NULL, "10.1.0.3", 32, why), 0);
	/* One after the prefix ends the search there. */
	assert_int_equal(eam_add(t, b, "10.1.0.4", 32, "2001:db8:f::4", 128,
				 why), 0);
	assert_int_equal(set_pool6(t, b, "2001:db8:d::", 96, why), 0);
	/* An entry around a new prefix: a /96 <-> /0 of space c. */
	c = xv_space(&cfg, "c", 3, NULL, 0);
	assert_int_equal(eam_add(t, c, "0.0.0.0", 0, "2001:db8:e::", 96, why),
			 0);
	assert_int_equal(space_add(t, "d", 4, "2001:db8:e::", 96, why),
			 ERR_PTR(-EEXIST));
	expect_why(why, "2001:db8:e::/96 overlaps EAM 2001:db8:e::/96 of "
		   "space c");
}

static void test_eam_inside_space_prefix(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	xv_set_pool6(t, a6("64:ff9b::").s6_addr, 96);
	b = xv_space(&cfg, "b", 2, "2001:db8:b::", 96);
	/* Inside another space's prefix: refused. */
	assert_int_equal(eam_add(t, NULL, "192.0.2.5", 32, "2001:db8:b::5",
				 128, why), -EEXIST);
	expect_why(why, "2001:db8:b::5/128 overlaps the prefix of space b");
	assert_int_equal(eam_add(t, b, "192.0.2.5", 32, "64:ff9b::5", 128,
				 why), -EEXIST);
	expect_why(why, "64:ff9b::5/128 overlaps the prefix of space default");
	/* Inside its own space's prefix: allowed (hairpinning). */
	assert_int_equal(eam_add(t, b, "192.0.2.7", 32, "2001:db8:b::7", 128,
				 why), 0);
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24, "64:ff9b::100", 120,
				 why), 0);
	/* EAM first, whatever the prefix lengths (RFC 7757 3.2). */
	expect_map64(&cfg, "2001:db8:b::7", b, "192.0.2.7");
	expect_map64(&cfg, "2001:db8:b::c000:207", b, "192.0.2.7");
	expect_map64(&cfg, "2001:db8:b::8", b, "0.0.0.8");
	expect_map64(&cfg, "64:ff9b::101", t->def, "192.0.2.1");
	/* RFC 6052 3.1: no non-global IPv4 address with the WKP. */
	expect_map64(&cfg, "64:ff9b::c000:201", NULL, NULL);
	expect_map64(&cfg, "64:ff9b::c000:301", t->def, "192.0.3.1");
	expect_map46(&cfg, b, "192.0.2.7", "2001:db8:b::7");
	expect_map46(&cfg, b, "192.0.2.8", "2001:db8:b::c000:208");
	expect_map46(&cfg, NULL, "192.0.2.8", "64:ff9b::108");
	expect_map46(&cfg, NULL, "198.51.100.1", "-");
	expect_map46(&cfg, NULL, "198.51.101.1", "64:ff9b::c633:6501");
	/* A space prefix over another space's EAM: refused. */
	assert_int_equal(set_pool6(t, t->def, "2001:db8:b::", 96, why),
			 -EEXIST);
	expect_why(why, "2001:db8:b::/96 overlaps the prefix of space b");
	assert_int_equal(space_add(t, "c", 3, "64:ff9b::", 64, why),
			 ERR_PTR(-EEXIST));
	expect_why(why, "64:ff9b::/64 overlaps the prefix of space default");
	assert_int_equal(eam_add(t, NULL, "203.0.113.1", 32, "2001:db8:c::1",
				 128, why), 0);
	assert_int_equal(space_add(t, "c", 3, "2001:db8:c::", 96, why),
			 ERR_PTR(-EEXIST));
	expect_why(why, "2001:db8:c::/96 overlaps EAM 2001:db8:c::1/128 of "
		   "space default");
	/* But the default space may take a prefix over its own EAM. */
	assert_int_equal(set_pool6(t, t->def, "2001:db8:c::", 96, why), 0);
	expect_map64(&cfg, "2001:db8:c::1", t->def, "203.0.113.1");
	expect_map64(&cfg, "2001:db8:c::2", t->def, "0.0.0.2");
	expect_map64(&cfg, "64:ff9b::c633:6401", NULL, NULL);
	assert_int_equal(t->nspaces, 2);
}

/* dcx_eam_walk(): a space's entries in IPv4 order, resumed after one. */
static int walk_cb(void *ctx, const struct dcx_eam *e)
{
	char *out = ctx;
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &e->v4, a, sizeof(a));
	unsigned int n = 0;

	snprintf(out + strlen(out), 200 - strlen(out), "%s/%u ", a, e->len4);
	while ((out = strchr(out, ' ')))
		n++, out++;
	return n == 3;		/* stops after three */
}

static void test_eam_walk(void **state __maybe_unused)
{
	static const char *const p4[] = { "192.0.2.9", "10.1.0.0", "10.0.0.0",
					  "172.16.0.5", "10.2.0.0" };
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN], p6[64], out[200] = "";
	unsigned int i;

	t = with_b(&cfg, &b);
	for (i = 0; i < ARRAY_SIZE(p4); i++) {
		snprintf(p6, sizeof(p6), "2001:db8:%x::", i + 1);
		assert_int_equal(eam_add(t, NULL, p4[i], i == 0 || i == 3 ?
					 32 : 16, p6, i == 0 || i == 3 ?
					 128 : 112, why), 0);
		snprintf(p6, sizeof(p6), "2001:db8:b:%x::", i + 1);
		assert_int_equal(eam_add(t, b, p4[i], 32, p6, 128, why), 0);
	}
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_eam_walk(t->def, false, 0, 0, walk_cb, out), 1);
	assert_string_equal(out, "10.0.0.0/16 10.1.0.0/16 10.2.0.0/16 ");
	out[0] = 0;
	assert_int_equal(dcx_eam_walk(t->def, true, a4("10.2.0.0"), 16,
				      walk_cb, out), 0);
	assert_string_equal(out, "172.16.0.5/32 192.0.2.9/32 ");
	/* After a position that is no entry: a longer prefix comes after. */
	out[0] = 0;
	assert_int_equal(dcx_eam_walk(b, true, a4("10.1.0.0"), 16, walk_cb,
				      out), 1);
	assert_string_equal(out, "10.1.0.0/32 10.2.0.0/32 172.16.0.5/32 ");
	mutex_unlock(&xv_lock);
}

static void test_eam_lengths_and_host_bits(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24, "2001:db8::", 112,
				 why), -EINVAL);
	expect_why(why, "EAM 192.0.2.0/24 2001:db8::/112: suffix lengths "
		   "differ (8 and 16 bits)");
	assert_int_equal(eam_add(t, NULL, "192.0.2.1", 32, "2001:db8::1", 127,
				 why), -EINVAL);
	expect_why(why, "EAM 192.0.2.1/32 2001:db8::1/127: suffix lengths "
		   "differ (0 and 1 bits)");
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 33, "2001:db8::", 129,
				 why), -EINVAL);
	assert_int_equal(eam_add(t, NULL, "192.0.2.1", 24, "2001:db8::", 120,
				 why), -EINVAL);
	expect_why(why, "192.0.2.1/24 has bits set after the length");
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24, "2001:db8::1", 120,
				 why), -EINVAL);
	expect_why(why, "2001:db8::1/120 has bits set after the length");
	assert_int_equal(t->neams, 0);
	/* The shortest and the longest legal entries. */
	assert_int_equal(eam_add(t, NULL, "0.0.0.0", 0, "2001:db8:1::", 96,
				 why), 0);
	mutex_lock(&xv_lock);
	dcx_eam_flush(t, t->def, &xv_lock);
	mutex_unlock(&xv_lock);
	assert_int_equal(eam_add(t, NULL, "255.255.255.255", 32,
				 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 128,
				 why), 0);
}

/* ---- suffix carry-over ---------------------------------------------- */

static void test_eam_suffix(void **state __maybe_unused)
{
	static const struct {
		const char *p4;
		unsigned int len4;
		const char *p6;
		const char *in4, *out6;
	} c[] = {
		{ "192.0.2.0", 24, "2001:db8:aaaa::", "192.0.2.77",
		  "2001:db8:aaaa::4d" },
		{ "198.51.100.7", 32, "2001:db8::abcd", "198.51.100.7",
		  "2001:db8::abcd" },
		{ "10.1.0.0", 16, "2001:db8:1:2:3:4:5:0", "10.1.255.254",
		  "2001:db8:1:2:3:4:5:fffe" },
		{ "10.0.0.0", 8, "2001:db8::ff00:0:0", "10.171.205.239",
		  "2001:db8::ff00:ab:cdef" },
		{ "0.0.0.0", 0, "2001:db8:1::", "1.2.3.4",
		  "2001:db8:1::102:304" },
		{ "203.0.113.128", 25, "2001:db8::80", "203.0.113.255",
		  "2001:db8::ff" },
	};
	struct dcx_eam e;
	struct in6_addr v6;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		memset(&e, 0, sizeof(e));
		e.v4 = a4(c[i].p4);
		e.len4 = c[i].len4;
		e.v6 = a6(c[i].p6);
		e.len6 = 96 + c[i].len4;
		memset(&v6, 0xa5, sizeof(v6));
		dcx_eam_46(&e, a4(c[i].in4), &v6);
		expect_addr6(&v6, c[i].out6);
		expect4(dcx_eam_64(&e, &v6), c[i].in4);
	}
}

/* ---- out of memory -------------------------------------------------- */

/*
 * Every allocation of an add failing in turn leaves nothing half-done; a
 * delete without memory for its grace-period record waits instead.
 */
static void test_enomem(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];
	unsigned int n, waited;
	unsigned long s0;
	long live;
	int err;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	/* Table growth may fail rather than wake the OOM killer. */
	assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24, "2001:db8::", 120,
				 why), 0);
	assert_true(kshim_last_gfp & __GFP_RETRY_MAYFAIL);
	assert_int_equal(eam_del4(t, NULL, "192.0.2.0", 24, why), 0);
	/* Every allocation of an add in turn fails: nothing half-done. */
	for (n = 1; n < 10; n++) {
		kshim_fail_alloc_nth(n);
		err = eam_add(t, NULL, "192.0.2.0", 24, "2001:db8::", 120, why);
		kshim_fail_alloc_nth(0);
		if (!err)
			break;
		assert_int_equal(err, -ENOMEM);
		expect_why(why, "out of memory");
		assert_int_equal(t->neams, 0);
		assert_int_equal(dcx_eamidx_count(&t->eam6), 0);
		assert_int_equal(dcx_eamidx_count(&t->def->eam4), 0);
	}
	assert_true(n > 1 && n < 10);
	assert_int_equal(t->neams, 1);
	expect_map64(&cfg, "2001:db8::1", t->def, "192.0.2.1");
	/*
	 * Every allocation of a delete in turn fails: it still deletes, and
	 * without memory for the entry's grace-period record it waits the
	 * grace period out and frees the entry at once.
	 */
	for (n = 1, waited = 0; n < 6; n++) {
		kshim_rcu_grace_period();
		live = dcx_eam_debug_live();
		s0 = kshim_synchronize_rcu_calls;
		kshim_fail_alloc_nth(n);
		assert_int_equal(eam_del4(t, NULL, "192.0.2.0", 24, why), 0);
		kshim_fail_alloc_nth(0);
		expect_map46(&cfg, NULL, "192.0.2.1", "-");
		if (kshim_synchronize_rcu_calls != s0) {
			assert_int_equal(dcx_eam_debug_live(), live - 1);
			waited++;
		}
		assert_int_equal(eam_add(t, NULL, "192.0.2.0", 24, "2001:db8::",
					 120, why), 0);
	}
	assert_int_equal(waited, 1);
	/* With memory: freed only after the grace period. */
	kshim_rcu_grace_period();
	live = dcx_eam_debug_live();
	assert_int_equal(eam_del6(t, NULL, "2001:db8::", 120, why), 0);
	assert_int_equal(dcx_eam_debug_live(), live);
	kshim_rcu_grace_period();
	assert_int_equal(dcx_eam_debug_live(), live - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_eam_add_del),
		xv_unit_test(test_eam_flush),
		xv_unit_test(test_eam_flush_big),
		xv_unit_test(test_overlap_v4_within_space),
		xv_unit_test(test_overlap_v6_across_spaces),
		xv_unit_test(test_eam_inside_space_prefix),
		xv_unit_test(test_eam_walk),
		xv_unit_test(test_eam_lengths_and_host_bits),
		xv_unit_test(test_eam_suffix),
		xv_unit_test(test_enomem),
	};

	return cmocka_run_group_tests_name("core_eamt", tests,
					   xv_group_setup, xv_group_teardown);
}
