// SPDX-License-Identifier: GPL-2.0
/*
 * The model against the module: fz_model_init() creates the modelled
 * instances afresh and learns a new instance's settings; at the end
 * fz_model_compare() reads every modelled instance back (INSTANCE_GET
 * for existence and pool6, SETTINGS_GET, the SPACE_GET dump with the
 * bindings, one EAMT_GET dump per space) and counts every difference;
 * fz_model_json() writes the model in `dcxlat -j show`'s terms for the
 * selftest's second comparison, through the CLI.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include "uapi/dcxlat_settings.h"
#include "nlfuzz.h"
#include "model.h"
#include "gen.h"

#define FZ_KSPACES	64

/* What the module said about one instance. */
struct fz_kview {
	struct fz_prefix pool6;
	struct fz_set set[DCXLAT_SET_MAX + 1];
	struct {
		char name[16];
		uint32_t id;
		struct fz_prefix pfx;
		struct fz_mbind b[FZ_BINDS];
		int nb;
	} sp[FZ_KSPACES];
	int nsp;
	struct fz_eam *e;
	int ne, cap;
};

static void fz_get_prefix(const struct nlattr *nest, struct fz_prefix *p)
{
	const struct nlattr *a;
	int rem;

	memset(p, 0, sizeof(*p));
	fz_for_attrs(a, nest + 1, nest->nla_len - NLA_HDRLEN, rem) {
		if (a->nla_type == DCXLAT_PREFIX_ADDR && a->nla_len <= 20)
			memcpy(p->addr, a + 1, a->nla_len - NLA_HDRLEN);
		else if (a->nla_type == DCXLAT_PREFIX_LEN)
			p->len = *(const uint8_t *)(a + 1);
	}
	p->set = true;
}

static void fz_get_str(const struct nlattr *a, char *out, size_t n)
{
	snprintf(out, n, "%.*s", (int)(a->nla_len - NLA_HDRLEN),
		 (const char *)(a + 1));
}

static void fz_parse_settings(const uint8_t *attrs, size_t len, void *arg)
{
	struct fz_set *set = arg;
	const struct nlattr *a, *s;
	int rem, r2, id;

	fz_for_attrs(a, attrs, len, rem) {
		if ((a->nla_type & NLA_TYPE_MASK) != DCXLAT_A_SETTINGS)
			continue;
		fz_for_attrs(s, a + 1, a->nla_len - NLA_HDRLEN, r2) {
			id = s->nla_type & NLA_TYPE_MASK;
			if (id < 1 || id > DCXLAT_SET_MAX)
				continue;
			switch (fz_set_kind(id)) {
			case DCXLAT_ST_PREFIX4:
			case DCXLAT_ST_PREFIX6:
				fz_get_prefix(s, &set[id].pfx);
				break;
			case DCXLAT_ST_U32:
				memcpy(&set[id].val, s + 1, 4);
				break;
			case DCXLAT_ST_IFNAME:
				fz_get_str(s, set[id].str, 16);
				break;
			default:
				set[id].val = *(const uint8_t *)(s + 1);
			}
		}
	}
}

static void fz_parse_pool6(const uint8_t *attrs, size_t len, void *arg)
{
	const struct nlattr *a;
	int rem;

	fz_for_attrs(a, attrs, len, rem)
		if ((a->nla_type & NLA_TYPE_MASK) == DCXLAT_A_POOL6)
			fz_get_prefix(a, arg);
}

static void fz_parse_space(const uint8_t *attrs, size_t len, void *arg)
{
	struct fz_kview *v = arg;
	const struct nlattr *a, *s, *b;
	struct fz_mbind *mb;
	struct fz_prefix p;
	int rem, r2, r3, i;

	fz_for_attrs(a, attrs, len, rem) {
		if (fz_verbose && a->nla_type == DCXLAT_A_INSTANCE)
			fprintf(stderr, "nlfuzz:   dump of %s\n",
				(const char *)(a + 1));
		if ((a->nla_type & NLA_TYPE_MASK) != DCXLAT_A_SPACE_CFG ||
		    v->nsp == FZ_KSPACES)
			continue;
		i = v->nsp++;
		memset(&v->sp[i], 0, sizeof(v->sp[i]));	/* no stale fields */
		fz_for_attrs(s, a + 1, a->nla_len - NLA_HDRLEN, r2) {
			switch (s->nla_type & NLA_TYPE_MASK) {
			case DCXLAT_SPACE_NAME:
				fz_get_str(s, v->sp[i].name, 16);
				break;
			case DCXLAT_SPACE_ID:
				memcpy(&v->sp[i].id, s + 1, 4);
				break;
			case DCXLAT_SPACE_PREFIX:
				fz_get_prefix(s, &v->sp[i].pfx);
				break;
			case DCXLAT_SPACE_BIND:
				if (v->sp[i].nb == FZ_BINDS)
					break;
				mb = &v->sp[i].b[v->sp[i].nb++];
				fz_for_attrs(b, s + 1, s->nla_len - NLA_HDRLEN,
					     r3) {
					if (b->nla_type == DCXLAT_BIND_IFNAME)
						fz_get_str(b, mb->dev, 16);
					if ((b->nla_type & NLA_TYPE_MASK) !=
					    DCXLAT_BIND_PREFIX4)
						continue;
					fz_get_prefix(b, &p);
					memcpy(mb->v4, p.addr, 4);
					mb->len4 = p.len;
				}
			}
		}
	}
}

