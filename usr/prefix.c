// SPDX-License-Identifier: GPL-2.0
/*
 * Prefixes as the user types them (see prefix.h): IPv6 and IPv4 syntax
 * with messages that say what to fix, RFC 6052 checks for pool6, text
 * out. Pure (no netlink) so that the unit tests can drive every branch.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "core/prefix.h"
#include "prefix.h"

#define DCX_RFC6052_LENS "32, 40, 48, 56, 64 or 96"

/* How the two families name themselves in messages. */
struct dcx_family {
	int af, other_af;
	size_t max;		/* address text: fewer bytes than this */
	const char *what;	/* "prefix", "IPv4 prefix" */
	const char *form;	/* after "expected " */
	const char *ip, *other_ip, *example;
};

static const struct dcx_family dcx_fam6 = {
	AF_INET6, AF_INET, INET6_ADDRSTRLEN, "prefix",
	"IPV6-ADDRESS/LENGTH, e.g. 64:ff9b::/96", "IPv6", "IPv4",
	"64:ff9b::/96",
};

static const struct dcx_family dcx_fam4 = {
	AF_INET, AF_INET6, INET_ADDRSTRLEN + 1, "IPv4 prefix",
	"A.B.C.D/LENGTH, e.g. 192.0.2.0/24", "IPv4", "IPv6", "192.0.2.0/24",
};

/* The address of prefix s (up to slash, or all of s) into out. */
static int dcx_addr_parse(const struct dcx_family *f, const char *s,
			  const char *slash, void *out, char *err,
			  size_t errlen)
{
	char addr[INET6_ADDRSTRLEN + 1];
	struct in6_addr other;
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);

	if (!alen || alen >= f->max) {
		snprintf(err, errlen, "invalid %s \"%s\": expected %s", f->what,
			 s, f->form);
		return -1;
	}
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (inet_pton(f->af, addr, out) == 1)
		return 0;
	if (inet_pton(f->other_af, addr, &other) == 1)
		snprintf(err, errlen,
			 "invalid %s \"%s\": %s is an %s address; an %s prefix is needed here, such as %s",
			 f->what, s, addr, f->other_ip, f->ip, f->example);
	else
		snprintf(err, errlen,
			 "invalid %s \"%s\": \"%s\" is not an %s address",
			 f->what, s, addr, f->ip);
	return -1;
}

int dcx_prefix_parse(const char *s, struct dcx_uprefix *p,
		     char *err, size_t errlen)
{
	const char *slash, *l;
	unsigned int len = 0;

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
	if (dcx_addr_parse(&dcx_fam6, s, slash, &p->addr, err, errlen))
		return -1;
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
	char why[DCX_WHY_LEN];
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
	/* The module's own rule (kmod/core/prefix.c), before sending. */
	if (dcx_prefix6_check_reserved(p->addr.s6_addr, p->len, why)) {
		snprintf(err, errlen, "prefix %s", why);
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
	char fixed[DCX_PREFIX4_STRLEN];
	const char *slash;
	uint32_t a, mask;

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
	if (dcx_addr_parse(&dcx_fam4, s, slash, &p->addr, err, errlen))
		return -1;
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
