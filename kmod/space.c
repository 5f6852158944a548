// SPDX-License-Identifier: GPL-2.0
/*
 * Interface bindings of address spaces, space selection of IPv4 packets,
 * per-space counters and the cleanup when a bound device goes away.
 *
 * Bindings: tables->priv is a small hash of the bound interfaces by
 * ifindex; each interface has an IPv4 LPM trie of destination prefixes,
 * whose values are the bindings (prefix -> space). One lookup per packet:
 * hash bucket, then at most 33 trie nodes, for the ingress device and, when
 * nothing matched, once more for its VRF master. Readers take no lock;
 * writers hold dcx_cfg_mutex and never wait for a grace period: removed
 * objects go through kfree_rcu()/call_rcu().
 */
#include <linux/hash.h>
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/l3mdev.h>
#include "space.h"
#include "instance.h"

#define DCX_BIND_BITS	6

struct dcx_bind_dev {
	struct hlist_node node;		/* dcx_binds.hash, RCU */
	int ifindex;
	struct dcx_lpm dst;		/* IPv4 dst prefix -> struct dcx_bind */
	struct rcu_head rcu;
};

struct dcx_bind {
	struct list_head slist;		/* dcx_space_priv.binds, writers */
	struct dcx_space *space;
	struct dcx_bind_dev *bd;
	__be32 v4;
	u8 len4;
	struct rcu_head rcu;
};

/* tables->priv */
struct dcx_binds {
	struct hlist_head hash[1 << DCX_BIND_BITS];
};

/* space->priv */
struct dcx_space_priv {
	struct dcx_stats __percpu *stats;
	struct list_head binds;		/* struct dcx_bind.slist, writers */
	unsigned int nbinds;
};

static const struct dcx_binds *dcx_binds_get(const struct dcx_tables *t)
{
	return READ_ONCE(t->priv);
}

static struct dcx_space_priv *dcx_space_priv(const struct dcx_space *s)
{
	return READ_ONCE(s->priv);
}

struct dcx_stats __percpu *dcx_space_stats(const struct dcx_space *s)
{
	const struct dcx_space_priv *p = dcx_space_priv(s);

	return p ? p->stats : NULL;
}

unsigned int dcx_bind_count(const struct dcx_space *s)
{
	const struct dcx_space_priv *p = dcx_space_priv(s);

	return p ? p->nbinds : 0;
}

/* ---- life cycle ------------------------------------------------------ */

static void dcx_space_priv_free(void *priv)
{
	struct dcx_space_priv *p = priv;

	if (!p)
		return;
	dcx_stats_free(p->stats);
	kfree(p);
}

static void dcx_bind_value_free(void *value)
{
	kfree(value);
}

/* From the RCU callback that frees the tables (or when never published). */
static void dcx_binds_free(void *priv)
{
	struct dcx_binds *b = priv;
	struct dcx_bind_dev *bd;
	struct hlist_node *n;
	unsigned int i;

	if (!b)
		return;
	for (i = 0; i < ARRAY_SIZE(b->hash); i++) {
		hlist_for_each_entry_safe(bd, n, &b->hash[i], node) {
			dcx_lpm_destroy(&bd->dst, dcx_bind_value_free);
			kfree(bd);
		}
	}
	kfree(b);
}

int dcx_space_attach(struct dcx_tables *t, char *why, struct mutex *lock)
{
	struct dcx_space_priv *p;
	struct dcx_binds *b;
	struct dcx_space *s;

	lockdep_assert_held(lock);
	if (!t->priv) {
		b = kzalloc(sizeof(*b), GFP_KERNEL);
		if (!b)
			goto nomem;
		t->priv_free = dcx_binds_free;
		/* Readers load it with READ_ONCE: publish it initialised. */
		smp_store_release(&t->priv, b);
	}
	list_for_each_entry(s, &t->spaces, list) {
		if (s->priv)
			continue;
		p = kzalloc(sizeof(*p), GFP_KERNEL);
		if (!p)
			goto nomem;
		p->stats = dcx_stats_alloc();
		if (!p->stats) {
			kfree(p);
			goto nomem;
		}
		INIT_LIST_HEAD(&p->binds);
		s->priv_free = dcx_space_priv_free;
		/* Pairs with READ_ONCE() in dcx_space_priv(): initialised. */
		smp_store_release(&s->priv, p);
	}
	return 0;

nomem:
	if (why)
		strscpy(why, "out of memory", DCX_WHY_LEN);
	return -ENOMEM;
}

/* ---- base + ID ------------------------------------------------------- */

bool dcx_space_base_valid_len(unsigned int len)
{
	return len && len <= 80;
}

