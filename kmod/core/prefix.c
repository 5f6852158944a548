// SPDX-License-Identifier: GPL-2.0
/*
 * Prefixes as bits and the wording of table refusals (see prefix.h).
 * Compiled into the module, the tests and the CLI: only env.h types.
 */
#include "prefix.h"

bool dcx_prefix_bits_equal(const u8 *a, const u8 *b, unsigned int bits)
{
	unsigned int bytes = bits / 8, rest = bits % 8;
	u8 mask;

	if (memcmp(a, b, bytes))
		return false;
	if (!rest)
		return true;
	mask = 0xff << (8 - rest);
	return !((a[bytes] ^ b[bytes]) & mask);
}

bool dcx_prefix_host_bits_zero(const u8 *key, unsigned int len,
			       unsigned int bits)
{
	unsigned int i;

	for (i = len; i < bits; i++)
		if (key[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

bool dcx_prefix_overlap(const u8 *a, unsigned int la, const u8 *b,
			unsigned int lb)
{
	return dcx_prefix_bits_equal(a, b, la < lb ? la : lb);
}

bool dcx_eam_lens_ok(unsigned int len4, unsigned int len6)
{
	return len4 <= 32 && len6 <= 128 && 32 - len4 == 128 - len6;
}

static const struct {
	u8 addr[16];
	u8 len;
	const char *name;
} dcx_reserved6[] = {
	{ { 0 }, 128, "::/128 (unspecified)" },
	{ { [15] = 1 }, 128, "::1/128 (loopback)" },
	{ { [10] = 0xff, [11] = 0xff }, 96, "::ffff:0:0/96 (IPv4-mapped)" },
	{ { 0xfe, 0x80 }, 10, "fe80::/10 (link-local)" },
	{ { 0xff }, 8, "ff00::/8 (multicast)" },
};

const char *dcx_prefix6_reserved(const u8 *addr, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < sizeof(dcx_reserved6) / sizeof(dcx_reserved6[0]); i++)
		if (dcx_prefix_overlap(addr, len, dcx_reserved6[i].addr,
				       dcx_reserved6[i].len))
			return dcx_reserved6[i].name;
	return NULL;
}

int dcx_prefix6_check_reserved(const u8 *addr, unsigned int len, char *why)
{
	const char *range = dcx_prefix6_reserved(addr, len);

	if (!range)
		return 0;
	dcx_why(why, DCX_P6_FMT " overlaps %s: not usable as a translation prefix",
		DCX_P6_ARG(addr, len), range);
	return -EINVAL;
}

void dcx_why(char *why, const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	va_start(ap, fmt);
	vsnprintf(why, DCX_WHY_LEN, fmt, ap);
	va_end(ap);
}
