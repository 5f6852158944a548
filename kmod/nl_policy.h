/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netlink policies of the family "dcxlat" (nl_policy.c): what every
 * attribute of uapi/dcxlat.h may be on input. netlink.c hands dcx_policy
 * to the family (the genetlink core validates every request with it,
 * nests included); the handlers parse nests with the nested ones.
 * Documentation/netlink/specs/dcxlat.yaml describes the same protocol and
 * tests/netlink/check_spec.py checks that both agree.
 */
#ifndef DCX_NL_POLICY_H
#define DCX_NL_POLICY_H

#include <net/netlink.h>
#include "uapi/dcxlat.h"

extern const struct nla_policy dcx_policy[DCXLAT_A_MAX + 1];
/* Nested prefixes (DCXLAT_PREFIX_*), IPv4 and IPv6. */
extern const struct nla_policy dcx_prefix4_policy[DCXLAT_PREFIX_MAX + 1];
extern const struct nla_policy dcx_prefix6_policy[DCXLAT_PREFIX_MAX + 1];
extern const struct nla_policy dcx_eam_policy[DCXLAT_EAM_MAX + 1];
extern const struct nla_policy dcx_settings_policy[DCXLAT_SET_MAX + 1];
extern const struct nla_policy dcx_space_cfg_policy[DCXLAT_SPACE_MAX + 1];
extern const struct nla_policy dcx_bind_policy[DCXLAT_BIND_MAX + 1];

#endif /* DCX_NL_POLICY_H */
