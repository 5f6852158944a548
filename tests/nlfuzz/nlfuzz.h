/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlfuzz: a generic netlink fuzzer of the dcxlat family, run against the
 * loaded module (tests/selftests/nl_fuzz.sh). Shared declarations of its
 * four files: sock.c (raw genetlink sockets, messages, acks, dumps),
 * model.c (the model of the configuration accepted requests produced and
 * its comparison with the module's dumps), gen.c (requests: structured
 * ones whose effect the model predicts, and garbage), nlfuzz.c (options,
 * the processes, counters, the verdict).
 * Rules: no libraries but libc; every random choice comes from the
 * seeded generator of the process (fz_rand), so a seed replays a run of
 * the main process exactly (worker processes interleave freely).
 */
#ifndef NLFUZZ_H
#define NLFUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "uapi/dcxlat.h"

/* ---- counters shared by every process (nlfuzz.c, MAP_SHARED) ---- */
#define FZ_CMDS		32	/* DCXLAT_CMD_* and one "other" bucket */
#define FZ_CMD_OTHER	(FZ_CMDS - 1)
/* The last request; the commands after it are events the kernel sends. */
#define FZ_CMD_LAST_REQ	DCXLAT_CMD_TXN_ABORT

struct fz_counts {
	uint64_t sent[FZ_CMDS], accepted[FZ_CMDS], refused[FZ_CMDS];
	uint64_t total;			/* requests sent, all processes */
	uint64_t core_refusals;		/* genl core: no message by design */
	uint64_t extack_missing;	/* refusals of the module without one */
	uint64_t expect_fail;		/* predicted outcome not met */
	uint64_t model_fail;		/* model and module disagree */
	uint64_t dumps_abandoned, txns_abandoned, sockets;
	uint64_t unpriv_sent, unpriv_eperm, unpriv_other;
	uint64_t userns_sent;
	uint64_t budget;		/* stop at this many requests */
};
extern struct fz_counts *fz_cnt;
extern int fz_verbose;		/* --verbose: every structured request */
void fz_count_add(uint64_t *c, uint64_t n);
/* A failed assertion: counted in *c, the first ones printed; returns 1. */
int fz_fail(uint64_t *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * realloc() that does not fail: under --make-it-fail the kernel refuses a
 * share of the process's own slab allocations too (the VMA of a new
 * mapping, a brk), so a NULL is retried there; elsewhere it aborts.
 */
void *fz_xrealloc(void *p, size_t n);

/* ---- random ---- */
uint64_t fz_rand(void);
void fz_srand(uint64_t seed);
/* 0 .. n-1 */
static inline uint32_t fz_rn(uint32_t n)
{
	return n ? (uint32_t)(fz_rand() % n) : 0;
}
/* true with probability 1/n */
static inline bool fz_one_in(uint32_t n)
{
	return fz_rn(n) == 0;
}

/* ---- sock.c ---- */
struct fz_sock {
	int fd;
	uint32_t portid;
	uint32_t seq;
};

struct fz_msg {
	uint8_t *buf;
	size_t len, cap;
	size_t nest[64];
	int depth;
	uint8_t cmd;
	bool dump;
};

/* What came back for one request. */
struct fz_res {
	int err;		/* 0 or -errno of the ack / NLMSG_DONE */
	bool answered;		/* an ack or DONE arrived */
	bool has_msg;		/* NLMSGERR_ATTR_MSG present */
	char msg[160];
	unsigned int parts;	/* data messages (reply, dump parts) */
};

/* One data message of a reply or dump: its attributes. */
typedef void (*fz_part_cb)(const uint8_t *attrs, size_t len, void *arg);

extern uint16_t fz_family;
int fz_open(struct fz_sock *s);
void fz_close(struct fz_sock *s);
int fz_resolve_family(struct fz_sock *s);
void fz_msg_init(struct fz_msg *m, uint8_t cmd, bool dump);
void fz_msg_free(struct fz_msg *m);
void fz_put(struct fz_msg *m, uint16_t type, const void *data, size_t len);
void fz_put_u8(struct fz_msg *m, uint16_t type, uint8_t v);
void fz_put_u32(struct fz_msg *m, uint16_t type, uint32_t v);
void fz_put_str(struct fz_msg *m, uint16_t type, const char *s);
void fz_nest(struct fz_msg *m, uint16_t type);
void fz_nest_end(struct fz_msg *m);
void fz_put_prefix(struct fz_msg *m, uint16_t type, const void *addr,
		   size_t alen, uint8_t len);
