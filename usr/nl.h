/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dcxlat generic netlink socket: open it, send one request, read its
 * replies and its ack. Knows no object: callers build the messages
 * (msg*.h) and parse the replies. Every function returns 0 or a negative
 * errno with e filled for the user (err.h).
 */
#ifndef DCXLAT_USR_NL_H
#define DCXLAT_USR_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netlink/msg.h>
#include "err.h"

struct nl_sock;

struct dcx_nl {
	struct nl_sock *sk;
	int family;
	uint32_t abi;		/* sent as DCXLAT_A_ABI in every request */
};

/* Socket buffers: room for a bulk EAM message (DCX_EAM_BATCH). */
#define DCX_NL_SNDBUF (1 << 20)

int dcx_nl_open(struct dcx_nl *nl, struct dcx_err *e);
void dcx_nl_close(struct dcx_nl *nl);

/*
 * Send m (consumed) and read until it is answered: fn (may be NULL) gets
 * every reply message. interrupted (may be NULL): a dump message carried
 * NLM_F_DUMP_INTR (the dump was still read to its end).
 */
int dcx_nl_request(struct dcx_nl *nl, struct nl_msg *m,
		   int (*fn)(struct nlmsghdr *nlh, void *arg), void *arg,
		   bool *interrupted, struct dcx_err *e);
/* The same without replies: a change, answered by its ack. */
int dcx_nl_send(struct dcx_nl *nl, struct nl_msg *m, struct dcx_err *e);
/*
 * Send m, which must be answered by exactly one reply, parsed into out.
 * m NULL: its builder failed, e says why.
 */
int dcx_nl_get_one(struct dcx_nl *nl, struct nl_msg *m,
		   int (*parse)(struct nlmsghdr *nlh, void *out), void *out,
		   struct dcx_err *e);

/* m, or "out of memory" in e when m is NULL (a builder failed). */
struct nl_msg *dcx_nl_msg(struct nl_msg *m, struct dcx_err *e);
/* dcx_msg_new for this socket (family, ABI), or NULL with e. */
struct nl_msg *dcx_nl_new(struct dcx_nl *nl, uint8_t cmd, int flags,
			  const char *inst, const char *space,
			  struct dcx_err *e);
/* Free m, which an attribute did not fit in; -EMSGSIZE in e. */
int dcx_nl_toobig(struct nl_msg *m, struct dcx_err *e);
/* A request of cmd with only instance and space (NULL: none) in it. */
int dcx_nl_simple(struct dcx_nl *nl, uint8_t cmd, const char *inst,
		  const char *space, struct dcx_err *e);

#endif /* DCXLAT_USR_NL_H */
