/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ordered index of the EAM entries of one key side: each space's
 * eam4 (by IPv4 prefix) and the instance's eam6 (by IPv6 prefix, every
 * space's entries). It answers what the lookup hashes (lenhash.h) cannot:
 * the entries in prefix order (dumps, flushes, bulk builds), the overlap
 * of a new prefix with the entries already there, the exact entry of a
 * prefix, and the entries inside a prefix.
 *
 * The entries of one index never overlap (dcx_eamidx_insert() refuses
 * it: RFC 7757 3.2), so their order is their first addresses' order
 * (with the prefix length second, for positions that are not entries).
 * The index is that sorted array of entry pointers, cut into leaves of
 * DCX_EAMIDX_LEAF pointers (2 KiB each) under a sorted directory of the
 * leaves: 8 bytes per entry in a full leaf, 16 in a half-full one. An
 * insert moves at most one leaf's pointers (and a split the directory's
 * pointers); a search is two binary searches, the first over the
 * directory's fences (each leaf's last key, kept beside the directory:
 * it reads no leaf or entry), the second in one leaf. A load in key
 * order fills every leaf (an insert after the last entry opens a new
 * leaf instead of splitting the full one); a full leaf first lends to a
 * neighbour with room, so random loads keep leaves about 3/4 full.
 *
 * The key (4 or 16 bytes, network order) and the length are read from
 * the entry at the offsets given to dcx_eamidx_init(), as lenhash.h
 * does: nothing is copied, so an entry is 8 bytes here.
 *
 * Concurrency: writers only. Every call (the searches too) runs with the
 * writers' mutex held (the configuration lock: netlink dumps take it as
 * well); the data path never reads an index, it probes the hashes. So
 * nothing here is RCU-published: the directory and leaves change in
 * place. The entries are the caller's, freed by the caller after a grace
 * period (the hashes publish them); dcx_eamidx_free() hands them to a
 * work item that frees them after one.
 *
 * Errors: -EEXIST (an overlap, the entry in the way in *clash), -ENOMEM
 * (nothing changed).
 */
#ifndef DCX_CORE_EAMIDX_H
#define DCX_CORE_EAMIDX_H

#include "env.h"

struct dcx_eamidx_leaf;
struct dcx_eamidx_key;

struct dcx_eamidx {
	struct dcx_eamidx_leaf **dir;	/* nleaf leaves in key order */
	/* Leaf i's last key, for the directory's search (after dir[cap]). */
	struct dcx_eamidx_key *fence;
	unsigned int nleaf, cap;	/* directory slots used, allocated */
	unsigned int count;		/* entries */
	u8 bytes;			/* key bytes: 4 or 16 */
	u8 koff, loff;			/* key and length offsets in an entry */
};

/* An empty index of bits-wide keys (32 or 128); needs no cleanup. */
void dcx_eamidx_init(struct dcx_eamidx *x, unsigned int bits,
		     unsigned int koff, unsigned int loff);

/*
 * Add entry e, which must overlap no entry: -EEXIST with the one that
 * contains e's first address or lies inside e's prefix in *clash;
 * -ENOMEM with x unchanged (gfp for the leaf or directory it may need).
 */
int dcx_eamidx_insert(struct dcx_eamidx *x, void *e, gfp_t gfp,
		      void **clash);

/* Take e out of x; false (x unchanged) when x does not hold e. */
bool dcx_eamidx_remove(struct dcx_eamidx *x, const void *e);

/* Take the entry of exactly key/len out of x and return it, or NULL. */
void *dcx_eamidx_take(struct dcx_eamidx *x, const u8 *key, unsigned int len);

/* The entry of exactly key/len, or NULL. */
void *dcx_eamidx_find(const struct dcx_eamidx *x, const u8 *key,
		      unsigned int len);

/* The entry containing the full-length address key, or NULL. */
void *dcx_eamidx_lookup(const struct dcx_eamidx *x, const u8 *key);

/*
 * cb on every entry in order from the first after (after = true) or
 * at-or-after (after = false) the position key/len, which need not be an
 * entry; key == NULL starts at the first entry. cb returning non-zero
 * stops the walk and is returned; 0 when the walk ran to the end. cb
 * must not change x.
 */
int dcx_eamidx_walk(const struct dcx_eamidx *x, const u8 *key,
		    unsigned int len, bool after,
		    int (*cb)(void *ctx, void *e), void *ctx);

/*
 * cb on every entry in order, yielding every DCX_RESCHED_BATCH entries:
 * process context, no read-side section held. cb must not change x.
 */
void dcx_eamidx_for_each(const struct dcx_eamidx *x,
			 void (*cb)(void *ctx, void *e), void *ctx);

/*
 * Empty x now; after a grace period a work item calls free_value (if not
 * NULL) on every entry and frees the leaves, in process context. If its
 * bookkeeping cannot be allocated this waits for the grace period
 * (synchronize_rcu()) and frees at once. Process context.
 */
void dcx_eamidx_free(struct dcx_eamidx *x, void (*free_value)(void *));

/*
 * Empty x and free everything now (free_value on every entry): only when
 * no reader can reach the entries. Yields: process context.
 */
void dcx_eamidx_destroy(struct dcx_eamidx *x, void (*free_value)(void *));

static inline unsigned int dcx_eamidx_count(const struct dcx_eamidx *x)
{
	return x->count;
}

#ifdef DCX_EAMIDX_DEBUG
/*
 * Unit tests: every invariant (leaves non-empty and in order, entries
 * strictly increasing and disjoint, count right); 0 or -EINVAL. Leaves
 * in *nleaf when it is not NULL.
 */
int dcx_eamidx_debug_check(const struct dcx_eamidx *x, unsigned int *nleaf);
#endif

#endif /* DCX_CORE_EAMIDX_H */
