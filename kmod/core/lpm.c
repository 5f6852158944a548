// SPDX-License-Identifier: GPL-2.0
/*
 * RCU longest-prefix-match trie (see lpm.h). The technique is the one of
 * WireGuard's allowedips: keys in host order so that prefixes compare with
 * a xor and fls64, readers that only follow rcu_dereference()d pointers,
 * writers that build a node completely before one rcu_assign_pointer()
 * links it, call_rcu() for a node they unlink, a work for a whole table.
 *
 * Invariants (checked by dcx_lpm_debug_check() in the unit tests):
 *  - a node's key has no bits set after its cidr;
 *  - a child's cidr is larger than its parent's, it lies inside the
 *    parent's prefix and sits on the side of its bit number parent->cidr;
 *  - a node without a value has two children, so every subtree holds at
 *    least one entry. Writers keep this true even for nodes readers may
 *    still hold after they were unlinked: unlinked nodes are not modified.
 */
#include "lpm.h"

struct dcx_lpm_node {
	struct dcx_lpm_node __rcu *child[2];
	void __rcu *value;
	u64 key[2];		/* host order, left-aligned, masked to cidr */
	u8 cidr;
	struct rcu_head rcu;
};

/* A table emptied by dcx_lpm_free(), for the work that frees it. */
struct dcx_lpm_grave {
	struct rcu_work free_work;
	struct dcx_lpm_node *root;
	void (*free_value)(void *value);
};

static struct kmem_cache *dcx_lpm_cache;

#ifdef DCX_LPM_DEBUG
unsigned long dcx_lpm_debug_visits;
void (*dcx_lpm_debug_hook)(void);

/* Every node a reader reads; the hook lets a test write in between. */
static void dcx_lpm_visit(void)
{
	dcx_lpm_debug_visits++;
	if (dcx_lpm_debug_hook)
		dcx_lpm_debug_hook();
}
#else
#define dcx_lpm_visit() do { } while (0)
#endif

#define dcx_lpm_wr(p, lock) rcu_dereference_protected(p, lockdep_is_held(lock))
#define dcx_lpm_dead(p) rcu_dereference_protected(p, 1)	/* unseen nodes */

static void dcx_lpm_load(u64 *k, const u8 *key, unsigned int bits)
{
	__be64 w[2];
	__be32 v;

	if (bits == 32) {
		memcpy(&v, key, sizeof(v));
		k[0] = (u64)be32_to_cpu(v) << 32;
		k[1] = 0;
	} else {
		memcpy(w, key, sizeof(w));
		k[0] = be64_to_cpu(w[0]);
		k[1] = be64_to_cpu(w[1]);
	}
}

static void dcx_lpm_store(u8 *key, const u64 *k, unsigned int bits)
{
	__be64 w[2];
	__be32 v;

	if (bits == 32) {
		v = cpu_to_be32((u32)(k[0] >> 32));
		memcpy(key, &v, sizeof(v));
	} else {
		w[0] = cpu_to_be64(k[0]);
		w[1] = cpu_to_be64(k[1]);
		memcpy(key, w, sizeof(w));
	}
}

/* Clear every bit after the first cidr ones. */
static void dcx_lpm_mask(u64 *k, unsigned int cidr)
{
	if (cidr < 64) {
		k[0] = cidr ? k[0] & (~0ULL << (64 - cidr)) : 0;
		k[1] = 0;
	} else if (cidr < 128) {
		k[1] = cidr > 64 ? k[1] & (~0ULL << (128 - cidr)) : 0;
	}
}

/* How many leading bits a and b share: 128 when they are equal. */
static unsigned int dcx_lpm_common(const u64 *a, const u64 *b)
{
	u64 x = a[0] ^ b[0];

	if (x)
		return 64 - fls64(x);
	x = a[1] ^ b[1];
	return x ? 128 - fls64(x) : 128;
}

/* Bit i of k, bit 0 being the most significant. i < 128. */
static unsigned int dcx_lpm_bit(const u64 *k, unsigned int i)
{
	return (k[i / 64] >> (63 - i % 64)) & 1;
}

static bool dcx_lpm_in_prefix(const struct dcx_lpm_node *n, const u64 *k)
{
	return dcx_lpm_common(n->key, k) >= n->cidr;
}

