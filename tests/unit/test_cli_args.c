// SPDX-License-Identifier: GPL-2.0
/* CLI command-line parsing (usr/args.c) and help texts (usr/help.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include "args.h"
#include "help.h"
#include "name.h"
#include "uapi/dcxlat.h"
#include "version.h"

#define MAXW 64

struct parsed {
	struct dcx_args a;
	int rc;
	char err[512];
	char *argv[MAXW + 1];
	char buf[1024];
};

/* Split line on spaces into argv (with argv[0] = "dcxlat") and parse. */
static struct parsed *run(const char *line, bool skip_checks)
{
	struct parsed *p = calloc(1, sizeof(*p));
	int argc = 0;
	char *tok, *save = NULL;

	assert_non_null(p);
	snprintf(p->buf, sizeof(p->buf), "%s", line);
	p->argv[argc++] = "dcxlat";
	for (tok = strtok_r(p->buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		assert_true(argc < MAXW);
		p->argv[argc++] = tok;
	}
	dcx_args_init(&p->a);
	p->a.skip_checks = skip_checks;
	p->rc = dcx_args_parse(&p->a, argc, p->argv, p->err, sizeof(p->err));
	return p;
}

static struct parsed *ok(const char *line)
{
	struct parsed *p = run(line, false);

	if (p->rc != DCX_EXIT_OK)
		fail_msg("\"%s\" refused: %s", line, p->err);
	return p;
}

static void usage(const char *line, const char *want)
{
	struct parsed *p = run(line, false);

	if (p->rc != DCX_EXIT_USAGE)
		fail_msg("\"%s\" accepted, want a usage error", line);
	if (!strstr(p->err, want))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", line, p->err,
			 want);
	free(p);
}

static void expect(const char *line, enum dcx_obj obj, enum dcx_verb cmd,
		   const char *name)
{
	struct parsed *p = ok(line);

	assert_int_equal(p->a.obj, obj);
	assert_int_equal(p->a.cmd, cmd);
	if (name)
		assert_string_equal(p->a.name, name);
	else
		assert_null(p->a.name);
	free(p);
}

static void test_instance_commands(void **state)
{
	(void)state;
	expect("instance add", DCX_OBJ_INSTANCE, DCX_CMD_ADD, "default");
	expect("instance add foo", DCX_OBJ_INSTANCE, DCX_CMD_ADD, "foo");
	expect("-i bar instance add", DCX_OBJ_INSTANCE, DCX_CMD_ADD, "bar");
	expect("-i bar instance add bar", DCX_OBJ_INSTANCE, DCX_CMD_ADD,
	       "bar");
	expect("instance del foo", DCX_OBJ_INSTANCE, DCX_CMD_DEL, "foo");
	expect("instance delete foo", DCX_OBJ_INSTANCE, DCX_CMD_DEL, "foo");
	expect("-i foo instance del", DCX_OBJ_INSTANCE, DCX_CMD_DEL, "foo");
	/* show without a name dumps (name NULL); show is the default. */
	expect("instance show", DCX_OBJ_INSTANCE, DCX_CMD_SHOW, NULL);
	expect("instance", DCX_OBJ_INSTANCE, DCX_CMD_SHOW, NULL);
	expect("instance list", DCX_OBJ_INSTANCE, DCX_CMD_SHOW, NULL);
	expect("instance show foo", DCX_OBJ_INSTANCE, DCX_CMD_SHOW, "foo");
	expect("-i foo instance show", DCX_OBJ_INSTANCE, DCX_CMD_SHOW, "foo");
	expect("instance help", DCX_OBJ_INSTANCE, DCX_CMD_HELP, NULL);
	/* "--" ends the options: a name may start with a dash. */
	expect("instance add -- -x", DCX_OBJ_INSTANCE, DCX_CMD_ADD, "-x");
}

static void test_pool6_and_stats_commands(void **state)
{
	struct parsed *p;
	struct in6_addr want;

	(void)state;
	p = ok("pool6 set 64:ff9b::/96");
	assert_int_equal(p->a.obj, DCX_OBJ_POOL6);
	assert_int_equal(p->a.cmd, DCX_CMD_SET);
	assert_string_equal(p->a.name, "default");
	assert_int_equal(inet_pton(AF_INET6, "64:ff9b::", &want), 1);
	assert_memory_equal(&p->a.prefix.addr, &want, sizeof(want));
	assert_int_equal(p->a.prefix.len, 96);
	free(p);

	expect("-i t1 pool6 set 2001:db8::/32", DCX_OBJ_POOL6, DCX_CMD_SET,
	       "t1");
	expect("pool6 show", DCX_OBJ_POOL6, DCX_CMD_SHOW, "default");
	expect("pool6", DCX_OBJ_POOL6, DCX_CMD_SHOW, "default");
	expect("pool6 flush", DCX_OBJ_POOL6, DCX_CMD_FLUSH, "default");
	expect("pool6 help", DCX_OBJ_POOL6, DCX_CMD_HELP, NULL);
	expect("stats show", DCX_OBJ_STATS, DCX_CMD_SHOW, "default");
	expect("stats", DCX_OBJ_STATS, DCX_CMD_SHOW, "default");
	expect("-i x stats reset", DCX_OBJ_STATS, DCX_CMD_RESET, "x");
	expect("stats help", DCX_OBJ_STATS, DCX_CMD_HELP, NULL);
	expect("monitor", DCX_OBJ_MONITOR, DCX_CMD_LISTEN, NULL);
	expect("-i x monitor", DCX_OBJ_MONITOR, DCX_CMD_LISTEN, "x");
	expect("monitor help", DCX_OBJ_MONITOR, DCX_CMD_HELP, NULL);
}

