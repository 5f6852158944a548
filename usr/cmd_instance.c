// SPDX-License-Identifier: GPL-2.0
/*
 * Instances (see cmd_instance.h). "instance add" without a NAME adds
 * "default"; "del" needs one; "show" without one dumps every instance,
 * retrying a dump a concurrent change interrupted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "uapi/dcxlat.h"
#include "cmd_instance.h"
#include "msg.h"
#include "msg_instance.h"
#include "name.h"
#include "words.h"

/* Dumps interrupted by a concurrent change are retried this many times. */
#define DCX_DUMP_TRIES 5

int dcx_instance_parse(struct dcx_args *a, int n, const char **w,
		       const char *ctx, char *err, size_t errlen)
{
	if (dcx_word_max(a, n, w, 1, "instance", ctx, err, errlen))
		return -1;
	if (a->cmd == DCX_CMD_ADD)
		return dcx_word_name(a, n ? w[0] : NULL, DCX_DEFAULT_INSTANCE,
				     ctx, err, errlen);
	if (dcx_word_name(a, n ? w[0] : NULL, NULL, ctx, err, errlen))
		return -1;
	if (a->cmd == DCX_CMD_DEL && !a->name)
		return DCX_ERR("%s: missing NAME of the instance to delete (e.g. dcxlat instance del default)",
			       ctx);
	return 0;
}

int dcx_instance_change(struct dcx_nl *nl, uint8_t cmd, const char *name,
			const struct dcx_uprefix *pool6, struct dcx_err *e)
{
	struct nl_msg *m = dcx_nl_msg(dcx_msg_request(nl->family, cmd, 0,
						      nl->abi, name, pool6),
				      e);

	return m ? dcx_nl_send(nl, m, e) : e->code;
}

static int dcx_parse_inst(struct nlmsghdr *nlh, void *out)
{
	return dcx_msg_parse_inst(nlh, out);
}

int dcx_instance_get(struct dcx_nl *nl, uint8_t cmd, const char *name,
		     struct dcx_inst_info *out, struct dcx_err *e)
{
	return dcx_nl_get_one(nl, dcx_nl_msg(dcx_msg_request(nl->family, cmd,
							     0, nl->abi, name,
							     NULL), e),
			      dcx_parse_inst, out, e);
}

struct dcx_list {
	struct dcx_inst_info *v;
	size_t n, cap;
};

static int dcx_take_list(struct nlmsghdr *nlh, void *arg)
{
	struct dcx_list *l = arg;
	struct dcx_inst_info *nv;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		nv = realloc(l->v, l->cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		l->v = nv;
	}
	if (dcx_msg_parse_inst(nlh, &l->v[l->n]))
		return -EBADMSG;
	l->n++;
	return 0;
}

/* Every instance of the netns; *v is malloc'ed, free it. */
static int dcx_instance_dump(struct dcx_nl *nl, struct dcx_inst_info **v,
			     size_t *n, struct dcx_err *e)
{
	struct dcx_list l = { NULL, 0, 0 };
	bool intr = false;
	struct nl_msg *m;
	int tries, r = 0;

	for (tries = 0; tries < DCX_DUMP_TRIES; tries++) {
		l.n = 0;
		m = dcx_nl_msg(dcx_msg_request(nl->family,
					       DCXLAT_CMD_INSTANCE_GET,
					       NLM_F_DUMP, nl->abi, NULL, NULL),
			       e);
		if (!m)
			break;
		r = dcx_nl_request(nl, m, dcx_take_list, &l, &intr, e);
		if (r || !intr)
			break;
	}
	if (!r && intr)
		dcx_err_set(e, -EAGAIN,
			    "the configuration kept changing during the dump; try again");
	if (e->code) {
		free(l.v);
		return e->code;
	}
	*v = l.v;
	*n = l.n;
	return 0;
}

int dcx_instance_add(const struct dcx_args *a, struct dcx_nl *nl,
		     bool *usage, struct dcx_err *e)
{
	(void)usage;
	return dcx_instance_change(nl, DCXLAT_CMD_INSTANCE_ADD, a->name, NULL,
				   e);
}

int dcx_instance_del(const struct dcx_args *a, struct dcx_nl *nl,
		     bool *usage, struct dcx_err *e)
{
	(void)usage;
	return dcx_instance_change(nl, DCXLAT_CMD_INSTANCE_DEL, a->name, NULL,
				   e);
}

int dcx_instance_show(const struct dcx_args *a, struct dcx_nl *nl,
		      bool *usage, struct dcx_err *e)
{
	struct dcx_inst_info one, *v = &one;
	size_t n = 1;
	int r;

	(void)usage;
	memset(&one, 0, sizeof(one));
	if (a->name)
		r = dcx_instance_get(nl, DCXLAT_CMD_INSTANCE_GET, a->name,
				     &one, e);
	else
		r = dcx_instance_dump(nl, &v, &n, e);
	if (r)
		return r;
	if (a->json)
		dcx_json_print(stdout, dcx_json_instances(v, n), a->pretty);
	else
		dcx_text_instances(stdout, v, n);
	if (v != &one)
		free(v);
	return 0;
}