static struct dcx_lpm_node *dcx_lpm_node_new(const u64 *k, u8 cidr,
					     void *value, gfp_t gfp)
{
	struct dcx_lpm_node *n = kmem_cache_zalloc(dcx_lpm_cache, gfp);

	if (!n)
		return NULL;
	n->key[0] = k[0];
	n->key[1] = k[1];
	dcx_lpm_mask(n->key, cidr);
	n->cidr = cidr;
	RCU_INIT_POINTER(n->value, value);
	return n;
}

static void dcx_lpm_node_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(dcx_lpm_cache,
			container_of(rcu, struct dcx_lpm_node, rcu));
}

int dcx_lpm_cache_init(void)
{
	dcx_lpm_cache = KMEM_CACHE(dcx_lpm_node, 0);
	return dcx_lpm_cache ? 0 : -ENOMEM;
}

void dcx_lpm_cache_exit(void)
{
	/* Nodes unlinked by the last writers are still queued. */
	rcu_barrier();
	kmem_cache_destroy(dcx_lpm_cache);
	dcx_lpm_cache = NULL;
}

void dcx_lpm_init(struct dcx_lpm *t, unsigned int bits)
{
	WARN_ON(bits != 32 && bits != 128);
	RCU_INIT_POINTER(t->root, NULL);
	t->count = 0;
	t->bits = bits == 32 ? 32 : 128;
}

/* The first value of a subtree, for a writer (every subtree has one). */
static void *dcx_lpm_first_wr(struct dcx_lpm_node *n, struct mutex *lock)
{
	struct dcx_lpm_node *l;
	void *v;

	while (n) {
		v = dcx_lpm_wr(n->value, lock);
		if (v)
			return v;
		l = dcx_lpm_wr(n->child[0], lock);
		n = l ? l : dcx_lpm_wr(n->child[1], lock);
	}
	return NULL;
}

/*
 * Insert key/cidr -> value in one descent. With clash != NULL the prefix
 * must overlap no entry: an entry containing it lies on the path down, an
 * entry inside it in the subtree where it goes; either is put in *clash.
 */
static int dcx_lpm_add(struct dcx_lpm *t, const u8 *key, u8 cidr,
		       void *value, gfp_t gfp, struct mutex *lock,
		       void **clash)
{
	struct dcx_lpm_node __rcu **slot = &t->root;
	struct dcx_lpm_node *node, *newn, *mid;
	unsigned int c;
	u64 k[2], m[2];
	void *v;

	if (cidr > t->bits || !value)
		return -EINVAL;
	dcx_lpm_load(k, key, t->bits);
	m[0] = k[0];
	m[1] = k[1];
	dcx_lpm_mask(m, cidr);
	if (m[0] != k[0] || m[1] != k[1])
		return -EINVAL;

	node = dcx_lpm_wr(*slot, lock);
	while (node && node->cidr <= cidr && dcx_lpm_in_prefix(node, k)) {
		v = dcx_lpm_wr(node->value, lock);
		if (clash && (v || node->cidr == cidr)) {
			/* Around it, it, or (a bare branch point) inside it. */
			*clash = v ? v : dcx_lpm_first_wr(node, lock);
			return -EEXIST;
		}
		if (node->cidr == cidr) {
			/* The prefix exists as a bare branch point. */
			if (v)
				return -EEXIST;
			rcu_assign_pointer(node->value, value);
			goto added;
		}
		slot = &node->child[dcx_lpm_bit(k, node->cidr)];
		node = dcx_lpm_wr(*slot, lock);
	}
	/* node hangs at slot but is not inside the new prefix's path. */
	c = node ? min_t(unsigned int, cidr, dcx_lpm_common(node->key, k)) : 0;
	if (node && clash && c == cidr) {
		*clash = dcx_lpm_first_wr(node, lock);
		return -EEXIST;
	}

	newn = dcx_lpm_node_new(k, cidr, value, gfp);
	if (!newn)
		return -ENOMEM;
	if (!node) {
		rcu_assign_pointer(*slot, newn);
		goto added;
	}
	if (c == cidr) {
		/* The new prefix contains node: insert it above. */
		RCU_INIT_POINTER(newn->child[dcx_lpm_bit(node->key, c)], node);
		rcu_assign_pointer(*slot, newn);
		goto added;
	}

	/* They diverge at bit c: a branch point holds both. */
	mid = dcx_lpm_node_new(k, c, NULL, gfp);
	if (!mid) {
		kmem_cache_free(dcx_lpm_cache, newn);
		return -ENOMEM;
	}
	RCU_INIT_POINTER(mid->child[dcx_lpm_bit(k, c)], newn);
	RCU_INIT_POINTER(mid->child[dcx_lpm_bit(node->key, c)], node);
	rcu_assign_pointer(*slot, mid);
added:
	WRITE_ONCE(t->count, t->count + 1);
	return 0;
}