static void fz_parse_eams(const uint8_t *attrs, size_t len, void *arg)
{
	struct fz_kview *v = arg;
	const struct nlattr *a, *s;
	struct fz_prefix p;
	struct fz_eam e;
	int rem, r2;

	fz_for_attrs(a, attrs, len, rem) {
		if ((a->nla_type & NLA_TYPE_MASK) != DCXLAT_A_EAM)
			continue;
		memset(&e, 0, sizeof(e));
		fz_for_attrs(s, a + 1, a->nla_len - NLA_HDRLEN, r2) {
			switch (s->nla_type & NLA_TYPE_MASK) {
			case DCXLAT_EAM_PREFIX4:
				fz_get_prefix(s, &p);
				memcpy(e.v4, p.addr, 4);
				e.len4 = p.len;
				break;
			case DCXLAT_EAM_PREFIX6:
				fz_get_prefix(s, &p);
				memcpy(e.v6, p.addr, 16);
				e.len6 = p.len;
				break;
			case DCXLAT_EAM_REMOTE:
				e.remote = true;
			}
		}
		if (v->ne == v->cap) {
			v->cap = v->cap ? v->cap * 2 : 256;
			v->e = fz_xrealloc(v->e, v->cap * sizeof(*v->e));
		}
		v->e[v->ne++] = e;
	}
}

/* A request of the model's own on instance i (its answer in r). */
static void fz_ask(struct fz_sock *s, int cmd, bool dump, int inst,
		   const char *space, struct fz_res *r, fz_part_cb cb,
		   void *arg)
{
	struct fz_msg m = { 0 };

	fz_msg_init(&m, cmd, dump);
	fz_put_u32(&m, DCXLAT_A_ABI, DCXLAT_ABI_VERSION);
	fz_put_str(&m, DCXLAT_A_INSTANCE, fz_inst_names[inst]);
	if (space)
		fz_put_str(&m, DCXLAT_A_SPACE, space);
	fz_call(s, &m, r, cb, arg);
	fz_msg_free(&m);
}

void fz_model_init(struct fz_sock *s)
{
	struct fz_intent in = { .cmd = DCXLAT_CMD_INSTANCE_ADD };
	struct fz_res r;
	int i;

	for (i = 0; i < FZ_INSTANCES; i++) {
		fz_ask(s, DCXLAT_CMD_INSTANCE_DEL, false, i, NULL, &r, NULL,
		       NULL);
		fz_ask(s, DCXLAT_CMD_INSTANCE_ADD, false, i, NULL, &r, NULL,
		       NULL);
		if (r.err)
			fz_fail(&fz_cnt->expect_fail, "cannot add %s: %d %s",
				fz_inst_names[i], r.err, r.msg);
	}
	fz_ask(s, DCXLAT_CMD_SETTINGS_GET, false, 0, NULL, &r,
	       fz_parse_settings, fz_defaults);
	for (i = 0; i < FZ_INSTANCES; i++) {
		in.inst = i;
		fz_model_apply(&in);
	}
}

static int fz_eam_order(const void *pa, const void *pb)
{
	const struct fz_eam *a = pa, *b = pb;
	int d = memcmp(a->v4, b->v4, 4);

	return d ? d : a->len4 - b->len4;
}

static bool fz_pfx_eq(const struct fz_prefix *a, const struct fz_prefix *b)
{
	if (!a->set || !a->len || !b->set || !b->len)
		return (a->set && a->len) == (b->set && b->len);
	return a->len == b->len && !memcmp(a->addr, b->addr, 16);
}

