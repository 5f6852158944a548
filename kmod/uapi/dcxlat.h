/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * dcxlat generic netlink ABI, shared by the kernel module and the CLI.
 *
 * Family "dcxlat" (DCXLAT_GENL_NAME), version DCXLAT_GENL_VERSION.
 * Every command acts on the network namespace of the socket that sends it
 * and needs CAP_NET_ADMIN in the user namespace owning that netns.
 *
 * Every request may carry DCXLAT_A_ABI (u32): when present and different
 * from DCXLAT_ABI_VERSION the module refuses the request with -EPROTO and an
 * extack message naming both versions, so an old CLI never half-talks to a
 * new module.
 *
 * Commands and their attributes:
 *
 * DCXLAT_CMD_INSTANCE_ADD   INSTANCE (required)
 *     Create a translator instance in this netns. -EEXIST if the name is
 *     taken. The first instance registers the netfilter hooks.
 * DCXLAT_CMD_INSTANCE_DEL   INSTANCE (required)
 *     Delete it (-ENOENT if unknown). The last one unregisters the hooks.
 * DCXLAT_CMD_INSTANCE_GET   doit: INSTANCE; dumpit: all instances of netns.
 *     Reply: INSTANCE, POOL6 (nested PREFIX_*; absent when unset).
 * DCXLAT_CMD_POOL6_SET      INSTANCE, POOL6 (nested: PREFIX_ADDR, PREFIX_LEN)
 *     Set the RFC 6052 translation prefix. Length must be 32, 40, 48, 56, 64
 *     or 96; bits after the length must be zero; for /32../56 the u-octet
 *     (bits 64..71) is reserved and left zero by translation.
 * DCXLAT_CMD_POOL6_GET      INSTANCE. Reply: INSTANCE, POOL6 when set.
 * DCXLAT_CMD_POOL6_FLUSH    INSTANCE. Unset pool6.
 * DCXLAT_CMD_STATS_GET      INSTANCE. Reply: INSTANCE, STATS (nested: one
 *     u64 attribute per counter, attribute type = enum dcxlat_stat + 1).
 *     Type 0 (DCXLAT_STATS_PAD) is padding; readers skip types they do not
 *     know, so a newer module may add counters.
 * DCXLAT_CMD_STATS_RESET    INSTANCE. Zero every counter of the instance.
 *
 * Errors: -EINVAL for a malformed or out-of-range attribute (extack names
 * it), -ENOENT for an unknown instance, -EEXIST for a duplicate, -EPERM
 * without CAP_NET_ADMIN. Every error carries an extack message.
 * The extack message is cut at 80 bytes (6.2+) or generic (before 6.2),
 * so a refusal with a formatted reason is preceded by a message of the
 * request's command (same sequence number; NLM_F_MULTI in a dump) that
 * carries only DCXLAT_A_ERROR: the whole text, without "dcxlat: ".
 * Two refinements of that: the genetlink core's policy range checks (e.g.
 * PREFIX_LEN > 128) answer -ERANGE, and its -EPERM comes without a message
 * because it refuses the request before the module sees it.
 *
 * Notifications: every successful change is multicast to the netns'
 * listeners of group DCXLAT_MCGRP_CONFIG as a message whose command is the
 * request's command and whose attributes describe the changed object:
 * INSTANCE_ADD, INSTANCE_DEL and STATS_RESET carry INSTANCE; POOL6_SET and
 * POOL6_FLUSH carry INSTANCE and, after a set, POOL6, and OLD_POOL6 when
 * one was set before; EAMT_ADD/EAMT_DEL/EAMT_FLUSH carry SPACE, COUNT and
 * (add, del) the request's EAM entries as many as fit; SETTINGS_SET
 * carries every SETTINGS value and OLD_SETTINGS, the keys the request
 * set with their values before; SPACE_* and BIND_* carry the space (or
 * SPACE and BIND), SPACE_SET also OLD_SPACE_CFG: the NAME and the
 * attributes the request gave (PREFIX, length 0 when it had none; TABLE,
 * VRF) with their values before; TXN_COMMIT the committed configuration.
 * BIND_DEV is no request (the genetlink core refuses it): the module sends
 * it by itself when a device event changes a binding of a live
 * configuration (see "Spaces"); VRF_DEV when a space's VRF does
 * ("Spaces"), NDP_DEV when the ndp-proxy device appears or goes:
 * INSTANCE, SETTINGS (NDP_PROXY) and NDP_WAITING when it is gone.
 * SETTINGS_GET replies carry NDP_WAITING while ndp-proxy names a device
 * that does not exist (the proxy is off until it appears). Joining the group needs CAP_NET_ADMIN in
 * the netns' user namespace from Linux 6.7 on (the group capability
 * flag); older kernels let any user of the netns listen.
 *
 * Dumps (INSTANCE_GET with NLM_F_DUMP) set NLM_F_DUMP_INTR on a message when
 * the configuration changed since the dump began; the reader should retry.
 */
