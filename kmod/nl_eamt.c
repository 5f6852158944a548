// SPDX-License-Identifier: GPL-2.0
/*
 * EAMT_ADD, EAMT_DEL, EAMT_FLUSH and the EAMT_GET dump (uapi "EAMT").
 * ADD and DEL apply every DCXLAT_A_EAM of the message or none: on the first
 * refusal the entries already changed are put back before the error is
 * returned. The dump holds no lock between its messages and resumes from
 * the last IPv4 prefix it sent.
 */
#include <linux/slab.h>
#include <net/genetlink.h>
#include "nl_policy.h"
#include "nl_msg.h"
#include "nl_handlers.h"
#include "settings.h"
#include "compat.h"

struct dcx_eam_req {
	__be32 v4;
	struct in6_addr v6;
	u8 len4, len6;
	bool has4, has6;
	bool remote;		/* RFC 7756 5.2 remote service entry */
};

/*
 * A prefix of entry idx. A bulk message carries thousands: genetlink
 * validated them on receipt (sizes, length ranges), so the usual case is
 * read directly; anything else takes dcx_nl_prefix() for its refusal,
 * with the entry's number formatted only then.
 */
static int dcx_eam_prefix(const struct nlattr *a, unsigned int bits,
			  void *addr, u8 *len, unsigned int idx,
			  struct netlink_ext_ack *extack)
{
	unsigned int have = 0;
	const struct nlattr *x;
	char what[40];
	int rem;

	nla_for_each_nested(x, a, rem) {
		if (nla_type(x) == DCXLAT_PREFIX_ADDR) {
			memcpy(addr, nla_data(x), bits / 8);
			have |= 1;
		} else if (nla_type(x) == DCXLAT_PREFIX_LEN) {
			*len = nla_get_u8(x);
			have |= 2;
		}
	}
	if (have == 3 && dcx_prefix_host_bits_zero(addr, *len, bits))
		return 0;
	snprintf(what, sizeof(what), "EAM entry %u IPv%u prefix", idx,
		 bits == 32 ? 4 : 6);
	return dcx_nl_prefix(a, bits, addr, len, what, extack);
}

/* One DCXLAT_A_EAM, number idx (from 1) of the message. */
static int dcx_eam_parse(const struct nlattr *a, unsigned int idx,
			 struct dcx_eam_req *e, struct netlink_ext_ack *extack)
{
	const struct nlattr *tb[DCXLAT_EAM_MAX + 1] = { NULL };
	const struct nlattr *x;
	int err, rem;

	memset(e, 0, sizeof(*e));
	/*
	 * genetlink validated the whole tree (dcx_eam_policy) on receipt:
	 * the nest is only sorted by type here, not parsed again.
	 */
	nla_for_each_nested(x, a, rem)
		if (nla_type(x) <= DCXLAT_EAM_MAX)
			tb[nla_type(x)] = x;
	if (tb[DCXLAT_EAM_PREFIX4]) {
		err = dcx_eam_prefix(tb[DCXLAT_EAM_PREFIX4], 32, &e->v4,
				     &e->len4, idx, extack);
		if (err)
			return err;
		e->has4 = true;
	}
	if (tb[DCXLAT_EAM_PREFIX6]) {
		err = dcx_eam_prefix(tb[DCXLAT_EAM_PREFIX6], 128, &e->v6,
				     &e->len6, idx, extack);
		if (err)
			return err;
		e->has6 = true;
	}
	e->remote = nla_get_flag(tb[DCXLAT_EAM_REMOTE]);
	if (!e->has4 && !e->has6) {
		NL_SET_BAD_ATTR(extack, a);
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "EAM entry %u has neither prefix (DCXLAT_EAM_PREFIX4/6)",
				       idx);
		return -EINVAL;
	}
	return 0;
}

/* The DCXLAT_A_EAM after a (NULL: the first) in the request, or NULL. */
static struct nlattr *dcx_next_eam(struct genl_info *info, struct nlattr *a,
				   int *rem)
{
	if (!a) {
		a = nlmsg_attrdata(info->nlhdr, GENL_HDRLEN);
		*rem = nlmsg_attrlen(info->nlhdr, GENL_HDRLEN);
	} else {
		a = nla_next(a, rem);
	}
	for (; nla_ok(a, *rem); a = nla_next(a, rem))
		if (nla_type(a) == DCXLAT_A_EAM)
			return a;
	return NULL;
}

#define dcx_for_each_eam(a, info, rem)				\
	for (a = dcx_next_eam(info, NULL, &(rem)); a;		\
	     a = dcx_next_eam(info, a, &(rem)))

/* The request's entries, as many as fit (COUNT says how many changed). */
static int dcx_fill_eams(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *a;
	int rem;

	dcx_for_each_eam(a, info, rem)
		if (nla_put(skb, DCXLAT_A_EAM | NLA_F_NESTED, nla_len(a),
			    nla_data(a)))
			break;
	return 0;
}

