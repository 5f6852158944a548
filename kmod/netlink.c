// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "dcxlat": its name, version, policy (from
 * nl_policy.c), multicast group and the table of operations, which maps
 * every DCXLAT_CMD_* to its handlers in nl_instance.c, nl_eamt.c,
 * nl_settings.c, nl_space.c and nl_txn.c. The handlers share nl_msg.c;
 * nothing below this file calls back into it. Every doit and dumpit runs
 * inside nl_err.c's slot (pre_doit/post_doit, the *_run dump wrappers),
 * which relies on the family not being parallel_ops.
 * Documentation/netlink/specs/dcxlat.yaml describes the same family;
 * tests/netlink/check_spec.py compares it with this table.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include "uapi/dcxlat.h"
#include "settings.h"
#include "nl_policy.h"
#include "nl_msg.h"
#include "nl_err.h"
#include "nl_handlers.h"
#include "netlink.h"
#include "compat.h"

/* Every operation needs CAP_NET_ADMIN in the netns' user namespace. */
#define DCX_DO(c, doit)		DCX_DO_DUMP(c, doit, NULL)
#define DCX_DUMP(c, dumpit)	DCX_DO_DUMP(c, NULL, dumpit)
#define DCX_DO_DUMP(c, fdo, fdump) {				\
	.cmd = DCXLAT_CMD_##c,					\
	.doit = fdo,						\
	.dumpit = fdump,					\
	.flags = GENL_UNS_ADMIN_PERM,				\
}

static int dcx_nl_pre_doit(const struct dcx_genl_doit_ops *ops,
			   struct sk_buff *skb, struct genl_info *info)
{
	dcx_nl_err_open(info->extack);
	return 0;
}

static void dcx_nl_post_doit(const struct dcx_genl_doit_ops *ops,
			     struct sk_buff *skb, struct genl_info *info)
{
	dcx_nl_err_reply(info);
}

/* name##_run: the dumpit name inside nl_err.c's slot. */
#define DCX_DUMP_RUN(name)						\
static int name##_run(struct sk_buff *skb, struct netlink_callback *cb) \
{									\
	return dcx_nl_dump_run(skb, cb, name);				\
}
DCX_DUMP_RUN(dcx_nl_instance_dump)
DCX_DUMP_RUN(dcx_nl_eamt_dump)
DCX_DUMP_RUN(dcx_nl_space_dump)

static const struct genl_small_ops dcx_genl_ops[] = {
	DCX_DO(INSTANCE_ADD, dcx_nl_instance_change),
	DCX_DO(INSTANCE_DEL, dcx_nl_instance_change),
	DCX_DO_DUMP(INSTANCE_GET, dcx_nl_instance_get,
		    dcx_nl_instance_dump_run),
	DCX_DO(POOL6_SET, dcx_nl_pool6_change),
	DCX_DO(POOL6_GET, dcx_nl_instance_get),
	DCX_DO(POOL6_FLUSH, dcx_nl_pool6_change),
	DCX_DO(STATS_GET, dcx_nl_instance_get),
	DCX_DO(STATS_RESET, dcx_nl_stats_reset),
	DCX_DO(EAMT_ADD, dcx_nl_eamt_add),
	DCX_DO(EAMT_DEL, dcx_nl_eamt_del),
	DCX_DUMP(EAMT_GET, dcx_nl_eamt_dump_run),
	DCX_DO(EAMT_FLUSH, dcx_nl_eamt_flush),
	DCX_DO(SETTINGS_SET, dcx_nl_settings_set),
	DCX_DO(SETTINGS_GET, dcx_nl_settings_get),
	DCX_DO(SPACE_ADD, dcx_nl_space_add),
	DCX_DO(SPACE_DEL, dcx_nl_space_del),
	DCX_DO_DUMP(SPACE_GET, dcx_nl_space_get, dcx_nl_space_dump_run),
	DCX_DO(SPACE_SET, dcx_nl_space_set),
	DCX_DO(BIND_ADD, dcx_nl_bind),
	DCX_DO(BIND_DEL, dcx_nl_bind),
	DCX_DO(TXN_BEGIN, dcx_nl_txn),
	DCX_DO(TXN_COMMIT, dcx_nl_txn),
	DCX_DO(TXN_ABORT, dcx_nl_txn),
};

static const struct genl_multicast_group dcx_genl_mcgrps[] = {
	[DCX_MCGRP_CONFIG] = DCX_GENL_MCGRP(DCXLAT_MCGRP_CONFIG),
};

static struct genl_family dcx_genl_family __ro_after_init = {
	.name = DCXLAT_GENL_NAME,
	.version = DCXLAT_GENL_VERSION,
	.maxattr = DCXLAT_A_MAX,
	.policy = dcx_policy,
	.netnsok = true,
	.parallel_ops = false,	/* nl_err.c's one slot relies on it */
	.pre_doit = dcx_nl_pre_doit,
	.post_doit = dcx_nl_post_doit,
	.module = THIS_MODULE,
	.small_ops = dcx_genl_ops,
	.n_small_ops = ARRAY_SIZE(dcx_genl_ops),
	.mcgrps = dcx_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(dcx_genl_mcgrps),
};

int __init dcx_genl_register(void)
{
	int err;

	err = dcx_settings_init();
	if (err)
		return err;
	dcx_nl_msg_init(&dcx_genl_family);
	dcx_nl_err_init(&dcx_genl_family);
	err = genl_register_family(&dcx_genl_family);
	if (err)
		return err;
	err = netlink_register_notifier(&dcx_nl_txn_notifier);
	if (err)
		genl_unregister_family(&dcx_genl_family);
	return err;
}

void dcx_genl_unregister(void)
{
	netlink_unregister_notifier(&dcx_nl_txn_notifier);
	dcx_nl_msg_exit();
	genl_unregister_family(&dcx_genl_family);
}
