/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instance settings in dcxlat messages (DCXLAT_A_SETTINGS), built and
 * parsed from the settings table (settings.h). No socket (unit-tested).
 */
#ifndef DCXLAT_USR_MSG_SETTINGS_H
#define DCXLAT_USR_MSG_SETTINGS_H

#include <netlink/msg.h>
#include "settings.h"

/* DCXLAT_A_SETTINGS with every present value. */
int dcx_msg_put_settings(struct nl_msg *m, const struct dcx_settings *s);
/* SETTINGS_GET reply; unknown settings (a newer module) are skipped. */
int dcx_msg_parse_settings(struct nlmsghdr *nlh, struct dcx_settings *s);
/* The same from a nest of settings (e.g. DCXLAT_A_OLD_SETTINGS). */
int dcx_msg_parse_settings_nest(struct nlattr *nest, struct dcx_settings *s);

#endif /* DCXLAT_USR_MSG_SETTINGS_H */
