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

/* One attribute at *p (header, data, zeroed padding); *p moves past it. */
static void dcx_eam_attr(unsigned char **p, int type, const void *data,
			 int len)
{
	struct nlattr *a = (struct nlattr *)*p;

	a->nla_type = (uint16_t)type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memset(*p + NLA_HDRLEN, 0, (size_t)NLA_ALIGN(len));
	if (len)
		memcpy(*p + NLA_HDRLEN, data, (size_t)len);
	*p += NLA_HDRLEN + NLA_ALIGN(len);
}

/* A prefix nest as dcx_msg_put_prefix() writes it. */
static void dcx_eam_prefix(unsigned char **p, int type, const void *addr,
			   int alen, uint8_t len)
{
	struct nlattr *n = (struct nlattr *)*p;

	*p += NLA_HDRLEN;
	dcx_eam_attr(p, DCXLAT_PREFIX_ADDR, addr, alen);
	dcx_eam_attr(p, DCXLAT_PREFIX_LEN, &len, 1);
	n->nla_type = (uint16_t)(type | NLA_F_NESTED);
	n->nla_len = (uint16_t)(*p - (unsigned char *)n);
}

/*
 * An entry of an ADD with one reservation instead of seven nla_put()s
 * (a bulk file of a million entries spends its time here); the same
 * bytes as nla_nest_start() + dcx_msg_put_prefix() x 2 + the flag
 * (test_cli_msgcfg.c compares them).
 */
static int dcx_msg_put_eam46(struct nl_msg *m, const struct dcx_ueam *e)
{
	int plen = NLA_HDRLEN + NLA_ALIGN(NLA_HDRLEN + 1);
	int len = 2 * plen + 2 * NLA_HDRLEN + 4 + 16 +
		  (e->remote ? NLA_HDRLEN : 0);
	struct nlattr *a = nla_reserve(m, DCXLAT_A_EAM | NLA_F_NESTED, len);
	unsigned char *p;

	if (!a)
		return -EMSGSIZE;
	p = nla_data(a);
	dcx_eam_prefix(&p, DCXLAT_EAM_PREFIX4, &e->p4.addr, 4, e->p4.len);
	dcx_eam_prefix(&p, DCXLAT_EAM_PREFIX6, &e->p6.addr, 16, e->p6.len);
	if (e->remote)
		dcx_eam_attr(&p, DCXLAT_EAM_REMOTE, NULL, 0);
	return 0;
}

int dcx_msg_put_eam(struct nl_msg *m, const struct dcx_ueam *e, int which)
{
	struct nlattr *n;

	if (which == 46)
		return dcx_msg_put_eam46(m, e);
	n = nla_nest_start(m, DCXLAT_A_EAM | NLA_F_NESTED);

	if (!n)
		return -EMSGSIZE;
	if (which != 6 && dcx_msg_put_prefix(m, DCXLAT_EAM_PREFIX4, &e->p4.addr,
					 4, e->p4.len))
		return -EMSGSIZE;
	if (which != 4 && dcx_msg_put_prefix(m, DCXLAT_EAM_PREFIX6, &e->p6.addr,
					 16, e->p6.len))
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
