// SPDX-License-Identifier: GPL-2.0
/*
 * The shared part of every handler (see nl_msg.h). Every handler acts on
 * the netns of the requesting socket, runs its change with dcx_cfg_mutex
 * held and answers every refusal with an extack message.
 */
#include <linux/stdarg.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include "core/stats.h"
#include "instance.h"
#include "nl_policy.h"
#include "nl_msg.h"
#include "compat.h"

static const struct genl_family *dcx_family;
/* The family is being unregistered: dcx_nl_notify_net() sends nothing. */
static bool dcx_nl_going;

/*
 * Bumped on every change so that a dump spanning several messages can
 * flag NLM_F_DUMP_INTR. Never 0: prev_seq 0 means "unset".
 */
static unsigned int dcx_genl_gen = 1;

void dcx_nl_msg_init(const struct genl_family *family)
{
	dcx_family = family;
	dcx_nl_going = false;
}

void dcx_nl_msg_exit(void)
{
	mutex_lock(&dcx_cfg_mutex);
	dcx_nl_going = true;
	mutex_unlock(&dcx_cfg_mutex);
}

unsigned int dcx_nl_gen(void)
{
	return READ_ONCE(dcx_genl_gen);
}

static void dcx_nl_gen_bump(void)
{
	lockdep_assert_held(&dcx_cfg_mutex);
	if (!++dcx_genl_gen)
		dcx_genl_gen = 1;
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

/* ABI, DCXLAT_A_INSTANCE as flags say, DCXLAT_A_SPACE when present. */
static int dcx_req_check(struct dcx_req *r, unsigned int flags)
{
	struct nlattr *inst = r->attrs[DCXLAT_A_INSTANCE];
	struct nlattr *space = r->attrs[DCXLAT_A_SPACE];
	int err;

	err = dcx_nl_check_abi(r->attrs, r->extack);
	if (err)
		return err;
	if ((flags & DCX_REQ_INSTANCE) && !inst) {
		if (r->info)	/* also names the missing attribute */
			(void)GENL_REQ_ATTR_CHECK(r->info, DCXLAT_A_INSTANCE);
		DCX_ERR(r->extack,
			"missing instance name (DCXLAT_A_INSTANCE)");
		return -EINVAL;
	}
	if (inst) {
		err = dcx_nl_check_name(inst, "instance", r->extack);
		if (err)
			return err;
		r->name = nla_data(inst);
	}
	if (space)
		return dcx_nl_check_name(space, "space", r->extack);
	return 0;
}

/* Lock and, with DCX_REQ_EXISTS, find the instance and its snapshot. */
static int dcx_req_open(struct dcx_req *r, unsigned int flags)
{
	int err = dcx_req_check(r, flags);

	if (err)
		return err;
	mutex_lock(&dcx_cfg_mutex);
	if ((flags & DCX_REQ_EXISTS) != DCX_REQ_EXISTS)
		return 0;
	r->inst = dcx_instance_find(r->net, r->name);
	if (!r->inst) {
		mutex_unlock(&dcx_cfg_mutex);
		NL_SET_BAD_ATTR(r->extack, r->attrs[DCXLAT_A_INSTANCE]);
		NL_SET_ERR_MSG_FMT_MOD(r->extack,
				       "no instance \"%s\" in this netns",
				       r->name);
		return -ENOENT;
	}
	if (r->info)
		r->cfg = dcx_txn_staging(r->inst, r->info->snd_portid);
	r->staging = r->cfg;
	if (!r->cfg)
		r->cfg = (struct dcx_config *)dcx_instance_cfg(r->inst);
	r->t = dcx_config_tables(r->cfg);
	return 0;
}

int dcx_nl_begin(struct genl_info *info, struct dcx_req *r,
		 unsigned int flags)
{
	*r = (struct dcx_req){
		.info = info,
		.attrs = info->attrs,
		.extack = info->extack,
		.net = genl_info_net(info),
	};
	return dcx_req_open(r, flags);
}

int dcx_nl_begin_dump(struct netlink_callback *cb, struct dcx_req *r,
		      unsigned int flags)
{
	int err;

	*r = (struct dcx_req){
		.attrs = dcx_genl_dump_attrs(cb),
		.extack = cb->extack,
		.net = sock_net(cb->skb->sk),
	};
	err = dcx_req_open(r, flags);
	if (!err)
		cb->seq = dcx_nl_gen();
	return err;
}

void dcx_nl_end(struct dcx_req *r)
{
	mutex_unlock(&dcx_cfg_mutex);
}

int dcx_nl_check(struct genl_info *info)
{
	struct dcx_req r = {
		.info = info,
		.attrs = info->attrs,
		.extack = info->extack,
	};

	return dcx_req_check(&r, DCX_REQ_INSTANCE);
}

struct dcx_space *dcx_nl_find_space(struct dcx_req *r,
				    const struct nlattr *a)
{
	const char *name = a ? nla_data(a) : DCX_DEFAULT_SPACE;
	struct dcx_space *s = dcx_space_find(r->t, name);

	if (!s) {
		NL_SET_BAD_ATTR(r->extack, a);
		NL_SET_ERR_MSG_FMT_MOD(r->extack,
				       "no space \"%s\" in instance \"%s\"",
				       name, r->name);
	}
	return s;
}

int dcx_nl_why(struct netlink_ext_ack *extack, const struct nlattr *bad,
	       int err, const char *why)
{
	if (bad)
		NL_SET_BAD_ATTR(extack, bad);
	NL_SET_ERR_MSG_FMT_MOD(extack, "%s", why);
	return err;
}

int dcx_nl_whyf(struct netlink_ext_ack *extack, const struct nlattr *bad,
		int err, const char *why, const char *fmt, ...)
{
	char ctx[DCXLAT_NAME_MAX + IFNAMSIZ];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx, sizeof(ctx), fmt, ap);
	va_end(ap);
	if (bad)
		NL_SET_BAD_ATTR(extack, bad);
	NL_SET_ERR_MSG_FMT_MOD(extack, "%s: %s", ctx, why);
	return err;
}

