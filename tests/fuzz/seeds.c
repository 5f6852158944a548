// SPDX-License-Identifier: GPL-2.0
/*
 * Write the input packets of the unit-test vectors (xlat_vectors.h,
 * icmp_ext_vectors.h) as fuzzing seeds:
 * corpus46/ and corpus64/ under the directory given, each file = three
 * settings bytes (all off, fully linear, lengths fixed) + the packet.
 */
#include <stdio.h>
#include <stdlib.h>
#define XV_WANT_46
#define XV_WANT_in46
#define XV_WANT_64
#define XV_WANT_in64
#include "vectors/xlat_vectors.h"
#include "vectors/icmp_ext_vectors.h"

static void put_in(const char *dir, const char *name,
		   const unsigned char *in, unsigned int len)
{
	static const unsigned char hdr[3] = { 0x00, 0xfc, 0x01 };
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(hdr, 1, 3, f) != 3 ||
	    fwrite(in, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* The vectors' names are unique within a section. */
#define put(dir, v)	put_in(dir, (v)->name, (v)->in, (v)->in_len)

int main(int argc, char **argv)
{
	char d46[256], d64[256];

	if (argc != 2)
		return 2;
	snprintf(d46, sizeof(d46), "%s/corpus46", argv[1]);
	snprintf(d64, sizeof(d64), "%s/corpus64", argv[1]);
#define P46(v) put(d46, &v);
#define P64(v) put(d64, &v);
	XLAT_VECTORS_46(P46)
	XLAT_VECTORS_in46(P46)
	XLAT_VECTORS_64(P64)
	XLAT_VECTORS_in64(P64)
	/* ICMP errors with RFC 4884 extensions (names prefixed: unique). */
#define X46(v) put_in(d46, "x_" #v, v.in, v.in_len);
#define X64(v) put_in(d64, "x_" #v, v.in, v.in_len);
	ICMPX_VECTORS_x46(X46)
	ICMPX_VECTORS_x64(X64)
	return 0;
}
