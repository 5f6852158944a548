// SPDX-License-Identifier: GPL-2.0
/* RFC 7757 EAM entries of an instance's spaces (see eamt.h). */
#include "prefix.h"
#include "pool6.h"
#include "eamt.h"

/* struct dcx_eam: 32 bytes each, millions of them. */
static struct kmem_cache *dcx_eam_cache;

int dcx_eam_cache_init(void)
{
	dcx_eam_cache = KMEM_CACHE(dcx_eam, 0);
	return dcx_eam_cache ? 0 : -ENOMEM;
}

void dcx_eam_cache_exit(void)
{
	rcu_barrier();	/* dcx_eam_free_rcu() callbacks still pending */
	kmem_cache_destroy(dcx_eam_cache);
	dcx_eam_cache = NULL;
}

#ifdef DCX_EAMIDX_DEBUG
long dcx_eam_debug_live(void)
{
	return kshim_kmem_cache_live(dcx_eam_cache);
}
#endif

static void dcx_eam_free(void *value)
{
	kmem_cache_free(dcx_eam_cache, value);
}

/* The record that takes one deleted entry through a grace period. */
struct dcx_eam_grave {
	struct rcu_head rcu;
	struct dcx_eam *e;
};

static void dcx_eam_free_rcu(struct rcu_head *rcu)
{
	struct dcx_eam_grave *g = container_of(rcu, struct dcx_eam_grave, rcu);

	dcx_eam_free(g->e);
	kfree(g);
}

/*
 * Free e, which readers may still see through a hash, after a grace
 * period. The entry has no rcu_head (32 bytes instead of 48 for every
 * entry held): a 32-byte record carries it instead, for the grace period
 * only. Without memory for that record, this writer waits the grace
 * period out (rare, and the delete still cannot fail).
 */
static void dcx_eam_free_gp(struct dcx_eam *e)
{
	struct dcx_eam_grave *g = kmalloc(sizeof(*g), GFP_KERNEL);

	if (!g) {
		synchronize_rcu();
		dcx_eam_free(e);
		return;
	}
	g->e = e;
	call_rcu(&g->rcu, dcx_eam_free_rcu);
}

/* ---- reading -------------------------------------------------------- */

bool dcx_eam_local4(const struct dcx_space *s, __be32 v4)
{
	const struct dcx_eam *e = dcx_eam_lookup4(s, v4);

	return e && !e->remote;
}

struct dcx_walk_ctx {
	int (*cb)(void *ctx, const struct dcx_eam *e);
	void *ctx;
};

static int dcx_eam_walk_cb(void *ctx, void *value)
{
	struct dcx_walk_ctx *w = ctx;

	return w->cb(w->ctx, value);
}

int dcx_eam_walk(const struct dcx_space *s, bool start, __be32 v4, u8 len4,
		 int (*cb)(void *ctx, const struct dcx_eam *e), void *ctx)
{
	struct dcx_walk_ctx w = { .cb = cb, .ctx = ctx };

	return dcx_eamidx_walk(&s->eam4, start ? (const u8 *)&v4 : NULL, len4,
			       true, dcx_eam_walk_cb, &w);
}

/* ---- overlaps ------------------------------------------------------- */

/* Walk state: the first EAM entry inside a prefix that is not self's. */
struct dcx_inside {
	const u8 *key;
	unsigned int len;
	const struct dcx_space *self;
	const struct dcx_eam *found;
};

static int dcx_inside_cb(void *ctx, void *value)
{
	struct dcx_inside *in = ctx;
	const struct dcx_eam *e = value;

	if (e->len6 < in->len ||
	    !dcx_prefix_bits_equal(e->v6.s6_addr, in->key, in->len))
		return 1;	/* past the prefix: entries inside it are adjacent */
	if (e->space == in->self)
		return 0;
	in->found = e;
	return 1;
}

/*
 * An entry around the prefix contains its first address; entries inside
 * it follow key/len in index order.
 */
const struct dcx_eam *dcx_eam6_clash(const struct dcx_tables *t,
				     const u8 *key, unsigned int len,
				     const struct dcx_space *self)
{
	struct dcx_inside in = { key, len, self, NULL };
	const struct dcx_eam *e;

	e = dcx_eamidx_lookup(&t->eam6, key);
	if (e && e->len6 <= len && e->space != self)
		return e;
	/* A full-length prefix has nothing inside it but itself. */
	if (len >= 128)
		return NULL;
	dcx_eamidx_walk(&t->eam6, key, len, false, dcx_inside_cb, &in);
	return in.found;
}

