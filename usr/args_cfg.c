// SPDX-License-Identifier: GPL-2.0
/*
 * Arguments of eamt, global, space, apply and show. Pure: words in,
 * struct dcx_args or a message that says what to fix out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "msg.h"

#define DCX_ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)

static int dcx_u32_arg(const char *ctx, const char *key, const char *s,
		       uint32_t min, uint32_t max, uint32_t *out, char *err,
		       size_t errlen)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (!*s || *end || errno || *s == '-')
		return DCX_ERR("%s: %s \"%s\" is not a number", ctx, key, s);
	if (v < min || v > max)
		return DCX_ERR("%s: %s %llu is out of range; use %u to %u",
			       ctx, key, v, min, max);
	*out = (uint32_t)v;
	return 0;
}

static int dcx_dev_arg(const char *ctx, const char *key, const char *s,
		       char *out, char *err, size_t errlen)
{
	if (!*s || strlen(s) >= DCX_IFNAMSIZ || strchr(s, '/') ||
	    strpbrk(s, " \t\n:"))
		return DCX_ERR("%s: %s \"%s\" is not a valid device name (1 to 15 characters, no '/', ':' or blanks)",
			       ctx, key, s);
	snprintf(out, DCX_IFNAMSIZ, "%s", s);
	return 0;
}

/* Take "space NAME" out of the words (anywhere); returns the rest. */
static int dcx_take_space(struct dcx_args *a, int *n, const char **w,
			  const char *ctx, char *err, size_t errlen)
{
	char msg[256];
	int i, k = 0;

	for (i = 0; i < *n; i++) {
		if (strcmp(w[i], "space")) {
			w[k++] = w[i];
			continue;
		}
		if (i + 1 >= *n)
			return DCX_ERR("%s: \"space\" needs a NAME (e.g. space tenant-a)",
				       ctx);
		if (a->space)
			return DCX_ERR("%s: \"space\" given twice", ctx);
		a->space = w[++i];
		if (!a->skip_checks &&
		    dcx_space_name_check(a->space, msg, sizeof(msg)))
			return DCX_ERR("%s: %s", ctx, msg);
	}
	*n = k;
	return 0;
}

static int dcx_args_eamt(struct dcx_args *a, int n, const char **w,
			 const char *ctx, char *err, size_t errlen)
{
	char msg[400];

	if (dcx_take_space(a, &n, w, ctx, err, errlen))
		return -1;
	if (a->file && a->cmd != DCX_CMD_ADD && a->cmd != DCX_CMD_DEL)
		return DCX_ERR("%s: --file is for eamt add and del", ctx);
	switch (a->cmd) {
	case DCX_CMD_ADD:
		if (a->file || (n == 1 && !strcmp(w[0], "-"))) {
			if (a->file && n)
				return DCX_ERR("%s: unexpected \"%s\" with --file",
					       ctx, w[0]);
			if (!a->file)
				a->file = "-";
			a->bulk = true;
			return 0;
		}
		if (n < 2)
			return DCX_ERR("%s: missing %s; usage: eamt add [space NAME] PREFIX4 PREFIX6 (e.g. 192.0.2.0/24 2001:db8:aaaa::/120), or eamt add - / --file FILE",
				       ctx, n ? "PREFIX6" : "PREFIX4 PREFIX6");
		if (n > 2)
			return DCX_ERR("%s: unexpected argument \"%s\"", ctx,
				       w[2]);
		if (dcx_eam_parse(w[0], w[1], &a->eam, msg, sizeof(msg)))
			return DCX_ERR("%s: %s", ctx, msg);
		a->eam_which = 46;
		return 0;
	case DCX_CMD_DEL:
		if (a->file || (n == 1 && !strcmp(w[0], "-"))) {
			if (a->file && n)
				return DCX_ERR("%s: unexpected \"%s\" with --file",
					       ctx, w[0]);
			if (!a->file)
				a->file = "-";
			a->bulk = true;
			return 0;
		}
		if (!n)
			return DCX_ERR("%s: missing PREFIX (the IPv4 or the IPv6 prefix of the entry, e.g. 192.0.2.0/24)",
				       ctx);
		if (n > 1)
			return DCX_ERR("%s: unexpected argument \"%s\"; give one of the two prefixes",
				       ctx, w[1]);
		if (strchr(w[0], ':')) {
			a->eam_which = 6;
			if (dcx_prefix6_parse_strict(w[0], true, &a->eam.p6,
						     msg, sizeof(msg)))
				return DCX_ERR("%s: %s", ctx, msg);
		} else {
			a->eam_which = 4;
			if (dcx_prefix4_parse(w[0], true, &a->eam.p4, msg,
					      sizeof(msg)))
				return DCX_ERR("%s: %s", ctx, msg);
		}
		return 0;
	default:
		if (n)
			return DCX_ERR("%s: unexpected argument \"%s\"; try \"dcxlat eamt help\"",
				       ctx, w[0]);
		return 0;
	}
}