static bool fz_set_eq(int id, const struct fz_set *a, const struct fz_set *b)
{
	switch (fz_set_kind(id)) {
	case DCXLAT_ST_PREFIX4:
	case DCXLAT_ST_PREFIX6:
		return a->pfx.len == b->pfx.len &&
		       !memcmp(a->pfx.addr, b->pfx.addr, 16);
	case DCXLAT_ST_IFNAME:
		return !strcmp(a->str, b->str);
	default:
		return a->val == b->val;
	}
}

/* EAM entries of space sp: model and one EAMT_GET dump. */
static int fz_cmp_eams(struct fz_sock *s, int i, int sp, struct fz_kview *v)
{
	struct fz_mspace *ms = &fz_m[i].live.sp[sp];
	struct fz_res r;
	int k;

	v->ne = 0;
	fz_ask(s, DCXLAT_CMD_EAMT_GET, true, i, fz_space_names[sp], &r,
	       fz_parse_eams, v);
	qsort(ms->e, ms->n, sizeof(*ms->e), fz_eam_order);
	qsort(v->e, v->ne, sizeof(*v->e), fz_eam_order);
	if (r.err || v->ne != ms->n) {
		fz_fail(&fz_cnt->model_fail,
			"%s space %s: %d EAM entries, model %d (dump %d %s)",
			fz_inst_names[i], fz_space_names[sp], v->ne, ms->n,
			r.err, r.msg);
		return 1;
	}
	for (k = 0; k < ms->n; k++) {
		if (fz_eam_same(&ms->e[k], &v->e[k]))
			continue;
		fz_fail(&fz_cnt->model_fail, "%s space %s: EAM entry %d differs",
			fz_inst_names[i], fz_space_names[sp], k);
		return 1;
	}
	return 0;
}

/* One space: id, prefix, bindings. */
static int fz_cmp_space(int i, int sp, struct fz_kview *v)
{
	const struct fz_cfg *c = &fz_m[i].live;
	int k, j, nb = 0;

	for (k = 0; k < v->nsp; k++)
		if (!strcmp(v->sp[k].name, fz_space_names[sp]))
			break;
	if (k == v->nsp || v->sp[k].id != c->sp[sp].id ||
	    !fz_pfx_eq(&v->sp[k].pfx, &c->sp[sp].pfx)) {
		fz_fail(&fz_cnt->model_fail,
			"%s space %s: %s (ID %u /%u, model %u /%u)",
			fz_inst_names[i], fz_space_names[sp],
			k == v->nsp ? "missing" : "ID or prefix differs",
			k < v->nsp ? v->sp[k].id : 0,
			k < v->nsp ? v->sp[k].pfx.len : 0, c->sp[sp].id,
			c->sp[sp].pfx.set ? c->sp[sp].pfx.len : 0);
		for (j = 0; fz_verbose && j < v->nsp; j++)
			fprintf(stderr, "nlfuzz:   dump space %s id %u /%u\n",
				v->sp[j].name, v->sp[j].id, v->sp[j].pfx.len);
		return 1;
	}
	for (j = 0; j < c->nb; j++) {
		const struct fz_mbind *b = &c->b[j];
		int x;

		if (b->space != sp)
			continue;
		nb++;
		for (x = 0; x < v->sp[k].nb; x++)
			if (!strcmp(v->sp[k].b[x].dev, b->dev) &&
			    v->sp[k].b[x].len4 == b->len4 &&
			    !memcmp(v->sp[k].b[x].v4, b->v4, 4))
				break;
		if (x == v->sp[k].nb)
			break;
	}
	if (j < c->nb || nb != v->sp[k].nb) {
		fz_fail(&fz_cnt->model_fail,
			"%s space %s: %d bindings, model %d (%s)",
			fz_inst_names[i], fz_space_names[sp], v->sp[k].nb, nb,
			j < c->nb ? c->b[j].dev : "");
		return 1;
	}
	return 0;
}

