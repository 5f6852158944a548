// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/tables.c, eamt.c, pool6.c and map.c: RFC 7757 EAM entries,
 * address spaces and their prefixes, overlap rules and error texts,
 * lookups in both directions against a brute-force model, suffix
 * carry-over, RCU-deferred frees.
 */
#include "unit_helpers.h"

static void expect4(__be32 got, const char *want)
{
	char gs[INET_ADDRSTRLEN];

	if (got != a4(want)) {
		inet_ntop(AF_INET, &got, gs, sizeof(gs));
		fail_msg("got %s, want %s", gs, want);
	}
}

/* dcx_eam_add() by text; returns the error, the reason in why. */
static int eam_add(struct dcx_tables *t, struct dcx_space *s, const char *p4,
		   unsigned int len4, const char *p6, unsigned int len6,
		   char *why)
{
	struct in6_addr v6 = a6(p6);
	int err;

	why[0] = 0;
	mutex_lock(&xv_lock);
	err = dcx_eam_add(t, s ? s : t->def, a4(p4), len4, &v6, len6, why,
			  &xv_lock);
	mutex_unlock(&xv_lock);
	return err;
}

static int eam_del4(struct dcx_tables *t, struct dcx_space *s, const char *p4,
		    unsigned int len4, char *why)
{
	int err;

	why[0] = 0;
	mutex_lock(&xv_lock);
	err = dcx_eam_del(t, s ? s : t->def, a4(p4), len4, NULL, 0, why,
			  &xv_lock);
	mutex_unlock(&xv_lock);
	return err;
}

static int eam_del6(struct dcx_tables *t, struct dcx_space *s, const char *p6,
		    unsigned int len6, char *why)
{
	struct in6_addr v6 = a6(p6);
	int err;

	why[0] = 0;
	mutex_lock(&xv_lock);
	err = dcx_eam_del(t, s ? s : t->def, 0, 0, &v6, len6, why, &xv_lock);
	mutex_unlock(&xv_lock);
	return err;
}

static struct dcx_space *space_add(struct dcx_tables *t, const char *name,
				   u32 id, const char *p6, unsigned int len,
				   char *why)
{
	struct dcx_prefix6 p;
	struct dcx_space *s;

	memset(&p, 0, sizeof(p));
	if (p6)
		p.addr = a6(p6);
	p.len = p6 ? len : 0;
	why[0] = 0;
	mutex_lock(&xv_lock);
	s = dcx_space_add(t, name, id, &p, why, &xv_lock);
	mutex_unlock(&xv_lock);
	return s;
}

static int set_pool6(struct dcx_tables *t, struct dcx_space *s,
		     const char *p6, unsigned int len, char *why)
{
	struct dcx_prefix6 p;
	int err;

	memset(&p, 0, sizeof(p));
	if (p6)
		p.addr = a6(p6);
	p.len = p6 ? len : 0;
	why[0] = 0;
	mutex_lock(&xv_lock);
	err = dcx_space_set_pool6(t, s, p6 ? &p : NULL, why, &xv_lock);
	mutex_unlock(&xv_lock);
	return err;
}

static void expect_why(const char *why, const char *want)
{
	if (strcmp(why, want))
		fail_msg("why \"%s\", want \"%s\"", why, want);
}

/* The address an IPv4 address maps to in space s, "-" when none. */
static void expect_map46(const struct dcx_xlat_cfg *cfg,
			 const struct dcx_space *s, const char *v4,
			 const char *want)
{
	struct in6_addr v6;
	bool ok;

	rcu_read_lock();
	ok = dcx_map_46(cfg, s, a4(v4), &v6);
	rcu_read_unlock();
	if (!strcmp(want, "-")) {
		if (ok)
			fail_msg("%s maps, want no mapping", v4);
		return;
	}
	if (!ok)
		fail_msg("%s does not map, want %s", v4, want);
	expect_addr6(&v6, want);
}

static void expect_map64(const struct dcx_xlat_cfg *cfg, const char *v6,
			 const struct dcx_space *want_s, const char *want)
{
	struct in6_addr a = a6(v6);
	const struct dcx_space *s;
	__be32 v4 = 0;

	rcu_read_lock();
	s = dcx_map_64(cfg, &a, &v4);
	rcu_read_unlock();
	if (!want) {
		if (s)
			fail_msg("%s maps, want no mapping", v6);
		return;
	}
	if (!s)
		fail_msg("%s does not map, want %s", v6, want);
	assert_ptr_equal(s, want_s);
	expect4(v4, want);
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
	assert_int_equal(dcx_lpm_count(&t->def->eam4), 2);
	assert_int_equal(dcx_lpm_count(&t->eam6), 2);
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
	assert_int_equal(dcx_lpm_count(&t->eam6), 0);
}

