// SPDX-License-Identifier: GPL-2.0
/*
 * INSTANCE_ADD/DEL/GET (doit and dump), POOL6_SET/GET/FLUSH and
 * STATS_GET/RESET (uapi/dcxlat.h). Instances themselves belong to
 * instance.c, pool6 (the default space's prefix) to the tables; this file
 * only turns requests into their calls and their results into messages.
 */
#include <net/genetlink.h>
#include "core/stats.h"
#include "netns.h"
#include "nl_msg.h"
#include "nl_handlers.h"
#include "compat.h"

/* POOL6 of inst's live configuration, when set. */
static int dcx_put_pool6(struct sk_buff *skb, const struct dcx_instance *inst)
{
	const struct dcx_prefix6 *p;

	p = dcx_space_pool6(dcx_instance_tables(inst)->def);
	if (!p)
		return 0;
	return dcx_nl_put_prefix(skb, DCXLAT_A_POOL6, &p->addr,
				 sizeof(p->addr), p->len);
}

static int dcx_fill_pool6(struct sk_buff *skb, struct dcx_req *r, void *arg)
{
	return dcx_put_pool6(skb, r->inst);
}

/* A pool6 event: POOL6 now and, when arg (the old one), OLD_POOL6. */
static int dcx_fill_pool6_event(struct sk_buff *skb, struct dcx_req *r,
				void *arg)
{
	const struct dcx_prefix6 *old = arg;

	if (dcx_put_pool6(skb, r->inst))
		return -EMSGSIZE;
	if (old)
		return dcx_nl_put_prefix(skb, DCXLAT_A_OLD_POOL6, &old->addr,
					 sizeof(old->addr), old->len);
	return 0;
}

static int dcx_fill_stats(struct sk_buff *skb, struct dcx_req *r, void *arg)
{
	return dcx_nl_put_stats(skb, DCXLAT_A_STATS, r->inst->stats);
}

/* INSTANCE_ADD and INSTANCE_DEL. */
int dcx_nl_instance_change(struct sk_buff *skb, struct genl_info *info)
{
	bool add = info->genlhdr->cmd == DCXLAT_CMD_INSTANCE_ADD;
	struct netlink_ext_ack *extack = info->extack;
	struct dcx_req r;
	int err;

	err = dcx_nl_begin(info, &r, DCX_REQ_INSTANCE);
	if (err)
		return err;
	if (add)
		err = dcx_netns_instance_add(r.net, r.name, extack);
	else
		err = dcx_netns_instance_del(r.net, r.name, extack);
	if (!err)
		dcx_nl_notify(&r, NULL, NULL);
	else if (err == (add ? -EEXIST : -ENOENT))
		NL_SET_BAD_ATTR(extack, info->attrs[DCXLAT_A_INSTANCE]);
	if (err && !extack->_msg) {
		if (add)
			DCX_ERR(extack, "cannot create the instance");
		else
			DCX_ERR(extack, "cannot delete the instance");
	}
	dcx_nl_end(&r);
	return err;
}

/* INSTANCE_GET and POOL6_GET (INSTANCE, POOL6), STATS_GET (STATS). */
int dcx_nl_instance_get(struct sk_buff *skb, struct genl_info *info)
{
	bool stats = info->genlhdr->cmd == DCXLAT_CMD_STATS_GET;

	return dcx_nl_get(info, stats ? dcx_fill_stats : dcx_fill_pool6,
			  NULL);
}

static int dcx_dump_instance(struct sk_buff *skb, struct list_head *pos,
			     void *arg)
{
	struct dcx_instance *inst = list_entry(pos, struct dcx_instance, list);

	if (nla_put_string(skb, DCXLAT_A_INSTANCE, inst->name))
		return -EMSGSIZE;
	return dcx_put_pool6(skb, inst);
}

/* Every instance of the netns, in creation order. */
int dcx_nl_instance_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dcx_req r;
	int err;

	err = dcx_nl_begin_dump(cb, &r, DCX_REQ_ANY);
	if (err)
		return err;
	err = dcx_nl_dump_list(skb, cb, &dcx_net(r.net)->instances,
			       dcx_dump_instance, NULL);
	dcx_nl_end(&r);
	return err;
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

/* POOL6_SET and POOL6_FLUSH: pool6 is the default space's prefix. */
int dcx_nl_pool6_change(struct sk_buff *skb, struct genl_info *info)
{
	bool set = info->genlhdr->cmd == DCXLAT_CMD_POOL6_SET;
	char why[DCX_WHY_LEN] = "";
	const struct dcx_prefix6 *o;
	struct dcx_prefix6 p, old;
	struct dcx_req r;
	int err;

	if (set) {
		err = dcx_nl_check(info);
		if (!err)
			err = dcx_parse_pool6(info, &p);
		if (err)
			return err;
	}
	err = dcx_nl_begin(info, &r, DCX_REQ_EXISTS);
	if (err)
		return err;
	o = dcx_space_pool6(r.t->def);
	if (o)
		old = *o;
	err = dcx_space_set_pool6(r.t, r.t->def, set ? &p : NULL, why,
				  &dcx_cfg_mutex);
	if (err)
		dcx_nl_whyf(info->extack, NULL, err, why, "pool6");
	else
		dcx_nl_notify(&r, dcx_fill_pool6_event, o ? &old : NULL);
	dcx_nl_end(&r);
	return err;
}

int dcx_nl_stats_reset(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_req r;
	int err;

	err = dcx_nl_begin(info, &r, DCX_REQ_EXISTS);
	if (err)
		return err;
	dcx_stats_reset(r.inst->stats);
	r.staging = false;	/* counters are never staged */
	dcx_nl_notify(&r, NULL, NULL);
	dcx_nl_end(&r);
	return 0;
}
