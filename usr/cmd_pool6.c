// SPDX-License-Identifier: GPL-2.0
/*
 * pool6 (see cmd_pool6.h). "set" checks the RFC 6052 rules unless
 * DCXLAT_NO_USER_CHECKS leaves them to the kernel.
 */
#include <string.h>
#include "uapi/dcxlat.h"
#include "cmd_instance.h"
#include "cmd_pool6.h"
#include "name.h"
#include "words.h"

int dcx_pool6_parse(struct dcx_args *a, int n, const char **w,
		    const char *ctx, char *err, size_t errlen)
{
	if (dcx_word_max(a, n, w, a->cmd == DCX_CMD_SET ? 1 : 0, "pool6",
			 ctx, err, errlen))
		return -1;
	dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
	if (a->cmd != DCX_CMD_SET)
		return 0;
	if (!n)
		return DCX_ERR("%s: missing PREFIX (e.g. dcxlat pool6 set 64:ff9b::/96)",
			       ctx);
	if (dcx_prefix_parse(w[0], &a->prefix, err, errlen))
		return -1;
	if (!a->skip_checks &&
	    dcx_prefix_check_pool6(&a->prefix, err, errlen))
		return -1;
	return 0;
}

int dcx_pool6_set(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		  struct dcx_err *e)
{
	(void)usage;
	return dcx_instance_change(nl, DCXLAT_CMD_POOL6_SET, a->name,
				   &a->prefix, e);
}

int dcx_pool6_flush(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		    struct dcx_err *e)
{
	(void)usage;
	return dcx_instance_change(nl, DCXLAT_CMD_POOL6_FLUSH, a->name, NULL,
				   e);
}

int dcx_pool6_show(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	struct dcx_inst_info inst;
	int r;

	(void)usage;
	memset(&inst, 0, sizeof(inst));
	r = dcx_instance_get(nl, DCXLAT_CMD_POOL6_GET, a->name, &inst, e);
	if (r)
		return r;
	if (a->json)
		dcx_json_print(stdout, dcx_json_pool6(&inst), a->pretty);
	else
		dcx_text_pool6(stdout, &inst);
	return 0;
}
