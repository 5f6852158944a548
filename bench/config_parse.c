// SPDX-License-Identifier: GPL-2.0
/*
 * The host-only half of "dcxlat apply FILE": read FILE and check all of
 * it as apply does before it opens a socket (dcx_config_load(): the JSON,
 * every field, EAM suffix lengths and overlaps), print the entry count,
 * free it. No netlink, no kernel: bench/config_parse.sh times it (wall,
 * max RSS) and counts its instructions (callgrind) for any tree's usr/.
 * Exit 0, or 1 with the CLI's message.
 */
#include <stdio.h>
#include "cmd_apply.h"
#include "config.h"
#include "err.h"

int main(int argc, char **argv)
{
	struct dcx_uconfig c;
	struct dcx_err e = { 0 };
	bool usage = false;
	size_t n, k;

	if (argc != 2) {
		fprintf(stderr, "usage: config_parse FILE\n");
		return 2;
	}
	if (dcx_config_load(argv[1], &c, &usage, &e)) {
		fprintf(stderr, "config_parse: %s\n", e.msg);
		dcx_config_free(&c);
		return 1;
	}
	n = c.def.eamt.n;
	for (k = 0; k < c.nspaces; k++)
		n += c.spaces[k].eamt.n;
	printf("%zu EAM entries, %zu spaces\n", n, c.nspaces);
	dcx_config_free(&c);
	return 0;
}
