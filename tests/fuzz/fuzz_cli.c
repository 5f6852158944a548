// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the CLI's parsers of untrusted files: the JSON
 * configuration of "dcxlat apply" (usr/config_parse.c + config_check.c)
 * and the EAM bulk file of "eamt add/del --file" (usr/eam.c). Built with
 * ASan + UBSan (leaks included). Byte 0 of the input picks the parser
 * (bit 0: 0 = JSON, 1 = bulk), the rest is the file.
 *
 * Contract checked: every call returns 0 or -1; -1 comes with a message;
 * what is accepted prints back (dcx_config_to_json, dcx_eam_str) to a text
 * that parses again to the same text (a fixed point), so the parser and
 * the printer agree on every configuration the fuzzer finds; and the
 * JSON parse (yajl, config_stream.c, json-c when it declines) gives the
 * same return, message and printed configuration as json-c alone
 * (dcx_config_parse_jsonc).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "config.h"
#include "config_parse.h"
#include "config_print.h"
#include "eam.h"

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "contract: %s (%s:%d)\n", \
	#c, __FILE__, __LINE__); abort(); } } while (0)

/*
 * Parse text (yajl first, or json-c alone); on success return its printed
 * form (malloc'ed); the message into err.
 */
static char *config_parse_with(const char *text, size_t len, bool jsonc,
			       char *err, size_t errlen)
{
	struct dcx_uconfig c;
	json_object *j;
	char *out = NULL;
	int r;

	err[0] = '\0';
	dcx_config_init(&c);
	r = (jsonc ? dcx_config_parse_jsonc : dcx_config_parse)(
		text, len, "fuzz.json", &c, err, errlen);
	CHECK(r == 0 || r == -1);
	CHECK(r == 0 || err[0]);
	if (!r) {
		j = dcx_config_to_json(&c);
		CHECK(j);
		out = strdup(json_object_to_json_string_ext(j,
						JSON_C_TO_STRING_PLAIN));
		CHECK(out);
		json_object_put(j);
	}
	dcx_config_free(&c);
	return out;
}

/* Both parsers: the same result; the printed form (or NULL). */
static char *config_round(const char *text, size_t len)
{
	char err[512], err2[512], *out, *out2;

	out = config_parse_with(text, len, false, err, sizeof(err));
	out2 = config_parse_with(text, len, true, err2, sizeof(err2));
	CHECK(!out == !out2);
	CHECK(out ? !strcmp(out, out2) : !strcmp(err, err2));
	free(out2);
	return out;
}

static void fuzz_config(const char *text, size_t len)
{
	char *once, *twice;

	once = config_round(text, len);
	if (!once)
		return;
	twice = config_round(once, strlen(once));
	CHECK(twice && !strcmp(once, twice));
	free(once);
	free(twice);
}

static const char *label(unsigned int tag, const void *ctx, char *buf,
			 size_t len)
{
	(void)ctx;
	snprintf(buf, len, "line %u", tag);
	return buf;
}

static void fuzz_bulk(const char *text, size_t len)
{
	struct dcx_eam_vec vec = { 0 };
	char err[512] = "", s[128];
	struct dcx_ueam e;
	size_t i;
	FILE *f;
	int r;

	f = fmemopen((void *)text, len, "r");
	CHECK(f);
	r = dcx_eam_read(f, "fuzz", &vec, err, sizeof(err));
	fclose(f);
	CHECK(r == 0 || r == -1);
	CHECK(r == 0 || err[0]);
	for (i = 0; !r && i < vec.n; i++) {
		dcx_eam_str(&vec.v[i], s, sizeof(s));
		CHECK(!dcx_eam_parse_str(s, &e, err, sizeof(err)));
		CHECK(!memcmp(&e.p4, &vec.v[i].p4, sizeof(e.p4)));
		CHECK(!memcmp(&e.p6, &vec.v[i].p6, sizeof(e.p6)));
	}
	if (!r) {
		err[0] = 0;
		r = dcx_eam_check_overlaps(vec.v, vec.n, true, label, NULL,
					   err, sizeof(err));
		CHECK(r == 0 || (r == -1 && err[0]));
		err[0] = 0;
		r = dcx_eam_check_overlaps(vec.v, vec.n, false, label, NULL,
					   err, sizeof(err));
		CHECK(r == 0 || (r == -1 && err[0]));
	}
	dcx_eam_vec_free(&vec);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text;

	if (size < 1 || size > 65536)
		return 0;
	/* A private, exactly sized copy: reads past the end are caught. */
	text = malloc(size - 1 ? size - 1 : 1);
	CHECK(text);
	memcpy(text, data + 1, size - 1);
	if (data[0] & 1)
		fuzz_bulk(text, size - 1);
	else
		fuzz_config(text, size - 1);
	free(text);
	return 0;
}
