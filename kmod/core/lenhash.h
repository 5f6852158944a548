/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RCU exact-match hash of prefixes by (length, masked key), probed from the
 * longest length present down: the data path's longest-prefix match in a
 * slot line and an object line per length probed, however big the table
 * (docs/performance.md, "Lookup design"). The ordered index (lpm.h) stays
 * with the caller for walks and overlap checks; this one only answers
 * lookups.
 *
 * It indexes objects it does not own: each holds its key (network order,
 * bits / 8 bytes, no bit set after the length) at key_off and the key's
 * length (a u8) at len_off, as rhashtable's params say where a key is.
 *
 * Layout: open addressing with linear probing over a power of two of
 * 16-byte slots (the object and its 32-bit hash, so most mismatches are
 * decided without reading the object), at most 3/4 of them used (live or
 * deleted), and a bitmap of the lengths present so that a lookup probes
 * only those.
 *
 * Concurrency:
 *  - Readers (dcx_lenhash_lookup, _find, _count) take no lock; they must
 *    run inside rcu_read_lock().
 *  - Writers (_insert, _remove, _tidy, _free) hold the caller's mutex,
 *    passed for lockdep, and never wait for a grace period: a slot is
 *    filled with one release store and emptied with a tombstone; growing,
 *    shrinking or dropping tombstones builds a new slot array, publishes
 *    it with one pointer store and frees the old one with call_rcu().
 *  - An object removed may still be seen by readers until a grace period
 *    ends: the caller frees it with kfree_rcu()/call_rcu().
 *  - Only _insert and _tidy allocate (with the gfp given); _remove never
 *    does, so it may run inside an RCU read-side section.
 *
 * Cost: an insert is amortised O(1): the one that finds the array 3/4
 * used rebuilds it (O(n), at most once per n/4 updates), yielding every
 * DCX_RESCHED_BATCH slots (dcx_cond_resched(): writers may sleep).
 *
 * Bulk loads (a transaction's staged tables, which no reader sees):
 * dcx_lenhash_defer() stops indexing, and dcx_lenhash_bulk_*() build the
 * whole index later in one go, sized for its final count (no growth
 * rebuilds) and filled in slot order (lenhash_bulk.c).
 */
#ifndef DCX_CORE_LENHASH_H
#define DCX_CORE_LENHASH_H

#include "env.h"

#define DCX_LENHASH_LENS	129	/* lengths 0..128 */
/*
 * Slots of the smallest array (1 KB). A miss walks the cluster its hash
 * lands in: in 16 slots, 10 entries (a typical small EAM table) made a
 * miss read 4 slots on average, in 64 slots 1.2 (a 6->4 packet makes
 * three lookups, two of them misses).
 */
#define DCX_LENHASH_MIN		64

struct dcx_lenhash_tbl;

struct dcx_lenhash {
	/* What readers use, first (one cache line). */
	struct dcx_lenhash_tbl __rcu *tbl;	/* NULL while empty */
	u64 lens[3];		/* bit l % 64 of lens[l / 64]: length l */
	u64 seed;
	u16 key_off;
	u16 len_off;
	u8 bits;		/* 32 or 128 */
	/*
	 * Not built (dcx_lenhash_defer()): holds nothing, lookups find
	 * nothing; the owner asks its ordered index instead.
	 */
	bool deferred;
	/* Writers only. */
	unsigned int count;	/* objects indexed */
	unsigned int used;	/* slots of tbl live or deleted */
	u32 nlen[DCX_LENHASH_LENS];	/* objects per length */
};

/* An empty index of bits-wide keys (32 or 128); no cleanup while empty. */
void dcx_lenhash_init(struct dcx_lenhash *h, unsigned int bits,
		      size_t key_off, size_t len_off);

/*
 * Index obj under its key and length: -EEXIST if that prefix is indexed
 * already, -EINVAL if obj is NULL, its length is over bits or a bit is
 * set after it, -ENOMEM (index unchanged).
 */
int dcx_lenhash_insert(struct dcx_lenhash *h, void *obj, gfp_t gfp,
		       struct mutex *lock);

/* Unindex obj (found by its key); false if it was not indexed. */
bool dcx_lenhash_remove(struct dcx_lenhash *h, const void *obj,
			struct mutex *lock);

/*
 * After removals: give back memory (an array at most 1/8 full shrinks, an
 * empty one goes) and drop tombstones (over 1/4 of the array). Needs no
 * allocation to stay correct: on -ENOMEM the index is only bigger.
 */
void dcx_lenhash_tidy(struct dcx_lenhash *h, gfp_t gfp, struct mutex *lock);

/*
 * The object with the longest prefix containing the full-length key; the
 * data path calls the one of its index's width (32 or 128 bits) directly.
 */
void *dcx_lenhash_lookup(const struct dcx_lenhash *h, const u8 *key);
void *dcx_lenhash_lookup32(const struct dcx_lenhash *h, const u8 *key);
void *dcx_lenhash_lookup128(const struct dcx_lenhash *h, const u8 *key);

/* The object of exactly key/len (bits after len ignored), or NULL. */
void *dcx_lenhash_find(const struct dcx_lenhash *h, const u8 *key, u8 len);

static inline unsigned int dcx_lenhash_count(const struct dcx_lenhash *h)
{
	return READ_ONCE(h->count);
}

/* Empty a published index; its array is freed after a grace period. */
void dcx_lenhash_free(struct dcx_lenhash *h, struct mutex *lock);

/* Free everything now: no reader can see the index any more. */
void dcx_lenhash_destroy(struct dcx_lenhash *h);

/*
 * Defer the index of a set no reader can see yet: free what it holds and
 * index nothing (_insert does nothing and returns 0, _remove returns
 * false, lookups NULL) until a bulk build (below) indexes the whole set.
 */
void dcx_lenhash_defer(struct dcx_lenhash *h);

static inline bool dcx_lenhash_deferred(const struct dcx_lenhash *h)
{
	return READ_ONCE(h->deferred);
}

/*
 * Bulk build of an index that holds nothing (deferred or empty), in three
 * steps, so that the caller can build several and publish all or none:
 *  - _bulk_new(h, n, gfp): room for n objects (NULL: -ENOMEM);
 *  - _bulk_add(b, obj), at most n times: hashes obj (no allocation; an
 *    invalid obj, as _insert says, or one too many, fails the build);
 *  - _bulk_place(b, gfp, lock): sorts the objects by home slot and fills a
 *    new array sized for them in slot order (sequential memory access),
 *    yielding every DCX_RESCHED_BATCH objects: -ENOMEM, -EINVAL (an add
 *    failed), -EEXIST (two objects of one prefix); h is not changed;
 *  - _bulk_publish(b, lock): after a _place that returned 0, makes the
 *    array h's with one pointer store (h no longer deferred) and frees b.
 * _bulk_free(b) drops a build not published (any step, NULL too).
 */
struct dcx_lenhash_bulk;
struct dcx_lenhash_bulk *dcx_lenhash_bulk_new(struct dcx_lenhash *h,
					      unsigned int n, gfp_t gfp);
void dcx_lenhash_bulk_add(struct dcx_lenhash_bulk *b, void *obj);
int dcx_lenhash_bulk_place(struct dcx_lenhash_bulk *b, gfp_t gfp,
			   struct mutex *lock);
void dcx_lenhash_bulk_publish(struct dcx_lenhash_bulk *b, struct mutex *lock);
void dcx_lenhash_bulk_free(struct dcx_lenhash_bulk *b);

#ifdef DCX_LENHASH_DEBUG
/* Unit-test instrumentation, never built into the module. */
extern unsigned long dcx_lenhash_debug_probes;	/* slots readers read */
/* Called at every slot a reader reads: lets a test interleave writes. */
extern void (*dcx_lenhash_debug_hook)(void);
/* Slots of the current array (0 while there is none). */
unsigned int dcx_lenhash_debug_size(const struct dcx_lenhash *h);
/*
 * Check every invariant (counts, bitmap, each object findable from its
 * hash's home slot, load); 0 if all hold, else -EINVAL.
 */
int dcx_lenhash_debug_check(const struct dcx_lenhash *h);
#endif

#endif /* DCX_CORE_LENHASH_H */
