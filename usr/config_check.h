/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cross checks of a whole configuration (config.h): names, IDs, prefixes,
 * bindings and EAM overlaps, the rules no single field shows. Pure.
 */
#ifndef DCXLAT_USR_CONFIG_CHECK_H
#define DCXLAT_USR_CONFIG_CHECK_H

#include <stddef.h>
#include "config.h"

/* 0, or -1 with "FIELD: what is wrong" in err. */
int dcx_config_validate(const struct dcx_uconfig *c, char *err,
			size_t errlen);

#endif /* DCXLAT_USR_CONFIG_CHECK_H */
