// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace implementations behind kshim.h: checksums, address typing,
 * allocation with fault injection, a single-threaded RCU whose grace
 * periods the tests control, and WARN reporting.
 */
#include "kshim.h"

/* ---- warnings ------------------------------------------------------- */

bool kshim_warn_fatal = true;
unsigned long kshim_warn_count;

void kshim_warn(const char *file, int line, const char *what)
{
	kshim_warn_count++;
	fprintf(stderr, "WARNING%s: %s:%d: %s\n",
		kshim_warn_fatal ? "" : " (test expects it)", file, line, what);
	if (kshim_warn_fatal)
		abort();
}

void kshim_rcu_check(bool ok, const char *what, const char *file, int line)
{
	if (!ok)
		kshim_warn(file, line, what);
}

/* ---- checksums ------------------------------------------------------ */

/* Fold a 64-bit accumulator into 32 bits with end-around carry. */
static u32 from64to32(u64 x)
{
	x = (x & 0xffffffffULL) + (x >> 32);
	x = (x & 0xffffffffULL) + (x >> 32);
	return (u32)x;
}

/*
 * Ones'-complement sum of the buffer as native-order 16-bit words, the way
 * the kernel's csum_partial() sees memory: the folded result stored as a
 * __sum16 is the Internet checksum in network order. A trailing odd byte
 * is padded with a zero byte after it.
 */
__wsum csum_partial(const void *buff, int len, __wsum sum)
{
	const u8 *p = buff;
	u64 acc = (__force u32)sum;
	u16 w;

	for (; len >= 2; len -= 2, p += 2) {
		memcpy(&w, p, 2);
		acc += w;
	}
	if (len == 1) {
		u8 pad[2] = { p[0], 0 };

		memcpy(&w, pad, 2);
		acc += w;
	}
	return (__force __wsum)from64to32(acc);
}

__sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

__sum16 ip_compute_csum(const void *buff, int len)
{
	return csum_fold(csum_partial(buff, len, 0));
}

__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, __u32 len, __u8 proto,
			  __wsum sum)
{
	u64 s = (__force u32)sum;

	s += (__force u32)saddr;
	s += (__force u32)daddr;
	/* len and proto as the big-endian words of the pseudo-header. */
	s += (__force u32)htonl(len);
	s += (__force u32)htonl(proto);
	return (__force __wsum)from64to32(s);
}

__sum16 csum_ipv6_magic(const struct in6_addr *saddr,
			const struct in6_addr *daddr, __u32 len, __u8 proto,
			__wsum csum)
{
	u64 s = (__force u32)csum;
	int i;

	for (i = 0; i < 4; i++) {
		s += (__force u32)saddr->s6_addr32[i];
		s += (__force u32)daddr->s6_addr32[i];
	}
	s += (__force u32)htonl(len);
	s += (__force u32)htonl(proto);
	return csum_fold((__force __wsum)from64to32(s));
}

/* ---- IPv6 address type (net/ipv6/addrconf_core.c semantics) ---------- */

#define IPV6_ADDR_SCOPE_TYPE(scope) ((scope) << 16)

static unsigned int ipv6_addr_scope2type(unsigned int scope)
{
	switch (scope) {
	case IPV6_ADDR_SCOPE_NODELOCAL:
		return IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_NODELOCAL) |
		       IPV6_ADDR_LOOPBACK;
	case IPV6_ADDR_SCOPE_LINKLOCAL:
		return IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_LINKLOCAL) |
		       IPV6_ADDR_LINKLOCAL;
	case IPV6_ADDR_SCOPE_SITELOCAL:
		return IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_SITELOCAL) |
		       IPV6_ADDR_SITELOCAL;
	}
	return IPV6_ADDR_SCOPE_TYPE(scope);
}

int __ipv6_addr_type(const struct in6_addr *addr)
{
	u32 st = ntohl(addr->s6_addr32[0]);
	const int global = IPV6_ADDR_UNICAST |
			   IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_GLOBAL);

	/* Anything not starting with 000 or 111 is global unicast. */
	if ((st & 0xE0000000) != 0 && (st & 0xE0000000) != 0xE0000000)
		return global;
	if ((st & 0xFF000000) == 0xFF000000)
		return IPV6_ADDR_MULTICAST |
		       ipv6_addr_scope2type(IPV6_ADDR_MC_SCOPE(addr));
	if ((st & 0xFFC00000) == 0xFE800000)
		return IPV6_ADDR_LINKLOCAL | IPV6_ADDR_UNICAST |
		       IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_LINKLOCAL);
	if ((st & 0xFFC00000) == 0xFEC00000)
		return IPV6_ADDR_SITELOCAL | IPV6_ADDR_UNICAST |
		       IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_SITELOCAL);
	if ((st & 0xFE000000) == 0xFC000000)
		return global;		/* RFC 4193 ULA */
	if ((addr->s6_addr32[0] | addr->s6_addr32[1]) == 0) {
		if (addr->s6_addr32[2] == 0) {
			if (addr->s6_addr32[3] == 0)
				return IPV6_ADDR_ANY;
			if (addr->s6_addr32[3] == htonl(1))
				return IPV6_ADDR_LOOPBACK | IPV6_ADDR_UNICAST |
				       IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_LINKLOCAL);
			return IPV6_ADDR_COMPATv4 | global;
		}
		if (addr->s6_addr32[2] == htonl(0x0000ffff))
			return IPV6_ADDR_MAPPED |
			       IPV6_ADDR_SCOPE_TYPE(IPV6_ADDR_SCOPE_GLOBAL);
	}
	return global;
}

