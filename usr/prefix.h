/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6 and IPv4 prefixes as the user types them: parse, check for
 * RFC 6052, print. Pure; the types every other CLI module uses.
 */
#ifndef DCXLAT_USR_PREFIX_H
#define DCXLAT_USR_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

/* "2001:db8::/32\0" at its longest: 39 + 1 + 3 + 1. */
#define DCX_PREFIX_STRLEN (INET6_ADDRSTRLEN + 4)

struct dcx_uprefix {
	struct in6_addr addr;
	unsigned int len;
};

/*
 * Syntax only: "IPV6-ADDRESS/LENGTH" with LENGTH a decimal number 0..255
 * (range checks belong to dcx_prefix_check_pool6, so that the kernel's own
 * checks can be exercised with a length the kernel must refuse).
 * Returns 0, or -1 with a message for the user in err.
 */
int dcx_prefix_parse(const char *s, struct dcx_uprefix *p,
		     char *err, size_t errlen);

/* RFC 6052 rules for pool6: length 32/40/48/56/64/96, no bits after it. */
bool dcx_prefix_len_ok(unsigned int len);
int dcx_prefix_check_pool6(const struct dcx_uprefix *p,
			   char *err, size_t errlen);

/* Zero every bit after p->len (p->len <= 128). */
void dcx_prefix_mask(struct dcx_uprefix *p);

/* "64:ff9b::/96" into buf (DCX_PREFIX_STRLEN bytes); returns buf. */
char *dcx_prefix_str(const struct dcx_uprefix *p, char *buf, size_t len);

/* IPv4 prefixes: "A.B.C.D/LEN", LEN 0..32 (a bare address is /32). */
#define DCX_PREFIX4_STRLEN (INET_ADDRSTRLEN + 4)

struct dcx_uprefix4 {
	struct in_addr addr;	/* network order */
	unsigned int len;
};

/*
 * Syntax, length 0..32 and no bits after the length. bare_ok: an address
 * without "/LEN" means /32. Returns 0, or -1 with a message in err.
 */
int dcx_prefix4_parse(const char *s, bool bare_ok, struct dcx_uprefix4 *p,
		      char *err, size_t errlen);
char *dcx_prefix4_str(const struct dcx_uprefix4 *p, char *buf, size_t len);

/* An IPv6 prefix of any length 0..128 without bits after it (EAM, etc.). */
int dcx_prefix6_parse_strict(const char *s, bool bare_ok,
			     struct dcx_uprefix *p, char *err, size_t errlen);

#endif /* DCXLAT_USR_PREFIX_H */
