// SPDX-License-Identifier: GPL-2.0
/*
 * EAM tables (see cmd_eamt.h). A bulk file is read and checked whole
 * first (syntax and overlaps, eam.h); when the kernel refuses an entry,
 * what the earlier messages did is undone, so that the table ends as it
 * was. "show" streams the dump: a million entries print without a
 * json-c object each.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "uapi/dcxlat.h"
#include "cmd_eamt.h"
#include "msg_eamt.h"
#include "words.h"

/* "-" or --file: a bulk file. 1 when it is one, 0 when not, -1 with err. */
static int dcx_eamt_bulk_words(struct dcx_args *a, int n, const char **w,
			       const char *ctx, char *err, size_t errlen)
{
	if (!a->file && !(n == 1 && !strcmp(w[0], "-")))
		return 0;
	if (a->file && n)
		return DCX_ERR("%s: unexpected \"%s\" with --file", ctx, w[0]);
	if (!a->file)
		a->file = "-";
	a->bulk = true;
	return 1;
}

int dcx_eamt_parse(struct dcx_args *a, int n, const char **w,
		   const char *ctx, char *err, size_t errlen)
{
	char msg[400];
	int r;

	dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
	if (dcx_word_space(a, &n, w, ctx, err, errlen))
		return -1;
	if (a->file && a->cmd != DCX_CMD_ADD && a->cmd != DCX_CMD_DEL)
		return DCX_ERR("%s: --file is for eamt add and del", ctx);
	switch (a->cmd) {
	case DCX_CMD_ADD:
		r = dcx_eamt_bulk_words(a, n, w, ctx, err, errlen);
		if (r)
			return r > 0 ? 0 : r;
		if (n < 2)
			return DCX_ERR("%s: missing %s; usage: eamt add [space NAME] PREFIX4 PREFIX6 [local|remote] (e.g. 192.0.2.0/24 2001:db8:aaaa::/120), or eamt add - / --file FILE",
				       ctx, n ? "PREFIX6" : "PREFIX4 PREFIX6");
		if (n > 3)
			return DCX_ERR("%s: unexpected argument \"%s\"", ctx,
				       w[3]);
		if (dcx_eam_parse(w[0], w[1], &a->eam, msg, sizeof(msg)) ||
		    dcx_eam_parse_scope(n > 2 ? w[2] : NULL, &a->eam, msg,
					sizeof(msg)))
			return DCX_ERR("%s: %s", ctx, msg);
		a->eam_which = 46;
		return 0;
	case DCX_CMD_DEL:
		r = dcx_eamt_bulk_words(a, n, w, ctx, err, errlen);
		if (r)
			return r > 0 ? 0 : r;
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
		return dcx_word_none(n, w, "; try \"dcxlat eamt help\"", ctx,
				     err, errlen);
	}
}

