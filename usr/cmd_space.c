// SPDX-License-Identifier: GPL-2.0
/*
 * Spaces and bindings (see cmd_space.h). A VRF and a binding go by
 * name: the module keeps them waiting while no device has that name.
 * Replies name them; an ifindex without a name (an older module) is
 * named back with if_indextoname ("ifN" when gone).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include "uapi/dcxlat.h"
#include "cmd_space.h"
#include "msg_space.h"
#include "name.h"
#include "words.h"

/* "id N", "prefix P|none", "table T", "vrf DEV|none" of space add/set. */
static int dcx_space_opts(struct dcx_args *a, int n, const char **w,
			  const char *ctx, char *err, size_t errlen)
{
	struct dcx_uspace *s = &a->sp;
	char msg[400];
	unsigned int bit;
	int i;

	for (i = 0; i < n; i += 2) {
		const char *k = w[i], *v = i + 1 < n ? w[i + 1] : NULL;

		if (!strcmp(k, "id"))
			bit = DCX_SP_ID;
		else if (!strcmp(k, "prefix"))
			bit = DCX_SP_PREFIX;
		else if (!strcmp(k, "table"))
			bit = DCX_SP_TABLE;
		else if (!strcmp(k, "vrf"))
			bit = DCX_SP_VRF;
		else
			return DCX_ERR("%s: unknown argument \"%s\"; expected id, prefix, table or vrf",
				       ctx, k);
		if (!v)
			return DCX_ERR("%s: %s needs a value", ctx, k);
		if (a->sp_mask & bit)
			return DCX_ERR("%s: %s given twice", ctx, k);
		a->sp_mask |= bit;
		switch (bit) {
		case DCX_SP_ID:
			if (dcx_word_u32(ctx, "id", v, 1, 65535, &s->id, err,
					 errlen))
				return -1;
			break;
		case DCX_SP_PREFIX:
			if (!strcmp(v, "none") || !strcmp(v, "unset"))
				break;
			if (dcx_prefix_parse(v, &s->prefix, msg, sizeof(msg)) ||
			    (!a->skip_checks &&
			     dcx_prefix_check_pool6(&s->prefix, msg,
						    sizeof(msg))))
				return DCX_ERR("%s: %s", ctx, msg);
			s->has_prefix = true;
			break;
		case DCX_SP_TABLE:
			if (dcx_word_u32(ctx, "table", v, 0, UINT32_MAX,
					 &s->table, err, errlen))
				return -1;
			break;
		default:
			if (!strcmp(v, "none") || !strcmp(v, "unset"))
				break;
			if (dcx_word_dev(ctx, "vrf", v, s->vrf, err, errlen))
				return -1;
		}
	}
	return 0;
}

/* "dev IFNAME [prefix4 PREFIX]" of bind/unbind. */
static int dcx_bind_opts(struct dcx_args *a, int n, const char **w,
			 const char *ctx, char *err, size_t errlen)
{
	bool dev = false, p4 = false;
	char msg[400];
	int i;

	for (i = 0; i < n; i += 2) {
		const char *k = w[i], *v = i + 1 < n ? w[i + 1] : NULL;

		if (strcmp(k, "dev") && strcmp(k, "prefix4"))
			return DCX_ERR("%s: unknown argument \"%s\"; expected dev IFNAME [prefix4 PREFIX]",
				       ctx, k);
		if (!v)
			return DCX_ERR("%s: %s needs a value", ctx, k);
		if (!strcmp(k, "dev")) {
			if (dev)
				return DCX_ERR("%s: dev given twice", ctx);
			dev = true;
			if (dcx_word_dev(ctx, "dev", v, a->bind.dev, err,
					 errlen))
				return -1;
		} else {
			if (p4)
				return DCX_ERR("%s: prefix4 given twice", ctx);
			p4 = true;
			if (dcx_prefix4_parse(v, false, &a->bind.p4, msg,
					      sizeof(msg)))
				return DCX_ERR("%s: %s", ctx, msg);
			a->bind.has_p4 = true;
		}
	}
	if (!dev)
		return DCX_ERR("%s: missing dev IFNAME (e.g. space %s tenant-a dev veth0 prefix4 10.0.0.0/8)",
			       ctx, a->cmd == DCX_CMD_BIND ? "bind" : "unbind");
	return 0;
}

int dcx_space_parse(struct dcx_args *a, int n, const char **w,
		    const char *ctx, char *err, size_t errlen)
{
	char msg[256];

	dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
	if (a->cmd == DCX_CMD_SHOW && !n)
		return 0;
	if (!n)
		return DCX_ERR("%s: missing the space NAME; try \"dcxlat space help\"",
			       ctx);
	if (!a->skip_checks && dcx_space_name_check(w[0], msg, sizeof(msg)))
		return DCX_ERR("%s: %s", ctx, msg);
	a->space = w[0];
	snprintf(a->sp.name, sizeof(a->sp.name), "%s", w[0]);
	n--;
	w++;
	switch (a->cmd) {
	case DCX_CMD_ADD:
		if (dcx_space_opts(a, n, w, ctx, err, errlen))
			return -1;
		if (!(a->sp_mask & DCX_SP_ID))
			return DCX_ERR("%s: missing id N (1 to 65535), e.g. space add %s id 23",
				       ctx, a->space);
		return 0;
	case DCX_CMD_SET:
		if (dcx_space_opts(a, n, w, ctx, err, errlen))
			return -1;
		if (!a->sp_mask)
			return DCX_ERR("%s: nothing to set; give prefix, table or vrf (the id cannot change)",
				       ctx);
		return 0;
	case DCX_CMD_BIND:
	case DCX_CMD_UNBIND:
		return dcx_bind_opts(a, n, w, ctx, err, errlen);
	default:
		return dcx_word_none(n, w, "", ctx, err, errlen);
	}
}

