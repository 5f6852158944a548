// SPDX-License-Identifier: GPL-2.0
/*
 * Bulk build of a lenhash index (see lenhash.h, "Bulk loads"): the whole
 * set at once, into an array sized for it, in slot order.
 *
 * Per-entry inserts into a big array each probe a random slot (a cache
 * and, under TCG, a software-TLB miss) and the array is rebuilt each time
 * it grows. Here: _add computes every object's hash into a list and
 * counts the objects per bucket (the top DCX_LENHASH_BULK_BITS bits of
 * the home slot); _place scatters the list into bucket order (a counting
 * sort: 2^DCX_LENHASH_BULK_BITS write streams) and fills the array bucket
 * after bucket, so its writes stay in a window of 1/2^BITS of the array
 * (128 KB for 1M entries) and move forward. Linear probing does not care
 * in which order a set is inserted: the result holds the invariants of
 * lenhash.c, and a probe compares each object with the cluster before it
 * (the same hash and key: -EEXIST), as _insert does.
 *
 * Memory: the list and its sorted copy (16 bytes per object each) live
 * until _place returns; the list goes before the array is allocated.
 */
#include "lenhash.h"
#include "lenhash_slot.h"

#define DCX_LENHASH_BULK_BITS	8

struct dcx_lenhash_bulk {
	struct dcx_lenhash *h;
	struct dcx_lenhash_slot *list;	/* (obj, hash) in _add order */
	struct dcx_lenhash_tbl *tbl;	/* placed, not published */
	unsigned int n, max;
	u32 mask;			/* slots of the array - 1 */
	unsigned int shift;		/* home slot >> shift: its bucket */
	int err;
	u32 nlen[DCX_LENHASH_LENS];
	u32 bucket[1 << DCX_LENHASH_BULK_BITS];
};

struct dcx_lenhash_bulk *dcx_lenhash_bulk_new(struct dcx_lenhash *h,
					      unsigned int n, gfp_t gfp)
{
	struct dcx_lenhash_bulk *b;
	unsigned long size = DCX_LENHASH_MIN;
	unsigned int bits = 0;

	/* As a rebuild for n: at least 2n slots, so at most half used. */
	while (size < 2UL * n)
		size *= 2;
	if (size > (1UL << 31))
		return NULL;
	b = kzalloc(sizeof(*b), gfp);
	if (!b)
		return NULL;
	if (n) {
		b->list = kvmalloc_array(n, sizeof(*b->list), gfp);
		if (!b->list) {
			kfree(b);
			return NULL;
		}
	}
	b->h = h;
	b->max = n;
	b->mask = size - 1;
	while ((1UL << bits) < size)
		bits++;
	b->shift = bits > DCX_LENHASH_BULK_BITS ?
		   bits - DCX_LENHASH_BULK_BITS : 0;
	return b;
}

void dcx_lenhash_bulk_add(struct dcx_lenhash_bulk *b, void *obj)
{
	const struct dcx_lenhash *h = b->h;
	unsigned int len;
	u64 k[2], m[2];
	u32 hv;

	if (b->err)
		return;
	if (!obj || b->n == b->max) {
		b->err = -EINVAL;
		return;
	}
	len = dcx_lenhash_obj_len(h, obj);
	if (len > h->bits) {
		b->err = -EINVAL;
		return;
	}
	dcx_lenhash_load(k, (const u8 *)obj + h->key_off, h->bits);
	dcx_lenhash_mask(m, k, len);
	if (m[0] != k[0] || m[1] != k[1]) {
		b->err = -EINVAL;
		return;
	}
	hv = dcx_lenhash_hash(h, m, len);
	RCU_INIT_POINTER(b->list[b->n].obj, obj);
	b->list[b->n].hash = hv;
	b->n++;
	b->nlen[len]++;
	b->bucket[(hv & b->mask) >> b->shift]++;
}

/* The counting sort: list into sorted, by bucket, stable. */
static void dcx_lenhash_bulk_sort(struct dcx_lenhash_bulk *b,
				  struct dcx_lenhash_slot *sorted)
{
	unsigned int i, at = 0, c;

