// SPDX-License-Identifier: GPL-2.0
/*
 * The command table (see cmd.h). To add a command: write its parse and
 * run in cmd_<object>.c and add its row here; args.c, main.c and the
 * messages that list the commands follow from the table. "help" is a
 * command of every object and has no row.
 */
#include <string.h>
#include "cmd.h"
#include "cmd_apply.h"
#include "cmd_diff.h"
#include "cmd_eamt.h"
#include "cmd_global.h"
#include "cmd_health.h"
#include "cmd_instance.h"
#include "cmd_monitor.h"
#include "cmd_pool6.h"
#include "cmd_space.h"
#include "cmd_stats.h"

#define DCX_ROW(o, v, word, alias, parse, run) \
	{ DCX_OBJ_##o, DCX_CMD_##v, word, alias, parse, run }

static const struct dcx_cmd dcx_cmds[] = {
	DCX_ROW(INSTANCE, ADD, "add", NULL, dcx_instance_parse,
		dcx_instance_add),
	DCX_ROW(INSTANCE, DEL, "del", "delete", dcx_instance_parse,
		dcx_instance_del),
	DCX_ROW(INSTANCE, SHOW, "show", "list", dcx_instance_parse,
		dcx_instance_show),
	DCX_ROW(POOL6, SET, "set", NULL, dcx_pool6_parse, dcx_pool6_set),
	DCX_ROW(POOL6, SHOW, "show", NULL, dcx_pool6_parse, dcx_pool6_show),
	DCX_ROW(POOL6, FLUSH, "flush", NULL, dcx_pool6_parse, dcx_pool6_flush),
	DCX_ROW(STATS, SHOW, "show", NULL, dcx_stats_parse, dcx_stats_show),
	DCX_ROW(STATS, RESET, "reset", NULL, dcx_stats_parse, dcx_stats_reset),
	DCX_ROW(MONITOR, LISTEN, NULL, NULL, dcx_monitor_parse,
		dcx_monitor_run),
	DCX_ROW(EAMT, ADD, "add", NULL, dcx_eamt_parse, dcx_eamt_add),
	DCX_ROW(EAMT, DEL, "del", "delete", dcx_eamt_parse, dcx_eamt_del),
	DCX_ROW(EAMT, SHOW, "show", "list", dcx_eamt_parse, dcx_eamt_show),
	DCX_ROW(EAMT, FLUSH, "flush", NULL, dcx_eamt_parse, dcx_eamt_flush),
	DCX_ROW(GLOBAL, SHOW, "show", NULL, dcx_global_parse, dcx_global_show),
	DCX_ROW(GLOBAL, SET, "set", NULL, dcx_global_parse, dcx_global_set),
	DCX_ROW(SPACE, ADD, "add", NULL, dcx_space_parse, dcx_space_add),
	DCX_ROW(SPACE, DEL, "del", "delete", dcx_space_parse, dcx_space_del),
	DCX_ROW(SPACE, SHOW, "show", "list", dcx_space_parse, dcx_space_show),
	DCX_ROW(SPACE, SET, "set", NULL, dcx_space_parse, dcx_space_set),
	DCX_ROW(SPACE, BIND, "bind", NULL, dcx_space_parse, dcx_space_bind),
	DCX_ROW(SPACE, UNBIND, "unbind", NULL, dcx_space_parse,
		dcx_space_unbind),
	DCX_ROW(APPLY, APPLY, NULL, NULL, dcx_apply_parse, dcx_apply_run),
	DCX_ROW(CONFIG, SHOW, NULL, NULL, dcx_show_parse, dcx_show_run),
	DCX_ROW(DIFF, DIFF, NULL, NULL, dcx_apply_parse, dcx_diff_run),
	DCX_ROW(HEALTH, CHECK, NULL, NULL, dcx_health_parse, dcx_health_run),
};

#define DCX_NCMDS (sizeof(dcx_cmds) / sizeof(dcx_cmds[0]))

/* The objects: word, commands for messages, default command. */
static const struct {
	const char *word;
	const char *verbs;
	enum dcx_verb dflt;
} dcx_objs[DCX_OBJ_COUNT] = {
	[DCX_OBJ_INSTANCE] = { "instance", "add, del, show", DCX_CMD_SHOW },
	[DCX_OBJ_POOL6] = { "pool6", "set, show, flush", DCX_CMD_SHOW },
	[DCX_OBJ_STATS] = { "stats", "show, reset", DCX_CMD_SHOW },
	[DCX_OBJ_MONITOR] = { "monitor", "none (just \"dcxlat monitor\")",
			      DCX_CMD_LISTEN },
	[DCX_OBJ_EAMT] = { "eamt", "add, del, show, flush", DCX_CMD_SHOW },
	[DCX_OBJ_GLOBAL] = { "global", "show, set", DCX_CMD_SHOW },
	[DCX_OBJ_SPACE] = { "space", "add, del, show, set, bind, unbind",
			    DCX_CMD_SHOW },
	[DCX_OBJ_APPLY] = { "apply", "none (\"dcxlat apply FILE\")",
			    DCX_CMD_APPLY },
	[DCX_OBJ_CONFIG] = { "show", "none (just \"dcxlat show\")",
			     DCX_CMD_SHOW },
	[DCX_OBJ_DIFF] = { "diff", "none (\"dcxlat diff FILE\")",
			   DCX_CMD_DIFF },
	[DCX_OBJ_HEALTH] = { "health", "none (just \"dcxlat health\")",
			     DCX_CMD_CHECK },
};

const struct dcx_cmd *dcx_cmd_find(enum dcx_obj obj, enum dcx_verb verb)
{
	size_t i;

	for (i = 0; i < DCX_NCMDS; i++)
		if (dcx_cmds[i].obj == obj && dcx_cmds[i].verb == verb)
			return &dcx_cmds[i];
	return NULL;
}

int dcx_obj_lookup(const char *word)
{
	int o;

	for (o = DCX_OBJ_NONE + 1; o < DCX_OBJ_COUNT; o++)
		if (!strcmp(dcx_objs[o].word, word))
			return o;
	return -1;
}

const char *dcx_obj_name(enum dcx_obj obj)
{
	if (obj > DCX_OBJ_NONE && obj < DCX_OBJ_COUNT)
		return dcx_objs[obj].word;
	return "dcxlat";
}

static bool dcx_is(const char *s, const char *word)
{
	return s && !strcmp(s, word);
}

int dcx_verb_lookup(enum dcx_obj obj, const char *word)
{
	size_t i;

	if (!strcmp(word, "help"))
		return DCX_CMD_HELP;
	for (i = 0; i < DCX_NCMDS; i++)
		if (dcx_cmds[i].obj == obj &&
		    (dcx_is(dcx_cmds[i].word, word) ||
		     dcx_is(dcx_cmds[i].alias, word)))
			return dcx_cmds[i].verb;
	return -1;
}

const char *dcx_obj_verbs(enum dcx_obj obj)
{
	return dcx_objs[obj].verbs;
}

enum dcx_verb dcx_obj_default(enum dcx_obj obj)
{
	return dcx_objs[obj].dflt;
}

bool dcx_obj_takes_args(enum dcx_obj obj)
{
	return obj == DCX_OBJ_APPLY || obj == DCX_OBJ_CONFIG ||
	       obj == DCX_OBJ_DIFF || obj == DCX_OBJ_HEALTH;
}
