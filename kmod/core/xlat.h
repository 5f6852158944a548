/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pure core as the rest of the module (and the tests) sees it: one
 * include for the types and every module's API. Nothing in kmod/core/
 * includes this file; core files include the headers of what they use.
 *
 * Modules, lowest first (each calls only modules listed before it):
 *   env.h       kernel headers or the userspace shim (the only choice)
 *   lpm         RCU longest-prefix-match trie
 *   prefix      prefix bits and rules, shared with the CLI; refusal text
 *   types.h     shared types, no functions; verdict.h: plan outcomes
 *   addr        RFC 6052 embedding, special addresses, RFC 6791 picks
 *   transport   L4 checksums and headers, both directions
 *   iphdr       IPv4/IPv6 header builders, TOS, extension-header walk
 *   icmp        ICMP <-> ICMPv6 numbers (types, pointers, MTUs)
 *   pool6       reading the spaces' RFC 6052 prefixes
 *   eamt        RFC 7757 EAM entries and their overlap rules
 *   tables      an instance's tables and spaces
 *   map         address mapping (EAM, then RFC 6052)
 *   icmp46/64   ICMP messages and the packets inside errors
 *   xlat46/64   the two directions: plan and apply
 */
#ifndef DCX_CORE_XLAT_H
#define DCX_CORE_XLAT_H

#include "types.h"
#include "lpm.h"
#include "prefix.h"
#include "addr.h"
#include "transport.h"
#include "iphdr.h"
#include "icmp.h"
#include "pool6.h"
#include "eamt.h"
#include "tables.h"
#include "map.h"
#include "icmp46.h"
#include "icmp64.h"
#include "xlat46.h"
#include "xlat64.h"

#endif /* DCX_CORE_XLAT_H */
