// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/tables.c, pool6.c and map.c with the entries and spaces in
 * them: lookups in both directions against a brute-force model, and
 * RCU-deferred frees of entries and spaces.
 */
#include "tables_helpers.h"

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

/* ---- pool6's one-prefix shortcut (pool6.c, space.c) ------------------ */

/* The shortcut is the only prefix while there is one, else NULL. */
static void expect_only(struct dcx_tables *t, const struct dcx_space *s)
{
	const struct dcx_pool6 *only = rcu_dereference_raw(t->pool6_only);

	assert_int_equal(t->npool6, dcx_lpm_count(&t->pool6));
	if (!s) {
		assert_null(only);
		return;
	}
	assert_int_equal(t->npool6, 1);
	assert_non_null(only);
	assert_ptr_equal(only->space, s);
	assert_ptr_equal(&only->p, dcx_space_pool6(s));
}

/* dcx_pool6_lookup(v6) finds s's prefix (NULL: none). */
static void expect_pool6(struct dcx_tables *t, const char *v6,
			 const struct dcx_space *s)
{
	struct in6_addr a = a6(v6);
	const struct dcx_pool6 *p;

	rcu_read_lock();
	p = dcx_pool6_lookup(t, &a);
	if (s) {
		assert_non_null(p);
		assert_ptr_equal(p->space, s);
	} else {
		assert_null(p);
	}
	rcu_read_unlock();
}

static void test_pool6_only(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *a, *b, *c;
	struct dcx_tables *t;
	char why[DCX_WHY_LEN];

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	expect_only(t, NULL);
	expect_pool6(t, "2001:db8:a::1", NULL);
	a = space_add(t, "a", 2, "2001:db8:a::", 96, why);
	assert_false(IS_ERR(a));
	expect_only(t, a);
	expect_pool6(t, "2001:db8:a::c000:201", a);
	expect_pool6(t, "2001:db8:a:1::1", NULL);	/* beyond the /96 */
	expect_pool6(t, "2001:db8:b::1", NULL);
	/* A second prefix: the trie answers for both. */
	b = space_add(t, "b", 3, "2001:db8:b::", 64, why);
	assert_false(IS_ERR(b));
	expect_only(t, NULL);
	expect_pool6(t, "2001:db8:a::1", a);
	expect_pool6(t, "2001:db8:b::ffff:1", b);
	/* A third, a space without one, then down to one again. */
	c = space_add(t, "c", 4, "2001:db8:c::", 48, why);
	assert_false(IS_ERR(c));
	assert_false(IS_ERR(space_add(t, "d", 5, NULL, 0, why)));
	expect_only(t, NULL);
	assert_int_equal(set_pool6(t, a, "2001:db8:a2::", 96, why), 0);
	expect_only(t, NULL);
	expect_pool6(t, "2001:db8:a::1", NULL);
	expect_pool6(t, "2001:db8:a2::1", a);
	assert_int_equal(set_pool6(t, b, NULL, 0, why), 0);
	expect_only(t, NULL);
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_del(t, c, why, &xv_lock), 0);
	mutex_unlock(&xv_lock);
	/* a's is the one left: found through the space list. */
	expect_only(t, a);
	expect_pool6(t, "2001:db8:a2::1", a);
	expect_pool6(t, "2001:db8:c::1", NULL);
	expect_pool6(t, "2001:db8:b::1", NULL);
	/* Replaced while alone: the shortcut follows. */
	assert_int_equal(set_pool6(t, a, "2001:db8:a3::", 64, why), 0);
	expect_only(t, a);
	expect_pool6(t, "2001:db8:a2::1", NULL);
	expect_pool6(t, "2001:db8:a3::1:2:3", a);
	/* The same prefix again changes nothing. */
	assert_int_equal(set_pool6(t, a, "2001:db8:a3::", 64, why), 0);
	expect_only(t, a);
	/* A refused prefix (overlaps a's) leaves it as it was. */
	assert_int_not_equal(set_pool6(t, b, "2001:db8:a3::", 96, why), 0);
	expect_only(t, a);
	/* Gone: no shortcut, nothing found. */
	assert_int_equal(set_pool6(t, a, NULL, 0, why), 0);
	expect_only(t, NULL);
	expect_pool6(t, "2001:db8:a3::1", NULL);
	/* The default space's own prefix is one like the others. */
	assert_int_equal(set_pool6(t, t->def, "64:ff9b::", 96, why), 0);
	expect_only(t, t->def);
	expect_pool6(t, "64:ff9b::c633:6402", t->def);
	kshim_rcu_grace_period();
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
		xv_unit_test(test_deferred_free),
		xv_unit_test(test_pool6_only),
		xv_unit_test(test_random_vs_model),
	};

	return cmocka_run_group_tests_name("core_tables", tests,
					   xv_group_setup, xv_group_teardown);
}
