// SPDX-License-Identifier: GPL-2.0
/*
 * TXN_BEGIN, TXN_COMMIT, TXN_ABORT, and the netlink notifier that aborts
 * the transactions of a socket that closes (NETLINK_URELEASE).
 */
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <net/genetlink.h>
#include "instance.h"
#include "nl_msg.h"
#include "nl_handlers.h"
#include "compat.h"

static int dcx_fill_commit(struct sk_buff *skb, struct dcx_req *r, void *arg)
{
	const struct dcx_tables *t = dcx_instance_cfg(r->inst)->xlat.tables;

	return nla_put_u32(skb, DCXLAT_A_COUNT, t->neams);
}

int dcx_nl_txn(struct sk_buff *skb, struct genl_info *info)
{
	u32 portid = info->snd_portid;
	struct dcx_req r;
	int err;

	err = dcx_nl_begin(info, &r, DCX_REQ_EXISTS);
	if (err)
		return err;
	switch (info->genlhdr->cmd) {
	case DCXLAT_CMD_TXN_BEGIN:
		err = dcx_txn_begin(r.inst, portid, info->extack);
		break;
	case DCXLAT_CMD_TXN_COMMIT:
		err = dcx_txn_commit(r.inst, portid, info->extack);
		if (!err) {
			r.staging = false;
			dcx_nl_notify(&r, dcx_fill_commit, NULL);
		}
		break;
	default:
		err = dcx_txn_abort(r.inst, portid, info->extack);
	}
	dcx_nl_end(&r);
	return err;
}

/* A socket closed: abort its transactions (the notifier below). */
static int dcx_nl_urelease(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC &&
	    dcx_txn_any())
		dcx_txn_release(n->net, n->portid);
	return NOTIFY_DONE;
}

struct notifier_block dcx_nl_txn_notifier = {
	.notifier_call = dcx_nl_urelease,
};
