// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing (see args.h). Options may appear anywhere before
 * "--" (so both "dcxlat -j stats show" and "dcxlat stats show -j" work);
 * the remaining words are OBJECT, COMMAND and its arguments. OBJECT and
 * COMMAND are looked up in the command table (cmd.h), whose row parses
 * the arguments.
 */
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "cmd.h"
#include "name.h"
#include "words.h"

void dcx_args_init(struct dcx_args *a)
{
	memset(a, 0, sizeof(*a));
	a->obj = DCX_OBJ_NONE;
	a->cmd = DCX_CMD_HELP;
}

/* The value of -n/-i/--netns/--instance: attached, or the next word. */
static int dcx_opt_value(int argc, char *const argv[], int *i,
			 const char *attached, const char *opt,
			 const char **out, char *err, size_t errlen)
{
	if (attached && *attached) {
		*out = attached;
		return 0;
	}
	if (attached || *i + 1 >= argc) {
		snprintf(err, errlen, "option %s needs a value; try \"dcxlat help\"",
			 opt);
		return -1;
	}
	*out = argv[++*i];
	return 0;
}

struct dcx_flags {
	bool help;
	bool version;
};

static int dcx_long_opt(struct dcx_args *a, struct dcx_flags *f, int argc,
			char *const argv[], int *i, char *err, size_t errlen)
{
	const char *arg = argv[*i] + 2;
	const char *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
	const char *val = eq ? eq + 1 : NULL;
	static const char *const flags[] = {
		"json", "pretty", "verbose", "explain", "help", "version",
		"digest", NULL,
	};
	int k;

	for (k = 0; flags[k]; k++) {
		if (strlen(flags[k]) != n || strncmp(arg, flags[k], n))
			continue;
		if (eq) {
			snprintf(err, errlen, "option --%s takes no value",
				 flags[k]);
			return -1;
		}
		switch (k) {
		case 0:
			a->json = true;
			break;
		case 1:
			a->pretty = true;
			a->json = true;
			break;
		case 2:
		case 3:
			a->verbose = true;
			break;
		case 4:
			f->help = true;
			break;
		case 6:
			a->digest = true;
			break;
		default:
			f->version = true;
		}
		return 0;
	}
	if (n == 5 && !strncmp(arg, "netns", 5))
		return dcx_opt_value(argc, argv, i, val,
				     "--netns", &a->netns, err, errlen);
	if (n == 8 && !strncmp(arg, "instance", 8))
		return dcx_opt_value(argc, argv, i, val,
				     "--instance", &a->instance, err, errlen);
	if (n == 5 && !strncmp(arg, "check", 5) && !eq) {
		a->check = true;	/* apply --check */
		return 0;
	}
	if (n == 4 && !strncmp(arg, "file", 4))
		return dcx_opt_value(argc, argv, i, val,
				     "--file", &a->file, err, errlen);
	if (n == 6 && !strncmp(arg, "expect", 6))
		return dcx_opt_value(argc, argv, i, val,
				     "--expect", &a->expect, err, errlen);
	if (n == 7 && !strncmp(arg, "traffic", 7))
		return dcx_opt_value(argc, argv, i, val,
				     "--traffic", &a->traffic, err, errlen);
	snprintf(err, errlen, "unknown option \"%s\"; try \"dcxlat help\"",
		 argv[*i]);
	return -1;
}

static int dcx_short_opts(struct dcx_args *a, struct dcx_flags *f, int argc,
			  char *const argv[], int *i, char *err, size_t errlen)
{
	const char *p;

	for (p = argv[*i] + 1; *p; p++) {
		switch (*p) {
		case 'j':
			a->json = true;
			break;
		case 'p':
			a->pretty = true;
			a->json = true;
			break;
		case 'v':
			a->verbose = true;
			break;
		case 'h':
			f->help = true;
			break;
		case 'V':
			f->version = true;
			break;
		case 'n':
			return dcx_opt_value(argc, argv, i, p[1] ? p + 1 : NULL,
					     "-n", &a->netns, err, errlen);
		case 'i':
			return dcx_opt_value(argc, argv, i, p[1] ? p + 1 : NULL,
					     "-i", &a->instance, err, errlen);
		default:
			snprintf(err, errlen,
				 "unknown option \"-%c\"; try \"dcxlat help\"",
				 *p);
			return -1;
		}
	}
	return 0;
}

/* The words after OBJECT COMMAND, by the command's row of the table. */
static int dcx_words(struct dcx_args *a, int nw, const char **w,
		     char *err, size_t errlen)
{
	const struct dcx_cmd *c = dcx_cmd_find(a->obj, a->cmd);
	const char *obj = dcx_obj_name(a->obj);
	char ctx[64];

	if (!c)
		return DCX_ERR("%s: internal error: no command", obj);
	if (dcx_obj_takes_args(a->obj)) {
		snprintf(ctx, sizeof(ctx), "%s", obj);
		return c->parse(a, nw - 1, w + 1, ctx, err, errlen);
	}
	snprintf(ctx, sizeof(ctx), "%s %s", obj, nw > 1 ? w[1] : "show");
	return c->parse(a, nw > 2 ? nw - 2 : 0, w + 2, ctx, err, errlen);
}

