// SPDX-License-Identifier: GPL-2.0
/*
 * The settings table in the module (see settings.h): the descriptors are
 * one expansion of DCXLAT_SETTINGS_ALL, the defaults one parse of its
 * DEFAULT column into a template that every new configuration copies.
 * The FIELD column is checked at build time against the TYPE column.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/inet.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include "config.h"
#include "core/prefix.h"
#include "settings.h"

#define DCX_SET_DESC(id, nm, tp, df, lo, hi, vl, doc, rfc, field)	\
	[DCXLAT_SET_##id] = {						\
		.name = nm,						\
		.type = DCXLAT_ST_##tp,					\
		.off = offsetof(struct dcx_config, field),		\
		.size = sizeof_field(struct dcx_config, field),		\
		.min = lo,						\
		.max = hi,						\
		.def = df,						\
		.vals = vl,						\
	},
const struct dcx_setting dcx_settings[DCXLAT_SET_MAX + 1] = {
	DCXLAT_SETTINGS_ALL(DCX_SET_DESC)
};

#define DCX_SET_ROW(id, name, type, def, lo, hi, vals, doc, rfc)	\
	DCX_SET_ROW_##id,
enum {
	DCXLAT_SETTINGS(DCX_SET_ROW)
	DCX_SET_ROWS
};
static_assert(DCX_SET_ROWS == DCXLAT_SET_MAX,
	      "every DCXLAT_SET_* attribute has a row in DCXLAT_SETTINGS");

/* The field of a row can hold what its TYPE and MAX say. */
#define DCX_ST_FITS(t, size, hi)					\
	((t) == DCXLAT_ST_PREFIX4 ? (size) == sizeof(struct dcx_prefix4) : \
	 (t) == DCXLAT_ST_PREFIX6 ? (size) == sizeof(struct dcx_prefix6) : \
	 (t) == DCXLAT_ST_IFNAME ? (size) > (hi) :			\
	 ((size) == 1 || (size) == 2 || (size) == 4) &&			\
	 (u64)(hi) < 1ULL << (8 * (size)))
#define DCX_SET_FITS(id, name, type, def, lo, hi, vals, doc, rfc, field) \
	static_assert(DCX_ST_FITS(DCXLAT_ST_##type,			\
				  sizeof_field(struct dcx_config, field), hi), \
		      "FIELD of setting " #id " does not fit its TYPE");
DCXLAT_SETTINGS_ALL(DCX_SET_FITS)

u32 dcx_setting_uint(const struct dcx_config *cfg, int id)
{
	const void *p = dcx_setting_ptr(cfg, id);

	switch (dcx_settings[id].size) {
	case 1:
		return *(const u8 *)p;
	case 2:
		return *(const u16 *)p;
	default:
		return *(const u32 *)p;
	}
}

void dcx_setting_set_uint(struct dcx_config *cfg, int id, u32 v)
{
	void *p = dcx_setting_ptr(cfg, id);

	switch (dcx_settings[id].size) {
	case 1:
		*(u8 *)p = v;
		break;
	case 2:
		*(u16 *)p = v;
		break;
	default:
		*(u32 *)p = v;
	}
}

int dcx_setting_room(const struct dcx_config *cfg, int id, unsigned int have,
		     unsigned int more, const char *what, char *why)
{
	u32 max = dcx_setting_uint(cfg, id);

	if (more <= max && have <= max - more)
		return 0;
	snprintf(why, DCX_WHY_LEN,
		 "%s is %u: %u %s and %u more do not fit (global set %s N)",
		 dcx_settings[id].name, max, have, what, more,
		 dcx_settings[id].name);
	return -ENOSPC;
}

/* Every setting at its default; filled by dcx_settings_init(). */
static struct dcx_config dcx_settings_tmpl;

/* "ADDR/LEN" of bits 32 or 128 into addr and *len. */
static int dcx_default_prefix(const char *s, unsigned int bits, void *addr,
			      u8 *len)
{
	const char *end;
	int ok;

	if (!strcmp(s, "unset"))
		return 0;
	ok = bits == 32 ? in4_pton(s, -1, addr, '/', &end) :
			  in6_pton(s, -1, addr, '/', &end);
	if (!ok || *end != '/' || kstrtou8(end + 1, 10, len) || *len > bits)
		return -EINVAL;
	return 0;
}

/* The position of word in "a|b|c", or -EINVAL. */
static int dcx_default_enum(const char *vals, const char *word)
{
	size_t n = strlen(word);
	int i;

	for (i = 0; *vals; i++) {
		if (!strncmp(vals, word, n) && (!vals[n] || vals[n] == '|'))
			return i;
		vals = strchrnul(vals, '|');
		if (*vals)
			vals++;
	}
	return -EINVAL;
}

static int dcx_default_parse(struct dcx_config *c, int id)
{
	const struct dcx_setting *d = &dcx_settings[id];
	struct dcx_prefix4 *p4 = dcx_setting_ptr(c, id);
	struct dcx_prefix6 *p6 = dcx_setting_ptr(c, id);
	u32 v;
	int i;

	switch (d->type) {
	case DCXLAT_ST_PREFIX4:
		return dcx_default_prefix(d->def, 32, &p4->addr, &p4->len);
	case DCXLAT_ST_PREFIX6:
		return dcx_default_prefix(d->def, 128, &p6->addr, &p6->len);
	case DCXLAT_ST_U32:
	case DCXLAT_ST_U8:
		if (kstrtou32(d->def, 10, &v) || v < d->min || v > d->max)
			return -EINVAL;
		break;
	case DCXLAT_ST_BOOL:
		if (strcmp(d->def, "on") && strcmp(d->def, "off"))
			return -EINVAL;
		v = !strcmp(d->def, "on");
		break;
	case DCXLAT_ST_ENUM:
		i = dcx_default_enum(d->vals, d->def);
		if (i < 0)
			return i;
		v = i;
		break;
	case DCXLAT_ST_IFNAME:
		if (strcmp(d->def, "unset") &&
		    strscpy(dcx_setting_ptr(c, id), d->def, d->size) < 0)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
	dcx_setting_set_uint(c, id, v);
	return 0;
}

int dcx_settings_init(void)
{
	int id;

	for (id = 1; id <= DCXLAT_SET_MAX; id++) {
		if (dcx_default_parse(&dcx_settings_tmpl, id)) {
			pr_err("setting %s: bad default \"%s\"\n",
			       dcx_settings[id].name, dcx_settings[id].def);
			return -EINVAL;
		}
	}
	return 0;
}

void dcx_settings_defaults(struct dcx_config *cfg)
{
	int id;

	for (id = 1; id <= DCXLAT_SET_MAX; id++)
		memcpy(dcx_setting_ptr(cfg, id),
		       dcx_setting_ptr(&dcx_settings_tmpl, id),
		       dcx_settings[id].size);
}
