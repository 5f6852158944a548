// SPDX-License-Identifier: GPL-2.0
/* Instance, pool6, stats and event messages parsed (see msg_instance.h). */
#include <errno.h>
#include <string.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg.h"
#include "msg_instance.h"

static int dcx_parse_name(struct nlattr *a, char *name)
{
	int len;

	if (!a)
		return -EINVAL;
	len = nla_len(a);
	if (len < 2 || len > DCXLAT_NAME_MAX ||
	    ((char *)nla_data(a))[len - 1] != '\0' ||
	    strlen(nla_data(a)) != (size_t)len - 1)
		return -EINVAL;
	memcpy(name, nla_data(a), (size_t)len);
	return 0;
}

static int dcx_parse_pool6(struct nlattr *a, struct dcx_inst_info *out)
{
	out->has_pool6 = false;
	if (!a)
		return 0;
	if (dcx_msg_get_prefix(a, &out->pool6.addr, sizeof(out->pool6.addr),
			       &out->pool6.len))
		return -EINVAL;
	out->has_pool6 = true;
	return 0;
}

int dcx_msg_parse_inst(struct nlmsghdr *nlh, struct dcx_inst_info *out)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1];

	memset(out, 0, sizeof(*out));
	if (dcx_msg_top(nlh, tb) || dcx_parse_name(tb[DCXLAT_A_INSTANCE],
						   out->name))
		return -EINVAL;
	return dcx_parse_pool6(tb[DCXLAT_A_POOL6], out);
}

int dcx_msg_parse_stats(struct nlmsghdr *nlh, struct dcx_stats_info *out)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1];

	memset(out, 0, sizeof(*out));
	if (dcx_msg_top(nlh, tb) || dcx_parse_name(tb[DCXLAT_A_INSTANCE],
						   out->name) ||
	    !tb[DCXLAT_A_STATS])
		return -EINVAL;
	return dcx_msg_get_counters(tb[DCXLAT_A_STATS], out);
}

int dcx_msg_parse_event(struct nlmsghdr *nlh, struct dcx_event *out)
{
	memset(out, 0, sizeof(*out));
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	out->cmd = ((struct genlmsghdr *)nlmsg_data(nlh))->cmd;
	return dcx_msg_parse_inst(nlh, &out->inst);
}
