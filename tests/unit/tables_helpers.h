/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the tests of the tables (test_core_eamt.c, test_core_tables.c,
 * test_core_space.c): the writer API by text under xv_lock, the reason of
 * a refusal, and what an address maps to in either direction.
 */
#ifndef DCX_TABLES_HELPERS_H
#define DCX_TABLES_HELPERS_H

#include "unit_helpers.h"

static inline void expect4(__be32 got, const char *want)
{
	char gs[INET_ADDRSTRLEN];

	if (got != a4(want)) {
		inet_ntop(AF_INET, &got, gs, sizeof(gs));
		fail_msg("got %s, want %s", gs, want);
	}
}

/* dcx_eam_add() by text; returns the error, the reason in why. */
static inline int eam_add(struct dcx_tables *t, struct dcx_space *s,
			  const char *p4, unsigned int len4, const char *p6,
			  unsigned int len6, char *why)
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

static inline int eam_del4(struct dcx_tables *t, struct dcx_space *s,
			   const char *p4, unsigned int len4, char *why)
{
	int err;

	why[0] = 0;
	mutex_lock(&xv_lock);
	err = dcx_eam_del(t, s ? s : t->def, a4(p4), len4, NULL, 0, why,
			  &xv_lock);
	mutex_unlock(&xv_lock);
	return err;
}

static inline int eam_del6(struct dcx_tables *t, struct dcx_space *s,
			   const char *p6, unsigned int len6, char *why)
{
	struct in6_addr v6 = a6(p6);
	int err;

	why[0] = 0;
	mutex_lock(&xv_lock);
	err = dcx_eam_del(t, s ? s : t->def, 0, 0, &v6, len6, why, &xv_lock);
	mutex_unlock(&xv_lock);
	return err;
}

static inline struct dcx_space *space_add(struct dcx_tables *t,
					  const char *name, u32 id,
					  const char *p6, unsigned int len,
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

static inline int set_pool6(struct dcx_tables *t, struct dcx_space *s,
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

static inline void expect_why(const char *why, const char *want)
{
	if (strcmp(why, want))
		fail_msg("why \"%s\", want \"%s\"", why, want);
}

/* The address an IPv4 address maps to in space s, "-" when none. */
static inline void expect_map46(const struct dcx_xlat_cfg *cfg,
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

static inline void expect_map64(const struct dcx_xlat_cfg *cfg,
				const char *v6,
				const struct dcx_space *want_s,
				const char *want)
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

#endif /* DCX_TABLES_HELPERS_H */
