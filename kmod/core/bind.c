// SPDX-License-Identifier: GPL-2.0
/*
 * Interface bindings of address spaces (see bind.h). Removed bindings and
 * interfaces go through kfree_rcu(): writers never wait for readers.
 */
#include "prefix.h"
#include "bind.h"

/* One bound interface: tables->binds, by ifindex. */
struct dcx_bind_dev {
	struct hlist_node node;		/* tables->binds[], RCU */
	int ifindex;
	struct dcx_lpm dst;		/* IPv4 dst prefix -> struct dcx_bind */
	struct rcu_head rcu;
};

struct dcx_bind {
	struct list_head slist;		/* dcx_space.binds, writers */
	struct dcx_space *space;
	struct dcx_bind_dev *bd;
	__be32 v4;
	u8 len4;
	struct rcu_head rcu;
};

static struct hlist_head *dcx_bind_bucket(const struct dcx_tables *t,
					  int ifindex)
{
	return (struct hlist_head *)&t->binds[hash_32(ifindex,
						      DCX_BIND_BITS)];
}

/* Writers: the bound interface ifindex, or NULL. */
static struct dcx_bind_dev *dcx_bind_dev_find(const struct dcx_tables *t,
					      int ifindex, struct mutex *lock)
{
	struct dcx_bind_dev *bd;

	hlist_for_each_entry_rcu(bd, dcx_bind_bucket(t, ifindex), node,
				 lockdep_is_held(lock))
		if (bd->ifindex == ifindex)
			return bd;
	return NULL;
}

/* Writers: the binding of exactly ifindex and v4/len4, or NULL. */
static struct dcx_bind *dcx_bind_find(const struct dcx_tables *t,
				      int ifindex, __be32 v4, u8 len4,
				      struct mutex *lock)
{
	struct dcx_bind_dev *bd = dcx_bind_dev_find(t, ifindex, lock);
	struct dcx_bind *e;

	if (!bd)
		return NULL;
	rcu_read_lock();
	e = dcx_lpm_find_exact(&bd->dst, (const u8 *)&v4, len4);
	rcu_read_unlock();
	return e;
}

int dcx_bind_add(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock)
{
	struct dcx_bind_dev *bd;
	struct dcx_bind *e;
	bool new_bd = false;
	int err;

	lockdep_assert_held(lock);
	if (len4 > 32 ||
	    !dcx_prefix_host_bits_zero((const u8 *)&v4, len4, 32)) {
		dcx_why(why, DCX_P4_FMT
			" is not an IPv4 prefix (bits after the length?)",
			DCX_P4_ARG(v4, len4));
		return -EINVAL;
	}
	e = dcx_bind_find(t, ifindex, v4, len4, lock);
	if (e) {
		dcx_why(why, "already bound for " DCX_P4_FMT " to space %s",
			DCX_P4_ARG(v4, len4), e->space->name);
		return -EEXIST;
	}
	bd = dcx_bind_dev_find(t, ifindex, lock);
	if (!bd) {
		bd = kzalloc(sizeof(*bd), GFP_KERNEL);
		if (!bd)
			goto nomem;
		bd->ifindex = ifindex;
		dcx_lpm_init(&bd->dst, 32);
		new_bd = true;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		goto nomem_bd;
	e->space = s;
	e->bd = bd;
	e->v4 = v4;
	e->len4 = len4;
	err = dcx_lpm_insert(&bd->dst, (const u8 *)&v4, len4, e, GFP_KERNEL,
			     lock);
	if (err) {
		kfree(e);
		if (err == -ENOMEM)
			goto nomem_bd;
		dcx_why(why, "cannot insert the binding (%d)", err);
		if (new_bd)
			kfree(bd);
		return err;
	}
	/* The trie is filled before the interface becomes visible. */
	if (new_bd)
		hlist_add_head_rcu(&bd->node, dcx_bind_bucket(t, ifindex));
	list_add_tail(&e->slist, &s->binds);
	return 0;

nomem_bd:
	if (new_bd)
		kfree(bd);
nomem:
	dcx_why(why, "out of memory");
	return -ENOMEM;
}

static void dcx_bind_unlink(struct dcx_bind *e, struct mutex *lock)
{
	struct dcx_bind_dev *bd = e->bd;

	dcx_lpm_remove(&bd->dst, (const u8 *)&e->v4, e->len4, lock);
	list_del(&e->slist);
	kfree_rcu(e, rcu);
	if (!dcx_lpm_count(&bd->dst)) {
		hlist_del_rcu(&bd->node);
		kfree_rcu(bd, rcu);
	}
}

int dcx_bind_del(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock)
{
	struct dcx_bind *e = NULL;

	lockdep_assert_held(lock);
	if (len4 <= 32)
		e = dcx_bind_find(t, ifindex, v4, len4, lock);
	if (!e || e->space != s) {
		dcx_why(why, "not bound for " DCX_P4_FMT " to space %s",
			DCX_P4_ARG(v4, min_t(unsigned int, len4, 32)),
			s->name);
		return -ENOENT;
	}
	dcx_bind_unlink(e, lock);
	return 0;
}

void dcx_bind_flush_ifindex(struct dcx_tables *t, int ifindex,
			    struct mutex *lock)
{
	struct dcx_bind *e, *n;
	struct dcx_space *s;

	lockdep_assert_held(lock);
	if (!dcx_bind_dev_find(t, ifindex, lock))
		return;
	list_for_each_entry(s, &t->spaces, list)
		list_for_each_entry_safe(e, n, &s->binds, slist)
			if (e->bd->ifindex == ifindex)
				dcx_bind_unlink(e, lock);
}

void dcx_bind_flush_space(struct dcx_space *s, struct mutex *lock)
{
	struct dcx_bind *e, *n;

	lockdep_assert_held(lock);
	list_for_each_entry_safe(e, n, &s->binds, slist)
		dcx_bind_unlink(e, lock);
}

int dcx_bind_walk(const struct dcx_space *s,
		  int (*cb)(void *ctx, int ifindex, __be32 v4, u8 len4),
		  void *ctx)
{
	const struct dcx_bind *e;
	int ret;

	list_for_each_entry(e, &s->binds, slist) {
		ret = cb(ctx, e->bd->ifindex, e->v4, e->len4);
		if (ret)
			return ret;
	}
	return 0;
}

static void dcx_bind_value_free(void *value)
{
	kfree(value);
}

void dcx_bind_destroy(struct dcx_tables *t)
{
	struct dcx_bind_dev *bd;
	struct hlist_node *n;
	unsigned int i;

	for (i = 0; i < 1u << DCX_BIND_BITS; i++) {
		hlist_for_each_entry_safe(bd, n, &t->binds[i], node) {
			dcx_lpm_destroy(&bd->dst, dcx_bind_value_free);
			kfree(bd);
		}
	}
}

/* ---- packet path ----------------------------------------------------- */

const struct dcx_space *dcx_space_bound(const struct dcx_tables *t,
					int ifindex, __be32 dst4)
{
	const struct dcx_bind_dev *bd;
	const struct dcx_bind *e;

	hlist_for_each_entry_rcu(bd, dcx_bind_bucket(t, ifindex), node) {
		if (bd->ifindex != ifindex)
			continue;
		e = dcx_lpm_lookup(&bd->dst, (const u8 *)&dst4, NULL);
		return e ? e->space : NULL;
	}
	return NULL;
}
