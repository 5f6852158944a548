/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the translation-core unit tests: run a generated vector
 * through plan + apply in an exactly sized heap buffer (so ASan sees any
 * write outside the headroom the contract grants), compare byte for byte
 * and print a hex diff on mismatch.
 *
 * Define XV_WANT_<section> for the vector sections you use, then include.
 */
#ifndef DCX_UNIT_HELPERS_H
#define DCX_UNIT_HELPERS_H

#include "xlat.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "vectors/xlat_vectors.h"

typedef enum dcx_action (*xv_plan_fn)(struct dcx_xlat *x, const u8 *nh,
				       unsigned int linear,
				       unsigned int total);
typedef u8 *(*xv_apply_fn)(struct dcx_xlat *x, u8 *nh, unsigned int total);

static inline const char *xv_verdict_name(enum dcx_action v)
{
	switch (v) {
	case DCX_PASS:
		return "PASS";
	case DCX_XLAT:
		return "XLAT";
	case DCX_DROP:
		return "DROP";
	case DCX_ICMP_ERROR:
		return "ICMP_ERROR";
	case DCX_REASSEMBLE:
		return "REASSEMBLE";
	case DCX_PULL:
		return "PULL";
	}
	return "?";
}

/* Test addresses from text; a failed parse fails the test. */
static inline struct in6_addr a6(const char *s)
{
	struct in6_addr a;

	assert_int_equal(inet_pton(AF_INET6, s, &a), 1);
	return a;
}

static inline __be32 a4(const char *s)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return a.s_addr;
}

static inline void expect_addr6(const struct in6_addr *got, const char *want)
{
	struct in6_addr w = a6(want);
	char gs[INET6_ADDRSTRLEN];

	if (memcmp(got, &w, sizeof(w))) {
		inet_ntop(AF_INET6, got, gs, sizeof(gs));
		fail_msg("got %s, want %s", gs, want);
	}
}

/*
 * Tables of the test configurations: built for real (dcx_tables_alloc and
 * the writer API under xv_lock), remembered here and destroyed by
 * xv_teardown() after every test, so LeakSanitizer and the node-cache
 * check of dcx_lpm_cache_exit() see any leak.
 */
#define XV_MAX_TABLES	64
static struct dcx_tables *xv_tables[XV_MAX_TABLES];
static unsigned int xv_ntables;
static struct mutex xv_lock;

static inline struct dcx_tables *xv_tables_new(void)
{
	struct dcx_tables *t;

	assert_true(xv_ntables < XV_MAX_TABLES);
	t = dcx_tables_alloc(GFP_KERNEL);
	assert_non_null(t);
	xv_tables[xv_ntables++] = t;
	return t;
}

/* Set the default space's RFC 6052 prefix (plen 0: none). */
static inline void xv_set_pool6(struct dcx_tables *t, const u8 *prefix,
				unsigned int plen)
{
	char why[DCX_WHY_LEN] = "";
	struct dcx_prefix6 p;
	int err;

	memset(&p, 0, sizeof(p));
	memcpy(&p.addr, prefix, 16);
	p.len = plen;
	mutex_lock(&xv_lock);
	err = dcx_space_set_pool6(t, t->def, &p, why, &xv_lock);
	mutex_unlock(&xv_lock);
	if (err)
		fail_msg("pool6 /%u: %d (%s)", plen, err, why);
}

/* An instance configuration whose default space has pool6 prefix/plen. */
static inline void xv_cfg(struct dcx_xlat_cfg *cfg, const u8 *prefix,
			  unsigned int plen)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->tables = xv_tables_new();
	if (plen)
		xv_set_pool6((struct dcx_tables *)cfg->tables, prefix, plen);
}

/* Writable tables of a configuration built by xv_cfg(). */
static inline struct dcx_tables *xv_tab(const struct dcx_xlat_cfg *cfg)
{
	return (struct dcx_tables *)cfg->tables;
}

/*
 * Add an EAM entry to space s (NULL: default) of cfg, remote (RFC 7756
 * 5.2) or local; must succeed.
 */
