// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces of an instance's tables (see space.h): create with
 * counters, find, set the prefix, delete with everything of theirs.
 */
#include "prefix.h"
#include "addr.h"
#include "pool6.h"
#include "eamt.h"
#include "bind.h"
#include "space.h"

/* ---- life cycle ------------------------------------------------------ */

static struct dcx_space *dcx_space_new(const struct dcx_tables *t,
				       const char *name, u32 id, gfp_t gfp)
{
	struct dcx_space *s = kzalloc(sizeof(*s), gfp);

	if (!s)
		return NULL;
	s->stats = dcx_stats_alloc(gfp);
	if (!s->stats) {
		kfree(s);
		return NULL;
	}
	strscpy(s->name, name, sizeof(s->name));
	s->id = id;
	dcx_eam4_init(t, s);
	INIT_LIST_HEAD(&s->binds);
	return s;
}

/* The space's own memory; its tries and bindings are gone already. */
static void dcx_space_release(struct dcx_space *s)
{
	dcx_stats_free(s->stats);
	kfree(rcu_dereference_protected(s->pool6, 1));
	kfree(s);
}

/* A deleted space, a grace period later, in process context. */
static void dcx_space_free_work(struct work_struct *w)
{
	struct dcx_space *s = container_of(to_rcu_work(w), struct dcx_space,
					   free_work);

	dcx_eam_destroy(s);
	dcx_space_release(s);
}

int dcx_spaces_init(struct dcx_tables *t, gfp_t gfp)
{
	INIT_LIST_HEAD(&t->spaces);
	t->def = dcx_space_new(t, DCX_DEFAULT_SPACE, 0, gfp);
	if (!t->def)
		return -ENOMEM;
	list_add_tail(&t->def->list, &t->spaces);
	t->nspaces = 1;
	return 0;
}

void dcx_spaces_destroy(struct dcx_tables *t)
{
	struct dcx_space *s, *n;

	dcx_bind_destroy(t);
	list_for_each_entry_safe(s, n, &t->spaces, list) {
		dcx_eam_destroy(s);
		list_del(&s->list);
		dcx_space_release(s);
	}
}

/* ---- finding --------------------------------------------------------- */

