// SPDX-License-Identifier: GPL-2.0
/*
 * transport.c's checksum arithmetic on its own: the IPv6 pseudo-header
 * address sum (dcx_csum_addrs6(), 64-bit adds folded, no csum_partial())
 * against RFC 1071 done here by hand, and the 4 -> 6 update of the scapy
 * vectors (vectors/gen_shim.py) through dcx_csum_diff_46().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "env.h"
#include "transport.h"
#include "vectors/shim_vectors.h"

/* A __sum16 as the 16-bit number the wire carries. */
static u16 wire(__sum16 s)
{
	return be16_to_cpu((__force __be16)s);
}

/*
 * RFC 1071 by hand: big-endian 16-bit words, end-around carry. The sums
 * are checked on addresses whose words carry out of 32 bits many times
 * (all ones), on zeros, alternating bytes and random ones.
 */
static u16 rfc1071_words(const u8 *b, unsigned int n)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < n; i += 2)
		sum += (u32)b[i] << 8 | b[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

static void test_addr_sums(void **state)
{
	struct in6_addr a[2];
	unsigned int i, j, r;
	u8 b[32];

	(void)state;
	srandom(1071);
	for (r = 0; r < 2000; r++) {
		for (i = 0; i < 2; i++)
			for (j = 0; j < 16; j++)
				a[i].s6_addr[j] = r == 0 ? 0xff : r == 1 ? 0 :
						  r == 2 ? (j & 1 ? 0xff : 0) :
						  (u8)random();
		memcpy(b, &a[0], 16);
		memcpy(b + 16, &a[1], 16);
		assert_int_equal(wire(csum_fold(dcx_csum_addrs6(&a[0], &a[1]))),
				 rfc1071_words(b, 32));
	}
	for (i = 0; i < ARRAY_SIZE(xlat_vecs); i++) {
		const struct shim_xlat_vec *v = &xlat_vecs[i];
		struct in6_addr s6, d6;
		__be32 s4, d4;
		__sum16 c;

		memcpy(&s6, v->src6, 16);
		memcpy(&d6, v->dst6, 16);
		memcpy(&s4, v->src4, 4);
		memcpy(&d4, v->dst4, 4);
		memcpy(&c, v->l4 + v->check_off, 2);
		dcx_csum_update(&c, dcx_csum_diff_46(&s6, &d6, s4, d4), false);
		if (v->proto == IPPROTO_UDP && c == 0)
			c = CSUM_MANGLED_0;
		assert_int_equal(wire(c), v->check6);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addr_sums),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
