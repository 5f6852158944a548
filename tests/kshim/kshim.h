/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the kernel headers the pure core (kmod/core/env.h)
 * and kmod/core/lpm.c include: the kernel's names with the kernel's semantics,
 * so the same sources build into the module and into the unit tests and
 * fuzzers. Implementations that are not one-liners live in kshim.c.
 *
 * Layouts come from the kernel's own uapi headers (linux-libc-dev):
 * struct iphdr, ipv6hdr, icmphdr, icmp6hdr, tcphdr, udphdr and the ICMP
 * constants are the real ones. What only exists inside the kernel (struct
 * frag_hdr, NEXTHDR_*, IP_DF, ipv6_addr_*(), the checksum helpers, RCU,
 * slab, mutexes) is reimplemented here.
 *
 * Deliberate strictness, to catch in userspace what lockdep, PROVE_RCU or
 * DEBUG_ATOMIC_SLEEP would catch in a debug kernel:
 *  - rcu_dereference() outside rcu_read_lock(), rcu_dereference_protected()
 *    with a false condition, lockdep_is_held() on a mutex that is not held,
 *    GFP_KERNEL allocation / mutex_lock() / synchronize_rcu() inside an RCU
 *    read-side section, and kmem_cache_destroy() with live objects are all
 *    WARNs;
 *  - every WARN_ON() that fires aborts the test (a warning is a bug),
 *    unless a test sets kshim_warn_fatal = false to check that it fires.
 *  - call_rcu()/kfree_rcu() callbacks run only at a grace period the test
 *    triggers (kshim_rcu_grace_period(), synchronize_rcu(), rcu_barrier())
 *    or at exit, so ASan sees any use of memory freed too early.
 *
 * Limits: single-threaded. Do not rely on __LITTLE_ENDIAN/__BIG_ENDIAN
 * (glibc defines both); use __LITTLE_ENDIAN_BITFIELD or
 * IS_ENABLED(CONFIG_CPU_BIG_ENDIAN). Include this header (or core_env.h)
 * before any <linux/...> header. Build with -D_GNU_SOURCE.
 */
#ifndef DCX_KSHIM_H
#define DCX_KSHIM_H

#ifdef __KERNEL__
#error "kshim.h is for userspace builds only"
#endif

#include "env_user.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <sys/types.h>
/* glibc's in6_addr first: the uapi headers then skip their own copy. */
#include <netinet/in.h>
#include <arpa/inet.h>

#include <asm/byteorder.h>
#include <linux/types.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#ifndef s6_addr16
#define s6_addr16 __in6_u.__u6_addr16
#endif
#ifndef s6_addr32
#define s6_addr32 __in6_u.__u6_addr32
#endif

/* ---- types ---------------------------------------------------------- */

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;
typedef __s16 s16;
typedef __s32 s32;
typedef __s64 s64;
typedef unsigned int gfp_t;
typedef unsigned int slab_flags_t;

/* ---- compiler attributes -------------------------------------------- */

#define __force
#define __rcu
#define __user
#define __iomem
#define __percpu
#define __init
#define __exit
#define __read_mostly
#define __ro_after_init
#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#ifndef __attribute_const__
#define __attribute_const__ __attribute__((__const__))
#endif
#define noinline __attribute__((__noinline__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __cold __attribute__((__cold__))
#define __must_check __attribute__((__warn_unused_result__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define fallthrough __attribute__((__fallthrough__))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" : : : "memory")

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) \
	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)

/* IS_ENABLED(CONFIG_FOO): 1 if CONFIG_FOO is defined to 1, else 0. */
#define __KSHIM_ARG_PLACEHOLDER_1 0,
#define __kshim_take_second_arg(__ignored, val, ...) val
#define __kshim_is_defined(x) ___kshim_is_defined(x)
#define ___kshim_is_defined(val) \
	____kshim_is_defined(__KSHIM_ARG_PLACEHOLDER_##val)
#define ____kshim_is_defined(arg1_or_junk) \
	__kshim_take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option) __kshim_is_defined(option)
#define IS_BUILTIN(option) __kshim_is_defined(option)
#define IS_MODULE(option) 0
#define IS_REACHABLE(option) __kshim_is_defined(option)

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define CONFIG_CPU_BIG_ENDIAN 1
#endif

/* ---- warnings and bugs ---------------------------------------------- */

/* Set to false in a test that checks a WARN fires; counts every WARN. */
extern bool kshim_warn_fatal;
extern unsigned long kshim_warn_count;
void kshim_warn(const char *file, int line, const char *what);

