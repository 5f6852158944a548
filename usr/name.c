// SPDX-License-Identifier: GPL-2.0
/*
 * Name rules (see name.h): instance, space, device and netns names,
 * checked as the kernel would refuse them, with a message that says
 * what to fix. Pure so that the unit tests cover it.
 */
#include <stdio.h>
#include <string.h>
#include "uapi/dcxlat.h"
#include "name.h"

int dcx_name_check(const char *s, char *err, size_t errlen)
{
	size_t len, i;

	if (!s || !*s) {
		snprintf(err, errlen, "instance name is empty");
		return -1;
	}
	len = strlen(s);
	if (len > DCXLAT_NAME_MAX - 1) {
		snprintf(err, errlen,
			 "instance name \"%.40s%s\" is too long (%zu bytes; at most %d)",
			 s, len > 40 ? "..." : "", len, DCXLAT_NAME_MAX - 1);
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x21 || c > 0x7e) {
			snprintf(err, errlen,
				 "instance name has a space or non-printable character (0x%02x at byte %zu); use ASCII letters, digits and punctuation",
				 c, i + 1);
			return -1;
		}
	}
	return 0;
}

int dcx_space_name_check(const char *s, char *err, size_t errlen)
{
	char msg[256];

	if (dcx_name_check(s, msg, sizeof(msg))) {
		/* The rule is the instance one; say "space" instead. */
		const char *p = strstr(msg, "instance name");

		if (p)
			snprintf(err, errlen, "space name%s",
				 p + strlen("instance name"));
		else
			snprintf(err, errlen, "%s", msg);
		return -1;
	}
	return 0;
}

bool dcx_dev_name_ok(const char *s)
{
	return *s && strlen(s) < DCX_IFNAMSIZ && !strchr(s, '/') &&
	       !strpbrk(s, " \t\n:");
}

int dcx_netns_name_check(const char *s, char *err, size_t errlen)
{
	if (!s || !*s) {
		snprintf(err, errlen, "network namespace name is empty");
		return -1;
	}
	if (strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, "..")) {
		snprintf(err, errlen,
			 "invalid network namespace name \"%s\": give a name from /run/netns (see ip netns list)",
			 s);
		return -1;
	}
	return 0;
}
