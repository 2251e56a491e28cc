/*
 * scan.h: malware scanning by ClamAV's daemon, clamd, over its unix
 * socket (the INSTREAM command: the bytes go over the socket, so clamd
 * needs no access to our files).  Each site talks to its own clamd.
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
/* PING: SCAN_CLEAN when clamd answers PONG, else SCAN_UNAVAILABLE. */
enum scan_rc	 scan_ping(const char *socket_path, int timeout);

#endif