/* Options that belong to one object only. */
static int dcx_args_owned(const struct dcx_args *a, char *err, size_t errlen)
{
	const char *opt = NULL, *obj = NULL;

	if (a->digest && a->obj != DCX_OBJ_CONFIG)
		opt = "--digest", obj = "show";
	else if ((a->expect || a->traffic) && a->obj != DCX_OBJ_HEALTH)
		opt = a->expect ? "--expect" : "--traffic", obj = "health";
	else if (a->check && a->obj != DCX_OBJ_APPLY)
		opt = "--check", obj = "apply";
	if (!opt)
		return 0;
	snprintf(err, errlen, "%s: option %s is for \"dcxlat %s\" only",
		 dcx_obj_name(a->obj), opt, obj);
	return -1;
}

int dcx_args_parse(struct dcx_args *a, int argc, char *const argv[],
		   char *err, size_t errlen)
{
	const char *w[DCX_MAX_WORDS];
	struct dcx_flags f = { false, false };
	bool opts_done = false;
	int nw = 0, i, v;

	err[0] = '\0';
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int r = 0;

		if (!opts_done && !strcmp(arg, "--")) {
			opts_done = true;
			continue;
		}
		if (!opts_done && arg[0] == '-' && arg[1] == '-')
			r = dcx_long_opt(a, &f, argc, argv, &i, err, errlen);
		else if (!opts_done && arg[0] == '-' && arg[1])
			r = dcx_short_opts(a, &f, argc, argv, &i, err, errlen);
		else if (nw < DCX_MAX_WORDS)
			w[nw++] = arg;
		else {
			snprintf(err, errlen,
				 "too many arguments (\"%s\"); try \"dcxlat help\"",
				 arg);
			return DCX_EXIT_USAGE;
		}
		if (r)
			return DCX_EXIT_USAGE;
	}

	if (f.version) {
		a->cmd = DCX_CMD_VERSION;
		return DCX_EXIT_OK;
	}
	if (a->netns && dcx_netns_name_check(a->netns, err, errlen))
		return DCX_EXIT_USAGE;

	/* "help [OBJECT]" reads like "OBJECT help". */
	if (nw && !strcmp(w[0], "help")) {
		if (nw > 2 || (nw == 2 && dcx_obj_lookup(w[1]) < 0)) {
			snprintf(err, errlen,
				 "help: unknown object \"%s\"; objects are " DCX_OBJ_LIST,
				 w[nw - 1]);
			return DCX_EXIT_USAGE;
		}
		a->obj = nw == 2 ? (enum dcx_obj)dcx_obj_lookup(w[1]) :
				   DCX_OBJ_NONE;
		a->cmd = DCX_CMD_HELP;
		return DCX_EXIT_OK;
	}
	if (nw && !strcmp(w[0], "version")) {
		a->cmd = DCX_CMD_VERSION;
		return DCX_EXIT_OK;
	}
	if (!nw) {
		if (f.help)
			return DCX_EXIT_OK;
		snprintf(err, errlen,
			 "missing OBJECT (" DCX_OBJ_LIST "); try \"dcxlat help\"");
		return DCX_EXIT_USAGE;
	}
	v = dcx_obj_lookup(w[0]);
	if (v < 0) {
		snprintf(err, errlen,
			 "unknown object \"%s\"; objects are " DCX_OBJ_LIST "; try \"dcxlat help\"",
			 w[0]);
		return DCX_EXIT_USAGE;
	}
	a->obj = (enum dcx_obj)v;
	if (f.help) {
		a->cmd = DCX_CMD_HELP;
		return DCX_EXIT_OK;
	}
	if (nw > 1 && dcx_obj_takes_args(a->obj) && strcmp(w[1], "help")) {
		a->cmd = dcx_obj_default(a->obj);
	} else if (nw > 1) {
		v = dcx_verb_lookup(a->obj, w[1]);
		if (v < 0) {
			snprintf(err, errlen,
				 "%s: unknown command \"%s\"; commands are %s; try \"dcxlat %s help\"",
				 w[0], w[1], dcx_obj_verbs(a->obj), w[0]);
			return DCX_EXIT_USAGE;
		}
		a->cmd = (enum dcx_verb)v;
	} else {
		a->cmd = dcx_obj_default(a->obj);
	}
	if (a->cmd == DCX_CMD_HELP) {
		if (nw > 2) {
			snprintf(err, errlen,
				 "%s help: unexpected argument \"%s\"", w[0],
				 w[2]);
			return DCX_EXIT_USAGE;
		}
		return DCX_EXIT_OK;
	}
	if (dcx_words(a, nw, w, err, errlen))
		return DCX_EXIT_USAGE;
	if (dcx_args_owned(a, err, errlen))
		return DCX_EXIT_USAGE;
	if (a->name && !a->skip_checks &&
	    dcx_name_check(a->name, err, errlen))
		return DCX_EXIT_USAGE;
	return DCX_EXIT_OK;
}