static int fz_cmp_instance(struct fz_sock *s, int i, struct fz_kview *v)
{
	const struct fz_cfg *c = &fz_m[i].live;
	struct fz_res r;
	int bad = 0, id, sp, used = 0;

	memset(&v->pool6, 0, sizeof(v->pool6));
	fz_ask(s, DCXLAT_CMD_INSTANCE_GET, false, i, NULL, &r, fz_parse_pool6,
	       &v->pool6);
	if (!fz_m[i].exists || r.err) {
		if (fz_m[i].exists != !r.err)
			fz_fail(&fz_cnt->model_fail, "%s: exists %d, GET %d",
				fz_inst_names[i], fz_m[i].exists, r.err);
		return fz_m[i].exists != !r.err;
	}
	if (!fz_pfx_eq(&v->pool6, &c->sp[0].pfx)) {
		bad += fz_fail(&fz_cnt->model_fail, "%s: pool6 differs",
			       fz_inst_names[i]);
		if (fz_verbose) {
			struct fz_sock n;

			memset(&v->pool6, 0, sizeof(v->pool6));
			if (!fz_open(&n))
				fz_ask(&n, DCXLAT_CMD_INSTANCE_GET, false, i,
				       NULL, &r, fz_parse_pool6, &v->pool6);
			fprintf(stderr, "nlfuzz: fresh socket: /%u set %d seq %u\n",
				v->pool6.len, v->pool6.set, s->seq);
		}
	}
	fz_ask(s, DCXLAT_CMD_SETTINGS_GET, false, i, NULL, &r,
	       fz_parse_settings, v->set);
	for (id = 1; id <= DCXLAT_SET_MAX; id++)
		if (!fz_set_eq(id, &v->set[id], &c->set[id]))
			bad += fz_fail(&fz_cnt->model_fail,
				       "%s: setting %d differs",
				       fz_inst_names[i], id);
	v->nsp = 0;
	fz_ask(s, DCXLAT_CMD_SPACE_GET, true, i, NULL, &r, fz_parse_space, v);
	for (sp = 0; sp < FZ_SPACES; sp++) {
		if (!c->sp[sp].used)
			continue;
		used++;
		bad += fz_cmp_space(i, sp, v);
		bad += fz_cmp_eams(s, i, sp, v);
	}
	if (used != v->nsp)
		bad += fz_fail(&fz_cnt->model_fail, "%s: %d spaces, model %d",
			       fz_inst_names[i], v->nsp, used);
	return bad;
}

int fz_model_compare(struct fz_sock *s)
{
	struct fz_kview *v = memset(fz_xrealloc(NULL, sizeof(*v)), 0,
				    sizeof(*v));
	int i, bad = 0;

	for (i = 0; i < FZ_INSTANCES; i++)
		bad += fz_cmp_instance(s, i, v);
	free(v->e);
	free(v);
	return bad;
}

/* ---- the model in `dcxlat -j show`'s words ---- */

static void fz_json_pfx(FILE *f, const struct fz_prefix *p, int family)
{
	char buf[INET6_ADDRSTRLEN];

	if (!p->set || !p->len) {
		fputs("null", f);
		return;
	}
	inet_ntop(family, p->addr, buf, sizeof(buf));
	fprintf(f, "\"%s/%u\"", buf, p->len);
}

static void fz_json_eams(FILE *f, const struct fz_mspace *s)
{
	char a4[INET_ADDRSTRLEN], a6[INET6_ADDRSTRLEN];
	int k;

	fputc('[', f);
	for (k = 0; k < s->n; k++) {
		inet_ntop(AF_INET, s->e[k].v4, a4, sizeof(a4));
		inet_ntop(AF_INET6, s->e[k].v6, a6, sizeof(a6));
		fprintf(f, "%s\"%s/%u %s/%u%s\"", k ? "," : "", a4,
			s->e[k].len4, a6, s->e[k].len6,
			s->e[k].remote ? " remote" : "");
	}
	fputc(']', f);
}

void fz_model_json(const char *path)
{
	FILE *f = fopen(path, "w");
	const struct fz_cfg *c;
	int i, sp, n;

	if (!f) {
		perror(path);
		return;
	}
	for (i = 0; i < FZ_INSTANCES; i++) {
		if (!fz_m[i].exists)
			continue;
		c = &fz_m[i].live;
		fprintf(f, "{\"instance\":\"%s\",\"pool6\":", fz_inst_names[i]);
		fz_json_pfx(f, &c->sp[0].pfx, AF_INET6);
		fputs(",\"eamt\":", f);
		fz_json_eams(f, &c->sp[0]);
		fputs(",\"spaces\":[", f);
		for (sp = 1, n = 0; sp < FZ_SPACES; sp++) {
			if (!c->sp[sp].used)
				continue;
			fprintf(f, "%s{\"name\":\"%s\",\"id\":%u,\"prefix\":",
				n++ ? "," : "", fz_space_names[sp],
				c->sp[sp].id);
			fz_json_pfx(f, &c->sp[sp].pfx, AF_INET6);
			fputs(",\"eamt\":", f);
			fz_json_eams(f, &c->sp[sp]);
			fputc('}', f);
		}
		fputs("]}\n", f);
	}
	fclose(f);
}
