// SPDX-License-Identifier: GPL-2.0
/*
 * Counters (see cmd_stats.h): one STATS_GET reply, printed with the
 * counter names of the uapi (format.c); -v adds what each one means.
 */
#include <errno.h>
#include <stdlib.h>
#include "uapi/dcxlat.h"
#include "cmd_instance.h"
#include "cmd_stats.h"
#include "msg.h"
#include "msg_instance.h"
#include "name.h"
#include "words.h"

int dcx_stats_parse(struct dcx_args *a, int n, const char **w,
		    const char *ctx, char *err, size_t errlen)
{
	if (dcx_word_max(a, n, w, 0, "stats", ctx, err, errlen))
		return -1;
	return dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
}

int dcx_stats_reset(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		    struct dcx_err *e)
{
	(void)usage;
	return dcx_instance_change(nl, DCXLAT_CMD_STATS_RESET, a->name, NULL,
				   e);
}

static int dcx_parse_stats(struct nlmsghdr *nlh, void *out)
{
	return dcx_msg_parse_stats(nlh, out);
}

int dcx_stats_show(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	struct dcx_stats_info *s = malloc(sizeof(*s));
	int r;

	(void)usage;
	if (!s)
		return dcx_err_set(e, -ENOMEM, "out of memory");
	r = dcx_nl_get_one(nl, dcx_nl_msg(dcx_msg_request(nl->family,
							  DCXLAT_CMD_STATS_GET,
							  0, nl->abi, a->name,
							  NULL), e),
			   dcx_parse_stats, s, e);
	if (!r) {
		if (a->json)
			dcx_json_print(stdout, dcx_json_stats(s), a->pretty);
		else
			dcx_text_stats(stdout, s, a->verbose);
	}
	free(s);
	return r;
}
