/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's view of the DCXLAT_SETTINGS table (uapi/dcxlat_settings.h):
 * one descriptor per setting, indexed by DCXLAT_SET_*, saying where in a
 * struct dcx_config the value lives (the FIELD column) and what the table
 * says about it. settings.c owns the defaults: it parses the DEFAULT column
 * once at module init, so the CLI and the module read the same text.
 * Nothing here knows netlink: nl_settings.c turns attributes into values.
 */
#ifndef DCX_SETTINGS_H
#define DCX_SETTINGS_H

#include <linux/types.h>
#include "uapi/dcxlat.h"
#include "uapi/dcxlat_settings.h"

struct dcx_config;

struct dcx_setting {
	const char *name;		/* the CLI/JSON key, for messages */
	enum dcxlat_setting_type type;
	u16 off, size;			/* of FIELD in struct dcx_config */
	u32 min, max;
	const char *def, *vals;		/* DEFAULT, VALUES */
};

/* By DCXLAT_SET_*; entry 0 is unused. */
extern const struct dcx_setting dcx_settings[DCXLAT_SET_MAX + 1];

/* Parse every DEFAULT once; -EINVAL (and a log line) on a bad row. */
int dcx_settings_init(void);
/* Every setting of cfg to its default; nothing else of cfg changes. */
void dcx_settings_defaults(struct dcx_config *cfg);

/* Where setting id lives in cfg. */
static inline void *dcx_setting_ptr(const struct dcx_config *cfg, int id)
{
	return (u8 *)cfg + dcx_settings[id].off;
}

/* Integer settings (U32, U8, BOOL, ENUM), whatever the field's width. */
u32 dcx_setting_uint(const struct dcx_config *cfg, int id);
void dcx_setting_set_uint(struct dcx_config *cfg, int id, u32 v);

/*
 * Room under a limit setting (MAX_EAMS, MAX_SPACES) of cfg for more
 * objects of what (plural, "EAM entries") beside the have there are: 0,
 * or -ENOSPC with the reason in why (DCX_WHY_LEN bytes). An instance
 * whose limit was lowered under its count keeps what it has.
 */
int dcx_setting_room(const struct dcx_config *cfg, int id, unsigned int have,
		     unsigned int more, const char *what, char *why);

#endif /* DCX_SETTINGS_H */