/* The 16 bits of id at bit offsets base->len .. base->len + 15. */
int dcx_space_prefix_from_base(const struct dcx_prefix6 *base, u32 id,
			       struct dcx_prefix6 *out, char *why)
{
	unsigned int i, bit;

	if (!dcx_space_base_valid_len(base->len)) {
		snprintf(why, DCX_WHY_LEN,
			 "space-base /%u leaves no room for a 16-bit ID before /96",
			 base->len);
		return -EINVAL;
	}
	if (!id || id > 0xffff) {
		snprintf(why, DCX_WHY_LEN,
			 "space ID %u is out of range 1..65535", id);
		return -EINVAL;
	}
	memset(out, 0, sizeof(*out));
	ipv6_addr_prefix(&out->addr, &base->addr, base->len);
	for (i = 0; i < 16; i++) {
		bit = base->len + i;
		if (id & (0x8000 >> i))
			out->addr.s6_addr[bit / 8] |= 0x80 >> (bit % 8);
	}
	out->len = 96;
	return 0;
}

/* ---- bindings: writers ----------------------------------------------- */

static struct hlist_head *dcx_bind_bucket(const struct dcx_binds *b,
					  int ifindex)
{
	return (struct hlist_head *)&b->hash[hash_32(ifindex, DCX_BIND_BITS)];
}

static struct dcx_bind_dev *dcx_bind_dev_find(const struct dcx_binds *b,
					      int ifindex)
{
	struct dcx_bind_dev *bd;

	hlist_for_each_entry_rcu(bd, dcx_bind_bucket(b, ifindex), node,
				 lockdep_is_held(&dcx_cfg_mutex))
		if (bd->ifindex == ifindex)
			return bd;
	return NULL;
}

static bool dcx_v4_host_bits_zero(__be32 v4, u8 len4)
{
	return !len4 ? !v4 : !(ntohl(v4) & (~0u >> len4));
}

int dcx_bind_add(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock)
{
	struct dcx_space_priv *p;
	struct dcx_bind_dev *bd;
	struct dcx_binds *b;
	struct dcx_bind *e;
	bool new_bd = false;
	int err;

	lockdep_assert_held(lock);
	if (len4 > 32 || !dcx_v4_host_bits_zero(v4, len4)) {
		snprintf(why, DCX_WHY_LEN,
			 "%pI4/%u is not an IPv4 prefix (bits after the length?)",
			 &v4, len4);
		return -EINVAL;
	}
	err = dcx_space_attach(t, why, lock);
	if (err)
		return err;
	b = t->priv;
	p = s->priv;
	bd = dcx_bind_dev_find(b, ifindex);
	if (bd) {
		rcu_read_lock();
		e = dcx_lpm_find_exact(&bd->dst, (const u8 *)&v4, len4);
		rcu_read_unlock();
		if (e) {
			snprintf(why, DCX_WHY_LEN,
				 "already bound for %pI4/%u to space %s",
				 &v4, len4, e->space->name);
			return -EEXIST;
		}
	} else {
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
		snprintf(why, DCX_WHY_LEN, "cannot insert the binding (%d)",
			 err);
		if (new_bd)
			kfree(bd);
		return err;
	}
	/* The trie is filled before the device becomes visible. */
	if (new_bd)
		hlist_add_head_rcu(&bd->node, dcx_bind_bucket(b, ifindex));
	list_add_tail(&e->slist, &p->binds);
	p->nbinds++;
	return 0;

nomem_bd:
	if (new_bd)
		kfree(bd);
nomem:
	strscpy(why, "out of memory", DCX_WHY_LEN);
	return -ENOMEM;
}

static void dcx_bind_unlink(struct dcx_bind *e, struct mutex *lock)
{
	struct dcx_space_priv *p = e->space->priv;
	struct dcx_bind_dev *bd = e->bd;

	dcx_lpm_remove(&bd->dst, (const u8 *)&e->v4, e->len4, lock);
	list_del(&e->slist);
	p->nbinds--;
	kfree_rcu(e, rcu);
	if (!dcx_lpm_count(&bd->dst)) {
		hlist_del_rcu(&bd->node);
		kfree_rcu(bd, rcu);
	}
}

