// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of address spaces and interface bindings (see
 * uapi/dcxlat.h, "Spaces"). Every handler runs with dcx_cfg_mutex held
 * around the change and answers every refusal with an extack message.
 *
 * A space's routing domain is a VRF device (DCXLAT_SPACE_VRF) or a table
 * (DCXLAT_SPACE_TABLE); a table is resolved here, once, to the VRF device
 * that uses it, so that the packet path has one lookup (the l3mdev FIB
 * rule) and no fallback into the main table.
 */
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/l3mdev.h>
#include "instance.h"
#include "space.h"
#include "netlink.h"
#include "nl_space.h"
#include "compat.h"

const struct nla_policy dcx_space_cfg_policy[DCXLAT_SPACE_MAX + 1] = {
	[DCXLAT_SPACE_NAME] = { .type = NLA_NUL_STRING,
				.len = DCXLAT_NAME_MAX - 1 },
	[DCXLAT_SPACE_ID] = { .type = NLA_U32 },
	[DCXLAT_SPACE_PREFIX] = NLA_POLICY_NESTED(dcx_prefix6_policy),
	[DCXLAT_SPACE_TABLE] = { .type = NLA_U32 },
	[DCXLAT_SPACE_VRF] = { .type = NLA_U32 },
	[DCXLAT_SPACE_EAM_COUNT] = {
		.type = NLA_REJECT,
		.reject_message = "DCXLAT_SPACE_EAM_COUNT is reply-only" },
	[DCXLAT_SPACE_STATS] = {
		.type = NLA_REJECT,
		.reject_message = "DCXLAT_SPACE_STATS is reply-only" },
	[DCXLAT_SPACE_BIND] = {
		.type = NLA_REJECT,
		.reject_message = "bindings are added with DCXLAT_CMD_BIND_ADD" },
	[DCXLAT_SPACE_PAD] = {
		.type = NLA_REJECT,
		.reject_message = "DCXLAT_SPACE_PAD is reply-only" },
};

const struct nla_policy dcx_bind_policy[DCXLAT_BIND_MAX + 1] = {
	[DCXLAT_BIND_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[DCXLAT_BIND_PREFIX4] = NLA_POLICY_NESTED(dcx_prefix4_policy),
};

/* What a request names, parsed before the lock is taken. */
struct dcx_space_req {
	struct dcx_req req;		/* instance, snapshot, lock */
	const char *name;		/* space */
	struct nlattr *name_attr;
	struct nlattr *tb[DCXLAT_SPACE_MAX + 1];	/* SPACE_CFG */
	struct dcx_prefix6 prefix;
	bool has_prefix;
	u32 id;
	struct dcx_tables *t;
	struct dcx_space *s;		/* after the change; NULL: deleted */
	/* BIND */
	bool bind;
	int ifindex;
	__be32 v4;
	u8 len4;
};

/* ---- parsing (before the lock) --------------------------------------- */

/* An RFC 6052 prefix (len 0 allowed: unset) from a nested prefix. */
static int dcx_space_parse_prefix(struct nlattr *nest, struct dcx_prefix6 *p,
				  struct netlink_ext_ack *extack)
{
	int err;

	err = dcx_nl_prefix(nest, 128, &p->addr, &p->len, "space prefix",
			    extack);
	if (err || !p->len || dcx_prefix6_valid_len(p->len))
		return err;
	NL_SET_BAD_ATTR(extack, nest);
	NL_SET_ERR_MSG_FMT_MOD(extack,
			       "space prefix /%u is not an RFC 6052 length; use 32, 40, 48, 56, 64 or 96",
			       p->len);
	return -EINVAL;
}

/* DCXLAT_A_SPACE_CFG with its NAME (SPACE_ADD, SPACE_SET). */
static int dcx_space_parse_cfg(struct genl_info *info,
			       struct dcx_space_req *r, bool add)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest = info->attrs[DCXLAT_A_SPACE_CFG];
	struct nlattr **tb = r->tb;
	int err;

	err = dcx_nl_check_abi(info->attrs, extack);
	if (err)
		return err;
	if (!nest) {
		DCX_ERR(extack, "missing space attributes (DCXLAT_A_SPACE_CFG)");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, DCXLAT_SPACE_MAX, nest,
			       dcx_space_cfg_policy, extack);
	if (err)
		return err;
	if (!tb[DCXLAT_SPACE_NAME]) {
		NL_SET_BAD_ATTR(extack, nest);
		DCX_ERR(extack, "missing space name (DCXLAT_SPACE_NAME)");
		return -EINVAL;
	}
	r->name_attr = tb[DCXLAT_SPACE_NAME];
	err = dcx_nl_check_name(r->name_attr, "space", extack);
	if (err)
		return err;
	r->name = nla_data(r->name_attr);
	if (tb[DCXLAT_SPACE_ID]) {
		r->id = nla_get_u32(tb[DCXLAT_SPACE_ID]);
		if (!r->id || r->id > 0xffff) {
			NL_SET_BAD_ATTR(extack, tb[DCXLAT_SPACE_ID]);
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "space ID %u is out of range 1..65535 (0 is the default space)",
					       r->id);
			return -EINVAL;
		}
	} else if (add) {
		NL_SET_BAD_ATTR(extack, nest);
		DCX_ERR(extack, "missing space ID (DCXLAT_SPACE_ID)");
		return -EINVAL;
	}
	if (tb[DCXLAT_SPACE_PREFIX]) {
		err = dcx_space_parse_prefix(tb[DCXLAT_SPACE_PREFIX],
					     &r->prefix, extack);
		if (err)
			return err;
		r->has_prefix = true;
	}
	return 0;
}