/* ---- allocation ----------------------------------------------------- */

static unsigned int fail_nth;
unsigned long kshim_alloc_count;

void kshim_fail_alloc_nth(unsigned int n)
{
	fail_nth = n;
}

/* Common entry of every allocator: context check and fault injection. */
static bool alloc_allowed(gfp_t flags)
{
	if (flags & __GFP_DIRECT_RECLAIM)
		might_sleep();
	kshim_alloc_count++;
	if (fail_nth && --fail_nth == 0)
		return false;
	return true;
}

void *kmalloc(size_t size, gfp_t flags)
{
	if (!alloc_allowed(flags))
		return NULL;
	if (flags & __GFP_ZERO)
		return calloc(1, size ? size : 1);
	return malloc(size ? size : 1);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return kmalloc(n * size, flags);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

void kfree(const void *p)
{
	free((void *)p);
}

struct kmem_cache {
	const char *name;
	size_t size;
	size_t align;
	void (*ctor)(void *obj);
	long live;
};

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s;

	(void)flags;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->name = name;
	s->size = size ? size : 1;
	s->align = align < sizeof(void *) ? sizeof(void *) : align;
	s->ctor = ctor;
	return s;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p;

	if (!alloc_allowed(flags))
		return NULL;
	if (s->align > 16)
		p = aligned_alloc(s->align, ALIGN(s->size, s->align));
	else
		p = malloc(s->size);
	if (!p)
		return NULL;
	if (flags & __GFP_ZERO)
		memset(p, 0, s->size);
	if (s->ctor)
		s->ctor(p);
	s->live++;
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	if (!objp)
		return;
	WARN_ON(s->live <= 0);
	s->live--;
	free(objp);
}

long kshim_kmem_cache_live(const struct kmem_cache *s)
{
	return s->live;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	/* The kernel reports "Objects remaining" here: a leak. */
	WARN(s->live != 0, "kmem_cache_destroy(%s): %ld objects remaining\n",
	     s->name, s->live);
	free(s);
}

/* ---- RCU ------------------------------------------------------------ */

int kshim_rcu_nesting;
int kshim_spin_nesting;
unsigned long kshim_synchronize_rcu_calls;

#define KSHIM_RCU_QUEUED 0x52435551UL	/* "RCUQ" */

/* FIFO of callbacks waiting for the next grace period. */
static struct rcu_head *cb_head;
static struct rcu_head **cb_tail = &cb_head;
static unsigned long cb_pending;

static void queue_cb(struct rcu_head *head)
{
	WARN(head->queued == KSHIM_RCU_QUEUED,
	     "call_rcu() on an rcu_head already queued\n");
	head->queued = KSHIM_RCU_QUEUED;
	head->next = NULL;
	*cb_tail = head;
	cb_tail = &head->next;
	cb_pending++;
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	WARN_ON(!func);
	head->func = func;
	queue_cb(head);
}

void kshim_kfree_rcu(struct rcu_head *head, size_t offset)
{
	head->func = NULL;
	head->kfree_offset = offset;
	queue_cb(head);
}

unsigned long kshim_rcu_pending(void)
{
	return cb_pending;
}

/*
 * Run the callbacks queued so far; ones they queue wait for the next
 * grace period, as in the kernel.
 */
void kshim_rcu_grace_period(void)
{
	struct rcu_head *h = cb_head;

	/* A grace period cannot end while this (only) thread reads. */
	WARN(kshim_rcu_nesting > 0,
	     "grace period inside an RCU read-side section\n");
	cb_head = NULL;
	cb_tail = &cb_head;
	while (h) {
		struct rcu_head *next = h->next;

		cb_pending--;
		h->queued = 0;
		if (h->func)
			h->func(h);
		else
			free((char *)h - h->kfree_offset);
		h = next;
	}
}

void synchronize_rcu(void)
{
	might_sleep();
	kshim_synchronize_rcu_calls++;
	kshim_rcu_grace_period();
}

void rcu_barrier(void)
{
	might_sleep();
	while (cb_head)
		kshim_rcu_grace_period();
}

/*
 * Like a module's exit path: let pending callbacks run before
 * LeakSanitizer (whose atexit handler was registered earlier, so runs
 * later) looks for leaks.
 */
static void kshim_exit(void)
{
	kshim_rcu_nesting = 0;
	rcu_barrier();
}

__attribute__((constructor)) static void kshim_init(void)
{
	atexit(kshim_exit);
}