#ifndef _UAPI_DCXLAT_H
#define _UAPI_DCXLAT_H

#define DCXLAT_GENL_NAME	"dcxlat"
#define DCXLAT_GENL_VERSION	1
#define DCXLAT_ABI_VERSION	1
#define DCXLAT_MCGRP_CONFIG	"config"

/*
 * Instance names: printable, 1..DCXLAT_NAME_MAX-1 bytes plus NUL.
 * Printable means ASCII 0x21..0x7e: no spaces, no control characters.
 */
#define DCXLAT_NAME_MAX		16

enum dcxlat_cmd {
	DCXLAT_CMD_UNSPEC,
	DCXLAT_CMD_INSTANCE_ADD,
	DCXLAT_CMD_INSTANCE_DEL,
	DCXLAT_CMD_INSTANCE_GET,
	DCXLAT_CMD_POOL6_SET,
	DCXLAT_CMD_POOL6_GET,
	DCXLAT_CMD_POOL6_FLUSH,
	DCXLAT_CMD_STATS_GET,
	DCXLAT_CMD_STATS_RESET,
	/* RFC 7757 EAM table of a space (see "EAMT" below) */
	DCXLAT_CMD_EAMT_ADD,
	DCXLAT_CMD_EAMT_DEL,
	DCXLAT_CMD_EAMT_GET,
	DCXLAT_CMD_EAMT_FLUSH,
	/* Instance settings (see "Settings" below) */
	DCXLAT_CMD_SETTINGS_SET,
	DCXLAT_CMD_SETTINGS_GET,
	/* Address spaces and their interface bindings (see "Spaces") */
	DCXLAT_CMD_SPACE_ADD,
	DCXLAT_CMD_SPACE_DEL,
	DCXLAT_CMD_SPACE_GET,
	DCXLAT_CMD_SPACE_SET,
	DCXLAT_CMD_BIND_ADD,
	DCXLAT_CMD_BIND_DEL,
	/* Atomic replacement of a whole configuration (see "Transactions") */
	DCXLAT_CMD_TXN_BEGIN,
	DCXLAT_CMD_TXN_COMMIT,
	DCXLAT_CMD_TXN_ABORT,
	/* Notification only: a binding's device came or went ("Spaces") */
	DCXLAT_CMD_BIND_DEV,
	/* Notification only: a space's VRF came or went ("Spaces") */
	DCXLAT_CMD_VRF_DEV,
	/* Notification only: the ndp-proxy device came or went */
	DCXLAT_CMD_NDP_DEV,
	__DCXLAT_CMD_MAX
};
#define DCXLAT_CMD_MAX (__DCXLAT_CMD_MAX - 1)

enum dcxlat_attr {
	DCXLAT_A_UNSPEC,
	DCXLAT_A_ABI,		/* u32 */
	DCXLAT_A_INSTANCE,	/* NUL-terminated string */
	DCXLAT_A_POOL6,		/* nested enum dcxlat_prefix_attr */
	DCXLAT_A_STATS,		/* nested: u64 per enum dcxlat_stat (+1) */
	DCXLAT_A_PAD,
	DCXLAT_A_SPACE,		/* string: space name; absent = "default" */
	DCXLAT_A_EAM,		/* nested enum dcxlat_eam_attr; may repeat */
	DCXLAT_A_SETTINGS,	/* nested enum dcxlat_setting_attr */
	DCXLAT_A_SPACE_CFG,	/* nested enum dcxlat_space_attr */
	DCXLAT_A_BIND,		/* nested enum dcxlat_bind_attr; may repeat */
	DCXLAT_A_COUNT,		/* u32: entries added/removed/present */
	DCXLAT_A_ERROR,		/* string: a refusal's whole text (Errors) */
	DCXLAT_A_OLD_POOL6,	/* nested prefix: pool6 before (POOL6_* events) */
	DCXLAT_A_OLD_SETTINGS,	/* nested settings: the keys set, before */
	DCXLAT_A_OLD_SPACE_CFG,	/* nested space: what a SPACE_SET changed, before */
	DCXLAT_A_NDP_WAITING,	/* flag: no ndp-proxy device now (replies) */
	__DCXLAT_A_MAX
};
#define DCXLAT_A_MAX (__DCXLAT_A_MAX - 1)

