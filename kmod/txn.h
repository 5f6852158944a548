/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TEMPORARY compatibility header (issue 10): txn.c was folded into
 * instance.c (transactions are declared in instance.h) and instances are
 * added and deleted by netns.c. Only netlink.c and nl_txn.c include this;
 * delete it when they include instance.h and netns.h instead and call
 * dcx_netns_instance_add()/dcx_netns_instance_del().
 */
#ifndef DCX_TXN_H
#define DCX_TXN_H

#include "instance.h"
#include "netns.h"

#define dcx_instance_add dcx_netns_instance_add
#define dcx_instance_del dcx_netns_instance_del

#endif /* DCX_TXN_H */