/* DCXLAT_A_SPACE, absent: the default space if dflt. */
static int dcx_space_parse_name(struct genl_info *info,
				struct dcx_space_req *r, bool dflt)
{
	r->name_attr = info->attrs[DCXLAT_A_SPACE];
	if (r->name_attr) {
		r->name = nla_data(r->name_attr);
		return 0;	/* dcx_nl_begin() checks the name */
	}
	if (dflt) {
		r->name = DCX_DEFAULT_SPACE;
		return 0;
	}
	DCX_ERR(info->extack, "missing space name (DCXLAT_A_SPACE)");
	return -EINVAL;
}

static int dcx_bind_parse(struct genl_info *info, struct dcx_space_req *r)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *nest = info->attrs[DCXLAT_A_BIND];
	struct nlattr *tb[DCXLAT_BIND_MAX + 1];
	int err;

	err = dcx_nl_check_abi(info->attrs, extack);
	if (err)
		return err;
	err = dcx_space_parse_name(info, r, true);
	if (err)
		return err;
	if (!nest) {
		DCX_ERR(extack, "missing binding (DCXLAT_A_BIND)");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, DCXLAT_BIND_MAX, nest, dcx_bind_policy,
			       extack);
	if (err)
		return err;
	if (!tb[DCXLAT_BIND_IFINDEX]) {
		NL_SET_BAD_ATTR(extack, nest);
		DCX_ERR(extack,
			"binding lacks its interface (DCXLAT_BIND_IFINDEX)");
		return -EINVAL;
	}
	r->ifindex = nla_get_u32(tb[DCXLAT_BIND_IFINDEX]);
	if (r->ifindex <= 0) {
		NL_SET_BAD_ATTR(extack, tb[DCXLAT_BIND_IFINDEX]);
		DCX_ERR(extack, "interface index out of range");
		return -EINVAL;
	}
	r->bind = true;
	if (!tb[DCXLAT_BIND_PREFIX4])
		return 0;
	return dcx_nl_prefix(tb[DCXLAT_BIND_PREFIX4], 32, &r->v4, &r->len4,
			     "binding IPv4 prefix", extack);
}

/* ---- the routing domain ---------------------------------------------- */

/*
 * DCXLAT_SPACE_VRF and/or DCXLAT_SPACE_TABLE into the VRF ifindex and
 * table the space routes in (0/0: the netns' main routing).
 */
