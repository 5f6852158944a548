// SPDX-License-Identifier: GPL-2.0
/*
 * RCU exact-match hash of prefixes, probed longest length first (see
 * lenhash.h).
 *
 * Invariants (checked by dcx_lenhash_debug_check() in the unit tests):
 *  - every indexed object sits in one slot, reachable from the home slot
 *    of its hash (hash & mask) without crossing an empty slot;
 *  - used = live + deleted slots <= 3/4 of the array, so a probe always
 *    ends at an empty slot;
 *  - nlen[l] counts the objects of length l, bit l of lens is set iff
 *    nlen[l] is not zero, count is their sum.
 * A slot's hash is written before its object is published; a reader that
 * sees a stale hash skips the slot or compares the object's key, so it
 * never returns a wrong object. Arrays a reader may hold are not written.
 */
#include "lenhash.h"
#include "lenhash_slot.h"

#ifdef DCX_LENHASH_DEBUG
unsigned long dcx_lenhash_debug_probes;
void (*dcx_lenhash_debug_hook)(void);

static void dcx_lenhash_visit(void)
{
	dcx_lenhash_debug_probes++;
	if (dcx_lenhash_debug_hook)
		dcx_lenhash_debug_hook();
}
#else
static inline void dcx_lenhash_visit(void)
{
}
#endif

/*
 * The slot of tbl holding m/len (hash hv), or NULL. Writers pass their
 * lock and get in *room the slot an insert would fill: the first removed
 * one on the way, else the empty one that ended the probe.
 */
static struct dcx_lenhash_slot *
dcx_lenhash_probe(const struct dcx_lenhash *h, struct dcx_lenhash_tbl *tbl,
		  const u64 *m, unsigned int len, u32 hv,
		  struct dcx_lenhash_slot **room, struct mutex *lock)
{
	struct dcx_lenhash_slot *s = NULL;
	unsigned int i = hv & tbl->mask, n;
	void *obj;

	if (room)
		*room = NULL;
	for (n = 0; n <= tbl->mask; n++, i = (i + 1) & tbl->mask) {
		s = &tbl->slot[i];
		dcx_lenhash_visit();
		obj = rcu_dereference_check(s->obj,
					    lock && lockdep_is_held(lock));
		if (!obj)
			break;
		if (obj == DCX_LENHASH_DEAD) {
			if (room && !*room)
				*room = s;
			continue;
		}
		if (READ_ONCE(s->hash) == hv &&
		    dcx_lenhash_match(h, obj, m, len))
			return s;
	}
	if (room && !*room && n <= tbl->mask)
		*room = s;
	return NULL;
}

void dcx_lenhash_init(struct dcx_lenhash *h, unsigned int bits,
		      size_t key_off, size_t len_off)
{
	memset(h, 0, sizeof(*h));
	WARN_ON(bits != 32 && bits != 128);
	h->bits = bits == 32 ? 32 : 128;
	h->key_off = key_off;
	h->len_off = len_off;
	h->seed = get_random_u64();
}

static void dcx_lenhash_tbl_free_rcu(struct rcu_head *rcu)
{
	kvfree(container_of(rcu, struct dcx_lenhash_tbl, rcu));
}

/*
 * Publish a new array of at least 2 * want slots holding every live
 * object (so at most half full); the old one goes after a grace period.
 */
static int dcx_lenhash_rebuild(struct dcx_lenhash *h, unsigned int want,
			       gfp_t gfp, struct mutex *lock)
{
	struct dcx_lenhash_tbl *old = dcx_lenhash_wr(h->tbl, lock), *nt;
	unsigned long size = DCX_LENHASH_MIN;
	unsigned int i, j;
	void *obj;

	while (size < 2UL * want)
		size *= 2;
	if (size > (1UL << 31))
		return -ENOMEM;
	nt = kvzalloc(sizeof(*nt) + size * sizeof(nt->slot[0]), gfp);
	if (!nt)
		return -ENOMEM;
	nt->mask = size - 1;
	for (i = 0; old && i <= old->mask; i++) {
		/* Millions of slots: yield (writers hold a mutex, may sleep). */
		if (i && i % DCX_RESCHED_BATCH == 0)
			dcx_cond_resched();
		obj = dcx_lenhash_wr(old->slot[i].obj, lock);
		if (!obj || obj == DCX_LENHASH_DEAD)
			continue;
		j = old->slot[i].hash & nt->mask;
		while (nt->slot[j].obj)
			j = (j + 1) & nt->mask;
		nt->slot[j].hash = old->slot[i].hash;
		RCU_INIT_POINTER(nt->slot[j].obj, obj);
	}
	rcu_assign_pointer(h->tbl, nt);
	h->used = h->count;
	if (old)
		call_rcu(&old->rcu, dcx_lenhash_tbl_free_rcu);
	return 0;
}

static void dcx_lenhash_set_len(struct dcx_lenhash *h, unsigned int len,
				bool on)
{
	u64 bit = 1ULL << (len % 64), w = h->lens[len / 64];

	WRITE_ONCE(h->lens[len / 64], on ? w | bit : w & ~bit);
}

