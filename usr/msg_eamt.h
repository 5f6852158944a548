/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EAM entries in dcxlat messages: DCXLAT_A_EAM built, EAMT_GET dumps
 * parsed, and an extack offset traced back to the entry it points into.
 * No socket (unit-tested).
 */
#ifndef DCXLAT_USR_MSG_EAMT_H
#define DCXLAT_USR_MSG_EAMT_H

#include <stdint.h>
#include <netlink/msg.h>
#include "eam.h"

/* Bulk EAM requests are filled up to this many bytes (< DCX_MSG_SIZE). */
#define DCX_EAM_BATCH (256 * 1024)

/* One DCXLAT_A_EAM: which = 4, 6 or 46 (both prefixes). */
int dcx_msg_put_eam(struct nl_msg *m, const struct dcx_ueam *e, int which);
/* EAMT_GET dump message: fn for each entry. */
int dcx_msg_parse_eams(struct nlmsghdr *nlh,
		       int (*fn)(const struct dcx_ueam *e, void *arg),
		       void *arg);
/* Index (0-based) of the DCXLAT_A_EAM of req containing offset off, or -1. */
int dcx_msg_eam_index(const struct nlmsghdr *req, uint32_t off);

#endif /* DCXLAT_USR_MSG_EAMT_H */