static int dcx_eam_check(const struct dcx_tables *t,
			 const struct dcx_space *s, __be32 v4, u8 len4,
			 const struct in6_addr *v6, u8 len6, char *why)
{
	const struct dcx_space *o;

	if (!dcx_eam_lens_ok(len4, len6)) {
		dcx_why(why, "EAM " DCX_P4_FMT " " DCX_P6_FMT
			": suffix lengths differ (%u and %u bits)",
			DCX_P4_ARG(v4, len4), DCX_P6_ARG(v6, len6),
			32 - min_t(unsigned int, len4, 32),
			128 - min_t(unsigned int, len6, 128));
		return -EINVAL;
	}
	if (!dcx_prefix_host_bits_zero((const u8 *)&v4, len4, 32)) {
		dcx_why(why, DCX_P4_FMT " has bits set after the length",
			DCX_P4_ARG(v4, len4));
		return -EINVAL;
	}
	if (!dcx_prefix_host_bits_zero(v6->s6_addr, len6, 128)) {
		dcx_why(why, DCX_P6_FMT " has bits set after the length",
			DCX_P6_ARG(v6, len6));
		return -EINVAL;
	}
	/* Inside its own space's prefix is fine (hairpinning), not another's. */
	o = dcx_pool6_clash(t, s, v6->s6_addr, len6);
	if (o) {
		dcx_why(why, DCX_P6_FMT " overlaps the prefix of space %s",
			DCX_P6_ARG(v6, len6), o->name);
		return -EEXIST;
	}
	return 0;
}

/* ---- writing -------------------------------------------------------- */

void dcx_eam4_init(const struct dcx_tables *t, struct dcx_space *s)
{
	dcx_eamidx_init(&s->eam4, 32, offsetof(struct dcx_eam, v4),
			offsetof(struct dcx_eam, len4));
	dcx_lenhash_init(&s->eam4_hash, 32, offsetof(struct dcx_eam, v4),
			 offsetof(struct dcx_eam, len4));
	if (dcx_lenhash_deferred(&t->eam6_hash))
		dcx_lenhash_defer(&s->eam4_hash);
}

void dcx_eam6_init(struct dcx_tables *t)
{
	dcx_eamidx_init(&t->eam6, 128, offsetof(struct dcx_eam, v6),
			offsetof(struct dcx_eam, len6));
	dcx_lenhash_init(&t->eam6_hash, 128, offsetof(struct dcx_eam, v6),
			 offsetof(struct dcx_eam, len6));
}

/*
 * Index e in both hashes once both indexes hold it (they refused
 * overlaps). On failure e is in neither hash. Deferred hashes take
 * nothing: the build finds e in the indexes.
 */
static int dcx_eam_hash(struct dcx_tables *t, struct dcx_space *s,
			struct dcx_eam *e, struct mutex *lock)
{
	int err;

	err = dcx_lenhash_insert(&s->eam4_hash, e, DCX_GFP_TABLE, lock);
	if (err)
		return err;
	err = dcx_lenhash_insert(&t->eam6_hash, e, DCX_GFP_TABLE, lock);
	if (err)
		dcx_lenhash_remove(&s->eam4_hash, e, lock);
	return err;
}

/*
 * RFC 7757 3.2: overlapping entries make the mapping ambiguous. The
 * indexes check it as they insert (dcx_eamidx_insert()); the IPv4 prefix
 * first, so its refusal comes first. Only the hashes publish e to
 * readers, last. Frees e on failure.
 */
static int dcx_eam_insert(struct dcx_tables *t, struct dcx_space *s,
			  struct dcx_eam *e, char *why, struct mutex *lock)
{
	const struct dcx_eam *o;
	void *clash;
	int err;

