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

int dcx_prefix_cmp(const u8 *a, unsigned int la, const u8 *b,
		   unsigned int lb, unsigned int bytes)
{
	int c = memcmp(a, b, bytes);

	if (c)
		return c;
	return la < lb ? -1 : la > lb;
}

bool dcx_eam_lens_ok(unsigned int len4, unsigned int len6)
{
	return len4 <= 32 && len6 <= 128 && 32 - len4 == 128 - len6;
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