static inline void xv_eam_as(const struct dcx_xlat_cfg *cfg,
			     struct dcx_space *s, const char *p4,
			     unsigned int len4, const char *p6,
			     unsigned int len6, bool remote)
{
	struct dcx_tables *t = xv_tab(cfg);
	char why[DCX_WHY_LEN] = "";
	struct in6_addr v6;
	struct in_addr v4;
	int err;

	assert_int_equal(inet_pton(AF_INET, p4, &v4), 1);
	assert_int_equal(inet_pton(AF_INET6, p6, &v6), 1);
	mutex_lock(&xv_lock);
	err = dcx_eam_add_as(t, s ? s : t->def, v4.s_addr, len4, &v6, len6,
			     remote, why, &xv_lock);
	mutex_unlock(&xv_lock);
	if (err)
		fail_msg("EAM %s/%u %s/%u: %d (%s)", p4, len4, p6, len6, err,
			 why);
}

static inline void xv_eam(const struct dcx_xlat_cfg *cfg,
			  struct dcx_space *s, const char *p4,
			  unsigned int len4, const char *p6, unsigned int len6)
{
	xv_eam_as(cfg, s, p4, len4, p6, len6, false);
}

/* Add a space with an RFC 6052 prefix; must succeed. */
static inline struct dcx_space *xv_space(const struct dcx_xlat_cfg *cfg,
					 const char *name, u32 id,
					 const char *p6, unsigned int len)
{
	char why[DCX_WHY_LEN] = "";
	struct dcx_prefix6 p;
	struct dcx_space *s;

	memset(&p, 0, sizeof(p));
	if (p6)
		assert_int_equal(inet_pton(AF_INET6, p6, &p.addr), 1);
	p.len = p6 ? len : 0;
	mutex_lock(&xv_lock);
	s = dcx_space_add(xv_tab(cfg), name, id, &p, why, &xv_lock);
	mutex_unlock(&xv_lock);
	if (IS_ERR(s))
		fail_msg("space %s: %ld (%s)", name, PTR_ERR(s), why);
	return s;
}

/* After every test: destroy its tables once readers are gone. */
static inline int xv_teardown(void **state)
{
	(void)state;
	rcu_barrier();
	while (xv_ntables)
		dcx_tables_destroy(xv_tables[--xv_ntables]);
	rcu_barrier();
	return 0;
}

static inline int xv_group_setup(void **state)
{
	(void)state;
	mutex_init(&xv_lock);
	return dcx_lpm_cache_init() ?: dcx_eam_cache_init();
}

static inline int xv_group_teardown(void **state)
{
	xv_teardown(state);
	dcx_eam_cache_exit();	/* WARNs (aborts) if an EAM entry leaked */
	dcx_lpm_cache_exit();	/* WARNs (aborts) if a trie node leaked */
	return 0;
}

/* A test whose configurations xv_teardown() frees. */
#define xv_unit_test(f) cmocka_unit_test_teardown(f, xv_teardown)

static inline void xv_cfg_vec(struct dcx_xlat_cfg *cfg,
			      const struct xlat_vector *v)
{
	xv_cfg(cfg, v->prefix, v->plen);
}

/* Hex dump of both packets, differing bytes marked, then fail. */
static inline void xv_expect_bytes(const char *what, const u8 *got,
				   unsigned int got_len, const u8 *want,
				   unsigned int want_len)
{
	unsigned int n = got_len > want_len ? got_len : want_len;
	unsigned int i, j, first = n;

	for (i = 0; i < n; i++) {
		if (i >= got_len || i >= want_len || got[i] != want[i]) {
			first = i;
			break;
		}
	}
	if (first == n && got_len == want_len)
		return;
	print_error("%s: got %u bytes, want %u, first difference at %u\n",
		    what, got_len, want_len, first);
	for (i = 0; i < n; i += 16) {
		char gl[16 * 3 + 1], wl[16 * 3 + 1], ml[16 * 3 + 1];
		bool diff = false;

		for (j = 0; j < 16; j++) {
			unsigned int k = i + j;
			bool hg = k < got_len, hw = k < want_len;
			bool d = hg != hw || (hg && got[k] != want[k]);

			if (hg)
				snprintf(gl + 3 * j, 4, "%02x ", got[k]);
			else
				snprintf(gl + 3 * j, 4, "   ");
			if (hw)
				snprintf(wl + 3 * j, 4, "%02x ", want[k]);
			else
				snprintf(wl + 3 * j, 4, "   ");
			snprintf(ml + 3 * j, 4, "%s", d ? "^^ " : "   ");
			diff |= d;
		}
		if (!diff)
			continue;
		print_error("  %04x got  %s\n", i, gl);
		print_error("  %04x want %s\n", i, wl);
		print_error("       %s\n", ml);
	}
	fail_msg("%s: translated packet differs from the expectation", what);
}