struct dcx_space *dcx_space_find(const struct dcx_tables *t,
				 const char *name)
{
	struct dcx_space *s;

	list_for_each_entry(s, &t->spaces, list)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

struct dcx_space *dcx_space_find_id(const struct dcx_tables *t, u32 id)
{
	struct dcx_space *s;

	list_for_each_entry(s, &t->spaces, list)
		if (s->id == id)
			return s;
	return NULL;
}

/* ---- prefix, add, delete -------------------------------------------- */

/* A space prefix must not overlap another space's prefix or EAM entries. */
static int dcx_pool6_check(const struct dcx_tables *t,
			   const struct dcx_space *self,
			   const struct dcx_prefix6 *p, char *why)
{
	const struct dcx_space *s;
	const struct dcx_eam *e;

	if (!dcx_prefix6_valid_len(p->len)) {
		dcx_why(why, "prefix length %u is not an RFC 6052 length",
			p->len);
		return -EINVAL;
	}
	if (!dcx_prefix_host_bits_zero(p->addr.s6_addr, p->len, 128)) {
		dcx_why(why, DCX_P6_FMT " has bits set after the length",
			DCX_P6_ARG(&p->addr, p->len));
		return -EINVAL;
	}
	if (dcx_prefix6_check_reserved(p->addr.s6_addr, p->len, why))
		return -EINVAL;
	s = dcx_pool6_clash(t, self, p->addr.s6_addr, p->len);
	if (s) {
		dcx_why(why, DCX_P6_FMT " overlaps the prefix of space %s",
			DCX_P6_ARG(&p->addr, p->len), s->name);
		return -EEXIST;
	}
	rcu_read_lock();
	e = dcx_eam6_clash(t, p->addr.s6_addr, p->len, self);
	rcu_read_unlock();
	if (e) {
		dcx_why(why, DCX_P6_FMT " overlaps EAM " DCX_P6_FMT
			" of space %s", DCX_P6_ARG(&p->addr, p->len),
			DCX_P6_ARG(&e->v6, e->len6), e->space->name);
		return -EEXIST;
	}
	return 0;
}

/*
 * After pool6 changed by one prefix (added, replaced or removed): the
 * readers' shortcut to the only prefix, or NULL. Every moment is a state
 * of the configuration: the trie holds the new prefix before the shortcut
 * goes, and the shortcut to the one left comes after the other's removal.
 */
static void dcx_pool6_only_update(struct dcx_tables *t, struct dcx_pool6 *n,
				  struct mutex *lock)
{
	struct dcx_pool6 *only = NULL, *p;
	struct dcx_space *s;

	if (t->npool6 == 1 && n) {
		only = n;
	} else if (t->npool6 == 1) {
		list_for_each_entry(s, &t->spaces, list) {
			p = rcu_dereference_protected(s->pool6,
						      lockdep_is_held(lock));
			if (p)
				only = p;
		}
	}
	rcu_assign_pointer(t->pool6_only, only);
}

int dcx_space_set_pool6(struct dcx_tables *t, struct dcx_space *s,
			const struct dcx_prefix6 *p, char *why,
			struct mutex *lock)
{
	struct dcx_pool6 *old = rcu_dereference_protected(s->pool6,
						lockdep_is_held(lock));
	struct dcx_pool6 *n = NULL;
	int err;

	if (p && p->len) {
		if (old && old->p.len == p->len &&
		    !memcmp(&old->p.addr, &p->addr, sizeof(p->addr)))
			return 0;
		err = dcx_pool6_check(t, s, p, why);
		if (err)
			return err;
		n = kzalloc(sizeof(*n), GFP_KERNEL);
		if (!n)
			goto nomem;
		n->p = *p;
		n->space = s;
		/* New prefix in first: no moment where neither translates. */
		err = dcx_lpm_insert(&t->pool6, p->addr.s6_addr, p->len, n,
				     GFP_KERNEL, lock);
		if (err) {
			kfree(n);
			if (err == -ENOMEM)
				goto nomem;
			dcx_why(why, "cannot insert the prefix (%d)", err);
			return err;
		}
	}
	rcu_assign_pointer(s->pool6, n);
	if (n && !old) {
		t->npool6++;
		/* Two prefixes now: the shortcut goes (the trie has both). */
		dcx_pool6_only_update(t, n, lock);
	}
	if (old) {
		if (!n)
			t->npool6--;
		else	/* replaced: no shortcut to old while it goes */
			RCU_INIT_POINTER(t->pool6_only, NULL);
		dcx_lpm_remove(&t->pool6, old->p.addr.s6_addr, old->p.len,
			       lock);
		dcx_pool6_only_update(t, n, lock);
		kfree_rcu(old, rcu);
	}
	return 0;

nomem:
	dcx_why(why, "out of memory");
	return -ENOMEM;
}

struct dcx_space *dcx_space_add(struct dcx_tables *t, const char *name,
				u32 id, const struct dcx_prefix6 *pool6,
				char *why, struct mutex *lock)
{
	struct dcx_space *s;
	int err;

	lockdep_assert_held(lock);
	if (!name[0] || strnlen(name, DCXLAT_NAME_MAX) >= DCXLAT_NAME_MAX) {
		dcx_why(why, "space name must be 1..%d bytes",
			DCXLAT_NAME_MAX - 1);
		return ERR_PTR(-EINVAL);
	}
	if (dcx_space_find(t, name)) {
		dcx_why(why, "space \"%s\" already exists", name);
		return ERR_PTR(-EEXIST);
	}
	if (!id || id > 0xffff) {
		dcx_why(why, "space ID %u is out of range 1..65535", id);
		return ERR_PTR(-EINVAL);
	}
	s = dcx_space_find_id(t, id);
	if (s) {
		dcx_why(why, "space ID %u is taken by space %s", id, s->name);
		return ERR_PTR(-EEXIST);
	}
	if (pool6 && pool6->len) {
		err = dcx_pool6_check(t, NULL, pool6, why);
		if (err)
			return ERR_PTR(err);
	}
	s = dcx_space_new(t, name, id, GFP_KERNEL);
	if (!s) {
		dcx_why(why, "out of memory");
		return ERR_PTR(-ENOMEM);
	}
	if (pool6 && pool6->len) {
		err = dcx_space_set_pool6(t, s, pool6, why, lock);
		if (err) {
			dcx_space_release(s);
			return ERR_PTR(err);
		}
	}
	list_add_tail(&s->list, &t->spaces);
	t->nspaces++;
	return s;
}

int dcx_space_del(struct dcx_tables *t, struct dcx_space *s, char *why,
		  struct mutex *lock)
{
	lockdep_assert_held(lock);
	if (s == t->def) {
		dcx_why(why, "the default space cannot be deleted");
		return -EINVAL;
	}
	dcx_bind_flush_space(s, lock);
	dcx_eam_unlink_space(t, s, lock);
	dcx_space_set_pool6(t, s, NULL, NULL, lock);
	list_del(&s->list);
	t->nspaces--;
	/* Its eam4 may hold millions of entries: not in an RCU callback. */
	dcx_free_after_gp(&s->free_work, dcx_space_free_work);
	return 0;
}

/* ---- VRF ------------------------------------------------------------- */

void dcx_space_set_vrf(struct dcx_space *s, const char *name, int ifindex,
		       u32 table)
{
	/* Packets read vrf_ifindex only: they see the old or the new. */
	strscpy(s->vrf_name, name, sizeof(s->vrf_name));
	WRITE_ONCE(s->table, table);
	WRITE_ONCE(s->vrf_ifindex, *name ? ifindex : 0);
}

unsigned int dcx_space_vrf_up(struct dcx_tables *t, const char *name,
			      int ifindex, u32 table, dcx_space_vrf_cb cb,
			      void *ctx, struct mutex *lock)
{
	struct dcx_space *s;
	unsigned int n = 0;

	lockdep_assert_held(lock);
	list_for_each_entry(s, &t->spaces, list) {
		if (s->vrf_ifindex >= 0 || strcmp(s->vrf_name, name) ||
		    (s->table && s->table != table))
			continue;
		WRITE_ONCE(s->table, table);
		WRITE_ONCE(s->vrf_ifindex, ifindex);
		n++;
		if (cb)
			cb(ctx, s);
	}
	return n;
}

unsigned int dcx_space_vrf_gone(struct dcx_tables *t, int ifindex,
				const char *keep, dcx_space_vrf_cb cb,
				void *ctx, struct mutex *lock)
{
	struct dcx_space *s;
	unsigned int n = 0;

	lockdep_assert_held(lock);
	list_for_each_entry(s, &t->spaces, list) {
		if (s->vrf_ifindex != ifindex ||
		    (keep && !strcmp(s->vrf_name, keep)))
			continue;
		WRITE_ONCE(s->vrf_ifindex, -1);
		n++;
		if (cb)
			cb(ctx, s);
	}
	return n;
}

/* ---- base + ID ------------------------------------------------------- */

/* The 16 bits of id at bit offsets base->len .. base->len + 15. */
int dcx_space_prefix_from_base(const struct dcx_prefix6 *base, u32 id,
			       struct dcx_prefix6 *out, char *why)
{
	unsigned int i, bit;

	if (!base->len || base->len > 80) {
		dcx_why(why,
			"space-base /%u leaves no room for a 16-bit ID before /96",
			base->len);
		return -EINVAL;
	}
	if (!id || id > 0xffff) {
		dcx_why(why, "space ID %u is out of range 1..65535", id);
		return -EINVAL;
	}
	memset(out, 0, sizeof(*out));
	for (bit = 0; bit < base->len; bit++)
		out->addr.s6_addr[bit / 8] |= base->addr.s6_addr[bit / 8] &
					      (0x80 >> (bit % 8));
	for (i = 0; i < 16; i++) {
		bit = base->len + i;
		if (id & (0x8000 >> i))
			out->addr.s6_addr[bit / 8] |= 0x80 >> (bit % 8);
	}
	out->len = 96;
	return 0;
}
