/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CLI's release, printed by "dcxlat version" (help.c). Its only home is
 * the top-level VERSION file, passed as -DDCXLAT_VERSION by usr/Makefile
 * (and tests/unit/Makefile); the module gets the same (Kbuild).
 */
#ifndef DCXLAT_USR_VERSION_H
#define DCXLAT_USR_VERSION_H

#ifndef DCXLAT_VERSION
#error "DCXLAT_VERSION is the VERSION file, passed by the Makefile"
#endif
#define DCXLAT_CLI_VERSION DCXLAT_VERSION
/* Where the loaded module shows its MODULE_VERSION. */
#define DCXLAT_MODULE_VERSION_FILE "/sys/module/dcxlat/version"

#endif /* DCXLAT_USR_VERSION_H */
