// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications turned into what changed (see event.h). The words of a
 * line are dcx_json_event()'s "object" and "command"; every detail the
 * module adds is optional, so an older module's events still print.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <net/if.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include "uapi/dcxlat.h"
#include "eam.h"
#include "event.h"
#include "format.h"
#include "msg.h"
#include "msg_eamt.h"
#include "msg_instance.h"
#include "msg_settings.h"
#include "prefix.h"
#include "settings.h"

/* Append to a line, cut at its end. */
struct dcx_line {
	char *buf;
	size_t len, n;
};

__attribute__((format(printf, 2, 3)))
static void dcx_add(struct dcx_line *l, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (l->n >= l->len)
		return;
	va_start(ap, fmt);
	r = vsnprintf(l->buf + l->n, l->len - l->n, fmt, ap);
	va_end(ap);
	l->n = r < 0 ? l->len : l->n + (size_t)r;
}

static const char *dcx_str(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ?
	       json_object_get_string(v) : "";
}

static void dcx_event_pool6(struct nlattr **tb, const struct dcx_event *ev,
			    struct dcx_line *l, json_object *o)
{
	char was[DCX_PREFIX_STRLEN] = "unset", now[DCX_PREFIX_STRLEN] = "unset";
	struct dcx_uprefix p;

	if (tb[DCXLAT_A_OLD_POOL6] &&
	    !dcx_msg_get_prefix(tb[DCXLAT_A_OLD_POOL6], &p.addr, 16, &p.len))
		dcx_prefix_str(&p, was, sizeof(was));
	if (ev->inst.has_pool6)
		dcx_prefix_str(&ev->inst.pool6, now, sizeof(now));
	dcx_add(l, " %s -> %s", was, now);
	json_object_object_add(o, "old_pool6", tb[DCXLAT_A_OLD_POOL6] ?
			       json_object_new_string(was) : NULL);
}

struct dcx_eams {
	struct dcx_line *l;
	json_object *arr;
	unsigned int n;
};

static int dcx_event_eam(const struct dcx_ueam *e, void *arg)
{
	struct dcx_eams *x = arg;
	char p4[DCX_PREFIX_STRLEN], p6[DCX_PREFIX_STRLEN];
	json_object *j = json_object_new_object();

	dcx_prefix4_str(&e->p4, p4, sizeof(p4));
	dcx_prefix_str(&e->p6, p6, sizeof(p6));
	dcx_add(x->l, "%s%s %s", x->n++ ? ", " : ": ", p4, p6);
	json_object_object_add(j, "prefix4", json_object_new_string(p4));
	json_object_object_add(j, "prefix6", json_object_new_string(p6));
	json_object_array_add(x->arr, j);
	return 0;
}

static int dcx_event_eamt(struct nlmsghdr *nlh, struct nlattr **tb,
			  struct dcx_line *l, json_object *o)
{
	struct dcx_eams x = { l, json_object_new_array(), 0 };
	uint32_t count = 0;

	if (tb[DCXLAT_A_COUNT] && !dcx_msg_get_u32(tb[DCXLAT_A_COUNT], &count)) {
		dcx_add(l, " count %u", count);
		json_object_object_add(o, "count", json_object_new_int64(count));
	}
	json_object_object_add(o, "eam", x.arr);
	/* An entry named by one side only (eamt del) ends the list. */
	dcx_msg_parse_eams(nlh, dcx_event_eam, &x);
	if (x.n && x.n < count)
		dcx_add(l, ", ...");
	return 0;
}

/* "key old -> new" for every key the change set. */
static int dcx_event_settings(struct nlmsghdr *nlh, struct nlattr **tb,
			      struct dcx_line *l, json_object *o)
{
	struct dcx_settings now, was;
	json_object *arr = json_object_new_array(), *j;
	char a[64], b[64];
	size_t i, n = 0;

	json_object_object_add(o, "changes", arr);
	if (!tb[DCXLAT_A_OLD_SETTINGS])
		return 0;
	if (dcx_msg_parse_settings(nlh, &now) ||
	    dcx_msg_parse_settings_nest(tb[DCXLAT_A_OLD_SETTINGS], &was))
		return -EINVAL;
	for (i = 0; i < dcx_setting_count; i++) {
		const struct dcx_setting_def *d = &dcx_setting_defs[i];

		if (!was.v[d->attr].present || !now.v[d->attr].present)
			continue;
		dcx_setting_str(d, &was.v[d->attr], a, sizeof(a));
		dcx_setting_str(d, &now.v[d->attr], b, sizeof(b));
		dcx_add(l, "%s %s %s -> %s", n++ ? "," : "", d->name, a, b);
		j = json_object_new_object();
		json_object_object_add(j, "key", json_object_new_string(d->name));
		json_object_object_add(j, "old", dcx_setting_json(d,
							&was.v[d->attr]));
		json_object_object_add(j, "new", dcx_setting_json(d,
							&now.v[d->attr]));
		json_object_array_add(arr, j);
	}
	return 0;
}

