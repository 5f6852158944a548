// SPDX-License-Identifier: GPL-2.0
/*
 * The help and version texts (see help.h): short, one example per
 * command. The settings' table comes from settings.c. Keep in step with
 * docs/cli.md and docs/dcxlat.8.
 */
#include <string.h>
#include "uapi/dcxlat.h"
#include "help.h"
#include "settings.h"
#include "version.h"

static const char dcx_help_top[] =
"Usage: dcxlat [OPTIONS] OBJECT [COMMAND [ARGS]]\n"
"       dcxlat help [OBJECT]\n"
"\n"
"       dcxlat apply FILE | dcxlat show | dcxlat diff FILE | dcxlat health\n"
"\n"
"Objects:\n"
"  instance   translator instances of the network namespace\n"
"  pool6      the RFC 6052 prefix of an instance (of its default space)\n"
"  eamt       RFC 7757 explicit address mappings of a space\n"
"  space      address spaces and their interface bindings\n"
"  global     the settings of an instance\n"
"  stats      per-instance counters\n"
"  monitor    print configuration changes as they happen\n"
"  apply FILE replace the whole configuration atomically (JSON, \"-\" = stdin)\n"
"  show       print the whole configuration as apply reads it\n"
"  diff FILE  what \"apply FILE\" would change (exit 0 same, 1 different)\n"
"  health     is the instance fit to carry traffic (exit 0 yes, 1 no)\n"
"\n"
"Options:\n"
"  -j, --json          JSON output\n"
"  -p, --pretty        pretty-printed JSON output (implies -j)\n"
"  -n, --netns NETNS   act in network namespace /run/netns/NETNS\n"
"  -i, --instance NAME act on instance NAME (default \"default\")\n"
"  -v, --verbose       more detail (stats show: what each counter means)\n"
"  -V, --version       print the CLI, netlink ABI and loaded module versions\n"
"  -h, --help          this help (\"dcxlat OBJECT help\" for an object)\n"
"\n"
"  --file FILE         eamt add, eamt del, apply: read FILE (\"-\" = stdin)\n"
"  --digest            show: print the configuration's SHA-256 digest\n"
"  --expect FILE       health: the configuration the instance must have\n"
"  --traffic SECONDS   health: counters must grow within SECONDS\n"
"\n"
"Exit status: 0 success, 1 the kernel or system refused (also: a FILE that\n"
"cannot be read), 2 usage error (including an invalid apply or bulk file:\n"
"nothing was sent).\n";

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
"(RFC 6052), no bits set after LENGTH, not overlapping ::/128, ::1/128,\n"
"::ffff:0:0/96, fe80::/10 or ff00::/8. Example: 64:ff9b::/96\n";

static const char dcx_help_stats[] =
"Usage: dcxlat [-i NAME] stats show [--explain]   print the counters\n"
"       dcxlat [-i NAME] stats reset              zero them\n"
"\n"
"--explain (or -v) adds what each counter means.\n";

static const char dcx_help_monitor[] =
"Usage: dcxlat [-j] [-i NAME] monitor\n"
"\n"
"Prints one line per configuration change in the network namespace\n"
"(of instance NAME only, with -i) until interrupted, naming what changed:\n"
"  pool6 set t1 64:ff9b::/96 -> 2001:db8::/96\n"
"  eamt add t1 space default count 1: 192.0.2.0/24 2001:db8:a::/120\n"
"  global set t1 lowest-ipv6-mtu 1280 -> 1400\n"
"  space set t1 tenant-a id 7: table main -> 200, vrf none -> vrf-a\n"
"  space bind t1 space tenant-a dev tap-a\n"
"  space device t1 space tenant-a dev tap-a: waiting -> bound\n"
"  space vrf t1 tenant-a vrf vrf-a table 200: bound -> waiting\n"
"  global device t1 ndp-proxy uplink: waiting -> bound\n"
"The last kinds are the module's own: a device that a binding, a space's\n"
"VRF or ndp-proxy names appeared or went.\n"
"-j: one JSON object per line with the same detail.\n";

static const char dcx_help_eamt[] =
"Usage: dcxlat [-i NAME] eamt add [space SPACE] PREFIX4 PREFIX6 [local|remote]\n"
"       dcxlat [-i NAME] eamt add [space SPACE] - | --file FILE\n"
"       dcxlat [-i NAME] eamt del [space SPACE] PREFIX4 | PREFIX6\n"
"       dcxlat [-i NAME] eamt del [space SPACE] - | --file FILE\n"
"       dcxlat [-i NAME] eamt show [space SPACE]\n"
"       dcxlat [-i NAME] eamt flush [space SPACE]\n"
"\n"
"An entry maps an IPv4 prefix to an IPv6 prefix with the same number of\n"
"suffix bits (IPv6 length = IPv4 length + 96), e.g.\n"
"  dcxlat eamt add 192.0.2.0/24 2001:db8:aaaa::/120\n"
"A bare address is a /32 (IPv4) or /128 (IPv6). Entries of a space must not\n"
"overlap; IPv6 prefixes must not overlap in any space. SPACE defaults to\n"
"\"default\". \"remote\" marks an Edge Relay's entry for a remote service\n"
"(RFC 7756 5.2, figure 6): the ER filters treat only local entries (the\n"
"default) as its own service addresses.\n"
"Bulk: one \"PREFIX4 PREFIX6 [remote]\" a line (# comments, blank lines\n"
"ignored), checked whole before anything is sent; errors name the line;\n"
"if the kernel refuses a line nothing stays added. \"eamt show\" prints\n"
"the same format, so its output can be fed back to \"eamt add -\".\n"
"An instance holds at most max-eam-entries entries (global set; default\n"
"1048576): an add over it is refused, naming the limit.\n";

