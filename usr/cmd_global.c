// SPDX-License-Identifier: GPL-2.0
/*
 * Settings (see cmd_global.h). Keys, values and their checks come from
 * the settings table (settings.h); "set" sends only the keys given.
 * "show" also says when ndp-proxy names a device that does not exist
 * (the proxy waits for it).
 */
#include <errno.h>
#include <string.h>
#include "uapi/dcxlat.h"
#include "cmd_global.h"
#include "msg.h"
#include "msg_settings.h"
#include "name.h"
#include "words.h"

int dcx_global_parse(struct dcx_args *a, int n, const char **w,
		     const char *ctx, char *err, size_t errlen)
{
	const struct dcx_setting_def *d;
	char msg[400];
	int i;

	dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
	if (a->cmd != DCX_CMD_SET)
		return dcx_word_none(n, w, "", ctx, err, errlen);
	if (!n)
		return DCX_ERR("%s: missing KEY VALUE (e.g. global set lowest-ipv6-mtu 1280); \"dcxlat global help\" lists the keys",
			       ctx);
	for (i = 0; i < n; i += 2) {
		d = dcx_setting_find(w[i]);
		if (!d)
			return DCX_ERR("%s: unknown setting \"%s\"; \"dcxlat global help\" lists them",
				       ctx, w[i]);
		if (i + 1 >= n)
			return DCX_ERR("%s: %s needs a VALUE", ctx, w[i]);
		if (a->set.v[d->attr].present)
			return DCX_ERR("%s: %s given twice", ctx, w[i]);
		if (dcx_setting_parse(d, w[i + 1], &a->set.v[d->attr], msg,
				      sizeof(msg)))
			return DCX_ERR("%s: %s", ctx, msg);
	}
	return 0;
}

/* A SETTINGS_GET reply: the settings, and whether ndp-proxy waits. */
struct dcx_global_reply {
	struct dcx_settings *s;
	bool ndp_waiting;
};

static int dcx_settings_msg(struct nlmsghdr *nlh, void *arg)
{
	struct dcx_global_reply *g = arg;
	struct nlattr *tb[DCXLAT_A_MAX + 1];

	if (!dcx_msg_top(nlh, tb))
		g->ndp_waiting = tb[DCXLAT_A_NDP_WAITING] != NULL;
	return dcx_msg_parse_settings(nlh, g->s);
}

static int dcx_global_fetch(struct dcx_nl *nl, const char *inst,
			    struct dcx_global_reply *g, struct dcx_err *e)
{
	struct nl_msg *m = dcx_nl_new(nl, DCXLAT_CMD_SETTINGS_GET, 0, inst,
				      NULL, e);

	memset(g->s, 0, sizeof(*g->s));
	g->ndp_waiting = false;
	if (!m)
		return e->code;
	return dcx_nl_request(nl, m, dcx_settings_msg, g, NULL, e);
}

int dcx_global_get(struct dcx_nl *nl, const char *inst,
		   struct dcx_settings *s, struct dcx_err *e)
{
	struct dcx_global_reply g = { s, false };

	return dcx_global_fetch(nl, inst, &g, e);
}

int dcx_global_put(struct dcx_nl *nl, const char *inst,
		   const struct dcx_settings *s, struct dcx_err *e)
{
	struct nl_msg *m = dcx_nl_new(nl, DCXLAT_CMD_SETTINGS_SET, 0, inst,
				      NULL, e);

	if (!m)
		return e->code;
	if (dcx_msg_put_settings(m, s))
		return dcx_nl_toobig(m, e);
	return dcx_nl_send(nl, m, e);
}

int dcx_global_set(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	(void)usage;
	return dcx_global_put(nl, a->name, &a->set, e);
}

int dcx_global_show(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		    struct dcx_err *e)
{
	struct dcx_settings s;
	struct dcx_global_reply g = { &s, false };
	json_object *o;
	int r;

	(void)usage;
	r = dcx_global_fetch(nl, a->name, &g, e);
	if (r)
		return r;
	if (a->json) {
		o = dcx_settings_json(&s);
		if (g.ndp_waiting)
			json_object_object_add(o, "ndp-proxy-waiting",
					       json_object_new_boolean(1));
		return dcx_json_print(stdout, o, a->pretty) ? -EIO : 0;
	}
	dcx_settings_text(stdout, &s,
			  g.ndp_waiting ? DCXLAT_SET_NDP_PROXY : 0);
	return 0;
}
