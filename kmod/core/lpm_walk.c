// SPDX-License-Identifier: GPL-2.0
/*
 * The readers of the RCU trie (see lpm.h): longest-prefix lookup, exact
 * find and the ordered walk. They take no lock, follow only
 * rcu_dereference()d pointers and never write: the caller holds
 * rcu_read_lock(). The writers are in lpm.c.
 */
#include "lpm.h"
#include "lpm_node.h"

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