static void test_eam_flush(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN], p4[32], p6[64];
	unsigned int i;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	b = xv_space(&cfg, "b", 2, NULL, 0);
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
	assert_int_equal(dcx_lpm_count(&t->def->eam4), 0);
	assert_int_equal(dcx_lpm_count(&t->eam6), 300);
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
	assert_int_equal(dcx_lpm_count(&t->eam6), 1);
	expect_map64(&cfg, "2001:db8:b:5::1", NULL, NULL);
	expect_map64(&cfg, "2001:db8:a:5::1", t->def, "10.0.5.1");
}

/* ---- refusals -------------------------------------------------------- */

static void test_overlap_v4_within_space(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	b = xv_space(&cfg, "b", 2, NULL, 0);
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
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	b = xv_space(&cfg, "b", 2, NULL, 0);
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

static void test_space_rules(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
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
	expect_map64(&cfg, "2001:db8:a:1:1:203:400::", a, "1.2.3.4");
	assert_int_equal(set_pool6(t, a, NULL, 0, why), 0);
	assert_null(dcx_space_pool6(a));
	expect_map46(&cfg, a, "1.2.3.4", "-");
	assert_int_equal(dcx_lpm_count(&t->pool6), 1);
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

/* ---- RCU ------------------------------------------------------------ */

static void test_deferred_free(void **state __maybe_unused)
{
	static const u8 none[16];
	const struct dcx_eam *e;
	struct dcx_xlat_cfg cfg;
	struct dcx_space *b;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];
	long live0 = dcx_lpm_debug_live_nodes();
	unsigned long sync0 = kshim_synchronize_rcu_calls;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	b = xv_space(&cfg, "b", 2, "2001:db8:b::", 96);
	assert_int_equal(eam_add(t, b, "192.0.2.0", 24, "2001:db8:b::100", 120,
				 why), 0);
	/* A reader holds the entry while a writer deletes it. */
	rcu_read_lock();
	e = dcx_eam_lookup4(b, a4("192.0.2.1"));
	assert_non_null(e);
	rcu_read_unlock();
	assert_int_equal(kshim_rcu_pending(), 0);
	assert_int_equal(eam_del4(t, b, "192.0.2.0", 24, why), 0);
	assert_true(kshim_rcu_pending() > 0);
	/* Until the grace period the old entry is intact (ASan would know). */
	assert_int_equal(e->len4, 24);
	assert_ptr_equal(e->space, b);
	kshim_rcu_grace_period();
	assert_int_equal(kshim_rcu_pending(), 0);

	/* A deleted space, its prefix and entries: all after one period. */
	assert_int_equal(eam_add(t, b, "192.0.2.0", 24, "2001:db8:b::100", 120,
				 why), 0);
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, b, why, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	assert_true(kshim_rcu_pending() > 0);
	kshim_rcu_grace_period();
	kshim_rcu_grace_period();
	assert_int_equal(kshim_rcu_pending(), 0);
	/* Only the empty default space's tries are left: no node. */
	assert_int_equal(dcx_lpm_debug_live_nodes(), live0);
	/* Writers never waited for readers. */
	assert_int_equal(kshim_synchronize_rcu_calls, sync0);
}

static void test_enomem(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];
	unsigned int n;
	int err;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
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
		assert_int_equal(dcx_lpm_count(&t->eam6), 0);
		assert_int_equal(dcx_lpm_count(&t->def->eam4), 0);
	}
	assert_true(n > 1 && n < 10);
	assert_int_equal(t->neams, 1);
	expect_map64(&cfg, "2001:db8::1", t->def, "192.0.2.1");
}

/* ---- randomized differential test ----------------------------------- */

#define NSPACES		3
#define NENTRIES	30000
#define NBUCKETS	(1u << 16)

struct m_eam {
	u32 v4;			/* host order */
	u8 len4;
	u8 space;
	bool live;
	u8 v6[16];
	int next4, next6;	/* bucket chains */
};

/*
 * The model: a flat array. Entries are /16../32 (IPv6 /112../128), so two
 * entries can only overlap if their first 16 IPv4 bits (first 112 IPv6
 * bits) agree: buckets on those keep the brute-force scans short.
 */
struct model {
	struct m_eam *e;
	unsigned int n;
	int head4[NSPACES][NBUCKETS];
	int head6[NBUCKETS];
};

static u64 rnd_state = 0x9e3779b97f4a7c15ull;

static u32 rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state >> 16;
}

static u32 mask4(unsigned int len)
{
	return len ? ~0u << (32 - len) : 0;
}

static unsigned int bucket6(const u8 *v6)
{
	u32 h = 2166136261u;
	unsigned int i;

	for (i = 0; i < 14; i++)
		h = (h ^ v6[i]) * 16777619u;
	return h % NBUCKETS;
}

