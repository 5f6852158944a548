/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's refusals decoded without a socket: the errno, its extack
 * message, and the attribute of the request it points at, as one
 * sentence in a struct dcx_err (err.h). Unit-tested on hand-made
 * messages.
 */
#ifndef DCXLAT_USR_MSG_ERR_H
#define DCXLAT_USR_MSG_ERR_H

#include <netlink/msg.h>
#include "err.h"

/*
 * nlh is an NLMSG_ERROR or an NLMSG_DONE carrying an error; req is the
 * request it answers (to name the attribute an offset points at), or NULL.
 * Fills e; returns e->code.
 */
int dcx_msg_decode_err(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		       struct dcx_err *e);

#endif /* DCXLAT_USR_MSG_ERR_H */
