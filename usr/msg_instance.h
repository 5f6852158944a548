/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replies and notifications about instances (INSTANCE_GET, POOL6_GET,
 * STATS_GET, the config multicast group), parsed without a socket.
 * Requests are dcx_msg_request (msg.h).
 */
#ifndef DCXLAT_USR_MSG_INSTANCE_H
#define DCXLAT_USR_MSG_INSTANCE_H

#include <netlink/msg.h>
#include "format.h"

/* Return 0, or -EINVAL for a malformed message. */
int dcx_msg_parse_inst(struct nlmsghdr *nlh, struct dcx_inst_info *out);
int dcx_msg_parse_stats(struct nlmsghdr *nlh, struct dcx_stats_info *out);
int dcx_msg_parse_event(struct nlmsghdr *nlh, struct dcx_event *out);

#endif /* DCXLAT_USR_MSG_INSTANCE_H */
