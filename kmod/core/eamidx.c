// SPDX-License-Identifier: GPL-2.0
/*
 * The ordered index of EAM entries (see eamidx.h): a sorted array of
 * entry pointers cut into leaves under a sorted directory. Invariants:
 * every leaf holds 1 to DCX_EAMIDX_LEAF entries, entries increase
 * strictly across the leaves in directory order and never overlap,
 * count is their number, nleaf <= cap (the directory is freed when its
 * last leaf goes).
 */
#include "prefix.h"
#include "eamidx.h"

#define DCX_EAMIDX_LEAF		255	/* 8 + 255 * 8 bytes: 2 KiB */
/* A leaf a removal leaves with a neighbour fitting in this many merges. */
#define DCX_EAMIDX_MERGE	(DCX_EAMIDX_LEAF / 2)

struct dcx_eamidx_leaf {
	unsigned int n;
	void *e[DCX_EAMIDX_LEAF];
};

/* A directory emptied by dcx_eamidx_free(), for the work that frees it. */
struct dcx_eamidx_grave {
	struct rcu_work free_work;
	struct dcx_eamidx_leaf **dir;
	unsigned int nleaf;
	void (*free_value)(void *value);
};

/* A place between entries: slot j of leaf i. */
struct dcx_eamidx_pos {
	unsigned int i, j;
};

static const u8 *dcx_eamidx_key(const struct dcx_eamidx *x, const void *e)
{
	return (const u8 *)e + x->koff;
}

static unsigned int dcx_eamidx_len(const struct dcx_eamidx *x, const void *e)
{
	return *((const u8 *)e + x->loff);
}

/*
 * A key as numbers, for comparisons without memcmp() (the searches'
 * cost): host order, left-aligned in two words (k[1] is 0 for IPv4).
 */
struct dcx_eamidx_key {
	u64 k[2];
	unsigned int len;
};

/* key of bytes (4 or 16) into out: inlined with a constant width. */
static __always_inline void dcx_eamidx_load_w(const u8 *key, unsigned int len,
					      unsigned int bytes,
					      struct dcx_eamidx_key *out)
{
	__be64 w[2];
	__be32 v;

	if (bytes == 4) {
		memcpy(&v, key, sizeof(v));
		out->k[0] = (u64)be32_to_cpu(v) << 32;
		out->k[1] = 0;
	} else {
		memcpy(w, key, sizeof(w));
		out->k[0] = be64_to_cpu(w[0]);
		out->k[1] = be64_to_cpu(w[1]);
	}
	out->len = len;
}

/* Is key a before the position p? */
static __always_inline bool dcx_eamidx_key_below_w(const struct dcx_eamidx_key *a,
						   const struct dcx_eamidx_key *p,
						   unsigned int bytes)
{
	if (a->k[0] != p->k[0])
		return a->k[0] < p->k[0];
	if (bytes == 16 && a->k[1] != p->k[1])
		return a->k[1] < p->k[1];
	return a->len < p->len;
}

/* Is entry e before the position p? */
static __always_inline bool dcx_eamidx_below_w(const struct dcx_eamidx *x,
					       const void *e,
					       const struct dcx_eamidx_key *p,
					       unsigned int bytes)
{
	struct dcx_eamidx_key k;

	dcx_eamidx_load_w(dcx_eamidx_key(x, e), dcx_eamidx_len(x, e), bytes,
			  &k);
	return dcx_eamidx_key_below_w(&k, p, bytes);
}

/*
 * fence[i] is the key of leaf i's last entry: the directory's search
 * compares with it, so it reads one array instead of a leaf and an entry
 * at every step (on a big index, two cache and TLB misses a step). Every
 * change of a leaf's last entry sets it again.
 */
static void dcx_eamidx_refence(struct dcx_eamidx *x, unsigned int i)
{
	const struct dcx_eamidx_leaf *l = x->dir[i];
	const void *e = l->e[l->n - 1];

	if (x->bytes == 4)
		dcx_eamidx_load_w(dcx_eamidx_key(x, e), dcx_eamidx_len(x, e),
				  4, &x->fence[i]);
	else
		dcx_eamidx_load_w(dcx_eamidx_key(x, e), dcx_eamidx_len(x, e),
				  16, &x->fence[i]);
}

void dcx_eamidx_init(struct dcx_eamidx *x, unsigned int bits,
		     unsigned int koff, unsigned int loff)
{
	*x = (struct dcx_eamidx){
		.bytes = bits / 8,
		.koff = koff,
		.loff = loff,
	};
}

