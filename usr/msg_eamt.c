// SPDX-License-Identifier: GPL-2.0
/*
 * EAM entries in messages (see msg_eamt.h). An entry is a DCXLAT_A_EAM
 * nest of two prefix nests and, for a remote entry, the DCXLAT_EAM_REMOTE
 * flag; an EAM request holds many at the top level.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg.h"
#include "msg_eamt.h"

int dcx_msg_put_eam(struct nl_msg *m, const struct dcx_ueam *e, int which)
{
	struct nlattr *n = nla_nest_start(m, DCXLAT_A_EAM | NLA_F_NESTED);

	if (!n)
		return -EMSGSIZE;
	if (which != 6 && dcx_msg_put_prefix(m, DCXLAT_EAM_PREFIX4, &e->p4.addr,
					 4, e->p4.len))
		return -EMSGSIZE;
	if (which != 4 && dcx_msg_put_prefix(m, DCXLAT_EAM_PREFIX6, &e->p6.addr,
					 16, e->p6.len))
		return -EMSGSIZE;
	/* Only with both prefixes (ADD): a local entry sends no flag. */
	if (which == 46 && e->remote && nla_put_flag(m, DCXLAT_EAM_REMOTE))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

static int dcx_get_eam(struct nlattr *a, struct dcx_ueam *e)
{
	struct nlattr *tb[DCXLAT_EAM_MAX + 1];

	memset(e, 0, sizeof(*e));
	if (nla_parse_nested(tb, DCXLAT_EAM_MAX, a, NULL) ||
	    !tb[DCXLAT_EAM_PREFIX4] || !tb[DCXLAT_EAM_PREFIX6] ||
	    dcx_msg_get_prefix(tb[DCXLAT_EAM_PREFIX4], &e->p4.addr, 4,
			   &e->p4.len) ||
	    dcx_msg_get_prefix(tb[DCXLAT_EAM_PREFIX6], &e->p6.addr, 16,
			   &e->p6.len))
		return -EINVAL;
	e->remote = tb[DCXLAT_EAM_REMOTE] != NULL;
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