/* IPv6 prefix a/len contains b/blen (blen >= len)? */
static bool in6_contains(const u8 *a, unsigned int len, const u8 *b)
{
	unsigned int i;

	for (i = 0; i < len; i++) {
		unsigned int bit = 0x80 >> (i % 8);

		if ((a[i / 8] & bit) != (b[i / 8] & bit))
			return false;
	}
	return true;
}

static bool m_overlaps(const struct model *m, u32 v4, unsigned int len4,
		       unsigned int sp, const u8 *v6)
{
	unsigned int len6 = 96 + len4, l;
	int i;

	for (i = m->head4[sp][v4 >> 16]; i >= 0; i = m->e[i].next4) {
		const struct m_eam *e = &m->e[i];

		l = min_t(unsigned int, e->len4, len4);
		if (e->live && !((e->v4 ^ v4) & mask4(l)))
			return true;
	}
	for (i = m->head6[bucket6(v6)]; i >= 0; i = m->e[i].next6) {
		const struct m_eam *e = &m->e[i];

		l = min_t(unsigned int, 96 + e->len4, len6);
		if (e->live && in6_contains(e->v6, l, v6))
			return true;
	}
	return false;
}

static const struct m_eam *m_lookup4(const struct model *m, unsigned int sp,
				     u32 a)
{
	int i;

	for (i = m->head4[sp][a >> 16]; i >= 0; i = m->e[i].next4) {
		const struct m_eam *e = &m->e[i];

		if (e->live && !((e->v4 ^ a) & mask4(e->len4)))
			return e;
	}
	return NULL;
}

static const struct m_eam *m_lookup6(const struct model *m, const u8 *a)
{
	int i;

	for (i = m->head6[bucket6(a)]; i >= 0; i = m->e[i].next6) {
		const struct m_eam *e = &m->e[i];

		if (e->live && in6_contains(e->v6, 96 + e->len4, a))
			return e;
	}
	return NULL;
}

/* Random entry: IPv4 mostly in 10.0.0.0/8 so that some collide. */
static void gen_entry(struct m_eam *e)
{
	unsigned int i;

	e->len4 = rnd() % 16 ? 20 + rnd() % 13 : 16 + rnd() % 4;
	e->v4 = (0x0a000000 | (rnd() & 0x00ffffff)) & mask4(e->len4);
	if (rnd() % 8 == 0)	/* a few anywhere */
		e->v4 = rnd() << 16 & mask4(e->len4);
	e->space = rnd() % NSPACES;
	memset(e->v6, 0, 16);
	e->v6[0] = 0x20;
	e->v6[1] = 0x01;
	e->v6[2] = 0x0d;
	e->v6[3] = 0xb8;
	/* Few distinct high parts so that IPv6 collisions happen too. */
	e->v6[12] = rnd() % 4;
	for (i = 13; i < 16; i++)
		e->v6[i] = rnd();
	for (i = 96 + e->len4; i < 128; i++)
		e->v6[i / 8] &= ~(0x80 >> (i % 8));
}

static void addr_in(const struct m_eam *e, u32 *v4, u8 *v6)
{
	u32 host = rnd() & ~mask4(e->len4);
	u32 w;

	*v4 = e->v4 | host;
	memcpy(v6, e->v6, 16);
	memcpy(&w, v6 + 12, 4);
	w = htonl(ntohl(w) | host);
	memcpy(v6 + 12, &w, 4);
}

static void check_lookups(const struct dcx_xlat_cfg *cfg,
			  struct dcx_space **sp, const struct model *m,
			  unsigned int n, unsigned long *hits)
{
	const struct m_eam *want;
	struct in6_addr got6;
	const struct dcx_space *s;
	unsigned int q, k;
	u32 v4;
	u8 v6[16];
	__be32 got4;
	bool ok;

	for (q = 0; q < n; q++) {
		k = rnd() % NSPACES;
		if (m->n && rnd() % 4) {
			const struct m_eam *e = &m->e[rnd() % m->n];

			addr_in(e, &v4, v6);
			k = rnd() % 2 ? e->space : k;
		} else {
			v4 = 0x0a000000 | (rnd() & 0x00ffffff);
			memset(v6, 0, 16);
			memcpy(v6, "\x20\x01\x0d\xb8", 4);
			v6[12] = rnd() % 4;
			v6[13] = rnd();
			v6[14] = rnd();
			v6[15] = rnd();
		}
		/* IPv4 -> IPv6 in space k: EAM or nothing (no pool6). */
		want = m_lookup4(m, k, v4);
		rcu_read_lock();
		ok = dcx_map_46(cfg, sp[k], htonl(v4), &got6);
		rcu_read_unlock();
		assert_int_equal(ok, !!want);
		if (want) {
			u8 w6[16];
			u32 w;

			memcpy(w6, want->v6, 16);
			memcpy(&w, w6 + 12, 4);
			w = htonl(ntohl(w) | (v4 & ~mask4(want->len4)));
			memcpy(w6 + 12, &w, 4);
			assert_memory_equal(&got6, w6, 16);
			hits[0]++;
		}
		/* IPv6 -> IPv4: any space. */
		want = m_lookup6(m, v6);
		rcu_read_lock();
		s = dcx_map_64(cfg, (const struct in6_addr *)v6, &got4);
		rcu_read_unlock();
		assert_int_equal(!!s, !!want);
		if (want) {
			u32 w;

			memcpy(&w, v6 + 12, 4);
			assert_ptr_equal(s, sp[want->space]);
			assert_int_equal(ntohl(got4), want->v4 |
					 (ntohl(w) & ~mask4(want->len4)));
			hits[1]++;
		}
	}
}