/*
 * The first place whose entry is at or after key/len. Its slot is past
 * the leaf's last entry only in the last leaf (every entry is before
 * key/len); an empty index gives 0, 0. Two binary searches, inlined per
 * key width (the writers' main cost).
 */
static __always_inline struct dcx_eamidx_pos
dcx_eamidx_seek_w(const struct dcx_eamidx *x, const u8 *key, unsigned int len,
		  unsigned int bytes)
{
	unsigned int lo = 0, hi = x->nleaf, mid;
	const struct dcx_eamidx_leaf *l;
	struct dcx_eamidx_key k;
	struct dcx_eamidx_pos p;

	dcx_eamidx_load_w(key, len, bytes, &k);
	/* The first leaf whose last entry (fence) is at or after key/len. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (dcx_eamidx_key_below_w(&x->fence[mid], &k, bytes))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == x->nleaf) {
		p.i = x->nleaf ? x->nleaf - 1 : 0;
		p.j = x->nleaf ? x->dir[p.i]->n : 0;
		return p;
	}
	p.i = lo;
	l = x->dir[lo];
	lo = 0;
	hi = l->n - 1;		/* the last one is at or after key/len */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (dcx_eamidx_below_w(x, l->e[mid], &k, bytes))
			lo = mid + 1;
		else
			hi = mid;
	}
	p.j = lo;
	return p;
}

static struct dcx_eamidx_pos dcx_eamidx_seek(const struct dcx_eamidx *x,
					     const u8 *key, unsigned int len)
{
	if (x->bytes == 4)
		return dcx_eamidx_seek_w(x, key, len, 4);
	return dcx_eamidx_seek_w(x, key, len, 16);
}

static void *dcx_eamidx_at(const struct dcx_eamidx *x,
			   struct dcx_eamidx_pos p)
{
	return p.i < x->nleaf && p.j < x->dir[p.i]->n ?
	       x->dir[p.i]->e[p.j] : NULL;
}

/* The entry before place p, or NULL. */
static void *dcx_eamidx_before(const struct dcx_eamidx *x,
			       struct dcx_eamidx_pos p)
{
	const struct dcx_eamidx_leaf *l;

	if (p.j)
		return x->dir[p.i]->e[p.j - 1];
	if (!p.i)
		return NULL;
	l = x->dir[p.i - 1];
	return l->e[l->n - 1];
}

/*
 * Room for one more leaf in the directory; -ENOMEM leaves x unchanged.
 * The fences live in the same allocation, after the cap leaf pointers.
 */
static int dcx_eamidx_dir_room(struct dcx_eamidx *x, gfp_t gfp)
{
	struct dcx_eamidx_leaf **dir;
	struct dcx_eamidx_key *fence;
	unsigned int cap;

	if (x->nleaf < x->cap)
		return 0;
	cap = x->cap ? x->cap * 2 : 8;
	dir = kvmalloc_array(cap, sizeof(*dir) + sizeof(*fence), gfp);
	if (!dir)
		return -ENOMEM;
	fence = (struct dcx_eamidx_key *)(dir + cap);
	if (x->nleaf) {
		memcpy(dir, x->dir, x->nleaf * sizeof(*dir));
		memcpy(fence, x->fence, x->nleaf * sizeof(*fence));
	}
	kvfree(x->dir);
	x->dir = dir;
	x->fence = fence;
	x->cap = cap;
	return 0;
}

static void dcx_eamidx_leaf_put(struct dcx_eamidx_leaf *l, unsigned int j,
				void *e)
{
	memmove(&l->e[j + 1], &l->e[j], (l->n - j) * sizeof(l->e[0]));
	l->e[j] = e;
	l->n++;
}

/*
 * Leaf i is full: move half of a neighbour's free slots' worth of its
 * entries there, so that both leaves have room whichever gets place j
 * (returned in *pi, *pj). A neighbour with a single free slot is not
 * used: filled up, it could be the one to take the new entry. false
 * when neither neighbour has two free slots.
 */
