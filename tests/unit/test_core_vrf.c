// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core/space.c, "VRF": a space's VRF by name. A space set to a VRF
 * that does not exist waits (vrf_ifindex -1: kmod/route.c drops its
 * packets) until a VRF of that name, and of its table when one is set,
 * appears; it waits again when that device goes or is renamed away, not
 * when it is renamed to the name the space gives; spaces without a VRF,
 * or with another name or table, never move; each change is reported
 * once through the callback.
 */
#include "tables_helpers.h"

/* What the callback saw: "name:ifindex:table," for each call. */
static char seen[256];

static void record(void *ctx, const struct dcx_space *s)
{
	size_t n = strlen(seen);

	assert_ptr_equal(ctx, seen);
	snprintf(seen + n, sizeof(seen) - n, "%s:%d:%u,", s->name,
		 s->vrf_ifindex, s->table);
}

static unsigned int up(struct dcx_tables *t, const char *name, int ifindex,
		       u32 table)
{
	unsigned int n;

	mutex_lock(&xv_lock);
	n = dcx_space_vrf_up(t, name, ifindex, table, record, seen, &xv_lock);
	mutex_unlock(&xv_lock);
	return n;
}

static unsigned int gone(struct dcx_tables *t, int ifindex, const char *keep)
{
	unsigned int n;

	mutex_lock(&xv_lock);
	n = dcx_space_vrf_gone(t, ifindex, keep, record, seen, &xv_lock);
	mutex_unlock(&xv_lock);
	return n;
}

static void test_vrf_waits_and_follows(void **state __maybe_unused)
{
	static const u8 none[16];
	struct dcx_xlat_cfg cfg;
	struct dcx_space *a, *b, *c;
	struct dcx_tables *t;

	xv_cfg(&cfg, none, 0);
	t = xv_tab(&cfg);
	a = xv_space(&cfg, "a", 1, NULL, 0);
	b = xv_space(&cfg, "b", 2, NULL, 0);
	c = xv_space(&cfg, "c", 3, NULL, 0);
	/* a waits for blue (any table), b for blue in table 200. */
	dcx_space_set_vrf(a, "blue", -1, 0);
	dcx_space_set_vrf(b, "blue", -1, 200);
	dcx_space_set_vrf(c, "", 9, 300);	/* no name: no VRF */
	assert_int_equal(c->vrf_ifindex, 0);
	assert_int_equal(c->table, 300);
	assert_string_equal(a->vrf_name, "blue");
	assert_int_equal(a->vrf_ifindex, -1);

	/* Another name, or a blue of another table for b: a only. */
	seen[0] = 0;
	assert_int_equal(up(t, "red", 7, 200), 0);
	assert_int_equal(up(t, "blue", 7, 100), 1);
	assert_string_equal(seen, "a:7:100,");
	assert_int_equal(b->vrf_ifindex, -1);
	assert_int_equal(b->table, 200);

	/* Gone: a waits again, for blue in the table it routed in. */
	seen[0] = 0;
	assert_int_equal(gone(t, 8, NULL), 0);
	assert_int_equal(gone(t, 7, NULL), 1);
	assert_string_equal(seen, "a:-1:100,");
	assert_int_equal(c->vrf_ifindex, 0);

	/* blue in table 200 comes back: b takes it, a (table 100) not. */
	seen[0] = 0;
	assert_int_equal(up(t, "blue", 11, 200), 1);
	assert_string_equal(seen, "b:11:200,");
	assert_int_equal(a->vrf_ifindex, -1);
	/* Bound already: the same device again is no change. */
	assert_int_equal(up(t, "blue", 11, 200), 0);

	/* Renamed to the name b gives (a rename event of its own): kept. */
	seen[0] = 0;
	assert_int_equal(gone(t, 11, "blue"), 0);
	assert_int_equal(b->vrf_ifindex, 11);
	/* Renamed away: b waits. */
	assert_int_equal(gone(t, 11, "green"), 1);
	assert_string_equal(seen, "b:-1:200,");

	/* Unset: the main routing, nothing waits or follows. */
	dcx_space_set_vrf(b, "", 0, 0);
	assert_string_equal(b->vrf_name, "");
	seen[0] = 0;
	assert_int_equal(up(t, "blue", 12, 200), 0);
	assert_int_equal(b->vrf_ifindex, 0);
	assert_string_equal(seen, "");

	/* Without a callback: the same changes, nothing reported. */
	mutex_lock(&xv_lock);
	assert_int_equal(dcx_space_vrf_up(t, "blue", 13, 100, NULL, NULL,
					  &xv_lock), 1);
	assert_int_equal(a->vrf_ifindex, 13);
	assert_int_equal(dcx_space_vrf_gone(t, 13, NULL, NULL, NULL,
					    &xv_lock), 1);
	mutex_unlock(&xv_lock);
	assert_int_equal(a->vrf_ifindex, -1);
	assert_string_equal(seen, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		xv_unit_test(test_vrf_waits_and_follows),
	};

	return cmocka_run_group_tests_name("core_vrf", tests,
					   xv_group_setup, xv_group_teardown);
}
