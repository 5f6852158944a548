/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CLI's one error convention: a negative errno and a sentence for
 * the user (without the "dcxlat: " main adds), plus where in a request
 * the kernel pointed. Every function that talks to the kernel fills a
 * struct dcx_err and returns e->code.
 */
#ifndef DCXLAT_USR_ERR_H
#define DCXLAT_USR_ERR_H

#include <stdbool.h>
#include <stdint.h>

struct dcx_err {
	int code;		/* negative errno; 0 = no error */
	char msg[512];		/* for the user, without the "dcxlat: " */
	bool has_offs;		/* the kernel pointed at a request attribute */
	uint32_t offs;		/* its byte offset in the request */
	int eam_index;		/* the DCXLAT_A_EAM it is in (from 0), or -1 */
};

/* No error yet (eam_index -1). */
void dcx_err_clear(struct dcx_err *e);
/* code and a printf message into e; returns code. */
int dcx_err_set(struct dcx_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefix e->msg with "what: "; returns e->code. */
int dcx_err_blame(struct dcx_err *e, const char *what);
/* What e->code means when the kernel gave no message. */
void dcx_err_default(struct dcx_err *e);

#endif /* DCXLAT_USR_ERR_H */
