// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz's structured requests: an intent (struct fz_intent) drawn from
 * small pools of names, prefixes and values, so that duplicates, overlaps
 * and out-of-range values come up often; the message built from it (or
 * from it with a defect: wrong ABI, no instance, an unknown instance);
 * and, on the modelled instances, the checks of its outcome: a defective
 * request is refused, an EAMT_ADD is accepted exactly when the model says
 * it fits, a TXN_COMMIT/ABORT without a transaction is refused; an
 * accepted request goes into the model. fz_intent_random() and
 * fz_build() also serve garble.c on unmodelled instances.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include "uapi/dcxlat_settings.h"
#include "nlfuzz.h"
#include "gen.h"

#define FZ_HUGE_MAX	1500

static struct fz_eam fz_eams[FZ_HUGE_MAX];
static bool fz_has4[FZ_HUGE_MAX], fz_has6[FZ_HUGE_MAX];

/* RFC 6052 candidates: valid ones, clashing ones and refused ones. */
static const struct fz_prefix fz_p6[] = {
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64 }, 96, true },
	{ { 0, 0x64, 0xff, 0x9b }, 96, true },
	{ { 0x20, 0x01, 0x0d, 0xb8, 1, 0 }, 40, true },
	{ { 0x20, 0x01, 0x0d, 0xb8, 0x0a, 0x41 }, 48, true },
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 5, 0, 1 }, 96, true },
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 5, 0, 2 }, 96, true },
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 5, 0, 3 }, 64, true },
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0xe0 }, 48, true },	/* EAM v6 */
	{ { 0xfe, 0x80 }, 64, true },				/* reserved */
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64 }, 95, true },	/* length */
	{ { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64, [15] = 1 }, 96, true },
	{ { 0 }, 0, true },					/* unset */
};
#define FZ_NP6	(int)(sizeof(fz_p6) / sizeof(fz_p6[0]))