static const char dcx_help_space[] =
"Usage: dcxlat [-i NAME] space add SPACE id ID [prefix PREFIX] [table T] [vrf DEV]\n"
"       dcxlat [-i NAME] space set SPACE [prefix PREFIX|none] [table T] [vrf DEV|none]  (at least one)\n"
"       dcxlat [-i NAME] space del SPACE\n"
"       dcxlat [-i NAME] space show [SPACE]\n"
"       dcxlat [-i NAME] space bind SPACE dev IFNAME [prefix4 PREFIX4]\n"
"       dcxlat [-i NAME] space unbind SPACE dev IFNAME [prefix4 PREFIX4]\n"
"\n"
"ID: 1 to 65535, unique; it cannot change (delete and add the space).\n"
"PREFIX: the space's RFC 6052 prefix (/32 /40 /48 /56 /64 /96); without it\n"
"the space uses the \"space-base\" setting + ID.\n"
"T: the routing table of translated IPv4 packets; DEV: a VRF device.\n"
"IPv4 from IFNAME (with a destination in PREFIX4, default all) belongs to\n"
"SPACE; the longest PREFIX4 wins. The space \"default\" (ID 0) always exists.\n"
"An instance has at most max-spaces spaces (global set; default 4096).\n"
"A binding or VRF naming a device that does not exist waits for it\n"
"(\"waiting\" in space show; a waiting space's packets are dropped and\n"
"counted as vrf-waiting) and waits again when the device goes.\n"
"Example: dcxlat space add tenant-a id 0x23 && dcxlat space bind tenant-a dev tap0\n";

static const char dcx_help_apply[] =
"Usage: dcxlat [-i NAME] apply [--check] FILE   (FILE \"-\": stdin)\n"
"       dcxlat [-i NAME] show [-j]\n"
"\n"
"\"show\" prints the running configuration of the instance as JSON:\n"
"settings, pool6, the default space's EAM entries and bindings, and every\n"
"other space with its own. \"apply\" reads that format, checks all of it\n"
"first (errors name the field, e.g. spaces[1].eamt[17]), then replaces\n"
"the instance's whole configuration in one step (creating the instance if\n"
"needed): traffic sees the old or the new configuration, never a mix.\n"
"Missing settings take their defaults; missing lists are empty.\n"
"--check: do all of it but abort instead of committing: exit 0 when apply\n"
"would succeed, else its message; nothing changes.\n"
"Example: dcxlat show > cfg.json && dcxlat apply cfg.json\n";

static const char dcx_help_diff[] =
"Usage: dcxlat [-j] [-i NAME] diff FILE     (FILE \"-\": standard input)\n"
"       dcxlat [-j] [-i NAME] show --digest\n"
"\n"
"\"diff\" prints what \"apply FILE\" would change, changing nothing: \"+\"\n"
"added, \"-\" removed, \"~\" changed (settings, pool6, spaces, bindings, EAM\n"
"entries matched by their IPv4 prefix). Exit 0 the same, 1 different,\n"
"2 trouble. \"show --digest\" prints the SHA-256 of the configuration in\n"
"canonical form (lists sorted, no instance name): the same on every host\n"
"that applied the same file, whatever the order of its entries.\n"
"Example: dcxlat diff new.json && echo nothing to do\n";

static const char dcx_help_health[] =
"Usage: dcxlat [-j] [-i NAME] health [--expect FILE] [--traffic SECONDS]\n"
"\n"
"Checks, in order, stopping at the first failure: the module answers, the\n"
"instance exists, its configuration's digest is the one FILE gives\n"
"(--expect), it translates packets within SECONDS (--traffic). Exit 0\n"
"healthy, 1 not, 2 a bad command line or FILE; -j gives every check.\n"
"Example: dcxlat health --expect /etc/dcxlat/default.json\n";

static void dcx_help_global(FILE *out)
{
	fputs("Usage: dcxlat [-i NAME] global show\n"
	      "       dcxlat [-i NAME] global set KEY VALUE [KEY VALUE...]\n"
	      "\n"
	      "Keys:\n", out);
	dcx_settings_help(out);
}

void dcx_help(FILE *out, enum dcx_obj obj)
{
	switch (obj) {
	case DCX_OBJ_EAMT:
		fputs(dcx_help_eamt, out);
		break;
	case DCX_OBJ_SPACE:
		fputs(dcx_help_space, out);
		break;
	case DCX_OBJ_GLOBAL:
		dcx_help_global(out);
		break;
	case DCX_OBJ_APPLY:
	case DCX_OBJ_CONFIG:
		fputs(dcx_help_apply, out);
		break;
	case DCX_OBJ_DIFF:
		fputs(dcx_help_diff, out);
		break;
	case DCX_OBJ_HEALTH:
		fputs(dcx_help_health, out);
		break;
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
	char mod[64] = "";
	FILE *f = fopen(DCXLAT_MODULE_VERSION_FILE, "r");

	fprintf(out, "dcxlat %s, netlink ABI %d (family \"%s\" version %d)\n",
		DCXLAT_CLI_VERSION, DCXLAT_ABI_VERSION, DCXLAT_GENL_NAME,
		DCXLAT_GENL_VERSION);
	if (f) {
		if (!fgets(mod, sizeof(mod), f))
			mod[0] = '\0';
		fclose(f);
		mod[strcspn(mod, "\n")] = '\0';
	}
	fprintf(out, "module %s\n", mod[0] ? mod : "not loaded");
}
