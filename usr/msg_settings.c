// SPDX-License-Identifier: GPL-2.0
/* Settings in messages, driven by the settings table (see msg_settings.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg.h"
#include "msg_settings.h"

int dcx_msg_put_settings(struct nl_msg *m, const struct dcx_settings *s)
{
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_SETTINGS | NLA_F_NESTED);
	size_t i;
	int r = 0;

	if (!n)
		return -EMSGSIZE;
	for (i = 0; i < dcx_setting_count && !r; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];
		const struct dcx_setval *v = &s->v[d->attr];

		if (!v->present)
			continue;
		switch (d->type) {
		case DCXLAT_ST_PREFIX4:
			r = dcx_msg_put_prefix(m, d->attr, &v->p4.addr, 4,
					   v->p4.len);
			break;
		case DCXLAT_ST_PREFIX6:
			r = dcx_msg_put_prefix(m, d->attr, &v->p6.addr, 16,
					   v->p6.len);
			break;
		case DCXLAT_ST_U32:
			r = nla_put_u32(m, d->attr, v->u);
			break;
		case DCXLAT_ST_IFNAME:
			r = nla_put_string(m, d->attr, v->s);
			break;
		default:
			r = nla_put_u8(m, d->attr, (uint8_t)v->u);
		}
	}
	if (r)
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

int dcx_msg_parse_settings(struct nlmsghdr *nlh, struct dcx_settings *s)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (dcx_msg_top(nlh, tb) || !tb[DCXLAT_A_SETTINGS])
		return -EINVAL;
	return dcx_msg_parse_settings_nest(tb[DCXLAT_A_SETTINGS], s);
}

int dcx_msg_parse_settings_nest(struct nlattr *nest, struct dcx_settings *s)
{
	const struct dcx_setting_def *d;
	struct dcx_setval *v;
	struct nlattr *a;
	int rem;

	memset(s, 0, sizeof(*s));
	nla_for_each_nested(a, nest, rem) {
		d = dcx_setting_by_attr(nla_type(a));
		if (!d)
			continue;	/* newer module: skip */
		v = &s->v[d->attr];
		switch (d->type) {
		case DCXLAT_ST_PREFIX4:
			if (dcx_msg_get_prefix(a, &v->p4.addr, 4, &v->p4.len))
				return -EINVAL;
			break;
		case DCXLAT_ST_PREFIX6:
			if (dcx_msg_get_prefix(a, &v->p6.addr, 16, &v->p6.len))
				return -EINVAL;
			break;
		case DCXLAT_ST_U32:
			if (nla_len(a) != 4)
				return -EINVAL;
			v->u = nla_get_u32(a);
			break;
		case DCXLAT_ST_IFNAME:
			if (nla_len(a) < 1 || nla_len(a) > (int)sizeof(v->s) ||
			    ((char *)nla_data(a))[nla_len(a) - 1])
				return -EINVAL;
			memcpy(v->s, nla_data(a), (size_t)nla_len(a));
			break;
		default:
			if (nla_len(a) < 1)
				return -EINVAL;
			v->u = nla_get_u8(a);
		}
		v->present = true;
	}
	return 0;
}
