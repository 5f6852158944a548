// SPDX-License-Identifier: GPL-2.0
/*
 * EAM entries: parsing, bulk files, overlap checks (see eam.h). The rules
 * themselves (equal suffix lengths, what overlapping means) are the
 * module's own, kmod/core/prefix.c, compiled into the CLI.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/prefix.h"
#include "eam.h"

int dcx_eam_parse(const char *p4, const char *p6, struct dcx_ueam *e,
		  char *err, size_t errlen)
{
	e->remote = false;
	if (dcx_prefix4_parse(p4, true, &e->p4, err, errlen) ||
	    dcx_prefix6_parse_strict(p6, true, &e->p6, err, errlen))
		return -1;
	if (!dcx_eam_lens_ok(e->p4.len, e->p6.len)) {
		snprintf(err, errlen,
			 "EAM %s %s: the suffix lengths differ (%u and %u bits); RFC 7757 needs IPv6 length = IPv4 length + 96, here /%u",
			 p4, p6, 32 - e->p4.len, 128 - e->p6.len,
			 e->p4.len + 96);
		return -1;
	}
	return 0;
}

int dcx_eam_parse_scope(const char *word, struct dcx_ueam *e, char *err,
			size_t errlen)
{
	if (!word || !strcmp(word, "local")) {
		e->remote = false;
		return 0;
	}
	if (!strcmp(word, "remote")) {
		e->remote = true;
		return 0;
	}
	snprintf(err, errlen,
		 "unexpected \"%s\" after the prefixes; expected \"local\" or \"remote\" (RFC 7756 5.2: an Edge Relay's entry for a remote service)",
		 word);
	return -1;
}

int dcx_eam_parse_str(const char *s, struct dcx_ueam *e, char *err,
		      size_t errlen)
{
	char buf[256];
	bool empty;

	if (dcx_eam_scan(s, e))
		return 0;
	if (strlen(s) >= sizeof(buf)) {
		snprintf(err, errlen, "EAM entry too long");
		return -1;
	}
	memcpy(buf, s, strlen(s) + 1);
	if (dcx_eam_parse_line(buf, e, &empty, err, errlen))
		return -1;
	if (empty) {
		snprintf(err, errlen,
			 "empty EAM entry; expected \"PREFIX4 PREFIX6 [local|remote]\", e.g. \"192.0.2.0/24 2001:db8::/120\"");
		return -1;
	}
	return 0;
}

/* ---- the fast path of bulk lines ----------------------------------- */

/*
 * A million-line file spends its time in strtok, inet_pton and the
 * messages' buffers. dcx_eam_scan() reads the usual line by hand and
 * gives up (false) on anything it does not know for sure; the caller then
 * parses the line the slow way, which accepts the same entries (the unit
 * tests compare both on every form) and words every error.
 */
static bool dcx_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* 1-3 decimal digits (leading zeros allowed, as dcx_len_parse). */
static bool dcx_scan_len(const char **p, unsigned int max, unsigned int *len)
{
	const char *s = *p;
	unsigned int v = 0, n = 0;

	while (*s >= '0' && *s <= '9' && n < 4) {
		v = v * 10 + (unsigned int)(*s++ - '0');
		n++;
	}
	if (!n || n > 3 || v > max)
		return false;
	*p = s;
	*len = v;
	return true;
}

/* A.B.C.D as inet_pton() takes it: no leading zero, each part <= 255. */
static bool dcx_scan_v4(const char **p, uint32_t *out)
{
	const char *s = *p;
	uint32_t a = 0, v;
	int i, n;

	for (i = 0; i < 4; i++) {
		if (i && *s++ != '.')
			return false;
		for (v = 0, n = 0; *s >= '0' && *s <= '9' && n < 4; n++)
			v = v * 10 + (uint32_t)(*s++ - '0');
		if (!n || n > 3 || v > 255 || (n > 1 && s[-n] == '0'))
			return false;
		a = a << 8 | v;
	}
	*p = s;
	*out = a;
	return true;
}

/* Hex digit values + 1 (0: not one), for the fast path. */
static const unsigned char dcx_hexv[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int dcx_hex(char c)
{
	return (int)dcx_hexv[(unsigned char)c] - 1;
}

/*
 * Hex groups of 1-4 digits, at most one "::" (standing for at least one
 * zero group), eight groups without it: what inet_pton() takes, minus the
 * dotted-quad tail (left to it).
 */
static bool dcx_scan_v6(const char **p, struct in6_addr *out)
{
	const char *s = *p;
	uint16_t g[8];
	int n = 0, gap = -1, i, d, k;
	unsigned int v;

	if (s[0] == ':') {
		if (s[1] != ':')
			return false;
		gap = 0;
		s += 2;
	}
	while (n < 8 && dcx_hex(*s) >= 0) {
		for (v = 0, k = 0; (d = dcx_hex(*s)) >= 0 && k < 5; k++, s++)
			v = v << 4 | (unsigned int)d;
		if (k > 4)
			return false;
		g[n++] = (uint16_t)v;
		if (*s != ':')
			break;
		if (s[1] == ':') {
			if (gap >= 0)
				return false;
			gap = n;
			s += 2;
		} else if (dcx_hex(s[1]) >= 0) {
			s++;
		} else {
			return false;
		}
	}
	if (*s == '.' || *s == ':' || dcx_hex(*s) >= 0 ||
	    (gap < 0 ? n != 8 : n > 7))
		return false;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		k = gap >= 0 && i >= gap ? 8 - n + i : i;
		out->s6_addr[2 * k] = (uint8_t)(g[i] >> 8);
		out->s6_addr[2 * k + 1] = (uint8_t)g[i];
	}
	*p = s;
	return true;
}