int fz_send(struct fz_sock *s, struct fz_msg *m);
/* Read until the request's ack/DONE; cb gets every data message. */
int fz_wait(struct fz_sock *s, struct fz_res *r, fz_part_cb cb, void *arg);
/* Send, wait, count (per command, extack rule); the result in r. */
int fz_call(struct fz_sock *s, struct fz_msg *m, struct fz_res *r,
	    fz_part_cb cb, void *arg);
/* Attribute walk over a buffer. */
#define fz_for_attrs(a, buf, blen, rem)					\
	for (a = (const struct nlattr *)(buf), rem = (int)(blen);	\
	     rem >= (int)sizeof(struct nlattr) && a->nla_len >= 4 &&	\
	     a->nla_len <= rem;						\
	     rem -= (a->nla_len + 3) & ~3,				\
	     a = (const struct nlattr *)((const uint8_t *)a +		\
					 ((a->nla_len + 3) & ~3)))
const char *fz_cmd_name(unsigned int cmd);

/* ---- model.c ---- */
#define FZ_INSTANCES	2	/* modelled: fz0, fz1 */
#define FZ_SPACES	6	/* default + 5 names */

struct fz_prefix {
	uint8_t addr[16];
	uint8_t len;
	bool set;
};

struct fz_eam {
	uint8_t v4[4], v6[16];
	uint8_t len4, len6;
	bool remote;
};

/* One structured request: what the model applies when it is accepted. */
struct fz_intent {
	int cmd;
	int inst;			/* modelled instance index */
	int space;			/* space index; -1 = attribute absent */
	struct fz_eam *eams;		/* EAMT_ADD/DEL */
	bool *has4, *has6;		/* EAMT_DEL: which prefixes were sent */
	int neam;
	struct fz_prefix pfx;		/* POOL6_SET, SPACE_* prefix */
	bool has_pfx, has_id;
	uint32_t id;
	char dev[16];			/* BIND_* */
	uint8_t b4[4], blen4;
	/* SETTINGS_SET: present keys and their values as the module keeps */
	bool set_has[DCXLAT_SET_MAX + 1];
	struct fz_prefix set_pfx[DCXLAT_SET_MAX + 1];
	uint32_t set_val[DCXLAT_SET_MAX + 1];
	char set_str[DCXLAT_SET_MAX + 1][16];
};

extern const char *const fz_inst_names[FZ_INSTANCES];
extern const char *const fz_space_names[FZ_SPACES];
void fz_model_init(struct fz_sock *s);
/* The config requests of the main socket edit on instance i now. */
bool fz_model_exists(int inst);
bool fz_model_staging(int inst);
int fz_model_neam(int inst, int space);
const struct fz_eam *fz_model_eam(int inst, int space, int k);
bool fz_model_space(int inst, int space);
/*
 * EAMT_ADD: would the module refuse entry e, added to the model's state
 * after the nprev entries prev of the same message?
 */
bool fz_model_eam_clash_n(int inst, int space, const struct fz_eam *e,
			  const struct fz_eam *prev, int nprev);
void fz_model_apply(const struct fz_intent *in);
/* Compare the model with the module; returns mismatches. */
int fz_model_compare(struct fz_sock *s);
/* The model as JSON lines in `dcxlat -j show`'s terms (EAM, spaces). */
void fz_model_json(const char *path);

/* ---- gen.c ---- */
/* One structured request on a modelled instance, counted and checked. */
void fz_gen_structured(struct fz_sock *s);
/* One random/adversarial request on unmodelled names. */
void fz_gen_garbage(struct fz_sock *s);
/* A request every command, as an unprivileged sender would: EPERM. */
void fz_gen_unpriv(struct fz_sock *s);
/* A new socket: starts a dump and closes mid-way. */
void fz_gen_abandon_dump(void);
/*
 * A new socket: TXN_BEGIN, edits, close without commit; on "scratch", on a
 * modelled instance, or there without edits (other processes than the
 * one that owns the model).
 */
enum { FZ_TXN_SCRATCH, FZ_TXN_MODEL, FZ_TXN_BEGIN_ONLY };
void fz_gen_abandon_txn(int where);

#endif /* NLFUZZ_H */
