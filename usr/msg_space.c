// SPDX-License-Identifier: GPL-2.0
/* Spaces and bindings in messages (see msg_space.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg.h"
#include "msg_space.h"

int dcx_msg_put_space(struct nl_msg *m, const struct dcx_uspace *s,
		      unsigned int mask)
{
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_SPACE_CFG |
					  NLA_F_NESTED);

	if (!n || nla_put_string(m, DCXLAT_SPACE_NAME, s->name))
		return -EMSGSIZE;
	if ((mask & DCX_SP_ID) && nla_put_u32(m, DCXLAT_SPACE_ID, s->id))
		return -EMSGSIZE;
	if ((mask & DCX_SP_PREFIX) &&
	    dcx_msg_put_prefix(m, DCXLAT_SPACE_PREFIX, &s->prefix.addr, 16,
			   s->has_prefix ? s->prefix.len : 0))
		return -EMSGSIZE;
	if ((mask & DCX_SP_TABLE) &&
	    nla_put_u32(m, DCXLAT_SPACE_TABLE, s->table))
		return -EMSGSIZE;
	/* By name ("" = none): the module keeps a missing VRF waiting. */
	if ((mask & DCX_SP_VRF) &&
	    nla_put_string(m, DCXLAT_SPACE_VRF_NAME, s->vrf))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

int dcx_msg_put_bind(struct nl_msg *m, const struct dcx_ubind *b)
{
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_BIND | NLA_F_NESTED);

	/* By name: the module keeps it waiting while no such device exists. */
	if (!n || nla_put_string(m, DCXLAT_BIND_IFNAME, b->dev))
		return -EMSGSIZE;
	if (b->has_p4 && dcx_msg_put_prefix(m, DCXLAT_BIND_PREFIX4, &b->p4.addr, 4,
					b->p4.len))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

static int dcx_get_bind(struct nlattr *a, struct dcx_uspace *s)
{
	struct nlattr *tb[DCXLAT_BIND_MAX + 1];
	struct dcx_ubind b;

	memset(&b, 0, sizeof(b));
	if (nla_parse_nested(tb, DCXLAT_BIND_MAX, a, NULL) ||
	    (tb[DCXLAT_BIND_IFINDEX] &&
	     nla_len(tb[DCXLAT_BIND_IFINDEX]) != 4) ||
	    (!tb[DCXLAT_BIND_IFINDEX] && !tb[DCXLAT_BIND_IFNAME]))
		return -EINVAL;
	if (tb[DCXLAT_BIND_IFINDEX])
		b.ifindex = (int)nla_get_u32(tb[DCXLAT_BIND_IFINDEX]);
	if (tb[DCXLAT_BIND_IFNAME] &&
	    nla_strlcpy(b.dev, tb[DCXLAT_BIND_IFNAME], sizeof(b.dev)) >=
	    sizeof(b.dev))
		return -EINVAL;
	b.waiting = tb[DCXLAT_BIND_WAITING] != NULL;
	if (tb[DCXLAT_BIND_PREFIX4]) {
		if (dcx_msg_get_prefix(tb[DCXLAT_BIND_PREFIX4], &b.p4.addr, 4,
				   &b.p4.len))
			return -EINVAL;
		/* 0.0.0.0/0 is what an absent prefix4 means. */
		b.has_p4 = b.p4.len != 0;
	}
	return dcx_bind_push(s, &b) ? -ENOMEM : 0;
}

int dcx_msg_parse_space(struct nlmsghdr *nlh, struct dcx_uspace *s)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1], *a;
	uint32_t u;
	int rem, len;

	memset(s, 0, sizeof(*s));
	if (dcx_msg_top(nlh, tb) || !tb[DCXLAT_A_SPACE_CFG])
		return -EINVAL;
	nla_for_each_nested(a, tb[DCXLAT_A_SPACE_CFG], rem) {
		switch (nla_type(a)) {
		case DCXLAT_SPACE_NAME:
			len = nla_len(a);
			if (len < 2 || len > DCXLAT_NAME_MAX ||
			    ((char *)nla_data(a))[len - 1])
				return -EINVAL;
			memcpy(s->name, nla_data(a), (size_t)len);
			break;
		case DCXLAT_SPACE_ID:
			if (dcx_msg_get_u32(a, &s->id))
				return -EINVAL;
			break;
		case DCXLAT_SPACE_PREFIX:
			if (dcx_msg_get_prefix(a, &s->prefix.addr, 16,
					   &s->prefix.len))
				return -EINVAL;
			s->has_prefix = s->prefix.len != 0;
			break;
		case DCXLAT_SPACE_TABLE:
			if (dcx_msg_get_u32(a, &s->table))
				return -EINVAL;
			break;
		case DCXLAT_SPACE_VRF:
			if (dcx_msg_get_u32(a, &u))
				return -EINVAL;
			s->vrf_ifindex = (int)u;
			break;
		case DCXLAT_SPACE_VRF_NAME:
			if (nla_strlcpy(s->vrf, a, sizeof(s->vrf)) >=
			    sizeof(s->vrf))
				return -EINVAL;
			break;
		case DCXLAT_SPACE_VRF_WAITING:
			s->vrf_waiting = true;
			break;
		case DCXLAT_SPACE_EAM_COUNT:
			if (dcx_msg_get_u32(a, &s->eam_count))
				return -EINVAL;
			s->has_eam_count = true;
			break;
		case DCXLAT_SPACE_WAITING:
			if (dcx_msg_get_u32(a, &s->waiting))
				return -EINVAL;
			s->has_waiting = true;
			break;
		case DCXLAT_SPACE_BIND:
			if (dcx_get_bind(a, s))
				return -EINVAL;
			break;
		case DCXLAT_SPACE_STATS:
			s->stats = calloc(1, sizeof(*s->stats));
			if (!s->stats)
				return -ENOMEM;
			if (dcx_msg_get_counters(a, s->stats))
				return -EINVAL;
			s->has_stats = true;
			break;
		}
	}
	/* Bindings may also come as top-level DCXLAT_A_BIND. */
	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem)
		if (nla_type(a) == DCXLAT_A_BIND && dcx_get_bind(a, s))
			return -EINVAL;
	return s->name[0] ? 0 : -EINVAL;
}