int dcx_lenhash_insert(struct dcx_lenhash *h, void *obj, gfp_t gfp,
		       struct mutex *lock)
{
	struct dcx_lenhash_slot *room = NULL;
	struct dcx_lenhash_tbl *tbl;
	unsigned int len;
	u64 k[2], m[2];
	u32 hv;
	int err;

	if (!obj)
		return -EINVAL;
	if (h->deferred)
		return 0;	/* the bulk build indexes it */
	tbl = dcx_lenhash_wr(h->tbl, lock);
	len = dcx_lenhash_obj_len(h, obj);
	if (len > h->bits)
		return -EINVAL;
	dcx_lenhash_load(k, (const u8 *)obj + h->key_off, h->bits);
	dcx_lenhash_mask(m, k, len);
	if (m[0] != k[0] || m[1] != k[1])
		return -EINVAL;
	hv = dcx_lenhash_hash(h, m, len);
	if (tbl && dcx_lenhash_probe(h, tbl, m, len, hv, &room, lock))
		return -EEXIST;
	if (!room || h->used + 1 > (tbl->mask + 1) / 4 * 3) {
		err = dcx_lenhash_rebuild(h, h->count + 1, gfp, lock);
		if (err)
			return err;
		tbl = dcx_lenhash_wr(h->tbl, lock);
		dcx_lenhash_probe(h, tbl, m, len, hv, &room, lock);
	}
	if (!dcx_lenhash_wr(room->obj, lock))
		h->used++;
	WRITE_ONCE(room->hash, hv);
	if (!h->nlen[len]++)
		dcx_lenhash_set_len(h, len, true);
	rcu_assign_pointer(room->obj, obj);
	WRITE_ONCE(h->count, h->count + 1);
	return 0;
}

bool dcx_lenhash_remove(struct dcx_lenhash *h, const void *obj,
			struct mutex *lock)
{
	struct dcx_lenhash_tbl *tbl = dcx_lenhash_wr(h->tbl, lock);
	struct dcx_lenhash_slot *s;
	unsigned int len;
	u64 k[2], m[2];

	if (!tbl || !obj)
		return false;
	len = dcx_lenhash_obj_len(h, obj);
	if (len > h->bits)
		return false;
	dcx_lenhash_load(k, (const u8 *)obj + h->key_off, h->bits);
	dcx_lenhash_mask(m, k, len);
	s = dcx_lenhash_probe(h, tbl, m, len, dcx_lenhash_hash(h, m, len),
			      NULL, lock);
	if (!s || dcx_lenhash_wr(s->obj, lock) != obj)
		return false;
	/* Probes pass a tombstone; they would stop at NULL. */
	RCU_INIT_POINTER(s->obj, DCX_LENHASH_DEAD);
	if (!--h->nlen[len])
		dcx_lenhash_set_len(h, len, false);
	WRITE_ONCE(h->count, h->count - 1);
	return true;
}

void dcx_lenhash_tidy(struct dcx_lenhash *h, gfp_t gfp, struct mutex *lock)
{
	struct dcx_lenhash_tbl *tbl = dcx_lenhash_wr(h->tbl, lock);
	unsigned int size;

	if (!tbl)
		return;
	if (!h->count) {
		dcx_lenhash_free(h, lock);
		return;
	}
	size = tbl->mask + 1;
	if ((size > DCX_LENHASH_MIN && h->count <= size / 8) ||
	    h->used - h->count > size / 4)
		dcx_lenhash_rebuild(h, h->count, gfp, lock);
}

void *dcx_lenhash_find(const struct dcx_lenhash *h, const u8 *key, u8 len)
{
	struct dcx_lenhash_tbl *tbl = rcu_dereference(h->tbl);
	struct dcx_lenhash_slot *s;
	u64 k[2], m[2];

	if (!tbl || len > h->bits)
		return NULL;
	dcx_lenhash_load(k, key, h->bits);
	dcx_lenhash_mask(m, k, len);
	s = dcx_lenhash_probe(h, tbl, m, len, dcx_lenhash_hash(h, m, len),
			      NULL, NULL);
	return s ? rcu_dereference(s->obj) : NULL;
}

/*
 * The readers' probe: dcx_lenhash_probe() without the writers' room and
 * lock, so that it is inlined in the lookup's loop (the data path makes
 * two or three lookups per packet, tests/bench-core).
 */
static __always_inline void *dcx_lenhash_read(const struct dcx_lenhash *h,
					      const struct dcx_lenhash_tbl *tbl,
					      const u64 *m, unsigned int len,
					      u32 hv, unsigned int bits)
{
	unsigned int i = hv & tbl->mask, n;
	const struct dcx_lenhash_slot *s;
	void *obj;

	for (n = 0; n <= tbl->mask; n++, i = (i + 1) & tbl->mask) {
		s = &tbl->slot[i];
		dcx_lenhash_visit();
		obj = rcu_dereference(s->obj);
		if (!obj)
			return NULL;
		if (obj != DCX_LENHASH_DEAD && READ_ONCE(s->hash) == hv &&
		    dcx_lenhash_match_bits(h, obj, m, len, bits))
			return obj;
	}
	return NULL;
}