/* Inside DCXLAT_A_STATS, type 0 is 64-bit alignment padding, never a counter. */
#define DCXLAT_STATS_PAD	0

enum dcxlat_prefix_attr {
	DCXLAT_PREFIX_UNSPEC,
	DCXLAT_PREFIX_ADDR,	/* binary: 4 bytes (IPv4) or 16 bytes (IPv6) */
	DCXLAT_PREFIX_LEN,	/* u8 */
	__DCXLAT_PREFIX_MAX
};
#define DCXLAT_PREFIX_MAX (__DCXLAT_PREFIX_MAX - 1)

/*
 * EAMT: one RFC 7757 entry is an IPv4 prefix and an IPv6 prefix with equal
 * suffix lengths (32 - len4 == 128 - len6). EAMT_ADD and EAMT_DEL take one
 * or more DCXLAT_A_EAM, all applied or none; DEL needs only one of the two
 * prefixes. EAMT_GET is a dump of one space in (IPv4 prefix) order; EAMT_FLUSH
 * empties the space's table.
 * An entry is local (one of the translator's own nodes) unless ADD gives
 * DCXLAT_EAM_REMOTE (RFC 7756 5.2, figure 6: an Edge Relay's entry for a
 * remote service): the ER filter (RFC 7756 6) treats only the local ones
 * as service addresses. GET carries the flag on remote entries.
 *
 * EAMT_ADD/DEL: INSTANCE, SPACE (optional), one or more EAM. On the first
 * refused entry the entries of the message already changed are put back
 * and the error names that entry (extack offset: its DCXLAT_A_EAM). Packets
 * may meet the entries of a refused message during that moment. Success
 * notifies the config group with INSTANCE, SPACE and COUNT (entries in the
 * message); EAMT_FLUSH likewise with COUNT = entries removed.
 *
 * EAMT_GET dump (NLM_F_DUMP; INSTANCE, SPACE optional): messages of many
 * EAM each (every one with INSTANCE and SPACE) in (IPv4 address, length)
 * order. No lock is held between messages: each message resumes after
 * the last IPv4 prefix sent. An entry present for the whole dump is sent
 * exactly once; an entry added or removed during the dump may or may not
 * be sent (never twice); an entry replaced (deleted and added again) may
 * appear in its old or its new form. Any configuration change during the
 * dump (in any netns) sets NLM_F_DUMP_INTR on the following messages: a
 * reader that needs a consistent snapshot dumps again.
 */
enum dcxlat_eam_attr {
	DCXLAT_EAM_UNSPEC,
	DCXLAT_EAM_PREFIX4,	/* nested enum dcxlat_prefix_attr, IPv4 */
	DCXLAT_EAM_PREFIX6,	/* nested enum dcxlat_prefix_attr, IPv6 */
	DCXLAT_EAM_REMOTE,	/* flag: RFC 7756 5.2 remote service entry */
	__DCXLAT_EAM_MAX
};
#define DCXLAT_EAM_MAX (__DCXLAT_EAM_MAX - 1)

/*
 * Settings of an instance. SETTINGS_SET changes the attributes present and
 * keeps the others; SETTINGS_GET returns all of them. Names, defaults and
 * ranges: uapi/dcxlat_settings.h. SET notifies INSTANCE and SETTINGS.
 */
