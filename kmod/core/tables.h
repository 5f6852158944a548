/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mapping tables of an instance: its address spaces, their RFC 6052
 * prefixes and their RFC 7757 EAM entries. Pure code (no sk_buff): built
 * into the module and into the unit tests.
 *
 * Lookups:
 *   IPv4 -> IPv6: the caller picks the space (interface binding, space.c),
 *       then space->eam4 (longest match), else the space's pool6.
 *   IPv6 -> IPv4: tables->eam6 (the EAM entries of every space by IPv6
 *       prefix, longest match) first, then tables->pool6 (every space's
 *       prefix). Two lookups, not one over a merged trie, because RFC 7757
 *       section 3.2 puts EAM before pool6 whatever the prefix lengths. The
 *       entry found names the space.
 *
 * Uniqueness: the IPv6 side is one domain, so IPv6 prefixes of EAM entries
 * never overlap each other, and space prefixes never overlap each other;
 * an EAM IPv6 prefix may lie inside its own space's prefix (hairpinning,
 * RFC 7757 4.2) but not inside another space's. IPv4 prefixes are unique
 * inside a space only: two spaces may both hold 10.0.0.0/8.
 *
 * Concurrency: readers need rcu_read_lock() (the netfilter hooks run
 * under it) and no lock; writers hold the caller's mutex (dcx_cfg_mutex)
 * and never wait for a grace period. Removed entries and spaces are freed
 * after one with call_rcu.
 *
 * Errors: writers return -errno and, when why is not NULL, write a one-line
 * reason of at most DCX_WHY_LEN bytes ("192.0.2.0/24 overlaps 192.0.2.128/25
 * in space default") for the netlink extack.
 */
#ifndef DCX_TABLES_H
#define DCX_TABLES_H

#include "xlat.h"
#include "lpm.h"
#ifdef __KERNEL__
#include <linux/list.h>
#endif

#define DCX_WHY_LEN		80	/* NETLINK_MAX_FMTMSG_LEN */
#define DCX_DEFAULT_SPACE	"default"

struct dcx_space;

/* One RFC 7757 entry: v4/len4 <-> v6/len6, 32 - len4 == 128 - len6. */
struct dcx_eam {
	__be32 v4;
	u8 len4;
	u8 len6;
	struct in6_addr v6;
	struct dcx_space *space;	/* the space whose table holds it */
	struct rcu_head rcu;
};

/* A space's RFC 6052 prefix: replaced whole, so readers never see it torn. */
struct dcx_pool6 {
	struct dcx_prefix6 p;
	struct dcx_space *space;
	struct rcu_head rcu;
};

struct dcx_space {
	struct list_head list;		/* dcx_tables.spaces, writers only */
	u32 id;				/* 0: the default space */
	char name[DCXLAT_NAME_MAX];
	struct dcx_pool6 __rcu *pool6;	/* NULL: no RFC 6052 prefix */
	struct dcx_lpm eam4;		/* IPv4 prefix -> struct dcx_eam */
	/* Routing domain of the IPv4 packets translated into this space. */
	u32 table;			/* 0: the netns' main routing */
	int vrf_ifindex;		/* 0: none; else route via this l3mdev */
	void *priv;			/* space.c: bindings, counters */
	void (*priv_free)(void *priv);	/* called when the space is freed */
	struct rcu_head rcu;
};

struct dcx_tables {
	struct dcx_lpm eam6;		/* IPv6 prefix -> struct dcx_eam */
	struct dcx_lpm pool6;		/* space prefix -> struct dcx_pool6 */
	struct dcx_space *def;		/* the default space, always present */
	struct list_head spaces;	/* every space, def first */
	unsigned int nspaces;
	unsigned int neams;		/* over all spaces */
	void *priv;			/* space.c: interface bindings */
	void (*priv_free)(void *priv);
	struct rcu_head rcu;
};

/* New tables with an empty default space (no pool6, no EAM). */
struct dcx_tables *dcx_tables_alloc(gfp_t gfp);
/* Free published tables: readers may still hold them until a grace period. */
void dcx_tables_free(struct dcx_tables *t, struct mutex *lock);
/* Free now: never published, or a grace period has passed. */
void dcx_tables_destroy(struct dcx_tables *t);

/* Spaces. Names: DCXLAT_NAME_MAX rules; IDs 1..65535, unique. */
struct dcx_space *dcx_space_find(const struct dcx_tables *t,
				 const char *name);
struct dcx_space *dcx_space_find_id(const struct dcx_tables *t, u32 id);
struct dcx_space *dcx_space_add(struct dcx_tables *t, const char *name,
				u32 id, const struct dcx_prefix6 *pool6,
				char *why, struct mutex *lock);
/* Removes the space with its EAM entries; the default space cannot go. */
int dcx_space_del(struct dcx_tables *t, struct dcx_space *s, char *why,
		  struct mutex *lock);
/* Set (p != NULL, p->len != 0) or unset the space's RFC 6052 prefix. */
int dcx_space_set_pool6(struct dcx_tables *t, struct dcx_space *s,
			const struct dcx_prefix6 *p, char *why,
			struct mutex *lock);

/* EAM entries of a space. */
int dcx_eam_add(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		u8 len4, const struct in6_addr *v6, u8 len6, char *why,
		struct mutex *lock);
/* Delete by either side: v6 == NULL deletes by v4/len4, else by v6/len6. */
int dcx_eam_del(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		u8 len4, const struct in6_addr *v6, u8 len6, char *why,
		struct mutex *lock);
void dcx_eam_flush(struct dcx_tables *t, struct dcx_space *s,
		   struct mutex *lock);
/* Readers (RCU). */
const struct dcx_eam *dcx_eam_lookup4(const struct dcx_space *s, __be32 v4);
const struct dcx_eam *dcx_eam_lookup6(const struct dcx_tables *t,
				      const struct in6_addr *v6);
const struct dcx_pool6 *dcx_pool6_lookup(const struct dcx_tables *t,
					 const struct in6_addr *v6);
/* The space's prefix (NULL if none): readers, and writers under the lock. */
const struct dcx_prefix6 *dcx_space_pool6(const struct dcx_space *s);
/*
 * Dump a space's entries in IPv4 order starting after (v4, len4), or from
 * the start when start is false; the dcx_lpm_walk() rules for concurrent
 * changes apply. cb returning non-zero stops the walk with that value.
 */
int dcx_eam_walk(const struct dcx_space *s, bool start, __be32 v4, u8 len4,
		 int (*cb)(void *ctx, const struct dcx_eam *e), void *ctx);

/* Translate one address with an EAM entry (the suffix is carried over). */
void dcx_eam_46(const struct dcx_eam *e, __be32 v4, struct in6_addr *v6);
__be32 dcx_eam_64(const struct dcx_eam *e, const struct in6_addr *v6);

#endif /* DCX_TABLES_H */
