// SPDX-License-Identifier: GPL-2.0
/*
 * Interface bindings of address spaces (see bind.h). The records are the
 * writers' (plain kfree); the lookup registry is the readers': removed
 * interfaces go through kfree_rcu(), so writers never wait for readers.
 */
#include "prefix.h"
#include "bind.h"

/* One bound interface: tables->binds, by ifindex. */
struct dcx_bind_dev {
	struct hlist_node node;		/* tables->binds[], RCU */
	int ifindex;
	struct dcx_lpm dst;		/* IPv4 dst prefix -> struct dcx_space */
	struct rcu_head rcu;
};

/* One binding, active (bd set) or waiting for its device (bd NULL). */
struct dcx_bind {
	struct list_head slist;		/* dcx_space.binds, writers */
	struct dcx_space *space;
	struct dcx_bind_dev *bd;
	char dev[DCX_BIND_DEVLEN];
	__be32 v4;
	u8 len4;
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

/* Writers: the binding of exactly dev and v4/len4 in any space, or NULL. */
static struct dcx_bind *dcx_bind_find(const struct dcx_tables *t,
				      const char *dev, __be32 v4, u8 len4)
{
	struct dcx_space *s;
	struct dcx_bind *e;

	list_for_each_entry(s, &t->spaces, list)
		list_for_each_entry(e, &s->binds, slist)
			if (e->v4 == v4 && e->len4 == len4 &&
			    !strcmp(e->dev, dev))
				return e;
	return NULL;
}

/* Put e into the lookup registry under ifindex. */
static int dcx_bind_activate(struct dcx_tables *t, struct dcx_bind *e,
			     int ifindex, struct mutex *lock)
{
	struct dcx_bind_dev *bd = dcx_bind_dev_find(t, ifindex, lock);
	bool new_bd = !bd;
	int err;

	if (new_bd) {
		bd = kzalloc(sizeof(*bd), GFP_KERNEL);
		if (!bd)
			return -ENOMEM;
		bd->ifindex = ifindex;
		dcx_lpm_init(&bd->dst, 32);
	}
	err = dcx_lpm_insert(&bd->dst, (const u8 *)&e->v4, e->len4, e->space,
			     GFP_KERNEL, lock);
	if (err) {
		if (new_bd)
			kfree(bd);
		return err;
	}
	/* The trie is filled before the interface becomes visible. */
	if (new_bd)
		hlist_add_head_rcu(&bd->node, dcx_bind_bucket(t, ifindex));
	e->bd = bd;
	return 0;
}

/* Take e out of the lookup registry: it waits (or is about to go). */
static void dcx_bind_deactivate(struct dcx_bind *e, struct mutex *lock)
{
	struct dcx_bind_dev *bd = e->bd;

	if (!bd)
		return;
	dcx_lpm_remove(&bd->dst, (const u8 *)&e->v4, e->len4, lock);
	e->bd = NULL;
	if (!dcx_lpm_count(&bd->dst)) {
		hlist_del_rcu(&bd->node);
		kfree_rcu(bd, rcu);
	}
}

int dcx_bind_add(struct dcx_tables *t, struct dcx_space *s, const char *dev,
		 int ifindex, __be32 v4, u8 len4, char *why,
		 struct mutex *lock)
{
	struct dcx_bind *e;
	int err;