static int dcx_space_domain(struct net *net, struct nlattr **tb, int *vrf,
			    u32 *table, struct netlink_ext_ack *extack)
{
	struct nlattr *va = tb[DCXLAT_SPACE_VRF], *ta = tb[DCXLAT_SPACE_TABLE];
	u32 want = ta ? nla_get_u32(ta) : 0;
	struct net_device *dev;
	int err = 0;

	*vrf = va ? nla_get_u32(va) : 0;
	*table = 0;
	if (!*vrf && !want)
		return 0;
	rcu_read_lock();
	if (*vrf) {
		dev = dev_get_by_index_rcu(net, *vrf);
		if (!dev || !netif_is_l3_master(dev)) {
			NL_SET_BAD_ATTR(extack, va);
			if (dev)
				NL_SET_ERR_MSG_FMT_MOD(extack,
						       "%s is not a VRF device",
						       dev->name);
			else
				NL_SET_ERR_MSG_FMT_MOD(extack,
						       "no interface with index %d in this netns",
						       *vrf);
			err = dev ? -EINVAL : -ENODEV;
			goto out;
		}
		*table = l3mdev_fib_table_rcu(dev);
		if (want && want != *table) {
			NL_SET_BAD_ATTR(extack, ta);
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "VRF %s uses table %u, not %u",
					       dev->name, *table, want);
			err = -EINVAL;
		}
		goto out;
	}
	for_each_netdev_rcu(net, dev) {
		if (netif_is_l3_master(dev) &&
		    l3mdev_fib_table_rcu(dev) == want) {
			*vrf = dev->ifindex;
			*table = want;
			goto out;
		}
	}
	NL_SET_BAD_ATTR(extack, ta);
	NL_SET_ERR_MSG_FMT_MOD(extack,
			       "no VRF device uses table %u: ip link add NAME type vrf table %u",
			       want, want);
	err = -ENOENT;
out:
	rcu_read_unlock();
	return err;
}

/* ---- replies --------------------------------------------------------- */

static int dcx_put_bind(struct sk_buff *skb, int type, int ifindex,
			__be32 v4, u8 len4)
{
	struct nlattr *nest = nla_nest_start(skb, type), *p;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, DCXLAT_BIND_IFINDEX, ifindex))
		goto fail;
	p = nla_nest_start(skb, DCXLAT_BIND_PREFIX4);
	if (!p || nla_put_in_addr(skb, DCXLAT_PREFIX_ADDR, v4) ||
	    nla_put_u8(skb, DCXLAT_PREFIX_LEN, len4))
		goto fail;
	nla_nest_end(skb, p);
	nla_nest_end(skb, nest);
	return 0;
fail:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int dcx_put_space_bind_cb(void *ctx, int ifindex, __be32 v4, u8 len4)
{
	return dcx_put_bind(ctx, DCXLAT_SPACE_BIND, ifindex, v4, len4);
}

static int dcx_put_space_stats(struct sk_buff *skb,
			       const struct dcx_space *s)
{
	struct dcx_stats __percpu *st = dcx_space_stats(s);

	return st ? dcx_nl_put_stats(skb, DCXLAT_SPACE_STATS, st) : 0;
}