int dcx_lpm_insert(struct dcx_lpm *t, const u8 *key, u8 cidr, void *value,
		   gfp_t gfp, struct mutex *lock)
{
	return dcx_lpm_add(t, key, cidr, value, gfp, lock, NULL);
}

int dcx_lpm_insert_excl(struct dcx_lpm *t, const u8 *key, u8 cidr,
			void *value, gfp_t gfp, struct mutex *lock, void **clash)
{
	*clash = NULL;
	return dcx_lpm_add(t, key, cidr, value, gfp, lock, clash);
}

void *dcx_lpm_remove(struct dcx_lpm *t, const u8 *key, u8 cidr,
		     struct mutex *lock)
{
	struct dcx_lpm_node __rcu **slot = &t->root, **pslot = NULL;
	struct dcx_lpm_node *node, *parent = NULL, *l, *r, *sib;
	void *value;
	u64 k[2];

	if (cidr > t->bits)
		return NULL;
	dcx_lpm_load(k, key, t->bits);
	dcx_lpm_mask(k, cidr);

	node = dcx_lpm_wr(*slot, lock);
	while (node && node->cidr < cidr && dcx_lpm_in_prefix(node, k)) {
		pslot = slot;
		parent = node;
		slot = &node->child[dcx_lpm_bit(k, node->cidr)];
		node = dcx_lpm_wr(*slot, lock);
	}
	if (!node || node->cidr != cidr || !dcx_lpm_in_prefix(node, k))
		return NULL;
	value = dcx_lpm_wr(node->value, lock);
	if (!value)
		return NULL;

	/*
	 * Readers may be anywhere on the old path: every step below is one
	 * pointer store that leaves both the old and the new shape valid,
	 * and unlinked nodes keep their value and children until freed.
	 */
	l = dcx_lpm_wr(node->child[0], lock);
	r = dcx_lpm_wr(node->child[1], lock);
	if (l && r) {
		/* Still needed as a branch point. */
		RCU_INIT_POINTER(node->value, NULL);
	} else if (l || r) {
		RCU_INIT_POINTER(*slot, l ? l : r);
		call_rcu(&node->rcu, dcx_lpm_node_free_rcu);
	} else if (parent && !dcx_lpm_wr(parent->value, lock)) {
		/* A bare branch point left with one child goes too. */
		sib = dcx_lpm_wr(parent->child[slot == &parent->child[0]],
				 lock);
		RCU_INIT_POINTER(*pslot, sib);
		call_rcu(&parent->rcu, dcx_lpm_node_free_rcu);
		call_rcu(&node->rcu, dcx_lpm_node_free_rcu);
	} else {
		RCU_INIT_POINTER(*slot, NULL);
		call_rcu(&node->rcu, dcx_lpm_node_free_rcu);
	}
	WRITE_ONCE(t->count, t->count - 1);
	return value;
}

void *dcx_lpm_lookup(const struct dcx_lpm *t, const u8 *key, u8 *cidr_out)
{
	const struct dcx_lpm_node *n;
	void *found = NULL, *v;
	u8 found_cidr = 0;
	u64 k[2];

	dcx_lpm_load(k, key, t->bits);
	n = rcu_dereference(t->root);
	while (n) {
		dcx_lpm_visit();
		if (!dcx_lpm_in_prefix(n, k))
			break;
		v = rcu_dereference(n->value);
		if (v) {
			found = v;
			found_cidr = n->cidr;
		}
		if (n->cidr >= t->bits)
			break;
		n = rcu_dereference(n->child[dcx_lpm_bit(k, n->cidr)]);
	}
	if (found && cidr_out)
		*cidr_out = found_cidr;
	return found;
}

