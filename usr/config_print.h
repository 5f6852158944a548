/* SPDX-License-Identifier: GPL-2.0 */
/* A whole configuration (config.h) as JSON, as "dcxlat show" prints it. */
#ifndef DCXLAT_USR_CONFIG_PRINT_H
#define DCXLAT_USR_CONFIG_PRINT_H

#include <json-c/json.h>
#include "config.h"

json_object *dcx_config_to_json(const struct dcx_uconfig *c);

#endif /* DCXLAT_USR_CONFIG_PRINT_H */