#define WARN_ON(cond) ({						\
	int __ret_warn_on = !!(cond);					\
	if (unlikely(__ret_warn_on))					\
		kshim_warn(__FILE__, __LINE__, #cond);			\
	unlikely(__ret_warn_on);					\
})
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn)) {					\
		fprintf(stderr, fmt, ##__VA_ARGS__);			\
		kshim_warn(__FILE__, __LINE__, #cond);			\
	}								\
	unlikely(__ret_warn);						\
})
#define WARN_ONCE(cond, fmt, ...) WARN(cond, fmt, ##__VA_ARGS__)
#define BUG() do {							\
	fprintf(stderr, "BUG at %s:%d\n", __FILE__, __LINE__);		\
	abort();							\
} while (0)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)
#define BUILD_BUG_ON(cond) \
	do { _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")"); } while (0)
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#define BUILD_BUG_ON_MSG(cond, msg) \
	do { _Static_assert(!(cond), msg); } while (0)

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define __kshim_print(fmt, ...) fprintf(stderr, fmt, ##__VA_ARGS__)
#define __kshim_noprint(fmt, ...) \
	({ if (0) fprintf(stderr, fmt, ##__VA_ARGS__); 0; })
#define pr_emerg(fmt, ...) __kshim_print(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) __kshim_print(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) __kshim_print(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) __kshim_print(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) __kshim_print(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) __kshim_print(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) __kshim_print(pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) __kshim_noprint(pr_fmt(fmt), ##__VA_ARGS__)
#define net_warn_ratelimited(fmt, ...) __kshim_print(fmt, ##__VA_ARGS__)
#define net_info_ratelimited(fmt, ...) __kshim_print(fmt, ##__VA_ARGS__)
#define net_dbg_ratelimited(fmt, ...) __kshim_noprint(fmt, ##__VA_ARGS__)

/* ---- generic helpers ------------------------------------------------ */

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

/* Type-checked like the 6.1 kernel: mixing types is a (fatal) warning. */
#define __kshim_cmp(x, y, op) ({					\
	__typeof__(x) __x = (x);					\
	__typeof__(y) __y = (y);					\
	(void)(&__x == &__y);						\
	__x op __y ? __x : __y;						\
})
#define min(x, y) __kshim_cmp(x, y, <)
#define max(x, y) __kshim_cmp(x, y, >)
#define min3(x, y, z) min((__typeof__(x))min(x, y), z)
#define max3(x, y, z) max((__typeof__(x))max(x, y), z)
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
#define clamp(val, lo, hi) min((__typeof__(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define swap(a, b) \
	do { __typeof__(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define __KSHIM_ALIGN_MASK(x, mask) (((x) + (mask)) & ~(mask))
#define ALIGN(x, a) __KSHIM_ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define round_up(x, y) ((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y) ((x) & ~((__typeof__(x))((y) - 1)))

#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define GENMASK(h, l) \
	(((~0UL) - (1UL << (l)) + 1) & (~0UL >> (8 * sizeof(long) - 1 - (h))))
#define GENMASK_ULL(h, l) \
	(((~0ULL) - (1ULL << (l)) + 1) & (~0ULL >> (63 - (h))))

#define U8_MAX ((u8)~0U)
#define S8_MAX ((s8)(U8_MAX >> 1))
#define S8_MIN ((s8)(-S8_MAX - 1))
#define U16_MAX ((u16)~0U)
#define S16_MAX ((s16)(U16_MAX >> 1))
#define S16_MIN ((s16)(-S16_MAX - 1))
#define U32_MAX ((u32)~0U)
#define S32_MAX ((s32)(U32_MAX >> 1))
#define S32_MIN ((s32)(-S32_MAX - 1))
#define U64_MAX ((u64)~0ULL)
#define S64_MAX ((s64)(U64_MAX >> 1))
#define S64_MIN ((s64)(-S64_MAX - 1))

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) \
	unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }
static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR_VALUE(ptr);
}

/* ---- bit operations ------------------------------------------------- */

/* glibc declares ffs() in <strings.h>; the kernel's is a macro too. */
#undef ffs
#define ffs(x) __builtin_ffs(x)

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/* Undefined for 0, as in the kernel. */
static inline unsigned long __fls(unsigned long x)
{
	return 8 * sizeof(long) - 1 - __builtin_clzl(x);
}

static inline unsigned long __ffs(unsigned long x)
{
	return __builtin_ctzl(x);
}

static inline u16 ror16(u16 w, unsigned int s)
{
	return (w >> (s & 15)) | (w << ((-s) & 15));
}

static inline u16 rol16(u16 w, unsigned int s)
{
	return (w << (s & 15)) | (w >> ((-s) & 15));
}

static inline u32 ror32(u32 w, unsigned int s)
{
	return (w >> (s & 31)) | (w << ((-s) & 31));
}

static inline u32 rol32(u32 w, unsigned int s)
{
	return (w << (s & 31)) | (w >> ((-s) & 31));
}

static inline u64 ror64(u64 w, unsigned int s)
{
	return (w >> (s & 63)) | (w << ((-s) & 63));
}

static inline u64 rol64(u64 w, unsigned int s)
{
	return (w << (s & 63)) | (w >> ((-s) & 63));
}

#define hweight8(w) __builtin_popcount((u8)(w))
#define hweight16(w) __builtin_popcount((u16)(w))
#define hweight32(w) __builtin_popcount((u32)(w))
#define hweight64(w) __builtin_popcountll((u64)(w))

/* ---- byte order (constant expressions for constant arguments) -------- */

#define swab16 __swab16
#define swab32 __swab32
#define swab64 __swab64
#define cpu_to_be16 __cpu_to_be16
#define cpu_to_be32 __cpu_to_be32
#define cpu_to_be64 __cpu_to_be64
#define be16_to_cpu __be16_to_cpu
#define be32_to_cpu __be32_to_cpu
#define be64_to_cpu __be64_to_cpu
#define cpu_to_le16 __cpu_to_le16
#define cpu_to_le32 __cpu_to_le32
#define cpu_to_le64 __cpu_to_le64
#define le16_to_cpu __le16_to_cpu
#define le32_to_cpu __le32_to_cpu
#define le64_to_cpu __le64_to_cpu
/* Replace glibc's htons & co so that `case htons(X):` compiles. */
#undef htons
#undef ntohs
#undef htonl
#undef ntohl
#define htons(x) __cpu_to_be16(x)
#define ntohs(x) __be16_to_cpu(x)
#define htonl(x) __cpu_to_be32(x)
#define ntohl(x) __be32_to_cpu(x)

static inline void be16_add_cpu(__be16 *var, u16 val)
{
	*var = cpu_to_be16(be16_to_cpu(*var) + val);
}

static inline void be32_add_cpu(__be32 *var, u32 val)
{
	*var = cpu_to_be32(be32_to_cpu(*var) + val);
}

#define get_unaligned(ptr) \
	(((const struct { __typeof__(*(ptr)) x; } __packed *)(ptr))->x)
#define put_unaligned(val, ptr) \
	((void)(((struct { __typeof__(*(ptr)) x; } __packed *)(ptr))->x = (val)))

static inline u16 get_unaligned_be16(const void *p)
{
	__be16 v;

	memcpy(&v, p, sizeof(v));
	return be16_to_cpu(v);
}

static inline u32 get_unaligned_be32(const void *p)
{
	__be32 v;

	memcpy(&v, p, sizeof(v));
	return be32_to_cpu(v);
}

static inline u64 get_unaligned_be64(const void *p)
{
	__be64 v;

	memcpy(&v, p, sizeof(v));
	return be64_to_cpu(v);
}

static inline void put_unaligned_be16(u16 val, void *p)
{
	__be16 v = cpu_to_be16(val);

	memcpy(p, &v, sizeof(v));
}

static inline void put_unaligned_be32(u32 val, void *p)
{
	__be32 v = cpu_to_be32(val);

	memcpy(p, &v, sizeof(v));
}

static inline void put_unaligned_be64(u64 val, void *p)
{
	__be64 v = cpu_to_be64(val);

	memcpy(p, &v, sizeof(v));
}

/* ---- IPv4 (net/ip.h, linux/in.h, linux/icmp.h) ----------------------- */

#define IP_CE		0x8000
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1FFF

static inline bool ip_is_fragment(const struct iphdr *iph)
{
	return (iph->frag_off & htons(IP_MF | IP_OFFSET)) != 0;
}

/* Incremental checksum update for the TTL decrement, as net/ip.h does. */
static inline int ip_decrease_ttl(struct iphdr *iph)
{
	u32 check = (__force u32)iph->check;

	check += (__force u32)htons(0x0100);
	iph->check = (__force __sum16)(check + (check >= 0xFFFF));
	return --iph->ttl;
}

static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_local_multicast(__be32 addr)
{
	return (addr & htonl(0xffffff00)) == htonl(0xe0000000);
}

static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(0xffffffff);
}

