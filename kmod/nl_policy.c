// SPDX-License-Identifier: GPL-2.0
/*
 * Every nla_policy of the family, in one place (see nl_policy.h). The
 * settings policy is generated from the DCXLAT_SETTINGS table. Attributes
 * that only replies carry are NLA_REJECT with a message saying so.
 */
#include <linux/netdevice.h>
#include <net/ipv6.h>
#include "uapi/dcxlat_settings.h"
#include "nl_policy.h"

#define DCX_REPLY_ONLY(a)	{ .type = NLA_REJECT,		\
				  .reject_message = #a " is reply-only" }
#define DCX_NAME_POLICY		{ .type = NLA_NUL_STRING,	\
				  .len = DCXLAT_NAME_MAX - 1 }

const struct nla_policy dcx_prefix4_policy[DCXLAT_PREFIX_MAX + 1] = {
	[DCXLAT_PREFIX_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[DCXLAT_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
};

const struct nla_policy dcx_prefix6_policy[DCXLAT_PREFIX_MAX + 1] = {
	[DCXLAT_PREFIX_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DCXLAT_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

const struct nla_policy dcx_eam_policy[DCXLAT_EAM_MAX + 1] = {
	[DCXLAT_EAM_PREFIX4] = NLA_POLICY_NESTED(dcx_prefix4_policy),
	[DCXLAT_EAM_PREFIX6] = NLA_POLICY_NESTED(dcx_prefix6_policy),
	[DCXLAT_EAM_REMOTE] = { .type = NLA_FLAG },
};

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

const struct nla_policy dcx_space_cfg_policy[DCXLAT_SPACE_MAX + 1] = {
	[DCXLAT_SPACE_NAME] = DCX_NAME_POLICY,
	[DCXLAT_SPACE_ID] = { .type = NLA_U32 },
	[DCXLAT_SPACE_PREFIX] = NLA_POLICY_NESTED(dcx_prefix6_policy),
	[DCXLAT_SPACE_TABLE] = { .type = NLA_U32 },
	[DCXLAT_SPACE_VRF] = { .type = NLA_U32 },
	[DCXLAT_SPACE_EAM_COUNT] = DCX_REPLY_ONLY(DCXLAT_SPACE_EAM_COUNT),
	[DCXLAT_SPACE_STATS] = DCX_REPLY_ONLY(DCXLAT_SPACE_STATS),
	[DCXLAT_SPACE_BIND] = {
		.type = NLA_REJECT,
		.reject_message = "bindings are added with DCXLAT_CMD_BIND_ADD" },
	[DCXLAT_SPACE_PAD] = DCX_REPLY_ONLY(DCXLAT_SPACE_PAD),
	[DCXLAT_SPACE_WAITING] = DCX_REPLY_ONLY(DCXLAT_SPACE_WAITING),
	[DCXLAT_SPACE_VRF_NAME] = { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
	[DCXLAT_SPACE_VRF_WAITING] = DCX_REPLY_ONLY(DCXLAT_SPACE_VRF_WAITING),
};

const struct nla_policy dcx_bind_policy[DCXLAT_BIND_MAX + 1] = {
	[DCXLAT_BIND_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[DCXLAT_BIND_PREFIX4] = NLA_POLICY_NESTED(dcx_prefix4_policy),
	[DCXLAT_BIND_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[DCXLAT_BIND_WAITING] = DCX_REPLY_ONLY(DCXLAT_BIND_WAITING),
};

const struct nla_policy dcx_policy[DCXLAT_A_MAX + 1] = {
	[DCXLAT_A_ABI] = { .type = NLA_U32 },
	[DCXLAT_A_INSTANCE] = DCX_NAME_POLICY,
	[DCXLAT_A_POOL6] = NLA_POLICY_NESTED(dcx_prefix6_policy),
	[DCXLAT_A_STATS] = DCX_REPLY_ONLY(DCXLAT_A_STATS),
	[DCXLAT_A_PAD] = DCX_REPLY_ONLY(DCXLAT_A_PAD),
	[DCXLAT_A_SPACE] = DCX_NAME_POLICY,
	[DCXLAT_A_EAM] = NLA_POLICY_NESTED(dcx_eam_policy),
	[DCXLAT_A_SETTINGS] = NLA_POLICY_NESTED(dcx_settings_policy),
	[DCXLAT_A_SPACE_CFG] = NLA_POLICY_NESTED(dcx_space_cfg_policy),
	[DCXLAT_A_BIND] = NLA_POLICY_NESTED(dcx_bind_policy),
	[DCXLAT_A_COUNT] = DCX_REPLY_ONLY(DCXLAT_A_COUNT),
	[DCXLAT_A_ERROR] = DCX_REPLY_ONLY(DCXLAT_A_ERROR),
	[DCXLAT_A_OLD_POOL6] = DCX_REPLY_ONLY(DCXLAT_A_OLD_POOL6),
	[DCXLAT_A_OLD_SETTINGS] = DCX_REPLY_ONLY(DCXLAT_A_OLD_SETTINGS),
	[DCXLAT_A_OLD_SPACE_CFG] = DCX_REPLY_ONLY(DCXLAT_A_OLD_SPACE_CFG),
	[DCXLAT_A_NDP_WAITING] = DCX_REPLY_ONLY(DCXLAT_A_NDP_WAITING),
};