/* A device event (BIND_DEV, VRF_DEV, NDP_DEV): the state, old -> new. */
static void dcx_event_bind_state(bool waiting, uint32_t ifindex,
				 struct dcx_line *l, json_object *o)
{
	const char *now = waiting ? "waiting" : "bound";
	const char *was = waiting ? "bound" : "waiting";

	dcx_add(l, ": %s -> %s", was, now);
	if (!waiting && ifindex)
		json_object_object_add(o, "ifindex",
				       json_object_new_int64(ifindex));
	json_object_object_add(o, "state", json_object_new_string(now));
	json_object_object_add(o, "old_state", json_object_new_string(was));
}

/*
 * A binding: the device (the name the module gives, else the name of its
 * ifindex here, else "#N"), "waiting" when it has no device, prefix4
 * unless it is 0.0.0.0/0; a device event ends with the state change.
 */
static int dcx_event_bind(struct nlattr *nest, bool dev_event,
			  struct dcx_line *l, json_object *o)
{
	struct nlattr *tb[DCXLAT_BIND_MAX + 1];
	char dev[IF_NAMESIZE] = "", p4[DCX_PREFIX_STRLEN] = "";
	struct dcx_uprefix4 p;
	uint32_t ifindex = 0;

	if (nla_parse_nested(tb, DCXLAT_BIND_MAX, nest, NULL) ||
	    (tb[DCXLAT_BIND_IFINDEX] &&
	     dcx_msg_get_u32(tb[DCXLAT_BIND_IFINDEX], &ifindex)))
		return -EINVAL;
	if (tb[DCXLAT_BIND_IFNAME] && nla_len(tb[DCXLAT_BIND_IFNAME]) > 1)
		nla_strlcpy(dev, tb[DCXLAT_BIND_IFNAME], sizeof(dev));
	else if (!ifindex)
		return -EINVAL;
	else if (!if_indextoname(ifindex, dev))
		snprintf(dev, sizeof(dev), "#%u", ifindex);
	dcx_add(l, " dev %s", dev);
	json_object_object_add(o, "dev", json_object_new_string(dev));
	if (tb[DCXLAT_BIND_WAITING] && !dev_event) {
		dcx_add(l, " waiting");
		json_object_object_add(o, "waiting",
				       json_object_new_boolean(1));
	}
	/* 0.0.0.0/0 (every destination) is the default: not named. */
	if (tb[DCXLAT_BIND_PREFIX4] &&
	    !dcx_msg_get_prefix(tb[DCXLAT_BIND_PREFIX4], &p.addr, 4, &p.len) &&
	    p.len) {
		dcx_prefix4_str(&p, p4, sizeof(p4));
		dcx_add(l, " prefix4 %s", p4);
		json_object_object_add(o, "prefix4", json_object_new_string(p4));
	}
	if (dev_event)
		dcx_event_bind_state(tb[DCXLAT_BIND_WAITING], ifindex, l, o);
	return 0;
}

/* A space's name, ID and prefix (SPACE_* events carry SPACE_CFG). */
static void dcx_event_space_cfg(struct nlattr *nest, struct dcx_line *l,
				json_object *o)
{
	struct nlattr *a;
	char p6[DCX_PREFIX_STRLEN];
	struct dcx_uprefix p;
	uint32_t id;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) == DCXLAT_SPACE_NAME && nla_len(a) > 1 &&
		    !((char *)nla_data(a))[nla_len(a) - 1]) {
			dcx_add(l, " %s", (char *)nla_data(a));
			json_object_object_add(o, "space",
				json_object_new_string(nla_data(a)));
		} else if (nla_type(a) == DCXLAT_SPACE_ID &&
			   !dcx_msg_get_u32(a, &id)) {
			dcx_add(l, " id %u", id);
			json_object_object_add(o, "id", json_object_new_int64(id));
		} else if (nla_type(a) == DCXLAT_SPACE_PREFIX &&
			   !dcx_msg_get_prefix(a, &p.addr, 16, &p.len) && p.len) {
			dcx_add(l, " prefix %s",
				dcx_prefix_str(&p, p6, sizeof(p6)));
			json_object_object_add(o, "prefix",
					       json_object_new_string(p6));
		}
	}
}

