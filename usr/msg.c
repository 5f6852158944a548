// SPDX-License-Identifier: GPL-2.0
/*
 * Encoding and decoding of dcxlat messages. Replies are parsed defensively:
 * a malformed attribute is an error, an unknown one is skipped (a newer
 * module may add attributes and counters).
 */
#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "msg.h"
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

struct nl_msg *dcx_msg_request(int family, uint8_t cmd, int nlm_flags,
			       uint32_t abi, const char *name,
			       const struct dcx_uprefix *pool6)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest;

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, nlm_flags,
			 cmd, DCXLAT_GENL_VERSION))
		goto fail;
	if (nla_put_u32(msg, DCXLAT_A_ABI, abi))
		goto fail;
	if (name && nla_put_string(msg, DCXLAT_A_INSTANCE, name))
		goto fail;
	if (pool6) {
		/* The kernel validates strictly: nests must say so. */
		nest = nla_nest_start(msg, DCXLAT_A_POOL6 | NLA_F_NESTED);
		if (!nest ||
		    nla_put(msg, DCXLAT_PREFIX_ADDR, sizeof(pool6->addr),
			    &pool6->addr) ||
		    nla_put_u8(msg, DCXLAT_PREFIX_LEN, (uint8_t)pool6->len))
			goto fail;
		nla_nest_end(msg, nest);
	}
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

static int dcx_parse_top(struct nlmsghdr *nlh, struct nlattr **tb)
{
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	if (genlmsg_parse(nlh, 0, tb, DCXLAT_A_MAX, NULL))
		return -EINVAL;
	return 0;
}

static int dcx_parse_name(struct nlattr *a, char *name)
{
	int len;

	if (!a)
		return -EINVAL;
	len = nla_len(a);
	if (len < 2 || len > DCXLAT_NAME_MAX ||
	    ((char *)nla_data(a))[len - 1] != '\0' ||
	    strlen(nla_data(a)) != (size_t)len - 1)
		return -EINVAL;
	memcpy(name, nla_data(a), (size_t)len);
	return 0;
}

static int dcx_parse_pool6(struct nlattr *a, struct dcx_inst_info *out)
{
	struct nlattr *tb[DCXLAT_PREFIX_MAX + 1];

	out->has_pool6 = false;
	if (!a)
		return 0;
	if (nla_parse_nested(tb, DCXLAT_PREFIX_MAX, a, NULL))
		return -EINVAL;
	if (!tb[DCXLAT_PREFIX_ADDR] || !tb[DCXLAT_PREFIX_LEN] ||
	    nla_len(tb[DCXLAT_PREFIX_ADDR]) != sizeof(out->pool6.addr) ||
	    nla_len(tb[DCXLAT_PREFIX_LEN]) < 1)
		return -EINVAL;
	memcpy(&out->pool6.addr, nla_data(tb[DCXLAT_PREFIX_ADDR]),
	       sizeof(out->pool6.addr));
	out->pool6.len = nla_get_u8(tb[DCXLAT_PREFIX_LEN]);
	if (out->pool6.len > 128)
		return -EINVAL;
	out->has_pool6 = true;
	return 0;
}

int dcx_msg_parse_inst(struct nlmsghdr *nlh, struct dcx_inst_info *out)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1];

	memset(out, 0, sizeof(*out));
	if (dcx_parse_top(nlh, tb) || dcx_parse_name(tb[DCXLAT_A_INSTANCE],
						     out->name))
		return -EINVAL;
	return dcx_parse_pool6(tb[DCXLAT_A_POOL6], out);
}

int dcx_msg_parse_stats(struct nlmsghdr *nlh, struct dcx_stats_info *out)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1];
	struct nlattr *a;
	int rem;

	memset(out, 0, sizeof(*out));
	if (dcx_parse_top(nlh, tb) || dcx_parse_name(tb[DCXLAT_A_INSTANCE],
						     out->name) ||
	    !tb[DCXLAT_A_STATS])
		return -EINVAL;
	nla_for_each_nested(a, tb[DCXLAT_A_STATS], rem) {
		int t = nla_type(a);

		if (t == DCXLAT_STATS_PAD || t >= DCX_STATS_MAX)
			continue;
		if (nla_len(a) != sizeof(uint64_t))
			return -EINVAL;
		out->present[t] = true;
		out->val[t] = nla_get_u64(a);
	}
	return 0;
}

int dcx_msg_parse_event(struct nlmsghdr *nlh, struct dcx_event *out)
{
	memset(out, 0, sizeof(*out));
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EINVAL;
	out->cmd = ((struct genlmsghdr *)nlmsg_data(nlh))->cmd;
	return dcx_msg_parse_inst(nlh, &out->inst);
}

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

void dcx_err_default(struct dcx_err *e)
{
	switch (e->code) {
	case -EPERM:
		snprintf(e->msg, sizeof(e->msg),
			 "permission denied: dcxlat needs CAP_NET_ADMIN in the user namespace that owns this network namespace");
		break;
	case -ENOENT:
		snprintf(e->msg, sizeof(e->msg), "no such instance");
		break;
	case -EEXIST:
		snprintf(e->msg, sizeof(e->msg), "the instance already exists");
		break;
	case -EPROTO:
		snprintf(e->msg, sizeof(e->msg),
			 "the kernel module speaks a different netlink ABI");
		break;
	case -EOPNOTSUPP:
		snprintf(e->msg, sizeof(e->msg),
			 "the kernel module does not know this command (is it older than the CLI?)");
		break;
	default:
		snprintf(e->msg, sizeof(e->msg), "%s", strerror(-e->code));
	}
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

int dcx_msg_decode_err(const struct nlmsghdr *nlh, const struct nlmsghdr *req,
		       struct dcx_err *e)
{
	struct dcx_tlvs t = { NULL, false, false, false, 0, 0, 0 };
	const char *bad = NULL, *missing = NULL, *km;
	size_t payload, n;
	int code;

	memset(e, 0, sizeof(*e));
	e->eam_index = -1;
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
	if (km && *km) {
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
