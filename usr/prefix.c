// SPDX-License-Identifier: GPL-2.0
/*
 * Prefix parsing and RFC 6052 validation, pure (no netlink) so that the
 * unit tests can drive every branch.
 */
#include <arpa/inet.h>
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
				 "invalid prefix \"%s\": %s is an IPv4 address; pool6 needs an IPv6 prefix such as 64:ff9b::/96",
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
