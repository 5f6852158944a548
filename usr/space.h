/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An address space as the CLI holds it: its fields, its interface
 * bindings and its EAM entries, from a reply, a command line or a JSON
 * file. Owns struct dcx_uspace/dcx_ubind, their memory (bind_push, free)
 * and their output as "space show" prints it. Pure (json-c only).
 */
#ifndef DCXLAT_USR_SPACE_H
#define DCXLAT_USR_SPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>
#include "uapi/dcxlat.h"
#include "eam.h"
#include "format.h"
#include "name.h"

struct dcx_ubind {
	char dev[DCX_IFNAMSIZ];
	int ifindex;		/* from replies: 0 while waiting */
	bool waiting;		/* from replies: no device of that name now */
	bool has_p4;
	struct dcx_uprefix4 p4;
};

struct dcx_uspace {
	char name[DCXLAT_NAME_MAX];
	uint32_t id;
	bool has_prefix;
	struct dcx_uprefix prefix;
	uint32_t table;
	char vrf[DCX_IFNAMSIZ];	/* "" = none */
	int vrf_ifindex;	/* from replies: 0 while waiting */
	bool vrf_waiting;	/* from replies: no VRF of that name now */
	struct dcx_ubind *binds;
	size_t nbinds;
	struct dcx_eam_vec eamt;
	/* Replies only. */
	bool has_eam_count;
	uint32_t eam_count;
	bool has_stats;
	struct dcx_stats_info *stats;
	bool has_waiting;
	uint32_t waiting;	/* bindings waiting for their device */
};

/* Which fields of a space "space add/set" gives (and a request carries). */
#define DCX_SP_ID	0x1
#define DCX_SP_PREFIX	0x2
#define DCX_SP_TABLE	0x4
#define DCX_SP_VRF	0x8

void dcx_space_free(struct dcx_uspace *s);
int dcx_bind_push(struct dcx_uspace *s, const struct dcx_ubind *b);

/* As "space show" prints it; with_eamt: the entries, as "show" does. */
json_object *dcx_space_json(const struct dcx_uspace *s, bool with_eamt);
void dcx_space_text(FILE *out, const struct dcx_uspace *s);
/* The parts "show" prints for the default space too. */
json_object *dcx_binds_json(const struct dcx_uspace *s);
json_object *dcx_eamt_json(const struct dcx_eam_vec *v);

#endif /* DCXLAT_USR_SPACE_H */
