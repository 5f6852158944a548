/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The environment of the pure translation core (kmod/core/): kernel
 * headers inside the module, tests/kshim/kshim.h (same names, userspace
 * implementations) in the unit tests, fuzzers and benchmarks. This is the
 * only place that chooses between the two.
 */
#ifndef DCX_CORE_ENV_H
#define DCX_CORE_ENV_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#else
#include "kshim.h"
#endif

#endif /* DCX_CORE_ENV_H */
