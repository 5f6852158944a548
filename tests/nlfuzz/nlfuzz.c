// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: fuzz the generic netlink family "dcxlat" of the loaded module.
 *
 *   nlfuzz [--seed N] [--requests N] [--workers N] [--no-unpriv]
 *          [--no-userns] [--model-json FILE] [--verbose] [--make-it-fail]
 *
 * The main process sends structured requests to the modelled instances
 * fz0 and fz1 (gen.c, model.c), garbage to others (garble.c), abandons
 * dumps and transactions, and reconnects now and then (its own open
 * transaction must then be gone). Worker processes send garbage, reads,
 * abandoned dumps and transactions at the same time from their own
 * sockets; one process, as user nobody in a new user namespace, sends
 * every command and must get EPERM; one, as nobody owning a new user and
 * network namespace, runs the main loop with its own model there (its
 * netns goes away with it). Until --requests requests were sent by all
 * of them. Then the model is compared with the module's dumps.
 * Output: the seed, requests per command (sent, accepted, refused), the
 * totals and one "nlfuzz: result PASS|FAIL" line; exit 0 on PASS, 1 on
 * FAIL, 2 when it cannot run. Failures: a refusal without an extack
 * message (other than the genetlink core's EPERM/EOPNOTSUPP), an outcome
 * the model predicted otherwise, a difference between model and module.
 * With --workers 0 --no-unpriv --no-userns a seed replays a run exactly.
 * --make-it-fail (failslab.sh, with failslab's task-filter): the main loop
 * runs in a child with /proc/self/make-it-fail set, so a share of the slab
 * allocations made on its behalf fail (fz_injected). Model and outcome
 * checks then fail by design: the caller looks only at the kernel (log,
 * leaks) and at the requests sent.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "nlfuzz.h"

struct fz_counts *fz_cnt;
int fz_verbose;
static uint64_t fz_state;
static int fz_printed;

void fz_srand(uint64_t seed)
{
	fz_state = seed * 0x9e3779b97f4a7c15ULL + 1;
}

uint64_t fz_rand(void)
{
	uint64_t x = fz_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	fz_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

void fz_count_add(uint64_t *c, uint64_t n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

int fz_fail(uint64_t *c, const char *fmt, ...)
{
	va_list ap;

	fz_count_add(c, 1);
	if (fz_printed++ >= 20)
		return 1;
	fprintf(stderr, "nlfuzz[%d]: FAIL: ", getpid());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static int fz_mif;	/* --make-it-fail */
static uint64_t fz_alloc_retries;	/* the child's, reported at its end */

void *fz_xrealloc(void *p, size_t n)
{
	void *q;
	int k;

	for (k = 0; k < 100000; k++) {
		q = realloc(p, n);
		if (q)
			return q;
		if (!fz_mif)
			break;
		fz_alloc_retries++;
	}
	fprintf(stderr, "nlfuzz: out of memory (%zu bytes)\n", n);
	abort();
}

static bool fz_more(void)
{
	return __atomic_load_n(&fz_cnt->total, __ATOMIC_RELAXED) <
	       fz_cnt->budget;
}

/* A new main socket: its transactions are aborted by the close. */
static void fz_reconnect(struct fz_sock *s)
{
	struct fz_intent in = { .cmd = DCXLAT_CMD_TXN_ABORT };
	int tries;

	fz_close(s);
	for (in.inst = 0; in.inst < FZ_INSTANCES; in.inst++)
		if (fz_model_staging(in.inst))
			fz_model_apply(&in);
	/* Under --make-it-fail a socket() may fail for want of memory. */
	for (tries = 0; fz_open(s); tries++) {
		if (!fz_mif || tries == 1000) {
			perror("nlfuzz: socket");
			exit(2);
		}
	}
}

/* The main loop (main process and the userns+netns one). */
static int fz_main_loop(struct fz_sock *s)
{
	uint32_t r;

	fz_model_init(s);
	while (fz_more()) {
		if (fz_verbose > 1 && fz_model_compare(s)) {
			fprintf(stderr, "nlfuzz: model differs, stop\n");
			exit(1);
		}
		r = fz_rn(100);
		if (fz_verbose)
			fprintf(stderr, "nlfuzz: step %u\n", r);
		if (r < 55)
			fz_gen_structured(s);
		else if (r < 85)
			fz_gen_garbage(s);
		else if (r < 91)
			fz_gen_abandon_dump();
		else if (r < 98)
			fz_gen_abandon_txn(fz_one_in(2) ? FZ_TXN_MODEL :
					   FZ_TXN_SCRATCH);
		else if (fz_one_in(4))
			fz_reconnect(s);
	}
	fz_reconnect(s);
	return fz_model_compare(s);
}

static void fz_worker_loop(struct fz_sock *s)
{
	uint32_t r;

	while (fz_more()) {
		r = fz_rn(100);
		if (r < 70)
			fz_gen_garbage(s);
		else if (r < 82)
			fz_gen_abandon_dump();
		else if (r < 97)
			fz_gen_abandon_txn(fz_one_in(2) ? FZ_TXN_BEGIN_ONLY :
					   FZ_TXN_SCRATCH);
		else
			fz_reconnect(s);
	}
}

/* User nobody; in a new user namespace, and a new netns with own_net. */
static int fz_become_nobody(bool own_net)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		return -errno;
	if (unshare(CLONE_NEWUSER | (own_net ? CLONE_NEWNET : 0)))
		return -errno;
	return 0;
}

enum { FZ_WORKER, FZ_UNPRIV, FZ_USERNS };

static void fz_child(int kind, uint64_t seed)
{
	struct fz_sock s;
	int err = 0, bad = 0, k;

	fz_srand(seed);
	if (kind != FZ_WORKER)
		err = fz_become_nobody(kind == FZ_USERNS);
	if (err) {
		fprintf(stderr, "nlfuzz: %s child skipped: %s\n",
			kind == FZ_UNPRIV ? "unprivileged" : "userns",
			strerror(-err));
		_exit(3);
	}
	if (fz_open(&s) || fz_resolve_family(&s))
		_exit(2);
	if (kind == FZ_WORKER)
		fz_worker_loop(&s);
	else if (kind == FZ_UNPRIV)
		for (k = 0; k < 10 && fz_more(); k++)	/* 10 rounds do */
			fz_gen_unpriv(&s);
	else
		bad = fz_main_loop(&s);
	fz_close(&s);
	_exit(bad ? 1 : 0);
}

static void fz_report(uint64_t seed)
{
	uint64_t acc = 0, ref = 0;
	int c;

	for (c = 0; c < FZ_CMDS; c++) {
		acc += fz_cnt->accepted[c];
		ref += fz_cnt->refused[c];
		if (!fz_cnt->sent[c])
			continue;
		printf("nlfuzz: %-13s sent %8llu accepted %8llu refused %8llu\n",
		       c == FZ_CMD_OTHER ? "other" : fz_cmd_name(c),
		       (unsigned long long)fz_cnt->sent[c],
		       (unsigned long long)fz_cnt->accepted[c],
		       (unsigned long long)fz_cnt->refused[c]);
	}
	printf("nlfuzz: seed %llu: %llu requests, %llu accepted, %llu refused, %llu sockets\n",
	       (unsigned long long)seed, (unsigned long long)fz_cnt->total,
	       (unsigned long long)acc, (unsigned long long)ref,
	       (unsigned long long)fz_cnt->sockets);
	printf("nlfuzz: abandoned dumps %llu, abandoned transactions %llu\n",
	       (unsigned long long)fz_cnt->dumps_abandoned,
	       (unsigned long long)fz_cnt->txns_abandoned);
	printf("nlfuzz: unprivileged %llu sent, %llu EPERM, %llu other\n",
	       (unsigned long long)fz_cnt->unpriv_sent,
	       (unsigned long long)fz_cnt->unpriv_eperm,
	       (unsigned long long)fz_cnt->unpriv_other);
	printf("nlfuzz: core refusals without message (EPERM/EOPNOTSUPP) %llu\n",
	       (unsigned long long)fz_cnt->core_refusals);
	printf("nlfuzz: refusals without extack message %llu\n",
	       (unsigned long long)fz_cnt->extack_missing);
	printf("nlfuzz: unexpected outcomes %llu\n",
	       (unsigned long long)fz_cnt->expect_fail);
	printf("nlfuzz: model mismatches %llu\n",
	       (unsigned long long)fz_cnt->model_fail);
}

static char fz_outbuf[2][1 << 16];

/*
 * --make-it-fail: fork a child that runs the main loop with failslab's
 * per-task switch on; it never returns. Nothing it does may reach the VM's
 * 9p root with the switch on: a 9p clunk whose allocation fails frees the
 * fid in the guest but not on the server, and every later walk that gets
 * the same (lowest free) fid number is refused with EINVAL, so every exec
 * of the VM fails. Hence: a child, whose files (binary, libraries, stdio)
 * are all shared with this process, so its exit releases no last
 * reference even when it dies with the switch on; its pages locked in (no
 * page-in over 9p); its output buffered until the switch is off; the
 * switch opened before it is set (clearing it allocates nothing).
 */
static pid_t fz_injected(struct fz_sock *s)
{
	pid_t pid = fork();
	int fd, bad, k;

	if (pid)
		return pid;
	fz_close(s);	/* its own socket: closing it aborts its txns */
	fd = open("/proc/self/make-it-fail", O_WRONLY);
	if (fd < 0 || mlockall(MCL_CURRENT | MCL_FUTURE) || fz_open(s)) {
		fprintf(stderr, "nlfuzz: cannot set make-it-fail: %s\n",
			strerror(errno));
		_exit(2);
	}
	setvbuf(stdout, fz_outbuf[0], _IOFBF, sizeof(fz_outbuf[0]));
	setvbuf(stderr, fz_outbuf[1], _IOFBF, sizeof(fz_outbuf[1]));
	if (write(fd, "1", 1) != 1)
		_exit(2);
	bad = fz_main_loop(s);
	for (k = 0; write(fd, "0", 1) != 1 && k < 1000; k++)
		;
	printf("nlfuzz: make-it-fail child: %llu requests, %llu allocations retried\n",
	       (unsigned long long)fz_cnt->total,
	       (unsigned long long)fz_alloc_retries);
	fflush(stdout);
	fflush(stderr);
	_exit(bad ? 1 : 0);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", 1, NULL, 's' }, { "requests", 1, NULL, 'n' },
		{ "workers", 1, NULL, 'w' }, { "no-unpriv", 0, NULL, 'u' },
		{ "no-userns", 0, NULL, 'U' }, { "model-json", 1, NULL, 'j' },
		{ "verbose", 0, NULL, 'v' }, { "make-it-fail", 0, NULL, 'f' },
		{ 0 },
	};
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
	int workers = 2, unpriv = 1, userns = 1, c, i, st, bad = 0;
	const char *json = NULL;
	struct fz_sock s;
	pid_t pid, mif = 0;

	fz_cnt = mmap(NULL, sizeof(*fz_cnt), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fz_cnt == MAP_FAILED)
		return 2;
	fz_cnt->budget = 20000;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': fz_cnt->budget = strtoull(optarg, NULL, 0); break;
		case 'w': workers = atoi(optarg); break;
		case 'u': unpriv = 0; break;
		case 'U': userns = 0; break;
		case 'j': json = optarg; break;
		case 'v': fz_verbose++; break;
		case 'f': fz_mif = 1; break;
		default:
			fprintf(stderr, "usage: see tests/nlfuzz/nlfuzz.c\n");
			return 2;
		}
	}
	printf("nlfuzz: seed %llu, %llu requests, %d workers\n",
	       (unsigned long long)seed,
	       (unsigned long long)fz_cnt->budget, workers);
	fflush(stdout);
	fz_srand(seed);
	if (fz_open(&s) || fz_resolve_family(&s)) {
		fprintf(stderr, "nlfuzz: no dcxlat family (module loaded?)\n");
		return 2;
	}
	for (i = 0; i < workers + unpriv + userns; i++) {
		pid = fork();
		if (pid < 0)
			return 2;
		if (!pid)
			fz_child(i < workers ? FZ_WORKER :
				 i < workers + unpriv && unpriv ? FZ_UNPRIV :
				 FZ_USERNS, seed + 1000003ULL * (i + 1));
	}
	if (fz_mif) {
		mif = fz_injected(&s);
		if (mif < 0)
			return 2;
		fz_close(&s);
	} else {
		bad = fz_main_loop(&s);
	}
	while ((pid = wait(&st)) > 0) {
		/* failslab.sh asserts this line: the child ran to its end. */
		if (pid == mif && WIFEXITED(st))
			printf("nlfuzz: make-it-fail child exit %d\n",
			       WEXITSTATUS(st));
		else if (pid == mif)
			printf("nlfuzz: make-it-fail child killed by signal %d\n",
			       WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		if (!WIFEXITED(st) || (WEXITSTATUS(st) && WEXITSTATUS(st) != 3))
			bad += fz_fail(&fz_cnt->expect_fail,
				       "child %d ended with status %#x", pid, st);
	}
	if (json && !fz_mif)	/* the model is the child's */
		fz_model_json(json);
	fz_close(&s);
	fz_report(seed);
	bad += fz_cnt->extack_missing + fz_cnt->expect_fail +
	       fz_cnt->model_fail;
	printf("nlfuzz: result %s\n", bad ? "FAIL" : "PASS");
	return bad ? 1 : 0;
}