static int dcx_args_global(struct dcx_args *a, int n, const char **w,
			   const char *ctx, char *err, size_t errlen)
{
	const struct dcx_setting_def *d;
	char msg[400];
	int i;

	if (a->cmd != DCX_CMD_SET) {
		if (n)
			return DCX_ERR("%s: unexpected argument \"%s\"", ctx,
				       w[0]);
		return 0;
	}
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
			if (dcx_u32_arg(ctx, "id", v, 1, 65535, &s->id, err,
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
			if (dcx_u32_arg(ctx, "table", v, 0, UINT32_MAX,
					&s->table, err, errlen))
				return -1;
			break;
		default:
			if (!strcmp(v, "none") || !strcmp(v, "unset"))
				break;
			if (dcx_dev_arg(ctx, "vrf", v, s->vrf, err, errlen))
				return -1;
		}
	}
	return 0;
}

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
			if (dcx_dev_arg(ctx, "dev", v, a->bind.dev, err,
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

static int dcx_args_space(struct dcx_args *a, int n, const char **w,
			  const char *ctx, char *err, size_t errlen)
{
	char msg[256];

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
			return DCX_ERR("%s: nothing to set; give id, prefix, table or vrf",
				       ctx);
		return 0;
	case DCX_CMD_BIND:
	case DCX_CMD_UNBIND:
		return dcx_bind_opts(a, n, w, ctx, err, errlen);
	default:
		if (n)
			return DCX_ERR("%s: unexpected argument \"%s\"", ctx,
				       w[0]);
		return 0;
	}
}

int dcx_args_cfg(struct dcx_args *a, int nargs, const char *const *args,
		 const char *ctx, char *err, size_t errlen)
{
	const char *w[DCX_MAX_WORDS];
	int i;

	if (nargs < 0)
		nargs = 0;
	for (i = 0; i < nargs && i < DCX_MAX_WORDS; i++)
		w[i] = args[i];
	switch (a->obj) {
	case DCX_OBJ_EAMT:
		return dcx_args_eamt(a, nargs, w, ctx, err, errlen);
	case DCX_OBJ_GLOBAL:
		return dcx_args_global(a, nargs, w, ctx, err, errlen);
	case DCX_OBJ_SPACE:
		return dcx_args_space(a, nargs, w, ctx, err, errlen);
	case DCX_OBJ_APPLY:
		if (nargs > 1)
			return DCX_ERR("%s: unexpected argument \"%s\"", ctx,
				       w[1]);
		if (nargs && a->file)
			return DCX_ERR("%s: give the FILE or --file, not both",
				       ctx);
		if (nargs)
			a->file = w[0];
		if (!a->file)
			return DCX_ERR("%s: missing FILE (JSON as \"dcxlat show\" prints it; \"-\" reads stdin)",
				       ctx);
		return 0;
	default:	/* show */
		if (a->file)
			return DCX_ERR("%s: --file is for eamt add and apply",
				       ctx);
		if (nargs)
			return DCX_ERR("%s: unexpected argument \"%s\"", ctx,
				       w[0]);
		return 0;
	}
}
