// SPDX-License-Identifier: GPL-2.0
/*
 * Transactions (see txn.h). The staging snapshot is never visible to the
 * packet path, so it is edited in place and, when discarded, freed at once;
 * the commit is a single rcu_assign_pointer and the old snapshot with its
 * tables is freed by an RCU callback: nothing here waits for a grace period.
 */
#include <linux/atomic.h>
#include "txn.h"
#include "compat.h"

static atomic_t dcx_txn_open = ATOMIC_INIT(0);

bool dcx_txn_any(void)
{
	return atomic_read(&dcx_txn_open) > 0;
}

struct dcx_config *dcx_txn_staging(struct dcx_instance *inst, u32 portid)
{
	lockdep_assert_held(&dcx_cfg_mutex);
	if (inst->staging && inst->staging_portid == portid)
		return inst->staging;
	return NULL;
}

static void dcx_txn_drop(struct dcx_instance *inst)
{
	dcx_config_destroy(inst->staging);
	inst->staging = NULL;
	inst->staging_portid = 0;
	atomic_dec(&dcx_txn_open);
}

int dcx_txn_begin(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack)
{
	struct dcx_config *cfg;

	lockdep_assert_held(&dcx_cfg_mutex);
	if (inst->staging) {
		if (inst->staging_portid == portid)
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "this socket already has a transaction open on instance \"%s\"",
					       inst->name);
		else
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "instance \"%s\" is in a transaction of netlink port %u; retry later",
					       inst->name, inst->staging_portid);
		return -EBUSY;
	}
	cfg = dcx_config_new();
	if (!cfg) {
		NL_SET_ERR_MSG_MOD(extack, "out of memory for the transaction");
		return -ENOMEM;
	}
	inst->staging = cfg;
	inst->staging_portid = portid;
	atomic_inc(&dcx_txn_open);
	return 0;
}

static int dcx_txn_owned(struct dcx_instance *inst, u32 portid,
			 struct netlink_ext_ack *extack)
{
	if (dcx_txn_staging(inst, portid))
		return 0;
	NL_SET_ERR_MSG_FMT_MOD(extack,
			       "no open transaction of this socket on instance \"%s\"",
			       inst->name);
	return -ENOENT;
}

int dcx_txn_commit(struct dcx_instance *inst, u32 portid,
		   struct netlink_ext_ack *extack)
{
	int err = dcx_txn_owned(inst, portid, extack);

	if (err)
		return err;
	dcx_instance_publish(inst, inst->staging);
	inst->staging = NULL;
	inst->staging_portid = 0;
	atomic_dec(&dcx_txn_open);
	return 0;
}

int dcx_txn_abort(struct dcx_instance *inst, u32 portid,
		  struct netlink_ext_ack *extack)
{
	int err = dcx_txn_owned(inst, portid, extack);

	if (!err)
		dcx_txn_drop(inst);
	return err;
}

void dcx_txn_release(struct net *net, u32 portid)
{
	struct dcx_instance *inst;

	mutex_lock(&dcx_cfg_mutex);
	list_for_each_entry(inst, &dcx_net(net)->instances, list)
		if (dcx_txn_staging(inst, portid))
			dcx_txn_drop(inst);
	mutex_unlock(&dcx_cfg_mutex);
}