/* What space_set changes, as text: prefix, table, vrf (key order). */
struct dcx_space_vals {
	char v[3][DCX_PREFIX_STRLEN];
	bool has[3];
};

static const char *const dcx_space_keys[3] = { "prefix", "table", "vrf" };

/*
 * The values of nest; a VRF absent while the table is there: "none"; a
 * prefix of length 0: "unset"; table 0: "main"; a VRF by the name the
 * module gives (else by its ifindex's name here), "(waiting)" after it
 * while it does not exist.
 */
static void dcx_space_vals(struct nlattr *nest, struct dcx_space_vals *s)
{
	struct dcx_uprefix p;
	struct nlattr *a;
	bool waiting = false;
	uint32_t u;
	char dev[IF_NAMESIZE];
	int rem;

	memset(s, 0, sizeof(*s));
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) == DCXLAT_SPACE_PREFIX &&
		    !dcx_msg_get_prefix(a, &p.addr, 16, &p.len)) {
			s->has[0] = true;
			if (!p.len)
				strcpy(s->v[0], "unset");
			else
				dcx_prefix_str(&p, s->v[0], sizeof(s->v[0]));
		} else if (nla_type(a) == DCXLAT_SPACE_TABLE &&
			   !dcx_msg_get_u32(a, &u)) {
			s->has[1] = s->has[2] = true;
			if (u)
				snprintf(s->v[1], sizeof(s->v[1]), "%u", u);
			else
				strcpy(s->v[1], "main");
		} else if (nla_type(a) == DCXLAT_SPACE_VRF_NAME &&
			   nla_len(a) > 1) {
			nla_strlcpy(dev, a, sizeof(dev));
			snprintf(s->v[2], sizeof(s->v[2]), "%s", dev);
		} else if (nla_type(a) == DCXLAT_SPACE_VRF_WAITING) {
			waiting = true;
		} else if (nla_type(a) == DCXLAT_SPACE_VRF && !*s->v[2] &&
			   !dcx_msg_get_u32(a, &u)) {
			if (if_indextoname(u, dev))
				snprintf(s->v[2], sizeof(s->v[2]), "%s", dev);
			else
				snprintf(s->v[2], sizeof(s->v[2]), "#%u", u);
		}
	}
	if (s->has[2] && !*s->v[2])
		strcpy(s->v[2], "none");
	else if (waiting)
		strcat(s->v[2], " (waiting)");
}

/* ", KEY OLD -> NEW" for what a space set changed (OLD_SPACE_CFG). */
static void dcx_event_space_set(struct nlattr **tb, struct dcx_line *l,
				json_object *o)
{
	json_object *arr = json_object_new_array(), *j;
	struct dcx_space_vals was, now;
	int i, n = 0;

	json_object_object_add(o, "changes", arr);
	dcx_space_vals(tb[DCXLAT_A_OLD_SPACE_CFG], &was);
	dcx_space_vals(tb[DCXLAT_A_SPACE_CFG], &now);
	for (i = 0; i < 3; i++) {
		if (!was.has[i] || !strcmp(was.v[i], now.v[i]))
			continue;
		dcx_add(l, "%s %s %s -> %s", n++ ? "," : ":",
			dcx_space_keys[i], was.v[i], now.v[i]);
		j = json_object_new_object();
		json_object_object_add(j, "key",
				       json_object_new_string(dcx_space_keys[i]));
		json_object_object_add(j, "old", json_object_new_string(was.v[i]));
		json_object_object_add(j, "new", json_object_new_string(now.v[i]));
		json_object_array_add(arr, j);
	}
	if (!n)
		dcx_add(l, ": unchanged");
}

/* VRF_DEV: " vrf NAME table T: old -> new" (after the space's name). */
static int dcx_event_vrf(struct nlattr *nest, struct dcx_line *l,
			 json_object *o)
{
	struct nlattr *tb[DCXLAT_SPACE_MAX + 1];
	char dev[IF_NAMESIZE] = "";
	uint32_t ifindex = 0, table = 0;

	if (nla_parse_nested(tb, DCXLAT_SPACE_MAX, nest, NULL) ||
	    !tb[DCXLAT_SPACE_VRF_NAME] ||
	    (tb[DCXLAT_SPACE_VRF] &&
	     dcx_msg_get_u32(tb[DCXLAT_SPACE_VRF], &ifindex)) ||
	    (tb[DCXLAT_SPACE_TABLE] &&
	     dcx_msg_get_u32(tb[DCXLAT_SPACE_TABLE], &table)))
		return -EINVAL;
	nla_strlcpy(dev, tb[DCXLAT_SPACE_VRF_NAME], sizeof(dev));
	dcx_add(l, " vrf %s", dev);
	json_object_object_add(o, "vrf", json_object_new_string(dev));
	if (table) {
		dcx_add(l, " table %u", table);
		json_object_object_add(o, "table", json_object_new_int64(table));
	}
	dcx_event_bind_state(tb[DCXLAT_SPACE_VRF_WAITING], ifindex, l, o);
	return 0;
}

