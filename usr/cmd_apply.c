// SPDX-License-Identifier: GPL-2.0
/*
 * Whole configurations (see cmd_apply.h). apply reads and checks the
 * whole file first (config_parse.c: a bad file sends nothing), resolves
 * every device, creates the instance if needed, then builds the new
 * configuration in a transaction (TXN_BEGIN ... COMMIT) so that it
 * replaces the old one in one step or not at all; on a refusal it aborts
 * and deletes an instance it created. apply --check does all of that but
 * aborts instead of committing: the module checks every part, nothing
 * changes; without the instance it stages into a scratch instance
 * ("check-PID", deleted again). show reads the running
 * configuration back with dumps, retried when a change interrupts them.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "uapi/dcxlat.h"
#include "cmd_apply.h"
#include "cmd_eamt.h"
#include "cmd_global.h"
#include "cmd_instance.h"
#include "cmd_space.h"
#include "config.h"
#include "config_digest.h"
#include "config_parse.h"
#include "config_print.h"
#include "msg.h"
#include "msg_space.h"
#include "name.h"
#include "words.h"

/* Dumps interrupted by a change are retried this often by "show". */
#define DCX_SHOW_TRIES 3

int dcx_apply_parse(struct dcx_args *a, int n, const char **w,
		    const char *ctx, char *err, size_t errlen)
{
	dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
	if (n > 1)
		return DCX_ERR("%s: unexpected argument \"%s\"", ctx, w[1]);
	if (n && a->file)
		return DCX_ERR("%s: give the FILE or --file, not both", ctx);
	if (n)
		a->file = w[0];
	if (!a->file)
		return DCX_ERR("%s: missing FILE (JSON as \"dcxlat show\" prints it; \"-\" reads stdin)",
			       ctx);
	return 0;
}

int dcx_show_parse(struct dcx_args *a, int n, const char **w,
		   const char *ctx, char *err, size_t errlen)
{
	dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
	if (a->file)
		return DCX_ERR("%s: --file is for eamt add, eamt del and apply", ctx);
	if (a->expect)
		return DCX_ERR("%s: --expect is for health", ctx);
	return dcx_word_none(n, w, "", ctx, err, errlen);
}

static int dcx_read_all(const char *path, char **out, size_t *len,
			struct dcx_err *e)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t cap = 1 << 16, n = 0, k;
	char *buf, *nb;

	if (!f)
		return dcx_err_set(e, -errno, "cannot open %s: %s", path,
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
		return dcx_err_set(e, err, "cannot read %s: %s", path,
				   strerror(-err));
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int dcx_config_load(const char *file, struct dcx_uconfig *c, bool *usage,
		    struct dcx_err *e)
{
	const char *fname = strcmp(file, "-") ? file : "stdin";
	size_t len = 0;
	char *text = NULL;
	int r;

	dcx_config_init(c);
	r = dcx_read_all(file, &text, &len, e);
	if (r)
		return r;
	r = dcx_config_parse(text, len, fname, c, e->msg, sizeof(e->msg));
	free(text);
	if (r) {
		*usage = true;
		return e->code = -EINVAL;
	}
	return 0;
}

const char *dcx_config_target(const struct dcx_args *a,
			      const struct dcx_uconfig *c)
{
	return a->instance ? a->instance : *c->instance ? c->instance :
	       a->name;
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
		m = dcx_nl_new(nl, DCXLAT_CMD_SPACE_ADD, 0, inst, NULL, e);
		if (!m)
			return e->code;
		if (dcx_msg_put_space(m, s, mask))
			return dcx_nl_toobig(m, e);
		if (dcx_nl_send(nl, m, e)) {
			snprintf(what, sizeof(what), "spaces[%zu]", k - 1);
			return dcx_err_blame(e, what);
		}
	}
	for (i = 0; i < s->nbinds; i++) {
		m = dcx_nl_new(nl, DCXLAT_CMD_BIND_ADD, 0, inst, s->name, e);
		if (!m)
			return e->code;
		if (dcx_msg_put_bind(m, &s->binds[i]))
			return dcx_nl_toobig(m, e);
		if (dcx_nl_send(nl, m, e)) {
			snprintf(what, sizeof(what), "%sbindings[%zu]", base, i);
			return dcx_err_blame(e, what);
		}
	}
	if (dcx_eamt_send(nl, DCXLAT_CMD_EAMT_ADD, inst, s->name, s->eamt.v,
			  s->eamt.n, 46, &failed, &sent, e)) {
		snprintf(what, sizeof(what), "%seamt[%zu]", base, failed);
		return dcx_err_blame(e, what);
	}
	return 0;
}

/* Inside TXN_BEGIN: settings, pool6, every space; then COMMIT (ABORT). */
static int dcx_apply_txn(struct dcx_nl *nl, const char *inst,
			 struct dcx_uconfig *c, bool commit, struct dcx_err *e)
{
	struct nl_msg *m;
	size_t k;

	if (dcx_global_put(nl, inst, &c->settings, e))
		return dcx_err_blame(e, "settings");
	if (c->has_pool6) {
		m = dcx_nl_msg(dcx_msg_request(nl->family, DCXLAT_CMD_POOL6_SET,
					       0, nl->abi, inst, &c->pool6), e);
		if (!m)
			return e->code;
		if (dcx_nl_send(nl, m, e))
			return dcx_err_blame(e, "pool6");
	}
	for (k = 0; k <= c->nspaces; k++)
		if (dcx_apply_space(nl, inst, k ? &c->spaces[k - 1] : &c->def,
				    k, e))
			return e->code;
	return dcx_nl_simple(nl, commit ? DCXLAT_CMD_TXN_COMMIT :
			     DCXLAT_CMD_TXN_ABORT, inst, NULL, e);
}

