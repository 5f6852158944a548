// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink handlers of address spaces and interface bindings (see
 * uapi/dcxlat.h, "Spaces"). Every handler runs with dcx_cfg_mutex held
 * around the change and answers every refusal with an extack message.
 * The routing domain of a space is resolved by vrf.c.
 */
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include "instance.h"
#include "vrf.h"
#include "settings.h"
#include "nl_policy.h"
#include "nl_msg.h"
#include "nl_handlers.h"
#include "compat.h"

/* What a request names, parsed before the lock is taken. */
struct dcx_space_req {
	struct dcx_req req;		/* instance, snapshot, lock */
	const char *name;		/* space */
	struct nlattr *name_attr;
	struct nlattr *tb[DCXLAT_SPACE_MAX + 1];	/* SPACE_CFG */
	struct dcx_prefix6 prefix;
	bool has_prefix;
	u32 id;
	struct dcx_space *s;		/* after the change; NULL: deleted */
	/* SPACE_SET: what the request changes, as it was before */
	bool set;
	struct dcx_prefix6 old_prefix;	/* len 0: none */
	struct dcx_vrf old_vrf;
	/* BIND */
	bool bind;
	char dev[IFNAMSIZ];		/* the bound interface's name */
	int ifindex;			/* 0: no such device (waiting) */
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
	if (!tb[DCXLAT_BIND_IFINDEX] == !tb[DCXLAT_BIND_IFNAME]) {
		NL_SET_BAD_ATTR(extack, nest);
		DCX_ERR(extack,
			"a binding names its interface once (DCXLAT_BIND_IFNAME or _IFINDEX)");
		return -EINVAL;
	}
	if (tb[DCXLAT_BIND_IFNAME]) {
		if (nla_strscpy(r->dev, tb[DCXLAT_BIND_IFNAME],
				sizeof(r->dev)) <= 0 || !dev_valid_name(r->dev)) {
			NL_SET_BAD_ATTR(extack, tb[DCXLAT_BIND_IFNAME]);
			DCX_ERR(extack, "not a valid interface name");
			return -EINVAL;
		}
	} else {
		r->ifindex = nla_get_u32(tb[DCXLAT_BIND_IFINDEX]);
		if (r->ifindex <= 0) {
			NL_SET_BAD_ATTR(extack, tb[DCXLAT_BIND_IFINDEX]);
			DCX_ERR(extack, "interface index out of range");
			return -EINVAL;
		}
	}
	r->bind = true;
	if (!tb[DCXLAT_BIND_PREFIX4])
		return 0;
	return dcx_nl_prefix(tb[DCXLAT_BIND_PREFIX4], 32, &r->v4, &r->len4,
			     "binding IPv4 prefix", extack);
}

/* ---- the routing domain ---------------------------------------------- */

/*
 * DCXLAT_SPACE_VRF_NAME or _VRF, and/or DCXLAT_SPACE_TABLE, into the VRF
 * the space routes through (vrf.h; none: the netns' main routing).
 */
static int dcx_space_domain(struct genl_info *info, struct nlattr **tb,
			    struct dcx_vrf *v)
{
	struct nlattr *na = tb[DCXLAT_SPACE_VRF_NAME];
	struct nlattr *va = tb[DCXLAT_SPACE_VRF], *ta = tb[DCXLAT_SPACE_TABLE];
	char why[DCX_WHY_LEN] = "";
	bool by_table;
	int err;

	memset(v, 0, sizeof(*v));
	if (na && va) {
		NL_SET_BAD_ATTR(info->extack, va);
		DCX_ERR(info->extack,
			"a space names its VRF once (DCXLAT_SPACE_VRF_NAME or _VRF)");
		return -EINVAL;
	}
	if (na && (nla_strscpy(v->name, na, sizeof(v->name)) < 0 ||
		   (*v->name && !dev_valid_name(v->name)))) {
		NL_SET_BAD_ATTR(info->extack, na);
		DCX_ERR(info->extack, "not a valid VRF device name");
		return -EINVAL;
	}
	v->ifindex = va ? nla_get_u32(va) : 0;
	if (v->ifindex < 0) {
		NL_SET_BAD_ATTR(info->extack, va);
		DCX_ERR(info->extack, "interface index out of range");
		return -EINVAL;
	}
	v->table = ta ? nla_get_u32(ta) : 0;
	err = dcx_vrf_resolve(genl_info_net(info), v, why, &by_table);
	if (err)
		dcx_nl_why(info->extack, by_table ? ta : na ?: va, err, why);
	return err;
}

