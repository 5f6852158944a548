/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's refusals decoded without a socket: the errno, its extack
 * message, and the attribute of the request it points at, as one
 * sentence in a struct dcx_err (err.h); the message carrying a refusal's
 * whole text (DCXLAT_A_ERROR) recognised. Unit-tested on hand-made
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
/*
 * The same, with the whole text of the refusal the kernel sent before its
 * ack (dcx_msg_err_text()), or NULL: it replaces the extack message, which
 * the kernel cuts at 80 bytes or, before Linux 6.2, makes generic.
 */
int dcx_msg_decode_err_text(const struct nlmsghdr *nlh,
			    const struct nlmsghdr *req, const char *text,
			    struct dcx_err *e);
/*
 * nlh is the message a refusal's whole text comes in (uapi "Errors": only
 * DCXLAT_A_ERROR, NUL-terminated): copy it into buf (len bytes, cut there)
 * and return true; any other message: false, buf untouched.
 */
bool dcx_msg_err_text(const struct nlmsghdr *nlh, char *buf, size_t len);

#endif /* DCXLAT_USR_MSG_ERR_H */