/* The whole SPACE_CFG of s. */
static int dcx_fill_space(struct sk_buff *skb, const struct dcx_tables *t,
			  const struct dcx_space *s)
{
	const struct dcx_prefix6 *p = dcx_space_pool6(s);
	int vrf = READ_ONCE(s->vrf_ifindex);
	struct nlattr *nest;

	nest = nla_nest_start(skb, DCXLAT_A_SPACE_CFG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, DCXLAT_SPACE_NAME, s->name) ||
	    nla_put_u32(skb, DCXLAT_SPACE_ID, s->id) ||
	    (p && dcx_nl_put_prefix(skb, DCXLAT_SPACE_PREFIX, &p->addr, 16,
				    p->len)) ||
	    nla_put_u32(skb, DCXLAT_SPACE_TABLE, READ_ONCE(s->table)) ||
	    (vrf > 0 && nla_put_u32(skb, DCXLAT_SPACE_VRF, vrf)) ||
	    nla_put_u32(skb, DCXLAT_SPACE_EAM_COUNT,
			dcx_lpm_count(&s->eam4)) ||
	    dcx_put_space_stats(skb, s) ||
	    dcx_bind_walk(t, s, dcx_put_space_bind_cb, skb)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Notification: the space (r->s) or the name of the deleted one, + BIND. */
static int dcx_space_notify_fill(struct sk_buff *skb, struct dcx_req *req,
				 void *arg)
{
	struct dcx_space_req *r = arg;

	if (r->s && !r->bind)
		return dcx_fill_space(skb, r->t, r->s);
	if (nla_put_string(skb, DCXLAT_A_SPACE, r->name))
		return -EMSGSIZE;
	if (r->bind)
		return dcx_put_bind(skb, DCXLAT_A_BIND, r->ifindex, r->v4,
				    r->len4);
	return 0;
}

/* ---- handlers -------------------------------------------------------- */

/*
 * Lock, find the instance and the tables the request edits (the sender's
 * transaction, else the live ones), attach the space bookkeeping. On
 * error the lock is released and extack set.
 */
static int dcx_space_begin(struct genl_info *info, struct dcx_space_req *r)
{
	char why[DCX_WHY_LEN] = "";
	int err;

	err = dcx_nl_begin(info, &r->req);
	if (err)
		return err;
	r->t = (struct dcx_tables *)r->req.cfg->xlat.tables;
	err = dcx_space_attach(r->t, why, &dcx_cfg_mutex);
	if (err) {
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "%s", why);
		dcx_nl_end(&r->req);
	}
	return err;
}

static struct dcx_space *dcx_space_req_find(struct genl_info *info,
					    struct dcx_space_req *r)
{
	struct dcx_space *s = dcx_space_find(r->t, r->name);

	if (!s) {
		NL_SET_BAD_ATTR(info->extack, r->name_attr);
		NL_SET_ERR_MSG_FMT_MOD(info->extack,
				       "no space \"%s\" in instance \"%s\"",
				       r->name, r->req.name);
	}
	return s;
}

int dcx_nl_space_add(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	const struct dcx_prefix6 *base;
	char why[DCX_WHY_LEN] = "";
	struct dcx_space_req r = {};
	struct dcx_space *s;
	u32 table;
	int err, vrf;

	err = dcx_space_parse_cfg(info, &r, true);
	if (err)
		return err;
	err = dcx_space_begin(info, &r);
	if (err)
		return err;
	base = &r.req.cfg->xlat.space_base;
	if (!r.has_prefix && base->len) {
		err = dcx_space_prefix_from_base(base, r.id, &r.prefix, why);
		if (err) {
			NL_SET_ERR_MSG_FMT_MOD(extack, "space %s: %s", r.name,
					       why);
			goto out;
		}
	}
	err = dcx_space_domain(genl_info_net(info), r.tb, &vrf, &table,
			       extack);
	if (err)
		goto out;
	/* Without a prefix first: no packet reaches it before its domain. */
	s = dcx_space_add(r.t, r.name, r.id, NULL, why, &dcx_cfg_mutex);
	if (IS_ERR(s)) {
		err = PTR_ERR(s);
		NL_SET_BAD_ATTR(extack, strstr(why, " ID ") ?
				r.tb[DCXLAT_SPACE_ID] : r.name_attr);
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s", why);
		goto out;
	}
	s->table = table;
	s->vrf_ifindex = vrf;
	err = dcx_space_attach(r.t, why, &dcx_cfg_mutex);
	if (!err && r.prefix.len)
		err = dcx_space_set_pool6(r.t, s, &r.prefix, why,
					  &dcx_cfg_mutex);
	if (err) {
		if (r.tb[DCXLAT_SPACE_PREFIX])
			NL_SET_BAD_ATTR(extack, r.tb[DCXLAT_SPACE_PREFIX]);
		NL_SET_ERR_MSG_FMT_MOD(extack, "space %s: %s", r.name, why);
		dcx_space_remove(r.t, s, NULL, &dcx_cfg_mutex);
		goto out;
	}
	r.s = s;
	dcx_nl_notify(&r.req, dcx_space_notify_fill, &r);
out:
	dcx_nl_end(&r.req);
	return err;
}

