/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Address spaces (struct dcx_space, types.h): the one owner of their life.
 * A space is created whole, with its counters (no lazy parts), gets and
 * loses its RFC 6052 prefix here, and is deleted by one function that
 * takes everything of it along: its interface bindings (bind.h), its EAM
 * entries (eamt.h), its prefix. The default space is made with the tables
 * and lives as long as they do.
 *
 * Names: DCXLAT_NAME_MAX rules, unique; IDs 1..65535, unique (the default
 * space is ID 0). Concurrency and errors: as tables.h says (readers under
 * RCU, writers hold the caller's mutex and never wait for a grace period;
 * -errno and a DCX_WHY_LEN reason in why).
 */
#ifndef DCX_CORE_SPACE_H
#define DCX_CORE_SPACE_H

#include "types.h"
#include "stats.h"

/*
 * The spaces of new tables t (spaces list and nothing else set up yet):
 * the default space. -ENOMEM leaves t without one (tables.c frees it).
 */
int dcx_spaces_init(struct dcx_tables *t, gfp_t gfp);
/*
 * Free every space of t now: only when no reader can see t any more.
 * Yields: process context only.
 */
void dcx_spaces_destroy(struct dcx_tables *t);

struct dcx_space *dcx_space_find(const struct dcx_tables *t,
				 const char *name);
struct dcx_space *dcx_space_find_id(const struct dcx_tables *t, u32 id);
struct dcx_space *dcx_space_add(struct dcx_tables *t, const char *name,
				u32 id, const struct dcx_prefix6 *pool6,
				char *why, struct mutex *lock);
/*
 * Delete s with its bindings, EAM entries and prefix; the default space
 * cannot go. Its memory, counters and EAM entries are freed after a grace
 * period by a work item (process context: it yields). Process context.
 */
int dcx_space_del(struct dcx_tables *t, struct dcx_space *s, char *why,
		  struct mutex *lock);
/* Set (p != NULL, p->len != 0) or unset the space's RFC 6052 prefix. */
int dcx_space_set_pool6(struct dcx_tables *t, struct dcx_space *s,
			const struct dcx_prefix6 *p, char *why,
			struct mutex *lock);

/*
 * VRF: a space's routing domain names its VRF device, so that a VRF that
 * does not exist yet (boot) or is deleted and made again is followed
 * like a binding's interface (bind.h): the space waits (vrf_ifindex -1,
 * its packets dropped) until a VRF of that name appears, and waits again
 * when it goes. A space that routes in a table waits for a VRF of that
 * name using that table: never a domain the configuration did not name.
 * Which devices exist and which are VRFs is the caller's business
 * (kmod/vrf.c, kmod/netdev.c). Writers; vrf_ifindex and table change
 * with WRITE_ONCE, so a packet sees the old domain or the new one.
 *
 * dcx_space_set_vrf: name "" and ifindex 0: none; ifindex -1: waiting
 * for name (with table, 0: any); ifindex > 0: routed through it (table).
 */
void dcx_space_set_vrf(struct dcx_space *s, const char *name, int ifindex,
		       u32 table);
/* Called for each space a device event changed, after the change. */
typedef void (*dcx_space_vrf_cb)(void *ctx, const struct dcx_space *s);
/*
 * A VRF device named name, using table, is ifindex now: the spaces
 * waiting for it route through it. Returns how many.
 */
unsigned int dcx_space_vrf_up(struct dcx_tables *t, const char *name,
			      int ifindex, u32 table, dcx_space_vrf_cb cb,
			      void *ctx, struct mutex *lock);
/*
 * The device ifindex went, or was renamed to keep (NULL: it went): the
 * spaces routed through it under another name wait again. Returns how
 * many.
 */
unsigned int dcx_space_vrf_gone(struct dcx_tables *t, int ifindex,
				const char *keep, dcx_space_vrf_cb cb,
				void *ctx, struct mutex *lock);

/*
 * Space prefixes from the instance base (the space-base setting): the
 * base (any length up to /80) followed by the 16-bit ID in the next 16
 * bits gives the space's /96, e.g. 2001:db8:a41::/48 and ID 0x23 give
 * 2001:db8:a41:23::/96: with a base length that is a multiple of 16 the
 * ID is one group of the address, in hex.
 */
int dcx_space_prefix_from_base(const struct dcx_prefix6 *base, u32 id,
			       struct dcx_prefix6 *out, char *why);

/* Packet path: count outcome id in the space's counters (s may be NULL). */
static inline void dcx_space_stat_inc(const struct dcx_space *s,
				      enum dcxlat_stat id)
{
	if (s)
		dcx_stat_inc(s->stats, id);
}

#endif /* DCX_CORE_SPACE_H */
