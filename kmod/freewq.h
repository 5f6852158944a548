/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The free workqueue (freewq.c): where everything too large to free in
 * an RCU callback (softirq) is freed, after a grace period, in process
 * context: configuration snapshots with their tables and deleted
 * instances (instance.c), emptied tries and deleted spaces (the core,
 * through dcx_free_after_gp(), declared in core/env.h). Such frees may
 * take long and yield (cond_resched()).
 *
 * Init before anything can be freed; exit after the last instance is
 * gone and before the slab caches go: it waits for every pending free.
 */
#ifndef DCX_FREEWQ_H
#define DCX_FREEWQ_H

int dcx_freewq_init(void);
void dcx_freewq_exit(void);

#endif /* DCX_FREEWQ_H */
