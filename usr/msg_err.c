// SPDX-License-Identifier: GPL-2.0
/*
 * Errors from the kernel (see msg_err.h): NLMSG_ERROR/NLMSG_DONE and their
 * extack TLVs turned into a sentence that names the request attribute
 * (or setting, or pool6 part) the kernel pointed at.
 */
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg_eamt.h"
#include "msg_err.h"
#include "settings.h"

static const char *const dcx_attr_names[DCXLAT_A_MAX + 1] = {
	[DCXLAT_A_ABI] = "the ABI version, DCXLAT_A_ABI",
	[DCXLAT_A_INSTANCE] = "the instance name, DCXLAT_A_INSTANCE",
	[DCXLAT_A_POOL6] = "the pool6 prefix, DCXLAT_A_POOL6",
	[DCXLAT_A_STATS] = "the counters, DCXLAT_A_STATS",
	[DCXLAT_A_PAD] = "padding, DCXLAT_A_PAD",
	[DCXLAT_A_SPACE] = "the space name, DCXLAT_A_SPACE",
	[DCXLAT_A_EAM] = "an EAM entry, DCXLAT_A_EAM",
	[DCXLAT_A_SETTINGS] = "the settings, DCXLAT_A_SETTINGS",
	[DCXLAT_A_SPACE_CFG] = "the space, DCXLAT_A_SPACE_CFG",
	[DCXLAT_A_BIND] = "the binding, DCXLAT_A_BIND",
	[DCXLAT_A_COUNT] = "the count, DCXLAT_A_COUNT",
};

static const char *const dcx_prefix_names[DCXLAT_PREFIX_MAX + 1] = {
	[DCXLAT_PREFIX_ADDR] = "the pool6 address, DCXLAT_PREFIX_ADDR",
	[DCXLAT_PREFIX_LEN] = "the pool6 prefix length, DCXLAT_PREFIX_LEN",
};

/* The setting of the DCXLAT_A_SETTINGS at [pos, end) holding off. */
static const char *dcx_setting_at(const unsigned char *base, uint32_t pos,
				  uint32_t end, uint32_t off)
{
	static char buf[64];
	const struct dcx_setting_def *d;
	const struct nlattr *b;
	uint32_t in;

	for (in = pos + NLA_HDRLEN; in + NLA_HDRLEN <= end;
	     in += NLA_ALIGN(b->nla_len)) {
		b = (const struct nlattr *)(base + in);
		if (b->nla_len < NLA_HDRLEN)
			return NULL;
		if (off >= in && off < in + b->nla_len) {
			d = dcx_setting_by_attr(b->nla_type & NLA_TYPE_MASK);
			if (!d)
				return NULL;
			snprintf(buf, sizeof(buf), "the setting %s", d->name);
			return buf;
		}
	}
	return NULL;
}