void *dcx_lpm_find_exact(const struct dcx_lpm *t, const u8 *key, u8 cidr)
{
	const struct dcx_lpm_node *n;
	u64 k[2];

	if (cidr > t->bits)
		return NULL;
	dcx_lpm_load(k, key, t->bits);
	dcx_lpm_mask(k, cidr);
	n = rcu_dereference(t->root);
	while (n && n->cidr <= cidr && dcx_lpm_in_prefix(n, k)) {
		dcx_lpm_visit();
		if (n->cidr == cidr)
			return rcu_dereference(n->value);
		n = rcu_dereference(n->child[dcx_lpm_bit(k, n->cidr)]);
	}
	return NULL;
}

/* The first entry of n's subtree in walk order (pre-order). */
static struct dcx_lpm_node *dcx_lpm_first(struct dcx_lpm_node *n,
					  void **value)
{
	struct dcx_lpm_node *l;

	while (n) {
		dcx_lpm_visit();
		*value = rcu_dereference(n->value);
		if (*value)
			return n;
		l = rcu_dereference(n->child[0]);
		n = l ? l : rcu_dereference(n->child[1]);
	}
	return NULL;
}

/*
 * The first entry after position k/cidr (at or after it unless strict).
 * Walk order is pre-order: a node comes before its subtree, child 0's
 * subtree before child 1's. Descend along k; the answer is either a node
 * on that path, a subtree that k leaves on the right, or else the first
 * entry of the deepest child 1 skipped on the way down.
 */
static struct dcx_lpm_node *dcx_lpm_seek(const struct dcx_lpm *t,
					 const u64 *k, unsigned int cidr,
					 bool strict, void **value)
{
	struct dcx_lpm_node *n, *alt, *r, *found;
	unsigned int c, b, tries = 0;

again:
	alt = NULL;
	n = rcu_dereference(t->root);
	while (n) {
		dcx_lpm_visit();
		c = dcx_lpm_common(n->key, k);
		if (c < n->cidr) {
			/* k leaves n's prefix: n's subtree is on one side. */
			if (dcx_lpm_bit(n->key, c))
				alt = n;
			break;
		}
		if (c == 128 && (n->cidr > cidr ||
				 (!strict && n->cidr == cidr))) {
			alt = n;	/* n and its subtree come after k */
			break;
		}
		if (n->cidr >= t->bits)
			break;
		b = dcx_lpm_bit(k, n->cidr);
		if (!b) {
			r = rcu_dereference(n->child[1]);
			if (r)
				alt = r;
		}
		n = rcu_dereference(n->child[b]);
	}
	found = dcx_lpm_first(alt, value);
	/*
	 * Only a race with several writers can leave a reachable subtree
	 * without an entry for a moment; look again, then give up (a dump
	 * notices concurrent changes through its generation counter).
	 */
	if (!found && alt && ++tries < 3)
		goto again;
	return found;
}

int dcx_lpm_walk(const struct dcx_lpm *t, const u8 *start_key, u8 start_cidr,
		 bool after,
		 int (*cb)(void *ctx, const u8 *key, u8 cidr, void *value),
		 void *ctx)
{
	struct dcx_lpm_node *n;
	unsigned int cidr = 0;
	bool strict = false;
	u64 k[2] = { 0, 0 };
	u8 buf[16];
	void *value;
	int ret;

	if (start_key) {
		cidr = start_cidr;
		strict = after;
		if (cidr > t->bits) {
			cidr = t->bits;
			strict = true;
		}
		dcx_lpm_load(k, start_key, t->bits);
		dcx_lpm_mask(k, cidr);
	}
	for (;;) {
		n = dcx_lpm_seek(t, k, cidr, strict, &value);
		if (!n)
			return 0;
		/* Copy the position out: n may be freed once cb returns. */
		k[0] = n->key[0];
		k[1] = n->key[1];
		cidr = n->cidr;
		strict = true;
		dcx_lpm_store(buf, k, t->bits);
		ret = cb(ctx, buf, cidr, value);
		if (ret)
			return ret;
	}
}

/*
 * Free a detached subtree without recursion or a stack: rotate each left
 * child up until the top has none, then free the top and go right.
 * Nobody can see these nodes any more, so they may be rewired. Yields
 * every DCX_RESCHED_BATCH nodes: process context only.
 */
