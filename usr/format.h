/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel told us, as plain structs, and how to print it as text
 * or JSON. Pure (json-c only) so the unit tests can check every format.
 */
#ifndef DCXLAT_USR_FORMAT_H
#define DCXLAT_USR_FORMAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>
#include "uapi/dcxlat.h"
#include "prefix.h"

struct dcx_inst_info {
	char name[DCXLAT_NAME_MAX];
	bool has_pool6;
	struct dcx_uprefix pool6;
};

/* Counters by attribute type (enum dcxlat_stat + 1); newer ones kept too. */
#define DCX_STATS_MAX 256

struct dcx_stats_info {
	char name[DCXLAT_NAME_MAX];
	bool present[DCX_STATS_MAX];
	uint64_t val[DCX_STATS_MAX];
};

/* A notification: cmd is the DCXLAT_CMD_* that made the change. */
struct dcx_event {
	uint8_t cmd;
	struct dcx_inst_info inst;
};

/* Name of counter attribute type t: the uapi name, or "counter-T". */
const char *dcx_stat_name(unsigned int type, char *buf, size_t len);
/* Its one-line doc, or "" for counters this CLI does not know. */
const char *dcx_stat_doc(unsigned int type);

/* The prefix as a string, or json-c's null when !has. */
json_object *dcx_json_prefix6(bool has, const struct dcx_uprefix *p);
json_object *dcx_json_instances(const struct dcx_inst_info *v, size_t n);
json_object *dcx_json_pool6(const struct dcx_inst_info *inst);
json_object *dcx_json_stats(const struct dcx_stats_info *s);
json_object *dcx_json_event(const struct dcx_event *e);

void dcx_text_instances(FILE *out, const struct dcx_inst_info *v, size_t n);
void dcx_text_pool6(FILE *out, const struct dcx_inst_info *inst);
void dcx_text_stats(FILE *out, const struct dcx_stats_info *s, bool explain);
void dcx_text_event(FILE *out, const struct dcx_event *e);

/* Print j and a newline, then drop the reference. Returns 0 or -1. */
int dcx_json_print(FILE *out, json_object *j, bool pretty);

#endif /* DCXLAT_USR_FORMAT_H */
