// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing. Options may appear anywhere before "--" (so both
 * "dcxlat -j stats show" and "dcxlat stats show -j" work); the remaining
 * words are OBJECT, COMMAND and its arguments.
 */
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "name.h"

struct dcx_word {
	const char *word;
	int val;
};

static const struct dcx_word dcx_objs[] = {
	{ "instance", DCX_OBJ_INSTANCE },
	{ "pool6", DCX_OBJ_POOL6 },
	{ "stats", DCX_OBJ_STATS },
	{ "monitor", DCX_OBJ_MONITOR },
	{ "eamt", DCX_OBJ_EAMT },
	{ "global", DCX_OBJ_GLOBAL },
	{ "space", DCX_OBJ_SPACE },
	{ "apply", DCX_OBJ_APPLY },
	{ "show", DCX_OBJ_CONFIG },
	{ NULL, 0 },
};

#define DCX_OBJ_LIST "instance, pool6, eamt, space, global, stats, monitor, apply, show"

static const struct dcx_word dcx_eamt_cmds[] = {
	{ "add", DCX_CMD_ADD },
	{ "del", DCX_CMD_DEL },
	{ "delete", DCX_CMD_DEL },
	{ "show", DCX_CMD_SHOW },
	{ "list", DCX_CMD_SHOW },
	{ "flush", DCX_CMD_FLUSH },
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

static const struct dcx_word dcx_global_cmds[] = {
	{ "show", DCX_CMD_SHOW },
	{ "set", DCX_CMD_SET },
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

static const struct dcx_word dcx_space_cmds[] = {
	{ "add", DCX_CMD_ADD },
	{ "del", DCX_CMD_DEL },
	{ "delete", DCX_CMD_DEL },
	{ "show", DCX_CMD_SHOW },
	{ "list", DCX_CMD_SHOW },
	{ "set", DCX_CMD_SET },
	{ "bind", DCX_CMD_BIND },
	{ "unbind", DCX_CMD_UNBIND },
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

/* "apply FILE" and "show": the word after the object is an argument. */
static const struct dcx_word dcx_nocmds[] = {
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

static const struct dcx_word dcx_instance_cmds[] = {
	{ "add", DCX_CMD_ADD },
	{ "del", DCX_CMD_DEL },
	{ "delete", DCX_CMD_DEL },
	{ "show", DCX_CMD_SHOW },
	{ "list", DCX_CMD_SHOW },
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

static const struct dcx_word dcx_pool6_cmds[] = {
	{ "set", DCX_CMD_SET },
	{ "show", DCX_CMD_SHOW },
	{ "flush", DCX_CMD_FLUSH },
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

static const struct dcx_word dcx_stats_cmds[] = {
	{ "show", DCX_CMD_SHOW },
	{ "reset", DCX_CMD_RESET },
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

static const struct dcx_word dcx_monitor_cmds[] = {
	{ "help", DCX_CMD_HELP },
	{ NULL, 0 },
};

/* Command words of each object, and how to list them in messages. */
static const struct {
	const struct dcx_word *cmds;
	const char *list;
	enum dcx_verb dflt;
} dcx_obj_cmds[] = {
	[DCX_OBJ_INSTANCE] = { dcx_instance_cmds, "add, del, show", DCX_CMD_SHOW },
	[DCX_OBJ_POOL6] = { dcx_pool6_cmds, "set, show, flush", DCX_CMD_SHOW },
	[DCX_OBJ_STATS] = { dcx_stats_cmds, "show, reset", DCX_CMD_SHOW },
	[DCX_OBJ_MONITOR] = { dcx_monitor_cmds, "none (just \"dcxlat monitor\")",
			      DCX_CMD_LISTEN },
	[DCX_OBJ_EAMT] = { dcx_eamt_cmds, "add, del, show, flush", DCX_CMD_SHOW },
	[DCX_OBJ_GLOBAL] = { dcx_global_cmds, "show, set", DCX_CMD_SHOW },
	[DCX_OBJ_SPACE] = { dcx_space_cmds,
			    "add, del, show, set, bind, unbind", DCX_CMD_SHOW },
	[DCX_OBJ_APPLY] = { dcx_nocmds, "none (\"dcxlat apply FILE\")",
			    DCX_CMD_APPLY },
	[DCX_OBJ_CONFIG] = { dcx_nocmds, "none (just \"dcxlat show\")",
			     DCX_CMD_SHOW },
};

static int dcx_lookup(const struct dcx_word *w, const char *s)
{
	for (; w->word; w++)
		if (!strcmp(w->word, s))
			return w->val;
	return -1;
}

const char *dcx_obj_name(enum dcx_obj obj)
{
	const struct dcx_word *w;

	for (w = dcx_objs; w->word; w++)
		if (w->val == (int)obj)
			return w->word;
	return "dcxlat";
}

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
		"json", "pretty", "verbose", "explain", "help", "version", NULL,
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
	if (n == 4 && !strncmp(arg, "file", 4))
		return dcx_opt_value(argc, argv, i, val,
				     "--file", &a->file, err, errlen);
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

/* The instance a command acts on: NAME word, else -i, else dflt. */
static int dcx_pick_name(struct dcx_args *a, const char *word,
			 const char *dflt, const char *ctx,
			 char *err, size_t errlen)
{
	if (word && a->instance && strcmp(word, a->instance)) {
		snprintf(err, errlen,
			 "%s: two instance names given (-i %s and %s); give one",
			 ctx, a->instance, word);
		return -1;
	}
	a->name = word ? word : a->instance ? a->instance : dflt;
	return 0;
}

static int dcx_words(struct dcx_args *a, int nw, const char *const *w,
		     char *err, size_t errlen)
{
	const char *obj = dcx_obj_name(a->obj);
	const char *const *args = w + 2;
	int nargs = nw > 2 ? nw - 2 : 0;
	char ctx[64];
	int max_args;

	snprintf(ctx, sizeof(ctx), "%s %s", obj, nw > 1 ? w[1] : "show");
	if (a->obj >= DCX_OBJ_EAMT) {
		dcx_pick_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
		if (a->obj == DCX_OBJ_APPLY || a->obj == DCX_OBJ_CONFIG) {
			snprintf(ctx, sizeof(ctx), "%s", obj);
			return dcx_args_cfg(a, nw - 1, w + 1, ctx, err, errlen);
		}
		return dcx_args_cfg(a, nargs, args, ctx, err, errlen);
	}
	if (a->file) {
		snprintf(err, errlen, "%s: --file is for eamt add and apply",
			 ctx);
		return -1;
	}
	switch (a->cmd) {
	case DCX_CMD_ADD:
	case DCX_CMD_DEL:
	case DCX_CMD_SHOW:
		max_args = a->obj == DCX_OBJ_INSTANCE ? 1 : 0;
		break;
	case DCX_CMD_SET:
		max_args = 1;
		break;
	default:
		max_args = 0;
	}
	if (a->cmd == DCX_CMD_LISTEN)
		snprintf(ctx, sizeof(ctx), "monitor");
	if (nargs > max_args) {
		snprintf(err, errlen,
			 "%s: unexpected argument \"%s\"; try \"dcxlat %s help\"",
			 ctx, args[max_args], obj);
		return -1;
	}

	switch (a->obj) {
	case DCX_OBJ_INSTANCE:
		if (a->cmd == DCX_CMD_ADD)
			return dcx_pick_name(a, nargs ? args[0] : NULL,
					     DCX_DEFAULT_INSTANCE, ctx,
					     err, errlen);
		if (dcx_pick_name(a, nargs ? args[0] : NULL, NULL, ctx,
				  err, errlen))
			return -1;
		if (a->cmd == DCX_CMD_DEL && !a->name) {
			snprintf(err, errlen,
				 "%s: missing NAME of the instance to delete (e.g. dcxlat instance del default)",
				 ctx);
			return -1;
		}
		return 0;
	case DCX_OBJ_POOL6:
		dcx_pick_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
		if (a->cmd != DCX_CMD_SET)
			return 0;
		if (!nargs) {
			snprintf(err, errlen,
				 "%s: missing PREFIX (e.g. dcxlat pool6 set 64:ff9b::/96)",
				 ctx);
			return -1;
		}
		if (dcx_prefix_parse(args[0], &a->prefix, err, errlen))
			return -1;
		if (!a->skip_checks &&
		    dcx_prefix_check_pool6(&a->prefix, err, errlen))
			return -1;
		return 0;
	case DCX_OBJ_STATS:
		return dcx_pick_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx,
				     err, errlen);
	case DCX_OBJ_MONITOR:	/* -i filters, no -i: every instance */
		a->name = a->instance;
		return 0;
	default:
		return -1;
	}
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
		if (nw > 2 || (nw == 2 && dcx_lookup(dcx_objs, w[1]) < 0)) {
			snprintf(err, errlen,
				 "help: unknown object \"%s\"; objects are " DCX_OBJ_LIST,
				 w[nw - 1]);
			return DCX_EXIT_USAGE;
		}
		a->obj = nw == 2 ? (enum dcx_obj)dcx_lookup(dcx_objs, w[1]) :
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
	v = dcx_lookup(dcx_objs, w[0]);
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
	if (nw > 1 && (a->obj == DCX_OBJ_APPLY || a->obj == DCX_OBJ_CONFIG) &&
	    strcmp(w[1], "help")) {
		a->cmd = dcx_obj_cmds[a->obj].dflt;
	} else if (nw > 1) {
		v = dcx_lookup(dcx_obj_cmds[a->obj].cmds, w[1]);
		if (v < 0) {
			snprintf(err, errlen,
				 "%s: unknown command \"%s\"; commands are %s; try \"dcxlat %s help\"",
				 w[0], w[1], dcx_obj_cmds[a->obj].list, w[0]);
			return DCX_EXIT_USAGE;
		}
		a->cmd = (enum dcx_verb)v;
	} else {
		a->cmd = dcx_obj_cmds[a->obj].dflt;
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
	if (a->name && !a->skip_checks &&
	    dcx_name_check(a->name, err, errlen))
		return DCX_EXIT_USAGE;
	return DCX_EXIT_OK;
}
