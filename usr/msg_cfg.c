// SPDX-License-Identifier: GPL-2.0
/*
 * Messages of the configuration objects: EAM entries, settings, spaces
 * and bindings. Built and parsed without a socket (unit-tested).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg.h"
#include "eam.h"
#include "settings.h"
#include "config.h"

struct nl_msg *dcx_msg_new(int family, uint8_t cmd, int nlm_flags,
			   uint32_t abi, const char *inst, const char *space)
{
	struct nl_msg *m = nlmsg_alloc_size(DCX_MSG_SIZE);

	if (!m)
		return NULL;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, nlm_flags,
			 cmd, DCXLAT_GENL_VERSION) ||
	    nla_put_u32(m, DCXLAT_A_ABI, abi) ||
	    (inst && nla_put_string(m, DCXLAT_A_INSTANCE, inst)) ||
	    (space && nla_put_string(m, DCXLAT_A_SPACE, space))) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

static int dcx_put_prefix(struct nl_msg *m, int type, const void *addr,
			  int alen, unsigned int len)
{
	struct nlattr *n = nla_nest_start(m, type | NLA_F_NESTED);

	if (!n || nla_put(m, DCXLAT_PREFIX_ADDR, alen, addr) ||
	    nla_put_u8(m, DCXLAT_PREFIX_LEN, (uint8_t)len))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

int dcx_msg_put_eam(struct nl_msg *m, const struct dcx_ueam *e, int which)
{
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_EAM | NLA_F_NESTED);

	if (!n)
		return -EMSGSIZE;
	if (which != 6 && dcx_put_prefix(m, DCXLAT_EAM_PREFIX4, &e->p4.addr,
					 4, e->p4.len))
		return -EMSGSIZE;
	if (which != 4 && dcx_put_prefix(m, DCXLAT_EAM_PREFIX6, &e->p6.addr,
					 16, e->p6.len))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

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
			r = dcx_put_prefix(m, d->attr, &v->p4.addr, 4,
					   v->p4.len);
			break;
		case DCXLAT_ST_PREFIX6:
			r = dcx_put_prefix(m, d->attr, &v->p6.addr, 16,
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
	    dcx_put_prefix(m, DCXLAT_SPACE_PREFIX, &s->prefix.addr, 16,
			   s->has_prefix ? s->prefix.len : 0))
		return -EMSGSIZE;
	if ((mask & DCX_SP_TABLE) &&
	    nla_put_u32(m, DCXLAT_SPACE_TABLE, s->table))
		return -EMSGSIZE;
	if ((mask & DCX_SP_VRF) &&
	    nla_put_u32(m, DCXLAT_SPACE_VRF, (uint32_t)s->vrf_ifindex))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

int dcx_msg_put_bind(struct nl_msg *m, const struct dcx_ubind *b)
{
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_BIND | NLA_F_NESTED);

	if (!n || nla_put_u32(m, DCXLAT_BIND_IFINDEX, (uint32_t)b->ifindex))
		return -EMSGSIZE;
	if (b->has_p4 && dcx_put_prefix(m, DCXLAT_BIND_PREFIX4, &b->p4.addr, 4,
					b->p4.len))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

/* A nested prefix of alen address bytes; -EINVAL when malformed. */
static int dcx_get_prefix(struct nlattr *a, void *addr, int alen,
			  unsigned int *len)
{
	struct nlattr *tb[DCXLAT_PREFIX_MAX + 1];

	if (nla_parse_nested(tb, DCXLAT_PREFIX_MAX, a, NULL) ||
	    !tb[DCXLAT_PREFIX_ADDR] || !tb[DCXLAT_PREFIX_LEN] ||
	    nla_len(tb[DCXLAT_PREFIX_ADDR]) != alen ||
	    nla_len(tb[DCXLAT_PREFIX_LEN]) < 1)
		return -EINVAL;
	memcpy(addr, nla_data(tb[DCXLAT_PREFIX_ADDR]), (size_t)alen);
	*len = nla_get_u8(tb[DCXLAT_PREFIX_LEN]);
	if (*len > (unsigned int)alen * 8)
		return -EINVAL;
	return 0;
}

static int dcx_top(struct nlmsghdr *nlh, struct nlattr **tb)
{
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    genlmsg_parse(nlh, 0, tb, DCXLAT_A_MAX, NULL))
		return -EINVAL;
	return 0;
}