int dcx_bind_del(struct dcx_tables *t, struct dcx_space *s, int ifindex,
		 __be32 v4, u8 len4, char *why, struct mutex *lock)
{
	struct dcx_bind_dev *bd;
	struct dcx_bind *e = NULL;

	lockdep_assert_held(lock);
	if (len4 > 32)
		goto none;
	bd = t->priv ? dcx_bind_dev_find(t->priv, ifindex) : NULL;
	if (bd) {
		rcu_read_lock();
		e = dcx_lpm_find_exact(&bd->dst, (const u8 *)&v4, len4);
		rcu_read_unlock();
	}
	if (!e || e->space != s)
		goto none;
	dcx_bind_unlink(e, lock);
	return 0;

none:
	snprintf(why, DCX_WHY_LEN, "not bound for %pI4/%u to space %s",
		 &v4, min_t(unsigned int, len4, 32), s->name);
	return -ENOENT;
}

void dcx_bind_flush_ifindex(struct dcx_tables *t, int ifindex,
			    struct mutex *lock)
{
	struct dcx_space_priv *p;
	struct dcx_bind *e, *n;
	struct dcx_space *s;

	lockdep_assert_held(lock);
	if (!t->priv || !dcx_bind_dev_find(t->priv, ifindex))
		return;
	list_for_each_entry(s, &t->spaces, list) {
		p = s->priv;
		if (!p)
			continue;
		list_for_each_entry_safe(e, n, &p->binds, slist)
			if (e->bd->ifindex == ifindex)
				dcx_bind_unlink(e, lock);
	}
}

int dcx_bind_walk(const struct dcx_tables *t, const struct dcx_space *s,
		  int (*cb)(void *ctx, int ifindex, __be32 v4, u8 len4),
		  void *ctx)
{
	const struct dcx_space_priv *p = s->priv;
	const struct dcx_bind *e;
	int ret;

	if (!p)
		return 0;
	list_for_each_entry(e, &p->binds, slist) {
		ret = cb(ctx, e->bd->ifindex, e->v4, e->len4);
		if (ret)
			return ret;
	}
	return 0;
}

int dcx_space_remove(struct dcx_tables *t, struct dcx_space *s, char *why,
		     struct mutex *lock)
{
	struct dcx_space_priv *p = s->priv;
	struct dcx_bind *e, *n;

	lockdep_assert_held(lock);
	if (s == t->def)
		return dcx_space_del(t, s, why, lock);
	if (p)
		list_for_each_entry_safe(e, n, &p->binds, slist)
			dcx_bind_unlink(e, lock);
	return dcx_space_del(t, s, why, lock);
}

/* ---- packet path ----------------------------------------------------- */

static const struct dcx_bind *dcx_bind_lookup(const struct dcx_binds *b,
					      int ifindex, __be32 dst4)
{
	const struct dcx_bind_dev *bd;

	hlist_for_each_entry_rcu(bd, dcx_bind_bucket(b, ifindex), node)
		if (bd->ifindex == ifindex)
			return dcx_lpm_lookup(&bd->dst, (const u8 *)&dst4,
					      NULL);
	return NULL;
}

const struct dcx_space *dcx_space_select4(const struct dcx_xlat_cfg *cfg,
					  const struct net_device *dev,
					  __be32 dst4)
{
	const struct dcx_binds *b = dcx_binds_get(cfg->tables);
	const struct dcx_bind *e = NULL;
	int master;

	if (b) {
		e = dcx_bind_lookup(b, dev->ifindex, dst4);
		if (!e) {
			master = l3mdev_master_ifindex_rcu(dev);
			if (master && master != dev->ifindex)
				e = dcx_bind_lookup(b, master, dst4);
		}
	}
	if (e)
		return e->space;
	if (cfg->unbound == DCXLAT_UNBOUND_PASS)
		return NULL;
	return cfg->tables->def;
}

/* ---- devices going away ---------------------------------------------- */

static void dcx_space_dev_gone(struct net *net, int ifindex)
{
	struct dcx_instance *inst;
	struct dcx_tables *t;
	struct dcx_space *s;

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(net)->instances, list) {
		t = dcx_instance_tables(inst);
		dcx_bind_flush_ifindex(t, ifindex, &dcx_cfg_mutex);
		/* Its packets are dropped, never routed in the main table. */
		list_for_each_entry(s, &t->spaces, list)
			if (s->vrf_ifindex == ifindex)
				WRITE_ONCE(s->vrf_ifindex, -1);
	}
	mutex_unlock(&dcx_cfg_mutex);
}

static int dcx_space_netdev_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event == NETDEV_UNREGISTER)
		dcx_space_dev_gone(dev_net(dev), dev->ifindex);
	return NOTIFY_DONE;
}

static struct notifier_block dcx_space_nb = {
	.notifier_call = dcx_space_netdev_event,
};

int dcx_space_init(void)
{
	return register_netdevice_notifier(&dcx_space_nb);
}

void dcx_space_exit(void)
{
	unregister_netdevice_notifier(&dcx_space_nb);
}
