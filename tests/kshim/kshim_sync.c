// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace run time behind kshim_sync.h: WARN reporting, allocation with
 * fault injection, and a single-threaded RCU whose grace periods the tests
 * control.
 */
#include "kshim_sync.h"

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

/* ---- allocation ----------------------------------------------------- */

static unsigned int fail_nth;
gfp_t kshim_last_gfp;

void kshim_fail_alloc_nth(unsigned int n)
{
	fail_nth = n;
}

/* Common entry of every allocator: context check and fault injection. */
static bool alloc_allowed(gfp_t flags)
{
	kshim_last_gfp = flags;
	if (flags & __GFP_DIRECT_RECLAIM)
		might_sleep();
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
				     unsigned int align, unsigned int flags,
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
		p = aligned_alloc(s->align, (s->size + s->align - 1) /
				  s->align * s->align);
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
int kshim_in_rcu_callback;
unsigned long kshim_synchronize_rcu_calls;
unsigned long kshim_cond_resched_calls;

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

/* rcu_work items whose grace period ended, to run in process context. */
static struct work_struct *work_head;
static struct work_struct **work_tail = &work_head;

static void rcu_work_ready(struct rcu_head *head)
{
	struct rcu_work *rw = container_of(head, struct rcu_work, rcu);

	rw->work.next = NULL;
	*work_tail = &rw->work;
	work_tail = &rw->work.next;
}

bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rw)
{
	(void)wq;
	WARN_ON(!rw->work.func);
	call_rcu(&rw->rcu, rcu_work_ready);
	return true;
}

/* Process context: the works may sleep; what they queue waits. */
static void run_works(void)
{
	struct work_struct *w = work_head;

	work_head = NULL;
	work_tail = &work_head;
	while (w) {
		struct work_struct *next = w->next;

		w->func(w);
		w = next;
	}
}

/*
 * Run the callbacks queued so far, in "softirq", then the rcu_work items
 * they made ready, in process context; callbacks and works queued
 * meanwhile wait for the next grace period, as in the kernel.
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
		kshim_in_rcu_callback++;
		if (h->func)
			h->func(h);
		else
			free((char *)h - h->kfree_offset);
		kshim_in_rcu_callback--;
		h = next;
	}
	run_works();
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
