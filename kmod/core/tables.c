// SPDX-License-Identifier: GPL-2.0
/*
 * Address spaces and RFC 7757 EAM entries of an instance (see tables.h).
 */
#include "tables.h"

#ifdef __KERNEL__
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#else
#include <stdarg.h>
#endif

/* ---- prefixes ------------------------------------------------------- */

static bool dcx_bits_equal(const u8 *a, const u8 *b, unsigned int bits)
{
	unsigned int bytes = bits / 8, rest = bits % 8;
	u8 mask;

	if (memcmp(a, b, bytes))
		return false;
	if (!rest)
		return true;
	mask = 0xff << (8 - rest);
	return !((a[bytes] ^ b[bytes]) & mask);
}

/* True if no bit after len is set in the bits-wide key. */
static bool dcx_host_bits_zero(const u8 *key, unsigned int len,
			       unsigned int bits)
{
	unsigned int i;

	for (i = len; i < bits; i++)
		if (key[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

/* Two prefixes overlap when one contains the other. */
static bool dcx_overlap(const u8 *a, unsigned int la, const u8 *b,
			unsigned int lb)
{
	return dcx_bits_equal(a, b, min(la, lb));
}

static void dcx_why(char *why, const char *fmt, ...) __printf(2, 3);
static void dcx_why(char *why, const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	va_start(ap, fmt);
	vsnprintf(why, DCX_WHY_LEN, fmt, ap);
	va_end(ap);
}

#ifdef __KERNEL__
#define DCX_P4_FMT		"%pI4/%u"
#define DCX_P4_ARG(a, l)	&(a), (l)
#define DCX_P6_FMT		"%pI6c/%u"
#define DCX_P6_ARG(a, l)	(a), (l)
#else
/* Userspace printf has no %pI4: format into a rotating set of buffers. */
static const char *dcx_ntop(int af, const void *a)
{
	static char buf[4][INET6_ADDRSTRLEN];
	static unsigned int n;
	char *b = buf[n++ % 4];

	return inet_ntop(af, a, b, INET6_ADDRSTRLEN);
}

#define DCX_P4_FMT		"%s/%u"
#define DCX_P4_ARG(a, l)	dcx_ntop(AF_INET, &(a)), (l)
#define DCX_P6_FMT		"%s/%u"
#define DCX_P6_ARG(a, l)	dcx_ntop(AF_INET6, (a)), (l)
#endif

/* ---- reading -------------------------------------------------------- */

const struct dcx_prefix6 *dcx_space_pool6(const struct dcx_space *s)
{
	const struct dcx_pool6 *p = rcu_dereference_check(s->pool6, 1);

	return p ? &p->p : NULL;
}

const struct dcx_eam *dcx_eam_lookup4(const struct dcx_space *s, __be32 v4)
{
	return dcx_lpm_lookup(&s->eam4, (const u8 *)&v4, NULL);
}

const struct dcx_eam *dcx_eam_lookup6(const struct dcx_tables *t,
				      const struct in6_addr *v6)
{
	return dcx_lpm_lookup(&t->eam6, v6->s6_addr, NULL);
}

const struct dcx_pool6 *dcx_pool6_lookup(const struct dcx_tables *t,
					 const struct in6_addr *v6)
{
	return dcx_lpm_lookup(&t->pool6, v6->s6_addr, NULL);
}

/*
 * Host-bit mask of an EAM entry's IPv4 prefix (also the low 32 bits of its
 * IPv6 prefix, whose suffix is as long). A shift by 32 is undefined in C
 * (x86 takes it modulo 32), so /32 is spelt out.
 */
static u32 dcx_eam_suffix_mask(const struct dcx_eam *e)
{
	return e->len4 >= 32 ? 0 : ~0u >> e->len4;
}

/* RFC 7757 3.2: the prefix is replaced, the suffix bits are carried over. */
void dcx_eam_46(const struct dcx_eam *e, __be32 v4, struct in6_addr *v6)
{
	u32 suffix = ntohl(v4) & dcx_eam_suffix_mask(e);

	*v6 = e->v6;
	v6->s6_addr32[3] |= htonl(suffix);
}

__be32 dcx_eam_64(const struct dcx_eam *e, const struct in6_addr *v6)
{
	u32 suffix = ntohl(v6->s6_addr32[3]) & dcx_eam_suffix_mask(e);

	return e->v4 | htonl(suffix);
}

struct dcx_walk_ctx {
	int (*cb)(void *ctx, const struct dcx_eam *e);
	void *ctx;
};

static int dcx_eam_walk_cb(void *ctx, const u8 *key __always_unused,
			   u8 cidr __always_unused, void *value)
{
	struct dcx_walk_ctx *w = ctx;

	return w->cb(w->ctx, value);
}

int dcx_eam_walk(const struct dcx_space *s, bool start, __be32 v4, u8 len4,
		 int (*cb)(void *ctx, const struct dcx_eam *e), void *ctx)
{
	struct dcx_walk_ctx w = { .cb = cb, .ctx = ctx };

	return dcx_lpm_walk(&s->eam4, start ? (const u8 *)&v4 : NULL, len4,
			    true, dcx_eam_walk_cb, &w);
}

/* ---- spaces --------------------------------------------------------- */

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

static struct dcx_space *dcx_space_new(const char *name, u32 id, gfp_t gfp)
{
	struct dcx_space *s = kzalloc(sizeof(*s), gfp);

	if (!s)
		return NULL;
	strscpy(s->name, name, sizeof(s->name));
	s->id = id;
	dcx_lpm_init(&s->eam4, 32);
	return s;
}

static void dcx_eam_free(void *value)
{
	kfree(value);
}

/* The space's own memory; its tries are empty or destroyed already. */
static void dcx_space_release(struct dcx_space *s)
{
	if (s->priv_free)
		s->priv_free(s->priv);
	kfree(rcu_dereference_protected(s->pool6, 1));
	kfree(s);
}

static void dcx_space_free_rcu(struct rcu_head *head)
{
	dcx_space_release(container_of(head, struct dcx_space, rcu));
}

struct dcx_tables *dcx_tables_alloc(gfp_t gfp)
{
	struct dcx_tables *t = kzalloc(sizeof(*t), gfp);

	if (!t)
		return NULL;
	dcx_lpm_init(&t->eam6, 128);
	dcx_lpm_init(&t->pool6, 128);
	INIT_LIST_HEAD(&t->spaces);
	t->def = dcx_space_new(DCX_DEFAULT_SPACE, 0, gfp);
	if (!t->def) {
		kfree(t);
		return NULL;
	}
	list_add_tail(&t->def->list, &t->spaces);
	t->nspaces = 1;
	return t;
}

void dcx_tables_destroy(struct dcx_tables *t)
{
	struct dcx_space *s, *n;

	if (!t)
		return;
	dcx_lpm_destroy(&t->eam6, NULL);
	dcx_lpm_destroy(&t->pool6, NULL);
	list_for_each_entry_safe(s, n, &t->spaces, list) {
		dcx_lpm_destroy(&s->eam4, dcx_eam_free);
		list_del(&s->list);
		dcx_space_release(s);
	}
	if (t->priv_free)
		t->priv_free(t->priv);
	kfree(t);
}

static void dcx_tables_free_rcu(struct rcu_head *head)
{
	dcx_tables_destroy(container_of(head, struct dcx_tables, rcu));
}

void dcx_tables_free(struct dcx_tables *t, struct mutex *lock)
{
	lockdep_assert_held(lock);
	if (t)
		call_rcu(&t->rcu, dcx_tables_free_rcu);
}

/* Walk state: the first EAM entry inside a prefix that is not self's. */
struct dcx_inside {
	const u8 *key;
	unsigned int len;
	const struct dcx_space *self;
	const struct dcx_eam *found;
};

static int dcx_inside_cb(void *ctx, const u8 *key, u8 cidr, void *value)
{
	struct dcx_inside *in = ctx;
	const struct dcx_eam *e = value;

	if (cidr < in->len || !dcx_bits_equal(key, in->key, in->len))
		return 1;	/* past the prefix: entries inside it are adjacent */
	if (e->space == in->self)
		return 0;
	in->found = e;
	return 1;
}

/*
 * Some EAM entry of eam6 that overlaps key/len and belongs to another
 * space than self (self == NULL: any space), or NULL.
 */
static const struct dcx_eam *dcx_eam6_clash(const struct dcx_tables *t,
					    const u8 *key, unsigned int len,
					    const struct dcx_space *self)
{
	struct dcx_inside in = { key, len, self, NULL };
	const struct dcx_eam *e;

	/* An entry around the prefix contains its first address. */
	e = dcx_lpm_lookup(&t->eam6, key, NULL);
	if (e && e->len6 <= len && e->space != self)
		return e;
	dcx_lpm_walk(&t->eam6, key, len, false, dcx_inside_cb, &in);
	return in.found;
}

/* A space prefix must not overlap another space's prefix or EAM entries. */
static int dcx_pool6_check(const struct dcx_tables *t,
			   const struct dcx_space *self,
			   const struct dcx_prefix6 *p, char *why)
{
	const struct dcx_prefix6 *q;
	const struct dcx_space *s;
	const struct dcx_eam *e;

	if (!dcx_prefix6_valid_len(p->len)) {
		dcx_why(why, "prefix length %u is not an RFC 6052 length",
			p->len);
		return -EINVAL;
	}
	if (!dcx_host_bits_zero(p->addr.s6_addr, p->len, 128)) {
		dcx_why(why, DCX_P6_FMT " has bits set after the length",
			DCX_P6_ARG(&p->addr, p->len));
		return -EINVAL;
	}
	list_for_each_entry(s, &t->spaces, list) {
		if (s == self)
			continue;
		q = dcx_space_pool6(s);
		if (q && dcx_overlap(q->addr.s6_addr, q->len,
				     p->addr.s6_addr, p->len)) {
			dcx_why(why, DCX_P6_FMT " overlaps the prefix of space %s",
				DCX_P6_ARG(&p->addr, p->len), s->name);
			return -EEXIST;
		}
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
	if (old) {
		dcx_lpm_remove(&t->pool6, old->p.addr.s6_addr, old->p.len,
			       lock);
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
	s = dcx_space_new(name, id, GFP_KERNEL);
	if (!s) {
		dcx_why(why, "out of memory");
		return ERR_PTR(-ENOMEM);
	}
	if (pool6 && pool6->len) {
		err = dcx_space_set_pool6(t, s, pool6, why, lock);
		if (err) {
			kfree(s);
			return ERR_PTR(err);
		}
	}
	list_add_tail(&s->list, &t->spaces);
	t->nspaces++;
	return s;
}

/* Unlink every EAM entry of s from eam6; eam4 keeps them for the free. */
static int dcx_eam6_unlink_cb(void *ctx, const struct dcx_eam *e)
{
	struct dcx_tables *t = ((void **)ctx)[0];
	struct mutex *lock = ((void **)ctx)[1];

	dcx_lpm_remove(&t->eam6, e->v6.s6_addr, e->len6, lock);
	return 0;
}

void dcx_eam_flush(struct dcx_tables *t, struct dcx_space *s,
		   struct mutex *lock)
{
	void *ctx[2] = { t, lock };

	lockdep_assert_held(lock);
	rcu_read_lock();
	dcx_eam_walk(s, false, 0, 0, dcx_eam6_unlink_cb, ctx);
	rcu_read_unlock();
	t->neams -= dcx_lpm_count(&s->eam4);
	dcx_lpm_free(&s->eam4, dcx_eam_free, lock);
}

int dcx_space_del(struct dcx_tables *t, struct dcx_space *s, char *why,
		  struct mutex *lock)
{
	lockdep_assert_held(lock);
	if (s == t->def) {
		dcx_why(why, "the default space cannot be deleted");
		return -EINVAL;
	}
	dcx_eam_flush(t, s, lock);
	dcx_space_set_pool6(t, s, NULL, NULL, lock);
	list_del(&s->list);
	t->nspaces--;
	call_rcu(&s->rcu, dcx_space_free_rcu);
	return 0;
}

/* ---- EAM entries ---------------------------------------------------- */

static int dcx_eam_check(const struct dcx_tables *t,
			 const struct dcx_space *s, __be32 v4, u8 len4,
			 const struct in6_addr *v6, u8 len6, char *why)
{
	const struct dcx_prefix6 *q;
	const struct dcx_space *o;
	const struct dcx_eam *e;

	if (len4 > 32 || len6 > 128 || 32 - len4 != 128 - len6) {
		dcx_why(why, "EAM " DCX_P4_FMT " " DCX_P6_FMT
			": suffix lengths differ (%u and %u bits)",
			DCX_P4_ARG(v4, len4), DCX_P6_ARG(v6, len6),
			32 - min_t(unsigned int, len4, 32),
			128 - min_t(unsigned int, len6, 128));
		return -EINVAL;
	}
	if (!dcx_host_bits_zero((const u8 *)&v4, len4, 32)) {
		dcx_why(why, DCX_P4_FMT " has bits set after the length",
			DCX_P4_ARG(v4, len4));
		return -EINVAL;
	}
	if (!dcx_host_bits_zero(v6->s6_addr, len6, 128)) {
		dcx_why(why, DCX_P6_FMT " has bits set after the length",
			DCX_P6_ARG(v6, len6));
		return -EINVAL;
	}
	/* RFC 7757 3.2: overlapping entries make the mapping ambiguous. */
	rcu_read_lock();
	e = dcx_lpm_lookup(&s->eam4, (const u8 *)&v4, NULL);
	if (!e || e->len4 > len4) {
		struct dcx_inside in = { (const u8 *)&v4, len4, NULL, NULL };

		e = NULL;
		dcx_lpm_walk(&s->eam4, (const u8 *)&v4, len4, false,
			     dcx_inside_cb, &in);
		e = in.found;
	}
	rcu_read_unlock();
	if (e) {
		dcx_why(why, DCX_P4_FMT " overlaps EAM " DCX_P4_FMT
			" in space %s", DCX_P4_ARG(v4, len4),
			DCX_P4_ARG(e->v4, e->len4), s->name);
		return -EEXIST;
	}
	rcu_read_lock();
	e = dcx_eam6_clash(t, v6->s6_addr, len6, NULL);
	rcu_read_unlock();
	if (e) {
		dcx_why(why, DCX_P6_FMT " overlaps EAM " DCX_P6_FMT
			" in space %s", DCX_P6_ARG(v6, len6),
			DCX_P6_ARG(&e->v6, e->len6), e->space->name);
		return -EEXIST;
	}
	/* Inside its own space's prefix is fine (hairpinning), not another's. */
	list_for_each_entry(o, &t->spaces, list) {
		q = dcx_space_pool6(o);
		if (o != s && q &&
		    dcx_overlap(q->addr.s6_addr, q->len, v6->s6_addr, len6)) {
			dcx_why(why, DCX_P6_FMT " overlaps the prefix of space %s",
				DCX_P6_ARG(v6, len6), o->name);
			return -EEXIST;
		}
	}
	return 0;
}

int dcx_eam_add(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		u8 len4, const struct in6_addr *v6, u8 len6, char *why,
		struct mutex *lock)
{
	struct dcx_eam *e;
	int err;

	lockdep_assert_held(lock);
	err = dcx_eam_check(t, s, v4, len4, v6, len6, why);
	if (err)
		return err;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		goto nomem;
	e->v4 = v4;
	e->len4 = len4;
	e->v6 = *v6;
	e->len6 = len6;
	e->space = s;
	err = dcx_lpm_insert(&s->eam4, (const u8 *)&v4, len4, e, GFP_KERNEL,
			     lock);
	if (err) {
		kfree(e);
		goto fail;
	}
	err = dcx_lpm_insert(&t->eam6, v6->s6_addr, len6, e, GFP_KERNEL,
			     lock);
	if (err) {
		/* Readers may have found it through eam4 meanwhile. */
		dcx_lpm_remove(&s->eam4, (const u8 *)&v4, len4, lock);
		kfree_rcu(e, rcu);
		goto fail;
	}
	t->neams++;
	return 0;

fail:
	if (err != -ENOMEM) {
		dcx_why(why, "cannot insert the EAM entry (%d)", err);
		return err;
	}
nomem:
	dcx_why(why, "out of memory");
	return -ENOMEM;
}

int dcx_eam_del(struct dcx_tables *t, struct dcx_space *s, __be32 v4,
		u8 len4, const struct in6_addr *v6, u8 len6, char *why,
		struct mutex *lock)
{
	struct dcx_eam *e;

	lockdep_assert_held(lock);
	rcu_read_lock();
	if (v6) {
		e = len6 <= 128 ?
		    dcx_lpm_find_exact(&t->eam6, v6->s6_addr, len6) : NULL;
		if (!e || e->space != s) {
			rcu_read_unlock();
			dcx_why(why, "no EAM " DCX_P6_FMT " in space %s",
				DCX_P6_ARG(v6, len6), s->name);
			return -ENOENT;
		}
	} else {
		e = len4 <= 32 ?
		    dcx_lpm_find_exact(&s->eam4, (const u8 *)&v4, len4) : NULL;
		if (!e) {
			rcu_read_unlock();
			dcx_why(why, "no EAM " DCX_P4_FMT " in space %s",
				DCX_P4_ARG(v4, len4), s->name);
			return -ENOENT;
		}
	}
	rcu_read_unlock();
	dcx_lpm_remove(&s->eam4, (const u8 *)&e->v4, e->len4, lock);
	dcx_lpm_remove(&t->eam6, e->v6.s6_addr, e->len6, lock);
	t->neams--;
	kfree_rcu(e, rcu);
	return 0;
}
