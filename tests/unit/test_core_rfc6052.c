// SPDX-License-Identifier: GPL-2.0
/*
 * RFC 6052 address translation (kmod/core/addr.c): the section 2.4 example
 * table both ways, the u octet, prefix matching, round trips.
 */
#include "unit_helpers.h"

struct example {
	const char *prefix;
	unsigned int len;
	const char *v4;
	const char *v6;
};

/* RFC 6052 section 2.4, Table 2, verbatim. */
static const struct example rfc_table[] = {
	{ "2001:db8::", 32, "192.0.2.33", "2001:db8:c000:221::" },
	{ "2001:db8:100::", 40, "192.0.2.33", "2001:db8:1c0:2:21::" },
	{ "2001:db8:122::", 48, "192.0.2.33", "2001:db8:122:c000:2:2100::" },
	{ "2001:db8:122:300::", 56, "192.0.2.33", "2001:db8:122:3c0:0:221::" },
	{ "2001:db8:122:344::", 64, "192.0.2.33",
	  "2001:db8:122:344:c0:2:2100:0" },
	{ "2001:db8:122:344::", 96, "192.0.2.33",
	  "2001:db8:122:344::192.0.2.33" },
};

static const unsigned int lens[] = { 32, 40, 48, 56, 64, 96 };

static struct dcx_prefix6 prefix(const char *s, unsigned int len)
{
	struct dcx_prefix6 p;

	memset(&p, 0, sizeof(p));
	assert_int_equal(inet_pton(AF_INET6, s, &p.addr), 1);
	p.len = len;
	return p;
}

static void embed_example(unsigned int i)
{
	const struct example *e = &rfc_table[i];
	struct dcx_prefix6 p = prefix(e->prefix, e->len);
	struct in6_addr out;

	memset(&out, 0xa5, sizeof(out));	/* every byte must be written */
	dcx_rfc6052_embed(&p, a4(e->v4), &out);
	expect_addr6(&out, e->v6);
}

static void extract_example(unsigned int i)
{
	const struct example *e = &rfc_table[i];
	struct dcx_prefix6 p = prefix(e->prefix, e->len);
	struct in6_addr in = a6(e->v6);
	__be32 v4 = 0;

	assert_true(dcx_rfc6052_extract(&p, &in, &v4));
	assert_int_equal(ntohl(v4), ntohl(a4(e->v4)));
}

#define EXAMPLE_TESTS(i, bits)						\
static void test_embed_rfc_##bits(void **state __maybe_unused)		\
{									\
	assert_int_equal(rfc_table[i].len, bits);			\
	embed_example(i);						\
}									\
static void test_extract_rfc_##bits(void **state __maybe_unused)	\
{									\
	assert_int_equal(rfc_table[i].len, bits);			\
	extract_example(i);						\
}
EXAMPLE_TESTS(0, 32)
EXAMPLE_TESTS(1, 40)
EXAMPLE_TESTS(2, 48)
EXAMPLE_TESTS(3, 56)
EXAMPLE_TESTS(4, 64)
EXAMPLE_TESTS(5, 96)
#undef EXAMPLE_TESTS

static void test_valid_lengths(void **state __maybe_unused)
{
	unsigned int len, i;

	for (len = 0; len <= 256; len++) {
		bool want = false;

		for (i = 0; i < ARRAY_SIZE(lens); i++)
			want |= len == lens[i];
		if (dcx_prefix6_valid_len(len) != want)
			fail_msg("dcx_prefix6_valid_len(%u) = %d, want %d", len,
				 !want, want);
	}
}

/*
 * Bits 64..71 (byte 8) are the u octet: zero whatever the IPv4 address,
 * and so is the suffix, even if the configured prefix carries stray bits
 * after its length. Where the IPv4 bytes go, per RFC 6052 figure 1:
 */
static const struct {
	unsigned int len;
	unsigned int at[4];
} layout[] = {
	{ 32, { 4, 5, 6, 7 } },
	{ 40, { 5, 6, 7, 9 } },
	{ 48, { 6, 7, 9, 10 } },
	{ 56, { 7, 9, 10, 11 } },
	{ 64, { 9, 10, 11, 12 } },
	{ 96, { 12, 13, 14, 15 } },
};

static void test_u_octet_and_suffix_zero(void **state __maybe_unused)
{
	static const u8 v4b[4] = { 0xc0, 0x00, 0x02, 0x21 };
	struct in6_addr out;
	unsigned int i, j, k;

	for (i = 0; i < ARRAY_SIZE(layout); i++) {
		struct dcx_prefix6 p;
		u8 want[16];

		memset(&p, 0xff, sizeof(p));
		p.len = layout[i].len;
		memset(want, 0, sizeof(want));
		memset(want, 0xff, layout[i].len / 8);
		for (k = 0; k < 4; k++)
			want[layout[i].at[k]] = v4b[k];
		memset(&out, 0x5a, sizeof(out));
		dcx_rfc6052_embed(&p, a4("192.0.2.33"), &out);
		for (j = 0; j < 16; j++)
			if (out.s6_addr[j] != want[j])
				fail_msg("/%u byte %u = %02x, want %02x",
					 layout[i].len, j, out.s6_addr[j],
					 want[j]);
		if (layout[i].len <= 56)
			assert_int_equal(out.s6_addr[8], 0);
	}
}