int dcx_apply_run(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		  struct dcx_err *e)
{
	struct dcx_inst_info info;
	struct dcx_uconfig c;
	struct dcx_err ign;
	bool created = false;
	char scratch[DCXLAT_NAME_MAX];
	const char *inst;
	int r;

	r = dcx_config_load(a->file, &c, usage, e);
	if (r)
		goto out;
	inst = dcx_config_target(a, &c);
	/* VRFs and bindings go by name: missing devices wait for theirs. */
	r = dcx_instance_get(nl, DCXLAT_CMD_INSTANCE_GET, inst, &info, e);
	if (r == -ENOENT && a->check) {
		snprintf(scratch, sizeof(scratch), "check-%d", (int)getpid());
		inst = scratch;
	}
	if (r == -ENOENT) {
		r = dcx_instance_change(nl, DCXLAT_CMD_INSTANCE_ADD, inst, NULL,
					e);
		created = !r;
	}
	if (r)
		goto out;
	r = dcx_nl_simple(nl, DCXLAT_CMD_TXN_BEGIN, inst, NULL, e);
	if (r)
		goto undo;
	r = dcx_apply_txn(nl, inst, &c, !a->check, e);
	if (!r && a->check && created)
		goto undo;
	if (r) {
		/* Closing the socket would abort it too; say it now. */
		dcx_nl_simple(nl, DCXLAT_CMD_TXN_ABORT, inst, NULL, &ign);
		goto undo;
	}
	goto out;
undo:
	if (created)
		dcx_instance_change(nl, DCXLAT_CMD_INSTANCE_DEL, inst, NULL,
				    &ign);
out:
	dcx_config_free(&c);
	return r;
}

/* The spaces of list l into c: "default" is c->def, the others move. */
static int dcx_config_take_spaces(struct dcx_uconfig *c,
				  struct dcx_space_list *l, struct dcx_err *e)
{
	size_t k, n = 0;

	c->spaces = calloc(l->n ? l->n : 1, sizeof(*c->spaces));
	if (!c->spaces)
		return dcx_err_set(e, -ENOMEM, "out of memory");
	for (k = 0; k < l->n; k++) {
		struct dcx_uspace *s;

		if (!strcmp(l->v[k].name, "default")) {
			s = &c->def;
			free(s->binds);
			s->binds = l->v[k].binds;
			s->nbinds = l->v[k].nbinds;
			l->v[k].binds = NULL;
			continue;
		}
		s = &c->spaces[n++];
		*s = l->v[k];
		memset(&l->v[k], 0, sizeof(l->v[k]));
		s->has_eam_count = false;
	}
	c->nspaces = n;
	return 0;
}

/* The running configuration of inst into c. */
static int dcx_config_get(struct dcx_nl *nl, const char *inst,
			  struct dcx_uconfig *c, bool *intr, struct dcx_err *e)
{
	struct dcx_space_list l = { NULL, 0, 0 };
	struct dcx_inst_info info;
	bool i2 = false;
	size_t k;
	int r;

	r = dcx_instance_get(nl, DCXLAT_CMD_INSTANCE_GET, inst, &info, e);
	if (r)
		return r;
	snprintf(c->instance, sizeof(c->instance), "%s", inst);
	c->has_pool6 = info.has_pool6;
	c->pool6 = info.pool6;
	r = dcx_global_get(nl, inst, &c->settings, e);
	if (r)
		return r;
	r = dcx_space_list_get(nl, inst, NULL, &l, intr, e);
	if (r == -EOPNOTSUPP) {
		/* A module without spaces: the default space only. */
		r = 0;
	}
	if (!r)
		r = dcx_config_take_spaces(c, &l, e);
	if (r)
		goto out;
	r = dcx_eamt_dump(nl, inst, NULL, &c->def.eamt, &i2, e);
	*intr |= i2;
	for (k = 0; !r && k < c->nspaces; k++) {
		r = dcx_eamt_dump(nl, inst, c->spaces[k].name,
				  &c->spaces[k].eamt, &i2, e);
		*intr |= i2;
	}
out:
	dcx_space_list_free(&l);
	return r;
}

int dcx_config_running(struct dcx_nl *nl, const char *inst,
		       struct dcx_uconfig *c, struct dcx_err *e)
{
	bool intr = false;
	int tries, r;

	for (tries = 0; tries < DCX_SHOW_TRIES; tries++) {
		dcx_config_init(c);
		memset(&c->settings, 0, sizeof(c->settings));
		intr = false;
		r = dcx_config_get(nl, inst, c, &intr, e);
		if (r || !intr)
			break;
		dcx_config_free(c);
	}
	if (!r && intr)
		fputs("dcxlat: warning: the configuration kept changing during the dump; it may mix old and new state\n",
		      stderr);
	return r;
}

int dcx_show_run(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		 struct dcx_err *e)
{
	char hex[DCX_DIGEST_STRLEN];
	struct dcx_uconfig c;
	int r;

	(void)usage;
	r = dcx_config_running(nl, a->name, &c, e);
	if (!r && a->digest) {
		if (dcx_config_digest(&c, hex))
			r = dcx_err_set(e, -ENOMEM, "out of memory");
		else if (a->json)
			r = dcx_json_print(stdout,
					   dcx_digest_json(a->name, hex),
					   a->pretty) ? -EIO : 0;
		else
			printf("%s\n", hex);
	} else if (!r) {
		r = dcx_json_print(stdout, dcx_config_to_json(&c),
				   a->pretty || !a->json) ? -EIO : 0;
	}
	dcx_config_free(&c);
	return r;
}
