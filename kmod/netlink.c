// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "dcxlat": the only way to configure the module.
 * The protocol is documented in uapi/dcxlat.h. Every handler acts on the
 * netns of the requesting socket and runs with dcx_cfg_mutex held; every
 * refusal carries an extack message.
 */
#include <linux/module.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include "uapi/dcxlat.h"
#include "instance.h"
#include "stats.h"
#include "netlink.h"
#include "txn.h"
#include "nl_space.h"
#include "compat.h"

#define DCX_ERR_ATTR(extack, attr, msg) \
	NL_SET_ERR_MSG_ATTR(extack, attr, KBUILD_MODNAME ": " msg)

enum dcx_mcgrp {
	DCX_MCGRP_CONFIG,
};

/*
 * Bumped on every change made here so that a dump spanning several
 * messages can flag NLM_F_DUMP_INTR. Never 0: prev_seq 0 means "unset".
 */
static unsigned int dcx_genl_gen = 1;

const struct nla_policy dcx_prefix4_policy[DCXLAT_PREFIX_MAX + 1] = {
	[DCXLAT_PREFIX_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[DCXLAT_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
};

const struct nla_policy dcx_prefix6_policy[DCXLAT_PREFIX_MAX + 1] = {
	[DCXLAT_PREFIX_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DCXLAT_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy dcx_policy[DCXLAT_A_MAX + 1] = {
	[DCXLAT_A_ABI] = { .type = NLA_U32 },
	[DCXLAT_A_INSTANCE] = { .type = NLA_NUL_STRING,
				.len = DCXLAT_NAME_MAX - 1 },
	[DCXLAT_A_POOL6] = NLA_POLICY_NESTED(dcx_prefix6_policy),
	[DCXLAT_A_STATS] = { .type = NLA_REJECT,
			     .reject_message = "DCXLAT_A_STATS is reply-only" },
	[DCXLAT_A_PAD] = { .type = NLA_REJECT,
			   .reject_message = "DCXLAT_A_PAD is reply-only" },
	[DCXLAT_A_SPACE] = { .type = NLA_NUL_STRING,
			     .len = DCXLAT_NAME_MAX - 1 },
	[DCXLAT_A_EAM] = NLA_POLICY_NESTED(dcx_eam_policy),
	[DCXLAT_A_SETTINGS] = NLA_POLICY_NESTED(dcx_settings_policy),
	/* Spaces and bindings: nl_space.c */
	[DCXLAT_A_SPACE_CFG] = NLA_POLICY_NESTED(dcx_space_cfg_policy),
	[DCXLAT_A_BIND] = NLA_POLICY_NESTED(dcx_bind_policy),
	[DCXLAT_A_COUNT] = { .type = NLA_REJECT,
			     .reject_message = "DCXLAT_A_COUNT is reply-only" },
};

void dcx_nl_gen_bump(void)
{
	lockdep_assert_held(&dcx_cfg_mutex);
	if (!++dcx_genl_gen)
		dcx_genl_gen = 1;
}

unsigned int dcx_nl_gen(void)
{
	return READ_ONCE(dcx_genl_gen);
}

int dcx_nl_check_abi(struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	struct nlattr *a = attrs[DCXLAT_A_ABI];
	u32 abi;

	if (!a)
		return 0;
	abi = nla_get_u32(a);
	if (abi == DCXLAT_ABI_VERSION)
		return 0;
	NL_SET_BAD_ATTR(extack, a);
	NL_SET_ERR_MSG_FMT_MOD(extack,
			       "ABI mismatch: request speaks ABI %u, module ABI %u",
			       abi, DCXLAT_ABI_VERSION);
	return -EPROTO;
}

/* Printable ASCII without spaces, as the uapi header promises. */
int dcx_nl_check_name(const struct nlattr *a, const char *what,
		      struct netlink_ext_ack *extack)
{
	const char *s = nla_data(a);

	if (!*s) {
		NL_SET_BAD_ATTR(extack, a);
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s name is empty", what);
		return -EINVAL;
	}
	for (; *s; s++) {
		if (*s < 0x21 || *s > 0x7e) {
			NL_SET_BAD_ATTR(extack, a);
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "%s name must be printable ASCII without spaces",
					       what);
			return -EINVAL;
		}
	}
	return 0;
}

/* Common entry of every doit: ABI and a valid DCXLAT_A_INSTANCE. */
static int dcx_req_start(struct genl_info *info, const char **name)
{
	int err;

	err = dcx_nl_check_abi(info->attrs, info->extack);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, DCXLAT_A_INSTANCE)) {
		DCX_ERR(info->extack,
			"missing instance name (DCXLAT_A_INSTANCE)");
		return -EINVAL;
	}
	err = dcx_nl_check_name(info->attrs[DCXLAT_A_INSTANCE], "instance",
			     info->extack);
	if (err)
		return err;
	if (info->attrs[DCXLAT_A_SPACE]) {
		err = dcx_nl_check_name(info->attrs[DCXLAT_A_SPACE], "space",
				     info->extack);
		if (err)
			return err;
	}
	*name = nla_data(info->attrs[DCXLAT_A_INSTANCE]);
	return 0;
}

/* Needs dcx_cfg_mutex. Sets extack when the instance does not exist. */
static struct dcx_instance *dcx_req_instance(struct genl_info *info,
					     const char *name)
{
	struct dcx_instance *inst;

	inst = dcx_instance_find(genl_info_net(info), name);
	if (!inst) {
		NL_SET_BAD_ATTR(info->extack, info->attrs[DCXLAT_A_INSTANCE]);
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "no instance \"%s\" in this netns", name);
	}
	return inst;
}

