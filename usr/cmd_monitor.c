// SPDX-License-Identifier: GPL-2.0
/*
 * The monitor (see cmd_monitor.h): join the config multicast group and
 * print every notification, one line each (event.c: what changed) and
 * flushed at once (readers are often pipes), until the output fails.
 * -i NAME filters.
 */
#include <errno.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include "uapi/dcxlat.h"
#include "cmd_monitor.h"
#include "event.h"
#include "format.h"
#include "msg_instance.h"
#include "nl.h"
#include "words.h"

int dcx_monitor_parse(struct dcx_args *a, int n, const char **w,
		      const char *ctx, char *err, size_t errlen)
{
	if (dcx_word_max(a, n, w, 0, "monitor", ctx, err, errlen))
		return -1;
	a->name = a->instance;	/* -i filters, no -i: every instance */
	return 0;
}

static int dcx_print_event(const struct dcx_args *a, struct nlmsghdr *nlh,
			   const struct dcx_event *ev)
{
	json_object *o = a->json ? json_object_new_object() : NULL;
	char line[1024];

	if (a->name && strcmp(a->name, ev->inst.name)) {
		json_object_put(o);
		return 0;
	}
	if (dcx_event_render(nlh, line, sizeof(line), o)) {
		json_object_put(o);
		return 0;	/* not ours to understand: skip it */
	}
	if (o)
		dcx_json_print(stdout, o, a->pretty);
	else
		printf("%s\n", line);
	/* Readers are often pipes: one line per event, now. */
	if (fflush(stdout))
		return -EPIPE;
	return 0;
}

struct dcx_mon {
	const struct dcx_args *a;
	int stop;
};

static int dcx_cb_event(struct nl_msg *msg, void *arg)
{
	struct dcx_mon *mon = arg;
	struct dcx_event ev;

	if (dcx_msg_parse_event(nlmsg_hdr(msg), &ev))
		return NL_SKIP;	/* not ours to understand: skip it */
	mon->stop = dcx_print_event(mon->a, nlmsg_hdr(msg), &ev);
	return mon->stop ? NL_STOP : NL_OK;
}

int dcx_monitor_run(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		    struct dcx_err *e)
{
	struct dcx_mon mon = { a, 0 };
	int grp, r;

	(void)usage;
	memset(e, 0, sizeof(*e));
	grp = genl_ctrl_resolve_grp(nl->sk, DCXLAT_GENL_NAME,
				    DCXLAT_MCGRP_CONFIG);
	if (grp < 0)
		return dcx_err_set(e, -ENOENT,
				   "the kernel module has no \"%s\" multicast group: %s",
				   DCXLAT_MCGRP_CONFIG, nl_geterror(grp));
	r = nl_socket_add_membership(nl->sk, grp);
	if (r == -NLE_PERM) {
		e->code = -EPERM;
		dcx_err_default(e);
		return e->code;
	}
	if (r)
		return dcx_err_set(e, -EIO,
				   "cannot join the \"%s\" multicast group: %s",
				   DCXLAT_MCGRP_CONFIG, nl_geterror(r));
	nl_socket_disable_seq_check(nl->sk);
	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, dcx_cb_event,
			    &mon);
	while (!mon.stop) {
		r = nl_recvmsgs_default(nl->sk);
		if (r < 0 && r != -NLE_INTR)
			return dcx_err_set(e, -EIO,
					   "cannot read notifications: %s",
					   nl_geterror(r));
	}
	return mon.stop < 0 ? mon.stop : 0;
}
