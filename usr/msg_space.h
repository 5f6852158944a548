/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Spaces and bindings in dcxlat messages: DCXLAT_A_SPACE_CFG and
 * DCXLAT_A_BIND built, SPACE_GET replies parsed. No socket (unit-tested).
 */
#ifndef DCXLAT_USR_MSG_SPACE_H
#define DCXLAT_USR_MSG_SPACE_H

#include <netlink/msg.h>
#include "space.h"

/*
 * DCXLAT_A_SPACE_CFG: NAME always; ID, PREFIX, TABLE, VRF when the
 * matching flag of mask is set (DCX_SP_*). A PREFIX of length 0 unsets.
 */
int dcx_msg_put_space(struct nl_msg *m, const struct dcx_uspace *s,
		      unsigned int mask);
int dcx_msg_put_bind(struct nl_msg *m, const struct dcx_ubind *b);
/* SPACE_GET reply or dump message (bindings carry ifindexes). */
int dcx_msg_parse_space(struct nlmsghdr *nlh, struct dcx_uspace *s);

#endif /* DCXLAT_USR_MSG_SPACE_H */