static inline bool ipv4_is_all_snoopers(__be32 addr)
{
	return addr == htonl(0xe000006a);
}

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return addr == 0;
}

static inline bool ipv4_is_private_10(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x0a000000);
}

static inline bool ipv4_is_private_172(__be32 addr)
{
	return (addr & htonl(0xfff00000)) == htonl(0xac100000);
}

static inline bool ipv4_is_private_192(__be32 addr)
{
	return (addr & htonl(0xffff0000)) == htonl(0xc0a80000);
}

static inline bool ipv4_is_linklocal_169(__be32 addr)
{
	return (addr & htonl(0xffff0000)) == htonl(0xa9fe0000);
}

static inline bool ipv4_is_anycast_6to4(__be32 addr)
{
	return (addr & htonl(0xffffff00)) == htonl(0xc0586300);
}

static inline bool ipv4_is_test_192(__be32 addr)
{
	return (addr & htonl(0xffffff00)) == htonl(0xc0000200);
}

static inline bool ipv4_is_test_198(__be32 addr)
{
	return (addr & htonl(0xfffe0000)) == htonl(0xc6120000);
}

static inline bool icmp_is_err(int type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	}
	return false;
}

static inline u8 ipv4_get_dsfield(const struct iphdr *iph)
{
	return iph->tos;
}

