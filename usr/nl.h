/* SPDX-License-Identifier: GPL-2.0 */
/* The dcxlat generic netlink socket: one request, its replies, its ack. */
#ifndef DCXLAT_USR_NL_H
#define DCXLAT_USR_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msg.h"

struct nl_sock;

struct dcx_nl {
	struct nl_sock *sk;
	int family;
	uint32_t abi;		/* sent as DCXLAT_A_ABI in every request */
};

/* Socket buffers: room for a bulk EAM message (DCX_EAM_BATCH_BYTES). */
#define DCX_NL_SNDBUF (1 << 20)

/* All return 0 or a negative errno with e filled for the user. */
int dcx_nl_open(struct dcx_nl *nl, struct dcx_err *e);
void dcx_nl_close(struct dcx_nl *nl);

/* A change: INSTANCE_ADD/DEL, POOL6_SET (pool6 != NULL)/FLUSH, STATS_RESET. */
int dcx_nl_change(struct dcx_nl *nl, uint8_t cmd, const char *name,
		  const struct dcx_uprefix *pool6, struct dcx_err *e);
/* INSTANCE_GET or POOL6_GET of one instance. */
int dcx_nl_get_inst(struct dcx_nl *nl, uint8_t cmd, const char *name,
		    struct dcx_inst_info *out, struct dcx_err *e);
/* Every instance of the netns; *v is malloc'ed, free it. */
int dcx_nl_dump_inst(struct dcx_nl *nl, struct dcx_inst_info **v, size_t *n,
		     struct dcx_err *e);
int dcx_nl_get_stats(struct dcx_nl *nl, const char *name,
		     struct dcx_stats_info *out, struct dcx_err *e);
/* Calls fn for each notification until fn returns non-zero or an error. */
int dcx_nl_monitor(struct dcx_nl *nl,
		   int (*fn)(const struct dcx_event *ev, void *arg), void *arg,
		   struct dcx_err *e);

/*
 * Send m (consumed) and read until it is answered: fn (may be NULL) gets
 * every reply message. interrupted (may be NULL): a dump message carried
 * NLM_F_DUMP_INTR (the dump was still read to its end).
 */
struct nlmsghdr;
int dcx_nl_request(struct dcx_nl *nl, struct nl_msg *m,
		   int (*fn)(struct nlmsghdr *nlh, void *arg), void *arg,
		   bool *interrupted, struct dcx_err *e);

#endif /* DCXLAT_USR_NL_H */
