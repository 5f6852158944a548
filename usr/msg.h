/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dcxlat netlink messages without a socket, the part every object uses:
 * the request header (family, command, ABI, instance, space) and the
 * attribute codecs shared by the objects (nested prefixes, u32, counter
 * sets). The objects' own attributes are in msg_<object>.c. Replies are
 * parsed defensively: a malformed attribute is an error, an unknown one
 * is skipped (a newer module may add attributes and counters).
 */
#ifndef DCXLAT_USR_MSG_H
#define DCXLAT_USR_MSG_H

#include <stdint.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include "format.h"

/*
 * A request for family/cmd carrying DCXLAT_A_ABI = abi, then name and
 * pool6 when not NULL. nlm_flags: extra NLM_F_* (NLM_F_DUMP for dumps).
 * Returns NULL when out of memory.
 */
struct nl_msg *dcx_msg_request(int family, uint8_t cmd, int nlm_flags,
			       uint32_t abi, const char *name,
			       const struct dcx_uprefix *pool6);

/*
 * A request with ABI, INSTANCE (if inst) and SPACE (if space), with room
 * for DCX_MSG_SIZE bytes: bulk EAM requests fill up to DCX_EAM_BATCH.
 */
#define DCX_MSG_SIZE (260 * 1024)
struct nl_msg *dcx_msg_new(int family, uint8_t cmd, int nlm_flags,
			   uint32_t abi, const char *inst, const char *space);

/* A nested DCXLAT_PREFIX_ADDR (alen bytes) + DCXLAT_PREFIX_LEN. */
int dcx_msg_put_prefix(struct nl_msg *m, int type, const void *addr,
		       int alen, unsigned int len);
/* The same read back; -EINVAL when malformed or len > alen * 8. */
int dcx_msg_get_prefix(struct nlattr *a, void *addr, int alen,
		       unsigned int *len);
int dcx_msg_get_u32(struct nlattr *a, uint32_t *out);
/* A nest of u64 counters by type into out (pad and unknown types skipped). */
int dcx_msg_get_counters(struct nlattr *nest, struct dcx_stats_info *out);
/* The generic netlink header and the top-level attributes of nlh. */
int dcx_msg_top(struct nlmsghdr *nlh, struct nlattr **tb);

#endif /* DCXLAT_USR_MSG_H */
