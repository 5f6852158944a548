// SPDX-License-Identifier: GPL-2.0
/*
 * Control-plane microbenchmark of the pure core (issue 14, bulk loads):
 * N random /32 <-> /128 EAM entries into new tables, in IPv4 order (as
 * `dcxlat apply` sends the output of `dcxlat show`), either
 *   live    every entry indexed as it comes (today's EAMT_ADD), or
 *   staged  tables deferred as a transaction's staging copy is
 *           (dcx_eam_defer()), then dcx_eam_build() as TXN_COMMIT does.
 * Prints the wall time of the adds and of the build, then of deleting
 * every entry one by one in random order (`eamt del`). Under
 * valgrind --tool=callgrind '--toggle-collect=load_run*' only the load (adds
 * and build) is counted, not the generation of the entries; with
 * '--toggle-collect=del_run*' only the deletes.
 *
 *   bench_load N live|staged
 *
 * Built without dcx_eam_defer (-DBENCH_LOAD_LIVE_ONLY) it runs against a
 * tree from before the bulk build too ("live" only).
 */
#include "tables.h"

#include <time.h>
#include "bench_util.h"

static DEFINE_MUTEX(bench_lock);

struct ent {
	__be32 v4;
	struct in6_addr v6;
};

static void die(const char *what)
{
	bench_die("bench_load", what);
}

static int by_v4(const void *a, const void *b)
{
	u32 x = ntohl(((const struct ent *)a)->v4);
	u32 y = ntohl(((const struct ent *)b)->v4);

	return x < y ? -1 : x > y;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double t_add, t_build, t_del;

/* The measured part: callgrind collects this function only. */
static noinline void load_run(struct dcx_tables *t,
			      const struct ent *e,
			      unsigned long n, bool staged)
{
	char why[DCX_WHY_LEN];
	unsigned long i;
	double t0 = now(), t1;

	mutex_lock(&bench_lock);
#ifndef BENCH_LOAD_LIVE_ONLY
	if (staged)
		dcx_eam_defer(t);
#else
	(void)staged;
#endif
	for (i = 0; i < n; i++)
		if (dcx_eam_add(t, t->def, e[i].v4, 32, &e[i].v6, 128, why,
				&bench_lock))
			die(why);
	t1 = now();
#ifndef BENCH_LOAD_LIVE_ONLY
	if (staged && dcx_eam_build(t, why, &bench_lock))
		die(why);
#endif
	mutex_unlock(&bench_lock);
	t_add = t1 - t0;
	t_build = now() - t1;
}

/* Every entry deleted by its IPv4 prefix, in the order of e. */
static noinline void del_run(struct dcx_tables *t, const struct ent *e,
			     unsigned long n)
{
	char why[DCX_WHY_LEN];
	unsigned long i;
	double t0 = now();

	mutex_lock(&bench_lock);
	for (i = 0; i < n; i++)
		if (dcx_eam_del(t, t->def, e[i].v4, 32, NULL, 0, why,
				&bench_lock))
			die(why);
	mutex_unlock(&bench_lock);
	t_del = now() - t0;
}

int main(int argc, char **argv)
{
	struct dcx_tables *t;
	unsigned long n, i, k;
	struct ent *e;
	bool staged;

	if (argc != 3 || (strcmp(argv[2], "live") && strcmp(argv[2], "staged")))
		die("usage: bench_load N live|staged");
	n = strtoul(argv[1], NULL, 0);
	staged = !strcmp(argv[2], "staged");
#ifdef BENCH_LOAD_LIVE_ONLY
	if (staged)
		die("built without the staged mode");
#endif
	e = calloc(n + 1, sizeof(*e));
	if (!e || dcx_lpm_cache_init() || dcx_eam_cache_init())
		die("memory");
	/* Random unicast IPv4 (10/8 aside), distinct, in order. */
	for (i = 0; i < n; i++)
		e[i].v4 = htonl(0x0b000000 + rnd() % 0xd0000000u);
	qsort(e, n, sizeof(*e), by_v4);
	for (i = k = 0; i < n; i++)
		if (!k || e[i].v4 != e[k - 1].v4)
			e[k++] = e[i];
	n = k;
	for (i = 0; i < n; i++) {
		e[i].v6.s6_addr32[0] = htonl(0x20010db8);
		e[i].v6.s6_addr32[1] = htonl(rnd());
		e[i].v6.s6_addr32[2] = htonl(rnd());
		e[i].v6.s6_addr32[3] = htonl((u32)i);	/* distinct */
	}
	t = dcx_tables_alloc(GFP_KERNEL);
	if (!t)
		die("tables");
	load_run(t, e, n, staged);
	for (i = n - 1; i > 0; i--) {	/* shuffled for the deletes */
		struct ent x = e[i];

		k = rnd() % (i + 1);
		e[i] = e[k];
		e[k] = x;
	}
	del_run(t, e, n);
	printf("entries=%lu mode=%s add=%.3fs build=%.3fs total=%.3fs del=%.3fs\n",
	       n, argv[2], t_add, t_build, t_add + t_build, t_del);
	mutex_lock(&bench_lock);
	dcx_tables_destroy(t);
	mutex_unlock(&bench_lock);
	free(e);
	rcu_barrier();
	dcx_eam_cache_exit();
	dcx_lpm_cache_exit();
	return 0;
}
