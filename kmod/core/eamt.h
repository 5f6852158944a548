/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 7757 EAM entries (struct dcx_eam): the one owner of them. An entry
 * lives in two ordered indexes at once (eamidx.h), its space's eam4 (by
 * IPv4 prefix) and the instance's eam6 (by IPv6 prefix, all spaces), and
 * in their twin hashes (eam4_hash, eam6_hash: lenhash.h; but not in
 * deferred tables, "Bulk loads" below). Only the hashes are read by the
 * data path (dcx_eam_lookup4/6, _local4: a few cache lines at any
 * size); walks, exact finds and overlap checks use the indexes, which
 * only writers read. An entry is freed after a grace period once out of
 * the hashes. Memory: 32 bytes of entry, 8 in each index, the hashes'
 * slots (performance.md, "Memory per EAM entry").
 *
 * Overlap rules (RFC 7757 3.2, checked by dcx_eam_add()): the suffixes are
 * as long (prefix.h), no bit is set after either length, the IPv4 prefix
 * overlaps no entry of its space, the IPv6 prefix no entry of any space
 * and no other space's RFC 6052 prefix (it may lie inside its own: RFC
 * 7757 4.2 hairpinning).
 *
 * Concurrency and errors: as tables.h says (readers under RCU, writers
 * hold the caller's mutex; -errno and a DCX_WHY_LEN reason in why).
 */
#ifndef DCX_CORE_EAMT_H
#define DCX_CORE_EAMT_H

#include "types.h"

/*
 * The entries' slab cache: init before the first add, exit after the
 * last table is gone and the free workqueue drained (it waits for the
 * deleted entries' grace periods: rcu_barrier()).
 */
int dcx_eam_cache_init(void);
void dcx_eam_cache_exit(void);
#ifdef DCX_EAMIDX_DEBUG
/* Unit tests: entries allocated and not yet freed (the shim's count). */
long dcx_eam_debug_live(void);
#endif

/*
 * Empty index and hash of a new instance's eam6 and of a new space's
 * eam4 (its hash deferred when t's eam6_hash is: below).
 */
void dcx_eam6_init(struct dcx_tables *t);
void dcx_eam4_init(const struct dcx_tables *t, struct dcx_space *s);

/*
 * Bulk loads: tables no reader sees (a transaction's staging copy) may
 * defer their hashes. dcx_eam_defer() empties every hash of t and stops
 * indexing (lenhash.h, dcx_lenhash_defer()): an add costs its two index
 * inserts, a delete its two index removals, and the lookups below ask the
 * indexes. dcx_eam_build() then builds every hash of t at once from the
 * indexes (one pass over each space's eam4: lenhash.h, "bulk build"), all
 * or none: -ENOMEM with a reason in why leaves t as it was. A no-op for
 * tables not deferred. Process context (it yields), writers' lock held.
 */
void dcx_eam_defer(struct dcx_tables *t);
int dcx_eam_build(struct dcx_tables *t, char *why, struct mutex *lock);

int dcx_eam_add_as(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		   u8 len4, const struct in6_addr *v6, u8 len6, bool remote,
		   char *why, struct mutex *lock);
/* A local entry (the default: one of the translator's own nodes). */
static inline int dcx_eam_add(struct dcx_tables *t, struct dcx_space *s,
			      __be32 v4, u8 len4, const struct in6_addr *v6,
			      u8 len6, char *why, struct mutex *lock)
{
	return dcx_eam_add_as(t, s, v4, len4, v6, len6, false, why, lock);
}
/* Delete by either side: v6 == NULL deletes by v4/len4, else by v6/len6. */
int dcx_eam_del(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		u8 len4, const struct in6_addr *v6, u8 len6, char *why,
		struct mutex *lock);
/*
 * Delete every entry of s (readers may still see them for a grace period;
 * they are freed after it in process context). Yields every
 * DCX_RESCHED_BATCH entries: process context, no read-side section held.
 */
void dcx_eam_flush(struct dcx_tables *t, struct dcx_space *s,
		   struct mutex *lock);
/*
 * The same for a space being deleted, but its eam4 keeps the entries:
 * the space's own free (dcx_eam_destroy(), after a grace period) frees
 * them with it.
 */
void dcx_eam_unlink_space(struct dcx_tables *t, struct dcx_space *s,
			  struct mutex *lock);
/*
 * Free every entry of s now: only when no reader can see s any more.
 * Yields (dcx_cond_resched()): process context only.
 */
void dcx_eam_destroy(struct dcx_space *s);

/*
 * Readers (RCU). In deferred tables they ask the indexes: the writers'
 * lock held then. Inline: the data path makes two or three a packet.
 *
 * The data path probes the hashes (lenhash.h), not the indexes; deferred
 * hashes (staged tables before dcx_eam_build(), which only writers see)
 * hold nothing yet, the indexes every entry.
 */
static inline const struct dcx_eam *dcx_eam_lookup4(const struct dcx_space *s,
						    __be32 v4)
{
	if (unlikely(dcx_lenhash_deferred(&s->eam4_hash)))
		return dcx_eamidx_lookup(&s->eam4, (const u8 *)&v4);
	return dcx_lenhash_lookup32(&s->eam4_hash, (const u8 *)&v4);
}

static inline const struct dcx_eam *dcx_eam_lookup6(const struct dcx_tables *t,
						    const struct in6_addr *v6)
{
	if (unlikely(dcx_lenhash_deferred(&t->eam6_hash)))
		return dcx_eamidx_lookup(&t->eam6, v6->s6_addr);
	return dcx_lenhash_lookup128(&t->eam6_hash, v6->s6_addr);
}

/*
 * Is v4 a local service address of s (RFC 7756 6): inside an EAM entry
 * of s that is not remote?
 */
bool dcx_eam_local4(const struct dcx_space *s, __be32 v4);
/*
 * Some entry of eam6 that overlaps the IPv6 prefix key/len and belongs to
 * another space than self (self == NULL: any space), or NULL. Writers'
 * lock held.
 */
const struct dcx_eam *dcx_eam6_clash(const struct dcx_tables *t,
				     const u8 *key, unsigned int len,
				     const struct dcx_space *self);
/*
 * Dump a space's entries in IPv4 order starting after (v4, len4), or from
 * the start when start is false (dcx_eamidx_walk()): writers' lock held,
 * so a dump resumed from its last entry sees entries present throughout
 * exactly once. cb returning non-zero stops the walk with that value.
 */
int dcx_eam_walk(const struct dcx_space *s, bool start, __be32 v4, u8 len4,
		 int (*cb)(void *ctx, const struct dcx_eam *e), void *ctx);

/*
 * Translating one address with an EAM entry: the suffix is carried over.
 * Host-bit mask of an EAM entry's IPv4 prefix (also the low 32 bits of its
 * IPv6 prefix, whose suffix is as long). A shift by 32 is undefined in C
 * (x86 takes it modulo 32), so /32 is spelt out.
 */
static inline u32 dcx_eam_suffix_mask(const struct dcx_eam *e)
{
	return e->len4 >= 32 ? 0 : ~0u >> e->len4;
}

/* RFC 7757 3.2: the prefix is replaced, the suffix bits are carried over. */
static inline void dcx_eam_46(const struct dcx_eam *e, __be32 v4,
			      struct in6_addr *v6)
{
	u32 suffix = ntohl(v4) & dcx_eam_suffix_mask(e);

	*v6 = e->v6;
	v6->s6_addr32[3] |= htonl(suffix);
}

static inline __be32 dcx_eam_64(const struct dcx_eam *e,
				const struct in6_addr *v6)
{
	u32 suffix = ntohl(v6->s6_addr32[3]) & dcx_eam_suffix_mask(e);

	return e->v4 | htonl(suffix);
}

#endif /* DCX_CORE_EAMT_H */
