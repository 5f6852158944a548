/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * The settings of a dcxlat instance, in one table shared by the kernel
 * (netlink policy, validation, set, get, defaults), the CLI (parsing,
 * printing, JSON, help) and the docs, so that none of them can disagree.
 *
 * X(ID, NAME, TYPE, DEFAULT, MIN, MAX, VALUES, DOC, RFC, FIELD)
 *   ID       suffix of DCXLAT_SET_<ID> (enum dcxlat_setting_attr)
 *   NAME     the CLI/JSON key
 *   TYPE     DCXLAT_ST_<TYPE>: how the value goes over the wire
 *              PREFIX4  nested prefix (DCXLAT_PREFIX_*), IPv4; len 0 unsets
 *              PREFIX6  nested prefix, IPv6; len 0 unsets
 *              U32, U8  integer in MIN..MAX
 *              BOOL     u8 0 or 1 ("on"/"off" in the CLI, true/false in JSON)
 *              ENUM     u8 0..MAX, named by VALUES ("a|b|c", in enum order)
 *              IFNAME   NUL-terminated device name, "" = unset
 *   DEFAULT  the value of a new instance, as the CLI prints it
 *   MIN, MAX range (integers, enums; prefixes: allowed lengths 0..MAX)
 *   DOC      one line for help and docs
 *   RFC      where the behaviour comes from
 *   FIELD    where the module keeps the value: a member of its struct
 *            dcx_config (kmod/instance.h), so that the module's set, get
 *            and defaults are generated from this table; userspace never
 *            sees this column
 *
 * DCXLAT_SETTINGS(X) calls X with the nine columns ID .. RFC (what the CLI
 * and the docs read); DCXLAT_SETTINGS_ALL(X) with all ten. The rows live
 * in DCXLAT_SETTINGS_ROWS(X, F): X picks the columns and hands them to F.
 */
#ifndef _UAPI_DCXLAT_SETTINGS_H
#define _UAPI_DCXLAT_SETTINGS_H

enum dcxlat_setting_type {
	DCXLAT_ST_PREFIX4,
	DCXLAT_ST_PREFIX6,
	DCXLAT_ST_U32,
	DCXLAT_ST_U8,
	DCXLAT_ST_BOOL,
	DCXLAT_ST_ENUM,
	DCXLAT_ST_IFNAME,
};

#define DCXLAT_SETTINGS_ROWS(X, F)					\
	X(RFC6791V4, "rfc6791v4", PREFIX4, "192.0.0.8/32", 0, 32, "",	\
	  "IPv4 source of translated ICMP errors from IPv6 nodes without an IPv4 address (unset: drop them)", \
	  "RFC 7915 4.2, RFC 6791", xlat.rfc6791v4, F)			\
	X(RFC6791V6, "rfc6791v6", PREFIX6, "unset", 0, 128, "",		\
	  "IPv6 source of translated ICMPv6 errors from IPv4 nodes without an IPv6 address (unset: drop them)", \
	  "RFC 7915 5.2, RFC 6791", xlat.rfc6791v6, F)			\
	X(LOWEST_MTU6, "lowest-ipv6-mtu", U32, "1280", 1280, 65535, "",	\
	  "smallest MTU of the IPv6 side, caps translated ICMP errors and Packet Too Big", \
	  "RFC 7915 4.1, 5.2", xlat.lowest_ipv6_mtu, F)			\
	X(RESET_TCLASS, "reset-traffic-class", BOOL, "off", 0, 1, "",	\
	  "IPv4 to IPv6: set the traffic class to 0 instead of copying the TOS", \
	  "RFC 7915 4.1", xlat.reset_tclass, F)				\
	X(RESET_TOS, "reset-tos", BOOL, "off", 0, 1, "",		\
	  "IPv6 to IPv4: set the TOS to new-tos instead of copying the traffic class", \
	  "RFC 7915 5.1", xlat.reset_tos, F)				\
	X(NEW_TOS, "new-tos", U8, "0", 0, 255, "",			\
	  "the TOS written when reset-tos is on", "RFC 7915 5.1", xlat.new_tos, F) \
	X(UDP_ZERO_CSUM, "udp-zero-checksum", ENUM, "compute", 0, 1,	\
	  "compute|drop",						\
	  "IPv4 UDP with a zero checksum: compute one, or drop the packet", \
	  "RFC 7915 4.5, RFC 6145 4.5", xlat.udp_zero, F)		\
	X(ROLE, "role", ENUM, "siit", 0, 2, "siit|br|er",		\
	  "plain SIIT, SIIT-DC Border Relay or SIIT-DC Edge Relay",	\
	  "RFC 7755, RFC 7756", xlat.role, F)				\
	X(ER_FILTER, "er-ingress-filter", BOOL, "on", 0, 1, "",	\
	  "Edge Relay: drop IPv4 from sources without an EAM entry",	\
	  "RFC 7756 6", xlat.er_filter, F)				\
	X(HAIRPIN, "hairpin", BOOL, "on", 0, 1, "",			\
	  "hairpin IPv6 packets whose destination translates back into the IPv6 domain", \
	  "RFC 7757 4.2", xlat.hairpin, F)				\
	X(UNBOUND, "unbound", ENUM, "default", 0, 1, "default|pass",	\
	  "IPv4 from interfaces bound to no space: default space, or leave it untouched", \
	  "dcxlat address spaces", xlat.unbound, F)			\
	X(SPACE_BASE, "space-base", PREFIX6, "unset", 0, 80, "",	\
	  "base prefix of the spaces without their own prefix: base + ID gives a /96", \
	  "dcxlat address spaces", xlat.space_base, F)			\
	X(NDP_PROXY, "ndp-proxy", IFNAME, "unset", 0, 15, "",		\
	  "uplink device on which dcxlat answers Neighbor Solicitations for translated addresses", \
	  "RFC 4861 7.2.8 (proxy)", ndp_proxy, F)			\
	X(MAX_EAMS, "max-eam-entries", U32, "1048576", 1, 16777216, "", \
	  "most EAM entries of the instance (all spaces); more are refused", \
	  "dcxlat resource limits", max_eams, F)			\
	X(MAX_SPACES, "max-spaces", U32, "4096", 1, 65536, "",		\
	  "most address spaces of the instance, default space included; more are refused", \
	  "dcxlat resource limits", max_spaces, F)

#define DCXLAT_SET_COLS9(id, name, type, def, lo, hi, vals, doc, rfc,	\
			 field, F)					\
	F(id, name, type, def, lo, hi, vals, doc, rfc)
#define DCXLAT_SET_COLS10(id, name, type, def, lo, hi, vals, doc, rfc,	\
			  field, F)					\
	F(id, name, type, def, lo, hi, vals, doc, rfc, field)
#define DCXLAT_SETTINGS(X)	DCXLAT_SETTINGS_ROWS(DCXLAT_SET_COLS9, X)
#define DCXLAT_SETTINGS_ALL(X)	DCXLAT_SETTINGS_ROWS(DCXLAT_SET_COLS10, X)

#endif /* _UAPI_DCXLAT_SETTINGS_H */
