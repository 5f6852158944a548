/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim, part one: the kernel's types and byte-level helpers the
 * pure core (kmod/core/) uses, with the kernel's semantics. Built on
 * kmod/core/env_user.h (the basic types the CLI shares); checksums are
 * implemented in kshim_types.c. Include kshim.h, not this file.
 *
 * Layouts come from the kernel's own uapi headers (linux-libc-dev):
 * struct iphdr, ipv6hdr, icmphdr, icmp6hdr, tcphdr, udphdr and the ICMP
 * constants are the real ones. What only exists inside the kernel (the
 * checksum helpers) is reimplemented here, and only what the core, the
 * tests, the fuzzers or the benchmark use: add a kernel name here when the
 * core starts to use it. struct frag_hdr, NEXTHDR_*, IP_DF... come from
 * kmod/core/env_ip.h (env.h includes it after this shim), shared with
 * the module's core objects.
 *
 * Do not rely on __LITTLE_ENDIAN/__BIG_ENDIAN (glibc defines both).
 */
#ifndef DCX_KSHIM_TYPES_H
#define DCX_KSHIM_TYPES_H

#ifdef __KERNEL__
#error "kshim_types.h is for userspace builds only"
#endif

#include "env_user.h"
#include <stdlib.h>

#include <asm/byteorder.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#ifndef s6_addr32
#define s6_addr32 __in6_u.__u6_addr32
#endif

typedef unsigned int gfp_t;

/* ---- compiler attributes -------------------------------------------- */

#define __rcu
#define noinline __attribute__((__noinline__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define fallthrough __attribute__((__fallthrough__))
#define unlikely(x) __builtin_expect(!!(x), 0)

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) \
	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

/* ---- generic helpers ------------------------------------------------ */

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Type-checked like the 6.1 kernel: mixing types is a compile warning. */
#define __kshim_cmp(x, y, op) ({					\
	__typeof__(x) __x = (x);					\
	__typeof__(y) __y = (y);					\
	(void)(&__x == &__y);						\
	__x op __y ? __x : __y;						\
})
#define min(x, y) __kshim_cmp(x, y, <)
#define max(x, y) __kshim_cmp(x, y, >)
#define min_t(type, x, y) ({						\
	type __mx = (x);						\
	type __my = (y);						\
	__mx < __my ? __mx : __my;					\
})
#define max_t(type, x, y) ({						\
	type __mx = (x);						\
	type __my = (y);						\
	__mx > __my ? __mx : __my;					\
})

static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-4095;	/* MAX_ERRNO */
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/* Copies at most size - 1 bytes, always NUL-terminates; -E2BIG if cut. */
static inline long strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size);

	if (!size)
		return -E2BIG;
	if (n == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = 0;
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return n;
}

/* ---- byte order (constant expressions for constant arguments) -------- */

#define cpu_to_be16 __cpu_to_be16
#define cpu_to_be32 __cpu_to_be32
#define cpu_to_be64 __cpu_to_be64
#define be16_to_cpu __be16_to_cpu
#define be32_to_cpu __be32_to_cpu
#define be64_to_cpu __be64_to_cpu
/* Replace glibc's htons & co so that `case htons(X):` compiles. */
#undef htons
#undef ntohs
#undef htonl
#undef ntohl
#define htons(x) __cpu_to_be16(x)
#define ntohs(x) __be16_to_cpu(x)
#define htonl(x) __cpu_to_be32(x)
#define ntohl(x) __be32_to_cpu(x)

/* ---- checksums (net/checksum.h, asm/checksum.h, net/ip6_checksum.h) -- */

#define CSUM_MANGLED_0 ((__force __sum16)0xffff)

__wsum csum_partial(const void *buff, int len, __wsum sum);
__sum16 ip_fast_csum(const void *iph, unsigned int ihl);
__sum16 ip_compute_csum(const void *buff, int len);
__sum16 csum_ipv6_magic(const struct in6_addr *saddr,
			const struct in6_addr *daddr, __u32 len, __u8 proto,
			__wsum csum);

static inline __sum16 csum_fold(__wsum csum)
{
	u32 sum = (__force u32)csum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__force __sum16)~sum;
}

static inline __wsum csum_add(__wsum csum, __wsum addend)
{
	u32 res = (__force u32)csum;

	res += (__force u32)addend;
	return (__force __wsum)(res + (res < (__force u32)addend));
}

static inline __wsum csum_sub(__wsum csum, __wsum addend)
{
	return csum_add(csum, ~addend);
}

static inline __wsum csum_unfold(__sum16 n)
{
	return (__force __wsum)n;
}

/* ---- lists (writer-side subset of linux/list.h) ---------------------- */

struct list_head {
	struct list_head *next, *prev;
};

static inline void INIT_LIST_HEAD(struct list_head *l)
{
	l->next = l;
	l->prev = l;
}

static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}

static inline void list_del(struct list_head *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
	e->next = NULL;
	e->prev = NULL;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_entry((head)->next, __typeof__(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))
#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_entry((head)->next, __typeof__(*pos), member),	\
	     n = list_entry(pos->member.next, __typeof__(*pos), member);	\
	     &pos->member != (head);					\
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

/* ---- hash lists (linux/list.h; the _rcu ones are the same here) ----- */

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

static inline void hlist_add_head_rcu(struct hlist_node *n,
				      struct hlist_head *h)
{
	n->next = h->first;
	n->pprev = &h->first;
	if (h->first)
		h->first->pprev = &n->next;
	WRITE_ONCE(h->first, n);
}

static inline void hlist_del_rcu(struct hlist_node *n)
{
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	n->pprev = NULL;
}

#define hlist_entry_safe(ptr, type, member) ({					__typeof__(ptr) ____ptr = (ptr);					____ptr ? container_of(____ptr, type, member) : NULL;		})
#define hlist_for_each_entry_safe(pos, n, head, member)				for (pos = hlist_entry_safe((head)->first, __typeof__(*pos),					    member);					     pos && ({ n = pos->member.next; 1; });				     pos = hlist_entry_safe(n, __typeof__(*pos), member))

/* linux/hash.h */
#define GOLDEN_RATIO_32 0x61C88647
static inline u32 hash_32(u32 val, unsigned int bits)
{
	return (val * GOLDEN_RATIO_32) >> (32 - bits);
}

#endif /* DCX_KSHIM_TYPES_H */