/* NDP_DEV: " ndp-proxy NAME: old -> new". */
static int dcx_event_ndp(struct nlmsghdr *nlh, struct nlattr **tb,
			 struct dcx_line *l, json_object *o)
{
	const struct dcx_setval *v;
	struct dcx_settings now;

	if (dcx_msg_parse_settings(nlh, &now))
		return -EINVAL;
	v = &now.v[DCXLAT_SET_NDP_PROXY];
	if (!v->present)
		return -EINVAL;
	dcx_add(l, " ndp-proxy %s", v->s);
	json_object_object_add(o, "dev", json_object_new_string(v->s));
	dcx_event_bind_state(tb[DCXLAT_A_NDP_WAITING], 0, l, o);
	return 0;
}

int dcx_event_render(struct nlmsghdr *nlh, char *text, size_t len,
		     json_object *o)
{
	struct nlattr *tb[DCXLAT_A_MAX + 1];
	struct dcx_line l = { text, len, 0 };
	json_object *tmp = NULL, *base;
	struct dcx_event ev;
	int r = 0;

	if (dcx_msg_parse_event(nlh, &ev) || dcx_msg_top(nlh, tb))
		return -EINVAL;
	if (!o)
		o = tmp = json_object_new_object();
	base = dcx_json_event(&ev);
	json_object_object_foreach(base, k, v)
		json_object_object_add(o, k, json_object_get(v));
	json_object_put(base);
	if (!strcmp(dcx_str(o, "object"), "unknown"))
		dcx_add(&l, "event %u %s", ev.cmd, ev.inst.name);
	else
		dcx_add(&l, "%s %s %s", dcx_str(o, "object"),
			dcx_str(o, "command"), ev.inst.name);
	if (ev.cmd == DCXLAT_CMD_POOL6_SET || ev.cmd == DCXLAT_CMD_POOL6_FLUSH)
		dcx_event_pool6(tb, &ev, &l, o);
	if (tb[DCXLAT_A_SPACE_CFG]) {
		dcx_event_space_cfg(tb[DCXLAT_A_SPACE_CFG], &l, o);
		if (tb[DCXLAT_A_OLD_SPACE_CFG])
			dcx_event_space_set(tb, &l, o);
	} else if (tb[DCXLAT_A_SPACE] && nla_len(tb[DCXLAT_A_SPACE]) > 1 &&
		 !((char *)nla_data(tb[DCXLAT_A_SPACE]))[
			nla_len(tb[DCXLAT_A_SPACE]) - 1]) {
		dcx_add(&l, " space %s", (char *)nla_data(tb[DCXLAT_A_SPACE]));
		json_object_object_add(o, "space", json_object_new_string(
					nla_data(tb[DCXLAT_A_SPACE])));
	}
	if (ev.cmd == DCXLAT_CMD_EAMT_ADD || ev.cmd == DCXLAT_CMD_EAMT_DEL ||
	    ev.cmd == DCXLAT_CMD_EAMT_FLUSH)
		r = dcx_event_eamt(nlh, tb, &l, o);
	else if (ev.cmd == DCXLAT_CMD_SETTINGS_SET)
		r = dcx_event_settings(nlh, tb, &l, o);
	else if (ev.cmd == DCXLAT_CMD_VRF_DEV && tb[DCXLAT_A_SPACE_CFG])
		r = dcx_event_vrf(tb[DCXLAT_A_SPACE_CFG], &l, o);
	else if (ev.cmd == DCXLAT_CMD_NDP_DEV)
		r = dcx_event_ndp(nlh, tb, &l, o);
	if (!r && tb[DCXLAT_A_BIND])
		r = dcx_event_bind(tb[DCXLAT_A_BIND],
				   ev.cmd == DCXLAT_CMD_BIND_DEV, &l, o);
	json_object_put(tmp);
	return r;
}