enum dcxlat_setting_attr {
	DCXLAT_SET_UNSPEC,
	DCXLAT_SET_RFC6791V4,	/* nested prefix, IPv4; len 0 = unset */
	DCXLAT_SET_RFC6791V6,	/* nested prefix, IPv6; len 0 = unset */
	DCXLAT_SET_LOWEST_MTU6,	/* u32, 1280..65535 */
	DCXLAT_SET_RESET_TCLASS, /* u8 bool: 4->6 traffic class = 0 */
	DCXLAT_SET_RESET_TOS,	/* u8 bool: 6->4 TOS = NEW_TOS */
	DCXLAT_SET_NEW_TOS,	/* u8 */
	DCXLAT_SET_UDP_ZERO_CSUM, /* u8 enum dcxlat_udp0 */
	DCXLAT_SET_ROLE,	/* u8 enum dcxlat_role */
	DCXLAT_SET_ER_FILTER,	/* u8 bool: ER ingress filtering (RFC 7756 6) */
	DCXLAT_SET_HAIRPIN,	/* u8 bool: RFC 7757 4.2 hairpinning */
	DCXLAT_SET_UNBOUND,	/* u8 enum dcxlat_unbound */
	DCXLAT_SET_SPACE_BASE,	/* nested prefix, IPv6: base of space IDs */
	DCXLAT_SET_NDP_PROXY,	/* string: uplink device name; "" = off */
	DCXLAT_SET_MAX_EAMS,	/* u32: limit of EAM entries, all spaces */
	DCXLAT_SET_MAX_SPACES,	/* u32: limit of spaces, default included */
	__DCXLAT_SET_MAX
};
#define DCXLAT_SET_MAX (__DCXLAT_SET_MAX - 1)

enum dcxlat_udp0 {
	DCXLAT_UDP0_COMPUTE,	/* compute the checksum (default) */
	DCXLAT_UDP0_DROP,	/* drop IPv4 UDP with a zero checksum */
};

enum dcxlat_role {
	DCXLAT_ROLE_SIIT,	/* plain RFC 7915 translator (default) */
	DCXLAT_ROLE_BR,		/* SIIT-DC Border Relay (RFC 7755) */
	DCXLAT_ROLE_ER,		/* SIIT-DC Edge Relay (RFC 7756) */
};

enum dcxlat_unbound {
	DCXLAT_UNBOUND_DEFAULT,	/* unbound interfaces use the default space */
	DCXLAT_UNBOUND_PASS,	/* IPv4 from unbound interfaces is not ours */
};

/*
 * Spaces: every instance has the space "default" (ID 0), whose prefix is
 * pool6. SPACE_ADD/SET take DCXLAT_A_SPACE_CFG; SPACE_DEL and SPACE_GET
 * (doit or dump) take DCXLAT_A_SPACE. BIND_ADD/BIND_DEL take DCXLAT_A_SPACE
 * and one DCXLAT_A_BIND.
 *
 * A binding names its interface: BIND_IFNAME (or BIND_IFINDEX of an
 * existing device, whose name is then taken). A binding to a name no
 * device has in the netns is kept and "waiting": it takes effect when a
 * device of that name appears (created, renamed to it or moved into the
 * netns) and waits again when the device goes (deleted, renamed, moved
 * out), in the live and in a staging configuration alike. Replies carry
 * BIND_IFNAME, and BIND_IFINDEX while the device exists, else
 * BIND_WAITING; SPACE_WAITING counts a space's waiting bindings.
 *
 * Each binding of a live configuration that a device event turns from
 * waiting to active or back is notified as BIND_DEV: INSTANCE, SPACE and
 * BIND (IFNAME, PREFIX4, and IFINDEX when it is now active, else
 * BIND_WAITING), one message per binding. Staging configurations follow
 * the devices silently; their commit shows their state.
 *
 * The routing domain of a space (SPACE_ADD/SET): VRF_NAME (a VRF device
 * by name; "" = none) or VRF (the ifindex of an existing VRF device,
 * whose name is then taken), not both, and/or TABLE (alone: the VRF
 * device that uses that table now, which must exist). A VRF_NAME no
 * device has is kept and the space waits, like a binding: its IPv6 ->
 * IPv4 packets are dropped (counter vrf-waiting), never routed in the
 * main table, until a VRF of that name (using TABLE, when given)
 * appears; it waits again when that VRF goes or is renamed. A device of
 * that name that is not a VRF, or uses another table, is refused.
 * Replies carry TABLE, VRF_NAME, and VRF while the VRF exists, else
 * VRF_WAITING. A space whose VRF a device event binds or unbinds in a
 * live configuration is notified as VRF_DEV: INSTANCE and SPACE_CFG
 * (NAME, TABLE, VRF_NAME, VRF or VRF_WAITING).
 */