int dcx_nl_space_set(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	char why[DCX_WHY_LEN] = "";
	struct dcx_space_req r = {};
	struct dcx_space *s;
	bool domain;
	u32 table = 0;
	int err, vrf = 0;

	err = dcx_space_parse_cfg(info, &r, false);
	if (err)
		return err;
	domain = r.tb[DCXLAT_SPACE_VRF] || r.tb[DCXLAT_SPACE_TABLE];
	err = dcx_space_begin(info, &r);
	if (err)
		return err;
	s = dcx_space_req_find(info, &r);
	if (!s) {
		err = -ENOENT;
		goto out;
	}
	if (r.tb[DCXLAT_SPACE_ID] && r.id != s->id) {
		NL_SET_BAD_ATTR(extack, r.tb[DCXLAT_SPACE_ID]);
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "space %s: the ID (%u) cannot change; delete and add the space",
				       s->name, s->id);
		err = -EINVAL;
		goto out;
	}
	if (domain) {
		err = dcx_space_domain(genl_info_net(info), r.tb, &vrf,
				       &table, extack);
		if (err)
			goto out;
	}
	if (r.has_prefix) {
		err = dcx_space_set_pool6(r.t, s, &r.prefix, why,
					  &dcx_cfg_mutex);
		if (err) {
			NL_SET_BAD_ATTR(extack, r.tb[DCXLAT_SPACE_PREFIX]);
			NL_SET_ERR_MSG_FMT_MOD(extack, "space %s: %s",
					       s->name, why);
			goto out;
		}
	}
	if (domain) {
		WRITE_ONCE(s->table, table);
		WRITE_ONCE(s->vrf_ifindex, vrf);
	}
	r.s = s;
	dcx_nl_notify(&r.req, dcx_space_notify_fill, &r);
out:
	dcx_nl_end(&r.req);
	return err;
}

int dcx_nl_space_del(struct sk_buff *skb, struct genl_info *info)
{
	char why[DCX_WHY_LEN] = "";
	struct dcx_space_req r = {};
	struct dcx_space *s;
	int err;

	err = dcx_space_parse_name(info, &r, false);
	if (err)
		return err;
	err = dcx_space_begin(info, &r);
	if (err)
		return err;
	s = dcx_space_req_find(info, &r);
	if (!s) {
		err = -ENOENT;
		goto out;
	}
	err = dcx_space_remove(r.t, s, why, &dcx_cfg_mutex);
	if (err) {
		NL_SET_BAD_ATTR(info->extack, r.name_attr);
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "%s", why);
		goto out;
	}
	dcx_nl_notify(&r.req, dcx_space_notify_fill, &r);
out:
	dcx_nl_end(&r.req);
	return err;
}