int dcx_nl_begin(struct genl_info *info, struct dcx_req *r)
{
	int err;

	memset(r, 0, sizeof(*r));
	r->info = info;
	err = dcx_req_start(info, &r->name);
	if (err)
		return err;
	mutex_lock(&dcx_cfg_mutex);
	r->inst = dcx_req_instance(info, r->name);
	if (!r->inst) {
		mutex_unlock(&dcx_cfg_mutex);
		return -ENOENT;
	}
	r->cfg = dcx_txn_staging(r->inst, info->snd_portid);
	r->staging = r->cfg;
	if (!r->cfg)
		r->cfg = (struct dcx_config *)dcx_instance_cfg(r->inst);
	return 0;
}

void dcx_nl_end(struct dcx_req *r)
{
	mutex_unlock(&dcx_cfg_mutex);
}

struct dcx_space *dcx_nl_space(struct genl_info *info, struct dcx_tables *t,
			       const char *inst_name)
{
	struct nlattr *a = info->attrs[DCXLAT_A_SPACE];
	const char *name = a ? nla_data(a) : DCX_DEFAULT_SPACE;
	struct dcx_space *s = dcx_space_find(t, name);

	if (!s) {
		NL_SET_BAD_ATTR(info->extack, a);
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "no space \"%s\" in instance \"%s\"",
				       name, inst_name);
	}
	return s;
}

int dcx_nl_prefix(const struct nlattr *nest, unsigned int bits, void *addr,
		  u8 *len, const char *what, struct netlink_ext_ack *extack)
{
	const struct nla_policy *pol = bits == 32 ? dcx_prefix4_policy :
						    dcx_prefix6_policy;
	struct nlattr *tb[DCXLAT_PREFIX_MAX + 1];
	unsigned int i, bytes = bits / 8;
	u8 *a = addr;
	int err;

	err = nla_parse_nested(tb, DCXLAT_PREFIX_MAX, nest, pol, extack);
	if (err)
		return err;
	if (!tb[DCXLAT_PREFIX_ADDR] || !tb[DCXLAT_PREFIX_LEN]) {
		NL_SET_BAD_ATTR(extack, nest);
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "%s lacks its %s (DCXLAT_PREFIX_%s)", what,
				       tb[DCXLAT_PREFIX_LEN] ? "address" :
				       "length",
				       tb[DCXLAT_PREFIX_LEN] ? "ADDR" : "LEN");
		return -EINVAL;
	}
	memcpy(a, nla_data(tb[DCXLAT_PREFIX_ADDR]), bytes);
	*len = nla_get_u8(tb[DCXLAT_PREFIX_LEN]);
	for (i = *len; i < bits; i++) {
		if (a[i / 8] & (0x80 >> (i % 8))) {
			NL_SET_BAD_ATTR(extack, tb[DCXLAT_PREFIX_ADDR]);
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "%s address has bits set after /%u",
					       what, *len);
			return -EINVAL;
		}
	}
	return 0;
}