static int dcx_fill_space_count(struct sk_buff *skb, struct dcx_req *r,
				void *arg)
{
	struct nlattr *sp = r->info->attrs[DCXLAT_A_SPACE];

	if (nla_put_string(skb, DCXLAT_A_SPACE,
			   sp ? nla_data(sp) : DCX_DEFAULT_SPACE))
		return -EMSGSIZE;
	if (arg && nla_put_u32(skb, DCXLAT_A_COUNT, *(u32 *)arg))
		return -EMSGSIZE;
	return dcx_fill_eams(skb, r->info);
}

/*
 * Common start: the instance and the space (DCXLAT_A_SPACE) edited, and,
 * with entries, at least one DCXLAT_A_EAM.
 */
static int dcx_eamt_begin(struct genl_info *info, struct dcx_req *r,
			  struct dcx_space **s, bool entries)
{
	int err = dcx_nl_begin(info, r, DCX_REQ_EXISTS);

	if (err)
		return err;
	*s = dcx_nl_find_space(r, info->attrs[DCXLAT_A_SPACE]);
	if (!*s) {
		err = -ENOENT;
	} else if (entries && !info->attrs[DCXLAT_A_EAM]) {
		DCX_ERR(info->extack, "missing EAM entries (DCXLAT_A_EAM)");
		err = -EINVAL;
	}
	if (err)
		dcx_nl_end(r);
	return err;
}

static int dcx_eam_add_one(struct dcx_tables *t, struct dcx_space *s,
			   const struct nlattr *a, unsigned int idx,
			   struct netlink_ext_ack *extack)
{
	char why[DCX_WHY_LEN] = "";
	struct dcx_eam_req e;
	int err;

	err = dcx_eam_parse(a, idx, &e, extack);
	if (err)
		return err;
	if (!e.has4 || !e.has6) {
		NL_SET_BAD_ATTR(extack, a);
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "EAM entry %u lacks its %s prefix",
				       idx, e.has4 ? "IPv6" : "IPv4");
		return -EINVAL;
	}
	err = dcx_eam_add_as(t, s, e.v4, e.len4, &e.v6, e.len6, e.remote, why,
			     &dcx_cfg_mutex);
	return err ? dcx_nl_why(extack, a, err, why) : 0;
}

int dcx_nl_eamt_add(struct sk_buff *skb, struct genl_info *info)
{
	char why[DCX_WHY_LEN] = "";
	unsigned int n = 0, k = 0;
	struct dcx_eam_req e;
	struct dcx_space *s;
	struct dcx_req r;
	struct nlattr *a;
	int err, rem;

	err = dcx_eamt_begin(info, &r, &s, true);
	if (err)
		return err;
	dcx_for_each_eam(a, info, rem)
		k++;
	err = dcx_setting_room(r.cfg, DCXLAT_SET_MAX_EAMS, r.t->neams, k,
			       "EAM entries", why);
	if (err) {
		dcx_nl_why(info->extack, NULL, err, why);
		goto out;
	}
	k = 0;
	dcx_for_each_eam(a, info, rem) {
		err = dcx_eam_add_one(r.t, s, a, ++n, info->extack);
		if (err)
			break;
	}
	if (!err) {
		dcx_nl_notify(&r, dcx_fill_space_count, &n);
		goto out;
	}
	/* Undo entries 1..n-1: they parsed and were added, so this works. */
	dcx_for_each_eam(a, info, rem) {
		if (++k >= n)
			break;
		if (!dcx_eam_parse(a, k, &e, NULL))
			dcx_eam_del(r.t, s, e.v4, e.len4, NULL, 0, NULL,
				    &dcx_cfg_mutex);
	}
out:
	dcx_nl_end(&r);
	return err;
}

/* The entry an EAMT_DEL element names, copied into *out; else -ENOENT. */
static int dcx_eam_del_find(struct dcx_tables *t, struct dcx_space *s,
			    const struct dcx_eam_req *q, struct dcx_eam_req *out,
			    struct netlink_ext_ack *extack)
{
	const struct dcx_eam *e;
	int err = 0;

	rcu_read_lock();
	if (q->has4)
		e = dcx_eamidx_find(&s->eam4, (const u8 *)&q->v4, q->len4);
	else
		e = dcx_eamidx_find(&t->eam6, q->v6.s6_addr, q->len6);
	if (e && (e->space != s || (q->has4 && e->len4 != q->len4) ||
		  (!q->has4 && e->len6 != q->len6)))
		e = NULL;
	if (!e) {
		if (q->has4)
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "no EAM %pI4/%u in space %s",
					       &q->v4, q->len4, s->name);
		else
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "no EAM %pI6c/%u in space %s",
					       &q->v6, q->len6, s->name);
		err = -ENOENT;
	} else if (q->has4 && q->has6 &&
		   (e->len6 != q->len6 || !ipv6_addr_equal(&e->v6, &q->v6))) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "EAM %pI4/%u maps to %pI6c/%u, not %pI6c/%u",
				       &e->v4, e->len4, &e->v6, e->len6,
				       &q->v6, q->len6);
		err = -ENOENT;
	} else {
		out->v4 = e->v4;
		out->len4 = e->len4;
		out->v6 = e->v6;
		out->len6 = e->len6;
		out->remote = e->remote;
	}
	rcu_read_unlock();
	return err;
}