static const char *dcx_skip_blanks(const char *s)
{
	while (dcx_blank(*s))
		s++;
	return s;
}

/* w (l bytes) as a whole word: followed by a blank, "#" or the end. */
static bool dcx_scan_word(const char **p, const char *w, size_t l)
{
	const char *s = *p;

	if (*s != *w || strncmp(s, w, l) ||
	    !(dcx_blank(s[l]) || !s[l] || s[l] == '#'))
		return false;
	*p = s + l;
	return true;
}

bool dcx_eam_scan(const char *s, struct dcx_ueam *e)
{
	struct dcx_uprefix m;
	uint32_t a;

	s = dcx_skip_blanks(s);
	if (!dcx_scan_v4(&s, &a))
		return false;
	e->p4.len = 32;
	if (*s == '/' && (++s, !dcx_scan_len(&s, 32, &e->p4.len)))
		return false;
	if (!dcx_blank(*s) || (e->p4.len < 32 && (a << e->p4.len)))
		return false;
	e->p4.addr.s_addr = htonl(a);
	s = dcx_skip_blanks(s);
	if (!dcx_scan_v6(&s, &e->p6.addr))
		return false;
	e->p6.len = 128;
	if (*s == '/' && (++s, !dcx_scan_len(&s, 128, &e->p6.len)))
		return false;
	if ((*s && !dcx_blank(*s) && *s != '#') ||
	    !dcx_eam_lens_ok(e->p4.len, e->p6.len))
		return false;
	m = e->p6;
	dcx_prefix_mask(&m);
	if (memcmp(&m.addr, &e->p6.addr, sizeof(m.addr)))
		return false;
	s = dcx_skip_blanks(s);
	e->remote = dcx_scan_word(&s, "remote", 6);
	if (!e->remote)
		dcx_scan_word(&s, "local", 5);
	s = dcx_skip_blanks(s);
	return !*s || *s == '#';
}

int dcx_eam_parse_line(char *line, struct dcx_ueam *e, bool *empty,
		       char *err, size_t errlen)
{
	static const char blanks[] = " \t\r\n";
	char *hash = strchr(line, '#'), *save = NULL, *a, *b, *c, *d;

	if (hash)
		*hash = '\0';
	a = strtok_r(line, blanks, &save);
	*empty = !a;
	if (!a)
		return 0;
	b = strtok_r(NULL, blanks, &save);
	c = b ? strtok_r(NULL, blanks, &save) : NULL;
	d = c ? strtok_r(NULL, blanks, &save) : NULL;
	if (!b) {
		snprintf(err, errlen,
			 "\"%s\": missing the IPv6 prefix; expected \"PREFIX4 PREFIX6 [local|remote]\"",
			 a);
		return -1;
	}
	if (d) {
		snprintf(err, errlen,
			 "unexpected \"%s\" after \"%s %s %s\"; expected \"PREFIX4 PREFIX6 [local|remote]\"",
			 d, a, b, c);
		return -1;
	}
	if (dcx_eam_parse(a, b, e, err, errlen))
		return -1;
	return dcx_eam_parse_scope(c, e, err, errlen);
}