static void dcx_lpm_destroy_nodes(struct dcx_lpm_node *n,
				  void (*free_value)(void *value))
{
	struct dcx_lpm_node *l, *next;
	unsigned int freed = 0;
	void *v;

	while (n) {
		l = dcx_lpm_dead(n->child[0]);
		if (l) {
			RCU_INIT_POINTER(n->child[0], dcx_lpm_dead(l->child[1]));
			RCU_INIT_POINTER(l->child[1], n);
			n = l;
			continue;
		}
		next = dcx_lpm_dead(n->child[1]);
		v = dcx_lpm_dead(n->value);
		if (v && free_value)
			free_value(v);
		kmem_cache_free(dcx_lpm_cache, n);
		n = next;
		if (++freed % DCX_RESCHED_BATCH == 0)
			dcx_cond_resched();
	}
}

static void dcx_lpm_grave_work(struct work_struct *w)
{
	struct dcx_lpm_grave *g = container_of(to_rcu_work(w),
					       struct dcx_lpm_grave,
					       free_work);

	dcx_lpm_destroy_nodes(g->root, g->free_value);
	kfree(g);
}

void dcx_lpm_free(struct dcx_lpm *t, void (*free_value)(void *),
		  struct mutex *lock)
{
	struct dcx_lpm_node *root = dcx_lpm_wr(t->root, lock);
	struct dcx_lpm_grave *g;

	if (!root)
		return;
	RCU_INIT_POINTER(t->root, NULL);
	WRITE_ONCE(t->count, 0);
	g = kmalloc(sizeof(*g), GFP_KERNEL);
	if (!g) {
		synchronize_rcu();
		dcx_lpm_destroy_nodes(root, free_value);
		return;
	}
	g->root = root;
	g->free_value = free_value;
	dcx_free_after_gp(&g->free_work, dcx_lpm_grave_work);
}

void dcx_lpm_destroy(struct dcx_lpm *t, void (*free_value)(void *))
{
	dcx_lpm_destroy_nodes(dcx_lpm_dead(t->root), free_value);
	RCU_INIT_POINTER(t->root, NULL);
	t->count = 0;
}

#ifdef DCX_LPM_DEBUG
static int dcx_lpm_check_node(const struct dcx_lpm *t,
			      const struct dcx_lpm_node *n, unsigned int depth,
			      struct dcx_lpm_debug_stats *st)
{
	const struct dcx_lpm_node *ch[2];
	u64 m[2] = { n->key[0], n->key[1] };
	int i;

	st->nodes++;
	if (depth > st->max_depth)
		st->max_depth = depth;
	if (n->cidr > t->bits)
		return -EINVAL;
	dcx_lpm_mask(m, n->cidr);
	if (m[0] != n->key[0] || m[1] != n->key[1])
		return -EINVAL;
	if (t->bits == 32 && (n->key[1] || (u32)n->key[0]))
		return -EINVAL;
	ch[0] = rcu_dereference_raw(n->child[0]);
	ch[1] = rcu_dereference_raw(n->child[1]);
	if (rcu_dereference_raw(n->value))
		st->values++;
	else if (!ch[0] || !ch[1])
		return -EINVAL;
	if (n->cidr == t->bits && (ch[0] || ch[1]))
		return -EINVAL;
	for (i = 0; i < 2; i++) {
		if (!ch[i])
			continue;
		if (ch[i]->cidr <= n->cidr ||
		    !dcx_lpm_in_prefix(n, ch[i]->key) ||
		    dcx_lpm_bit(ch[i]->key, n->cidr) != (unsigned int)i)
			return -EINVAL;
		if (dcx_lpm_check_node(t, ch[i], depth + 1, st))
			return -EINVAL;
	}
	return 0;
}

long dcx_lpm_debug_live_nodes(void)
{
	return kshim_kmem_cache_live(dcx_lpm_cache);
}

int dcx_lpm_debug_check(const struct dcx_lpm *t,
			struct dcx_lpm_debug_stats *st)
{
	const struct dcx_lpm_node *root = rcu_dereference_raw(t->root);

	memset(st, 0, sizeof(*st));
	if (root && dcx_lpm_check_node(t, root, 1, st))
		return -EINVAL;
	return st->values == t->count ? 0 : -EINVAL;
}
#endif