static void test_options(void **state)
{
	struct parsed *p;

	(void)state;
	p = ok("-j -n blue -i t1 stats show");
	assert_true(p->a.json);
	assert_false(p->a.pretty);
	assert_false(p->a.verbose);
	assert_string_equal(p->a.netns, "blue");
	assert_string_equal(p->a.name, "t1");
	free(p);

	/* Options after the command, clustered, attached, long forms. */
	p = ok("stats show -jp --explain");
	assert_true(p->a.json);
	assert_true(p->a.pretty);
	assert_true(p->a.verbose);
	free(p);
	p = ok("-nblue -it2 stats show -v");
	assert_string_equal(p->a.netns, "blue");
	assert_string_equal(p->a.name, "t2");
	assert_true(p->a.verbose);
	assert_false(p->a.json);
	free(p);
	p = ok("--netns=red --instance t3 --json pool6 show");
	assert_string_equal(p->a.netns, "red");
	assert_string_equal(p->a.name, "t3");
	assert_true(p->a.json);
	free(p);
	p = ok("--netns red --instance=t4 --pretty --verbose pool6 show");
	assert_string_equal(p->a.netns, "red");
	assert_string_equal(p->a.name, "t4");
	assert_true(p->a.json);	/* --pretty implies JSON */
	assert_true(p->a.pretty);
	assert_true(p->a.verbose);
	free(p);
	/* No options at all: plain text, default instance, no netns. */
	p = ok("pool6 show");
	assert_false(p->a.json);
	assert_null(p->a.netns);
	free(p);
}

static void test_help_and_version(void **state)
{
	(void)state;
	expect("help", DCX_OBJ_NONE, DCX_CMD_HELP, NULL);
	expect("-h", DCX_OBJ_NONE, DCX_CMD_HELP, NULL);
	expect("--help", DCX_OBJ_NONE, DCX_CMD_HELP, NULL);
	expect("help pool6", DCX_OBJ_POOL6, DCX_CMD_HELP, NULL);
	expect("help instance", DCX_OBJ_INSTANCE, DCX_CMD_HELP, NULL);
	expect("pool6 -h", DCX_OBJ_POOL6, DCX_CMD_HELP, NULL);
	expect("stats show --help", DCX_OBJ_STATS, DCX_CMD_HELP, NULL);
	expect("-V", DCX_OBJ_NONE, DCX_CMD_VERSION, NULL);
	expect("--version", DCX_OBJ_NONE, DCX_CMD_VERSION, NULL);
	expect("version", DCX_OBJ_NONE, DCX_CMD_VERSION, NULL);
	/* -V wins over anything else on the line. */
	expect("pool6 set bogus -V", DCX_OBJ_NONE, DCX_CMD_VERSION, NULL);
}

static void test_usage_errors(void **state)
{
	(void)state;
	usage("", "missing OBJECT");
	usage("frob", "unknown object \"frob\"");
	usage("instance frob", "instance: unknown command \"frob\"; commands are add, del, show");
	usage("pool6 add", "pool6: unknown command \"add\"; commands are set, show, flush");
	usage("stats flush", "stats: unknown command \"flush\"; commands are show, reset");
	usage("monitor start", "monitor: unknown command \"start\"");
	usage("instance del", "instance del: missing NAME");
	usage("pool6 set", "pool6 set: missing PREFIX");
	usage("pool6 set 64:ff9b::/96 extra", "pool6 set: unexpected argument \"extra\"");
	usage("pool6 show extra", "pool6 show: unexpected argument \"extra\"");
	usage("pool6 flush x", "pool6 flush: unexpected argument \"x\"");
	usage("stats show x", "stats show: unexpected argument \"x\"");
	usage("stats reset x", "stats reset: unexpected argument \"x\"");
	usage("instance add a b", "instance add: unexpected argument \"b\"");
	usage("instance show a b", "instance show: unexpected argument \"b\"");
	usage("monitor x", "monitor: unknown command \"x\"");
	usage("instance help x", "instance help: unexpected argument \"x\"");
	usage("help frob", "help: unknown object \"frob\"");
	usage("help pool6 set", "help: unknown object \"set\"");
	usage("-i a instance add b", "two instance names given (-i a and b)");
	usage("-x instance show", "unknown option \"-x\"");
	usage("--frob instance show", "unknown option \"--frob\"");
	usage("--json=1 instance show", "option --json takes no value");
	usage("instance show -n", "option -n needs a value");
	usage("instance show -i", "option -i needs a value");
	usage("instance show --netns", "option --netns needs a value");
	usage("instance show --netns=", "option --netns needs a value");
	usage("instance show --instance", "option --instance needs a value");
	usage("-n a/b instance show", "invalid network namespace name \"a/b\"");
	usage("a b c d e f g h i j k l m n o p q r s t u v w x y z "
	      "a1 b1 c1 d1 e1 f1 g1 h1 i1 j1 k1 l1 m1 n1 o1",
	      "too many arguments (\"o1\")");
}