int dcx_eam_vec_push(struct dcx_eam_vec *vec, const struct dcx_ueam *e)
{
	struct dcx_ueam *nv;

	if (vec->n == vec->cap) {
		size_t cap = vec->cap ? vec->cap * 2 : 256;

		nv = realloc(vec->v, cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		vec->v = nv;
		vec->cap = cap;
	}
	vec->v[vec->n++] = *e;
	return 0;
}

void dcx_eam_vec_free(struct dcx_eam_vec *vec)
{
	free(vec->v);
	memset(vec, 0, sizeof(*vec));
}

int dcx_eam_read(FILE *f, const char *name, struct dcx_eam_vec *vec,
		 char *err, size_t errlen)
{
	char line[512], msg[400];
	unsigned int lineno = 0;
	struct dcx_ueam e;
	bool empty;
	size_t l;

	while (fgets(line, sizeof(line), f)) {
		lineno++;
		l = strlen(line);
		if (l == sizeof(line) - 1 && line[l - 1] != '\n' && !feof(f)) {
			snprintf(err, errlen, "%s:%u: line too long", name,
				 lineno);
			return -1;
		}
		empty = false;
		if (!dcx_eam_scan(line, &e) &&
		    dcx_eam_parse_line(line, &e, &empty, msg, sizeof(msg))) {
			snprintf(err, errlen, "%s:%u: %s", name, lineno, msg);
			return -1;
		}
		if (empty)
			continue;
		e.tag = lineno;
		if (dcx_eam_vec_push(vec, &e)) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error: %s", name,
			 strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * One prefix of the set being checked: its bits as a 128-bit number (an
 * IPv4 prefix in the top 32), its length, its index in the input. Integer
 * compares instead of memcmp: a million-entry set sorts in a fraction of
 * the time.
 */
struct dcx_key {
	uint64_t hi, lo;
	uint32_t len, idx;
};

static uint64_t dcx_be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void dcx_key_of(const struct dcx_ueam *e, bool v4, size_t idx,
		       struct dcx_key *k)
{
	k->idx = (uint32_t)idx;
	if (v4) {
		k->hi = (uint64_t)ntohl(e->p4.addr.s_addr) << 32;
		k->lo = 0;
		k->len = e->p4.len;
	} else {
		k->hi = dcx_be64(e->p6.addr.s6_addr);
		k->lo = dcx_be64(e->p6.addr.s6_addr + 8);
		k->len = e->p6.len;
	}
}

/* The core's prefix order (by bits, then shorter first), then input order. */
static int dcx_key_cmp(const void *a, const void *b)
{
	const struct dcx_key *x = a, *y = b;

	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Do the prefixes share their first min(len) bits? */
static bool dcx_key_overlap(const struct dcx_key *a, const struct dcx_key *b)
{
	unsigned int l = a->len < b->len ? a->len : b->len, same;
	uint64_t x = a->hi ^ b->hi;

	if (x)
		same = (unsigned int)__builtin_clzll(x);
	else if ((x = a->lo ^ b->lo))
		same = 64 + (unsigned int)__builtin_clzll(x);
	else
		same = 128;
	return same >= l;
}

/* Sorted input (files from "show", generators): the overlapping pair. */
static bool dcx_eam_sorted_pair(const struct dcx_ueam *v, size_t n, bool v4,
				size_t *at)
{
	struct dcx_key k[2];
	size_t i;

	/* Keys of neighbours only: no array of n keys to fill and sort. */
	dcx_key_of(&v[0], v4, 0, &k[0]);
	for (i = 1; i < n; i++) {
		dcx_key_of(&v[i], v4, i, &k[i & 1]);
		if (dcx_key_cmp(&k[!(i & 1)], &k[i & 1]) > 0)
			return false;
	}
	*at = n;
	/* In that order a set overlaps iff two neighbours do (prefix.h). */
	dcx_key_of(&v[0], v4, 0, &k[0]);
	for (i = 1; i < n && *at == n; i++) {
		dcx_key_of(&v[i], v4, i, &k[i & 1]);
		if (dcx_key_overlap(&k[!(i & 1)], &k[i & 1]))
			*at = i;
	}
	return true;
}

int dcx_eam_check_overlaps(const struct dcx_ueam *v, size_t n, bool v4,
			   dcx_eam_label_fn label, const void *ctx,
			   char *err, size_t errlen)
{
	char la[64], lb[64], pa[DCX_PREFIX_STRLEN], pb[DCX_PREFIX_STRLEN];
	const struct dcx_ueam *a, *b;
	struct dcx_key *s;
	size_t i, x, y;

	if (n < 2)
		return 0;
	if (dcx_eam_sorted_pair(v, n, v4, &i)) {
		if (i == n)
			return 0;
		x = i;
		y = i - 1;
		goto found;
	}
	s = malloc(n * sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++)
		dcx_key_of(&v[i], v4, i, &s[i]);
	qsort(s, n, sizeof(*s), dcx_key_cmp);
	for (i = 1; i < n; i++)
		if (dcx_key_overlap(&s[i - 1], &s[i]))
			break;
	if (i == n) {
		free(s);
		return 0;
	}
	x = s[i].idx;
	y = s[i - 1].idx;
	free(s);
found:
	/* Report the one that comes later in the input. */
	a = &v[x > y ? x : y];
	b = &v[x > y ? y : x];
	if (v4) {
		dcx_prefix4_str(&a->p4, pa, sizeof(pa));
		dcx_prefix4_str(&b->p4, pb, sizeof(pb));
	} else {
		dcx_prefix_str(&a->p6, pa, sizeof(pa));
		dcx_prefix_str(&b->p6, pb, sizeof(pb));
	}
	snprintf(err, errlen, "%s: %s %s %s (%s); EAM prefixes must not overlap",
		 label(a->tag, ctx, la, sizeof(la)), pa,
		 strcmp(pa, pb) ? "overlaps" : "duplicates", pb,
		 label(b->tag, ctx, lb, sizeof(lb)));
	return -1;
}

char *dcx_eam_str(const struct dcx_ueam *e, char *buf, size_t len)
{
	char a[DCX_PREFIX4_STRLEN], b[DCX_PREFIX_STRLEN];

	snprintf(buf, len, "%s %s%s", dcx_prefix4_str(&e->p4, a, sizeof(a)),
		 dcx_prefix_str(&e->p6, b, sizeof(b)),
		 e->remote ? " remote" : "");
	return buf;
}