static int dcx_put_pool6(struct sk_buff *skb, const struct dcx_instance *inst)
{
	const struct dcx_prefix6 *p;
	struct nlattr *nest;

	p = dcx_space_pool6(dcx_instance_tables(inst)->def);
	if (!p)
		return 0;
	nest = nla_nest_start(skb, DCXLAT_A_POOL6);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(skb, DCXLAT_PREFIX_ADDR, &p->addr) ||
	    nla_put_u8(skb, DCXLAT_PREFIX_LEN, p->len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int dcx_nl_put_prefix(struct sk_buff *skb, int type, const void *addr,
		      int alen, u8 len)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, DCXLAT_PREFIX_ADDR, alen, addr) ||
	    nla_put_u8(skb, DCXLAT_PREFIX_LEN, len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int dcx_nl_put_stats(struct sk_buff *skb, int type,
		     struct dcx_stats __percpu *st)
{
	u64 sum[DCXLAT_STAT_COUNT];
	struct nlattr *nest;
	int i;

	dcx_stats_sum(st, sum);
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < DCXLAT_STAT_COUNT; i++) {
		if (nla_put_u64_64bit(skb, i + 1, sum[i], DCXLAT_STATS_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int dcx_put_stats(struct sk_buff *skb, const struct dcx_instance *inst)
{
	return dcx_nl_put_stats(skb, DCXLAT_A_STATS, inst->stats);
}

/* What each command's reply or notification carries besides INSTANCE. */
enum {
	DCX_FILL_NAME = 0,
	DCX_FILL_POOL6 = BIT(0),
	DCX_FILL_STATS = BIT(1),
};

static int dcx_fill(struct sk_buff *skb, const struct dcx_instance *inst,
		    unsigned int what)
{
	if (nla_put_string(skb, DCXLAT_A_INSTANCE, inst->name))
		return -EMSGSIZE;
	if ((what & DCX_FILL_POOL6) && dcx_put_pool6(skb, inst))
		return -EMSGSIZE;
	if ((what & DCX_FILL_STATS) && dcx_put_stats(skb, inst))
		return -EMSGSIZE;
	return 0;
}

static int dcx_reply(struct genl_info *info, const struct dcx_instance *inst,
		     unsigned int what)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		DCX_ERR(info->extack, "out of memory for the reply");
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, &dcx_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr || dcx_fill(msg, inst, what)) {
		nlmsg_free(msg);
		DCX_ERR(info->extack, "reply does not fit in one message");
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * After every successful change: bump the dump generation and tell the
 * netns' listeners. The change is done, so failing to notify must not fail
 * the request; errors are dropped here. @inst is NULL after a delete,
 * @name then identifies it.
 */
static void dcx_changed(struct genl_info *info, const char *name,
			const struct dcx_instance *inst, unsigned int what)
{
	struct sk_buff *msg;
	void *hdr;

	dcx_nl_gen_bump();
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &dcx_genl_family, 0, info->genlhdr->cmd);
	if (!hdr)
		goto fail;
	if (inst ? dcx_fill(msg, inst, what) :
	    nla_put_string(msg, DCXLAT_A_INSTANCE, name))
		goto fail;
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&dcx_genl_family, genl_info_net(info), msg, 0,
				DCX_MCGRP_CONFIG, GFP_KERNEL);
	return;
fail:
	nlmsg_free(msg);
}

void dcx_nl_notify(struct dcx_req *r,
		   int (*fill)(struct sk_buff *skb, struct dcx_req *r,
			       void *arg), void *arg)
{
	struct genl_info *info = r->info;
	struct sk_buff *msg;
	void *hdr;

	dcx_nl_gen_bump();
	if (r->staging)
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &dcx_genl_family, 0, info->genlhdr->cmd);
	if (!hdr || nla_put_string(msg, DCXLAT_A_INSTANCE, r->name) ||
	    (fill && fill(msg, r, arg)))
		goto fail;
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&dcx_genl_family, genl_info_net(info), msg, 0,
				DCX_MCGRP_CONFIG, GFP_KERNEL);
	return;
fail:
	nlmsg_free(msg);
}

static int dcx_nl_instance_add(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_instance *inst;
	const char *name;
	int err;

	err = dcx_req_start(info, &name);
	if (err)
		return err;
	mutex_lock(&dcx_cfg_mutex);
	err = dcx_instance_add(genl_info_net(info), name, info->extack);
	if (err) {
		if (err == -EEXIST)
			NL_SET_BAD_ATTR(info->extack,
					info->attrs[DCXLAT_A_INSTANCE]);
		if (!info->extack->_msg)
			DCX_ERR(info->extack, "cannot create the instance");
	} else {
		inst = dcx_instance_find(genl_info_net(info), name);
		dcx_changed(info, name, inst, DCX_FILL_NAME);
	}
	mutex_unlock(&dcx_cfg_mutex);
	return err;
}

static int dcx_nl_instance_del(struct sk_buff *skb, struct genl_info *info)
{
	const char *name;
	int err;

	err = dcx_req_start(info, &name);
	if (err)
		return err;
	mutex_lock(&dcx_cfg_mutex);
	err = dcx_instance_del(genl_info_net(info), name, info->extack);
	if (err) {
		if (err == -ENOENT)
			NL_SET_BAD_ATTR(info->extack,
					info->attrs[DCXLAT_A_INSTANCE]);
		if (!info->extack->_msg)
			DCX_ERR(info->extack, "cannot delete the instance");
	} else {
		dcx_changed(info, name, NULL, DCX_FILL_NAME);
	}
	mutex_unlock(&dcx_cfg_mutex);
	return err;
}

/* INSTANCE_GET, POOL6_GET and STATS_GET: look up, then reply. */
static int dcx_nl_get(struct genl_info *info, unsigned int what)
{
	struct dcx_instance *inst;
	const char *name;
	int err;

	err = dcx_req_start(info, &name);
	if (err)
		return err;
	mutex_lock(&dcx_cfg_mutex);
	inst = dcx_req_instance(info, name);
	err = inst ? dcx_reply(info, inst, what) : -ENOENT;
	mutex_unlock(&dcx_cfg_mutex);
	return err;
}

static int dcx_nl_instance_get(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_get(info, DCX_FILL_POOL6);
}

static int dcx_nl_pool6_get(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_get(info, DCX_FILL_POOL6);
}

static int dcx_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_get(info, DCX_FILL_STATS);
}

