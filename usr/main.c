// SPDX-License-Identifier: GPL-2.0
/*
 * dcxlat: configure the dcxlat stateless IPv4/IPv6 translator. The glue
 * and nothing else: parse the command line (args.c), answer help and
 * version, enter the netns, open the socket, run the command's row of
 * the table (cmd.h), turn the result into a message and an exit code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uapi/dcxlat.h"
#include "args.h"
#include "cmd.h"
#include "err.h"
#include "format.h"
#include "help.h"
#include "netns.h"
#include "nl.h"

static const char *const dcx_env_skip = "DCXLAT_NO_USER_CHECKS";
static const char *const dcx_env_abi = "DCXLAT_TEST_ABI";

/* One command of the table, with e and *usage cleared first. */
static int dcx_run(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	const struct dcx_cmd *c = dcx_cmd_find(a->obj, a->cmd);

	dcx_err_clear(e);
	*usage = false;
	if (!c)
		return dcx_err_set(e, -EINVAL, "internal error: no command");
	return c->run(a, nl, usage, e);
}

/* DCXLAT_TEST_ABI overrides the ABI sent, to test the kernel's refusal. */
static int dcx_abi_from_env(uint32_t *abi, char *err, size_t errlen)
{
	const char *s = getenv(dcx_env_abi);
	unsigned long v;
	char *end;

	*abi = DCXLAT_ABI_VERSION;
	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > UINT32_MAX) {
		snprintf(err, errlen, "%s=\"%s\" is not a number", dcx_env_abi,
			 s);
		return -1;
	}
	*abi = (uint32_t)v;
	return 0;
}

int main(int argc, char **argv)
{
	struct dcx_nl nl = { NULL, 0, DCXLAT_ABI_VERSION };
	const char *skip = getenv(dcx_env_skip);
	bool usage = false;
	struct dcx_args a;
	struct dcx_err e;
	char err[512];
	int r, fail;

	dcx_args_init(&a);
	a.skip_checks = skip && *skip && strcmp(skip, "0");
	if (dcx_args_parse(&a, argc, argv, err, sizeof(err)) ||
	    dcx_abi_from_env(&nl.abi, err, sizeof(err))) {
		fprintf(stderr, "dcxlat: %s\n", err);
		return DCX_EXIT_USAGE;
	}
	if (a.cmd == DCX_CMD_HELP) {
		dcx_help(stdout, a.obj);
		return DCX_EXIT_OK;
	}
	if (a.cmd == DCX_CMD_VERSION) {
		dcx_version(stdout);
		return DCX_EXIT_OK;
	}
	/* diff answers 1 for "different": its trouble is 2, as diff(1). */
	fail = a.obj == DCX_OBJ_DIFF ? DCX_EXIT_USAGE : DCX_EXIT_RUNTIME;
	if (a.netns && dcx_netns_enter(a.netns, err, sizeof(err))) {
		fprintf(stderr, "dcxlat: %s\n", err);
		return fail;
	}
	if (dcx_nl_open(&nl, &e)) {
		fprintf(stderr, "dcxlat: %s\n", e.msg);
		return fail;
	}
	r = dcx_run(&a, &nl, &usage, &e);
	dcx_nl_close(&nl);
	if (r == DCX_RUN_NO && !fflush(stdout))
		return DCX_EXIT_RUNTIME;
	if (r) {
		fprintf(stderr, "dcxlat: %s\n", e.msg);
		return usage ? DCX_EXIT_USAGE : DCX_EXIT_RUNTIME;
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "dcxlat: cannot write the output: %s\n",
			strerror(errno));
		return DCX_EXIT_RUNTIME;
	}
	return DCX_EXIT_OK;
}