int dcx_msg_parse_settings(struct nlmsghdr *nlh, struct dcx_settings *s)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1], *a;
	const struct dcx_setting_def *d;
	struct dcx_setval *v;
	int rem;

	memset(s, 0, sizeof(*s));
	if (dcx_top(nlh, tb) || !tb[DCXLAT_A_SETTINGS])
		return -EINVAL;
	nla_for_each_nested(a, tb[DCXLAT_A_SETTINGS], rem) {
		d = dcx_setting_by_attr(nla_type(a));
		if (!d)
			continue;	/* newer module: skip */
		v = &s->v[d->attr];
		switch (d->type) {
		case DCXLAT_ST_PREFIX4:
			if (dcx_get_prefix(a, &v->p4.addr, 4, &v->p4.len))
				return -EINVAL;
			break;
		case DCXLAT_ST_PREFIX6:
			if (dcx_get_prefix(a, &v->p6.addr, 16, &v->p6.len))
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

static int dcx_get_eam(struct nlattr *a, struct dcx_ueam *e)
{
	struct nlattr *tb[DCXLAT_EAM_MAX + 1];

	memset(e, 0, sizeof(*e));
	if (nla_parse_nested(tb, DCXLAT_EAM_MAX, a, NULL) ||
	    !tb[DCXLAT_EAM_PREFIX4] || !tb[DCXLAT_EAM_PREFIX6] ||
	    dcx_get_prefix(tb[DCXLAT_EAM_PREFIX4], &e->p4.addr, 4,
			   &e->p4.len) ||
	    dcx_get_prefix(tb[DCXLAT_EAM_PREFIX6], &e->p6.addr, 16,
			   &e->p6.len))
		return -EINVAL;
	return 0;
}

int dcx_msg_parse_eams(struct nlmsghdr *nlh,
		       int (*fn)(const struct dcx_ueam *e, void *arg),
		       void *arg)
{
	struct nlattr *a;
	struct dcx_ueam e;
	int rem, r;

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem) {
		if (nla_type(a) != DCXLAT_A_EAM)
			continue;
		if (dcx_get_eam(a, &e))
			return -EINVAL;
		r = fn(&e, arg);
		if (r)
			return r;
	}
	return 0;
}

static int dcx_get_bind(struct nlattr *a, struct dcx_uspace *s)
{
	struct nlattr *tb[DCXLAT_BIND_MAX + 1];
	struct dcx_ubind b;

	memset(&b, 0, sizeof(b));
	if (nla_parse_nested(tb, DCXLAT_BIND_MAX, a, NULL) ||
	    !tb[DCXLAT_BIND_IFINDEX] || nla_len(tb[DCXLAT_BIND_IFINDEX]) != 4)
		return -EINVAL;
	b.ifindex = (int)nla_get_u32(tb[DCXLAT_BIND_IFINDEX]);
	if (tb[DCXLAT_BIND_PREFIX4]) {
		if (dcx_get_prefix(tb[DCXLAT_BIND_PREFIX4], &b.p4.addr, 4,
				   &b.p4.len))
			return -EINVAL;
		/* 0.0.0.0/0 is what an absent prefix4 means. */
		b.has_p4 = b.p4.len != 0;
	}
	return dcx_bind_push(s, &b) ? -ENOMEM : 0;
}

static int dcx_get_u32(struct nlattr *a, uint32_t *out)
{
	if (nla_len(a) != 4)
		return -EINVAL;
	*out = nla_get_u32(a);
	return 0;
}

int dcx_msg_parse_space(struct nlmsghdr *nlh, struct dcx_uspace *s)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1], *a, *n;
	uint32_t u;
	int rem, len;

	memset(s, 0, sizeof(*s));
	if (dcx_top(nlh, tb) || !tb[DCXLAT_A_SPACE_CFG])
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
			if (dcx_get_u32(a, &s->id))
				return -EINVAL;
			break;
		case DCXLAT_SPACE_PREFIX:
			if (dcx_get_prefix(a, &s->prefix.addr, 16,
					   &s->prefix.len))
				return -EINVAL;
			s->has_prefix = s->prefix.len != 0;
			break;
		case DCXLAT_SPACE_TABLE:
			if (dcx_get_u32(a, &s->table))
				return -EINVAL;
			break;
		case DCXLAT_SPACE_VRF:
			if (dcx_get_u32(a, &u))
				return -EINVAL;
			s->vrf_ifindex = (int)u;
			break;
		case DCXLAT_SPACE_EAM_COUNT:
			if (dcx_get_u32(a, &s->eam_count))
				return -EINVAL;
			s->has_eam_count = true;
			break;
		case DCXLAT_SPACE_BIND:
			if (dcx_get_bind(a, s))
				return -EINVAL;
			break;
		case DCXLAT_SPACE_STATS:
			s->stats = calloc(1, sizeof(*s->stats));
			if (!s->stats)
				return -ENOMEM;
			nla_for_each_nested(n, a, len) {
				int t = nla_type(n);

				if (t == DCXLAT_STATS_PAD || t >= DCX_STATS_MAX)
					continue;
				if (nla_len(n) != 8)
					return -EINVAL;
				s->stats->present[t] = true;
				s->stats->val[t] = nla_get_u64(n);
			}
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

int dcx_msg_eam_index(const struct nlmsghdr *req, uint32_t off)
{
	const unsigned char *base = (const unsigned char *)req;
	uint32_t pos = NLMSG_HDRLEN + GENL_HDRLEN;
	const struct nlattr *a;
	int idx = 0;

	while (pos + NLA_HDRLEN <= req->nlmsg_len) {
		a = (const struct nlattr *)(base + pos);
		if (a->nla_len < NLA_HDRLEN || pos + a->nla_len > req->nlmsg_len)
			return -1;
		if ((a->nla_type & NLA_TYPE_MASK) == DCXLAT_A_EAM) {
			if (off >= pos && off < pos + a->nla_len)
				return idx;
			idx++;
		}
		pos += NLA_ALIGN(a->nla_len);
	}
	return -1;
}
