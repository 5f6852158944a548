/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The canonical form of a whole configuration (config.h) and its digest:
 * what "dcxlat show --digest" prints, "dcxlat health" compares and
 * "dcxlat diff" walks. Canonical = the JSON "show" prints without the
 * instance name, every object's keys sorted and every list sorted (by
 * its members' canonical text), so the order of EAM entries, bindings or
 * spaces in a file or in a dump never changes it. The digest is the
 * SHA-256 (OpenSSL's libcrypto) of the canonical text printed plain, in
 * lowercase hex. Pure (json-c, libcrypto).
 */
#ifndef DCXLAT_USR_CONFIG_DIGEST_H
#define DCXLAT_USR_CONFIG_DIGEST_H

#include <stddef.h>
#include <json-c/json.h>
#include "config.h"

/* Hex SHA-256 and its NUL. */
#define DCX_DIGEST_STRLEN 65

/* The canonical JSON of c (a new reference), or NULL without memory. */
json_object *dcx_config_canon(const struct dcx_uconfig *c);
/* The canonical copy of any JSON value (keys and lists sorted). */
json_object *dcx_json_canon(json_object *j);
/* SHA-256 of len bytes into hex[DCX_DIGEST_STRLEN]. 0 or -1. */
int dcx_sha256_hex(const void *data, size_t len, char *hex);
/* The digest of c into hex[DCX_DIGEST_STRLEN]. 0 or -1 (no memory). */
int dcx_config_digest(const struct dcx_uconfig *c, char *hex);

/* {"instance": NAME, "digest": HEX}, as "show --digest -j" prints it. */
json_object *dcx_digest_json(const char *instance, const char *hex);

#endif /* DCXLAT_USR_CONFIG_DIGEST_H */