/* Header lengths read from the (independently built) packets. */
static inline unsigned int xv_nhlen4(const u8 *p)
{
	return (p[0] & 0xf) * 4;
}

/* IPv6 header plus any extension headers in front of the upper layer. */
static inline unsigned int xv_nhlen6(const u8 *p, unsigned int len)
{
	unsigned int off = 40;
	u8 next = p[6];

	while (off + 8 <= len) {
		if (next == 44) {
			next = p[off];
			off += 8;
		} else if (next == 0 || next == 43 || next == 60) {
			next = p[off];
			off += (p[off + 1] + 1) * 8;
		} else {
			break;
		}
	}
	return off;
}

/*
 * Plan with the first `linear` bytes only, in a buffer of exactly that
 * size: ASan flags any read of the plan step beyond `linear`.
 */
static inline enum dcx_action xv_plan_linear(xv_plan_fn plan,
					      struct dcx_xlat *x,
					      const u8 *pkt,
					      unsigned int linear,
					      unsigned int total)
{
	u8 *b = malloc(linear ? linear : 1);
	enum dcx_action v;

	assert_non_null(b);
	memcpy(b, pkt, linear);
	rcu_read_lock();
	v = plan(x, b, linear, total);
	rcu_read_unlock();
	assert_memory_equal(b, pkt, linear);	/* plan is read-only */
	free(b);
	return v;
}

/*
 * apply on a copy of in (len bytes) in a heap buffer with exactly the
 * headroom and tailroom plan asked for; *nh is where the copy starts,
 * *buf what to free.
 */
static inline u8 *xv_apply_exact(xv_apply_fn apply, struct dcx_xlat *x,
				 const u8 *in, unsigned int len, u8 **buf,
				 u8 **nh)
{
	unsigned int grow;
	u8 *out;

	grow = x->new_nhlen > x->old_nhlen ? x->new_nhlen - x->old_nhlen : 0;
	*buf = malloc(grow + len + x->tail_need);
	assert_non_null(*buf);
	*nh = *buf + grow;
	memcpy(*nh, in, len);
	rcu_read_lock();
	out = apply(x, *nh, len);
	rcu_read_unlock();
	return out;
}

/*
 * Translate `in` with plan + apply. The buffer has exactly the headroom
 * the contract asks for (new_nhlen - old_nhlen when growing). Returns a
 * malloc'ed copy of the translated packet, its length in *out_len.
 */
static inline u8 *xv_translate(const char *name, xv_plan_fn plan,
			       xv_apply_fn apply, struct dcx_xlat *x,
			       const u8 *in, unsigned int len,
			       unsigned int *out_len)
{
	enum dcx_action v;
	u8 *buf, *nh, *out, *res;

	v = xv_plan_linear(plan, x, in, len, len);
	if (v != DCX_XLAT)
		fail_msg("%s: plan returned %s (stat %d, need %u), want XLAT",
			 name, xv_verdict_name(v), x->stat, x->need);
	assert_true(x->new_nhlen > 0);
	assert_true(x->old_nhlen <= len);
	out = xv_apply_exact(apply, x, in, len, &buf, &nh);
	assert_ptr_equal(out, nh + x->old_nhlen - x->new_nhlen);
	*out_len = len + x->new_nhlen - x->old_nhlen;
	/* apply reports the new length; for plain packets it is this one. */
	assert_int_equal(x->new_total, *out_len);
	res = malloc(*out_len);
	assert_non_null(res);
	memcpy(res, out, *out_len);
	free(buf);
	return res;
}