/*
 * One dump call fills as many instances as fit; cb->args[0] counts those
 * already sent, cb->args[1] records that the ABI was checked.
 */
static int dcx_nl_instance_dump(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct net *net = sock_net(cb->skb->sk);
	struct dcx_instance *inst;
	long idx = 0;
	void *hdr;
	int err;

	if (!cb->args[1]) {
		err = dcx_nl_check_abi(dcx_genl_dump_attrs(cb), cb->extack);
		if (err)
			return err;
		cb->args[1] = 1;
	}
	mutex_lock(&dcx_cfg_mutex);
	cb->seq = dcx_genl_gen;
	list_for_each_entry(inst, &dcx_net(net)->instances, list) {
		if (idx < cb->args[0]) {
			idx++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &dcx_genl_family,
				  NLM_F_MULTI, DCXLAT_CMD_INSTANCE_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (dcx_fill(skb, inst, DCX_FILL_POOL6)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
	}
	cb->args[0] = idx;
	mutex_unlock(&dcx_cfg_mutex);
	return skb->len;
}

/* Full RFC 6052 validation of DCXLAT_A_POOL6 into @p. */
static int dcx_parse_pool6(struct genl_info *info, struct dcx_prefix6 *p)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest = info->attrs[DCXLAT_A_POOL6];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, DCXLAT_A_POOL6)) {
		DCX_ERR(extack, "missing pool6 prefix (DCXLAT_A_POOL6)");
		return -EINVAL;
	}
	err = dcx_nl_prefix(nest, 128, &p->addr, &p->len, "pool6", extack);
	if (err)
		return err;
	if (!dcx_prefix6_valid_len(p->len)) {
		NL_SET_BAD_ATTR(extack, nest);
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "pool6 /%u is not an RFC 6052 length; use 32, 40, 48, 56, 64 or 96",
				       p->len);
		return -EINVAL;
	}
	return 0;
}

static int dcx_fill_pool6(struct sk_buff *skb, struct dcx_req *r, void *arg)
{
	return dcx_put_pool6(skb, r->inst);
}

