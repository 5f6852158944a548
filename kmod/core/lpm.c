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
#include "lpm_node.h"

#ifdef DCX_LPM_DEBUG
unsigned long dcx_lpm_debug_visits;
unsigned long dcx_lpm_debug_descents;
void (*dcx_lpm_debug_hook)(void);
#endif


/* A table emptied by dcx_lpm_free(), for the work that frees it. */
struct dcx_lpm_grave {
	struct rcu_work free_work;
	struct dcx_lpm_node *root;
	void (*free_value)(void *value);
};

static struct kmem_cache *dcx_lpm_cache;

/*
 * An insert remembers the deepest slot of its path whose node still
 * spans 2^DCX_LPM_HINT_SPAN keys: the next insert of a sorted load
 * starts there while its key lies inside that node.
 */
#define DCX_LPM_HINT_SPAN	8


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
	t->hint = NULL;
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
 * Where an insert of k/cidr may start: the hint when its node lies on the
 * way to k (the nodes above it have no value: the hint is set so), else
 * the root.
 */
static struct dcx_lpm_node __rcu **dcx_lpm_start(struct dcx_lpm *t,
						 const u64 *k, u8 cidr,
						 struct mutex *lock)
{
	struct dcx_lpm_node *n;

	if (!t->hint)
		return &t->root;
	n = dcx_lpm_wr(*t->hint, lock);
	if (n && n->cidr <= cidr && dcx_lpm_in_prefix(n, k))
		return t->hint;
	return &t->root;
}

/*
 * Insert key/cidr -> value in one descent. With clash != NULL the prefix
 * must overlap no entry: an entry containing it lies on the path down, an
 * entry inside it in the subtree where it goes; either is put in *clash.
 * The descent starts at the hint when it can (dcx_lpm_start()): the nodes
 * it skips contain the prefix and have no value, so neither the place
 * found nor the clash checks change.
 */
static int dcx_lpm_add(struct dcx_lpm *t, const u8 *key, u8 cidr,
		       void *value, gfp_t gfp, struct mutex *lock,
		       void **clash)
{
	struct dcx_lpm_node __rcu **slot, **hint = NULL;
	struct dcx_lpm_node *node, *newn, *mid;
	bool bare = true;	/* no value above slot */
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

	slot = dcx_lpm_start(t, k, cidr, lock);
	if (slot != &t->root)
		hint = slot;
	node = dcx_lpm_wr(*slot, lock);
	while (node && node->cidr <= cidr && dcx_lpm_in_prefix(node, k)) {
#ifdef DCX_LPM_DEBUG
		dcx_lpm_debug_descents++;
#endif
		if (bare && slot != &t->root &&
		    node->cidr + DCX_LPM_HINT_SPAN <= t->bits)
			hint = slot;
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
		if (v)
			bare = false;
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
	/* Inserts free no node: every slot of this path stays valid. */
	t->hint = hint;
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
	/* A node freed below may own the hinted slot. */
	t->hint = NULL;
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
	t->hint = NULL;
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
	t->hint = NULL;
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