static void test_random_vs_model(void **state __maybe_unused)
{
	static const u8 none[16];
	unsigned long ok = 0, refused = 0, dels = 0, hits[2] = { 0, 0 };
	struct dcx_space *sp[NSPACES];
	struct dcx_xlat_cfg cfg;
	struct dcx_tables *t;
	struct model *m;
	char why[DCX_WHY_LEN], name[8];
	unsigned int i, k;
	int err;

	m = calloc(1, sizeof(*m));
	assert_non_null(m);
	m->e = calloc(NENTRIES, sizeof(*m->e));
	assert_non_null(m->e);
	memset(m->head4, 0xff, sizeof(m->head4));
	memset(m->head6, 0xff, sizeof(m->head6));
	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	sp[0] = t->def;
	for (k = 1; k < NSPACES; k++) {
		snprintf(name, sizeof(name), "s%u", k);
		sp[k] = xv_space(&cfg, name, k, NULL, 0);
	}
	for (i = 0; i < NENTRIES; i++) {
		struct m_eam *e = &m->e[m->n];
		struct in6_addr v6;
		bool clash;

		gen_entry(e);
		clash = m_overlaps(m, e->v4, e->len4, e->space, e->v6);
		memcpy(&v6, e->v6, 16);
		mutex_lock(&xv_lock);
		err = dcx_eam_add(t, sp[e->space], htonl(e->v4), e->len4, &v6,
				  96 + e->len4, why, &xv_lock);
		mutex_unlock(&xv_lock);
		if (clash) {
			if (err != -EEXIST)
				fail_msg("entry %u: %d, want -EEXIST", i, err);
			refused++;
			continue;
		}
		if (err)
			fail_msg("entry %u: %d (%s)", i, err, why);
		e->live = true;
		e->next4 = m->head4[e->space][e->v4 >> 16];
		m->head4[e->space][e->v4 >> 16] = m->n;
		e->next6 = m->head6[bucket6(e->v6)];
		m->head6[bucket6(e->v6)] = m->n;
		m->n++;
		ok++;
	}
	assert_int_equal(t->neams, ok);
	check_lookups(&cfg, sp, m, 20000, hits);
	/* Delete a quarter, by one side or the other, then check again. */
	for (i = 0; i < m->n; i++) {
		struct m_eam *e = &m->e[i];
		struct in6_addr v6;

		if (rnd() % 4)
			continue;
		memcpy(&v6, e->v6, 16);
		mutex_lock(&xv_lock);
		err = dcx_eam_del(t, sp[e->space], htonl(e->v4), e->len4,
				  rnd() % 2 ? &v6 : NULL, 96 + e->len4, why,
				  &xv_lock);
		mutex_unlock(&xv_lock);
		assert_int_equal(err, 0);
		e->live = false;
		dels++;
	}
	kshim_rcu_grace_period();
	assert_int_equal(t->neams, ok - dels);
	check_lookups(&cfg, sp, m, 20000, hits);
	print_message("%lu entries added, %lu refused as overlapping, %lu "
		      "deleted; %lu IPv4 and %lu IPv6 lookup hits\n", ok,
		      refused, dels, hits[0], hits[1]);
	assert_true(refused > 0 && ok >= 20000);
	assert_true(hits[0] > 1000 && hits[1] > 1000);
	free(m->e);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_eam_add_del),
		xv_unit_test(test_eam_flush),
		xv_unit_test(test_overlap_v4_within_space),
		xv_unit_test(test_overlap_v6_across_spaces),
		xv_unit_test(test_eam_inside_space_prefix),
		xv_unit_test(test_eam_lengths_and_host_bits),
		xv_unit_test(test_space_rules),
		xv_unit_test(test_eam_suffix),
		xv_unit_test(test_deferred_free),
		xv_unit_test(test_enomem),
		xv_unit_test(test_random_vs_model),
	};

	return cmocka_run_group_tests_name("core_tables", tests,
					   xv_group_setup, xv_group_teardown);
}