/* One reply message: INSTANCE and the space. */
static int dcx_space_reply(struct genl_info *info, struct dcx_space_req *r,
			   const struct dcx_space *s)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	void *hdr;

	if (!msg) {
		DCX_ERR(info->extack, "out of memory for the reply");
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, &dcx_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr || nla_put_string(msg, DCXLAT_A_INSTANCE, r->req.name) ||
	    dcx_fill_space(msg, r->t, s)) {
		nlmsg_free(msg);
		DCX_ERR(info->extack, "reply does not fit in one message");
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int dcx_nl_space_get(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_space_req r = {};
	struct dcx_space *s;
	int err;

	err = dcx_space_parse_name(info, &r, false);
	if (err)
		return err;
	err = dcx_space_begin(info, &r);
	if (err)
		return err;
	s = dcx_space_req_find(info, &r);
	err = s ? dcx_space_reply(info, &r, s) : -ENOENT;
	dcx_nl_end(&r.req);
	return err;
}

/*
 * Every space of one instance's live configuration, in creation order
 * (default first); cb->args[0] counts those sent, cb->args[1] records the
 * checks of the first call.
 */
int dcx_nl_space_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = dcx_genl_dump_attrs(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct dcx_instance *inst;
	struct dcx_tables *t;
	struct dcx_space *s;
	const char *name;
	long idx = 0;
	void *hdr;
	int err;

	if (!cb->args[1]) {
		err = dcx_nl_check_abi(attrs, cb->extack);
		if (err)
			return err;
		if (!attrs[DCXLAT_A_INSTANCE]) {
			NL_SET_ERR_MSG_MOD(cb->extack,
					   "missing instance name (DCXLAT_A_INSTANCE)");
			return -EINVAL;
		}
		cb->args[1] = 1;
	}
	name = nla_data(attrs[DCXLAT_A_INSTANCE]);
	mutex_lock(&dcx_cfg_mutex);
	inst = dcx_instance_find(net, name);
	if (!inst) {
		mutex_unlock(&dcx_cfg_mutex);
		NL_SET_ERR_MSG_FMT_MOD(cb->extack,
				       "no instance \"%s\" in this netns", name);
		return -ENOENT;
	}
	t = dcx_instance_tables(inst);
	dcx_space_attach(t, NULL, &dcx_cfg_mutex);
	cb->seq = dcx_nl_gen();
	list_for_each_entry(s, &t->spaces, list) {
		if (idx < cb->args[0]) {
			idx++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &dcx_genl_family,
				  NLM_F_MULTI, DCXLAT_CMD_SPACE_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_string(skb, DCXLAT_A_INSTANCE, inst->name) ||
		    dcx_fill_space(skb, t, s)) {
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

static int dcx_nl_bind(struct genl_info *info, bool add)
{
	struct netlink_ext_ack *extack = info->extack;
	char why[DCX_WHY_LEN] = "";
	struct dcx_space_req r = {};
	struct dcx_space *s;
	bool exists;
	int err;

	err = dcx_bind_parse(info, &r);
	if (err)
		return err;
	err = dcx_space_begin(info, &r);
	if (err)
		return err;
	s = dcx_space_req_find(info, &r);
	if (!s) {
		err = -ENOENT;
		goto out;
	}
	if (add) {
		rcu_read_lock();
		exists = dev_get_by_index_rcu(genl_info_net(info), r.ifindex);
		rcu_read_unlock();
		if (!exists) {
			NL_SET_BAD_ATTR(extack, info->attrs[DCXLAT_A_BIND]);
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "no interface with index %d in this netns",
					       r.ifindex);
			err = -ENODEV;
			goto out;
		}
		err = dcx_bind_add(r.t, s, r.ifindex, r.v4, r.len4, why,
				   &dcx_cfg_mutex);
	} else {
		err = dcx_bind_del(r.t, s, r.ifindex, r.v4, r.len4, why,
				   &dcx_cfg_mutex);
	}
	if (err) {
		char ifname[IFNAMSIZ] = "";
		struct net_device *dev;

		rcu_read_lock();
		dev = dev_get_by_index_rcu(genl_info_net(info), r.ifindex);
		if (dev)
			strscpy(ifname, dev->name, sizeof(ifname));
		rcu_read_unlock();
		NL_SET_BAD_ATTR(extack, info->attrs[DCXLAT_A_BIND]);
		if (*ifname)
			NL_SET_ERR_MSG_FMT_MOD(extack, "%s: %s", ifname, why);
		else
			NL_SET_ERR_MSG_FMT_MOD(extack, "interface %d: %s",
					       r.ifindex, why);
		goto out;
	}
	r.s = s;
	dcx_nl_notify(&r.req, dcx_space_notify_fill, &r);
out:
	dcx_nl_end(&r.req);
	return err;
}

int dcx_nl_bind_add(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_bind(info, true);
}

int dcx_nl_bind_del(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_bind(info, false);
}
