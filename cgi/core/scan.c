/*
 * scan.c: the clamd client of scan.h.  Commands are sent in clamd's
 * NUL-terminated form ("zINSTREAM\0"); INSTREAM data goes in chunks, each
 * behind its length as a 4-byte big-endian number, and ends with a zero
 * length.  FILDES is followed by one byte carrying the open descriptor in
 * its ancillary data (SCM_RIGHTS).  The reply is one line: "stream: OK",
 * "fd[7]: NAME FOUND" or "… ERROR".
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
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

/*
 * The verdict in clamd's reply line ("stream: OK", "fd[7]: Eicar FOUND",
 * "… ERROR"): the signature's name into name on SCAN_FOUND, the line on
 * SCAN_UNAVAILABLE.
 */
static enum scan_rc
verdict(const char *line, char *name, size_t namelen)
{
	const char	*s, *e;

	s = (s = strstr(line, ": ")) != NULL ? s + 2 : line;
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
}

/* The reply on fd, closed after; what went wrong into name. */
static enum scan_rc
answer(int fd, char *name, size_t namelen)
{
	char	 line[512];

	if (reply(fd, line, sizeof(line)) == -1) {
		if (name != NULL && namelen > 0)
			snprintf(name, namelen, "clamd stopped answering: %s",
			    strerror(errno));
		close(fd);
		return SCAN_UNAVAILABLE;
	}
	close(fd);
	return verdict(line, name, namelen);
}

/* Send one chunk of INSTREAM data (len 0 ends the stream).  0 or -1. */
static int
chunk(int fd, const void *buf, size_t len)
{
	uint32_t	 n = htonl((uint32_t)len);

	if (send_all(fd, &n, sizeof(n)) == -1)
		return -1;
	return len > 0 ? send_all(fd, buf, len) : 0;
}

static enum scan_rc
gone(int fd, char *name, size_t namelen)
{
	if (name != NULL && namelen > 0)
		snprintf(name, namelen, "clamd stopped answering: %s",
		    strerror(errno));
	close(fd);
	return SCAN_UNAVAILABLE;
}

enum scan_rc
scan_buffer(const char *path, int timeout, const void *buf, size_t len,
    char *name, size_t namelen)
{
	const unsigned char	*p = buf;
	size_t			 k, n;
	int			 fd;

	say(name, namelen, "");
	if ((fd = dial(path, timeout, name, namelen)) == -1)
		return SCAN_UNAVAILABLE;
	if (send_all(fd, "zINSTREAM", sizeof("zINSTREAM")) == -1)
		return gone(fd, name, namelen);
	for (k = 0; k < len; k += n) {
		n = len - k < CHUNK ? len - k : CHUNK;
		if (chunk(fd, p + k, n) == -1)
			return gone(fd, name, namelen);
	}
	if (chunk(fd, NULL, 0) == -1)
		return gone(fd, name, namelen);
	return answer(fd, name, namelen);
}

/* INSTREAM of the file open at file, from its first byte. */
static enum scan_rc
instream_fd(const char *path, int timeout, int file, char *name,
    size_t namelen)
{
	char		 buf[CHUNK];
	off_t		 at = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = dial(path, timeout, name, namelen)) == -1)
		return SCAN_UNAVAILABLE;
	if (send_all(fd, "zINSTREAM", sizeof("zINSTREAM")) == -1)
		return gone(fd, name, namelen);
	for (;;) {
		if ((n = pread(file, buf, sizeof(buf), at)) == -1) {
			if (errno == EINTR)
				continue;
			if (name != NULL && namelen > 0)
				snprintf(name, namelen, "reading the file: %s",
				    strerror(errno));
			close(fd);
			return SCAN_UNAVAILABLE;
		}
		if (chunk(fd, buf, (size_t)n) == -1)
			return gone(fd, name, namelen);
		if (n == 0)
			break;
		at += n;
	}
	return answer(fd, name, namelen);
}

/*
 * FILDES: clamd gets the descriptor itself (read-only, this one file) and
 * reads the file where it lies, instead of our copying every byte through
 * the socket and clamd spooling them to its own temporary file.
 */
static enum scan_rc
fildes(const char *path, int timeout, int file, int *reached, char *name,
    size_t namelen)
{
	struct msghdr	 msg;
	struct cmsghdr	*cm;
	struct iovec	 iov;
	union {
		char		buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr	align;
	}		 ctl;
	char		 dummy = '\0';
	ssize_t		 n;
	int		 fd;

	if ((fd = dial(path, timeout, name, namelen)) == -1)
		return SCAN_UNAVAILABLE;
	*reached = 1;
	if (send_all(fd, "zFILDES", sizeof("zFILDES")) == -1)
		return gone(fd, name, namelen);
	memset(&msg, 0, sizeof(msg));
	memset(&ctl, 0, sizeof(ctl));
	iov.iov_base = &dummy;
	iov.iov_len = 1;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &file, sizeof(int));
	while ((n = sendmsg(fd, &msg, MSG_NOSIGNAL)) == -1 && errno == EINTR)
		;
	if (n != 1)
		return gone(fd, name, namelen);
	return answer(fd, name, namelen);
}

enum scan_rc
scan_fd(const char *path, int timeout, int file, enum scan_how how,
    char *name, size_t namelen)
{
	enum scan_rc	 rc;
	char		 why[256];
	int		 reached = 0;

	say(name, namelen, "");
	if (how == SCAN_INSTREAM)
		return instream_fd(path, timeout, file, name, namelen);
	why[0] = '\0';
	if ((rc = fildes(path, timeout, file, &reached, why, sizeof(why))) !=
	    SCAN_UNAVAILABLE || !reached) {
		say(name, namelen, why);
		return rc;
	}
	/* A clamd that does not take FILDES (one built without it, or one
	 * that cannot read what it is handed): the bytes, as before. */
	log_info("clamd: FILDES not taken (%s), sending the bytes", why);
	return instream_fd(path, timeout, file, name, namelen);
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
