/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim, part two: what the kernel gives the core at run time,
 * emulated strictly enough to catch in userspace what lockdep, PROVE_RCU
 * or DEBUG_ATOMIC_SLEEP would catch in a debug kernel: WARN, allocation
 * (kmalloc, slab caches, fault injection), mutexes and a single-threaded
 * RCU. Implemented in kshim_sync.c. Include kshim.h, not this file.
 *
 *  - rcu_dereference() outside rcu_read_lock(), rcu_dereference_protected()
 *    with a false condition, lockdep_is_held() on a mutex that is not held,
 *    GFP_KERNEL allocation / mutex_lock() / synchronize_rcu() inside an RCU
 *    read-side section, and kmem_cache_destroy() with live objects are all
 *    WARNs;
 *  - every WARN_ON() that fires aborts the test (a warning is a bug),
 *    unless a test sets kshim_warn_fatal = false to check that it fires.
 *  - call_rcu()/kfree_rcu() callbacks run only at a grace period the test
 *    triggers (kshim_rcu_grace_period(), synchronize_rcu(), rcu_barrier())
 *    or at exit, so ASan sees any use of memory freed too early. They run
 *    in "softirq": sleeping there (cond_resched(), GFP_KERNEL) is a WARN;
 *    queue_rcu_work() items run after them in process context.
 *
 * Limits: single-threaded.
 */
#ifndef DCX_KSHIM_SYNC_H
#define DCX_KSHIM_SYNC_H

#include "kshim_types.h"

/* ---- warnings ------------------------------------------------------- */

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
#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn)) {					\
		fprintf(stderr, fmt, ##__VA_ARGS__);			\
		kshim_warn(__FILE__, __LINE__, #cond);			\
	}								\
	unlikely(__ret_warn);						\
})

/* ---- memory --------------------------------------------------------- */

#define __GFP_HIGH		0x20u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_ZERO		0x100u
#define __GFP_DIRECT_RECLAIM	0x400u
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_RETRY_MAYFAIL	0x1000u
#define GFP_ATOMIC	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM | \
			 __GFP_IO | __GFP_FS)

/*
 * Fault injection: make the n-th allocation from now (1 = the next one)
 * fail, 0 = never. Covers kmalloc & co and kmem_cache_alloc.
 */
void kshim_fail_alloc_nth(unsigned int n);
/* The flags of the last allocation (test helper). */
extern gfp_t kshim_last_gfp;

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *p);

/* vmalloc fallback (linux/slab.h): the same heap here. */
#define kvzalloc(size, flags) kzalloc((size), (flags))
#define kvfree(p) kfree(p)

/* Arrays: NULL when n * size overflows, as in the kernel. */
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return kmalloc(n * size, flags);
}
#define kvmalloc_array(n, size, flags) kmalloc_array((n), (size), (flags))
#define kcalloc(n, size, flags) \
	kmalloc_array((n), (size), (flags) | __GFP_ZERO)
#define kvcalloc(n, size, flags) kcalloc((n), (size), (flags))

/*
 * linux/random.h: a fixed sequence, so that every run of a test or of
 * the benchmark hashes (kmod/core/lenhash.c) the same way.
 */
static inline u64 get_random_u64(void)
{
	static u64 x = 0x2545f4914f6cdd1dULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x;
}

struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned int flags,
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

/* ---- per-CPU data: one CPU, allocated like kzalloc ------------------ */

#define __percpu
#define alloc_percpu_gfp(type, gfp) ((type *)kzalloc(sizeof(type), (gfp)))
#define free_percpu(p) kfree(p)
#define per_cpu_ptr(p, cpu) ((void)(cpu), (p))
#define this_cpu_inc(x) ((x)++)
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)

/* ---- sleeping, locks ------------------------------------------------ */

extern int kshim_rcu_nesting;
/* Non-zero while RCU callbacks run (softirq in the kernel). */
extern int kshim_in_rcu_callback;

/* Sleeping in atomic context is a bug the kernel would report. */
#define might_sleep() \
	WARN(kshim_rcu_nesting > 0 || kshim_in_rcu_callback > 0, \
	     "sleeping function called from atomic context\n")

/* A point where a long loop lets others run; counted for the tests. */
extern unsigned long kshim_cond_resched_calls;
static inline void cond_resched(void)
{
	might_sleep();
	kshim_cond_resched_calls++;
}

struct mutex {
	int locked;
};

#define DEFINE_MUTEX(m) struct mutex m = { 0 }

static inline void mutex_init(struct mutex *m)
{
	m->locked = 0;
}

static inline void mutex_lock(struct mutex *m)
{
	might_sleep();
	WARN(m->locked, "mutex_lock() deadlock: already held\n");
	m->locked = 1;
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

#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_check(p, c) ({					\
	kshim_rcu_check(kshim_rcu_nesting > 0 || (c),			\
			"rcu_dereference_check(" #p ")",		\
			__FILE__, __LINE__);				\
	READ_ONCE(p);							\
})
#define rcu_dereference(p) rcu_dereference_check(p, 0)
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

/*
 * As with CONFIG_PROVE_RCU_LIST: outside rcu_read_lock() the optional
 * lockdep condition (the writer's lock) must hold.
 */
#define hlist_for_each_entry_rcu(pos, head, member, ...)		\
	for (kshim_rcu_check(kshim_rcu_nesting > 0			\
			     __VA_OPT__(|| (__VA_ARGS__)),		\
			     "hlist_for_each_entry_rcu(" #head ")",	\
			     __FILE__, __LINE__),			\
	     pos = hlist_entry_safe(READ_ONCE((head)->first),		\
				    __typeof__(*pos), member);		\
	     pos;							\
	     pos = hlist_entry_safe(READ_ONCE(pos->member.next),	\
				    __typeof__(*pos), member))

/* Callbacks run at the next grace period the test lets happen. */
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void kshim_kfree_rcu(struct rcu_head *head, size_t offset);
#define kfree_rcu(ptr, rhf) \
	kshim_kfree_rcu(&(ptr)->rhf, offsetof(__typeof__(*(ptr)), rhf))
/* Waits for (= runs) one grace period. Counted: see below. */
void synchronize_rcu(void);
/* Runs callbacks until none is pending (also at exit). */
void rcu_barrier(void);

/*
 * Work run in process context after a grace period (the kernel's
 * queue_rcu_work()); the shim runs it at the grace period, after the
 * RCU callbacks and outside them. The workqueue is ignored.
 */
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
struct work_struct {
	work_func_t func;
	struct work_struct *next;	/* shim: the run list */
};
struct rcu_work {
	struct work_struct work;
	struct rcu_head rcu;
};
struct workqueue_struct;
#define INIT_RCU_WORK(rw, fn) ((rw)->work.func = (fn))
#define to_rcu_work(w) container_of(w, struct rcu_work, work)
bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rw);

/* Test hooks: end a grace period now; how many callbacks wait for one. */
void kshim_rcu_grace_period(void);
unsigned long kshim_rcu_pending(void);
extern unsigned long kshim_synchronize_rcu_calls;

#endif /* DCX_KSHIM_SYNC_H */
