/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a notification of the "config" group says changed (event.c), for
 * `dcxlat monitor`: one text line and one JSON object per event, naming
 * the instance and, as the message carries them (uapi "Notifications"),
 * the space, the EAM entries and their count, the settings keys with
 * their old and new values, the old and new pool6, a space's attributes
 * or a binding (and, for a device event, its state old -> new). Pure:
 * parses a message, no socket (unit-tested).
 */
#ifndef DCXLAT_USR_EVENT_H
#define DCXLAT_USR_EVENT_H

#include <stdio.h>
#include <json-c/json.h>
#include <netlink/msg.h>

/*
 * The event nlh as one line ("pool6 set NAME OLD -> NEW") into text and,
 * when o is not NULL, as the fields of o (dcx_json_event()'s object plus
 * the detail). 0, or -EINVAL for a message this CLI cannot read.
 */
int dcx_event_render(struct nlmsghdr *nlh, char *text, size_t len,
		     json_object *o);

#endif /* DCXLAT_USR_EVENT_H */