#define FZ_SET_ROW(id, name, type, def, lo, hi, vals, doc, rfc)	\
	[DCXLAT_SET_##id] = { DCXLAT_ST_##type, lo, hi },
static const struct {
	int type;
	uint32_t lo, hi;
} fz_settings[DCXLAT_SET_MAX + 1] = {
	DCXLAT_SETTINGS(FZ_SET_ROW)
};

int fz_set_kind(int id)
{
	return fz_settings[id].type;
}

uint32_t fz_set_lo(int id)
{
	return fz_settings[id].lo;
}

uint32_t fz_set_hi(int id)
{
	return fz_settings[id].hi;
}

static const char *const fz_devs[] = { "fzd0", "fzd1", "lo", "fzd2" };

int fz_pick_space(void)
{
	return fz_one_in(3) ? -1 : (int)fz_rn(FZ_SPACES);
}

/* One EAM entry from the pools; sometimes defective on purpose. */
static void fz_eam_random(struct fz_eam *e)
{
	static const uint8_t lens[] = { 32, 32, 32, 31, 30, 28, 24, 20 };
	uint32_t v4, mask;

	memset(e, 0, sizeof(*e));
	e->len4 = lens[fz_rn(sizeof(lens))];
	mask = e->len4 ? ~0u << (32 - e->len4) : 0;
	v4 = (10u << 24 | fz_rn(2) << 16 | fz_rn(4) << 8 | fz_rn(256)) & mask;
	if (fz_one_in(25))
		v4 |= 1;		/* host bits, maybe */
	e->v4[0] = v4 >> 24;
	e->v4[1] = v4 >> 16;
	e->v4[2] = v4 >> 8;
	e->v4[3] = v4;
	e->len6 = 96 + e->len4;
	if (fz_one_in(25))
		e->len6 -= 1 + fz_rn(8);	/* suffix lengths differ */
	e->v6[0] = 0x20;
	e->v6[1] = 0x01;
	e->v6[2] = 0x0d;
	e->v6[3] = 0xb8;
	if (fz_one_in(6)) {		/* inside a space prefix */
		e->v6[5] = 5;
		e->v6[7] = 1 + fz_rn(2);
	} else {
		e->v6[5] = 0xe0;
		e->v6[7] = fz_rn(3);
	}
	memcpy(e->v6 + 12, e->v4, 4);
	e->remote = fz_one_in(20);
}

static void fz_eams_huge(struct fz_intent *in)
{
	uint32_t base = fz_rn(4) * 4096, v4;
	int k;

	in->neam = 200 + fz_rn(FZ_HUGE_MAX - 200);
	for (k = 0; k < in->neam; k++) {
		struct fz_eam *e = &in->eams[k];

		memset(e, 0, sizeof(*e));
		v4 = (172u << 24 | 16u << 16) + base + k;
		e->v4[0] = v4 >> 24;
		e->v4[1] = v4 >> 16;
		e->v4[2] = v4 >> 8;
		e->v4[3] = v4;
		e->len4 = 32;
		e->len6 = 128;
		e->v6[0] = 0x20;
		e->v6[1] = 0x01;
		e->v6[2] = 0x0d;
		e->v6[3] = 0xb8;
		e->v6[4] = 0x0f;
		memcpy(e->v6 + 12, e->v4, 4);
		in->has4[k] = in->has6[k] = true;
	}
	if (fz_one_in(4))	/* the last one clashes: all or nothing */
		in->eams[in->neam - 1] = in->eams[0];
}

/* EAMT_DEL elements: entries of the model (or random ones). */
static void fz_eams_del(struct fz_intent *in, bool modelled)
{
	int sp = in->space < 0 ? 0 : in->space, n = 0, k, j;

	if (modelled && fz_model_space(in->inst, sp))
		n = fz_model_neam(in->inst, sp);
	in->neam = 1 + fz_rn(3);
	if (n > 200 && fz_one_in(8))
		in->neam = n / 2;
	for (k = 0; k < in->neam; k++) {
		in->has4[k] = true;
		in->has6[k] = true;
		if (!n || fz_one_in(8)) {
			fz_eam_random(&in->eams[k]);
		} else {
			j = in->neam > 3 ? k : (int)fz_rn(n);
			in->eams[k] = *fz_model_eam(in->inst, sp, j);
			if (fz_one_in(20))
				in->eams[k].v6[15] ^= 1; /* maps elsewhere */
		}
		if (fz_one_in(3))
			in->has4[k] = !(in->has6[k] = fz_one_in(2));
	}
}

/* A value for setting id: in range, or (1 in 8) not. */
static void fz_setting_random(struct fz_intent *in, int id)
{
	static const struct { uint8_t a[16]; uint8_t len; } v4s[] = {
		{ { 0 }, 0 }, { { 192, 0, 0, 8 }, 32 },
		{ { 198, 51, 100 }, 24 }, { { 192, 0, 0, 9 }, 24 },
	}, v6s[] = {
		{ { 0 }, 0 }, { { 0x20, 1, 0xd, 0xb8, 0xff, 0xff }, 64 },
		{ { 0x20, 1, 0xd, 0xb8, [15] = 1 }, 128 },
		{ { 0x20, 1, 0xd, 0xb8, 0xb, 0 }, 48 },
		{ { 0x20, 1, 0xd, 0xb8, 0xb, 0 }, 80 },
		{ { 0x20, 1, 0xd, 0xb8, 0xb, 0 }, 96 },
		{ { 0x20, 1, 0xd, 0xb8, 0xb, 1 }, 20 },
	};
	static const char *const names[] = { "", "fzd0", "lo", "a/b" };
	struct fz_prefix *p = &in->set_pfx[id];
	bool bad = fz_one_in(8);
	int k;

	in->set_has[id] = true;
	switch (fz_set_kind(id)) {
	case DCXLAT_ST_PREFIX4:
		k = fz_rn(sizeof(v4s) / sizeof(v4s[0]));
		memcpy(p->addr, v4s[k].a, 16);
		p->len = v4s[k].len + (bad ? 9 : 0);
		break;
	case DCXLAT_ST_PREFIX6:
		k = fz_rn(sizeof(v6s) / sizeof(v6s[0]));
		memcpy(p->addr, v6s[k].a, 16);
		p->len = v6s[k].len;
		break;
	case DCXLAT_ST_IFNAME:
		snprintf(in->set_str[id], 16, "%s", names[fz_rn(4)]);
		break;
	default:
		in->set_val[id] = fz_set_lo(id) +
			fz_rn(fz_set_hi(id) - fz_set_lo(id) + 1);
		if (bad)
			in->set_val[id] = fz_one_in(2) ? fz_set_hi(id) + 1 :
					  fz_set_lo(id) - 1;
		if (fz_set_kind(id) != DCXLAT_ST_U32)
			in->set_val[id] &= 0xff;	/* what a u8 holds */
	}
}

void fz_intent_random(struct fz_intent *in, int cmd, int inst,
		      bool modelled)
{
	const struct fz_prefix *p = &fz_p6[fz_rn(FZ_NP6)];
	int k;

	memset(in, 0, sizeof(*in));
	in->cmd = cmd;
	in->inst = inst;
	in->space = fz_pick_space();
	in->eams = fz_eams;
	in->has4 = fz_has4;
	in->has6 = fz_has6;
	switch (cmd) {
	case DCXLAT_CMD_POOL6_SET:
		in->pfx = p->len ? *p : fz_p6[0];
		break;
	case DCXLAT_CMD_EAMT_ADD:
		if (fz_one_in(40)) {
			fz_eams_huge(in);
			break;
		}
		in->neam = 1 + fz_rn(fz_one_in(4) ? 30 : 3);
		for (k = 0; k < in->neam; k++) {
			fz_eam_random(&in->eams[k]);
			in->has4[k] = in->has6[k] = true;
		}
		break;
	case DCXLAT_CMD_EAMT_DEL:
		fz_eams_del(in, modelled);
		break;
	case DCXLAT_CMD_SETTINGS_SET:
		for (k = 1 + fz_rn(4); k > 0; k--)
			fz_setting_random(in, 1 + fz_rn(DCXLAT_SET_MAX));
		break;
	case DCXLAT_CMD_SPACE_ADD:
	case DCXLAT_CMD_SPACE_SET:
		in->space = fz_rn(FZ_SPACES);
		if (cmd == DCXLAT_CMD_SPACE_ADD && in->space == 0)
			in->space = 1 + fz_rn(FZ_SPACES - 1);
		in->has_id = cmd == DCXLAT_CMD_SPACE_ADD || fz_one_in(5);
		in->id = fz_one_in(30) ? 70000 : 1 + fz_rn(6);
		in->has_pfx = fz_one_in(2);
		in->pfx = *p;
		break;
	case DCXLAT_CMD_SPACE_DEL:
		in->space = fz_rn(FZ_SPACES);
		break;
	case DCXLAT_CMD_BIND_ADD:
	case DCXLAT_CMD_BIND_DEL:
		snprintf(in->dev, sizeof(in->dev), "%s", fz_devs[fz_rn(4)]);
		k = fz_rn(4);
		in->b4[0] = k ? 10 : 0;
		in->b4[1] = k == 2 ? 1 : 0;
		in->b4[3] = k == 3 ? 1 : 0;	/* host bits: refused */
		in->blen4 = k ? (k == 2 ? 16 : 8) : 0;
		break;
	}
}

/* The message of an intent, to instance name (defect: see fz_defect). */
void fz_build(struct fz_msg *m, const struct fz_intent *in, const char *name,
	      bool dump, int defect)
{
	int k, id;

	fz_msg_init(m, in->cmd, dump);
	fz_put_u32(m, DCXLAT_A_ABI, defect == FZ_DEF_ABI ?
		   DCXLAT_ABI_VERSION + 1 + fz_rn(100) : DCXLAT_ABI_VERSION);
	if (defect != FZ_DEF_NOINST)
		fz_put_str(m, DCXLAT_A_INSTANCE,
			   defect == FZ_DEF_UNKNOWN ? "fz-none" : name);
	if (in->space >= 0 && in->cmd != DCXLAT_CMD_SPACE_ADD &&
	    in->cmd != DCXLAT_CMD_SPACE_SET)
		fz_put_str(m, DCXLAT_A_SPACE, fz_space_names[in->space]);
	switch (in->cmd) {
	case DCXLAT_CMD_POOL6_SET:
		fz_put_prefix(m, DCXLAT_A_POOL6, in->pfx.addr, 16, in->pfx.len);
		break;
	case DCXLAT_CMD_EAMT_ADD:
	case DCXLAT_CMD_EAMT_DEL:
		for (k = 0; k < in->neam; k++) {
			fz_nest(m, DCXLAT_A_EAM);
			if (in->has4[k])
				fz_put_prefix(m, DCXLAT_EAM_PREFIX4,
					      in->eams[k].v4, 4,
					      in->eams[k].len4);
			if (in->has6[k])
				fz_put_prefix(m, DCXLAT_EAM_PREFIX6,
					      in->eams[k].v6, 16,
					      in->eams[k].len6);
			if (in->eams[k].remote)
				fz_put(m, DCXLAT_EAM_REMOTE, NULL, 0);
			fz_nest_end(m);
		}
		break;
	case DCXLAT_CMD_SETTINGS_SET:
		fz_nest(m, DCXLAT_A_SETTINGS);
		for (id = 1; id <= DCXLAT_SET_MAX; id++) {
			if (!in->set_has[id])
				continue;
			switch (fz_set_kind(id)) {
			case DCXLAT_ST_PREFIX4:
			case DCXLAT_ST_PREFIX6:
				fz_put_prefix(m, id, in->set_pfx[id].addr,
					      fz_set_kind(id) ==
					      DCXLAT_ST_PREFIX4 ? 4 : 16,
					      in->set_pfx[id].len);
				break;
			case DCXLAT_ST_U32:
				fz_put_u32(m, id, in->set_val[id]);
				break;
			case DCXLAT_ST_IFNAME:
				fz_put_str(m, id, in->set_str[id]);
				break;
			default:
				fz_put_u8(m, id, (uint8_t)in->set_val[id]);
			}
		}
		fz_nest_end(m);
		break;
	case DCXLAT_CMD_SPACE_ADD:
	case DCXLAT_CMD_SPACE_SET:
		fz_nest(m, DCXLAT_A_SPACE_CFG);
		fz_put_str(m, DCXLAT_SPACE_NAME, fz_space_names[in->space]);
		if (in->has_id)
			fz_put_u32(m, DCXLAT_SPACE_ID, in->id);
		if (in->has_pfx)
			fz_put_prefix(m, DCXLAT_SPACE_PREFIX, in->pfx.addr, 16,
				      in->pfx.len);
		fz_nest_end(m);
		break;
	case DCXLAT_CMD_BIND_ADD:
	case DCXLAT_CMD_BIND_DEL:
		fz_nest(m, DCXLAT_A_BIND);
		if (!strcmp(in->dev, "lo") && fz_one_in(2))
			fz_put_u32(m, DCXLAT_BIND_IFINDEX, 1);
		else
			fz_put_str(m, DCXLAT_BIND_IFNAME, in->dev);
		if (in->blen4 || fz_one_in(2))
			fz_put_prefix(m, DCXLAT_BIND_PREFIX4, in->b4, 4,
				      in->blen4);
		fz_nest_end(m);
		break;
	}
}

/* The model's prediction for EAMT_ADD: 1 accept, 0 refuse, -1 unknown. */
static int fz_predict(const struct fz_intent *in)
{
	int sp = in->space < 0 ? 0 : in->space, k, fits = 1;

	switch (in->cmd) {
	case DCXLAT_CMD_TXN_COMMIT:
	case DCXLAT_CMD_TXN_ABORT:
		return fz_model_staging(in->inst) ? 1 : 0;
	case DCXLAT_CMD_TXN_BEGIN:
		return fz_model_staging(in->inst) ? 0 : -1;
	case DCXLAT_CMD_EAMT_ADD:
		break;
	default:
		return -1;
	}
	if (!fz_model_space(in->inst, sp))
		return 0;
	/* Entry by entry, each against the model and the ones before. */
	for (k = 0; k < in->neam && fits; k++)
		fits = !fz_model_eam_clash_n(in->inst, sp, &in->eams[k],
					     in->eams, k);
	return fits;
}

static const int fz_struct_cmds[] = {
	DCXLAT_CMD_POOL6_SET, DCXLAT_CMD_POOL6_SET, DCXLAT_CMD_POOL6_FLUSH,
	DCXLAT_CMD_EAMT_ADD, DCXLAT_CMD_EAMT_ADD, DCXLAT_CMD_EAMT_ADD,
	DCXLAT_CMD_EAMT_ADD, DCXLAT_CMD_EAMT_ADD, DCXLAT_CMD_EAMT_DEL,
	DCXLAT_CMD_EAMT_DEL, DCXLAT_CMD_EAMT_DEL, DCXLAT_CMD_EAMT_FLUSH,
	DCXLAT_CMD_SETTINGS_SET, DCXLAT_CMD_SETTINGS_SET,
	DCXLAT_CMD_SETTINGS_SET, DCXLAT_CMD_SPACE_ADD, DCXLAT_CMD_SPACE_ADD,
	DCXLAT_CMD_SPACE_SET, DCXLAT_CMD_SPACE_SET, DCXLAT_CMD_SPACE_DEL,
	DCXLAT_CMD_BIND_ADD, DCXLAT_CMD_BIND_ADD, DCXLAT_CMD_BIND_DEL,
	DCXLAT_CMD_TXN_BEGIN, DCXLAT_CMD_TXN_COMMIT, DCXLAT_CMD_TXN_ABORT,
	DCXLAT_CMD_STATS_RESET, DCXLAT_CMD_INSTANCE_GET,
	DCXLAT_CMD_POOL6_GET, DCXLAT_CMD_STATS_GET, DCXLAT_CMD_SETTINGS_GET,
	DCXLAT_CMD_SPACE_GET, DCXLAT_CMD_EAMT_GET,
};
#define FZ_NSTRUCT	(int)(sizeof(fz_struct_cmds) / sizeof(int))

bool fz_cmd_dumps(int cmd)
{
	return cmd == DCXLAT_CMD_INSTANCE_GET || cmd == DCXLAT_CMD_SPACE_GET ||
	       cmd == DCXLAT_CMD_EAMT_GET;
}

void fz_gen_structured(struct fz_sock *s)
{
	static struct fz_msg m;
	struct fz_intent in;
	int inst = fz_rn(FZ_INSTANCES), cmd, defect = 0, want;
	struct fz_res r;
	bool dump;

	cmd = fz_struct_cmds[fz_rn(FZ_NSTRUCT)];
	if (!fz_model_exists(inst) || fz_one_in(150))
		cmd = fz_model_exists(inst) ? DCXLAT_CMD_INSTANCE_DEL :
		      DCXLAT_CMD_INSTANCE_ADD;
	dump = cmd == DCXLAT_CMD_EAMT_GET ||
	       (fz_cmd_dumps(cmd) && fz_one_in(2));
	fz_intent_random(&in, cmd, inst, true);
	if (cmd != DCXLAT_CMD_INSTANCE_ADD && fz_one_in(12))
		defect = 1 + fz_rn(FZ_DEF_COUNT - 1);
	if (dump && cmd == DCXLAT_CMD_INSTANCE_GET && defect != FZ_DEF_ABI)
		defect = 0;	/* the dump of every instance needs no name */
	fz_build(&m, &in, fz_inst_names[inst], dump, defect);
	want = defect ? 0 : fz_predict(&in);
	if (fz_call(s, &m, &r, NULL, NULL))
		return;
	if (want >= 0 && want != !r.err && r.err != -ENOMEM)
		fz_fail(&fz_cnt->expect_fail,
			"%s on %s (defect %d, %d entries): %s, expected %s: %d %s",
			fz_cmd_name(cmd), fz_inst_names[inst], defect, in.neam,
			r.err ? "refused" : "accepted",
			want ? "accepted" : "refused", r.err, r.msg);
	if (fz_verbose)
		fprintf(stderr, "nlfuzz: %s%s %s space %d dev %s %u.%u.%u.%u/%u id %u pfx %d/%u defect %d: %d %s\n",
			fz_cmd_name(cmd), dump ? " dump" : "",
			fz_inst_names[inst], in.space, in.dev, in.b4[0],
			in.b4[1], in.b4[2], in.b4[3], in.blen4, in.id,
			in.has_pfx, in.pfx.len, defect, r.err, r.msg);
	if (!r.err && !defect)
		fz_model_apply(&in);
}
