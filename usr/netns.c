// SPDX-License-Identifier: GPL-2.0
/*
 * Entering a named netns (see netns.h), before the netlink socket is
 * opened: everything after acts in that netns.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* setns() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "netns.h"

int dcx_netns_enter(const char *name, char *err, size_t errlen)
{
	char path[PATH_MAX];
	int fd, r;

	snprintf(path, sizeof(path), "%s/%s", DCX_NETNS_RUN_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			snprintf(err, errlen,
				 "no network namespace \"%s\" (%s does not exist; see ip netns list)",
				 name, path);
		else
			snprintf(err, errlen,
				 "cannot open network namespace \"%s\": %s",
				 name, strerror(errno));
		return -1;
	}
	r = setns(fd, CLONE_NEWNET);
	if (r)
		snprintf(err, errlen, "cannot enter network namespace \"%s\": %s",
			 name, strerror(errno));
	close(fd);
	return r ? -1 : 0;
}
