// SPDX-License-Identifier: GPL-2.0
/* Request headers and shared attribute codecs (see msg.h). */
#include <errno.h>
#include <string.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg.h"

/* m (NULL: out of memory) with the header, ABI and instance; else NULL. */
static struct nl_msg *dcx_msg_start(struct nl_msg *m, int family, uint8_t cmd,
				    int nlm_flags, uint32_t abi,
				    const char *inst)
{
	if (!m)
		return NULL;
	if (!genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, nlm_flags,
			 cmd, DCXLAT_GENL_VERSION) ||
	    nla_put_u32(m, DCXLAT_A_ABI, abi) ||
	    (inst && nla_put_string(m, DCXLAT_A_INSTANCE, inst))) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

struct nl_msg *dcx_msg_request(int family, uint8_t cmd, int nlm_flags,
			       uint32_t abi, const char *name,
			       const struct dcx_uprefix *pool6)
{
	struct nl_msg *m = dcx_msg_start(nlmsg_alloc(), family, cmd,
					 nlm_flags, abi, name);

	/* The kernel validates strictly: nests must say so. */
	if (m && pool6 && dcx_msg_put_prefix(m, DCXLAT_A_POOL6, &pool6->addr,
					     sizeof(pool6->addr), pool6->len)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

struct nl_msg *dcx_msg_new(int family, uint8_t cmd, int nlm_flags,
			   uint32_t abi, const char *inst, const char *space)
{
	struct nl_msg *m = dcx_msg_start(nlmsg_alloc_size(DCX_MSG_SIZE),
					 family, cmd, nlm_flags, abi, inst);

	if (m && space && nla_put_string(m, DCXLAT_A_SPACE, space)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

int dcx_msg_put_prefix(struct nl_msg *m, int type, const void *addr,
		       int alen, unsigned int len)
{
	struct nlattr *n = nla_nest_start(m, type | NLA_F_NESTED);

	if (!n || nla_put(m, DCXLAT_PREFIX_ADDR, alen, addr) ||
	    nla_put_u8(m, DCXLAT_PREFIX_LEN, (uint8_t)len))
		return -EMSGSIZE;
	nla_nest_end(m, n);
	return 0;
}

int dcx_msg_get_prefix(struct nlattr *a, void *addr, int alen,
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

int dcx_msg_get_u32(struct nlattr *a, uint32_t *out)
{
	if (nla_len(a) != 4)
		return -EINVAL;
	*out = nla_get_u32(a);
	return 0;
}

int dcx_msg_get_counters(struct nlattr *nest, struct dcx_stats_info *out)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		int t = nla_type(a);

		if (t == DCXLAT_STATS_PAD || t >= DCX_STATS_MAX)
			continue;
		if (nla_len(a) != sizeof(uint64_t))
			return -EINVAL;
		out->present[t] = true;
		out->val[t] = nla_get_u64(a);
	}
	return 0;
}

int dcx_msg_top(struct nlmsghdr *nlh, struct nlattr **tb)
{
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    genlmsg_parse(nlh, 0, tb, DCXLAT_A_MAX, NULL))
		return -EINVAL;
	return 0;
}
