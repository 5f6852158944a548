// SPDX-License-Identifier: GPL-2.0
/*
 * Refusals reach the user whole (see nl_err.h): dcx_nl_errf() keeps the
 * text in the slot of the running request and sets the extack's short
 * form; the doit's post hook or the dump wrapper sends the text.
 */
#include <linux/stdarg.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include "uapi/dcxlat.h"
#include "nl_err.h"

/* Protected by genl_mutex (the family is not parallel_ops). */
static struct {
	const struct netlink_ext_ack *extack;	/* the running request's */
	const char *msg;	/* its extack message when text was kept */
	char text[DCX_ERR_TEXT_LEN];
} dcx_err_slot;

#define DCX_ERR_PREFIX	KBUILD_MODNAME ": "

static const struct genl_family *dcx_err_family;

void dcx_nl_err_init(const struct genl_family *family)
{
	dcx_err_family = family;
}

void dcx_nl_err_open(const struct netlink_ext_ack *extack)
{
	dcx_err_slot.extack = extack;
	dcx_err_slot.msg = NULL;
	dcx_err_slot.text[0] = '\0';
}

/* The extack's short form of text (see nl_err.h). */
static void dcx_nl_err_short(struct netlink_ext_ack *extack, const char *text)
{
#ifdef NETLINK_MAX_FMTMSG_LEN	/* 6.2+: the extack's own buffer */
	/* What fits in NETLINK_MAX_FMTMSG_LEN with the prefix and NUL. */
	const int room = NETLINK_MAX_FMTMSG_LEN - sizeof(DCX_ERR_PREFIX);

	if (strlen(text) <= (size_t)room)
		NL_SET_ERR_MSG_FMT(extack, DCX_ERR_PREFIX "%s", text);
	else
		NL_SET_ERR_MSG_FMT(extack, DCX_ERR_PREFIX "%.*s...", room - 3,
				   text);
#else
	NL_SET_ERR_MSG_MOD(extack,
			   "refused; the whole reason is in the DCXLAT_A_ERROR message before this ack");
#endif
}

void dcx_nl_errf(struct netlink_ext_ack *extack, const char *fmt, ...)
{
	char buf[DCX_ERR_TEXT_LEN], *text = buf;
	bool mine = extack && extack == dcx_err_slot.extack;
	va_list ap;

	if (!extack)
		return;
	if (mine)
		text = dcx_err_slot.text;
	va_start(ap, fmt);
	vsnprintf(text, DCX_ERR_TEXT_LEN, fmt, ap);
	va_end(ap);
	dcx_nl_err_short(extack, text);
	if (mine)
		dcx_err_slot.msg = extack->_msg;
}

/*
 * The slot's text when it is the refusal of the request with this extack
 * (a later constant message replaced it otherwise); the slot is closed.
 */
static const char *dcx_nl_err_take(const struct netlink_ext_ack *extack)
{
	const char *text = NULL;

	if (extack && extack == dcx_err_slot.extack && dcx_err_slot.msg &&
	    extack->_msg == dcx_err_slot.msg)
		text = dcx_err_slot.text;
	dcx_err_slot.extack = NULL;
	return text;
}

static int dcx_nl_err_put(struct sk_buff *skb, const char *text)
{
	return nla_put_string(skb, DCXLAT_A_ERROR, text);
}

void dcx_nl_err_reply(struct genl_info *info)
{
	const char *text = dcx_nl_err_take(info->extack);
	struct sk_buff *msg;
	void *hdr;

	if (!text)
		return;
	/* Best effort: the extack still has the short form. */
	msg = genlmsg_new(nla_total_size(strlen(text) + 1), GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put_reply(msg, info, dcx_err_family, 0,
				info->genlhdr->cmd);
	if (!hdr || dcx_nl_err_put(msg, text)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_reply(msg, info);
}

int dcx_nl_dump_run(struct sk_buff *skb, struct netlink_callback *cb,
		    int (*dumpit)(struct sk_buff *skb,
				  struct netlink_callback *cb))
{
	const struct genlmsghdr *req = nlmsg_data(cb->nlh);
	const char *text;
	void *hdr;
	int ret;

	dcx_nl_err_open(cb->extack);
	ret = dumpit(skb, cb);
	text = dcx_nl_err_take(cb->extack);
	if (ret >= 0 || !text)
		return ret;
	/* In the skb NLMSG_DONE (and its extack) goes into, if both fit. */
	if (skb_tailroom(skb) < nlmsg_total_size(GENL_HDRLEN +
			nla_total_size(strlen(text) + 1)) + 256)
		return ret;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  dcx_err_family, NLM_F_MULTI, req->cmd);
	if (!hdr)
		return ret;
	if (dcx_nl_err_put(skb, text))
		genlmsg_cancel(skb, hdr);
	else
		genlmsg_end(skb, hdr);
	return ret;
}