enum dcxlat_space_attr {
	DCXLAT_SPACE_UNSPEC,
	DCXLAT_SPACE_NAME,	/* string */
	DCXLAT_SPACE_ID,	/* u32, 1..65535 (0 is the default space) */
	DCXLAT_SPACE_PREFIX,	/* nested prefix, IPv6; else base + ID */
	DCXLAT_SPACE_TABLE,	/* u32: routing table of 6->4 output */
	DCXLAT_SPACE_VRF,	/* u32: ifindex of the space's VRF device */
	DCXLAT_SPACE_EAM_COUNT,	/* u32, in replies */
	DCXLAT_SPACE_STATS,	/* nested like DCXLAT_A_STATS, in replies */
	DCXLAT_SPACE_BIND,	/* nested enum dcxlat_bind_attr, may repeat */
	DCXLAT_SPACE_PAD,
	DCXLAT_SPACE_WAITING,	/* u32, in replies: bindings waiting */
	DCXLAT_SPACE_VRF_NAME,	/* string: the space's VRF, by name */
	DCXLAT_SPACE_VRF_WAITING, /* flag, in replies: no such VRF now */
	__DCXLAT_SPACE_MAX
};
#define DCXLAT_SPACE_MAX (__DCXLAT_SPACE_MAX - 1)

enum dcxlat_bind_attr {
	DCXLAT_BIND_UNSPEC,
	DCXLAT_BIND_IFINDEX,	/* u32 */
	DCXLAT_BIND_PREFIX4,	/* nested prefix, IPv4; absent = 0.0.0.0/0 */
	DCXLAT_BIND_IFNAME,	/* string: the interface, by name */
	DCXLAT_BIND_WAITING,	/* flag, in replies: no such device now */
	__DCXLAT_BIND_MAX
};
#define DCXLAT_BIND_MAX (__DCXLAT_BIND_MAX - 1)

/*
 * Transactions: TXN_BEGIN (INSTANCE) opens an empty staging configuration
 * owned by the sending socket; until TXN_COMMIT or TXN_ABORT that socket's
 * configuration requests on the instance edit the staging copy. COMMIT
 * publishes it with one pointer store; closing the socket aborts.
 *
 * Details: the staging configuration starts with default settings, no
 * pool6, and only the empty default space. Only the owning socket's
 * changes (POOL6_*, EAMT_*, SETTINGS_SET, SPACE_*, BIND_*) go to it;
 * reads (GET, dumps) always show the live configuration; STATS_RESET
 * acts on the live counters. Other sockets keep changing the live
 * configuration, and COMMIT replaces it whole (their changes are lost).
 * One transaction per instance: a second TXN_BEGIN gets -EBUSY. COMMIT and
 * ABORT without an open transaction of this socket get -ENOENT. A COMMIT
 * refused for memory (-ENOMEM: the staged EAM entries' lookup hashes are
 * built at COMMIT) publishes nothing and leaves the transaction open. Staging
 * changes send no notifications; COMMIT notifies INSTANCE and COUNT (EAM
 * entries of the new configuration). Deleting the instance discards it.
 */

/*
 * Counters, one per outcome. Names for the CLI are in DCXLAT_STAT_NAMES so
 * kernel, CLI and docs never disagree.
 */