/* The u octet carries no IPv4 bits: /64 puts the address in bytes 9..12. */
static void test_u_octet_skipped_64(void **state __maybe_unused)
{
	struct dcx_prefix6 p = prefix("2001:db8:122:344::", 64);
	struct in6_addr out;

	dcx_rfc6052_embed(&p, a4("1.2.3.4"), &out);
	assert_int_equal(out.s6_addr[8], 0);
	assert_int_equal(out.s6_addr[9], 1);
	assert_int_equal(out.s6_addr[12], 4);
	assert_int_equal(out.s6_addr[13], 0);
}

/* Any difference inside the prefix bits means "not ours". */
static void test_outside_prefix_no_extract(void **state __maybe_unused)
{
	unsigned int i, bit;

	for (i = 0; i < ARRAY_SIZE(rfc_table); i++) {
		const struct example *e = &rfc_table[i];
		struct dcx_prefix6 p = prefix(e->prefix, e->len);

		for (bit = 0; bit < e->len; bit++) {
			struct in6_addr in = a6(e->v6);
			__be32 v4 = 0;

			in.s6_addr[bit / 8] ^= 0x80 >> (bit % 8);
			if (dcx_rfc6052_extract(&p, &in, &v4))
				fail_msg("/%u: bit %u flipped still extracts",
					 e->len, bit);
		}
	}
}

static void test_unset_prefix_no_extract(void **state __maybe_unused)
{
	struct dcx_prefix6 p;
	struct in6_addr in = a6("::c000:221");
	__be32 v4 = 0;

	memset(&p, 0, sizeof(p));
	assert_false(dcx_rfc6052_extract(&p, &in, &v4));
}

/*
 * Reception ignores the u octet and the suffix (kmod/core/addr.c documents it,
 * see docs/rfc-compliance.md): such an address still maps.
 */
static void test_extract_ignores_u_and_suffix(void **state __maybe_unused)
{
	struct dcx_prefix6 p = prefix("2001:db8::", 32);
	struct in6_addr in = a6("2001:db8:c000:221:ff00:1:2:3");
	__be32 v4 = 0;

	assert_true(dcx_rfc6052_extract(&p, &in, &v4));
	assert_int_equal(ntohl(v4), 0xc0000221);
}

/* Embed then extract gives the address back, for every length. */
static void test_round_trip(void **state __maybe_unused)
{
	u32 x = 0x12345678;
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(rfc_table); i++) {
		struct dcx_prefix6 p = prefix(rfc_table[i].prefix,
					      rfc_table[i].len);

		for (n = 0; n < 2000; n++) {
			struct in6_addr a;
			__be32 in, out = 0;

			x = x * 1103515245u + 12345u;	/* LCG */
			in = htonl(n < 2 ? (n ? 0xffffffff : 0) : x);
			dcx_rfc6052_embed(&p, in, &a);
			assert_true(dcx_rfc6052_extract(&p, &a, &out));
			assert_int_equal(out, in);
		}
	}
}

/* Well-known prefix, RFC 6052 section 2.1 and the example of 2.4. */
static void test_wkp(void **state __maybe_unused)
{
	struct dcx_prefix6 p = prefix("64:ff9b::", 96);
	struct in6_addr out;
	__be32 v4;

	dcx_rfc6052_embed(&p, a4("192.0.2.33"), &out);
	expect_addr6(&out, "64:ff9b::192.0.2.33");
	assert_true(dcx_rfc6052_extract(&p, &out, &v4));
	assert_int_equal(ntohl(v4), 0xc0000221);
	out = a6("64:ff9b:1::c000:221");	/* RFC 8215 local-use */
	assert_false(dcx_rfc6052_extract(&p, &out, &v4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embed_rfc_32),
		cmocka_unit_test(test_embed_rfc_40),
		cmocka_unit_test(test_embed_rfc_48),
		cmocka_unit_test(test_embed_rfc_56),
		cmocka_unit_test(test_embed_rfc_64),
		cmocka_unit_test(test_embed_rfc_96),
		cmocka_unit_test(test_extract_rfc_32),
		cmocka_unit_test(test_extract_rfc_40),
		cmocka_unit_test(test_extract_rfc_48),
		cmocka_unit_test(test_extract_rfc_56),
		cmocka_unit_test(test_extract_rfc_64),
		cmocka_unit_test(test_extract_rfc_96),
		cmocka_unit_test(test_valid_lengths),
		cmocka_unit_test(test_u_octet_and_suffix_zero),
		cmocka_unit_test(test_u_octet_skipped_64),
		cmocka_unit_test(test_outside_prefix_no_extract),
		cmocka_unit_test(test_unset_prefix_no_extract),
		cmocka_unit_test(test_extract_ignores_u_and_suffix),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_wkp),
	};

	return cmocka_run_group_tests_name("core_rfc6052", tests, NULL, NULL);
}