/* ---- IPv6 (net/ipv6.h, linux/ipv6.h, linux/icmpv6.h) ----------------- */

#define NEXTHDR_HOP		0
#define NEXTHDR_IPV4		4
#define NEXTHDR_TCP		6
#define NEXTHDR_UDP		17
#define NEXTHDR_IPV6		41
#define NEXTHDR_ROUTING		43
#define NEXTHDR_FRAGMENT	44
#define NEXTHDR_GRE		47
#define NEXTHDR_ESP		50
#define NEXTHDR_AUTH		51
#define NEXTHDR_ICMP		58
#define NEXTHDR_NONE		59
#define NEXTHDR_DEST		60
#define NEXTHDR_SCTP		132
#define NEXTHDR_MOBILITY	135
#define NEXTHDR_MAX		255

#define IPV6_MAXPLEN		65535
#define IPV6_DEFAULT_HOPLIMIT	64
#define IPV6_DEFAULT_MCASTHOPS	1

#define IP6_MF		0x0001
#define IP6_OFFSET	0xFFF8

struct frag_hdr {
	__u8	nexthdr;
	__u8	reserved;
	__be16	frag_off;
	__be32	identification;
};

#define ipv6_optlen(p)  (((p)->hdrlen + 1) << 3)
#define ipv6_authlen(p) (((p)->hdrlen + 2) << 2)

static inline bool ipv6_ext_hdr(u8 nexthdr)
{
	return nexthdr == NEXTHDR_HOP || nexthdr == NEXTHDR_ROUTING ||
	       nexthdr == NEXTHDR_FRAGMENT || nexthdr == NEXTHDR_AUTH ||
	       nexthdr == NEXTHDR_NONE || nexthdr == NEXTHDR_DEST;
}

static inline bool icmpv6_is_err(int type)
{
	switch (type) {
	case ICMPV6_DEST_UNREACH:
	case ICMPV6_PKT_TOOBIG:
	case ICMPV6_TIME_EXCEED:
	case ICMPV6_PARAMPROB:
		return true;
	}
	return false;
}

#define IPV6_FLOWINFO_MASK		cpu_to_be32(0x0FFFFFFF)
#define IPV6_FLOWLABEL_MASK		cpu_to_be32(0x000FFFFF)
#define IPV6_FLOWLABEL_STATELESS_FLAG	cpu_to_be32(0x00080000)
#define IPV6_TCLASS_MASK	(IPV6_FLOWINFO_MASK & ~IPV6_FLOWLABEL_MASK)
#define IPV6_TCLASS_SHIFT	20

static inline void ip6_flow_hdr(struct ipv6hdr *hdr, unsigned int tclass,
				__be32 flowlabel)
{
	__be32 w = htonl(0x60000000 | (tclass << 20)) | flowlabel;

	memcpy(hdr, &w, sizeof(w));
}

static inline __be32 ip6_flowinfo(const struct ipv6hdr *hdr)
{
	__be32 w;

	memcpy(&w, hdr, sizeof(w));
	return w & IPV6_FLOWINFO_MASK;
}

static inline __be32 ip6_flowlabel(const struct ipv6hdr *hdr)
{
	__be32 w;

	memcpy(&w, hdr, sizeof(w));
	return w & IPV6_FLOWLABEL_MASK;
}

static inline u8 ip6_tclass(__be32 flowinfo)
{
	return ntohl(flowinfo & IPV6_TCLASS_MASK) >> IPV6_TCLASS_SHIFT;
}

static inline __be32 ip6_make_flowinfo(unsigned int tclass, __be32 flowlabel)
{
	return htonl(tclass << IPV6_TCLASS_SHIFT) | flowlabel;
}

static inline u8 ipv6_get_dsfield(const struct ipv6hdr *ipv6h)
{
	__be16 w;

	memcpy(&w, ipv6h, sizeof(w));
	return ntohs(w) >> 4;
}