#define DCXLAT_STATS(X)							\
	X(XLAT_46,		"xlat-4to6",	"IPv4 packets translated to IPv6")	\
	X(XLAT_64,		"xlat-6to4",	"IPv6 packets translated to IPv4")	\
	X(PASS_46,		"pass-4",	"IPv4 packets not for the translator, left untouched") \
	X(PASS_64,		"pass-6",	"IPv6 packets not for the translator, left untouched") \
	X(UNTRANS_SRC6,		"untranslatable-src6", "IPv6 source has no IPv4 mapping") \
	X(TRUNCATED,		"truncated",	"packet shorter than its headers say")	\
	X(BAD_HDR,		"bad-header",	"malformed IP or transport header")	\
	X(UNSUPP_PROTO,		"unsupported-l4", "upper-layer protocol without a mapping (IGMP) or ICMP error quoting an untranslatable packet") \
	X(FRAGMENT,		"fragment-unsupported", "fragment this build cannot translate") \
	X(TTL_EXPIRED,		"ttl-expired",	"TTL/hop limit ran out at the translator") \
	X(NO_ROUTE,		"no-route",	"no route for the translated packet")	\
	X(TOO_BIG,		"too-big",	"translated packet exceeds the path MTU") \
	X(NOMEM,		"no-memory",	"out of memory while translating")	\
	X(OUTPUT_ERR,		"output-error",	"the stack refused the translated packet") \
	X(SRC_ROUTE,		"source-route",	"IPv4 packet with an unexpired source route option") \
	X(SEGMENTS_LEFT,	"routing-header", "IPv6 routing header with segments left") \
	X(UNTRANS_SRC4,		"untranslatable-src4", "IPv4 source has no IPv6 mapping") \
	X(NONGLOBAL_V4,		"wkp-non-global", "non-global IPv4 address with the well-known prefix (RFC 6052 3.1)") \
	X(UDP_ZERO_CSUM,	"udp-zero-checksum", "IPv4 UDP with a zero checksum, dropped by setting") \
	X(UDP_ZERO_FRAG,	"udp-zero-checksum-fragment", "fragmented IPv4 UDP with a zero checksum") \
	X(ER_INGRESS,		"er-ingress-filter", "Edge Relay: IPv4 source without an EAM entry (RFC 7756 6)") \
	X(ER_SPOOF6,		"er-spoofed-src6", "Edge Relay: IPv6 source is a local service address (RFC 7756 6)") \
	X(ER_SPOOF4,		"er-spoofed-src4", "Edge Relay: IPv6 source translates to a local IPv4 service address (RFC 7756 6)") \
	X(HAIRPIN,		"hairpinned",	"IPv6 packets translated twice and sent back into IPv6 (RFC 7757 4.2)") \
	X(ICMP_REASM,		"icmp-reassembled", "fragmented ICMP messages reassembled and translated") \
	X(CROSS_SPACE,		"cross-space",	"IPv6 source and destination belong to different address spaces") \
	X(UNBOUND,		"unbound-interface", "IPv4 from an interface bound to no space, left untouched") \
	X(UNSUPP_ICMP,		"unsupported-icmp", "ICMP type, code or pointer RFC 7915 says to drop, or an error about an error") \
	X(BAD_ICMP_CSUM,	"bad-icmp-checksum", "ICMP/ICMPv6 error with a wrong checksum, not translated") \
	X(TO_SELF4,		"to-self4",	"IPv6 packet for an IPv4 address of the translator itself, dropped") \
	X(NDP_ANSWERED,		"ndp-answered",	"Neighbor Solicitations on the ndp-proxy uplink answered") \
	X(NDP_IGNORED,		"ndp-ignored",	"valid Neighbor Solicitations on the ndp-proxy uplink for other targets") \
	X(SPECIAL_PASS4,	"special-v4-passed", "IPv4 packet to 0/8, 127/8, 169.254/16, 224/4 or 240/4, left to the IPv4 stack untranslated") \
	X(SPECIAL_DROP,		"special-v4-dropped", "source, or IPv6 packet's destination, maps to 0/8, 127/8, 169.254/16, 224/4 or 240/4: dropped") \
	X(FRAG_EXT6,		"fragment-ext-header", "IPv6 Fragment Header followed by another extension header (RFC 7915 5.1.1), dropped") \
	X(FRAG_HELD,		"fragment-held", "fragments of ICMP messages kept (or dropped) by the kernel's defragmenter; the whole message is counted when it is complete") \
	X(GSO_SEGMENTED,	"gso-segmented", "GSO packets cut into software segments; each segment is counted as a packet of its own") \
	X(GSO_SEGMENTS,		"gso-segments", "segments made of gso-segmented packets") \
	X(VRF_WAITING,		"vrf-waiting",	"IPv6 packets of a space whose VRF does not exist (yet), dropped: never routed in the main table")

#define DCXLAT_STAT_ENUM(id, name, doc) DCXLAT_STAT_##id,
enum dcxlat_stat {
	DCXLAT_STATS(DCXLAT_STAT_ENUM)
	DCXLAT_STAT_COUNT
};
#undef DCXLAT_STAT_ENUM

/*
 * Initialisers of const char *[DCXLAT_STAT_COUNT], in enum order: names and
 * one-line docs.
 */
#define DCXLAT_STAT_NAME_ENTRY(id, name, doc) name,
#define DCXLAT_STAT_NAMES { DCXLAT_STATS(DCXLAT_STAT_NAME_ENTRY) }
#define DCXLAT_STAT_DOC_ENTRY(id, name, doc) doc,
#define DCXLAT_STAT_DOCS { DCXLAT_STATS(DCXLAT_STAT_DOC_ENTRY) }

#endif /* _UAPI_DCXLAT_H */
