// SPDX-License-Identifier: GPL-2.0
/*
 * SETTINGS_SET and SETTINGS_GET. Everything about a setting comes from
 * the DCXLAT_SETTINGS table through settings.h (its field, type, range,
 * name); this file only moves values between attributes and a snapshot,
 * one case per wire type. A change of the live configuration copies the
 * snapshot, changes the copy, hands the tables over and publishes it with
 * one pointer store.
 */
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include "settings.h"
#include "nl_policy.h"
#include "nl_msg.h"
#include "nl_handlers.h"
#include "compat.h"

/*
 * The packet path compares ifindexes. A device that does not exist yet
 * gives 0: the proxy waits (off) until it appears (netdev.c).
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

/* A prefix setting; the policy checked the length against the bits. */
static int dcx_set_prefix(struct dcx_config *c, int id, const struct nlattr *a,
			  unsigned int bits, void *addr, u8 *len,
			  struct netlink_ext_ack *extack)
{
	const struct dcx_setting *d = &dcx_settings[id];
	int err;

	err = dcx_nl_prefix(a, bits, addr, len, d->name, extack);
	if (err || *len <= d->max)
		return err;
	NL_SET_BAD_ATTR(extack, a);
	NL_SET_ERR_MSG_FMT_MOD(extack, "%s /%u is too long (at most /%u)",
			       d->name, *len, d->max);
	return -EINVAL;
}

/* One attribute into c; the policy has checked every range. */
static int dcx_set_one(struct dcx_config *c, int id, const struct nlattr *a,
		       struct netlink_ext_ack *extack)
{
	const struct dcx_setting *d = &dcx_settings[id];
	struct dcx_prefix4 *p4 = dcx_setting_ptr(c, id);
	struct dcx_prefix6 *p6 = dcx_setting_ptr(c, id);

	switch (d->type) {
	case DCXLAT_ST_PREFIX4:
		return dcx_set_prefix(c, id, a, 32, &p4->addr, &p4->len,
				      extack);
	case DCXLAT_ST_PREFIX6:
		return dcx_set_prefix(c, id, a, 128, &p6->addr, &p6->len,
				      extack);
	case DCXLAT_ST_U32:
		dcx_setting_set_uint(c, id, nla_get_u32(a));
		return 0;
	case DCXLAT_ST_IFNAME:
		if (*(const char *)nla_data(a) &&
		    !dev_valid_name(nla_data(a))) {
			NL_SET_BAD_ATTR(extack, a);
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "%s is not a valid device name",
					       d->name);
			return -EINVAL;
		}
		strscpy(dcx_setting_ptr(c, id), nla_data(a), d->size);
		return 0;
	default:		/* U8, BOOL, ENUM */
		dcx_setting_set_uint(c, id, nla_get_u8(a));
		return 0;
	}
}

static int dcx_put_one(struct sk_buff *skb, const struct dcx_config *c,
		       int id)
{
	const struct dcx_prefix4 *p4 = dcx_setting_ptr(c, id);
	const struct dcx_prefix6 *p6 = dcx_setting_ptr(c, id);

	switch (dcx_settings[id].type) {
	case DCXLAT_ST_PREFIX4:
		return dcx_nl_put_prefix(skb, id, &p4->addr, sizeof(p4->addr),
					 p4->len);
	case DCXLAT_ST_PREFIX6:
		return dcx_nl_put_prefix(skb, id, &p6->addr, sizeof(p6->addr),
					 p6->len);
	case DCXLAT_ST_U32:
		return nla_put_u32(skb, id, dcx_setting_uint(c, id));
	case DCXLAT_ST_IFNAME:
		return nla_put_string(skb, id, dcx_setting_ptr(c, id));
	default:		/* U8, BOOL, ENUM */
		return nla_put_u8(skb, id, dcx_setting_uint(c, id));
	}
}

static int dcx_settings_parse(struct genl_info *info, struct dcx_config *c)
{
	struct nlattr *tb[DCXLAT_SET_MAX + 1];
	int err, id;

	if (GENL_REQ_ATTR_CHECK(info, DCXLAT_A_SETTINGS)) {
		DCX_ERR(info->extack, "missing settings (DCXLAT_A_SETTINGS)");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, DCXLAT_SET_MAX,
			       info->attrs[DCXLAT_A_SETTINGS],
			       dcx_settings_policy, info->extack);
	if (err)
		return err;
	for (id = 1; id <= DCXLAT_SET_MAX; id++) {
		if (!tb[id])
			continue;
		err = dcx_set_one(c, id, tb[id], info->extack);
		if (err)
			return err;
	}
	if (tb[DCXLAT_SET_NDP_PROXY])
		c->ndp_proxy_ifindex = dcx_ndp_ifindex(genl_info_net(info),
						       c->ndp_proxy);
	return 0;
}

/*
 * SETTINGS of the live configuration, every setting, and NDP_WAITING
 * while ndp-proxy names a device that does not exist.
 */
static int dcx_fill_settings(struct sk_buff *skb, struct dcx_req *r,
			     void *arg)
{
	const struct dcx_config *c = dcx_instance_cfg(r->inst);
	struct nlattr *nest = nla_nest_start(skb, DCXLAT_A_SETTINGS);
	int id;

	if (!nest)
		return -EMSGSIZE;
	for (id = 1; id <= DCXLAT_SET_MAX; id++)
		if (dcx_put_one(skb, c, id))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	if (*c->ndp_proxy && !READ_ONCE(c->ndp_proxy_ifindex) &&
	    nla_put_flag(skb, DCXLAT_A_NDP_WAITING))
		return -EMSGSIZE;
	return 0;
}

/* A settings event: every value now, and OLD_SETTINGS from arg (if any). */
static int dcx_fill_settings_event(struct sk_buff *skb, struct dcx_req *r,
				   void *arg)
{
	const struct dcx_config *old = arg;
	struct nlattr *nest, *a;
	int rem;

	if (dcx_fill_settings(skb, r, NULL))
		return -EMSGSIZE;
	if (!old)
		return 0;
	nest = nla_nest_start(skb, DCXLAT_A_OLD_SETTINGS);
	if (!nest)
		return -EMSGSIZE;
	nla_for_each_nested(a, r->info->attrs[DCXLAT_A_SETTINGS], rem)
		if (nla_type(a) >= 1 && nla_type(a) <= DCXLAT_SET_MAX &&
		    dcx_put_one(skb, old, nla_type(a)))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int dcx_nl_settings_set(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_config *tmp, *old = NULL;
	struct dcx_req r;
	int err;

	err = dcx_nl_begin(info, &r, DCX_REQ_EXISTS);
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
		/*
		 * Nobody reads a staging snapshot: change it in place, every
		 * field but the rcu head (tmp is a copy: the same tables).
		 */
		memcpy(r.cfg, tmp, offsetof(struct dcx_config, rcu));
		kfree(tmp);
	} else {
		old = dcx_config_copy(r.cfg);	/* NULL: no old values */
		dcx_instance_publish(r.inst, tmp);
	}
	dcx_nl_notify(&r, dcx_fill_settings_event, old);
	kfree(old);
out:
	dcx_nl_end(&r);
	return err;
}

int dcx_nl_settings_get(struct sk_buff *skb, struct genl_info *info)
{
	return dcx_nl_get(info, dcx_fill_settings, NULL);
}