	lockdep_assert_held(lock);
	if (len4 > 32 ||
	    !dcx_prefix_host_bits_zero((const u8 *)&v4, len4, 32)) {
		dcx_why(why, DCX_P4_FMT
			" is not an IPv4 prefix (bits after the length?)",
			DCX_P4_ARG(v4, len4));
		return -EINVAL;
	}
	if (!*dev || strnlen(dev, DCX_BIND_DEVLEN) == DCX_BIND_DEVLEN ||
	    ifindex < 0) {
		dcx_why(why, "not an interface name (1..%d bytes)",
			DCX_BIND_DEVLEN - 1);
		return -EINVAL;
	}
	e = dcx_bind_find(t, dev, v4, len4);
	if (e) {
		dcx_why(why, "already bound for " DCX_P4_FMT " to space %s",
			DCX_P4_ARG(v4, len4), e->space->name);
		return -EEXIST;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		goto nomem;
	e->space = s;
	strscpy(e->dev, dev, sizeof(e->dev));
	e->v4 = v4;
	e->len4 = len4;
	if (ifindex) {
		err = dcx_bind_activate(t, e, ifindex, lock);
		if (err) {
			kfree(e);
			if (err == -ENOMEM)
				goto nomem;
			dcx_why(why, "cannot insert the binding (%d)", err);
			return err;
		}
	}
	list_add_tail(&e->slist, &s->binds);
	return 0;

nomem:
	dcx_why(why, "out of memory");
	return -ENOMEM;
}

static void dcx_bind_free(struct dcx_bind *e, struct mutex *lock)
{
	dcx_bind_deactivate(e, lock);
	list_del(&e->slist);
	kfree(e);
}

int dcx_bind_del(struct dcx_tables *t, struct dcx_space *s, const char *dev,
		 __be32 v4, u8 len4, char *why, struct mutex *lock)
{
	struct dcx_bind *e = NULL;

	lockdep_assert_held(lock);
	if (len4 <= 32)
		e = dcx_bind_find(t, dev, v4, len4);
	if (!e || e->space != s) {
		dcx_why(why, "not bound for " DCX_P4_FMT " to space %s",
			DCX_P4_ARG(v4, min_t(unsigned int, len4, 32)),
			s->name);
		return -ENOENT;
	}
	dcx_bind_free(e, lock);
	return 0;
}

void dcx_bind_dev_gone(struct dcx_tables *t, int ifindex, struct mutex *lock)
{
	struct dcx_bind_dev *bd;
	struct dcx_space *s;
	struct dcx_bind *e;

	lockdep_assert_held(lock);
	bd = dcx_bind_dev_find(t, ifindex, lock);
	if (!bd)
		return;
	/* The last deactivation frees bd; the compare never reads it. */
	list_for_each_entry(s, &t->spaces, list)
		list_for_each_entry(e, &s->binds, slist)
			if (e->bd == bd)
				dcx_bind_deactivate(e, lock);
}

int dcx_bind_dev_up(struct dcx_tables *t, const char *dev, int ifindex,
		    struct mutex *lock)
{
	struct dcx_space *s;
	struct dcx_bind *e;
	int ret = 0;

	lockdep_assert_held(lock);
	list_for_each_entry(s, &t->spaces, list)
		list_for_each_entry(e, &s->binds, slist)
			if (!e->bd && !strcmp(e->dev, dev) &&
			    dcx_bind_activate(t, e, ifindex, lock))
				ret = -ENOMEM;
	return ret;
}

void dcx_bind_flush_space(struct dcx_space *s, struct mutex *lock)
{
	struct dcx_bind *e, *n;

	lockdep_assert_held(lock);
	list_for_each_entry_safe(e, n, &s->binds, slist)
		dcx_bind_free(e, lock);
}

int dcx_bind_walk(const struct dcx_space *s,
		  int (*cb)(void *ctx, const char *dev, int ifindex,
			    __be32 v4, u8 len4),
		  void *ctx)
{
	const struct dcx_bind *e;
	int ret;

	list_for_each_entry(e, &s->binds, slist) {
		ret = cb(ctx, e->dev, e->bd ? e->bd->ifindex : 0, e->v4,
			 e->len4);
		if (ret)
			return ret;
	}
	return 0;
}

unsigned int dcx_bind_waiting(const struct dcx_space *s)
{
	const struct dcx_bind *e;
	unsigned int n = 0;

	list_for_each_entry(e, &s->binds, slist)
		n += !e->bd;
	return n;
}

void dcx_bind_destroy(struct dcx_tables *t)
{
	struct dcx_bind_dev *bd;
	struct dcx_bind *e, *ne;
	struct hlist_node *n;
	struct dcx_space *s;
	unsigned int i;

	for (i = 0; i < 1u << DCX_BIND_BITS; i++) {
		hlist_for_each_entry_safe(bd, n, &t->binds[i], node) {
			dcx_lpm_destroy(&bd->dst, NULL);
			kfree(bd);
		}
	}
	list_for_each_entry(s, &t->spaces, list)
		list_for_each_entry_safe(e, ne, &s->binds, slist)
			kfree(e);
}

/* ---- packet path ----------------------------------------------------- */

const struct dcx_space *dcx_space_bound(const struct dcx_tables *t,
					int ifindex, __be32 dst4)
{
	const struct dcx_bind_dev *bd;

	hlist_for_each_entry_rcu(bd, dcx_bind_bucket(t, ifindex), node) {
		if (bd->ifindex != ifindex)
			continue;
		return dcx_lpm_lookup(&bd->dst, (const u8 *)&dst4, NULL);
	}
	return NULL;
}
