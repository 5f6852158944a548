// SPDX-License-Identifier: GPL-2.0
/*
 * "dcxlat health" (see cmd_health.h). Each check adds one member to the
 * report's "checks" ({"ok": bool, "text", ...details}), one line of text;
 * the first failed check ends the run (what follows would only repeat
 * it). A module that is not loaded never reaches this file: main.c
 * reports it and exits 1, which is the same answer.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "uapi/dcxlat.h"
#include "cmd_apply.h"
#include "cmd_diff.h"
#include "cmd_health.h"
#include "cmd_instance.h"
#include "config_digest.h"
#include "format.h"
#include "msg.h"
#include "msg_instance.h"
#include "name.h"
#include "words.h"

/* --traffic: at most this many seconds. */
#define DCX_TRAFFIC_MAX 600.0

struct dcx_health {
	json_object *checks;	/* name -> {"ok", "text", details...} */
	bool ok;
};

int dcx_health_parse(struct dcx_args *a, int n, const char **w,
		     const char *ctx, char *err, size_t errlen)
{
	char *end;
	double s;

	dcx_word_name(a, NULL, DCX_DEFAULT_INSTANCE, ctx, err, errlen);
	if (a->file)
		return DCX_ERR("%s: --file is for eamt add, eamt del and apply; health reads --expect FILE",
			       ctx);
	if (a->traffic) {
		s = strtod(a->traffic, &end);
		if (end == a->traffic || *end || !(s > 0) ||
		    s > DCX_TRAFFIC_MAX)
			return DCX_ERR("%s: --traffic \"%s\": seconds, more than 0 and at most %.0f",
				       ctx, a->traffic, DCX_TRAFFIC_MAX);
	}
	return dcx_word_none(n, w, "", ctx, err, errlen);
}