#define IPV6_ADDR_ANY		0x0000U
#define IPV6_ADDR_UNICAST	0x0001U
#define IPV6_ADDR_MULTICAST	0x0002U
#define IPV6_ADDR_LOOPBACK	0x0010U
#define IPV6_ADDR_LINKLOCAL	0x0020U
#define IPV6_ADDR_SITELOCAL	0x0040U
#define IPV6_ADDR_COMPATv4	0x0080U
#define IPV6_ADDR_SCOPE_MASK	0x00f0U
#define IPV6_ADDR_MAPPED	0x1000U
#define IPV6_ADDR_MC_SCOPE(a)	((a)->s6_addr[1] & 0x0f)
#define __IPV6_ADDR_SCOPE_INVALID	-1
#define IPV6_ADDR_SCOPE_NODELOCAL	0x01
#define IPV6_ADDR_SCOPE_LINKLOCAL	0x02
#define IPV6_ADDR_SCOPE_SITELOCAL	0x05
#define IPV6_ADDR_SCOPE_ORGLOCAL	0x08
#define IPV6_ADDR_SCOPE_GLOBAL		0x0e
#define IPV6_ADDR_MC_FLAG_TRANSIENT(a)	((a)->s6_addr[1] & 0x10)
#define IPV6_ADDR_MC_FLAG_PREFIX(a)	((a)->s6_addr[1] & 0x20)
#define IPV6_ADDR_MC_FLAG_RENDEZVOUS(a)	((a)->s6_addr[1] & 0x40)

/* Type flags in the low 16 bits, scope << 16 above (kshim.c). */
int __ipv6_addr_type(const struct in6_addr *addr);

static inline int ipv6_addr_type(const struct in6_addr *addr)
{
	return __ipv6_addr_type(addr) & 0xffff;
}

static inline int ipv6_addr_scope(const struct in6_addr *addr)
{
	return __ipv6_addr_type(addr) & IPV6_ADDR_SCOPE_MASK;
}

static inline int __ipv6_addr_src_scope(int type)
{
	return type == IPV6_ADDR_ANY ? __IPV6_ADDR_SCOPE_INVALID : type >> 16;
}

static inline int ipv6_addr_src_scope(const struct in6_addr *addr)
{
	return __ipv6_addr_src_scope(__ipv6_addr_type(addr));
}

static inline int ipv6_addr_cmp(const struct in6_addr *a1,
				const struct in6_addr *a2)
{
	return memcmp(a1, a2, sizeof(struct in6_addr));
}

static inline bool ipv6_masked_addr_cmp(const struct in6_addr *a1,
					const struct in6_addr *m,
					const struct in6_addr *a2)
{
	u32 d = 0;
	int i;

	for (i = 0; i < 4; i++)
		d |= (a1->s6_addr32[i] ^ a2->s6_addr32[i]) & m->s6_addr32[i];
	return d != 0;
}

/* Caller guarantees 0 <= plen <= 128. */
static inline void ipv6_addr_prefix(struct in6_addr *pfx,
				    const struct in6_addr *addr, int plen)
{
	int o = plen >> 3, b = plen & 7;

	memset(pfx->s6_addr, 0, sizeof(pfx->s6_addr));
	memcpy(pfx->s6_addr, addr, o);
	if (b)
		pfx->s6_addr[o] = addr->s6_addr[o] & (0xff00 >> b);
}

static inline void ipv6_addr_prefix_copy(struct in6_addr *addr,
					 const struct in6_addr *pfx, int plen)
{
	int o = plen >> 3, b = plen & 7;

	memcpy(addr->s6_addr, pfx, o);
	if (b) {
		addr->s6_addr[o] &= ~(0xff00 >> b);
		addr->s6_addr[o] |= pfx->s6_addr[o] & (0xff00 >> b);
	}
}

static inline void ipv6_addr_set(struct in6_addr *addr, __be32 w1, __be32 w2,
				 __be32 w3, __be32 w4)
{
	addr->s6_addr32[0] = w1;
	addr->s6_addr32[1] = w2;
	addr->s6_addr32[2] = w3;
	addr->s6_addr32[3] = w4;
}

static inline bool ipv6_addr_equal(const struct in6_addr *a1,
				   const struct in6_addr *a2)
{
	return ((a1->s6_addr32[0] ^ a2->s6_addr32[0]) |
		(a1->s6_addr32[1] ^ a2->s6_addr32[1]) |
		(a1->s6_addr32[2] ^ a2->s6_addr32[2]) |
		(a1->s6_addr32[3] ^ a2->s6_addr32[3])) == 0;
}

static inline bool ipv6_prefix_equal(const struct in6_addr *addr1,
				     const struct in6_addr *addr2,
				     unsigned int prefixlen)
{
	const __be32 *a1 = addr1->s6_addr32;
	const __be32 *a2 = addr2->s6_addr32;
	unsigned int pdw = prefixlen >> 5, pbi = prefixlen & 0x1f;

	if (pdw && memcmp(a1, a2, pdw << 2))
		return false;
	if (pbi && ((a1[pdw] ^ a2[pdw]) & htonl(0xffffffffU << (32 - pbi))))
		return false;
	return true;
}

