// SPDX-License-Identifier: GPL-2.0
/*
 * SETTINGS_SET and SETTINGS_GET. The policy, the names in messages and
 * the ranges come from the DCXLAT_SETTINGS table (uapi/dcxlat_settings.h).
 * A change of the live configuration copies the snapshot, changes the
 * copy, hands the tables over and publishes it with one pointer store.
 */
#include <linux/build_bug.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include "uapi/dcxlat.h"
#include "uapi/dcxlat_settings.h"
#include "netlink.h"
#include "compat.h"

#define DCX_SET_RANGE(id, name, type, def, lo, hi, vals, doc, rfc)	\
	[DCXLAT_SET_##id] = { .min = (lo), .max = (hi) },
/* Not const: 6.1 policies point at a non-const range. */
static struct netlink_range_validation dcx_set_ranges[DCXLAT_SET_MAX + 1] = {
	DCXLAT_SETTINGS(DCX_SET_RANGE)
};

#define DCX_POL_PREFIX4(id, lo, hi)	NLA_POLICY_NESTED(dcx_prefix4_policy)
#define DCX_POL_PREFIX6(id, lo, hi)	NLA_POLICY_NESTED(dcx_prefix6_policy)
#define DCX_POL_U32(id, lo, hi)						\
	NLA_POLICY_FULL_RANGE(NLA_U32, &dcx_set_ranges[DCXLAT_SET_##id])
#define DCX_POL_U8(id, lo, hi)		NLA_POLICY_RANGE(NLA_U8, lo, hi)
#define DCX_POL_BOOL(id, lo, hi)	NLA_POLICY_MAX(NLA_U8, 1)
#define DCX_POL_ENUM(id, lo, hi)	NLA_POLICY_MAX(NLA_U8, hi)
#define DCX_POL_IFNAME(id, lo, hi)	{ .type = NLA_NUL_STRING,	\
					  .len = IFNAMSIZ - 1 }
#define DCX_SET_POL(id, name, type, def, lo, hi, vals, doc, rfc)	\
	[DCXLAT_SET_##id] = DCX_POL_##type(id, lo, hi),
const struct nla_policy dcx_settings_policy[DCXLAT_SET_MAX + 1] = {
	DCXLAT_SETTINGS(DCX_SET_POL)
};

#define DCX_SET_NAME(id, name, type, def, lo, hi, vals, doc, rfc)	\
	[DCXLAT_SET_##id] = name,
static const char *const dcx_set_names[DCXLAT_SET_MAX + 1] = {
	DCXLAT_SETTINGS(DCX_SET_NAME)
};

#define DCX_SET_ROW(id, name, type, def, lo, hi, vals, doc, rfc)	\
	DCX_SET_ROW_##id,
enum {
	DCXLAT_SETTINGS(DCX_SET_ROW)
	DCX_SET_ROWS
};
static_assert(DCX_SET_ROWS == DCXLAT_SET_MAX,
	      "every DCXLAT_SET_* attribute has a row in DCXLAT_SETTINGS");

/*
 * The packet path compares ifindexes. A device that does not exist yet
 * gives 0 (off) until ndp-proxy is set again.
 */
static int dcx_ndp_ifindex(struct net *net, const char *name)
{
	struct net_device *dev;
	int ifindex = 0;

	if (!*name)
		return 0;
	rcu_read_lock();
	dev = dev_get_by_name_rcu(net, name);
	if (dev)
		ifindex = dev->ifindex;
	rcu_read_unlock();
	return ifindex;
}

/* One attribute into c; prefixes are fully validated here. */
static int dcx_set_one(struct dcx_config *c, int type, const struct nlattr *a,
		       struct netlink_ext_ack *extack)
{
	struct dcx_xlat_cfg *x = &c->xlat;
	const char *name = dcx_set_names[type];
	int err = 0;

	switch (type) {
	case DCXLAT_SET_RFC6791V4:
		err = dcx_nl_prefix(a, 32, &x->rfc6791v4.addr,
				    &x->rfc6791v4.len, name, extack);
		break;
	case DCXLAT_SET_RFC6791V6:
		err = dcx_nl_prefix(a, 128, &x->rfc6791v6.addr,
				    &x->rfc6791v6.len, name, extack);
		break;
	case DCXLAT_SET_SPACE_BASE:
		err = dcx_nl_prefix(a, 128, &x->space_base.addr,
				    &x->space_base.len, name, extack);
		if (!err && x->space_base.len >
			    dcx_set_ranges[DCXLAT_SET_SPACE_BASE].max) {
			NL_SET_BAD_ATTR(extack, a);
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "space-base /%u too long: base + 16-bit ID must fit a /96 (max /%llu)",
					       x->space_base.len,
					       (unsigned long long)dcx_set_ranges[DCXLAT_SET_SPACE_BASE].max);
			err = -EINVAL;
		}
		break;
	case DCXLAT_SET_LOWEST_MTU6:
		x->lowest_ipv6_mtu = nla_get_u32(a);
		break;
	case DCXLAT_SET_RESET_TCLASS:
		x->reset_tclass = nla_get_u8(a);
		break;
	case DCXLAT_SET_RESET_TOS:
		x->reset_tos = nla_get_u8(a);
		break;
	case DCXLAT_SET_NEW_TOS:
		x->new_tos = nla_get_u8(a);
		break;
	case DCXLAT_SET_UDP_ZERO_CSUM:
		x->udp_zero = nla_get_u8(a);
		break;
	case DCXLAT_SET_ROLE:
		x->role = nla_get_u8(a);
		break;
	case DCXLAT_SET_ER_FILTER:
		x->er_filter = nla_get_u8(a);
		break;
	case DCXLAT_SET_HAIRPIN:
		x->hairpin = nla_get_u8(a);
		break;
	case DCXLAT_SET_UNBOUND:
		x->unbound = nla_get_u8(a);
		break;
	case DCXLAT_SET_NDP_PROXY:
		if (*(const char *)nla_data(a) && !dev_valid_name(nla_data(a))) {
			NL_SET_BAD_ATTR(extack, a);
			DCX_ERR(extack, "ndp-proxy is not a valid device name");
			return -EINVAL;
		}
		strscpy(c->ndp_proxy, nla_data(a), sizeof(c->ndp_proxy));
		break;
	}
	return err;
}

static int dcx_settings_parse(struct genl_info *info, struct dcx_config *c)
{
	struct nlattr *tb[DCXLAT_SET_MAX + 1];
	int err, i;

	if (GENL_REQ_ATTR_CHECK(info, DCXLAT_A_SETTINGS)) {
		DCX_ERR(info->extack, "missing settings (DCXLAT_A_SETTINGS)");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, DCXLAT_SET_MAX, info->attrs[DCXLAT_A_SETTINGS],
			       dcx_settings_policy, info->extack);
	if (err)
		return err;
	for (i = 1; i <= DCXLAT_SET_MAX; i++) {
		if (!tb[i])
			continue;
		err = dcx_set_one(c, i, tb[i], info->extack);
		if (err)
			return err;
	}
	if (tb[DCXLAT_SET_NDP_PROXY])
		c->ndp_proxy_ifindex = dcx_ndp_ifindex(genl_info_net(info),
						       c->ndp_proxy);
	return 0;
}

static int dcx_put_settings(struct sk_buff *skb, const struct dcx_config *c)
{
	const struct dcx_xlat_cfg *x = &c->xlat;
	struct nlattr *nest = nla_nest_start(skb, DCXLAT_A_SETTINGS);

	if (!nest ||
	    dcx_nl_put_prefix(skb, DCXLAT_SET_RFC6791V4, &x->rfc6791v4.addr,
			      4, x->rfc6791v4.len) ||
	    dcx_nl_put_prefix(skb, DCXLAT_SET_RFC6791V6, &x->rfc6791v6.addr,
			      16, x->rfc6791v6.len) ||
	    nla_put_u32(skb, DCXLAT_SET_LOWEST_MTU6, x->lowest_ipv6_mtu) ||
	    nla_put_u8(skb, DCXLAT_SET_RESET_TCLASS, x->reset_tclass) ||
	    nla_put_u8(skb, DCXLAT_SET_RESET_TOS, x->reset_tos) ||
	    nla_put_u8(skb, DCXLAT_SET_NEW_TOS, x->new_tos) ||
	    nla_put_u8(skb, DCXLAT_SET_UDP_ZERO_CSUM, x->udp_zero) ||
	    nla_put_u8(skb, DCXLAT_SET_ROLE, x->role) ||
	    nla_put_u8(skb, DCXLAT_SET_ER_FILTER, x->er_filter) ||
	    nla_put_u8(skb, DCXLAT_SET_HAIRPIN, x->hairpin) ||
	    nla_put_u8(skb, DCXLAT_SET_UNBOUND, x->unbound) ||
	    dcx_nl_put_prefix(skb, DCXLAT_SET_SPACE_BASE, &x->space_base.addr,
			      16, x->space_base.len) ||
	    nla_put_string(skb, DCXLAT_SET_NDP_PROXY, c->ndp_proxy))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int dcx_fill_settings(struct sk_buff *skb, struct dcx_req *r,
			     void *arg)
{
	return dcx_put_settings(skb, dcx_instance_cfg(r->inst));
}

int dcx_nl_settings_set(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_config *tmp, *n;
	struct dcx_req r;
	int err;

	err = dcx_nl_begin(info, &r);
	if (err)
		return err;
	tmp = dcx_config_copy(r.cfg);
	if (!tmp) {
		DCX_ERR(info->extack, "out of memory");
		err = -ENOMEM;
		goto out;
	}
	err = dcx_settings_parse(info, tmp);
	if (err) {
		kfree(tmp);
		goto out;
	}
	if (r.staging) {
		/* Nobody reads a staging snapshot: change it in place. */
		r.cfg->xlat = tmp->xlat;
		memcpy(r.cfg->ndp_proxy, tmp->ndp_proxy, sizeof(tmp->ndp_proxy));
		r.cfg->ndp_proxy_ifindex = tmp->ndp_proxy_ifindex;
		kfree(tmp);
	} else {
		n = tmp;
		dcx_instance_publish(r.inst, n);
	}
	dcx_nl_notify(&r, dcx_fill_settings, NULL);
out:
	dcx_nl_end(&r);
	return err;
}

int dcx_nl_settings_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct dcx_req r;
	void *hdr;
	int err;

	err = dcx_nl_begin(info, &r);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		DCX_ERR(info->extack, "out of memory for the reply");
		err = -ENOMEM;
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &dcx_genl_family, 0,
				DCXLAT_CMD_SETTINGS_GET);
	if (!hdr || nla_put_string(msg, DCXLAT_A_INSTANCE, r.name) ||
	    dcx_put_settings(msg, dcx_instance_cfg(r.inst))) {
		nlmsg_free(msg);
		DCX_ERR(info->extack, "reply does not fit in one message");
		err = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = genlmsg_reply(msg, info);
out:
	dcx_nl_end(&r);
	return err;
}
