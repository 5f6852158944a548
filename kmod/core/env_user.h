/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's basic types and the little of its libc a core file needs
 * for bytes and messages, in userspace (and how messages print addresses). env.h picks it for the CLI (which
 * compiles prefix.c); tests/kshim/kshim_types.h builds the test shim on
 * it. No RCU, no allocation, no packet headers here.
 */
#ifndef DCX_CORE_ENV_USER_H
#define DCX_CORE_ENV_USER_H

#ifdef __KERNEL__
#error "env_user.h is for userspace builds only"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
/* glibc's in6_addr first: the uapi headers then skip their own copy. */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s8 s8;

#define __force
#define __printf(a, b) __attribute__((__format__(printf, a, b)))

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

/*
 * An address and a length in a message, as env.h's kernel branch prints
 * them with %pI4/%pI6c: through a rotating set of buffers, so that a few
 * fit in one printf.
 */
static inline const char *dcx_ntop(int af, const void *a)
{
	static char buf[4][INET6_ADDRSTRLEN];
	static unsigned int n;
	char *b = buf[n++ % 4];

	return inet_ntop(af, a, b, INET6_ADDRSTRLEN);
}

#define DCX_P4_FMT		"%s/%u"
#define DCX_P4_ARG(a, l)	dcx_ntop(AF_INET, &(a)), (l)
#define DCX_P6_FMT		"%s/%u"
#define DCX_P6_ARG(a, l)	dcx_ntop(AF_INET6, (a)), (l)

#endif /* DCX_CORE_ENV_USER_H */