/* ---- replies --------------------------------------------------------- */

static int dcx_put_space_bind_cb(void *ctx, const char *dev, int ifindex,
				 __be32 v4, u8 len4)
{
	return dcx_nl_put_bind(ctx, DCXLAT_SPACE_BIND, dev, ifindex, v4, len4);
}

static int dcx_put_space_stats(struct sk_buff *skb,
			       const struct dcx_space *s)
{
	return dcx_nl_put_stats(skb, DCXLAT_SPACE_STATS, s->stats);
}

/* The whole SPACE_CFG of s. */
static int dcx_fill_space(struct sk_buff *skb, const struct dcx_space *s)
{
	const struct dcx_prefix6 *p = dcx_space_pool6(s);
	struct nlattr *nest;

	nest = nla_nest_start(skb, DCXLAT_A_SPACE_CFG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, DCXLAT_SPACE_NAME, s->name) ||
	    nla_put_u32(skb, DCXLAT_SPACE_ID, s->id) ||
	    (p && dcx_nl_put_prefix(skb, DCXLAT_SPACE_PREFIX, &p->addr, 16,
				    p->len)) ||
	    dcx_nl_put_vrf(skb, s->vrf_name, s->vrf_ifindex, s->table) ||
	    nla_put_u32(skb, DCXLAT_SPACE_EAM_COUNT,
			dcx_eamidx_count(&s->eam4)) ||
	    dcx_put_space_stats(skb, s) ||
	    nla_put_u32(skb, DCXLAT_SPACE_WAITING, dcx_bind_waiting(s)) ||
	    dcx_bind_walk(s, dcx_put_space_bind_cb, skb)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The request names the routing domain. */
static bool dcx_space_has_domain(struct nlattr **tb)
{
	return tb[DCXLAT_SPACE_VRF] || tb[DCXLAT_SPACE_VRF_NAME] ||
	       tb[DCXLAT_SPACE_TABLE];
}

/*
 * SPACE_SET's OLD_SPACE_CFG: the name and, of the attributes the request
 * gave, the values before it (a prefix of length 0: there was none).
 */
static int dcx_put_old_space(struct sk_buff *skb, struct dcx_space_req *r)
{
	struct nlattr *nest = nla_nest_start(skb, DCXLAT_A_OLD_SPACE_CFG);
	struct nlattr **tb = r->tb;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, DCXLAT_SPACE_NAME, r->s->name) ||
	    (tb[DCXLAT_SPACE_PREFIX] &&
	     dcx_nl_put_prefix(skb, DCXLAT_SPACE_PREFIX, &r->old_prefix.addr,
			       16, r->old_prefix.len)) ||
	    (dcx_space_has_domain(tb) &&
	     dcx_nl_put_vrf(skb, r->old_vrf.name, r->old_vrf.ifindex,
			    r->old_vrf.table))) {
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

	if (r->s && r->set)
		return dcx_fill_space(skb, r->s) ?: dcx_put_old_space(skb, r);
	if (r->s && !r->bind)
		return dcx_fill_space(skb, r->s);
	if (nla_put_string(skb, DCXLAT_A_SPACE, r->name))
		return -EMSGSIZE;
	if (r->bind)
		return dcx_nl_put_bind(skb, DCXLAT_A_BIND, r->dev, r->ifindex,
				    r->v4, r->len4);
	return 0;
}

/* ---- handlers -------------------------------------------------------- */

/*
 * Lock, find the instance and the tables the request edits (the sender's
 * transaction, else the live ones) and, when s is given, find the space
 * the request names. On error the lock is released and extack set.
 */
