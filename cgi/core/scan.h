/*
 * scan.h: malware scanning by ClamAV's daemon, clamd, over its unix
 * socket: FILDES (clamd is handed the open file, read-only, and reads it
 * where it lies) or INSTREAM (the bytes go over the socket).  Either way
 * clamd opens no file of ours by its path.  Each site talks to its own
 * clamd, on the same machine.
 */
#ifndef YW_SCAN_H
#define YW_SCAN_H

#include <stddef.h>

enum scan_rc {
	SCAN_CLEAN = 0,
	SCAN_FOUND,		/* clamd named a signature */
	SCAN_UNAVAILABLE,	/* no answer, a timeout, or a clamd error */
};

/*
 * Scan len bytes at buf with the clamd listening at socket_path, waiting
 * at most timeout seconds for each read or write.  On SCAN_FOUND, name
 * gets the signature's name; on SCAN_UNAVAILABLE, the reason (both for
 * logs).  Never SIGPIPE: a clamd that goes away is SCAN_UNAVAILABLE.
 */
enum scan_rc	 scan_buffer(const char *socket_path, int timeout,
		    const void *buf, size_t len, char *name, size_t namelen);
enum scan_how {
	SCAN_LOCAL = 0,		/* FILDES; INSTREAM when clamd refuses it */
	SCAN_INSTREAM,		/* the bytes through the socket only */
};
/*
 * Scan the regular file open (for reading) at fd, from its first byte,
 * as scan_buffer() does; fd is neither closed nor read from its offset.
 */
enum scan_rc	 scan_fd(const char *socket_path, int timeout, int fd,
		    enum scan_how, char *name, size_t namelen);
/* PING: SCAN_CLEAN when clamd answers PONG, else SCAN_UNAVAILABLE. */
enum scan_rc	 scan_ping(const char *socket_path, int timeout);

#endif
