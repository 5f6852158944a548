// SPDX-License-Identifier: GPL-2.0
/* CLI text and JSON output (usr/format.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include "format.h"

static struct dcx_inst_info inst(const char *name, const char *pfx,
				 unsigned int len)
{
	struct dcx_inst_info i;

	memset(&i, 0, sizeof(i));
	snprintf(i.name, sizeof(i.name), "%s", name);
	if (pfx) {
		assert_int_equal(inet_pton(AF_INET6, pfx, &i.pool6.addr), 1);
		i.pool6.len = len;
		i.has_pool6 = true;
	}
	return i;
}

/* The JSON text of j (plain), which is then released. */
static char *json_text(json_object *j)
{
	char *s = strdup(json_object_to_json_string_ext(j,
				JSON_C_TO_STRING_PLAIN |
				JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(j);
	assert_non_null(s);
	return s;
}

static void json_is(json_object *j, const char *want)
{
	char *s = json_text(j);

	if (strcmp(s, want))
		fail_msg("JSON\n got %s\nwant %s", s, want);
	free(s);
}

static void capture_start(FILE **f, char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	*f = open_memstream(buf, len);
	assert_non_null(*f);
}

/* Close the stream (which sets *buf) and compare. */
static void text_is(FILE *f, char **buf, const char *want)
{
	fclose(f);
	assert_non_null(*buf);
	if (strcmp(*buf, want))
		fail_msg("text\n got [%s]\nwant [%s]", *buf, want);
	free(*buf);
}

static void test_json_instances(void **state)
{
	struct dcx_inst_info v[3];

	(void)state;
	v[0] = inst("default", "64:ff9b::", 96);
	v[1] = inst("t1", NULL, 0);
	v[2] = inst("t2", "2001:db8:100::", 40);
	json_is(dcx_json_instances(v, 3),
		"[{\"name\":\"default\",\"pool6\":\"64:ff9b::/96\"},"
		"{\"name\":\"t1\",\"pool6\":null},"
		"{\"name\":\"t2\",\"pool6\":\"2001:db8:100::/40\"}]");
	json_is(dcx_json_instances(v, 0), "[]");
	json_is(dcx_json_pool6(&v[0]),
		"{\"instance\":\"default\",\"pool6\":\"64:ff9b::/96\"}");
	json_is(dcx_json_pool6(&v[1]), "{\"instance\":\"t1\",\"pool6\":null}");
}

static void test_json_escapes_names(void **state)
{
	struct dcx_inst_info i = inst("a\"b\\c/d", NULL, 0);

	(void)state;
	json_is(dcx_json_instances(&i, 1),
		"[{\"name\":\"a\\\"b\\\\c/d\",\"pool6\":null}]");
}

static void test_json_stats(void **state)
{
	struct dcx_stats_info *s = calloc(1, sizeof(*s));
	json_object *j, *v;
	unsigned int t;

	(void)state;
	assert_non_null(s);
	for (t = 1; t <= DCXLAT_STAT_COUNT; t++) {
		s->present[t] = true;
		s->val[t] = t * 1000;
	}
	s->val[1] = UINT64_MAX;		/* no loss of precision */
	s->present[200] = true;		/* from a newer module */
	s->val[200] = 7;
	j = dcx_json_stats(s);
	assert_int_equal(json_object_object_length(j), DCXLAT_STAT_COUNT + 1);
	assert_true(json_object_object_get_ex(j, "xlat-4to6", &v));
	assert_int_equal(json_object_get_type(v), json_type_int);
	assert_true(json_object_get_uint64(v) == UINT64_MAX);
	assert_true(json_object_object_get_ex(j, "xlat-6to4", &v));
	assert_int_equal(json_object_get_uint64(v), 2000);
	assert_true(json_object_object_get_ex(j, "output-error", &v));
	assert_int_equal(json_object_get_uint64(v),
			 (DCXLAT_STAT_OUTPUT_ERR + 1) * 1000);
	assert_true(json_object_object_get_ex(j, "counter-200", &v));
	assert_int_equal(json_object_get_uint64(v), 7);
	json_object_put(j);

	/* Only counters present in the reply are printed. */
	memset(s, 0, sizeof(*s));
	s->present[DCXLAT_STAT_TRUNCATED + 1] = true;
	s->val[DCXLAT_STAT_TRUNCATED + 1] = 3;
	json_is(dcx_json_stats(s), "{\"truncated\":3}");
	free(s);
}

static void test_stat_names(void **state)
{
	char buf[32], want[32];
	unsigned int t;

	(void)state;
	assert_string_equal(dcx_stat_name(DCXLAT_STAT_XLAT_46 + 1, buf,
					  sizeof(buf)), "xlat-4to6");
	assert_string_equal(dcx_stat_name(DCXLAT_STAT_OUTPUT_ERR + 1, buf,
					  sizeof(buf)), "output-error");
	assert_string_equal(dcx_stat_name(0, buf, sizeof(buf)), "counter-0");
	snprintf(want, sizeof(want), "counter-%d", DCXLAT_STAT_COUNT + 1);
	assert_string_equal(dcx_stat_name(DCXLAT_STAT_COUNT + 1, buf,
					  sizeof(buf)), want);
	assert_string_equal(dcx_stat_doc(DCXLAT_STAT_XLAT_64 + 1),
			    "IPv6 packets translated to IPv4");
	assert_string_equal(dcx_stat_doc(99), "");
	/* Every known counter has a distinct name and a doc. */
	for (t = 1; t <= DCXLAT_STAT_COUNT; t++) {
		unsigned int u;

		assert_true(strlen(dcx_stat_doc(t)) > 0);
		for (u = t + 1; u <= DCXLAT_STAT_COUNT; u++)
			assert_string_not_equal(dcx_stat_name(t, buf, sizeof(buf)),
						dcx_stat_name(u, buf, sizeof(buf)));
	}
}

static void test_text_instances(void **state)
{
	struct dcx_inst_info v[2];
	FILE *f;
	char *buf;
	size_t len;

	(void)state;
	v[0] = inst("a", "64:ff9b::", 96);
	v[1] = inst("longer-name", NULL, 0);
	capture_start(&f, &buf, &len);
	dcx_text_instances(f, v, 2);
	text_is(f, &buf, "a            pool6 64:ff9b::/96\n"
			"longer-name  pool6 unset\n");
	capture_start(&f, &buf, &len);
	dcx_text_instances(f, v, 0);
	text_is(f, &buf, "");
	capture_start(&f, &buf, &len);
	dcx_text_pool6(f, &v[0]);
	text_is(f, &buf, "pool6 64:ff9b::/96\n");
	capture_start(&f, &buf, &len);
	dcx_text_pool6(f, &v[1]);
	text_is(f, &buf, "pool6 unset\n");
}

static void test_text_stats(void **state)
{
	struct dcx_stats_info *s = calloc(1, sizeof(*s));
	FILE *f;
	char *buf;
	size_t len;

	(void)state;
	assert_non_null(s);
	s->present[DCXLAT_STAT_XLAT_46 + 1] = true;
	s->val[DCXLAT_STAT_XLAT_46 + 1] = 42;
	s->present[DCXLAT_STAT_NO_ROUTE + 1] = true;
	s->val[DCXLAT_STAT_NO_ROUTE + 1] = 18446744073709551615ULL;
	capture_start(&f, &buf, &len);
	dcx_text_stats(f, s, false);
	text_is(f, &buf,
		"xlat-4to6                                42\n"
		"no-route               18446744073709551615\n");
	capture_start(&f, &buf, &len);
	dcx_text_stats(f, s, true);
	text_is(f, &buf,
		"xlat-4to6                                42  IPv4 packets translated to IPv6\n"
		"no-route               18446744073709551615  no route for the translated packet\n");
	free(s);
}

static void test_events(void **state)
{
	struct dcx_event e;
	FILE *f;
	char *buf;
	size_t len;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.cmd = DCXLAT_CMD_POOL6_SET;
	e.inst = inst("t1", "2001:db8::", 32);
	json_is(dcx_json_event(&e),
		"{\"object\":\"pool6\",\"command\":\"set\",\"instance\":\"t1\",\"pool6\":\"2001:db8::/32\"}");
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "pool6 set t1 2001:db8::/32\n");

	e.cmd = DCXLAT_CMD_POOL6_FLUSH;
	e.inst = inst("t1", NULL, 0);
	json_is(dcx_json_event(&e),
		"{\"object\":\"pool6\",\"command\":\"flush\",\"instance\":\"t1\",\"pool6\":null}");
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "pool6 flush t1\n");

	e.cmd = DCXLAT_CMD_INSTANCE_ADD;
	json_is(dcx_json_event(&e),
		"{\"object\":\"instance\",\"command\":\"add\",\"instance\":\"t1\"}");
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "instance add t1\n");

	e.cmd = DCXLAT_CMD_INSTANCE_DEL;
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "instance del t1\n");

	e.cmd = DCXLAT_CMD_STATS_RESET;
	json_is(dcx_json_event(&e),
		"{\"object\":\"stats\",\"command\":\"reset\",\"instance\":\"t1\"}");
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "stats reset t1\n");

	e.cmd = DCXLAT_CMD_EAMT_ADD;
	json_is(dcx_json_event(&e),
		"{\"object\":\"eamt\",\"command\":\"add\",\"instance\":\"t1\"}");
	e.cmd = DCXLAT_CMD_TXN_COMMIT;
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "config apply t1\n");
	e.cmd = DCXLAT_CMD_BIND_DEL;
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "space unbind t1\n");

	e.cmd = 77;
	json_is(dcx_json_event(&e),
		"{\"object\":\"unknown\",\"command\":\"unknown\",\"cmd\":77,\"instance\":\"t1\"}");
	capture_start(&f, &buf, &len);
	dcx_text_event(f, &e);
	text_is(f, &buf, "event 77 t1\n");
}

static void test_json_print(void **state)
{
	struct dcx_inst_info i = inst("x", "64:ff9b::", 96);
	FILE *f;
	char *buf;
	size_t len;

	(void)state;
	capture_start(&f, &buf, &len);
	assert_int_equal(dcx_json_print(f, dcx_json_pool6(&i), false), 0);
	text_is(f, &buf, "{\"instance\":\"x\",\"pool6\":\"64:ff9b::/96\"}\n");
	capture_start(&f, &buf, &len);
	assert_int_equal(dcx_json_print(f, dcx_json_pool6(&i), true), 0);
	text_is(f, &buf, "{\n  \"instance\": \"x\",\n  \"pool6\": \"64:ff9b::/96\"\n}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_instances),
		cmocka_unit_test(test_json_escapes_names),
		cmocka_unit_test(test_json_stats),
		cmocka_unit_test(test_stat_names),
		cmocka_unit_test(test_text_instances),
		cmocka_unit_test(test_text_stats),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_json_print),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
