/*
 * files.h: the content-addressed attachment store, files/ab/cd/<sha256>;
 * the vetting every file passes before it enters (type by content, PDF
 * structure, malware), never by its name; claims that keep a submission's
 * files until its rows commit; and the sweep of files no row names.  A
 * file is written to a temporary name, synced and linked into place
 * (never over a file there) before any row that names it commits.
 */
#ifndef YW_FILES_H
#define YW_FILES_H

#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* Make the store and its tmp/ if missing.  0, or -1 (logged). */
int		 files_init(const char *dir);
/* 1 when sha is 64 lower-case hex digits and nothing else. */
int		 files_sha_valid(const char *sha);
/* Where the file with this hash lives; NULL (logged) when sha is not
 * the shape of a SHA-256, so no row can name a path outside the store. */
char		*files_path(const char *dir, const char *sha, struct pool *);

/* What a file must be before the store takes it. */
struct files_rule {
	const char *const *types;	/* MIME types allowed, by content
					   (files_judge(): NULL, any) */
	int64_t		 size;		/* the size announced, or -1 */
	uint64_t	 max;		/* the largest allowed */
	const char	*scanner;	/* clamd's socket (cfg->clamd_socket) */
	int		 scan_timeout;	/* seconds */
};
/* The types a blank form may have. */
extern const char *const files_pdf[];
/* The types an applicant's material may have: a PDF, or a photo of the
 * paper (JPEG, PNG; imgcheck.h), stored as received (EXT-1). */
extern const char *const files_material[];

enum files_vet {
	FILES_OK = 0,
	FILES_UNREADABLE,
	FILES_EMPTY,
	FILES_TOO_BIG,
	FILES_SIZE,		/* not the size announced */
	FILES_TYPE,		/* its content is of another type */
	FILES_DAMAGED,		/* a PDF that is not well-formed, or an HTML
				   polyglot (pdfcheck.h) */
	FILES_ENCRYPTED,	/* needs a password to open */
	FILES_SCRIPT,		/* JavaScript */
	FILES_ACTION,		/* actions run on opening or viewing */
	FILES_LAUNCH,		/* starts programs, opens other files */
	FILES_EMBEDDED,		/* carries other files */
	FILES_MEDIA,		/* RichMedia, 3D, sound, movie */
	FILES_FORM,		/* XFA, or submits or imports data */
	FILES_IMAGE,		/* a photo whose header does not read */
	FILES_IMAGE_SIZE,	/* a photo too small to read, or huge */
	FILES_VIRUS,		/* clamd found a signature */
	FILES_UNSCANNED,	/* clamd unreachable: refuse, try later */
};
/*
 * The one vetting of a file before it enters a store, uploaded on the
 * extranet or adopted from a bundle on either site (SEC-4, GAP-3): a
 * regular file, not empty, within rule->max, of the size announced, of a
 * type in rule->types judged by its content (libmagic); a PDF also
 * well-formed and without active content (pdfcheck.h); then scanned by
 * the clamd at rule->scanner.  Fails closed: no scanner, or one that does
 * not answer, is FILES_UNSCANNED, never FILES_OK.  Sets *mime to the type
 * found (or NULL) and *detail to what the log should say (the signature's
 * name for FILES_VIRUS), both in pool, each unless its pointer is NULL;
 * fp is rewound.
 */
enum files_vet	 files_vet(FILE *fp, const struct files_rule *rule,
		    struct pool *, const char **mime, const char **detail);
/*
 * files_vet() in two halves, for files judged before it is known what
 * they must be (an imported bundle's, as they are staged): files_judge()
 * judges fp's content under rule into j, where rule->types NULL allows
 * any type and rule->size -1 any size; files_judged_vet() is then the
 * verdict of files_vet() under the rule that applies, the same as
 * files_vet() would give.  held: the same bytes are in this site's store
 * already, judged when they were stored (files_held()): only their size
 * and type are looked at.  Nothing is logged.
 */
struct files_judged {
	enum files_vet	 vet;		/* FILES_OK, or what is wrong */
	int64_t		 size;		/* -1: not a readable file */
	char		 mime[96];	/* libmagic's type, or "" */
	char		 detail[256];	/* for the log, or "" */
};
void		 files_judge(FILE *fp, const struct files_rule *rule,
		    int held, struct files_judged *j);
enum files_vet	 files_judged_vet(const struct files_judged *j,
		    const struct files_rule *rule);
/* Whether this site's store (dir) holds the file of content sha. */
int		 files_held(const char *dir, const char *sha);
/* What is wrong, in Chinese, for a message ("含有脚本（JavaScript）"). */
const char	*files_vet_why(enum files_vet);

/*
 * Storing for a submission, an import or an item's forms: the only ways
 * into the store.  files_put() stores fp (synced, and linked in, never
 * over another file) and holds it with a claim, a second link under tmp/
 * (its temporary name, or claim-… when the store had the file already),
 * so that no sweep and no other request's clean-up removes it before the
 * row that names it has committed; an upload received into an unnamed
 * file of tmp/ (multipart.c) is named there, not copied.  files_adopt()
 * does the same with a file an import staged at path, synced and
 * verified to hash to sha, on the store's file system: moved under tmp/,
 * then entered as an upload is (when the store has it already, the
 * staged copy is dropped).  Then
 * either files_release() (the row committed: drop the claim) or
 * files_discard() (it did not: drop the claim, and remove the file if
 * this put added it, nobody else claims it and no row names it; named()
 * answers 1 named, 0 not, -1 cannot tell, which keeps it).  Each returns
 * 0, or -1 (logged; nothing of it is left in the store or claimed).
 */
struct files_put {
	char		 sha256[65];
	char		*claim;		/* tmp/up-… or tmp/claim-…, pool */
	int		 created;	/* this request added it to the store */
};
typedef int	(*files_named_fn)(void *arg, const char *sha);

int		 files_put(const char *dir, FILE *fp, struct files_put *,
		    struct pool *);
int		 files_adopt(const char *dir, const char *path,
		    const char *sha, struct files_put *, struct pool *);
void		 files_release(struct files_put *);
void		 files_discard(const char *dir, struct files_put *,
		    files_named_fn named, void *arg, struct pool *);
/* The puts[0..n) of one submission, once its rows committed (released)
 * or did not (discarded). */
void		 files_settle(const char *dir, struct files_put *puts,
		    size_t n, int committed, files_named_fn named, void *arg,
		    struct pool *);

/*
 * The orphan sweep (yiwang-admin files-sweep): remove the store's files
 * older than grace seconds that nothing claims and no row names, and the
 * entries of tmp/ older than grace (a request or an import killed with
 * SIGKILL leaves them).  Counts what it removed.  0, or -1 when it had
 * to stop (named() failed; logged).
 */
struct files_swept {
	size_t		 files, tmp;
	unsigned long long bytes;
};
int		 files_sweep(const char *dir, long grace, files_named_fn named,
		    void *arg, struct files_swept *);

/* Remove a file, or a directory and the files in it (an import's
 * stage; one holding a directory stays).  0 or -1. */
int		 files_remove(const char *path);
/* fsync the directory path (isdir), or the one holding the file path,
 * so that a rename or link into it survives a crash.  0 or -1. */
int		 files_sync_dir(const char *path, int isdir);

#endif