/* INSTANCE (r->name), then what fill adds. */
static int dcx_nl_body(struct sk_buff *skb, struct dcx_req *r,
		       dcx_nl_fill_t fill, void *arg)
{
	if (nla_put_string(skb, DCXLAT_A_INSTANCE, r->name))
		return -EMSGSIZE;
	return fill ? fill(skb, r, arg) : 0;
}

int dcx_nl_reply(struct dcx_req *r, dcx_nl_fill_t fill, void *arg)
{
	struct genl_info *info = r->info;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		DCX_ERR(info->extack, "out of memory for the reply");
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, dcx_family, 0, info->genlhdr->cmd);
	if (!hdr || dcx_nl_body(msg, r, fill, arg)) {
		nlmsg_free(msg);
		DCX_ERR(info->extack, "reply does not fit in one message");
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int dcx_nl_get(struct genl_info *info, dcx_nl_fill_t fill, void *arg)
{
	struct dcx_req r;
	int err;

	err = dcx_nl_begin(info, &r, DCX_REQ_EXISTS);
	if (err)
		return err;
	err = dcx_nl_reply(&r, fill, arg);
	dcx_nl_end(&r);
	return err;
}

/*
 * The change is done, so failing to notify must not fail it: errors are
 * dropped here.
 */
static void dcx_nl_multicast(struct dcx_req *r, u8 cmd, dcx_nl_fill_t fill,
			     void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	/* Nobody subscribed (no `monitor`): nothing to build. */
	if (!genl_has_listeners(dcx_family, r->net, DCX_MCGRP_CONFIG))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, dcx_family, 0, cmd);
	if (!hdr || dcx_nl_body(msg, r, fill, arg)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(dcx_family, r->net, msg, 0, DCX_MCGRP_CONFIG,
				GFP_KERNEL);
}

void dcx_nl_notify(struct dcx_req *r, dcx_nl_fill_t fill, void *arg)
{
	dcx_nl_gen_bump();
	if (!r->staging)
		dcx_nl_multicast(r, r->info->genlhdr->cmd, fill, arg);
}

void dcx_nl_notify_net(struct net *net, const char *name, u8 cmd,
		       dcx_nl_fill_t fill, void *arg)
{
	struct dcx_req r = { .net = net, .name = name };

	dcx_nl_gen_bump();
	if (!dcx_nl_going)
		dcx_nl_multicast(&r, cmd, fill, arg);
}

void *dcx_nl_dump_start(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genlmsghdr *req = nlmsg_data(cb->nlh);
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  dcx_family, NLM_F_MULTI, req->cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

int dcx_nl_dump_list(struct sk_buff *skb, struct netlink_callback *cb,
		     struct list_head *list,
		     int (*fill)(struct sk_buff *skb, struct list_head *pos,
				 void *arg), void *arg)
{
	struct list_head *pos;
	long idx = 0;
	void *hdr;

	list_for_each(pos, list) {
		if (idx < cb->args[0]) {
			idx++;
			continue;
		}
		hdr = dcx_nl_dump_start(skb, cb);
		if (!hdr)
			break;
		if (fill(skb, pos, arg)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
	}
	cb->args[0] = idx;
	return skb->len;
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

int dcx_nl_put_bind(struct sk_buff *skb, int type, const char *dev,
		    int ifindex, __be32 v4, u8 len4)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, DCXLAT_BIND_IFNAME, dev) ||
	    (ifindex > 0 && nla_put_u32(skb, DCXLAT_BIND_IFINDEX, ifindex)) ||
	    (!ifindex && nla_put_flag(skb, DCXLAT_BIND_WAITING)) ||
	    dcx_nl_put_prefix(skb, DCXLAT_BIND_PREFIX4, &v4, sizeof(v4),
			      len4)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int dcx_nl_put_vrf(struct sk_buff *skb, const char *name, int ifindex,
		   u32 table)
{
	if (nla_put_u32(skb, DCXLAT_SPACE_TABLE, table))
		return -EMSGSIZE;
	if (!*name)
		return 0;
	if (nla_put_string(skb, DCXLAT_SPACE_VRF_NAME, name) ||
	    (ifindex > 0 && nla_put_u32(skb, DCXLAT_SPACE_VRF, ifindex)) ||
	    (ifindex < 0 && nla_put_flag(skb, DCXLAT_SPACE_VRF_WAITING)))
		return -EMSGSIZE;
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
