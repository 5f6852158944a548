/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the hash of lenhash.h, shared by its per-entry code (lenhash.c)
 * and its bulk build (lenhash_bulk.c) and by nothing else: the slot
 * array and the key arithmetic (masking, hashing, matching). Invariants:
 * lenhash.c.
 */
#ifndef DCX_CORE_LENHASH_SLOT_H
#define DCX_CORE_LENHASH_SLOT_H

/* After lenhash.h (not included here: its .c includes this file). */
#ifndef DCX_CORE_LENHASH_H
#error "include lenhash.h before lenhash_slot.h"
#endif

struct dcx_lenhash_slot {
	void __rcu *obj;	/* NULL: never used; DCX_LENHASH_DEAD: gone */
	u32 hash;
} __aligned(16);

struct dcx_lenhash_tbl {
	struct rcu_head rcu;
	u32 mask;		/* slots - 1 */
	/* 16-aligned after a 32-byte head: no slot spans two lines. */
	struct dcx_lenhash_slot slot[];
};

#define DCX_LENHASH_DEAD	((void *)1)

#define dcx_lenhash_wr(p, lock) \
	rcu_dereference_protected(p, lockdep_is_held(lock))

/*
 * A key as two words in memory order (byte i of the key is byte i of the
 * words): masking and comparing need no byte swap for the hash's sake.
 */
static __always_inline void dcx_lenhash_load(u64 *k, const u8 *key,
					     unsigned int bits)
{
	k[1] = 0;
	if (bits == 32) {	/* constant sizes: no call to memcpy */
		k[0] = 0;
		memcpy(k, key, 4);
	} else {
		memcpy(k, key, 16);
	}
}

/* m = k with every bit after the first len cleared. */
static inline void dcx_lenhash_mask(u64 *m, const u64 *k, unsigned int len)
{
	u64 hi = len >= 64 ? ~0ULL : len ? ~0ULL << (64 - len) : 0;
	u64 lo = len >= 128 ? ~0ULL : len > 64 ? ~0ULL << (128 - len) : 0;

	m[0] = k[0] & (__force u64)cpu_to_be64(hi);
	m[1] = k[1] & (__force u64)cpu_to_be64(lo);
}

/* MurmurHash3's 64-bit finaliser: every input bit moves every output bit. */
static inline u64 dcx_lenhash_mix(u64 x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

/*
 * The hash of a masked key of a bits-wide index: an IPv4 key and its
 * length fit one word (key << 8 | len: distinct pairs, distinct words),
 * so one finaliser round; an IPv6 key takes one round a word. Constant
 * bits (the readers' lookups) fold the choice away.
 */
static __always_inline u32 dcx_lenhash_hash_bits(u64 seed, const u64 *m,
						 unsigned int len,
						 unsigned int bits)
{
	u32 v4;
	u64 x;

	if (bits == 32) {
		memcpy(&v4, m, sizeof(v4));
		return (u32)(dcx_lenhash_mix(((u64)v4 << 8 | len) ^ seed) >>
			     32);
	}
	x = dcx_lenhash_mix(m[0] ^ seed);
	x = dcx_lenhash_mix(x ^ m[1] ^ len);
	return (u32)(x >> 32);
}

static inline u32 dcx_lenhash_hash(const struct dcx_lenhash *h, const u64 *m,
				   unsigned int len)
{
	return h->bits == 32 ? dcx_lenhash_hash_bits(h->seed, m, len, 32) :
			       dcx_lenhash_hash_bits(h->seed, m, len, 128);
}

static inline u8 dcx_lenhash_obj_len(const struct dcx_lenhash *h,
				     const void *obj)
{
	return *((const u8 *)obj + h->len_off);
}

static __always_inline bool dcx_lenhash_match_bits(const struct dcx_lenhash *h,
						   const void *obj,
						   const u64 *m,
						   unsigned int len,
						   unsigned int bits)
{
	u64 o[2];

	if (dcx_lenhash_obj_len(h, obj) != len)
		return false;
	dcx_lenhash_load(o, (const u8 *)obj + h->key_off, bits);
	return o[0] == m[0] && o[1] == m[1];
}

static inline bool dcx_lenhash_match(const struct dcx_lenhash *h,
				     const void *obj, const u64 *m,
				     unsigned int len)
{
	return dcx_lenhash_match_bits(h, obj, m, len, h->bits);
}

#endif /* DCX_CORE_LENHASH_SLOT_H */