static bool dcx_eamidx_lend(struct dcx_eamidx *x, unsigned int i,
			    unsigned int *pi, unsigned int *pj)
{
	struct dcx_eamidx_leaf *l = x->dir[i], *o;
	unsigned int k, j = *pj;

	if (i + 1 < x->nleaf && x->dir[i + 1]->n + 2 <= DCX_EAMIDX_LEAF) {
		o = x->dir[i + 1];
		k = (DCX_EAMIDX_LEAF - o->n) / 2;
		memmove(&o->e[k], &o->e[0], o->n * sizeof(o->e[0]));
		memcpy(&o->e[0], &l->e[l->n - k], k * sizeof(o->e[0]));
		o->n += k;
		l->n -= k;
		dcx_eamidx_refence(x, i);	/* leaf i + 1's last stays */
		if (j > l->n) {
			*pi = i + 1;
			*pj = j - l->n;
		}
		return true;
	}
	if (i && x->dir[i - 1]->n + 2 <= DCX_EAMIDX_LEAF) {
		o = x->dir[i - 1];
		k = (DCX_EAMIDX_LEAF - o->n) / 2;
		memcpy(&o->e[o->n], &l->e[0], k * sizeof(o->e[0]));
		memmove(&l->e[0], &l->e[k], (l->n - k) * sizeof(l->e[0]));
		if (j < k) {
			*pi = i - 1;
			*pj = o->n + j;
		} else {
			*pj = j - k;
		}
		o->n += k;
		l->n -= k;
		dcx_eamidx_refence(x, i - 1);	/* leaf i's last stays */
		return true;
	}
	return false;
}

/* Put e at place p (its order checked by the caller). */
static int dcx_eamidx_put(struct dcx_eamidx *x, struct dcx_eamidx_pos p,
			  void *e, gfp_t gfp)
{
	struct dcx_eamidx_leaf *l, *r;
	unsigned int h;

	if (x->nleaf && x->dir[p.i]->n < DCX_EAMIDX_LEAF)
		goto put;
	if (x->nleaf && dcx_eamidx_lend(x, p.i, &p.i, &p.j))
		goto put;
	/* A new leaf: the first, or the right half of leaf p.i. */
	r = kmalloc(sizeof(*r), gfp);
	if (!r)
		return -ENOMEM;
	if (dcx_eamidx_dir_room(x, gfp)) {
		kfree(r);
		return -ENOMEM;
	}
	r->n = 0;
	if (!x->nleaf) {
		x->dir[0] = r;
		x->nleaf = 1;
		p.i = 0;
		p.j = 0;
		goto put;
	}
	l = x->dir[p.i];
	/* After the last entry (a sorted load): l stays full. */
	h = p.i + 1 == x->nleaf && p.j == l->n ? l->n : DCX_EAMIDX_LEAF / 2;
	r->n = l->n - h;
	memcpy(&r->e[0], &l->e[h], r->n * sizeof(r->e[0]));
	l->n = h;
	memmove(&x->dir[p.i + 2], &x->dir[p.i + 1],
		(x->nleaf - p.i - 1) * sizeof(x->dir[0]));
	memmove(&x->fence[p.i + 2], &x->fence[p.i + 1],
		(x->nleaf - p.i - 1) * sizeof(x->fence[0]));
	x->dir[p.i + 1] = r;
	x->nleaf++;
	dcx_eamidx_refence(x, p.i);
	if (r->n)	/* else e goes there, below */
		dcx_eamidx_refence(x, p.i + 1);
	if (p.j > h || (p.j == h && h == DCX_EAMIDX_LEAF)) {
		p.i++;
		p.j -= h;
	}
put:
	dcx_eamidx_leaf_put(x->dir[p.i], p.j, e);
	dcx_eamidx_refence(x, p.i);
	x->count++;
	return 0;
}

int dcx_eamidx_insert(struct dcx_eamidx *x, void *e, gfp_t gfp,
		      void **clash)
{
	const u8 *key = dcx_eamidx_key(x, e);
	unsigned int len = dcx_eamidx_len(x, e);
	struct dcx_eamidx_pos p = dcx_eamidx_seek(x, key, len);
	void *o;

	*clash = NULL;
	/* The one before contains key, or the one at p starts inside e. */
	o = dcx_eamidx_before(x, p);
	if (o && dcx_prefix_bits_equal(key, dcx_eamidx_key(x, o),
				       dcx_eamidx_len(x, o)))
		goto overlap;
	o = dcx_eamidx_at(x, p);
	if (o && dcx_prefix_bits_equal(dcx_eamidx_key(x, o), key, len))
		goto overlap;
	return dcx_eamidx_put(x, p, e, gfp);
overlap:
	*clash = o;
	return -EEXIST;
}

