// SPDX-License-Identifier: GPL-2.0
/*
 * Prefix parsing and RFC 6052 validation, pure (no netlink) so that the
 * unit tests can drive every branch.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "prefix.h"

#define DCX_RFC6052_LENS "32, 40, 48, 56, 64 or 96"

int dcx_prefix_parse(const char *s, struct dcx_uprefix *p,
		     char *err, size_t errlen)
{
	char addr[INET6_ADDRSTRLEN];
	struct in_addr v4;
	const char *slash, *l;
	unsigned int len = 0;
	size_t alen;

	if (!s || !*s) {
		snprintf(err, errlen,
			 "missing prefix; expected IPV6-ADDRESS/LENGTH, e.g. 64:ff9b::/96");
		return -1;
	}
	slash = strchr(s, '/');
	if (!slash) {
		snprintf(err, errlen,
			 "invalid prefix \"%s\": missing \"/LENGTH\" (e.g. 64:ff9b::/96)",
			 s);
		return -1;
	}
	alen = (size_t)(slash - s);
	if (!alen || alen >= sizeof(addr)) {
		snprintf(err, errlen,
			 "invalid prefix \"%s\": expected IPV6-ADDRESS/LENGTH, e.g. 64:ff9b::/96",
			 s);
		return -1;
	}
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (inet_pton(AF_INET6, addr, &p->addr) != 1) {
		if (inet_pton(AF_INET, addr, &v4) == 1)
			snprintf(err, errlen,
				 "invalid prefix \"%s\": %s is an IPv4 address; an IPv6 prefix is needed here, such as 64:ff9b::/96",
				 s, addr);
		else
			snprintf(err, errlen,
				 "invalid prefix \"%s\": \"%s\" is not an IPv6 address",
				 s, addr);
		return -1;
	}
	l = slash + 1;
	if (!*l || strlen(l) > 3 || strspn(l, "0123456789") != strlen(l))
		goto badlen;
	for (; *l; l++)
		len = len * 10 + (unsigned int)(*l - '0');
	if (len > 255)
		goto badlen;
	p->len = len;
	return 0;

badlen:
	snprintf(err, errlen,
		 "invalid prefix \"%s\": length \"%s\" is not a number from 0 to 128",
		 s, slash + 1);
	return -1;
}

bool dcx_prefix_len_ok(unsigned int len)
{
	switch (len) {
	case 32: case 40: case 48: case 56: case 64: case 96:
		return true;
	}
	return false;
}

void dcx_prefix_mask(struct dcx_uprefix *p)
{
	unsigned int i;

	for (i = p->len; i < 128; i++)
		p->addr.s6_addr[i / 8] &= (unsigned char)~(0x80u >> (i % 8));
}

char *dcx_prefix_str(const struct dcx_uprefix *p, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, &p->addr, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	snprintf(buf, len, "%s/%u", a, p->len);
	return buf;
}

int dcx_prefix_check_pool6(const struct dcx_uprefix *p,
			   char *err, size_t errlen)
{
	char shown[DCX_PREFIX_STRLEN], fixed[DCX_PREFIX_STRLEN];
	struct dcx_uprefix m = *p;

	if (p->len > 128) {
		snprintf(err, errlen,
			 "prefix %s: length %u is out of range; IPv6 prefixes have 0 to 128 bits and RFC 6052 allows "
			 DCX_RFC6052_LENS,
			 dcx_prefix_str(p, shown, sizeof(shown)), p->len);
		return -1;
	}
	if (!dcx_prefix_len_ok(p->len)) {
		snprintf(err, errlen,
			 "prefix %s is not a valid RFC 6052 length; use "
			 DCX_RFC6052_LENS,
			 dcx_prefix_str(p, shown, sizeof(shown)));
		return -1;
	}
	dcx_prefix_mask(&m);
	if (memcmp(&m.addr, &p->addr, sizeof(m.addr))) {
		snprintf(err, errlen,
			 "prefix %s has bits set after the prefix length; did you mean %s?",
			 dcx_prefix_str(p, shown, sizeof(shown)),
			 dcx_prefix_str(&m, fixed, sizeof(fixed)));
		return -1;
	}
	return 0;
}

static int dcx_len_parse(const char *l, unsigned int max, unsigned int *len)
{
	unsigned int v = 0;

	if (!*l || strlen(l) > 3 || strspn(l, "0123456789") != strlen(l))
		return -1;
	for (; *l; l++)
		v = v * 10 + (unsigned int)(*l - '0');
	if (v > max)
		return -1;
	*len = v;
	return 0;
}

int dcx_prefix4_parse(const char *s, bool bare_ok, struct dcx_uprefix4 *p,
		      char *err, size_t errlen)
{
	char addr[INET_ADDRSTRLEN + 1], fixed[DCX_PREFIX4_STRLEN];
	struct in6_addr v6;
	const char *slash;
	uint32_t a, mask;
	size_t alen;

	if (!s || !*s) {
		snprintf(err, errlen,
			 "missing IPv4 prefix; expected A.B.C.D/LENGTH, e.g. 192.0.2.0/24");
		return -1;
	}
	slash = strchr(s, '/');
	if (!slash && !bare_ok) {
		snprintf(err, errlen,
			 "invalid IPv4 prefix \"%s\": missing \"/LENGTH\" (e.g. 192.0.2.0/24)",
			 s);
		return -1;
	}
	alen = slash ? (size_t)(slash - s) : strlen(s);
	if (!alen || alen >= sizeof(addr)) {
		snprintf(err, errlen,
			 "invalid IPv4 prefix \"%s\": expected A.B.C.D/LENGTH, e.g. 192.0.2.0/24",
			 s);
		return -1;
	}
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (inet_pton(AF_INET, addr, &p->addr) != 1) {
		if (inet_pton(AF_INET6, addr, &v6) == 1)
			snprintf(err, errlen,
				 "invalid IPv4 prefix \"%s\": %s is an IPv6 address; an IPv4 prefix is needed here, such as 192.0.2.0/24",
				 s, addr);
		else
			snprintf(err, errlen,
				 "invalid IPv4 prefix \"%s\": \"%s\" is not an IPv4 address",
				 s, addr);
		return -1;
	}
	p->len = 32;
	if (slash && dcx_len_parse(slash + 1, 32, &p->len)) {
		snprintf(err, errlen,
			 "invalid IPv4 prefix \"%s\": length \"%s\" is not a number from 0 to 32",
			 s, slash + 1);
		return -1;
	}
	a = ntohl(p->addr.s_addr);
	mask = p->len ? ~0u << (32 - p->len) : 0;
	if (a & ~mask) {
		struct dcx_uprefix4 m = { { htonl(a & mask) }, p->len };

		snprintf(err, errlen,
			 "IPv4 prefix %s has bits set after the prefix length; did you mean %s?",
			 s, dcx_prefix4_str(&m, fixed, sizeof(fixed)));
		return -1;
	}
	return 0;
}

char *dcx_prefix4_str(const struct dcx_uprefix4 *p, char *buf, size_t len)
{
	char a[INET_ADDRSTRLEN];

	if (!inet_ntop(AF_INET, &p->addr, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	snprintf(buf, len, "%s/%u", a, p->len);
	return buf;
}

int dcx_prefix6_parse_strict(const char *s, bool bare_ok,
			     struct dcx_uprefix *p, char *err, size_t errlen)
{
	char shown[DCX_PREFIX_STRLEN], fixed[DCX_PREFIX_STRLEN];
	char buf[DCX_PREFIX_STRLEN + 8];
	struct dcx_uprefix m;

	if (bare_ok && s && *s && !strchr(s, '/') &&
	    strlen(s) < INET6_ADDRSTRLEN) {
		snprintf(buf, sizeof(buf), "%s/128", s);
		s = buf;
	}
	if (dcx_prefix_parse(s, p, err, errlen))
		return -1;
	if (p->len > 128) {
		snprintf(err, errlen,
			 "invalid IPv6 prefix \"%s\": length %u is not a number from 0 to 128",
			 s, p->len);
		return -1;
	}
	m = *p;
	dcx_prefix_mask(&m);
	if (memcmp(&m.addr, &p->addr, sizeof(m.addr))) {
		snprintf(err, errlen,
			 "IPv6 prefix %s has bits set after the prefix length; did you mean %s?",
			 dcx_prefix_str(p, shown, sizeof(shown)),
			 dcx_prefix_str(&m, fixed, sizeof(fixed)));
		return -1;
	}
	return 0;
}
