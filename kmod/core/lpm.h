/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RCU longest-prefix-match trie for 32- or 128-bit keys (IPv4 / IPv6).
 *
 * A path-compressed binary trie: every node holds a prefix (stored in host
 * order, left-aligned in two u64 words, so comparisons are word xors and
 * fls64), its length, two children that branch on the bit right after the
 * prefix, and an optional value. Every node without a value has exactly
 * two children, so the trie has at most 2n - 1 nodes for n entries and a
 * lookup visits at most bits + 1 nodes, whatever n is.
 *
 * Keys are passed as network-order byte arrays (bits / 8 bytes, any
 * alignment). Values are opaque non-NULL pointers owned by the caller.
 *
 * Concurrency:
 *  - Readers (dcx_lpm_lookup, _find_exact, _walk, _count) take
 *    no lock; they must run inside rcu_read_lock().
 *  - Writers (dcx_lpm_insert, _remove, _free) serialise on the caller's
 *    mutex, passed in for lockdep. They never wait for a grace period:
 *    unlinked nodes go through call_rcu(), a whole emptied table through
 *    a work item (dcx_free_after_gp()).
 *  - A value returned by dcx_lpm_remove() may still be seen by readers
 *    until a grace period ends: free it with kfree_rcu()/call_rcu().
 *
 * Module life cycle: dcx_lpm_cache_init() before the first insert,
 * dcx_lpm_cache_exit() (which waits for pending RCU frees) after the last
 * table is gone and the free workqueue (kmod/instance.c) drained.
 */
#ifndef DCX_CORE_LPM_H
#define DCX_CORE_LPM_H

#include "env.h"

struct dcx_lpm_node;

struct dcx_lpm {
	struct dcx_lpm_node __rcu *root;
	/*
	 * Writers only: a child slot on the last insert's path, deep in the
	 * trie, where the next insert may start its descent (sorted bulk
	 * loads: neighbours share the path). NULL after a removal.
	 */
	struct dcx_lpm_node __rcu **hint;
	unsigned int count;	/* entries (nodes with a value) */
	u8 bits;		/* 32 or 128 */
};

int dcx_lpm_cache_init(void);
void dcx_lpm_cache_exit(void);

/* An empty table; bits is 32 or 128. Needs no cleanup while empty. */
void dcx_lpm_init(struct dcx_lpm *t, unsigned int bits);

/*
 * Add key/cidr -> value. -EINVAL if cidr > bits, bits after cidr are set
 * in key, or value is NULL; -EEXIST if that exact prefix has a value;
 * -ENOMEM (table unchanged). At most two nodes are allocated, with gfp.
 */
int dcx_lpm_insert(struct dcx_lpm *t, const u8 *key, u8 cidr, void *value,
		   gfp_t gfp, struct mutex *lock);

/*
 * dcx_lpm_insert() of a prefix that must overlap no entry (contain one,
 * lie inside one, or be one), checked in the same descent: -EEXIST with
 * one entry in the way in *clash (NULL for the other errors).
 */
int dcx_lpm_insert_excl(struct dcx_lpm *t, const u8 *key, u8 cidr,
			void *value, gfp_t gfp, struct mutex *lock,
			void **clash);

/*
 * Remove the exact prefix key/cidr (bits after cidr are ignored) and
 * return its value, or NULL if there was none.
 */
void *dcx_lpm_remove(struct dcx_lpm *t, const u8 *key, u8 cidr,
		     struct mutex *lock);

/*
 * Longest prefix containing the full-length key; its length goes to
 * *cidr_out when cidr_out is not NULL. NULL when nothing matches.
 */
void *dcx_lpm_lookup(const struct dcx_lpm *t, const u8 *key, u8 *cidr_out);

/* Value of exactly key/cidr (bits after cidr ignored), or NULL. */
void *dcx_lpm_find_exact(const struct dcx_lpm *t, const u8 *key, u8 cidr);

/*
 * Call cb for every entry in (key, cidr) order: by key as a big-endian
 * number, then shorter prefixes first. Starts at the first entry after
 * (after = true) or at-or-after (after = false) the position
 * start_key/start_cidr, which need not be an entry; start_key == NULL
 * starts at the beginning. Stops early and returns cb's value when it is
 * non-zero, else returns 0. The key passed to cb is network order and
 * valid only during the call; cb runs under rcu_read_lock() and must not
 * sleep.
 *
 * Every step searches from the root for the successor of the last entry
 * returned, so a dump resumed from its last key survives concurrent
 * changes: entries present during the whole walk are visited exactly
 * once, entries added or removed meanwhile may or may not be.
 */
int dcx_lpm_walk(const struct dcx_lpm *t, const u8 *start_key, u8 start_cidr,
		 bool after,
		 int (*cb)(void *ctx, const u8 *key, u8 cidr, void *value),
		 void *ctx);

static inline unsigned int dcx_lpm_count(const struct dcx_lpm *t)
{
	return READ_ONCE(t->count);
}

/*
 * Empty a published table: readers keep seeing the old entries until a
 * grace period ends, then every node is freed and free_value (if not NULL)
 * is called on every value, by a work item in process context
 * (dcx_free_after_gp(), yielding every DCX_RESCHED_BATCH nodes). If the
 * bookkeeping allocation fails this waits with synchronize_rcu() instead
 * and frees at once. Process context, never under rcu_read_lock().
 */
void dcx_lpm_free(struct dcx_lpm *t, void (*free_value)(void *),
		  struct mutex *lock);

/*
 * Free everything now. Only when no reader can see the table any more:
 * it was never published, or a grace period has passed since the object
 * embedding it was unlinked. Yields every DCX_RESCHED_BATCH nodes
 * (dcx_cond_resched()), so process context only: never from an RCU
 * callback (softirq); use a work item (dcx_free_after_gp()).
 */
void dcx_lpm_destroy(struct dcx_lpm *t, void (*free_value)(void *));

#ifdef DCX_LPM_DEBUG
/* Unit-test instrumentation, never built into the module. */
extern unsigned long dcx_lpm_debug_visits;	/* nodes read by readers */
extern unsigned long dcx_lpm_debug_descents;	/* nodes inserts passed */
/* Called at every node a reader reads: lets a test interleave writes. */
extern void (*dcx_lpm_debug_hook)(void);
/* Nodes allocated and not yet freed (in the trie or waiting for RCU). */
long dcx_lpm_debug_live_nodes(void);

struct dcx_lpm_debug_stats {
	unsigned int nodes;
	unsigned int values;
	unsigned int max_depth;	/* nodes on the longest root-leaf path */
};

/* Check every structural invariant; 0 if all hold, else -EINVAL. */
int dcx_lpm_debug_check(const struct dcx_lpm *t,
			struct dcx_lpm_debug_stats *st);
#endif

#endif /* DCX_CORE_LPM_H */
