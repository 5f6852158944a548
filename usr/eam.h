/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RFC 7757 EAM entries as the user writes them: "PREFIX4 PREFIX6 [local|
 * remote]" on the command line, in bulk files (one entry a line) and in
 * JSON. "remote" marks an RFC 7756 5.2 entry of an Edge Relay (a remote
 * service, figure 6): the ER ingress filter applies to the local ones
 * only, the default. Pure: parse, validate, check a whole set for
 * overlaps, print.
 */
#ifndef DCXLAT_USR_EAM_H
#define DCXLAT_USR_EAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "prefix.h"

struct dcx_ueam {
	struct dcx_uprefix4 p4;
	struct dcx_uprefix p6;
	unsigned int tag;	/* line number or JSON index, for messages */
	bool remote;		/* not one of the ER's own nodes */
};

struct dcx_eam_vec {
	struct dcx_ueam *v;
	size_t n, cap;
};

/* Both prefixes, equal suffix lengths (32 - len4 == 128 - len6); local. */
int dcx_eam_parse(const char *p4, const char *p6, struct dcx_ueam *e,
		  char *err, size_t errlen);
/* "local" or "remote" (NULL: local) into e->remote. */
int dcx_eam_parse_scope(const char *word, struct dcx_ueam *e, char *err,
			size_t errlen);
/* "PREFIX4 PREFIX6 [local|remote]" (the bulk and JSON form). */
int dcx_eam_parse_str(const char *s, struct dcx_ueam *e, char *err,
		      size_t errlen);

/*
 * One line of a bulk file: blank lines and "#" comments give *empty =
 * true; otherwise "PREFIX4 PREFIX6". line is modified.
 */
int dcx_eam_parse_line(char *line, struct dcx_ueam *e, bool *empty,
		       char *err, size_t errlen);

/*
 * The fast path of dcx_eam_parse_line() for a line (or string) that holds
 * an entry in the usual form: true with *e filled, else false and the
 * slow parser decides (it accepts whatever this accepts, with the same
 * result). s is not modified.
 */
bool dcx_eam_scan(const char *s, struct dcx_ueam *e);

/*
 * Read a bulk file to the end into vec; tags are line numbers; errors
 * read "NAME:LINE: ...". Returns 0 or -1.
 */
int dcx_eam_read(FILE *f, const char *name, struct dcx_eam_vec *vec,
		 char *err, size_t errlen);

int dcx_eam_vec_push(struct dcx_eam_vec *vec, const struct dcx_ueam *e);
void dcx_eam_vec_free(struct dcx_eam_vec *vec);

/*
 * Overlaps inside one set: IPv4 prefixes (v4 = true) or IPv6 prefixes.
 * label(tag, buf) names an entry ("line 12", "eamt[3]"). Returns 0, or -1
 * with "LABEL: A overlaps B (LABEL2)" in err.
 */
typedef const char *(*dcx_eam_label_fn)(unsigned int tag, const void *ctx,
					char *buf, size_t len);
int dcx_eam_check_overlaps(const struct dcx_ueam *v, size_t n, bool v4,
			   dcx_eam_label_fn label, const void *ctx,
			   char *err, size_t errlen);

/* "192.0.2.0/24 2001:db8::/120", " remote" added for a remote entry */
char *dcx_eam_str(const struct dcx_ueam *e, char *buf, size_t len);
#define DCX_EAM_STRLEN (DCX_PREFIX4_STRLEN + DCX_PREFIX_STRLEN + 9)

#endif /* DCXLAT_USR_EAM_H */