	lockdep_assert_held(lock);
	err = dcx_eamidx_insert(&s->eam4, e, DCX_GFP_TABLE, &clash);
	if (err) {
		o = clash;
		if (o)
			dcx_why(why, DCX_P4_FMT " overlaps EAM " DCX_P4_FMT
				" in space %s", DCX_P4_ARG(e->v4, e->len4),
				DCX_P4_ARG(o->v4, o->len4), s->name);
		dcx_eam_free(e);	/* never visible */
		return err;
	}
	err = dcx_eamidx_insert(&t->eam6, e, DCX_GFP_TABLE, &clash);
	if (err) {
		o = clash;
		if (o)
			dcx_why(why, DCX_P6_FMT " overlaps EAM " DCX_P6_FMT
				" in space %s", DCX_P6_ARG(&e->v6, e->len6),
				DCX_P6_ARG(&o->v6, o->len6), o->space->name);
		dcx_eamidx_remove(&s->eam4, e);
		dcx_eam_free(e);	/* the indexes are writers' only */
		return err;
	}
	err = dcx_eam_hash(t, s, e, lock);
	if (err) {
		/* In no hash now, but readers may have seen it in eam4's. */
		dcx_eamidx_remove(&s->eam4, e);
		dcx_eamidx_remove(&t->eam6, e);
		dcx_eam_free_gp(e);
	}
	return err;
}

int dcx_eam_add_as(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		   u8 len4, const struct in6_addr *v6, u8 len6, bool remote,
		   char *why, struct mutex *lock)
{
	struct dcx_eam *e;
	int err;

	lockdep_assert_held(lock);
	err = dcx_eam_check(t, s, v4, len4, v6, len6, why);
	if (err)
		return err;
	e = kmem_cache_zalloc(dcx_eam_cache, DCX_GFP_TABLE);
	if (!e) {
		dcx_why(why, "out of memory");
		return -ENOMEM;
	}
	e->v4 = v4;
	e->len4 = len4;
	e->v6 = *v6;
	e->len6 = len6;
	e->space = s;
	e->remote = remote;
	err = dcx_eam_insert(t, s, e, why, lock);
	if (!err) {
		t->neams++;
		return 0;
	}
	if (err == -ENOMEM)
		dcx_why(why, "out of memory");
	else if (err != -EEXIST)
		dcx_why(why, "cannot insert the EAM entry (%d)", err);
	return err;
}

int dcx_eam_del(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		u8 len4, const struct in6_addr *v6, u8 len6, char *why,
		struct mutex *lock)
{
	struct dcx_eam *e;

	lockdep_assert_held(lock);
	if (v6) {
		e = dcx_eamidx_find(&t->eam6, v6->s6_addr, len6);
		if (!e || e->space != s) {
			dcx_why(why, "no EAM " DCX_P6_FMT " in space %s",
				DCX_P6_ARG(v6, len6), s->name);
			return -ENOENT;
		}
		dcx_eamidx_remove(&s->eam4, e);
	} else {
		/* One search finds it and takes it out of eam4. */
		e = dcx_eamidx_take(&s->eam4, (const u8 *)&v4, len4);
		if (!e) {
			dcx_why(why, "no EAM " DCX_P4_FMT " in space %s",
				DCX_P4_ARG(v4, len4), s->name);
			return -ENOENT;
		}
	}
	dcx_eamidx_remove(&t->eam6, e);
	dcx_lenhash_remove(&s->eam4_hash, e, lock);
	dcx_lenhash_remove(&t->eam6_hash, e, lock);
	dcx_lenhash_tidy(&s->eam4_hash, DCX_GFP_TABLE, lock);
	dcx_lenhash_tidy(&t->eam6_hash, DCX_GFP_TABLE, lock);
	t->neams--;
	dcx_eam_free_gp(e);
	return 0;
}

/* ---- flushing ------------------------------------------------------ */

/* dcx_eam_unlink6()'s pass. */
struct dcx_unlink6 {
	struct dcx_tables *t;
	struct mutex *lock;
	bool all;		/* s holds every entry of eam6 */
};

static void dcx_eam6_unlink_cb(void *ctx, void *value)
{
	struct dcx_unlink6 *u = ctx;
	struct dcx_eam *e = value;

	if (!u->all)
		dcx_eamidx_remove(&u->t->eam6, e);
	dcx_lenhash_remove(&u->t->eam6_hash, e, u->lock);
}

/*
 * Take every entry of s out of eam6 and its hash (eam4 keeps them for
 * the free) and out of the count, in one pass over eam4 that yields
 * every DCX_RESCHED_BATCH entries: a table of millions of entries does
 * not hold the CPU. When s holds all of eam6 (one space in use), eam6's
 * index is emptied whole instead (only writers read it).
 */
static void dcx_eam_unlink6(struct dcx_tables *t, struct dcx_space *s,
			    struct mutex *lock)
{
	struct dcx_unlink6 u = { .t = t, .lock = lock };