/* Name of the attribute of req starting at byte off, or NULL. */
static const char *dcx_attr_at(const struct nlmsghdr *req, uint32_t off)
{
	const unsigned char *base = (const unsigned char *)req;
	uint32_t pos = NLMSG_HDRLEN + GENL_HDRLEN, in, end;
	const struct nlattr *a, *b;
	int type;

	while (pos + NLA_HDRLEN <= req->nlmsg_len) {
		a = (const struct nlattr *)(base + pos);
		if (a->nla_len < NLA_HDRLEN || pos + a->nla_len > req->nlmsg_len)
			return NULL;
		type = a->nla_type & NLA_TYPE_MASK;
		if (pos == off)
			return type <= DCXLAT_A_MAX ? dcx_attr_names[type] : NULL;
		end = pos + a->nla_len;
		if (type == DCXLAT_A_SETTINGS && off > pos && off < end)
			return dcx_setting_at(base, pos, end, off);
		if (type == DCXLAT_A_POOL6 && off > pos && off < end) {
			for (in = pos + NLA_HDRLEN; in + NLA_HDRLEN <= end;
			     in += NLA_ALIGN(b->nla_len)) {
				b = (const struct nlattr *)(base + in);
				if (b->nla_len < NLA_HDRLEN)
					return NULL;
				type = b->nla_type & NLA_TYPE_MASK;
				if (in == off)
					return type <= DCXLAT_PREFIX_MAX ?
					       dcx_prefix_names[type] : NULL;
			}
			return NULL;
		}
		pos += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

struct dcx_tlvs {
	const char *msg;
	bool has_offs, has_miss, has_nest;
	uint32_t offs, miss_type, miss_nest;
};

static void dcx_read_tlvs(const struct nlmsghdr *nlh, uint32_t pos,
			  struct dcx_tlvs *t)
{
	const unsigned char *base = (const unsigned char *)nlh;
	const struct nlattr *a;
	uint32_t u;

	for (; pos + NLA_HDRLEN <= nlh->nlmsg_len; pos += NLA_ALIGN(a->nla_len)) {
		a = (const struct nlattr *)(base + pos);
		if (a->nla_len < NLA_HDRLEN || pos + a->nla_len > nlh->nlmsg_len)
			return;
		u = 0;
		if (a->nla_len >= NLA_HDRLEN + sizeof(u))
			memcpy(&u, base + pos + NLA_HDRLEN, sizeof(u));
		switch (a->nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			/* Only a NUL-terminated string is used. */
			if (a->nla_len > NLA_HDRLEN &&
			    !base[pos + a->nla_len - 1])
				t->msg = (const char *)base + pos + NLA_HDRLEN;
			break;
		case NLMSGERR_ATTR_OFFS:
			t->has_offs = true;
			t->offs = u;
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			t->has_miss = true;
			t->miss_type = u;
			break;
		case NLMSGERR_ATTR_MISS_NEST:
			t->has_nest = true;
			t->miss_nest = u;
			break;
		}
	}
}

bool dcx_msg_err_text(const struct nlmsghdr *nlh, char *buf, size_t len)
{
	const unsigned char *base = (const unsigned char *)nlh;
	uint32_t pos = NLMSG_HDRLEN + GENL_HDRLEN;
	const struct nlattr *a;

	if (nlh->nlmsg_len < pos + NLA_HDRLEN || !len)
		return false;
	a = (const struct nlattr *)(base + pos);
	if ((a->nla_type & NLA_TYPE_MASK) != DCXLAT_A_ERROR ||
	    a->nla_len <= NLA_HDRLEN || pos + a->nla_len > nlh->nlmsg_len ||
	    base[pos + a->nla_len - 1])
		return false;
	snprintf(buf, len, "%s", (const char *)base + pos + NLA_HDRLEN);
	return true;
}

int dcx_msg_decode_err(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		       struct dcx_err *e)
{
	return dcx_msg_decode_err_text(nlh, req, NULL, e);
}

int dcx_msg_decode_err_text(const struct nlmsghdr *nlh,
			    const struct nlmsghdr *req, const char *text,
			    struct dcx_err *e)
{
	struct dcx_tlvs t = { NULL, false, false, false, 0, 0, 0 };
	const char *bad = NULL, *missing = NULL, *km;
	size_t payload, n;
	int code;

	dcx_err_clear(e);
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *me = NLMSG_DATA(nlh);

		if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*me)) {
			e->code = -EBADMSG;
			snprintf(e->msg, sizeof(e->msg),
				 "truncated error message from the kernel");
			return e->code;
		}
		code = me->error;
		payload = sizeof(*me);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    me->msg.nlmsg_len > NLMSG_HDRLEN)
			payload += me->msg.nlmsg_len - NLMSG_HDRLEN;
	} else {
		if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
			return 0;
		memcpy(&code, NLMSG_DATA(nlh), sizeof(code));
		payload = sizeof(int);
	}
	e->code = code > 0 ? -code : code;
	if (!e->code)
		return 0;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		dcx_read_tlvs(nlh, NLMSG_HDRLEN + NLMSG_ALIGN(payload), &t);
	e->has_offs = t.has_offs;
	e->offs = t.offs;
	e->eam_index = req && t.has_offs ? dcx_msg_eam_index(req, t.offs) : -1;

	if (req && t.has_offs)
		bad = dcx_attr_at(req, t.offs);
	if (t.has_miss) {
		bool in_pool6 = t.has_nest && req &&
			dcx_attr_at(req, t.miss_nest) ==
			dcx_attr_names[DCXLAT_A_POOL6];

		if (in_pool6 && t.miss_type <= DCXLAT_PREFIX_MAX)
			missing = dcx_prefix_names[t.miss_type];
		else if (!in_pool6 && t.miss_type <= DCXLAT_A_MAX)
			missing = dcx_attr_names[t.miss_type];
	}

	km = t.msg;
	if (text && *text) {
		/* The whole text; it names the attribute itself. */
		snprintf(e->msg, sizeof(e->msg), "%s", text);
		bad = NULL;
	} else if (km && *km) {
		/* Our module's messages name the attribute themselves. */
		bool ours = !strncmp(km, "dcxlat: ", 8);

		snprintf(e->msg, sizeof(e->msg), "%s", ours ? km + 8 : km);
		if (ours)
			bad = NULL;
	} else if (missing) {
		snprintf(e->msg, sizeof(e->msg), "missing %s", missing);
		missing = NULL;
	} else {
		dcx_err_default(e);
	}
	n = strlen(e->msg);
	if (bad)
		snprintf(e->msg + n, sizeof(e->msg) - n, " (in %s)", bad);
	else if (missing)
		snprintf(e->msg + n, sizeof(e->msg) - n, " (missing %s)",
			 missing);
	n = strlen(e->msg);
	if (e->code == -EPROTO)
		snprintf(e->msg + n, sizeof(e->msg) - n,
			 "; hint: this CLI speaks ABI %d, install the dcxlat CLI and kernel module from the same release",
			 DCXLAT_ABI_VERSION);
	return e->code;
}