static int dcx_space_begin(struct genl_info *info, struct dcx_space_req *r,
			   struct dcx_space **s)
{
	int err;

	err = dcx_nl_begin(info, &r->req, DCX_REQ_EXISTS);
	if (err || !s)
		return err;
	*s = dcx_nl_find_space(&r->req, r->name_attr);
	if (*s)
		return 0;
	dcx_nl_end(&r->req);
	return -ENOENT;
}

int dcx_nl_space_add(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	const struct dcx_prefix6 *base;
	char why[DCX_WHY_LEN] = "";
	struct dcx_space_req r = {};
	struct dcx_space *s;
	struct dcx_vrf vrf;
	int err;

	err = dcx_space_parse_cfg(info, &r, true);
	if (err)
		return err;
	err = dcx_space_begin(info, &r, NULL);
	if (err)
		return err;
	err = dcx_setting_room(r.req.cfg, DCXLAT_SET_MAX_SPACES,
			       r.req.t->nspaces, 1, "spaces", why);
	if (err) {
		dcx_nl_why(extack, NULL, err, why);
		goto out;
	}
	base = &r.req.cfg->xlat.space_base;
	if (!r.has_prefix && base->len) {
		err = dcx_space_prefix_from_base(base, r.id, &r.prefix, why);
		if (err) {
			dcx_nl_whyf(extack, NULL, err, why, "space %s", r.name);
			goto out;
		}
	}
	err = dcx_space_domain(info, r.tb, &vrf);
	if (err)
		goto out;
	/* Without a prefix first: no packet reaches it before its domain. */
	s = dcx_space_add(r.req.t, r.name, r.id, NULL, why, &dcx_cfg_mutex);
	if (IS_ERR(s)) {
		err = dcx_nl_why(extack, strstr(why, " ID ") ?
				 r.tb[DCXLAT_SPACE_ID] : r.name_attr,
				 PTR_ERR(s), why);
		goto out;
	}
	dcx_space_set_vrf(s, vrf.name, vrf.ifindex, vrf.table);
	if (r.prefix.len)
		err = dcx_space_set_pool6(r.req.t, s, &r.prefix, why,
					  &dcx_cfg_mutex);
	if (err) {
		dcx_nl_whyf(extack, r.tb[DCXLAT_SPACE_PREFIX], err, why,
			    "space %s", r.name);
		dcx_space_del(r.req.t, s, NULL, &dcx_cfg_mutex);
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
	struct dcx_vrf vrf;
	bool domain;
	int err;

	err = dcx_space_parse_cfg(info, &r, false);
	if (err)
		return err;
	domain = dcx_space_has_domain(r.tb);
	err = dcx_space_begin(info, &r, &s);
	if (err)
		return err;
	if (r.tb[DCXLAT_SPACE_ID] && r.id != s->id) {
		NL_SET_BAD_ATTR(extack, r.tb[DCXLAT_SPACE_ID]);
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "space %s: the ID (%u) cannot change; delete and add the space",
				       s->name, s->id);
		err = -EINVAL;
		goto out;
	}
	if (domain) {
		err = dcx_space_domain(info, r.tb, &vrf);
		if (err)
			goto out;
	}
	r.set = true;
	if (dcx_space_pool6(s))
		r.old_prefix = *dcx_space_pool6(s);
	strscpy(r.old_vrf.name, s->vrf_name, sizeof(r.old_vrf.name));
	r.old_vrf.ifindex = s->vrf_ifindex;
	r.old_vrf.table = s->table;
	if (r.has_prefix) {
		err = dcx_space_set_pool6(r.req.t, s, &r.prefix, why,
					  &dcx_cfg_mutex);
		if (err) {
			dcx_nl_whyf(extack, r.tb[DCXLAT_SPACE_PREFIX], err,
				    why, "space %s", s->name);
			goto out;
		}
	}
	if (domain)
		dcx_space_set_vrf(s, vrf.name, vrf.ifindex, vrf.table);
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
	if (!err)
		err = dcx_space_begin(info, &r, &s);
	if (err)
		return err;
	err = dcx_space_del(r.req.t, s, why, &dcx_cfg_mutex);
	if (err) {
		dcx_nl_why(info->extack, r.name_attr, err, why);
		goto out;
	}
	dcx_nl_notify(&r.req, dcx_space_notify_fill, &r);
out:
	dcx_nl_end(&r.req);
	return err;
}