static inline bool ipv6_addr_any(const struct in6_addr *a)
{
	return (a->s6_addr32[0] | a->s6_addr32[1] |
		a->s6_addr32[2] | a->s6_addr32[3]) == 0;
}

static inline bool ipv6_addr_loopback(const struct in6_addr *a)
{
	return (a->s6_addr32[0] | a->s6_addr32[1] | a->s6_addr32[2] |
		(a->s6_addr32[3] ^ htonl(1))) == 0;
}

static inline bool ipv6_addr_v4mapped(const struct in6_addr *a)
{
	return (a->s6_addr32[0] | a->s6_addr32[1] |
		(a->s6_addr32[2] ^ htonl(0x0000ffff))) == 0;
}

static inline bool ipv6_addr_v4mapped_any(const struct in6_addr *a)
{
	return ipv6_addr_v4mapped(a) && ipv4_is_zeronet(a->s6_addr32[3]);
}

static inline bool ipv6_addr_v4mapped_loopback(const struct in6_addr *a)
{
	return ipv6_addr_v4mapped(a) && ipv4_is_loopback(a->s6_addr32[3]);
}

static inline bool ipv6_addr_orchid(const struct in6_addr *a)
{
	return (a->s6_addr32[0] & htonl(0xfffffff0)) == htonl(0x20010010);
}

static inline bool ipv6_addr_is_multicast(const struct in6_addr *addr)
{
	return (addr->s6_addr32[0] & htonl(0xFF000000)) == htonl(0xFF000000);
}

static inline bool ipv6_addr_is_ll_all_nodes(const struct in6_addr *addr)
{
	return (addr->s6_addr32[0] ^ htonl(0xff020000)) == 0 &&
	       (addr->s6_addr32[1] | addr->s6_addr32[2] |
		(addr->s6_addr32[3] ^ htonl(1))) == 0;
}

static inline bool ipv6_addr_is_ll_all_routers(const struct in6_addr *addr)
{
	return (addr->s6_addr32[0] ^ htonl(0xff020000)) == 0 &&
	       (addr->s6_addr32[1] | addr->s6_addr32[2] |
		(addr->s6_addr32[3] ^ htonl(2))) == 0;
}

static inline bool ipv6_addr_is_solict_mult(const struct in6_addr *addr)
{
	return (addr->s6_addr32[0] ^ htonl(0xff020000)) == 0 &&
	       addr->s6_addr32[1] == 0 &&
	       (addr->s6_addr32[2] ^ htonl(0x00000001)) == 0 &&
	       addr->s6_addr[12] == 0xff;
}

static inline void ipv6_addr_set_v4mapped(const __be32 addr,
					  struct in6_addr *v4mapped)
{
	ipv6_addr_set(v4mapped, 0, 0, htonl(0x0000FFFF), addr);
}

/* Index of the first differing bit (0 = MSB), addrlen bytes % 4 == 0. */
static inline int __ipv6_addr_diff32(const void *token1, const void *token2,
				     int addrlen)
{
	const __be32 *a1 = token1, *a2 = token2;
	int i;

	addrlen >>= 2;
	for (i = 0; i < addrlen; i++) {
		__be32 xb = a1[i] ^ a2[i];

		if (xb)
			return i * 32 + 31 - __fls(ntohl(xb));
	}
	return addrlen << 5;
}

static inline int ipv6_addr_diff(const struct in6_addr *a1,
				 const struct in6_addr *a2)
{
	return __ipv6_addr_diff32(a1, a2, sizeof(struct in6_addr));
}

/* ---- checksums (net/checksum.h, asm/checksum.h, net/ip6_checksum.h) -- */

#define CSUM_MANGLED_0 ((__force __sum16)0xffff)

__wsum csum_partial(const void *buff, int len, __wsum sum);
__sum16 ip_fast_csum(const void *iph, unsigned int ihl);
__sum16 ip_compute_csum(const void *buff, int len);
__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, __u32 len, __u8 proto,
			  __wsum sum);
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

static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, __u32 len,
					__u8 proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
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

static inline __sum16 csum16_add(__sum16 csum, __be16 addend)
{
	u16 res = (__force u16)csum;

	res += (__force u16)addend;
	return (__force __sum16)(res + (res < (__force u16)addend));
}

static inline __sum16 csum16_sub(__sum16 csum, __be16 addend)
{
	return csum16_add(csum, ~addend);
}

/* Realign a sum of data that started at an odd offset. */
static inline __wsum csum_shift(__wsum sum, int offset)
{
	if (offset & 1)
		return (__force __wsum)ror32((__force u32)sum, 8);
	return sum;
}

static inline __wsum csum_block_add(__wsum csum, __wsum csum2, int offset)
{
	return csum_add(csum, csum_shift(csum2, offset));
}

static inline __wsum csum_block_sub(__wsum csum, __wsum csum2, int offset)
{
	return csum_block_add(csum, ~csum2, offset);
}