	for (i = 0; i < ARRAY_SIZE(b->bucket); i++) {
		c = b->bucket[i];
		b->bucket[i] = at;	/* where bucket i starts */
		at += c;
	}
	for (i = 0; i < b->n; i++) {
		if (i && i % DCX_RESCHED_BATCH == 0)
			dcx_cond_resched();
		sorted[b->bucket[(b->list[i].hash & b->mask) >> b->shift]++] =
			b->list[i];
	}
}

/* Do two objects hold one prefix (rare: only when their hashes match)? */
static bool dcx_lenhash_bulk_same(const struct dcx_lenhash *h,
				  const void *a, const void *b)
{
	unsigned int len = dcx_lenhash_obj_len(h, a);
	u64 k[2];

	dcx_lenhash_load(k, (const u8 *)a + h->key_off, h->bits);
	return dcx_lenhash_match(h, b, k, len);
}

/*
 * Linear probing from each object's home slot; -EEXIST on a duplicate.
 * Reads the slots only (their hashes), not the objects, unless two
 * hashes are equal.
 */
static int dcx_lenhash_bulk_fill(struct dcx_lenhash_bulk *b,
				 const struct dcx_lenhash_slot *sorted,
				 struct mutex *lock)
{
	struct dcx_lenhash_tbl *tbl = b->tbl;
	unsigned int i, j;
	void *obj, *o;
	u32 hv;

	for (i = 0; i < b->n; i++) {
		if (i && i % DCX_RESCHED_BATCH == 0)
			dcx_cond_resched();
		obj = dcx_lenhash_wr(sorted[i].obj, lock);
		hv = sorted[i].hash;
		for (j = hv & tbl->mask;
		     (o = dcx_lenhash_wr(tbl->slot[j].obj, lock));
		     j = (j + 1) & tbl->mask)
			if (tbl->slot[j].hash == hv &&
			    dcx_lenhash_bulk_same(b->h, obj, o))
				return -EEXIST;
		tbl->slot[j].hash = hv;
		RCU_INIT_POINTER(tbl->slot[j].obj, obj);
	}
	return 0;
}

int dcx_lenhash_bulk_place(struct dcx_lenhash_bulk *b, gfp_t gfp,
			   struct mutex *lock)
{
	struct dcx_lenhash_slot *sorted;
	int err;

	if (b->err || !b->n)
		return b->err;
	sorted = kvmalloc_array(b->n, sizeof(*sorted), gfp);
	if (!sorted)
		return -ENOMEM;
	dcx_lenhash_bulk_sort(b, sorted);
	kvfree(b->list);
	b->list = NULL;
	err = -ENOMEM;
	b->tbl = kvzalloc(sizeof(*b->tbl) + (b->mask + 1UL) *
			  sizeof(b->tbl->slot[0]), gfp);
	if (b->tbl) {
		b->tbl->mask = b->mask;
		err = dcx_lenhash_bulk_fill(b, sorted, lock);
	}
	kvfree(sorted);
	if (err) {
		kvfree(b->tbl);
		b->tbl = NULL;
		b->err = err;
	}
	return err;
}

void dcx_lenhash_bulk_publish(struct dcx_lenhash_bulk *b, struct mutex *lock)
{
	struct dcx_lenhash *h = b->h;
	u64 lens[3] = { 0 };
	unsigned int len;

	if (WARN_ON(b->err || (b->n && !b->tbl) || h->count ||
		    dcx_lenhash_wr(h->tbl, lock))) {
		dcx_lenhash_bulk_free(b);
		return;
	}
	memcpy(h->nlen, b->nlen, sizeof(h->nlen));
	for (len = 0; len < DCX_LENHASH_LENS; len++)
		if (b->nlen[len])
			lens[len / 64] |= 1ULL << (len % 64);
	for (len = 0; len < ARRAY_SIZE(lens); len++)
		WRITE_ONCE(h->lens[len], lens[len]);
	h->used = b->n;
	WRITE_ONCE(h->count, b->n);
	/* The array, complete, with one store; then the index is built. */
	rcu_assign_pointer(h->tbl, b->tbl);
	WRITE_ONCE(h->deferred, false);
	b->tbl = NULL;
	dcx_lenhash_bulk_free(b);
}

void dcx_lenhash_bulk_free(struct dcx_lenhash_bulk *b)
{
	if (!b)
		return;
	kvfree(b->list);
	kvfree(b->tbl);
	kfree(b);
}
