// SPDX-License-Identifier: GPL-2.0
/*
 * Errors for the user (see err.h): set, prefix with the field or line
 * they concern, or say what a bare errno means for dcxlat.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "err.h"

void dcx_err_clear(struct dcx_err *e)
{
	memset(e, 0, sizeof(*e));
	e->eam_index = -1;
}

int dcx_err_set(struct dcx_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int dcx_err_blame(struct dcx_err *e, const char *what)
{
	size_t w = strlen(what) + 2, l = strlen(e->msg);

	if (w >= sizeof(e->msg))
		return e->code;
	if (l + w >= sizeof(e->msg))
		l = sizeof(e->msg) - w - 1;
	memmove(e->msg + w, e->msg, l);
	e->msg[w + l] = '\0';
	memcpy(e->msg, what, w - 2);
	memcpy(e->msg + w - 2, ": ", 2);
	return e->code;
}

void dcx_err_default(struct dcx_err *e)
{
	switch (e->code) {
	case -EPERM:
		snprintf(e->msg, sizeof(e->msg),
			 "permission denied: dcxlat needs CAP_NET_ADMIN in the user namespace that owns this network namespace");
		break;
	case -ENOENT:
		snprintf(e->msg, sizeof(e->msg), "no such instance");
		break;
	case -EEXIST:
		snprintf(e->msg, sizeof(e->msg), "the instance already exists");
		break;
	case -EPROTO:
		snprintf(e->msg, sizeof(e->msg),
			 "the kernel module speaks a different netlink ABI");
		break;
	case -EOPNOTSUPP:
		snprintf(e->msg, sizeof(e->msg),
			 "the kernel module does not know this command (is it older than the CLI?)");
		break;
	default:
		snprintf(e->msg, sizeof(e->msg), "%s", strerror(-e->code));
	}
}