static inline __wsum csum_unfold(__sum16 n)
{
	return (__force __wsum)n;
}

static inline __wsum csum_partial_copy_nocheck(const void *src, void *dst,
					       int len)
{
	memcpy(dst, src, len);
	return csum_partial(dst, len, 0);
}

static inline void csum_replace_by_diff(__sum16 *sum, __wsum diff)
{
	*sum = csum_fold(csum_add(diff, ~csum_unfold(*sum)));
}

static inline void csum_replace4(__sum16 *sum, __be32 from, __be32 to)
{
	__wsum tmp = csum_sub(~csum_unfold(*sum), (__force __wsum)from);

	*sum = csum_fold(csum_add(tmp, (__force __wsum)to));
}

/* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). */
static inline void csum_replace2(__sum16 *sum, __be16 old, __be16 new)
{
	*sum = ~csum16_add(csum16_sub(~(*sum), old), new);
}

static inline void csum_replace(__wsum *csum, __wsum old, __wsum new)
{
	*csum = csum_add(csum_sub(*csum, old), new);
}

static inline __wsum wsum_negate(__wsum val)
{
	return (__force __wsum)-((__force u32)val);
}

static inline __sum16 tcp_v6_check(int len, const struct in6_addr *saddr,
				   const struct in6_addr *daddr, __wsum base)
{
	return csum_ipv6_magic(saddr, daddr, len, IPPROTO_TCP, base);
}

static inline __sum16 udp_v6_check(int len, const struct in6_addr *saddr,
				   const struct in6_addr *daddr, __wsum base)
{
	return csum_ipv6_magic(saddr, daddr, len, IPPROTO_UDP, base);
}

static inline __sum16 tcp_v4_check(int len, __be32 saddr, __be32 daddr,
				   __wsum base)
{
	return csum_tcpudp_magic(saddr, daddr, len, IPPROTO_TCP, base);
}

/* ---- memory --------------------------------------------------------- */

#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_ACCOUNT		0x400000u
#define __GFP_HIGH		((__force gfp_t)___GFP_HIGH)
#define __GFP_IO		((__force gfp_t)___GFP_IO)
#define __GFP_FS		((__force gfp_t)___GFP_FS)
#define __GFP_ZERO		((__force gfp_t)___GFP_ZERO)
#define __GFP_DIRECT_RECLAIM	((__force gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM	((__force gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_NOWARN		((__force gfp_t)___GFP_NOWARN)
#define __GFP_ACCOUNT		((__force gfp_t)___GFP_ACCOUNT)
#define GFP_ATOMIC	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)

/*
 * Fault injection: make the n-th allocation from now (1 = the next one)
 * fail, 0 = never. Covers kmalloc & co and kmem_cache_alloc.
 */
void kshim_fail_alloc_nth(unsigned int n);
/* Allocations made so far (successful or failed by injection). */
extern unsigned long kshim_alloc_count;

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
void kfree(const void *p);
#define kvmalloc(size, flags) kmalloc(size, flags)
#define kvzalloc(size, flags) kzalloc(size, flags)
#define kvcalloc(n, size, flags) kcalloc(n, size, flags)
#define kvfree(p) kfree(p)
#define kfree_sensitive(p) kfree(p)

#define SLAB_HWCACHE_ALIGN	0x00002000u
#define SLAB_PANIC		0x00040000u
#define SLAB_TYPESAFE_BY_RCU	0x00080000u
#define SLAB_ACCOUNT		0x04000000u

struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *objp);
void kmem_cache_destroy(struct kmem_cache *s);
/* Objects allocated from s and not yet freed (test helper). */
long kshim_kmem_cache_live(const struct kmem_cache *s);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}

#define KMEM_CACHE(__struct, __flags)					\
	kmem_cache_create(#__struct, sizeof(struct __struct),		\
			  __alignof__(struct __struct), (__flags), NULL)

/* ---- sleeping, locks ------------------------------------------------ */

extern int kshim_rcu_nesting;
extern int kshim_spin_nesting;

/* Sleeping in atomic context is a bug the kernel would report. */
#define might_sleep() \
	WARN(kshim_rcu_nesting > 0 || kshim_spin_nesting > 0, \
	     "sleeping function called from atomic context\n")
#define cond_resched() ({ might_sleep(); 0; })

struct mutex {
	int locked;
};

#define DEFINE_MUTEX(m) struct mutex m = { 0 }

static inline void mutex_init(struct mutex *m)
{
	m->locked = 0;
}

static inline void mutex_destroy(struct mutex *m)
{
	WARN_ON(m->locked);
}

static inline void mutex_lock(struct mutex *m)
{
	might_sleep();
	WARN(m->locked, "mutex_lock() deadlock: already held\n");
	m->locked = 1;
}