/* Drop directory slot i (its leaf already freed or emptied into another). */
static void dcx_eamidx_dir_drop(struct dcx_eamidx *x, unsigned int i)
{
	memmove(&x->dir[i], &x->dir[i + 1],
		(x->nleaf - i - 1) * sizeof(x->dir[0]));
	memmove(&x->fence[i], &x->fence[i + 1],
		(x->nleaf - i - 1) * sizeof(x->fence[0]));
	if (!--x->nleaf) {
		kvfree(x->dir);
		x->dir = NULL;
		x->fence = NULL;
		x->cap = 0;
	}
}

/* Leaf i into leaf i - 1 (which has room for it), and gone. */
static void dcx_eamidx_merge(struct dcx_eamidx *x, unsigned int i)
{
	struct dcx_eamidx_leaf *l = x->dir[i - 1], *r = x->dir[i];

	memcpy(&l->e[l->n], &r->e[0], r->n * sizeof(r->e[0]));
	l->n += r->n;
	kfree(r);
	dcx_eamidx_refence(x, i - 1);
	dcx_eamidx_dir_drop(x, i);
}

/* Take the entry at place p out (it is there). */
static void dcx_eamidx_drop(struct dcx_eamidx *x, struct dcx_eamidx_pos p)
{
	struct dcx_eamidx_leaf *l = x->dir[p.i];

	memmove(&l->e[p.j], &l->e[p.j + 1], (l->n - p.j - 1) * sizeof(l->e[0]));
	l->n--;
	x->count--;
	if (!l->n) {
		kfree(l);
		dcx_eamidx_dir_drop(x, p.i);
		return;
	}
	if (p.j == l->n)	/* it was the last */
		dcx_eamidx_refence(x, p.i);
	if (p.i + 1 < x->nleaf &&
	    l->n + x->dir[p.i + 1]->n <= DCX_EAMIDX_MERGE)
		dcx_eamidx_merge(x, p.i + 1);
	else if (p.i && l->n + x->dir[p.i - 1]->n <= DCX_EAMIDX_MERGE)
		dcx_eamidx_merge(x, p.i);
}

bool dcx_eamidx_remove(struct dcx_eamidx *x, const void *e)
{
	struct dcx_eamidx_pos p = dcx_eamidx_seek(x, dcx_eamidx_key(x, e),
						  dcx_eamidx_len(x, e));

	if (dcx_eamidx_at(x, p) != e)
		return false;
	dcx_eamidx_drop(x, p);
	return true;
}

/* The entry at p if it is exactly key/len. */
static void *dcx_eamidx_exact(const struct dcx_eamidx *x,
			      struct dcx_eamidx_pos p, const u8 *key,
			      unsigned int len)
{
	void *e = dcx_eamidx_at(x, p);

	return e && dcx_eamidx_len(x, e) == len &&
	       !memcmp(dcx_eamidx_key(x, e), key, x->bytes) ? e : NULL;
}

void *dcx_eamidx_take(struct dcx_eamidx *x, const u8 *key, unsigned int len)
{
	struct dcx_eamidx_pos p = dcx_eamidx_seek(x, key, len);
	void *e = dcx_eamidx_exact(x, p, key, len);

	if (e)
		dcx_eamidx_drop(x, p);
	return e;
}

void *dcx_eamidx_find(const struct dcx_eamidx *x, const u8 *key,
		      unsigned int len)
{
	return dcx_eamidx_exact(x, dcx_eamidx_seek(x, key, len), key, len);
}

void *dcx_eamidx_lookup(const struct dcx_eamidx *x, const u8 *key)
{
	/* The last entry starting at or before key: past every length. */
	void *e = dcx_eamidx_before(x, dcx_eamidx_seek(x, key,
						      x->bytes * 8 + 1));

	return e && dcx_prefix_bits_equal(key, dcx_eamidx_key(x, e),
					  dcx_eamidx_len(x, e)) ? e : NULL;
}

int dcx_eamidx_walk(const struct dcx_eamidx *x, const u8 *key,
		    unsigned int len, bool after,
		    int (*cb)(void *ctx, void *e), void *ctx)
{
	struct dcx_eamidx_pos p = { 0, 0 };
	int ret;

	if (key)
		p = dcx_eamidx_seek(x, key, after ? len + 1 : len);
	for (; p.i < x->nleaf; p.i++, p.j = 0) {
		for (; p.j < x->dir[p.i]->n; p.j++) {
			ret = cb(ctx, x->dir[p.i]->e[p.j]);
			if (ret)
				return ret;
		}
	}
	return 0;
}