/* POOL6_SET (p != NULL) and POOL6_FLUSH. */
static int dcx_nl_pool6_change(struct genl_info *info, bool set)
{
	struct dcx_prefix6 p;
	struct dcx_req r;
	const char *name;
	int err;

	if (set) {
		err = dcx_req_start(info, &name);
		if (err)
			return err;
		err = dcx_parse_pool6(info, &p);
		if (err)
			return err;
	}
	err = dcx_nl_begin(info, &r);
	if (err)
		return err;
	err = dcx_config_set_pool6(r.cfg, set ? &p : NULL, info->extack);
	if (err) {
		if (!info->extack->_msg)
			DCX_ERR(info->extack, "cannot change pool6");
	} else {
		dcx_nl_notify(&r, dcx_fill_pool6, NULL);
	}
	dcx_nl_end(&r);
	return err;
}

static int dcx_nl_pool6_set(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_pool6_change(info, true);
}

static int dcx_nl_pool6_flush(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_pool6_change(info, false);
}

static int dcx_nl_stats_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_req r;
	int err;

	err = dcx_nl_begin(info, &r);
	if (err)
		return err;
	dcx_stats_reset(r.inst->stats);
	r.staging = false;	/* counters are never staged */
	dcx_nl_notify(&r, NULL, NULL);
	dcx_nl_end(&r);
	return 0;
}

#define DCX_OP(c, fn) {						\
	.cmd = DCXLAT_CMD_##c,					\
	.doit = fn,						\
	.flags = GENL_UNS_ADMIN_PERM,				\
}

static const struct genl_small_ops dcx_genl_ops[] = {
	DCX_OP(INSTANCE_ADD, dcx_nl_instance_add),
	DCX_OP(INSTANCE_DEL, dcx_nl_instance_del),
	{
		.cmd = DCXLAT_CMD_INSTANCE_GET,
		.doit = dcx_nl_instance_get,
		.dumpit = dcx_nl_instance_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	DCX_OP(POOL6_SET, dcx_nl_pool6_set),
	DCX_OP(POOL6_GET, dcx_nl_pool6_get),
	DCX_OP(POOL6_FLUSH, dcx_nl_pool6_flush),
	DCX_OP(STATS_GET, dcx_nl_stats_get),
	DCX_OP(STATS_RESET, dcx_nl_stats_reset),
	DCX_OP(EAMT_ADD, dcx_nl_eamt_add),
	DCX_OP(EAMT_DEL, dcx_nl_eamt_del),
	{
		.cmd = DCXLAT_CMD_EAMT_GET,
		.dumpit = dcx_nl_eamt_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	DCX_OP(EAMT_FLUSH, dcx_nl_eamt_flush),
	DCX_OP(SETTINGS_SET, dcx_nl_settings_set),
	DCX_OP(SETTINGS_GET, dcx_nl_settings_get),
	DCX_OP(TXN_BEGIN, dcx_nl_txn_begin),
	DCX_OP(TXN_COMMIT, dcx_nl_txn_commit),
	DCX_OP(TXN_ABORT, dcx_nl_txn_abort),
	/* Spaces and bindings: nl_space.c */
	DCX_OP(SPACE_ADD, dcx_nl_space_add),
	DCX_OP(SPACE_DEL, dcx_nl_space_del),
	{
		.cmd = DCXLAT_CMD_SPACE_GET,
		.doit = dcx_nl_space_get,
		.dumpit = dcx_nl_space_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	DCX_OP(SPACE_SET, dcx_nl_space_set),
	DCX_OP(BIND_ADD, dcx_nl_bind_add),
	DCX_OP(BIND_DEL, dcx_nl_bind_del),
};

static const struct genl_multicast_group dcx_genl_mcgrps[] = {
	[DCX_MCGRP_CONFIG] = DCX_GENL_MCGRP(DCXLAT_MCGRP_CONFIG),
};

struct genl_family dcx_genl_family __ro_after_init = {
	.name = DCXLAT_GENL_NAME,
	.version = DCXLAT_GENL_VERSION,
	.maxattr = DCXLAT_A_MAX,
	.policy = dcx_policy,
	.netnsok = true,
	.parallel_ops = false,
	.module = THIS_MODULE,
	.small_ops = dcx_genl_ops,
	.n_small_ops = ARRAY_SIZE(dcx_genl_ops),
	.mcgrps = dcx_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(dcx_genl_mcgrps),
};

int __init dcx_genl_register(void)
{
	int err = genl_register_family(&dcx_genl_family);

	if (err)
		return err;
	err = dcx_nl_txn_init();
	if (err)
		genl_unregister_family(&dcx_genl_family);
	return err;
}

void dcx_genl_unregister(void)
{
	dcx_nl_txn_exit();
	genl_unregister_family(&dcx_genl_family);
}