int dcx_nl_eamt_del(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_eam_req q, *done = NULL;
	unsigned int n = 0, k;
	struct dcx_space *s;
	struct dcx_req r;
	struct nlattr *a;
	int err, rem;

	err = dcx_eamt_begin(info, &r, &s, true);
	if (err)
		return err;
	dcx_for_each_eam(a, info, rem)
		n++;
	done = kvmalloc_array(n, sizeof(*done), GFP_KERNEL);
	if (!done) {
		DCX_ERR(info->extack, "out of memory");
		err = -ENOMEM;
		goto out;
	}
	k = 0;
	dcx_for_each_eam(a, info, rem) {
		err = dcx_eam_parse(a, k + 1, &q, info->extack);
		if (!err)
			err = dcx_eam_del_find(r.t, s, &q, &done[k],
					       info->extack);
		if (err) {
			NL_SET_BAD_ATTR(info->extack, a);
			break;
		}
		dcx_eam_del(r.t, s, done[k].v4, done[k].len4, NULL, 0, NULL,
			    &dcx_cfg_mutex);
		k++;
	}
	if (!err) {
		dcx_nl_notify(&r, dcx_fill_space_count, &n);
		goto out;
	}
	/* Put back what this message removed; they fitted a moment ago. */
	while (k--)
		dcx_eam_add_as(r.t, s, done[k].v4, done[k].len4, &done[k].v6,
			       done[k].len6, done[k].remote, NULL,
			       &dcx_cfg_mutex);
out:
	kvfree(done);
	dcx_nl_end(&r);
	return err;
}

int dcx_nl_eamt_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct dcx_space *s;
	struct dcx_req r;
	u32 n;
	int err;

	err = dcx_eamt_begin(info, &r, &s, false);
	if (err)
		return err;
	n = dcx_eamidx_count(&s->eam4);
	dcx_eam_flush(r.t, s, &dcx_cfg_mutex);
	dcx_nl_notify(&r, dcx_fill_space_count, &n);
	dcx_nl_end(&r);
	return 0;
}

/*
 * The dump. cb->args[0]: 0 = first call, 1 = resume after the IPv4 prefix
 * in args[1]/args[2], 2 = every entry sent.
 */
enum { DCX_DUMP_FIRST, DCX_DUMP_RESUME, DCX_DUMP_DONE };

struct dcx_eam_dump {
	struct sk_buff *skb;
	unsigned int n;
	__be32 last4;
	u8 last_len;
};

static int dcx_eam_dump_one(void *ctx, const struct dcx_eam *e)
{
	struct dcx_eam_dump *d = ctx;
	struct nlattr *nest = nla_nest_start(d->skb, DCXLAT_A_EAM);

	if (!nest)
		return 1;
	if (dcx_nl_put_prefix(d->skb, DCXLAT_EAM_PREFIX4, &e->v4, 4, e->len4) ||
	    dcx_nl_put_prefix(d->skb, DCXLAT_EAM_PREFIX6, &e->v6, 16, e->len6) ||
	    (e->remote && nla_put_flag(d->skb, DCXLAT_EAM_REMOTE))) {
		nla_nest_cancel(d->skb, nest);
		return 1;
	}
	nla_nest_end(d->skb, nest);
	d->last4 = e->v4;
	d->last_len = e->len4;
	d->n++;
	return 0;
}

static int dcx_eamt_dump_fill(struct sk_buff *skb, struct netlink_callback *cb,
			      const char *iname, const struct dcx_space *s)
{
	struct dcx_eam_dump d = { .skb = skb };
	void *hdr;
	int ret;

	hdr = dcx_nl_dump_start(skb, cb);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, DCXLAT_A_INSTANCE, iname) ||
	    nla_put_string(skb, DCXLAT_A_SPACE, s->name)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	rcu_read_lock();
	ret = dcx_eam_walk(s, cb->args[0] == DCX_DUMP_RESUME,
			   (__be32)cb->args[1], (u8)cb->args[2],
			   dcx_eam_dump_one, &d);
	rcu_read_unlock();
	if (d.n) {
		cb->args[0] = DCX_DUMP_RESUME;
		cb->args[1] = (long)d.last4;
		cb->args[2] = d.last_len;
	}
	if (!ret)
		cb->args[0] = DCX_DUMP_DONE;
	if (!d.n) {
		genlmsg_cancel(skb, hdr);
		return ret ? -EMSGSIZE : 0;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int dcx_nl_eamt_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dcx_space *s;
	struct dcx_req r;
	int err;

	if (cb->args[0] == DCX_DUMP_DONE)
		return 0;
	err = dcx_nl_begin_dump(cb, &r, DCX_REQ_EXISTS);
	if (err)
		return err;
	s = dcx_nl_find_space(&r, r.attrs[DCXLAT_A_SPACE]);
	err = s ? dcx_eamt_dump_fill(skb, cb, r.name, s) : -ENOENT;
	dcx_nl_end(&r);
	return err ? err : skb->len;
}