int dcx_eamt_send(struct dcx_nl *nl, uint8_t cmd, const char *inst,
		  const char *space, const struct dcx_ueam *v, size_t n,
		  int which, size_t *failed, size_t *sent, struct dcx_err *e)
{
	struct nl_msg *m;
	size_t i = 0, first;
	int r;

	while (i < n) {
		m = dcx_nl_new(nl, cmd, 0, inst, space, e);
		if (!m)
			return e->code;
		first = i;
		while (i < n && nlmsg_datalen(nlmsg_hdr(m)) < DCX_EAM_BATCH) {
			if (dcx_msg_put_eam(m, &v[i], which))
				return dcx_nl_toobig(m, e);
			i++;
		}
		r = dcx_nl_send(nl, m, e);
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

/* The bulk file of a, read and checked for overlaps, into vec. */
static int dcx_eamt_read(const struct dcx_args *a, const char *fname,
			 struct dcx_eam_vec *vec, bool *usage,
			 struct dcx_err *e)
{
	FILE *f = stdin;
	int r;

	if (strcmp(a->file, "-")) {
		f = fopen(a->file, "r");
		if (!f)
			return dcx_err_set(e, -errno, "cannot open %s: %s",
					   a->file, strerror(errno));
	}
	r = dcx_eam_read(f, fname, vec, e->msg, sizeof(e->msg));
	if (f != stdin)
		fclose(f);
	if (!r)
		r = dcx_eam_check_overlaps(vec->v, vec->n, true,
					   dcx_line_label, fname, e->msg,
					   sizeof(e->msg));
	if (!r)
		r = dcx_eam_check_overlaps(vec->v, vec->n, false,
					   dcx_line_label, fname, e->msg,
					   sizeof(e->msg));
	if (r) {
		*usage = true;
		e->code = -EINVAL;
	}
	return r ? e->code : 0;
}

/* eamt add/del - | --file F. */
static int dcx_eamt_bulk(const struct dcx_args *a, struct dcx_nl *nl,
			 bool *usage, struct dcx_err *e)
{
	bool add = a->cmd == DCX_CMD_ADD;
	const char *fname = strcmp(a->file, "-") ? a->file : "stdin";
	struct dcx_eam_vec vec = { NULL, 0, 0 };
	size_t failed = 0, sent = 0, f2, s2, l;
	struct dcx_err undo;
	char where[300];
	int r;

	r = dcx_eamt_read(a, fname, &vec, usage, e);
	if (r) {
		dcx_eam_vec_free(&vec);
		return r;
	}
	r = dcx_eamt_send(nl, add ? DCXLAT_CMD_EAMT_ADD : DCXLAT_CMD_EAMT_DEL,
			  a->name, a->space, vec.v, vec.n, add ? 46 : 4,
			  &failed, &sent, e);
	if (r) {
		snprintf(where, sizeof(where), "%s:%u", fname,
			 vec.v[failed].tag);
		dcx_err_blame(e, where);
		l = strlen(e->msg);
		/* The messages before the refused one went through: undo. */
		if (sent && dcx_eamt_send(nl, add ? DCXLAT_CMD_EAMT_DEL :
					  DCXLAT_CMD_EAMT_ADD, a->name,
					  a->space, vec.v, sent, add ? 4 : 46,
					  &f2, &s2, &undo))
			snprintf(e->msg + l, sizeof(e->msg) - l,
				 "; undoing the %zu entries before it failed too (%s): the table is partly changed",
				 sent, undo.msg);
		else
			snprintf(e->msg + l, sizeof(e->msg) - l,
				 " (nothing was %s)", add ? "added" : "removed");
	}
	dcx_eam_vec_free(&vec);
	return r;
}

static int dcx_eamt_one(const struct dcx_args *a, struct dcx_nl *nl,
			uint8_t cmd, struct dcx_err *e)
{
	struct nl_msg *m = dcx_nl_new(nl, cmd, 0, a->name, a->space, e);

	if (!m)
		return e->code;
	if (cmd != DCXLAT_CMD_EAMT_FLUSH &&
	    dcx_msg_put_eam(m, &a->eam, a->eam_which))
		return dcx_nl_toobig(m, e);
	return dcx_nl_send(nl, m, e);
}

int dcx_eamt_add(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		 struct dcx_err *e)
{
	if (a->bulk)
		return dcx_eamt_bulk(a, nl, usage, e);
	return dcx_eamt_one(a, nl, DCXLAT_CMD_EAMT_ADD, e);
}

int dcx_eamt_del(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		 struct dcx_err *e)
{
	if (a->bulk)
		return dcx_eamt_bulk(a, nl, usage, e);
	return dcx_eamt_one(a, nl, DCXLAT_CMD_EAMT_DEL, e);
}

int dcx_eamt_flush(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	(void)usage;
	return dcx_eamt_one(a, nl, DCXLAT_CMD_EAMT_FLUSH, e);
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
			"%s\n  {\n    \"prefix4\": \"%s\",\n    \"prefix6\": \"%s\",\n    \"remote\": %s\n  }" :
			"%s{\"prefix4\":\"%s\",\"prefix6\":\"%s\",\"remote\":%s}",
			s->n++ ? "," : "[",
			dcx_prefix4_str(&ue->p4, a4, sizeof(a4)),
			dcx_prefix_str(&ue->p6, a6, sizeof(a6)),
			ue->remote ? "true" : "false");
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
static int dcx_eamt_dump_to(struct dcx_nl *nl, const char *inst,
			    const char *space, struct dcx_eam_sink *sink,
			    bool *intr, struct dcx_err *e)
{
	struct nl_msg *m = dcx_nl_new(nl, DCXLAT_CMD_EAMT_GET, NLM_F_DUMP,
				      inst, space, e);

	if (!m)
		return e->code;
	return dcx_nl_request(nl, m, dcx_eam_msg, sink, intr, e);
}

int dcx_eamt_dump(struct dcx_nl *nl, const char *inst, const char *space,
		  struct dcx_eam_vec *vec, bool *intr, struct dcx_err *e)
{
	struct dcx_eam_sink s = { DCX_SINK_VEC, false, 0, vec };

	return dcx_eamt_dump_to(nl, inst, space, &s, intr, e);
}

static const char dcx_warn_intr[] =
	"dcxlat: warning: the EAM table changed during the dump; entries added or removed meanwhile may be missing\n";

int dcx_eamt_show(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		  struct dcx_err *e)
{
	struct dcx_eam_sink s = { a->json ? DCX_SINK_JSON : DCX_SINK_TEXT,
				  a->pretty, 0, NULL };
	bool intr = false;
	int r;

	(void)usage;
	r = dcx_eamt_dump_to(nl, a->name, a->space, &s, &intr, e);
	if (intr)
		fputs(dcx_warn_intr, stderr);
	if (a->json && !r)
		fputs(!s.n ? "[]\n" : a->pretty ? "\n]\n" : "]\n", stdout);
	return r;
}