	lockdep_assert_held(lock);
	u.all = dcx_eamidx_count(&s->eam4) == dcx_eamidx_count(&t->eam6);
	dcx_eamidx_for_each(&s->eam4, dcx_eam6_unlink_cb, &u);
	if (u.all)
		dcx_eamidx_destroy(&t->eam6, NULL);
	t->neams -= dcx_eamidx_count(&s->eam4);
}

void dcx_eam_flush(struct dcx_tables *t, struct dcx_space *s,
		   struct mutex *lock)
{
	dcx_eam_unlink6(t, s, lock);
	dcx_lenhash_tidy(&t->eam6_hash, DCX_GFP_TABLE, lock);
	dcx_lenhash_free(&s->eam4_hash, lock);
	dcx_eamidx_free(&s->eam4, dcx_eam_free);
}

void dcx_eam_unlink_space(struct dcx_tables *t, struct dcx_space *s,
			  struct mutex *lock)
{
	dcx_eam_unlink6(t, s, lock);
	dcx_lenhash_tidy(&t->eam6_hash, DCX_GFP_TABLE, lock);
}

void dcx_eam_destroy(struct dcx_space *s)
{
	dcx_lenhash_destroy(&s->eam4_hash);
	dcx_eamidx_destroy(&s->eam4, dcx_eam_free);
}

/* ---- bulk loads ------------------------------------------------------ */

void dcx_eam_defer(struct dcx_tables *t)
{
	struct dcx_space *s;

	dcx_lenhash_defer(&t->eam6_hash);
	list_for_each_entry(s, &t->spaces, list)
		dcx_lenhash_defer(&s->eam4_hash);
}

/* dcx_eam_build()'s pass over one space's eam4: both builds take e. */
struct dcx_eam_bulk {
	struct dcx_lenhash_bulk *b4, *b6;
};

static void dcx_eam_bulk_add(void *ctx, void *value)
{
	struct dcx_eam_bulk *eb = ctx;

	dcx_lenhash_bulk_add(eb->b4, value);
	dcx_lenhash_bulk_add(eb->b6, value);
}

/*
 * Each space's eam4 is walked once for its own hash and eam6's, whose
 * entries are every space's; a hash is placed as soon as its entries
 * are in, so that at most two lists live at once.
 * Nothing is published until every array is complete.
 */
int dcx_eam_build(struct dcx_tables *t, char *why, struct mutex *lock)
{
	struct dcx_lenhash_bulk **b4;
	struct dcx_eam_bulk eb = { NULL, NULL };
	unsigned int i = 0, k, n = 0;
	struct dcx_space *s;
	int err = -ENOMEM;

	lockdep_assert_held(lock);
	if (!dcx_lenhash_deferred(&t->eam6_hash))
		return 0;
	list_for_each_entry(s, &t->spaces, list)
		n++;
	b4 = kvcalloc(n, sizeof(*b4), GFP_KERNEL);	/* up to 65,536 */
	if (b4)
		eb.b6 = dcx_lenhash_bulk_new(&t->eam6_hash,
					     dcx_eamidx_count(&t->eam6),
					     DCX_GFP_TABLE);
	if (!eb.b6)
		goto out;
	list_for_each_entry(s, &t->spaces, list) {
		b4[i] = dcx_lenhash_bulk_new(&s->eam4_hash,
					     dcx_eamidx_count(&s->eam4),
					     DCX_GFP_TABLE);
		if (!b4[i])
			goto nomem;
		eb.b4 = b4[i++];
		dcx_eamidx_for_each(&s->eam4, dcx_eam_bulk_add, &eb);
		err = dcx_lenhash_bulk_place(eb.b4, DCX_GFP_TABLE, lock);
		if (err)
			goto out;
	}
	err = dcx_lenhash_bulk_place(eb.b6, DCX_GFP_TABLE, lock);
	if (err)
		goto out;
	for (k = 0; k < i; k++) {
		dcx_lenhash_bulk_publish(b4[k], lock);
		b4[k] = NULL;
	}
	dcx_lenhash_bulk_publish(eb.b6, lock);
	eb.b6 = NULL;
	goto out;
nomem:
	err = -ENOMEM;
out:
	for (k = 0; k < i; k++)
		dcx_lenhash_bulk_free(b4[k]);
	kvfree(b4);
	dcx_lenhash_bulk_free(eb.b6);
	if (err == -ENOMEM)
		dcx_why(why, "out of memory for the lookup hashes of %u EAM entries",
			t->neams);
	else if (err)
		dcx_why(why, "cannot index the EAM entries (%d)", err);
	return err;
}
