/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The whole text of a refusal (nl_err.c). An extack message is at most
 * 80 bytes from 6.2 on (NETLINK_MAX_FMTMSG_LEN, longer ones are cut and
 * logged as "truncated extack") and only a constant string before, so
 * every formatted refusal (dcx_nl_errf(), behind NL_SET_ERR_MSG_FMT_MOD
 * and dcx_nl_why()) is also kept whole and sent to the requester in a
 * message of the request's command carrying DCXLAT_A_ERROR, queued before
 * the kernel's ack or NLMSG_DONE. The extack gets a short form: the text
 * when it fits, else its start and "..." (6.2+); a constant (before 6.2).
 *
 * Rule: the family is not parallel_ops, so genl_mutex serializes every
 * doit and dumpit and one slot holds the text of the running request.
 * netlink.c opens it in pre_doit and sends it in post_doit; every dumpit
 * runs through dcx_nl_dump_run().
 */
#ifndef DCX_NL_ERR_H
#define DCX_NL_ERR_H

#include <net/genetlink.h>

/* Behind NL_SET_ERR_MSG_FMT_MOD (compat.h): the text whole and short. */
__printf(2, 3)
void dcx_nl_errf(struct netlink_ext_ack *extack, const char *fmt, ...);

/* The longest whole text, NUL included. */
#define DCX_ERR_TEXT_LEN	256

/* The family the text messages are sent in (netlink.c). */
void dcx_nl_err_init(const struct genl_family *family);
/* A request with this extack starts: its refusal text goes to the slot. */
void dcx_nl_err_open(const struct netlink_ext_ack *extack);
/* The doit is done: send the whole text if it refused with one. */
void dcx_nl_err_reply(struct genl_info *info);
/* Run dumpit; on a refusal put its whole text before NLMSG_DONE. */
int dcx_nl_dump_run(struct sk_buff *skb, struct netlink_callback *cb,
		    int (*dumpit)(struct sk_buff *skb,
				  struct netlink_callback *cb));

#endif /* DCX_NL_ERR_H */