static inline int mutex_trylock(struct mutex *m)
{
	if (m->locked)
		return 0;
	m->locked = 1;
	return 1;
}

static inline void mutex_unlock(struct mutex *m)
{
	WARN(!m->locked, "mutex_unlock() of an unlocked mutex\n");
	m->locked = 0;
}

static inline bool mutex_is_locked(const struct mutex *m)
{
	return m->locked;
}

typedef struct {
	int locked;
} spinlock_t;

#define DEFINE_SPINLOCK(l) spinlock_t l = { 0 }

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	WARN(l->locked, "spin_lock() deadlock: already held\n");
	l->locked = 1;
	kshim_spin_nesting++;
}

static inline void spin_unlock(spinlock_t *l)
{
	WARN(!l->locked, "spin_unlock() of an unlocked lock\n");
	l->locked = 0;
	kshim_spin_nesting--;
}

#define spin_lock_bh(l) spin_lock(l)
#define spin_unlock_bh(l) spin_unlock(l)

/* Real check (not "always true"): the lock must be held by the caller. */
#define lockdep_is_held(l) ((l)->locked != 0)
#define lockdep_assert_held(l) WARN_ON(!lockdep_is_held(l))

/* ---- RCU ------------------------------------------------------------ */

struct rcu_head {
	struct rcu_head *next;
	void (*func)(struct rcu_head *head);
	size_t kfree_offset;	/* shim: kfree_rcu() when func == NULL */
	unsigned long queued;	/* shim: catches a double call_rcu() */
};

typedef void (*rcu_callback_t)(struct rcu_head *head);

void kshim_rcu_check(bool ok, const char *what, const char *file, int line);

static inline void rcu_read_lock(void)
{
	kshim_rcu_nesting++;
}

static inline void rcu_read_unlock(void)
{
	WARN(kshim_rcu_nesting <= 0, "rcu_read_unlock() without lock\n");
	kshim_rcu_nesting--;
}

#define rcu_read_lock_bh() rcu_read_lock()
#define rcu_read_unlock_bh() rcu_read_unlock()
#define rcu_read_lock_held() (kshim_rcu_nesting > 0)
#define rcu_read_lock_bh_held() (kshim_rcu_nesting > 0)

#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_check(p, c) ({					\
	kshim_rcu_check(rcu_read_lock_held() || (c),			\
			"rcu_dereference_check(" #p ")",		\
			__FILE__, __LINE__);				\
	READ_ONCE(p);							\
})
#define rcu_dereference(p) rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p) rcu_dereference_check(p, 0)
#define rcu_dereference_bh_check(p, c) rcu_dereference_check(p, c)
#define rcu_dereference_protected(p, c) ({				\
	kshim_rcu_check(!!(c), "rcu_dereference_protected(" #p ")",	\
			__FILE__, __LINE__);				\
	(p);								\
})
#define rcu_assign_pointer(p, v) do {					\
	__atomic_thread_fence(__ATOMIC_RELEASE);			\
	WRITE_ONCE(p, v);						\
} while (0)
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
#define RCU_INITIALIZER(v) (v)
#define rcu_replace_pointer(rcu_ptr, ptr, c) ({				\
	__typeof__(ptr) __rcu_old = rcu_dereference_protected(rcu_ptr, c); \
	rcu_assign_pointer(rcu_ptr, ptr);				\
	__rcu_old;							\
})
#define rcu_pointer_handoff(p) (p)

/* Callbacks run at the next grace period the test lets happen. */
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void kshim_kfree_rcu(struct rcu_head *head, size_t offset);
#define kfree_rcu(ptr, rhf) \
	kshim_kfree_rcu(&(ptr)->rhf, offsetof(__typeof__(*(ptr)), rhf))
#define kvfree_rcu(ptr, rhf) kfree_rcu(ptr, rhf)
/* Waits for (= runs) one grace period. Counted: see below. */
void synchronize_rcu(void);
#define synchronize_rcu_expedited() synchronize_rcu()
/* Runs callbacks until none is pending (also at exit). */
void rcu_barrier(void);

/* Test hooks: end a grace period now; how many callbacks wait for one. */
void kshim_rcu_grace_period(void);
unsigned long kshim_rcu_pending(void);
extern unsigned long kshim_synchronize_rcu_calls;

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

/* ---- lists (writer-side subset of linux/list.h) ---------------------- */

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
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

static inline int list_empty(const struct list_head *h)
{
	return h->next == h;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) \
	list_entry((ptr)->next, type, member)
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_entry((head)->next, __typeof__(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))
#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_entry((head)->next, __typeof__(*pos), member),	\
	     n = list_entry(pos->member.next, __typeof__(*pos), member);	\
	     &pos->member != (head);					\
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

#endif /* DCX_KSHIM_H */
