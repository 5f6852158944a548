// SPDX-License-Identifier: GPL-2.0
/*
 * The free workqueue "dcxlat_free" (see freewq.h): it owns the workqueue
 * and dcx_free_after_gp(), nothing else. Depends on no other module file.
 */
#include <linux/workqueue.h>
#include "core/env.h"
#include "freewq.h"

static struct workqueue_struct *dcx_free_wq;

int dcx_freewq_init(void)
{
	dcx_free_wq = alloc_workqueue("dcxlat_free", WQ_UNBOUND, 0);
	return dcx_free_wq ? 0 : -ENOMEM;
}

void dcx_freewq_exit(void)
{
	/* The RCU callbacks queue the works: first them, then the works. */
	rcu_barrier();
	destroy_workqueue(dcx_free_wq);
}

void dcx_free_after_gp(struct rcu_work *rw, work_func_t fn)
{
	INIT_RCU_WORK(rw, fn);
	queue_rcu_work(dcx_free_wq, rw);
}
