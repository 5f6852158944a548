/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DCXLAT_USR_VERSION_H
#define DCXLAT_USR_VERSION_H

#define DCXLAT_CLI_VERSION "0.1.0"

#endif /* DCXLAT_USR_VERSION_H */
