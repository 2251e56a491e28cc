/*
 * files.h: the content-addressed attachment store, files/ab/cd/<sha256>,
 * and the check of a file's type by its content (libmagic), never by its
 * name.  A file is written to a temporary name, synced and renamed before
 * any row that names it commits.
 */
#ifndef YW_FILES_H
#define YW_FILES_H

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
/* Where the file with this hash lives. */
char		*files_path(const char *dir, const char *sha, struct pool *);

#endif