/* Run one translation vector and compare with its expected packet. */
static inline void xv_run(const struct xlat_vector *v, xv_plan_fn plan,
			  xv_apply_fn apply, unsigned int in_nhlen,
			  unsigned int out_nhlen)
{
	struct dcx_xlat_cfg cfg;
	struct dcx_xlat x;
	unsigned int got_len;
	u8 *got;

	xv_cfg_vec(&cfg, v);
	memset(&x, 0, sizeof(x));
	x.cfg = &cfg;
	x.csum_partial = v->csum_partial;
	got = xv_translate(v->name, plan, apply, &x, v->in, v->in_len,
			   &got_len);
	xv_expect_bytes(v->name, got, got_len, v->out, v->out_len);
	/* What plan announced matches the packets. */
	assert_int_equal(x.old_nhlen, in_nhlen);
	assert_int_equal(x.new_nhlen, out_nhlen);
	free(got);
}

/* Plan one input; check verdict and stat. */
#define xv_expect_verdict(what, plan, pkt, len, linear, cfgp, want_v,	\
			  want_stat)					\
	do {								\
		struct dcx_xlat __x = { .cfg = (cfgp) };		\
		enum dcx_action __v;					\
									\
		__v = xv_plan_linear(plan, &__x, pkt, linear, len);	\
		if (__v != (want_v))					\
			fail_msg("%s: verdict %s (stat %d), want %s",	\
				 what, xv_verdict_name(__v), __x.stat,	\
				 xv_verdict_name(want_v));		\
		if ((want_v) != DCX_XLAT && (want_v) != DCX_PULL &&	\
		    __x.stat != (want_stat))				\
			fail_msg("%s: stat %d, want %d", what, __x.stat, \
				 (want_stat));				\
	} while (0)

/* The plan of pkt must ask for exactly this ICMP error of its own family. */
#define xv_expect_icmp_error(what, plan, pkt, len, cfgp, want_type,	\
			     want_code, want_info)			\
	do {								\
		struct dcx_xlat __x = { .cfg = (cfgp) };		\
									\
		assert_int_equal(xv_plan_linear(plan, &__x, pkt, len, len), \
				 DCX_ICMP_ERROR);			\
		if (__x.err.type != (want_type) ||			\
		    __x.err.code != (want_code) ||			\
		    __x.err.info != (want_info))			\
			fail_msg("%s: ICMP error %u/%u info %u, want "	\
				 "%u/%u info %u", what, __x.err.type,	\
				 __x.err.code, __x.err.info,		\
				 (want_type), (want_code), (want_info)); \
	} while (0)

/*
 * The skb layer's loop: plan, grow `linear` to what it asks for, again.
 * Returns the final verdict; *pulls counts the DCX_PULL answers.
 */
static inline enum dcx_action xv_plan_pull_loop(xv_plan_fn plan,
						 struct dcx_xlat *x,
						 const u8 *pkt,
						 unsigned int linear,
						 unsigned int total,
						 unsigned int *pulls)
{
	enum dcx_action v;
	int tries;

	*pulls = 0;
	for (tries = 0; tries < 8; tries++) {
		v = xv_plan_linear(plan, x, pkt, linear, total);
		if (v != DCX_PULL)
			return v;
		(*pulls)++;
		/* Each request is for more than we had, within the packet. */
		assert_true(x->need > linear);
		assert_true(x->need <= total);
		linear = x->need;
	}
	fail_msg("plan kept asking for more");
	return DCX_DROP;
}

/*
 * plan (everything linear) + apply in a buffer with exactly the headroom
 * and tailroom plan asked for; the translation (at most out_max bytes)
 * goes to out.
 */
static inline enum dcx_action xv_plan_apply(struct dcx_xlat *x, bool v4,
					    const u8 *in, unsigned int len,
					    u8 *out, unsigned int out_max,
					    unsigned int *out_len)
{
	enum dcx_action v;
	u8 *buf, *nh, *res;

	v = xv_plan_linear(v4 ? dcx_plan_46 : dcx_plan_64, x, in, len, len);
	if (v != DCX_XLAT)
		return v;
	res = xv_apply_exact(v4 ? dcx_apply_46 : dcx_apply_64, x, in, len,
			     &buf, &nh);
	assert_true(x->new_total <= out_max);
	memcpy(out, res, x->new_total);
	*out_len = x->new_total;
	free(buf);
	return v;
}

#endif /* DCX_UNIT_HELPERS_H */
