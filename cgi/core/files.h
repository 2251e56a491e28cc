/*
 * files.h: the content-addressed attachment store, files/ab/cd/<sha256>,
 * and the check of a file's type by its content (libmagic), never by its
 * name.  A file is written to a temporary name, synced and renamed before
 * any row that names it commits.
 */
#ifndef YW_FILES_H
#define YW_FILES_H

#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* Make the store and its tmp/ if missing.  0, or -1 (logged). */
int		 files_init(const char *dir);
/* The MIME type libmagic finds in the first bytes of fp (rewound after),
 * e.g. "application/pdf"; NULL when it cannot tell. */
const char	*files_mime(FILE *fp, struct pool *);
/* Copy fp into the store under dir; sets sha (65 bytes).  0 or -1. */
int		 files_store(const char *dir, FILE *fp, char sha[65]);
/* Move a verified file (named by its sha256) into the store.  0 or -1. */
int		 files_adopt(const char *dir, const char *path, const char *sha);
/* 1 when sha is 64 lower-case hex digits and nothing else. */
int		 files_sha_valid(const char *sha);
/* Where the file with this hash lives; NULL (logged) when sha is not
 * the shape of a SHA-256, so no row can name a path outside the store. */
char		*files_path(const char *dir, const char *sha, struct pool *);

/* What a file must be before the store takes it. */
struct files_rule {
	const char *const *types;	/* MIME types allowed, by content */
	int64_t		 size;		/* the size announced, or -1 */
	uint64_t	 max;		/* the largest allowed */
};
/* The types an attachment or a blank form may have. */
extern const char *const files_pdf[];

enum files_vet {
	FILES_OK = 0,
	FILES_UNREADABLE,
	FILES_EMPTY,
	FILES_TOO_BIG,
	FILES_SIZE,		/* not the size announced */
	FILES_TYPE,		/* its content is of another type */
};
/*
 * The one vetting of a file before it is adopted into the store (GAP-3,
 * SEC-4): a regular file, not empty, within rule->max, of the size
 * announced, and of a type in rule->types judged by its content
 * (libmagic).  Sets *mime to the type found (or NULL).  Every later check
 * of content (active content in PDFs, malware scanning) belongs here.
 */
enum files_vet	 files_vet(FILE *fp, const struct files_rule *rule,
		    struct pool *, const char **mime);
/* What is wrong, in Chinese, for a message. */
const char	*files_vet_why(enum files_vet);

#endif
