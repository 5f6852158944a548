/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The environment of the pure translation core (kmod/core/), and the only
 * place that chooses it:
 *  - inside the module (__KERNEL__): the kernel headers below; the
 *    core's own objects (DCX_CORE_LEAN, from Kbuild) get a lean set that
 *    compiles in a third of the time, every other object (which uses the
 *    networking stack anyway) the full one; env_ip.h holds the few names
 *    of net/ip.h and net/ipv6.h the lean set lacks;
 *  - in the unit tests, fuzzers and benchmark (DCX_KSHIM, set by their
 *    Makefiles): tests/kshim/kshim.h, the same names with userspace
 *    implementations (RCU, slab, checksums), and env_ip.h;
 *  - anywhere else in userspace (the CLI, which compiles prefix.c): only
 *    the types of env_user.h, so a core file built there may use nothing
 *    but types, bytes and formatting.
 * Core files include this header (directly or through other core headers)
 * and no system header of their own.
 */
#ifndef DCX_CORE_ENV_H
#define DCX_CORE_ENV_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/hash.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <linux/random.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <asm/byteorder.h>
#include <net/checksum.h>
#ifdef DCX_CORE_LEAN
/*
 * The core's own objects (Kbuild sets DCX_CORE_LEAN for them): the packet
 * layouts from the uapi headers, the rest in env_ip.h; not the networking
 * stack that linux/ip.h, net/ipv6.h and friends pull in (~70,000 more
 * lines to parse per file).
 */
#include <uapi/linux/ip.h>
#include <uapi/linux/ipv6.h>
#include <uapi/linux/icmp.h>
#include <uapi/linux/icmpv6.h>
#include <uapi/linux/tcp.h>
#include <uapi/linux/udp.h>
#ifndef _HAVE_ARCH_IPV6_CSUM
#include <net/ip6_checksum.h>	/* the generic csum_ipv6_magic() */
#endif
#else
/* Every other object of the module that includes a core header. */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#endif
#include "env_ip.h"

/* An address and a length in a message (prefix.h's refusals). */
#define DCX_P4_FMT		"%pI4/%u"
#define DCX_P4_ARG(a, l)	&(a), (l)
#define DCX_P6_FMT		"%pI6c/%u"
#define DCX_P6_ARG(a, l)	(a), (l)

/*
 * Run fn in process context after a grace period: queue_rcu_work() on
 * the module's dcxlat_free workqueue (kmod/freewq.c), which module exit
 * drains before the slab caches go. For frees too long for an RCU
 * callback (softirq): whole tables, spaces.
 */
void dcx_free_after_gp(struct rcu_work *rw, work_func_t fn);
#elif defined(DCX_KSHIM)
#include "kshim.h"
#include "env_ip.h"

static inline void dcx_free_after_gp(struct rcu_work *rw, work_func_t fn)
{
	INIT_RCU_WORK(rw, fn);
	queue_rcu_work(NULL, rw);
}
#else
#include "env_user.h"
#endif

/*
 * Long writer loops (freeing, emptying or rehashing a table of millions
 * of entries) call this every DCX_RESCHED_BATCH steps: process context
 * only, no RCU read-side section or spinlock held. The kernel's
 * cond_resched(); the test shim's counts the calls and WARNs in atomic
 * context; a no-op elsewhere in userspace.
 */
#define DCX_RESCHED_BATCH	1024
#if defined(__KERNEL__) || defined(DCX_KSHIM)
#define dcx_cond_resched()	cond_resched()
/*
 * Allocations that grow the tables on a writer's request (EAM entries and
 * their trie nodes): may fail (-ENOMEM, the request undone) when memory
 * is short, rather than loop in reclaim and wake the OOM killer.
 */
#define DCX_GFP_TABLE		(GFP_KERNEL | __GFP_RETRY_MAYFAIL)
#else
#define dcx_cond_resched()	do { } while (0)
#endif

#endif /* DCX_CORE_ENV_H */