/*
 * The lookup of a bits-wide index, bits a constant: an IPv4 index's
 * lengths are all in the bitmap's first word.
 */
static __always_inline void *dcx_lenhash_lookup_bits(const struct dcx_lenhash *h,
						     const u8 *key,
						     unsigned int bits)
{
	struct dcx_lenhash_tbl *tbl = rcu_dereference(h->tbl);
	u64 k[2], m[2], lens, hi;
	unsigned int len;
	void *obj;
	int w;

	if (!tbl)
		return NULL;
	dcx_lenhash_load(k, key, bits);
	for (w = bits == 32 ? 0 : 2; w >= 0; w--) {
		lens = READ_ONCE(h->lens[w]);
		while (lens) {
			len = fls64(lens) - 1;
			lens &= ~(1ULL << len);
			len += w * 64;
			if (bits == 32) {
				/* One word, len <= 32: no 128-bit mask. */
				hi = len ? ~0ULL << (64 - len) : 0;
				m[0] = k[0] & (__force u64)cpu_to_be64(hi);
				m[1] = 0;
			} else {
				dcx_lenhash_mask(m, k, len);
			}
			obj = dcx_lenhash_read(h, tbl, m, len,
					       dcx_lenhash_hash_bits(h->seed, m,
								     len, bits),
					       bits);
			if (obj)
				return obj;
		}
	}
	return NULL;
}

void *dcx_lenhash_lookup32(const struct dcx_lenhash *h, const u8 *key)
{
	return dcx_lenhash_lookup_bits(h, key, 32);
}

void *dcx_lenhash_lookup128(const struct dcx_lenhash *h, const u8 *key)
{
	return dcx_lenhash_lookup_bits(h, key, 128);
}

void *dcx_lenhash_lookup(const struct dcx_lenhash *h, const u8 *key)
{
	return h->bits == 32 ? dcx_lenhash_lookup32(h, key) :
			       dcx_lenhash_lookup128(h, key);
}

static void dcx_lenhash_reset(struct dcx_lenhash *h)
{
	RCU_INIT_POINTER(h->tbl, NULL);
	memset(h->lens, 0, sizeof(h->lens));
	memset(h->nlen, 0, sizeof(h->nlen));
	WRITE_ONCE(h->count, 0);
	h->used = 0;
}

void dcx_lenhash_free(struct dcx_lenhash *h, struct mutex *lock)
{
	struct dcx_lenhash_tbl *tbl = dcx_lenhash_wr(h->tbl, lock);

	dcx_lenhash_reset(h);
	if (tbl)
		call_rcu(&tbl->rcu, dcx_lenhash_tbl_free_rcu);
}

void dcx_lenhash_destroy(struct dcx_lenhash *h)
{
	kvfree(rcu_dereference_protected(h->tbl, 1));
	dcx_lenhash_reset(h);
}

void dcx_lenhash_defer(struct dcx_lenhash *h)
{
	dcx_lenhash_destroy(h);
	WRITE_ONCE(h->deferred, true);
}

#ifdef DCX_LENHASH_DEBUG
unsigned int dcx_lenhash_debug_size(const struct dcx_lenhash *h)
{
	struct dcx_lenhash_tbl *tbl = rcu_dereference_raw(h->tbl);

	return tbl ? tbl->mask + 1 : 0;
}

int dcx_lenhash_debug_check(const struct dcx_lenhash *h)
{
	struct dcx_lenhash_tbl *tbl = rcu_dereference_raw(h->tbl);
	u32 nlen[DCX_LENHASH_LENS] = { 0 };
	unsigned int i, j, live = 0, used = 0, len;
	u64 k[2], m[2];
	void *obj;

	for (i = 0; tbl && i <= tbl->mask; i++) {
		obj = rcu_dereference_raw(tbl->slot[i].obj);
		if (!obj)
			continue;
		used++;
		if (obj == DCX_LENHASH_DEAD)
			continue;
		live++;
		len = dcx_lenhash_obj_len(h, obj);
		if (len > h->bits)
			return -EINVAL;
		nlen[len]++;
		dcx_lenhash_load(k, (const u8 *)obj + h->key_off, h->bits);
		dcx_lenhash_mask(m, k, len);
		if (tbl->slot[i].hash != dcx_lenhash_hash(h, m, len))
			return -EINVAL;
		/* No empty slot between its home and it. */
		for (j = tbl->slot[i].hash & tbl->mask; j != i;
		     j = (j + 1) & tbl->mask)
			if (!rcu_dereference_raw(tbl->slot[j].obj))
				return -EINVAL;
	}
	if (live != h->count || used != h->used ||
	    (tbl && used > (tbl->mask + 1) / 4 * 3) || (!tbl && h->count))
		return -EINVAL;
	for (len = 0; len < DCX_LENHASH_LENS; len++)
		if (nlen[len] != h->nlen[len] ||
		    !(h->lens[len / 64] & (1ULL << (len % 64))) != !nlen[len])
			return -EINVAL;
	return 0;
}
#endif
