// SPDX-License-Identifier: GPL-2.0
/*
 * "dcxlat diff FILE" (see cmd_diff.h): the file read and checked as
 * apply reads it (cmd_apply.c), the running configuration dumped as show
 * dumps it, both made canonical (config_digest.c) and compared
 * (config_diff.c). Nothing is sent but dumps. Every error is exit 2.
 * Its words are apply's (dcx_apply_parse).
 */
#include <errno.h>
#include <stdio.h>
#include "cmd_apply.h"
#include "cmd_diff.h"
#include "config_diff.h"
#include "config_digest.h"
#include "format.h"

int dcx_diff_configs(const struct dcx_uconfig *cur,
		     const struct dcx_uconfig *want, json_object **changes,
		     struct dcx_err *e)
{
	json_object *old = dcx_config_canon(cur);
	json_object *new_ = dcx_config_canon(want);

	*changes = old && new_ ? dcx_config_diff(old, new_) : NULL;
	json_object_put(old);
	json_object_put(new_);
	return *changes ? 0 : dcx_err_set(e, -ENOMEM, "out of memory");
}

int dcx_diff_running(struct dcx_nl *nl, const char *inst,
		     const struct dcx_uconfig *want, json_object **changes,
		     bool *exists, struct dcx_err *e)
{
	struct dcx_uconfig cur;
	int r;

	*changes = NULL;
	r = dcx_config_running(nl, inst, &cur, e);
	*exists = r != -ENOENT;
	if (r == -ENOENT) {
		/* apply would create it: compare with a new one. */
		dcx_config_free(&cur);
		dcx_config_init(&cur);
		dcx_err_clear(e);
		r = 0;
	}
	if (!r)
		r = dcx_diff_configs(&cur, want, changes, e);
	dcx_config_free(&cur);
	return r;
}

int dcx_diff_run(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		 struct dcx_err *e)
{
	json_object *changes = NULL, *o;
	struct dcx_uconfig want;
	const char *inst;
	bool exists = true;
	size_t n;
	int r;

	r = dcx_config_load(a->file, &want, usage, e);
	inst = dcx_config_target(a, &want);
	if (!r)
		r = dcx_diff_running(nl, inst, &want, &changes, &exists, e);
	dcx_config_free(&want);
	if (r) {
		*usage = true;	/* exit 2, as diff(1) on trouble */
		return r;
	}
	n = json_object_array_length(changes);
	if (a->json) {
		o = json_object_new_object();
		json_object_object_add(o, "instance",
				       json_object_new_string(inst));
		json_object_object_add(o, "exists",
				       json_object_new_boolean(exists));
		json_object_object_add(o, "changes", changes);
		if (dcx_json_print(stdout, o, a->pretty))
			return dcx_err_set(e, -EIO, "cannot write the output");
	} else {
		if (!exists)
			printf("+ instance %s\n", inst);
		dcx_diff_text(stdout, changes);
		json_object_put(changes);
	}
	return n || !exists ? DCX_RUN_NO : 0;
}
