// SPDX-License-Identifier: GPL-2.0
/*
 * Command lines of eamt, global, space, apply and show (the parsers in
 * usr/cmd_eamt.c, cmd_global.c, cmd_space.c and cmd_apply.c).
 */
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
#include "space.h"

#define MAXW 64

struct parsed {
	struct dcx_args a;
	int rc;
	char err[512];
	char *argv[MAXW + 1];
	char buf[1024];
};

static struct parsed *run(const char *line)
{
	struct parsed *p = calloc(1, sizeof(*p));
	char *tok, *save = NULL;
	int argc = 0;

	assert_non_null(p);
	snprintf(p->buf, sizeof(p->buf), "%s", line);
	p->argv[argc++] = "dcxlat";
	for (tok = strtok_r(p->buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		assert_true(argc < MAXW);
		p->argv[argc++] = tok;
	}
	dcx_args_init(&p->a);
	p->rc = dcx_args_parse(&p->a, argc, p->argv, p->err, sizeof(p->err));
	return p;
}

static struct parsed *ok(const char *line, enum dcx_obj obj,
			 enum dcx_verb cmd)
{
	struct parsed *p = run(line);

	if (p->rc != DCX_EXIT_OK)
		fail_msg("\"%s\" refused: %s", line, p->err);
	assert_int_equal(p->a.obj, obj);
	assert_int_equal(p->a.cmd, cmd);
	return p;
}

static void usage(const char *line, const char *want)
{
	struct parsed *p = run(line);

	if (p->rc != DCX_EXIT_USAGE)
		fail_msg("\"%s\" accepted, want a usage error", line);
	if (!strstr(p->err, want))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", line, p->err,
			 want);
	free(p);
}

static void test_eamt(void **state)
{
	struct parsed *p;
	char buf[DCX_EAM_STRLEN];

	(void)state;
	p = ok("eamt add 192.0.2.0/24 2001:db8:aaaa::/120", DCX_OBJ_EAMT,
	       DCX_CMD_ADD);
	assert_string_equal(p->a.name, "default");
	assert_null(p->a.space);
	assert_int_equal(p->a.eam_which, 46);
	assert_false(p->a.bulk);
	assert_string_equal(dcx_eam_str(&p->a.eam, buf, sizeof(buf)),
			    "192.0.2.0/24 2001:db8:aaaa::/120");
	free(p);
	p = ok("-i dc eamt add space ten 10.0.0.1 2001:db8::1", DCX_OBJ_EAMT,
	       DCX_CMD_ADD);
	assert_string_equal(p->a.name, "dc");
	assert_string_equal(p->a.space, "ten");
	free(p);
	p = ok("eamt add 10.0.0.1 2001:db8::1 space ten", DCX_OBJ_EAMT,
	       DCX_CMD_ADD);
	assert_string_equal(p->a.space, "ten");
	free(p);
	p = ok("eamt add -", DCX_OBJ_EAMT, DCX_CMD_ADD);
	assert_true(p->a.bulk);
	assert_string_equal(p->a.file, "-");
	free(p);
	p = ok("eamt add --file /tmp/x space s", DCX_OBJ_EAMT, DCX_CMD_ADD);
	assert_true(p->a.bulk);
	assert_string_equal(p->a.file, "/tmp/x");
	free(p);
	p = ok("eamt del 192.0.2.0/24", DCX_OBJ_EAMT, DCX_CMD_DEL);
	assert_int_equal(p->a.eam_which, 4);
	free(p);
	p = ok("eamt del 2001:db8::/120", DCX_OBJ_EAMT, DCX_CMD_DEL);
	assert_int_equal(p->a.eam_which, 6);
	assert_int_equal(p->a.eam.p6.len, 120);
	free(p);
	free(ok("eamt", DCX_OBJ_EAMT, DCX_CMD_SHOW));
	free(ok("eamt show space x", DCX_OBJ_EAMT, DCX_CMD_SHOW));
	free(ok("eamt flush", DCX_OBJ_EAMT, DCX_CMD_FLUSH));
	free(ok("eamt help", DCX_OBJ_EAMT, DCX_CMD_HELP));
	usage("eamt add", "eamt add: missing PREFIX4 PREFIX6");
	usage("eamt add 192.0.2.0/24", "missing PREFIX6");
	usage("eamt add 192.0.2.0/24 2001:db8::/120 x",
	      "unexpected \"x\" after the prefixes; expected \"local\" or \"remote\"");
	usage("eamt add 192.0.2.0/24 2001:db8::/120 remote x",
	      "unexpected argument \"x\"");
	usage("eamt add 192.0.2.0/24 2001:db8::/119", "suffix lengths differ");
	usage("eamt add 192.0.2.0/33 2001:db8::/120", "not a number from 0 to 32");
	usage("eamt add space", "\"space\" needs a NAME");
	usage("eamt add space a space b 1.2.3.4 ::1", "\"space\" given twice");
	usage("eamt add space a!b\x01 1.2.3.4 ::1", "space name");
	usage("eamt add --file f 1.2.3.4 ::1", "with --file");
	usage("eamt del", "missing PREFIX");
	usage("eamt del 1.2.3.0/24 ::/120", "give one of the two prefixes");
	usage("eamt del 2001:db8::1/64", "has bits set");
	usage("eamt show x", "unexpected argument \"x\"");
	usage("eamt flush --file x", "--file is for eamt add and del");
	p = ok("eamt del --file x", DCX_OBJ_EAMT, DCX_CMD_DEL);
	assert_true(p->a.bulk);
	free(p);
	p = ok("eamt del -", DCX_OBJ_EAMT, DCX_CMD_DEL);
	assert_true(p->a.bulk);
	free(p);
	usage("eamt frob", "commands are add, del, show, flush");
}