static void dcx_space_names(struct dcx_uspace *s)
{
	size_t i;

	if (!*s->vrf && s->vrf_ifindex && !if_indextoname((unsigned int)s->vrf_ifindex,
					      s->vrf))
		snprintf(s->vrf, sizeof(s->vrf), "if%d", s->vrf_ifindex);
	for (i = 0; i < s->nbinds; i++)
		if (!*s->binds[i].dev && !if_indextoname((unsigned int)s->binds[i].ifindex,
				    s->binds[i].dev))
			snprintf(s->binds[i].dev, sizeof(s->binds[i].dev),
				 "if%d", s->binds[i].ifindex);
}

static int dcx_space_msg(struct nlmsghdr *nlh, void *arg)
{
	struct dcx_space_list *l = arg;
	struct dcx_uspace *nv = realloc(l->v, (l->n + 1) * sizeof(*nv));

	if (!nv)
		return -ENOMEM;
	l->v = nv;
	if (dcx_msg_parse_space(nlh, &l->v[l->n]))
		return -EBADMSG;
	dcx_space_names(&l->v[l->n]);
	l->n++;
	return 0;
}

void dcx_space_list_free(struct dcx_space_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		dcx_space_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int dcx_space_list_get(struct dcx_nl *nl, const char *inst, const char *name,
		       struct dcx_space_list *l, bool *intr,
		       struct dcx_err *e)
{
	struct nl_msg *m = dcx_nl_new(nl, DCXLAT_CMD_SPACE_GET,
				      name ? 0 : NLM_F_DUMP, inst, name, e);

	if (!m)
		return e->code;
	return dcx_nl_request(nl, m, dcx_space_msg, l, intr, e);
}

int dcx_space_show(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	struct dcx_space_list l = { NULL, 0, 0 };
	json_object *arr;
	bool intr = false;
	size_t i;
	int r;

	(void)usage;
	r = dcx_space_list_get(nl, a->name, a->space, &l, &intr, e);
	if (intr)
		fputs("dcxlat: warning: the spaces changed during the dump\n",
		      stderr);
	if (r)
		goto out;
	if (a->json) {
		arr = json_object_new_array();
		for (i = 0; i < l.n; i++)
			json_object_array_add(arr, dcx_space_json(&l.v[i],
								  false));
		r = dcx_json_print(stdout, a->space && l.n == 1 ?
				   json_object_get(json_object_array_get_idx(arr, 0)) :
				   json_object_get(arr), a->pretty) ? -EIO : 0;
		json_object_put(arr);
	} else {
		for (i = 0; i < l.n; i++)
			dcx_space_text(stdout, &l.v[i]);
	}
out:
	dcx_space_list_free(&l);
	return r;
}

/* space add/set: the space's fields of mask (the VRF by name). */
static int dcx_space_put(const struct dcx_args *a, struct dcx_nl *nl,
			 uint8_t cmd, struct dcx_err *e)
{
	struct nl_msg *m;

	m = dcx_nl_new(nl, cmd, 0, a->name, NULL, e);
	if (!m)
		return e->code;
	if (dcx_msg_put_space(m, &a->sp, a->sp_mask))
		return dcx_nl_toobig(m, e);
	return dcx_nl_send(nl, m, e);
}

/* space bind/unbind: the binding, by device name. */
static int dcx_space_bind_cmd(const struct dcx_args *a, struct dcx_nl *nl,
			      uint8_t cmd, struct dcx_err *e)
{
	struct dcx_ubind b = a->bind;
	struct nl_msg *m;

	m = dcx_nl_new(nl, cmd, 0, a->name, a->space, e);
	if (!m)
		return e->code;
	if (dcx_msg_put_bind(m, &b))
		return dcx_nl_toobig(m, e);
	return dcx_nl_send(nl, m, e);
}

int dcx_space_add(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		  struct dcx_err *e)
{
	(void)usage;
	return dcx_space_put(a, nl, DCXLAT_CMD_SPACE_ADD, e);
}

int dcx_space_set(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		  struct dcx_err *e)
{
	(void)usage;
	return dcx_space_put(a, nl, DCXLAT_CMD_SPACE_SET, e);
}

int dcx_space_del(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		  struct dcx_err *e)
{
	(void)usage;
	return dcx_nl_simple(nl, DCXLAT_CMD_SPACE_DEL, a->name, a->space, e);
}

int dcx_space_bind(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	(void)usage;
	return dcx_space_bind_cmd(a, nl, DCXLAT_CMD_BIND_ADD, e);
}

int dcx_space_unbind(const struct dcx_args *a, struct dcx_nl *nl,
		     bool *usage, struct dcx_err *e)
{
	(void)usage;
	return dcx_space_bind_cmd(a, nl, DCXLAT_CMD_BIND_DEL, e);
}