static void test_bad_names_and_prefixes(void **state)
{
	struct parsed *p;

	(void)state;
	usage("instance add 1234567890123456", "is too long (16 bytes; at most 15)");
	usage("-i 1234567890123456 pool6 show", "is too long");
	usage("-i 1234567890123456 stats show", "is too long");
	usage("instance del 1234567890123456", "is too long");
	usage("pool6 set 2001:db8::/95",
	      "prefix 2001:db8::/95 is not a valid RFC 6052 length; use 32, 40, 48, 56, 64 or 96");
	usage("pool6 set 2001:db8::/129", "length 129 is out of range");
	usage("pool6 set 2001:db8::1/64", "has bits set after the prefix length");
	usage("pool6 set garbage", "missing \"/LENGTH\"");
	usage("pool6 set zz::/96", "is not an IPv6 address");

	/* skip_checks leaves RFC 6052 and names to the kernel, not syntax. */
	p = run("pool6 set 2001:db8::/95", true);
	assert_int_equal(p->rc, DCX_EXIT_OK);
	assert_int_equal(p->a.prefix.len, 95);
	free(p);
	p = run("pool6 set 2001:db8::/129", true);
	assert_int_equal(p->rc, DCX_EXIT_OK);
	assert_int_equal(p->a.prefix.len, 129);
	free(p);
	p = run("instance add 1234567890123456789", true);
	assert_int_equal(p->rc, DCX_EXIT_OK);
	assert_string_equal(p->a.name, "1234567890123456789");
	free(p);
	p = run("pool6 set garbage", true);
	assert_int_equal(p->rc, DCX_EXIT_USAGE);
	free(p);
}

/* An empty name cannot come from run(): build argv by hand. */
static void test_empty_name(void **state)
{
	char *argv[] = { "dcxlat", "instance", "add", "", NULL };
	struct dcx_args a;
	char err[256];

	(void)state;
	dcx_args_init(&a);
	assert_int_equal(dcx_args_parse(&a, 4, argv, err, sizeof(err)),
			 DCX_EXIT_USAGE);
	assert_non_null(strstr(err, "instance name is empty"));
	dcx_args_init(&a);
	a.skip_checks = true;
	assert_int_equal(dcx_args_parse(&a, 4, argv, err, sizeof(err)),
			 DCX_EXIT_OK);
	assert_string_equal(a.name, "");
}

static char *help_of(enum dcx_obj obj)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	dcx_help(f, obj);
	fclose(f);
	return buf;
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("help lacks \"%s\":\n%s", want, text);
}

static void test_help_texts(void **state)
{
	char *s;

	(void)state;
	s = help_of(DCX_OBJ_NONE);
	has(s, "Usage: dcxlat [OPTIONS] OBJECT");
	has(s, "instance");
	has(s, "pool6");
	has(s, "stats");
	has(s, "monitor");
	has(s, "--json");
	has(s, "--netns");
	has(s, "--instance");
	has(s, "--version");
	has(s, "2 usage error");
	free(s);
	s = help_of(DCX_OBJ_INSTANCE);
	has(s, "instance add [NAME]");
	has(s, "instance del NAME");
	has(s, "instance show [NAME]");
	free(s);
	s = help_of(DCX_OBJ_POOL6);
	has(s, "pool6 set PREFIX");
	has(s, "pool6 show");
	has(s, "pool6 flush");
	has(s, "32, 40, 48, 56, 64, 96");
	free(s);
	s = help_of(DCX_OBJ_STATS);
	has(s, "stats show [--explain]");
	has(s, "stats reset");
	free(s);
	s = help_of(DCX_OBJ_MONITOR);
	has(s, "dcxlat [-j] [-i NAME] monitor");
	free(s);
}

static void test_version_text(void **state)
{
	char *buf = NULL, want[128];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	dcx_version(f);
	fclose(f);
	snprintf(want, sizeof(want), "netlink ABI %d (family \"%s\" version %d)",
		 DCXLAT_ABI_VERSION, DCXLAT_GENL_NAME, DCXLAT_GENL_VERSION);
	has(buf, "dcxlat " DCXLAT_CLI_VERSION ", ");
	has(buf, want);
	/* The loaded module's version, or "not loaded" (the host's case). */
	has(buf, "\nmodule ");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_instance_commands),
		cmocka_unit_test(test_pool6_and_stats_commands),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_bad_names_and_prefixes),
		cmocka_unit_test(test_empty_name),
		cmocka_unit_test(test_help_texts),
		cmocka_unit_test(test_version_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
