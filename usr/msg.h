/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dcxlat netlink messages without a socket: build requests, parse replies
 * and notifications, and turn an error (with its extack TLVs) into a
 * sentence for the user. Unit-testable on hand-made messages.
 */
#ifndef DCXLAT_USR_MSG_H
#define DCXLAT_USR_MSG_H

#include <stdint.h>
#include <netlink/msg.h>
#include "format.h"

struct dcx_err {
	int code;		/* negative errno; 0 = no error */
	char msg[512];		/* for the user, without the "dcxlat: " */
};

/*
 * A request for family/cmd carrying DCXLAT_A_ABI = abi, then name and
 * pool6 when not NULL. nlm_flags: extra NLM_F_* (NLM_F_DUMP for dumps).
 * Returns NULL when out of memory.
 */
struct nl_msg *dcx_msg_request(int family, uint8_t cmd, int nlm_flags,
			       uint32_t abi, const char *name,
			       const struct dcx_uprefix *pool6);

/* Replies and notifications. Return 0, or -EINVAL for a malformed one. */
int dcx_msg_parse_inst(struct nlmsghdr *nlh, struct dcx_inst_info *out);
int dcx_msg_parse_stats(struct nlmsghdr *nlh, struct dcx_stats_info *out);
int dcx_msg_parse_event(struct nlmsghdr *nlh, struct dcx_event *out);

/*
 * nlh is an NLMSG_ERROR or an NLMSG_DONE carrying an error; req is the
 * request it answers (to name the attribute an offset points at), or NULL.
 * Fills e; returns e->code.
 */
int dcx_msg_decode_err(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		       struct dcx_err *e);

/* What e->code means when the kernel gave no message. */
void dcx_err_default(struct dcx_err *e);

#endif /* DCXLAT_USR_MSG_H */