/* A reply: the space arg of the request's tables. */
static int dcx_space_reply_fill(struct sk_buff *skb, struct dcx_req *req,
				void *arg)
{
	return dcx_fill_space(skb, arg);
}

int dcx_nl_space_get(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_space_req r = {};
	struct dcx_space *s;
	int err;

	err = dcx_space_parse_name(info, &r, false);
	if (!err)
		err = dcx_space_begin(info, &r, &s);
	if (err)
		return err;
	err = dcx_nl_reply(&r.req, dcx_space_reply_fill, s);
	dcx_nl_end(&r.req);
	return err;
}

static int dcx_dump_space(struct sk_buff *skb, struct list_head *pos,
			  void *arg)
{
	struct dcx_req *r = arg;

	if (nla_put_string(skb, DCXLAT_A_INSTANCE, r->name))
		return -EMSGSIZE;
	return dcx_fill_space(skb, list_entry(pos, struct dcx_space, list));
}

/*
 * Every space of one instance's live configuration, in creation order
 * (default first).
 */
int dcx_nl_space_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dcx_req r;
	int err;

	err = dcx_nl_begin_dump(cb, &r, DCX_REQ_EXISTS);
	if (err)
		return err;
	err = dcx_nl_dump_list(skb, cb, &r.t->spaces, dcx_dump_space, &r);
	dcx_nl_end(&r);
	return err;
}

/*
 * The device a binding names, in the request's netns: by name, the
 * ifindex of the device of that name (0: none, the binding waits); by
 * ifindex, the name of that device, which must exist.
 */
static int dcx_bind_resolve(struct genl_info *info, struct dcx_space_req *r)
{
	struct net *net = genl_info_net(info);
	struct net_device *dev;

	rcu_read_lock();
	if (*r->dev) {
		dev = dev_get_by_name_rcu(net, r->dev);
		r->ifindex = dev ? dev->ifindex : 0;
	} else {
		dev = dev_get_by_index_rcu(net, r->ifindex);
		if (dev)
			strscpy(r->dev, dev->name, sizeof(r->dev));
	}
	rcu_read_unlock();
	if (*r->dev)
		return 0;
	NL_SET_BAD_ATTR(info->extack, info->attrs[DCXLAT_A_BIND]);
	NL_SET_ERR_MSG_FMT_MOD(info->extack,
			       "no interface with index %d in this netns",
			       r->ifindex);
	return -ENODEV;
}

/* BIND_ADD and BIND_DEL. */
int dcx_nl_bind(struct sk_buff *skb, struct genl_info *info)
{
	bool add = info->genlhdr->cmd == DCXLAT_CMD_BIND_ADD;
	char why[DCX_WHY_LEN] = "";
	struct dcx_space_req r = {};
	struct dcx_space *s;
	int err;

	err = dcx_bind_parse(info, &r);
	if (err)
		return err;
	err = dcx_space_begin(info, &r, &s);
	if (err)
		return err;
	/* Under the lock: the notifier (netdev.c) sees the binding made. */
	err = dcx_bind_resolve(info, &r);
	if (err)
		goto out;
	if (add)
		err = dcx_bind_add(r.req.t, s, r.dev, r.ifindex, r.v4, r.len4,
				   why, &dcx_cfg_mutex);
	else
		err = dcx_bind_del(r.req.t, s, r.dev, r.v4, r.len4, why,
				   &dcx_cfg_mutex);
	if (err) {
		dcx_nl_whyf(info->extack, info->attrs[DCXLAT_A_BIND], err, why,
			    "%s", r.dev);
		goto out;
	}
	r.s = s;
	dcx_nl_notify(&r.req, dcx_space_notify_fill, &r);
out:
	dcx_nl_end(&r.req);
	return err;
}
