/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dcxlat netlink messages without a socket: build requests, parse replies
 * and notifications, and turn an error (with its extack TLVs) into a
 * sentence for the user. Unit-testable on hand-made messages.
 */
#ifndef DCXLAT_USR_MSG_H
#define DCXLAT_USR_MSG_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>
#include "format.h"

struct dcx_err {
	int code;		/* negative errno; 0 = no error */
	char msg[512];		/* for the user, without the "dcxlat: " */
	bool has_offs;		/* the kernel pointed at a request attribute */
	uint32_t offs;		/* its byte offset in the request */
	int eam_index;		/* the DCXLAT_A_EAM it is in (from 0), or -1 */
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

/* ---- configuration objects (msg_cfg.c) ---- */
struct dcx_ueam;
struct dcx_settings;
struct dcx_uspace;
struct dcx_ubind;

/*
 * A request with ABI, INSTANCE (if inst) and SPACE (if space), with room
 * for DCX_MSG_SIZE bytes: bulk EAM requests fill up to DCX_EAM_BATCH.
 */
#define DCX_MSG_SIZE (260 * 1024)
#define DCX_EAM_BATCH (256 * 1024)
struct nl_msg *dcx_msg_new(int family, uint8_t cmd, int nlm_flags,
			   uint32_t abi, const char *inst, const char *space);
/* One DCXLAT_A_EAM: which = 4, 6 or 46 (both prefixes). */
int dcx_msg_put_eam(struct nl_msg *m, const struct dcx_ueam *e, int which);
/* DCXLAT_A_SETTINGS with every present value. */
int dcx_msg_put_settings(struct nl_msg *m, const struct dcx_settings *s);
/*
 * DCXLAT_A_SPACE_CFG: NAME always; ID, PREFIX, TABLE, VRF when the
 * matching flag of mask is set (DCX_SP_*). A PREFIX of length 0 unsets.
 */
#define DCX_SP_ID	0x1
#define DCX_SP_PREFIX	0x2
#define DCX_SP_TABLE	0x4
#define DCX_SP_VRF	0x8
int dcx_msg_put_space(struct nl_msg *m, const struct dcx_uspace *s,
		      unsigned int mask);
int dcx_msg_put_bind(struct nl_msg *m, const struct dcx_ubind *b);

/* SETTINGS_GET reply. */
int dcx_msg_parse_settings(struct nlmsghdr *nlh, struct dcx_settings *s);
/* EAMT_GET dump message: fn for each entry. */
int dcx_msg_parse_eams(struct nlmsghdr *nlh,
		       int (*fn)(const struct dcx_ueam *e, void *arg),
		       void *arg);
/* SPACE_GET reply or dump message (bindings carry ifindexes). */
int dcx_msg_parse_space(struct nlmsghdr *nlh, struct dcx_uspace *s);
/* Index (0-based) of the DCXLAT_A_EAM of req containing offset off, or -1. */
int dcx_msg_eam_index(const struct nlmsghdr *req, uint32_t off);

#endif /* DCXLAT_USR_MSG_H */
