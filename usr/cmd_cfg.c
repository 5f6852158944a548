// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration commands: EAMT (single and bulk), global settings,
 * spaces and bindings, and the whole-configuration apply/show, which
 * builds the new configuration in a transaction (TXN_BEGIN ... COMMIT) so
 * that it replaces the old one in one step or not at all.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <netlink/msg.h>
#include "uapi/dcxlat.h"
#include "cmd_cfg.h"
#include "format.h"
#include "msg.h"

/* Dumps interrupted by a change are retried this often by "show". */
#define DCX_SHOW_TRIES 3

static int dcx_fail(struct dcx_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int dcx_fail(struct dcx_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

/* Prefix e->msg with "what: ". */
static int dcx_blame(struct dcx_err *e, const char *what)
{
	size_t w = strlen(what) + 2, l = strlen(e->msg);

	if (w >= sizeof(e->msg))
		return e->code;
	if (l + w >= sizeof(e->msg))
		l = sizeof(e->msg) - w - 1;
	memmove(e->msg + w, e->msg, l);
	e->msg[w + l] = '\0';
	memcpy(e->msg, what, w - 2);
	memcpy(e->msg + w - 2, ": ", 2);
	return e->code;
}

static struct nl_msg *dcx_new(struct dcx_nl *nl, uint8_t cmd, int flags,
			      const char *inst, const char *space,
			      struct dcx_err *e)
{
	struct nl_msg *m = dcx_msg_new(nl->family, cmd, flags, nl->abi, inst,
				       space);

	if (!m)
		dcx_fail(e, -ENOMEM, "out of memory");
	return m;
}

static int dcx_send(struct dcx_nl *nl, struct nl_msg *m, struct dcx_err *e)
{
	return dcx_nl_request(nl, m, NULL, NULL, NULL, e);
}

static int dcx_toobig(struct nl_msg *m, struct dcx_err *e)
{
	nlmsg_free(m);
	return dcx_fail(e, -EMSGSIZE, "request too large");
}

/* ---- EAM ------------------------------------------------------------ */

/*
 * Send v[0..n) in messages of up to DCX_EAM_BATCH bytes. On error *failed
 * is the entry the kernel refused (or the first of its message) and *sent
 * the number of entries of the earlier messages, which were applied.
 */
static int dcx_eam_send(struct dcx_nl *nl, uint8_t cmd, const char *inst,
			const char *space, const struct dcx_ueam *v, size_t n,
			int which, size_t *failed, size_t *sent,
			struct dcx_err *e)
{
	struct nl_msg *m;
	size_t i = 0, first;
	int r;

	while (i < n) {
		m = dcx_new(nl, cmd, 0, inst, space, e);
		if (!m)
			return e->code;
		first = i;
		while (i < n && nlmsg_datalen(nlmsg_hdr(m)) < DCX_EAM_BATCH) {
			if (dcx_msg_put_eam(m, &v[i], which))
				return dcx_toobig(m, e);
			i++;
		}
		r = dcx_send(nl, m, e);
		if (r) {
			*sent = first;
			*failed = first + (e->eam_index >= 0 ?
					   (size_t)e->eam_index : 0);
			if (*failed >= i)
				*failed = first;
			return r;
		}
	}
	return 0;
}

static const char *dcx_line_label(unsigned int tag, const void *ctx,
				  char *buf, size_t len)
{
	snprintf(buf, len, "%s:%u", (const char *)ctx, tag);
	return buf;
}

/*
 * eamt add/del - | --file F: the whole file is checked first; when the
 * kernel refuses an entry, what the earlier messages did is undone (the
 * refused message undid itself), so the table ends as it was.
 */
static int dcx_eamt_bulk(const struct dcx_args *a, struct dcx_nl *nl,
			 bool *usage, struct dcx_err *e)
{
	bool add = a->cmd == DCX_CMD_ADD;
	const char *fname = strcmp(a->file, "-") ? a->file : "stdin";
	struct dcx_eam_vec vec = { NULL, 0, 0 };
	size_t failed = 0, sent = 0, f2, s2;
	struct dcx_err undo;
	char where[300];
	FILE *f = stdin;
	int r;

	if (strcmp(a->file, "-")) {
		f = fopen(a->file, "r");
		if (!f)
			return dcx_fail(e, -errno, "cannot open %s: %s",
					a->file, strerror(errno));
	}
	r = dcx_eam_read(f, fname, &vec, e->msg, sizeof(e->msg));
	if (f != stdin)
		fclose(f);
	if (!r)
		r = dcx_eam_check_overlaps(vec.v, vec.n, true, dcx_line_label,
					   fname, e->msg, sizeof(e->msg));
	if (!r)
		r = dcx_eam_check_overlaps(vec.v, vec.n, false, dcx_line_label,
					   fname, e->msg, sizeof(e->msg));
	if (r) {
		*usage = true;
		dcx_eam_vec_free(&vec);
		e->code = -EINVAL;
		return e->code;
	}
	r = dcx_eam_send(nl, add ? DCXLAT_CMD_EAMT_ADD : DCXLAT_CMD_EAMT_DEL,
			 a->name, a->space, vec.v, vec.n, add ? 46 : 4,
			 &failed, &sent, e);
	if (r) {
		snprintf(where, sizeof(where), "%s:%u", fname,
			 vec.v[failed].tag);
		dcx_blame(e, where);
		/* The messages before the refused one went through: undo. */
		if (sent && dcx_eam_send(nl, add ? DCXLAT_CMD_EAMT_DEL :
					 DCXLAT_CMD_EAMT_ADD, a->name,
					 a->space, vec.v, sent, add ? 4 : 46,
					 &f2, &s2, &undo)) {
			size_t l = strlen(e->msg);

			snprintf(e->msg + l, sizeof(e->msg) - l,
				 "; undoing the %zu entries before it failed too (%s): the table is partly changed",
				 sent, undo.msg);
		} else {
			size_t l = strlen(e->msg);

			snprintf(e->msg + l, sizeof(e->msg) - l,
				 " (nothing was %s)", add ? "added" : "removed");
		}
	}
	dcx_eam_vec_free(&vec);
	return r;
}

static int dcx_eamt_one(const struct dcx_args *a, struct dcx_nl *nl,
			uint8_t cmd, struct dcx_err *e)
{
	struct nl_msg *m = dcx_new(nl, cmd, 0, a->name, a->space, e);

	if (!m)
		return e->code;
	if (cmd != DCXLAT_CMD_EAMT_FLUSH &&
	    dcx_msg_put_eam(m, &a->eam, a->eam_which))
		return dcx_toobig(m, e);
	return dcx_send(nl, m, e);
}

/* Where dumped entries go: stdout as text or JSON, or a vector. */
enum dcx_sink_mode { DCX_SINK_VEC, DCX_SINK_TEXT, DCX_SINK_JSON };

struct dcx_eam_sink {
	enum dcx_sink_mode mode;
	bool pretty;
	size_t n;
	struct dcx_eam_vec *vec;
};

static int dcx_eam_take(const struct dcx_ueam *ue, void *arg)
{
	struct dcx_eam_sink *s = arg;
	char a4[DCX_PREFIX4_STRLEN], a6[DCX_PREFIX_STRLEN];
	char buf[DCX_EAM_STRLEN];

	switch (s->mode) {
	case DCX_SINK_TEXT:
		fprintf(stdout, "%s\n", dcx_eam_str(ue, buf, sizeof(buf)));
		return 0;
	case DCX_SINK_JSON:
		/*
		 * Streamed, not built with json-c: a million objects would
		 * cost a hash table each. Prefixes need no escaping.
		 */
		fprintf(stdout, s->pretty ?
			"%s\n  {\n    \"prefix4\": \"%s\",\n    \"prefix6\": \"%s\"\n  }" :
			"%s{\"prefix4\":\"%s\",\"prefix6\":\"%s\"}",
			s->n++ ? "," : "[",
			dcx_prefix4_str(&ue->p4, a4, sizeof(a4)),
			dcx_prefix_str(&ue->p6, a6, sizeof(a6)));
		return 0;
	default:
		return dcx_eam_vec_push(s->vec, ue) ? -ENOMEM : 0;
	}
}

static int dcx_eam_msg(struct nlmsghdr *nlh, void *arg)
{
	return dcx_msg_parse_eams(nlh, dcx_eam_take, arg);
}

/* Dump a space's entries into sink. */
static int dcx_eam_dump_to(struct dcx_nl *nl, const char *inst,
			   const char *space, struct dcx_eam_sink *sink,
			   bool *intr, struct dcx_err *e)
{
	struct nl_msg *m = dcx_new(nl, DCXLAT_CMD_EAMT_GET, NLM_F_DUMP, inst,
				   space, e);

	if (!m)
		return e->code;
	return dcx_nl_request(nl, m, dcx_eam_msg, sink, intr, e);
}

/* Dump a space's entries into vec. */
static int dcx_eam_dump(struct dcx_nl *nl, const char *inst,
			const char *space, struct dcx_eam_vec *vec, bool *intr,
			struct dcx_err *e)
{
	struct dcx_eam_sink s = { DCX_SINK_VEC, false, 0, vec };

	return dcx_eam_dump_to(nl, inst, space, &s, intr, e);
}

static const char dcx_warn_intr[] =
	"dcxlat: warning: the EAM table changed during the dump; entries added or removed meanwhile may be missing\n";

static int dcx_eamt_show(const struct dcx_args *a, struct dcx_nl *nl,
			 struct dcx_err *e)
{
	struct dcx_eam_sink s = { a->json ? DCX_SINK_JSON : DCX_SINK_TEXT,
				  a->pretty, 0, NULL };
	bool intr = false;
	int r;

	r = dcx_eam_dump_to(nl, a->name, a->space, &s, &intr, e);
	if (intr)
		fputs(dcx_warn_intr, stderr);
	if (a->json && !r)
		fputs(!s.n ? "[]\n" : a->pretty ? "\n]\n" : "]\n", stdout);
	return r;
}

static int dcx_cmd_eamt(const struct dcx_args *a, struct dcx_nl *nl,
			bool *usage, struct dcx_err *e)
{
	switch (a->cmd) {
	case DCX_CMD_ADD:
		if (a->bulk)
			return dcx_eamt_bulk(a, nl, usage, e);
		return dcx_eamt_one(a, nl, DCXLAT_CMD_EAMT_ADD, e);
	case DCX_CMD_DEL:
		if (a->bulk)
			return dcx_eamt_bulk(a, nl, usage, e);
		return dcx_eamt_one(a, nl, DCXLAT_CMD_EAMT_DEL, e);
	case DCX_CMD_FLUSH:
		return dcx_eamt_one(a, nl, DCXLAT_CMD_EAMT_FLUSH, e);
	default:
		return dcx_eamt_show(a, nl, e);
	}
}

/* ---- settings ------------------------------------------------------- */

static int dcx_settings_msg(struct nlmsghdr *nlh, void *arg)
{
	return dcx_msg_parse_settings(nlh, arg);
}

static int dcx_settings_get(struct dcx_nl *nl, const char *inst,
			    struct dcx_settings *s, struct dcx_err *e)
{
	struct nl_msg *m = dcx_new(nl, DCXLAT_CMD_SETTINGS_GET, 0, inst, NULL,
				   e);

	memset(s, 0, sizeof(*s));
	if (!m)
		return e->code;
	return dcx_nl_request(nl, m, dcx_settings_msg, s, NULL, e);
}

static int dcx_settings_set(struct dcx_nl *nl, const char *inst,
			    const struct dcx_settings *s, struct dcx_err *e)
{
	struct nl_msg *m = dcx_new(nl, DCXLAT_CMD_SETTINGS_SET, 0, inst, NULL,
				   e);

	if (!m)
		return e->code;
	if (dcx_msg_put_settings(m, s))
		return dcx_toobig(m, e);
	return dcx_send(nl, m, e);
}

static int dcx_cmd_global(const struct dcx_args *a, struct dcx_nl *nl,
			  struct dcx_err *e)
{
	struct dcx_settings s;
	int r;

	if (a->cmd == DCX_CMD_SET)
		return dcx_settings_set(nl, a->name, &a->set, e);
	r = dcx_settings_get(nl, a->name, &s, e);
	if (r)
		return r;
	if (a->json)
		return dcx_json_print(stdout, dcx_settings_json(&s), a->pretty) ?
		       -EIO : 0;
	dcx_settings_text(stdout, &s);
	return 0;
}

/* ---- spaces --------------------------------------------------------- */

struct dcx_space_list {
	struct dcx_uspace *v;
	size_t n;
	int err;
};

static void dcx_space_names(struct dcx_uspace *s)
{
	size_t i;

	if (s->vrf_ifindex && !if_indextoname((unsigned int)s->vrf_ifindex,
					      s->vrf))
		snprintf(s->vrf, sizeof(s->vrf), "if%d", s->vrf_ifindex);
	for (i = 0; i < s->nbinds; i++)
		if (!if_indextoname((unsigned int)s->binds[i].ifindex,
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

static void dcx_space_list_free(struct dcx_space_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		dcx_space_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* One space (name) or all of them (name NULL). */
static int dcx_spaces_get(struct dcx_nl *nl, const char *inst,
			  const char *name, struct dcx_space_list *l,
			  bool *intr, struct dcx_err *e)
{
	struct nl_msg *m = dcx_new(nl, DCXLAT_CMD_SPACE_GET,
				   name ? 0 : NLM_F_DUMP, inst, name, e);

	if (!m)
		return e->code;
	return dcx_nl_request(nl, m, dcx_space_msg, l, intr, e);
}

static int dcx_space_show(const struct dcx_args *a, struct dcx_nl *nl,
			  struct dcx_err *e)
{
	struct dcx_space_list l = { NULL, 0, 0 };
	json_object *arr;
	bool intr = false;
	size_t i;
	int r;

	r = dcx_spaces_get(nl, a->name, a->space, &l, &intr, e);
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

static int dcx_ifindex(const char *what, const char *dev, int *out,
		       struct dcx_err *e)
{
	unsigned int i = if_nametoindex(dev);

	if (!i)
		return dcx_fail(e, -ENODEV,
				"%s: no device \"%s\" in this network namespace",
				what, dev);
	*out = (int)i;
	return 0;
}

static int dcx_space_add_set(struct dcx_nl *nl, uint8_t cmd, const char *inst,
			     struct dcx_uspace *s, unsigned int mask,
			     struct dcx_err *e)
{
	struct nl_msg *m;

	s->vrf_ifindex = 0;
	if ((mask & DCX_SP_VRF) && *s->vrf &&
	    dcx_ifindex("vrf", s->vrf, &s->vrf_ifindex, e))
		return e->code;
	m = dcx_new(nl, cmd, 0, inst, NULL, e);
	if (!m)
		return e->code;
	if (dcx_msg_put_space(m, s, mask))
		return dcx_toobig(m, e);
	return dcx_send(nl, m, e);
}

static int dcx_bind(struct dcx_nl *nl, uint8_t cmd, const char *inst,
		    const char *space, struct dcx_ubind *b, struct dcx_err *e)
{
	struct nl_msg *m;

	if (dcx_ifindex("dev", b->dev, &b->ifindex, e))
		return e->code;
	m = dcx_new(nl, cmd, 0, inst, space, e);
	if (!m)
		return e->code;
	if (dcx_msg_put_bind(m, b))
		return dcx_toobig(m, e);
	return dcx_send(nl, m, e);
}

static int dcx_cmd_space(const struct dcx_args *a, struct dcx_nl *nl,
			 struct dcx_err *e)
{
	struct dcx_uspace sp = a->sp;
	struct dcx_ubind b = a->bind;
	struct nl_msg *m;

	switch (a->cmd) {
	case DCX_CMD_ADD:
		return dcx_space_add_set(nl, DCXLAT_CMD_SPACE_ADD, a->name, &sp,
					 a->sp_mask, e);
	case DCX_CMD_SET:
		return dcx_space_add_set(nl, DCXLAT_CMD_SPACE_SET, a->name, &sp,
					 a->sp_mask, e);
	case DCX_CMD_DEL:
		m = dcx_new(nl, DCXLAT_CMD_SPACE_DEL, 0, a->name, a->space, e);
		return m ? dcx_send(nl, m, e) : e->code;
	case DCX_CMD_BIND:
		return dcx_bind(nl, DCXLAT_CMD_BIND_ADD, a->name, a->space, &b,
				e);
	case DCX_CMD_UNBIND:
		return dcx_bind(nl, DCXLAT_CMD_BIND_DEL, a->name, a->space, &b,
				e);
	default:
		return dcx_space_show(a, nl, e);
	}
}

/* ---- whole configuration -------------------------------------------- */

static int dcx_read_all(const char *path, char **out, size_t *len,
			struct dcx_err *e)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t cap = 1 << 16, n = 0, k;
	char *buf, *nb;

	if (!f)
		return dcx_fail(e, -errno, "cannot open %s: %s", path,
				strerror(errno));
	buf = malloc(cap);
	while (buf) {
		k = fread(buf + n, 1, cap - n - 1, f);
		n += k;
		if (n < cap - 1)
			break;
		cap *= 2;
		nb = realloc(buf, cap);
		if (!nb) {
			free(buf);
			buf = NULL;
		}
		buf = nb;
	}
	if (!buf || ferror(f)) {
		int err = buf ? -errno : -ENOMEM;

		free(buf);
		if (f != stdin)
			fclose(f);
		return dcx_fail(e, err, "cannot read %s: %s", path,
				strerror(-err));
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static int dcx_resolve(struct dcx_uconfig *c, struct dcx_err *e)
{
	char what[96];
	size_t k, i;

	for (k = 0; k <= c->nspaces; k++) {
		struct dcx_uspace *s = k ? &c->spaces[k - 1] : &c->def;
		const char *base = k ? "spaces[" : "";

		if (*s->vrf) {
			snprintf(what, sizeof(what), "spaces[%zu].vrf", k - 1);
			if (dcx_ifindex(what, s->vrf, &s->vrf_ifindex, e))
				return e->code;
		}
		for (i = 0; i < s->nbinds; i++) {
			if (k)
				snprintf(what, sizeof(what),
					 "%s%zu].bindings[%zu].dev", base,
					 k - 1, i);
			else
				snprintf(what, sizeof(what),
					 "bindings[%zu].dev", i);
			if (dcx_ifindex(what, s->binds[i].dev,
					&s->binds[i].ifindex, e))
				return e->code;
		}
	}
	return 0;
}

static int dcx_simple(struct dcx_nl *nl, uint8_t cmd, const char *inst,
		      struct dcx_err *e)
{
	struct nl_msg *m = dcx_new(nl, cmd, 0, inst, NULL, e);

	return m ? dcx_send(nl, m, e) : e->code;
}

/* Space k's part of the transaction: the space, its bindings, its EAMT. */
static int dcx_apply_space(struct dcx_nl *nl, const char *inst,
			   struct dcx_uspace *s, size_t k, struct dcx_err *e)
{
	unsigned int mask = DCX_SP_ID | DCX_SP_TABLE;
	char what[96], base[32] = "";
	struct nl_msg *m;
	size_t i, failed = 0, sent = 0;

	if (k) {
		snprintf(base, sizeof(base), "spaces[%zu].", k - 1);
		if (s->has_prefix)
			mask |= DCX_SP_PREFIX;
		if (*s->vrf)
			mask |= DCX_SP_VRF;
		m = dcx_new(nl, DCXLAT_CMD_SPACE_ADD, 0, inst, NULL, e);
		if (!m)
			return e->code;
		if (dcx_msg_put_space(m, s, mask))
			return dcx_toobig(m, e);
		if (dcx_send(nl, m, e)) {
			snprintf(what, sizeof(what), "spaces[%zu]", k - 1);
			return dcx_blame(e, what);
		}
	}
	for (i = 0; i < s->nbinds; i++) {
		m = dcx_new(nl, DCXLAT_CMD_BIND_ADD, 0, inst, s->name, e);
		if (!m)
			return e->code;
		if (dcx_msg_put_bind(m, &s->binds[i]))
			return dcx_toobig(m, e);
		if (dcx_send(nl, m, e)) {
			snprintf(what, sizeof(what), "%sbindings[%zu]", base, i);
			return dcx_blame(e, what);
		}
	}
	if (dcx_eam_send(nl, DCXLAT_CMD_EAMT_ADD, inst, s->name, s->eamt.v,
			 s->eamt.n, 46, &failed, &sent, e)) {
		snprintf(what, sizeof(what), "%seamt[%zu]", base, failed);
		return dcx_blame(e, what);
	}
	return 0;
}

static int dcx_apply_txn(struct dcx_nl *nl, const char *inst,
			 struct dcx_uconfig *c, struct dcx_err *e)
{
	struct nl_msg *m;
	size_t k;

	if (dcx_settings_set(nl, inst, &c->settings, e))
		return dcx_blame(e, "settings");
	if (c->has_pool6) {
		m = dcx_msg_request(nl->family, DCXLAT_CMD_POOL6_SET, 0,
				    nl->abi, inst, &c->pool6);
		if (!m)
			return dcx_fail(e, -ENOMEM, "out of memory");
		if (dcx_send(nl, m, e))
			return dcx_blame(e, "pool6");
	}
	for (k = 0; k <= c->nspaces; k++)
		if (dcx_apply_space(nl, inst, k ? &c->spaces[k - 1] : &c->def,
				    k, e))
			return e->code;
	return dcx_simple(nl, DCXLAT_CMD_TXN_COMMIT, inst, e);
}

static int dcx_cmd_apply(const struct dcx_args *a, struct dcx_nl *nl,
			 bool *usage, struct dcx_err *e)
{
	const char *fname = strcmp(a->file, "-") ? a->file : "stdin";
	struct dcx_inst_info info;
	struct dcx_uconfig c;
	struct dcx_err ign;
	bool created = false;
	const char *inst;
	size_t len = 0;
	char *text = NULL;
	int r;

	r = dcx_read_all(a->file, &text, &len, e);
	if (r)
		return r;
	dcx_config_init(&c);
	r = dcx_config_parse(text, len, fname, &c, e->msg, sizeof(e->msg));
	free(text);
	if (r) {
		*usage = true;
		e->code = -EINVAL;
		goto out;
	}
	inst = a->instance ? a->instance : *c.instance ? c.instance :
	       a->name;
	r = dcx_resolve(&c, e);
	if (r)
		goto out;
	r = dcx_nl_get_inst(nl, DCXLAT_CMD_INSTANCE_GET, inst, &info, e);
	if (r == -ENOENT) {
		r = dcx_nl_change(nl, DCXLAT_CMD_INSTANCE_ADD, inst, NULL, e);
		created = !r;
	}
	if (r)
		goto out;
	r = dcx_simple(nl, DCXLAT_CMD_TXN_BEGIN, inst, e);
	if (r)
		goto undo;
	r = dcx_apply_txn(nl, inst, &c, e);
	if (r) {
		/* Closing the socket would abort it too; say it now. */
		dcx_simple(nl, DCXLAT_CMD_TXN_ABORT, inst, &ign);
		goto undo;
	}
	goto out;
undo:
	if (created)
		dcx_nl_change(nl, DCXLAT_CMD_INSTANCE_DEL, inst, NULL, &ign);
out:
	dcx_config_free(&c);
	return r;
}

/* The running configuration of inst into c. */
static int dcx_config_get(struct dcx_nl *nl, const char *inst,
			  struct dcx_uconfig *c, bool *intr, struct dcx_err *e)
{
	struct dcx_space_list l = { NULL, 0, 0 };
	struct dcx_inst_info info;
	bool i2 = false;
	size_t k, n = 0;
	int r;

	r = dcx_nl_get_inst(nl, DCXLAT_CMD_INSTANCE_GET, inst, &info, e);
	if (r)
		return r;
	snprintf(c->instance, sizeof(c->instance), "%s", inst);
	c->has_pool6 = info.has_pool6;
	c->pool6 = info.pool6;
	r = dcx_settings_get(nl, inst, &c->settings, e);
	if (r)
		return r;
	r = dcx_spaces_get(nl, inst, NULL, &l, intr, e);
	if (r == -EOPNOTSUPP) {
		/* A module without spaces: the default space only. */
		r = 0;
	}
	if (r)
		goto out;
	c->spaces = calloc(l.n ? l.n : 1, sizeof(*c->spaces));
	if (!c->spaces) {
		r = dcx_fail(e, -ENOMEM, "out of memory");
		goto out;
	}
	for (k = 0; k < l.n; k++) {
		struct dcx_uspace *s;

		if (!strcmp(l.v[k].name, "default")) {
			s = &c->def;
			free(s->binds);
			s->binds = l.v[k].binds;
			s->nbinds = l.v[k].nbinds;
			l.v[k].binds = NULL;
			continue;
		}
		s = &c->spaces[n++];
		*s = l.v[k];
		memset(&l.v[k], 0, sizeof(l.v[k]));
		s->has_eam_count = false;
	}
	c->nspaces = n;
	r = dcx_eam_dump(nl, inst, NULL, &c->def.eamt, &i2, e);
	*intr |= i2;
	for (k = 0; !r && k < c->nspaces; k++) {
		r = dcx_eam_dump(nl, inst, c->spaces[k].name,
				 &c->spaces[k].eamt, &i2, e);
		*intr |= i2;
	}
out:
	dcx_space_list_free(&l);
	return r;
}

static int dcx_cmd_show(const struct dcx_args *a, struct dcx_nl *nl,
			struct dcx_err *e)
{
	struct dcx_uconfig c;
	bool intr = false;
	int tries, r;

	for (tries = 0; tries < DCX_SHOW_TRIES; tries++) {
		dcx_config_init(&c);
		memset(&c.settings, 0, sizeof(c.settings));
		intr = false;
		r = dcx_config_get(nl, a->name, &c, &intr, e);
		if (r || !intr)
			break;
		dcx_config_free(&c);
	}
	if (!r && intr)
		fputs("dcxlat: warning: the configuration kept changing during the dump; it may mix old and new state\n",
		      stderr);
	if (!r)
		r = dcx_json_print(stdout, dcx_config_to_json(&c),
				   a->pretty || !a->json) ? -EIO : 0;
	dcx_config_free(&c);
	return r;
}

int dcx_cmd_cfg(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		struct dcx_err *e)
{
	memset(e, 0, sizeof(*e));
	e->eam_index = -1;
	*usage = false;
	switch (a->obj) {
	case DCX_OBJ_EAMT:
		return dcx_cmd_eamt(a, nl, usage, e);
	case DCX_OBJ_GLOBAL:
		return dcx_cmd_global(a, nl, e);
	case DCX_OBJ_SPACE:
		return dcx_cmd_space(a, nl, e);
	case DCX_OBJ_APPLY:
		return dcx_cmd_apply(a, nl, usage, e);
	default:
		return dcx_cmd_show(a, nl, e);
	}
}
