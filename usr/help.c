// SPDX-License-Identifier: GPL-2.0
/* Help texts: short, with one example per command. */
#include "uapi/dcxlat.h"
#include "help.h"
#include "version.h"

static const char dcx_help_top[] =
"Usage: dcxlat [OPTIONS] OBJECT [COMMAND [ARGS]]\n"
"       dcxlat help [OBJECT]\n"
"\n"
"Objects:\n"
"  instance   translator instances of the network namespace\n"
"  pool6      the RFC 6052 prefix of an instance\n"
"  stats      per-instance counters\n"
"  monitor    print configuration changes as they happen\n"
"\n"
"Options:\n"
"  -j, --json          JSON output\n"
"  -p, --pretty        pretty-printed JSON output (implies -j)\n"
"  -n, --netns NETNS   act in network namespace /run/netns/NETNS\n"
"  -i, --instance NAME act on instance NAME (default \"default\")\n"
"  -v, --verbose       more detail (stats show: what each counter means)\n"
"  -V, --version       print the CLI version and netlink ABI\n"
"  -h, --help          this help (\"dcxlat OBJECT help\" for an object)\n"
"\n"
"Exit status: 0 success, 1 the kernel or system refused, 2 usage error.\n";

static const char dcx_help_instance[] =
"Usage: dcxlat instance add [NAME]     create NAME (default \"default\")\n"
"       dcxlat instance del NAME       delete NAME\n"
"       dcxlat instance show [NAME]    list all instances, or NAME\n"
"\n"
"NAME: 1 to 15 printable ASCII characters, no spaces.\n"
"Example: dcxlat instance add && dcxlat pool6 set 64:ff9b::/96\n";

static const char dcx_help_pool6[] =
"Usage: dcxlat [-i NAME] pool6 set PREFIX   set the translation prefix\n"
"       dcxlat [-i NAME] pool6 show         print it\n"
"       dcxlat [-i NAME] pool6 flush        unset it\n"
"\n"
"PREFIX: IPV6-ADDRESS/LENGTH, LENGTH one of 32, 40, 48, 56, 64, 96\n"
"(RFC 6052), no bits set after LENGTH. Example: 64:ff9b::/96\n";

static const char dcx_help_stats[] =
"Usage: dcxlat [-i NAME] stats show [--explain]   print the counters\n"
"       dcxlat [-i NAME] stats reset              zero them\n"
"\n"
"--explain (or -v) adds what each counter means.\n";

static const char dcx_help_monitor[] =
"Usage: dcxlat [-j] [-i NAME] monitor\n"
"\n"
"Prints one line per configuration change in the network namespace\n"
"(of instance NAME only, with -i) until interrupted.\n";

void dcx_help(FILE *out, enum dcx_obj obj)
{
	switch (obj) {
	case DCX_OBJ_INSTANCE:
		fputs(dcx_help_instance, out);
		break;
	case DCX_OBJ_POOL6:
		fputs(dcx_help_pool6, out);
		break;
	case DCX_OBJ_STATS:
		fputs(dcx_help_stats, out);
		break;
	case DCX_OBJ_MONITOR:
		fputs(dcx_help_monitor, out);
		break;
	default:
		fputs(dcx_help_top, out);
	}
}

void dcx_version(FILE *out)
{
	fprintf(out, "dcxlat %s, netlink ABI %d (family \"%s\" version %d)\n",
		DCXLAT_CLI_VERSION, DCXLAT_ABI_VERSION, DCXLAT_GENL_NAME,
		DCXLAT_GENL_VERSION);
}