static void test_global(void **state)
{
	struct parsed *p;

	(void)state;
	free(ok("global", DCX_OBJ_GLOBAL, DCX_CMD_SHOW));
	p = ok("global set lowest-ipv6-mtu 1400 role er hairpin off",
	       DCX_OBJ_GLOBAL, DCX_CMD_SET);
	assert_true(p->a.set.v[DCXLAT_SET_LOWEST_MTU6].present);
	assert_int_equal(p->a.set.v[DCXLAT_SET_LOWEST_MTU6].u, 1400);
	assert_int_equal(p->a.set.v[DCXLAT_SET_ROLE].u, DCXLAT_ROLE_ER);
	assert_true(p->a.set.v[DCXLAT_SET_HAIRPIN].present);
	assert_int_equal(p->a.set.v[DCXLAT_SET_HAIRPIN].u, 0);
	assert_false(p->a.set.v[DCXLAT_SET_NEW_TOS].present);
	free(p);
	usage("global set", "missing KEY VALUE");
	usage("global set mtu 1", "unknown setting \"mtu\"");
	usage("global set role", "role needs a VALUE");
	usage("global set role br role er", "role given twice");
	usage("global set new-tos 300", "new-tos: 300 is out of range; use 0 to 255");
	usage("global show x", "unexpected argument");
}

static void test_space(void **state)
{
	struct parsed *p;

	(void)state;
	p = ok("space add ta id 0x23 prefix 2001:db8:a41:23::/96 table 100 vrf vrf-a",
	       DCX_OBJ_SPACE, DCX_CMD_ADD);
	assert_string_equal(p->a.sp.name, "ta");
	assert_int_equal(p->a.sp.id, 0x23);
	assert_true(p->a.sp.has_prefix);
	assert_int_equal(p->a.sp.table, 100);
	assert_string_equal(p->a.sp.vrf, "vrf-a");
	assert_int_equal(p->a.sp_mask, DCX_SP_ID | DCX_SP_PREFIX |
			 DCX_SP_TABLE | DCX_SP_VRF);
	free(p);
	p = ok("space set ta prefix none", DCX_OBJ_SPACE, DCX_CMD_SET);
	assert_int_equal(p->a.sp_mask, DCX_SP_PREFIX);
	assert_false(p->a.sp.has_prefix);
	free(p);
	p = ok("space bind ta dev tap0 prefix4 10.0.0.0/8", DCX_OBJ_SPACE,
	       DCX_CMD_BIND);
	assert_string_equal(p->a.space, "ta");
	assert_string_equal(p->a.bind.dev, "tap0");
	assert_true(p->a.bind.has_p4);
	assert_int_equal(p->a.bind.p4.len, 8);
	free(p);
	p = ok("space unbind ta dev tap0", DCX_OBJ_SPACE, DCX_CMD_UNBIND);
	assert_false(p->a.bind.has_p4);
	free(p);
	free(ok("space", DCX_OBJ_SPACE, DCX_CMD_SHOW));
	p = ok("space show ta", DCX_OBJ_SPACE, DCX_CMD_SHOW);
	assert_string_equal(p->a.space, "ta");
	free(p);
	free(ok("space del ta", DCX_OBJ_SPACE, DCX_CMD_DEL));
	usage("space add", "missing the space NAME");
	usage("space add ta", "missing id N");
	usage("space add ta id 0", "id 0 is out of range; use 1 to 65535");
	usage("space add ta id 65536", "out of range");
	usage("space add ta id x", "is not a number");
	usage("space add ta id 1 id 2", "id given twice");
	usage("space add ta id 1 prefix 2001:db8::/95", "not a valid RFC 6052 length");
	usage("space add ta id 1 colour red", "unknown argument \"colour\"");
	usage("space add ta id", "id needs a value");
	usage("space add 0123456789abcdef id 1", "space name");
	usage("space set ta", "nothing to set");
	usage("space bind ta", "missing dev IFNAME");
	usage("space bind ta dev a/b", "not a valid device name");
	usage("space bind ta dev x prefix4 10.0.0.1/8", "has bits set");
	usage("space bind ta dev x prefix4 10.0.0.1", "missing \"/LENGTH\"");
	usage("space del", "missing the space NAME");
	usage("space del ta x", "unexpected argument \"x\"");
}

static void test_apply_show(void **state)
{
	struct parsed *p;

	(void)state;
	p = ok("apply cfg.json", DCX_OBJ_APPLY, DCX_CMD_APPLY);
	assert_string_equal(p->a.file, "cfg.json");
	free(p);
	p = ok("-i x apply -", DCX_OBJ_APPLY, DCX_CMD_APPLY);
	assert_string_equal(p->a.file, "-");
	assert_string_equal(p->a.name, "x");
	free(p);
	p = ok("apply --file c.json", DCX_OBJ_APPLY, DCX_CMD_APPLY);
	assert_string_equal(p->a.file, "c.json");
	free(p);
	free(ok("apply help", DCX_OBJ_APPLY, DCX_CMD_HELP));
	free(ok("show", DCX_OBJ_CONFIG, DCX_CMD_SHOW));
	free(ok("-j show", DCX_OBJ_CONFIG, DCX_CMD_SHOW));
	free(ok("help space", DCX_OBJ_SPACE, DCX_CMD_HELP));
	usage("apply", "missing FILE");
	usage("apply a b", "unexpected argument \"b\"");
	usage("apply a --file b", "not both");
	usage("show x", "show: unexpected argument \"x\"");
	usage("pool6 show --file x", "--file is for eamt add, eamt del and apply");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eamt),
		cmocka_unit_test(test_global),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_apply_show),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