void dcx_eamidx_for_each(const struct dcx_eamidx *x,
			 void (*cb)(void *ctx, void *e), void *ctx)
{
	unsigned int i, j, n = 0;

	for (i = 0; i < x->nleaf; i++) {
		for (j = 0; j < x->dir[i]->n; j++) {
			cb(ctx, x->dir[i]->e[j]);
			if (++n % DCX_RESCHED_BATCH == 0)
				dcx_cond_resched();
		}
	}
}

static void dcx_eamidx_destroy_dir(struct dcx_eamidx_leaf **dir,
				   unsigned int nleaf,
				   void (*free_value)(void *))
{
	unsigned int i, j, n = 0;

	for (i = 0; i < nleaf; i++) {
		for (j = 0; free_value && j < dir[i]->n; j++) {
			free_value(dir[i]->e[j]);
			if (++n % DCX_RESCHED_BATCH == 0)
				dcx_cond_resched();
		}
		kfree(dir[i]);
	}
	kvfree(dir);
}

static void dcx_eamidx_grave_work(struct work_struct *w)
{
	struct dcx_eamidx_grave *g = container_of(to_rcu_work(w),
						  struct dcx_eamidx_grave,
						  free_work);

	dcx_eamidx_destroy_dir(g->dir, g->nleaf, g->free_value);
	kfree(g);
}

void dcx_eamidx_free(struct dcx_eamidx *x, void (*free_value)(void *))
{
	struct dcx_eamidx_leaf **dir = x->dir;
	unsigned int nleaf = x->nleaf;
	struct dcx_eamidx_grave *g;

	dcx_eamidx_init(x, x->bytes * 8, x->koff, x->loff);
	if (!nleaf) {
		kvfree(dir);
		return;
	}
	g = kmalloc(sizeof(*g), GFP_KERNEL);
	if (!g) {
		synchronize_rcu();
		dcx_eamidx_destroy_dir(dir, nleaf, free_value);
		return;
	}
	g->dir = dir;
	g->nleaf = nleaf;
	g->free_value = free_value;
	dcx_free_after_gp(&g->free_work, dcx_eamidx_grave_work);
}

void dcx_eamidx_destroy(struct dcx_eamidx *x, void (*free_value)(void *))
{
	dcx_eamidx_destroy_dir(x->dir, x->nleaf, free_value);
	dcx_eamidx_init(x, x->bytes * 8, x->koff, x->loff);
}

#ifdef DCX_EAMIDX_DEBUG
static bool dcx_eamidx_below(const struct dcx_eamidx *x, const void *e,
			     const void *f)
{
	struct dcx_eamidx_key k;

	if (x->bytes == 4) {
		dcx_eamidx_load_w(dcx_eamidx_key(x, f), dcx_eamidx_len(x, f),
				  4, &k);
		return dcx_eamidx_below_w(x, e, &k, 4);
	}
	dcx_eamidx_load_w(dcx_eamidx_key(x, f), dcx_eamidx_len(x, f), 16, &k);
	return dcx_eamidx_below_w(x, e, &k, 16);
}

int dcx_eamidx_debug_check(const struct dcx_eamidx *x, unsigned int *nleaf)
{
	const void *prev = NULL, *e;
	unsigned int i, j, n = 0;
	struct dcx_eamidx_key k;

	if (x->nleaf > x->cap || (x->cap && !x->dir) ||
	    (x->cap && x->fence != (struct dcx_eamidx_key *)(x->dir + x->cap)))
		return -EINVAL;
	for (i = 0; i < x->nleaf; i++) {
		if (!x->dir[i]->n || x->dir[i]->n > DCX_EAMIDX_LEAF)
			return -EINVAL;
		e = x->dir[i]->e[x->dir[i]->n - 1];
		dcx_eamidx_load_w(dcx_eamidx_key(x, e), dcx_eamidx_len(x, e),
				  x->bytes, &k);
		if (k.k[0] != x->fence[i].k[0] || k.k[1] != x->fence[i].k[1] ||
		    k.len != x->fence[i].len)
			return -EINVAL;
		for (j = 0; j < x->dir[i]->n; j++, n++) {
			e = x->dir[i]->e[j];
			if (prev && (!dcx_eamidx_below(x, prev, e) ||
				     dcx_prefix_bits_equal(dcx_eamidx_key(x, e),
							   dcx_eamidx_key(x, prev),
							   dcx_eamidx_len(x, prev))))
				return -EINVAL;
			prev = e;
		}
	}
	if (nleaf)
		*nleaf = x->nleaf;
	return n == x->count ? 0 : -EINVAL;
}
#endif
