// SPDX-License-Identifier: GPL-2.0
/*
 * dcxlat: configure the dcxlat stateless IPv4/IPv6 translator.
 * Parse the command line, enter the netns, run one command, print.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uapi/dcxlat.h"
#include "args.h"
#include "format.h"
#include "help.h"
#include "netns.h"
#include "nl.h"
#include "cmd_cfg.h"

static const char *const dcx_env_skip = "DCXLAT_NO_USER_CHECKS";
static const char *const dcx_env_abi = "DCXLAT_TEST_ABI";

static int dcx_out(const struct dcx_args *a, json_object *j)
{
	return dcx_json_print(stdout, j, a->pretty);
}

static int dcx_show_instances(const struct dcx_args *a, struct dcx_nl *nl,
			      struct dcx_err *e)
{
	struct dcx_inst_info one, *v = &one;
	size_t n = 1;
	int r;

	memset(&one, 0, sizeof(one));
	if (a->name)
		r = dcx_nl_get_inst(nl, DCXLAT_CMD_INSTANCE_GET, a->name, &one,
				    e);
	else
		r = dcx_nl_dump_inst(nl, &v, &n, e);
	if (r)
		return r;
	if (a->json)
		dcx_out(a, dcx_json_instances(v, n));
	else
		dcx_text_instances(stdout, v, n);
	if (v != &one)
		free(v);
	return 0;
}

static int dcx_show_pool6(const struct dcx_args *a, struct dcx_nl *nl,
			  struct dcx_err *e)
{
	struct dcx_inst_info inst;
	int r;

	memset(&inst, 0, sizeof(inst));
	r = dcx_nl_get_inst(nl, DCXLAT_CMD_POOL6_GET, a->name, &inst, e);
	if (r)
		return r;
	if (a->json)
		dcx_out(a, dcx_json_pool6(&inst));
	else
		dcx_text_pool6(stdout, &inst);
	return 0;
}

static int dcx_show_stats(const struct dcx_args *a, struct dcx_nl *nl,
			  struct dcx_err *e)
{
	struct dcx_stats_info *s = malloc(sizeof(*s));
	int r;

	if (!s) {
		e->code = -ENOMEM;
		snprintf(e->msg, sizeof(e->msg), "out of memory");
		return e->code;
	}
	r = dcx_nl_get_stats(nl, a->name, s, e);
	if (!r) {
		if (a->json)
			dcx_out(a, dcx_json_stats(s));
		else
			dcx_text_stats(stdout, s, a->verbose);
	}
	free(s);
	return r;
}

struct dcx_mon_ctx {
	const struct dcx_args *a;
};

static int dcx_print_event(const struct dcx_event *ev, void *arg)
{
	const struct dcx_args *a = ((struct dcx_mon_ctx *)arg)->a;

	if (a->name && strcmp(a->name, ev->inst.name))
		return 0;
	if (a->json)
		dcx_out(a, dcx_json_event(ev));
	else
		dcx_text_event(stdout, ev);
	/* Readers are often pipes: one line per event, now. */
	if (fflush(stdout))
		return -EPIPE;
	return 0;
}

static int dcx_run(const struct dcx_args *a, struct dcx_nl *nl,
		   struct dcx_err *e)
{
	struct dcx_mon_ctx mon = { a };
	static const struct {
		enum dcx_obj obj;
		enum dcx_verb verb;
		uint8_t cmd;
	} changes[] = {
		{ DCX_OBJ_INSTANCE, DCX_CMD_ADD, DCXLAT_CMD_INSTANCE_ADD },
		{ DCX_OBJ_INSTANCE, DCX_CMD_DEL, DCXLAT_CMD_INSTANCE_DEL },
		{ DCX_OBJ_POOL6, DCX_CMD_SET, DCXLAT_CMD_POOL6_SET },
		{ DCX_OBJ_POOL6, DCX_CMD_FLUSH, DCXLAT_CMD_POOL6_FLUSH },
		{ DCX_OBJ_STATS, DCX_CMD_RESET, DCXLAT_CMD_STATS_RESET },
	};
	size_t i;

	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		if (changes[i].obj == a->obj && changes[i].verb == a->cmd)
			return dcx_nl_change(nl, changes[i].cmd, a->name,
					     a->cmd == DCX_CMD_SET ?
					     &a->prefix : NULL, e);
	switch (a->obj) {
	case DCX_OBJ_INSTANCE:
		return dcx_show_instances(a, nl, e);
	case DCX_OBJ_POOL6:
		return dcx_show_pool6(a, nl, e);
	case DCX_OBJ_STATS:
		return dcx_show_stats(a, nl, e);
	case DCX_OBJ_MONITOR:
		return dcx_nl_monitor(nl, dcx_print_event, &mon, e);
	default:
		e->code = -EINVAL;
		snprintf(e->msg, sizeof(e->msg), "internal error: no command");
		return e->code;
	}
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
	int r;

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
	if (a.netns && dcx_netns_enter(a.netns, err, sizeof(err))) {
		fprintf(stderr, "dcxlat: %s\n", err);
		return DCX_EXIT_RUNTIME;
	}
	if (dcx_nl_open(&nl, &e)) {
		fprintf(stderr, "dcxlat: %s\n", e.msg);
		return DCX_EXIT_RUNTIME;
	}
	if (a.obj >= DCX_OBJ_EAMT)
		r = dcx_cmd_cfg(&a, &nl, &usage, &e);
	else
		r = dcx_run(&a, &nl, &e);
	dcx_nl_close(&nl);
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