/* Check name: ok, details (consumed, may be NULL), one text line. */
static bool dcx_check(struct dcx_health *h, const char *name, bool ok,
		      json_object *details, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static bool dcx_check(struct dcx_health *h, const char *name, bool ok,
		      json_object *details, const char *fmt, ...)
{
	json_object *o = details ? details : json_object_new_object();
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	json_object_object_add(o, "ok", json_object_new_boolean(ok));
	json_object_object_add(o, "text", json_object_new_string(line));
	json_object_object_add(h->checks, name, o);
	h->ok &= ok;
	return ok;
}

/* The running digest against FILE's; the differences counted. */
static int dcx_health_expect(struct dcx_health *h, struct dcx_nl *nl,
			     const char *inst, const char *file,
			     const struct dcx_uconfig *want,
			     struct dcx_err *e)
{
	char have[DCX_DIGEST_STRLEN], exp[DCX_DIGEST_STRLEN];
	json_object *changes = NULL, *d;
	struct dcx_uconfig cur;
	size_t n;
	int r;

	/* One dump for both the digest and the differences. */
	r = dcx_config_running(nl, inst, &cur, e);
	if (!r && (dcx_config_digest(&cur, have) ||
		   dcx_config_digest(want, exp)))
		r = dcx_err_set(e, -ENOMEM, "out of memory");
	if (!r)
		r = dcx_diff_configs(&cur, want, &changes, e);
	dcx_config_free(&cur);
	if (r)
		return r;
	n = json_object_array_length(changes);
	d = json_object_new_object();
	json_object_object_add(d, "file", json_object_new_string(file));
	json_object_object_add(d, "digest", json_object_new_string(have));
	json_object_object_add(d, "expected", json_object_new_string(exp));
	json_object_object_add(d, "changes", changes);
	if (!strcmp(have, exp) && !n)
		dcx_check(h, "config", true, d, "configuration %s as %s gives",
			  have, file);
	else
		dcx_check(h, "config", false, d,
			  "configuration %s, %s gives %s: %zu difference%s (dcxlat diff %s)",
			  have, file, exp, n, n == 1 ? "" : "s", file);
	return 0;
}

static int dcx_health_parse_stats(struct nlmsghdr *nlh, void *out)
{
	return dcx_msg_parse_stats(nlh, out);
}

static int dcx_health_stats(struct dcx_nl *nl, const char *inst,
			    uint64_t *xlat, struct dcx_err *e)
{
	struct dcx_stats_info *s = malloc(sizeof(*s));
	unsigned int t46 = DCXLAT_STAT_XLAT_46 + 1;
	unsigned int t64 = DCXLAT_STAT_XLAT_64 + 1;
	int r;

	if (!s)
		return dcx_err_set(e, -ENOMEM, "out of memory");
	r = dcx_nl_get_one(nl, dcx_nl_msg(dcx_msg_request(nl->family,
							  DCXLAT_CMD_STATS_GET,
							  0, nl->abi, inst,
							  NULL), e),
			   dcx_health_parse_stats, s, e);
	*xlat = s->val[t46] + s->val[t64];
	free(s);
	return r;
}

/* Translated packets (both directions) grow within secs seconds. */
static int dcx_health_traffic(struct dcx_health *h, struct dcx_nl *nl,
			      const char *inst, const char *secs,
			      struct dcx_err *e)
{
	double s = strtod(secs, NULL);
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	uint64_t before, after;
	json_object *d;
	int r;

	r = dcx_health_stats(nl, inst, &before, e);
	if (r)
		return r;
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	r = dcx_health_stats(nl, inst, &after, e);
	if (r)
		return r;
	d = json_object_new_object();
	json_object_object_add(d, "seconds", json_object_new_double(s));
	json_object_object_add(d, "translated",
			       json_object_new_uint64(after - before));
	dcx_check(h, "traffic", after > before, d,
		  "%llu packets translated in %s s",
		  (unsigned long long)(after - before), secs);
	return 0;
}

static int dcx_health_checks(struct dcx_health *h, const struct dcx_args *a,
			     struct dcx_nl *nl, const char *inst,
			     const struct dcx_uconfig *want,
			     struct dcx_err *e)
{
	struct dcx_inst_info info;
	int r;

	dcx_check(h, "module", true, NULL, "module loaded, ABI %d",
		  DCXLAT_ABI_VERSION);
	r = dcx_instance_get(nl, DCXLAT_CMD_INSTANCE_GET, inst, &info, e);
	if (r && r != -ENOENT)
		return r;
	if (!dcx_check(h, "instance", !r, NULL, "instance %s %s", inst,
		       r ? "does not exist" : "exists"))
		return 0;
	if (a->expect) {
		r = dcx_health_expect(h, nl, inst, a->expect, want, e);
		if (r || !h->ok)
			return r;
	}
	if (a->traffic)
		return dcx_health_traffic(h, nl, inst, a->traffic, e);
	return 0;
}

static void dcx_health_text(FILE *out, json_object *checks)
{
	json_object *v;

	json_object_object_foreach(checks, key, c) {
		if (!json_object_object_get_ex(c, "ok", &v))
			continue;
		fprintf(out, "%-4s %-8s %s\n",
			json_object_get_boolean(v) ? "ok" : "FAIL", key,
			json_object_get_string(json_object_object_get(c,
								      "text")));
	}
}

int dcx_health_run(const struct dcx_args *a, struct dcx_nl *nl, bool *usage,
		   struct dcx_err *e)
{
	struct dcx_health h = { json_object_new_object(), true };
	const char *inst = a->name;
	struct dcx_uconfig want;
	json_object *o;
	int r = 0;

	dcx_config_init(&want);
	if (a->expect) {
		r = dcx_config_load(a->expect, &want, usage, e);
		inst = dcx_config_target(a, &want);
	}
	if (!r)
		r = dcx_health_checks(&h, a, nl, inst, &want, e);
	dcx_config_free(&want);
	if (r) {
		json_object_put(h.checks);
		return r;
	}
	if (a->json) {
		o = json_object_new_object();
		json_object_object_add(o, "instance",
				       json_object_new_string(inst));
		json_object_object_add(o, "healthy",
				       json_object_new_boolean(h.ok));
		json_object_object_add(o, "checks", h.checks);
		if (dcx_json_print(stdout, o, a->pretty))
			return dcx_err_set(e, -EIO, "cannot write the output");
	} else {
		dcx_health_text(stdout, h.checks);
		printf("%s\n", h.ok ? "healthy" : "NOT healthy");
		json_object_put(h.checks);
	}
	return h.ok ? 0 : DCX_RUN_NO;
}
