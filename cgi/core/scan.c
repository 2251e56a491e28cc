/*
 * scan.c: the clamd client of scan.h.  Commands are sent in clamd's
 * NUL-terminated form ("zINSTREAM\0"); INSTREAM data goes in chunks, each
 * behind its length as a 4-byte big-endian number, and ends with a zero
 * length.  The reply is one line: "stream: OK", "stream: NAME FOUND" or
 * "… ERROR".
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"

#define CHUNK	(64 * 1024)

static void
say(char *out, size_t outlen, const char *what)
{
	if (out != NULL && outlen > 0)
		snprintf(out, outlen, "%s", what);
}

/* A connected socket with timeouts set, or -1 (reason in err). */
static int
dial(const char *path, int timeout, char *err, size_t errlen)
{
	struct sockaddr_un	 sun;
	struct timeval		 tv;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (path == NULL || *path == '\0' ||
	    strlen(path) >= sizeof(sun.sun_path)) {
		say(err, errlen, "clamd_socket is not set or too long");
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		say(err, errlen, strerror(errno));
		return -1;
	}
	tv.tv_sec = timeout > 0 ? timeout : 30;
	tv.tv_usec = 0;
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "connect %s: %s", path,
			    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Not crypto_write_all(): write() to a closed socket raises SIGPIPE. */
static int
send_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		/* MSG_NOSIGNAL: a clamd that hung up must not kill us. */
		if ((n = send(fd, p, len, MSG_NOSIGNAL)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read the NUL- or newline-terminated reply into buf.  0 or -1. */
static int
reply(int fd, char *buf, size_t len)
{
	size_t	 got = 0;
	ssize_t	 n;

	while (got + 1 < len) {
		if ((n = recv(fd, buf + got, len - 1 - got, 0)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (memchr(buf, '\0', got) != NULL ||
		    memchr(buf, '\n', got) != NULL)
			break;
	}
	buf[got] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return got > 0 ? 0 : -1;
}

enum scan_rc
scan_buffer(const char *path, int timeout, const void *buf, size_t len,
    char *name, size_t namelen)
{
	const unsigned char	*p = buf;
	char			 line[512], *s, *e;
	uint32_t		 n;
	size_t			 k;
	int			 fd;

	say(name, namelen, "");
	if ((fd = dial(path, timeout, name, namelen)) == -1)
		return SCAN_UNAVAILABLE;
	if (send_all(fd, "zINSTREAM", sizeof("zINSTREAM")) == -1)
		goto gone;
	for (k = 0; k < len; k += CHUNK) {
		n = htonl((uint32_t)(len - k < CHUNK ? len - k : CHUNK));
		if (send_all(fd, &n, sizeof(n)) == -1 ||
		    send_all(fd, p + k, ntohl(n)) == -1)
			goto gone;
	}
	n = 0;
	if (send_all(fd, &n, sizeof(n)) == -1 ||
	    reply(fd, line, sizeof(line)) == -1)
		goto gone;
	close(fd);
	/* "stream: OK", "stream: Eicar-Signature FOUND", "… ERROR" */
	s = strncmp(line, "stream: ", 8) == 0 ? line + 8 : line;
	e = s + strlen(s);
	if (strcmp(s, "OK") == 0)
		return SCAN_CLEAN;
	if (e - s > 6 && strcmp(e - 6, " FOUND") == 0) {
		if (name != NULL && namelen > 0)
			snprintf(name, namelen, "%.*s", (int)(e - s - 6), s);
		return SCAN_FOUND;
	}
	say(name, namelen, line);
	return SCAN_UNAVAILABLE;
gone:
	if (name != NULL && namelen > 0)
		snprintf(name, namelen, "clamd stopped answering: %s",
		    strerror(errno));
	close(fd);
	return SCAN_UNAVAILABLE;
}

enum scan_rc
scan_ping(const char *path, int timeout)
{
	char	 line[64];
	int	 fd, ok;

	if ((fd = dial(path, timeout, NULL, 0)) == -1)
		return SCAN_UNAVAILABLE;
	ok = send_all(fd, "zPING", sizeof("zPING")) == 0 &&
	    reply(fd, line, sizeof(line)) == 0 && strcmp(line, "PONG") == 0;
	close(fd);
	return ok ? SCAN_CLEAN : SCAN_UNAVAILABLE;
}
