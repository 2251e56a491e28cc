/*
 * test_scan.c: the clamd client (cgi/core/scan.c; SEC-4, GAP-3, issue #9)
 * against a stand-in clamd on a unix socket: FILDES hands clamd the open
 * file, which it reads from its first byte whatever our offset; a clamd
 * that refuses FILDES gets the bytes by INSTREAM instead, with the same
 * verdict; SCAN_INSTREAM never tries FILDES; no clamd is never clean.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "scan.h"

static char	 dir[] = "/tmp/test_scan.XXXXXX";
static char	 sock[100], said[100];

/* Read exactly len bytes, or -1. */
static int
take(int fd, void *buf, size_t len)
{
	char	*p = buf;
	ssize_t	 n;

	while (len > 0) {
		if ((n = read(fd, p, len)) <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The verdict of the stand-in: "BAD" anywhere is a signature. */
static const char *
verdict_of(const char *buf)
{
	return strstr(buf, "BAD") != NULL ? "Test.Sig FOUND" : "OK";
}

/* One connection: the command, then the file by FILDES or INSTREAM; each
 * command taken is appended to said. */
static void
serve(int c, int fildes)
{
	char		 cmd[16], buf[4096], line[64];
	struct msghdr	 msg;
	struct cmsghdr	*cm;
	struct iovec	 iov;
	union {
		char		b[CMSG_SPACE(sizeof(int))];
		struct cmsghdr	align;
	}		 ctl;
	uint32_t	 n;
	size_t		 got = 0;
	ssize_t		 r;
	FILE		*log;
	char		 dummy;
	int		 fd, i;

	for (i = 0; i < (int)sizeof(cmd); i++)
		if (take(c, &cmd[i], 1) == -1 || cmd[i] == '\0')
			break;
	if ((log = fopen(said, "a")) != NULL) {
		fprintf(log, "%s ", cmd + 1);
		fclose(log);
	}
	memset(buf, 0, sizeof(buf));
	if (strcmp(cmd, "zFILDES") == 0 && !fildes) {
		/* As a clamd that does not know it answers. */
		(void)write(c, "UNKNOWN COMMAND", 16);
		return;
	}
	if (strcmp(cmd, "zFILDES") == 0) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = &dummy;
		iov.iov_len = 1;
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = ctl.b;
		msg.msg_controllen = sizeof(ctl.b);
		if (recvmsg(c, &msg, 0) != 1 ||
		    (cm = CMSG_FIRSTHDR(&msg)) == NULL ||
		    cm->cmsg_type != SCM_RIGHTS)
			return;
		memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
		/* clamd reads the file from its first byte. */
		r = pread(fd, buf, sizeof(buf) - 1, 0);
		close(fd);
		if (r < 0)
			return;
		snprintf(line, sizeof(line), "fd[%d]: %s", fd, verdict_of(buf));
	} else if (strcmp(cmd, "zINSTREAM") == 0) {
		for (;;) {
			if (take(c, &n, sizeof(n)) == -1)
				return;
			if ((n = ntohl(n)) == 0)
				break;
			if (got + n >= sizeof(buf) ||
			    take(c, buf + got, n) == -1)
				return;
			got += n;
		}
		snprintf(line, sizeof(line), "stream: %s", verdict_of(buf));
	} else
		return;
	(void)write(c, line, strlen(line) + 1);
}

/* A stand-in clamd answering up to 8 connections; its pid. */
static pid_t
clamd(int fildes)
{
	struct sockaddr_un	 sun;
	pid_t			 pid;
	int			 s, c, i;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", sock);
	unlink(sock);
	assert_int_not_equal(s = socket(AF_UNIX, SOCK_STREAM, 0), -1);
	assert_int_equal(bind(s, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(listen(s, 8), 0);
	if ((pid = fork()) == 0) {
		for (i = 0; i < 8; i++) {
			if ((c = accept(s, NULL, NULL)) == -1)
				break;
			serve(c, fildes);
			close(c);
		}
		_exit(0);
	}
	close(s);
	assert_int_not_equal(pid, -1);
	unlink(said);
	return pid;
}

static void
clamd_stop(pid_t pid)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

/* What the stand-in was asked, in order. */
static const char *
asked(void)
{
	static char	 buf[256];
	FILE		*f;
	size_t		 n = 0;

	if ((f = fopen(said, "r")) != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* A file holding s, open for reading, its offset at the end. */
static int
file_of(const char *s)
{
	char	 path[160];
	int	 fd;

	snprintf(path, sizeof(path), "%s/f", dir);
	assert_int_not_equal(fd = open(path, O_RDWR | O_CREAT | O_TRUNC,
	    0600), -1);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	unlink(path);
	return fd;
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(sock, sizeof(sock), "%s/clamd.sock", dir);
	snprintf(said, sizeof(said), "%s/said", dir);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(sock);
	unlink(said);
	rmdir(dir);
	return 0;
}

static void
fildes_hands_clamd_the_file(void **state)
{
	char	 name[64];
	pid_t	 pid = clamd(1);
	int	 fd;

	(void)state;
	fd = file_of("%PDF-1.4 clean\n");
	assert_int_equal(scan_fd(sock, 5, fd, SCAN_LOCAL, name, sizeof(name)),
	    SCAN_CLEAN);
	close(fd);
	fd = file_of("%PDF-1.4 with BAD bytes\n");
	assert_int_equal(scan_fd(sock, 5, fd, SCAN_LOCAL, name, sizeof(name)),
	    SCAN_FOUND);
	assert_string_equal(name, "Test.Sig");
	close(fd);
	assert_string_equal(asked(), "FILDES FILDES ");
	clamd_stop(pid);
}

static void
instream_when_fildes_is_refused(void **state)
{
	char	 name[64];
	pid_t	 pid = clamd(0);
	int	 fd;

	(void)state;
	fd = file_of("%PDF-1.4 with BAD bytes\n");
	assert_int_equal(scan_fd(sock, 5, fd, SCAN_LOCAL, name, sizeof(name)),
	    SCAN_FOUND);
	assert_string_equal(name, "Test.Sig");
	close(fd);
	fd = file_of("%PDF-1.4 clean\n");
	assert_int_equal(scan_fd(sock, 5, fd, SCAN_LOCAL, name, sizeof(name)),
	    SCAN_CLEAN);
	close(fd);
	assert_string_equal(asked(), "FILDES INSTREAM FILDES INSTREAM ");
	clamd_stop(pid);
}

static void
instream_only_never_tries_fildes(void **state)
{
	char	 name[64];
	pid_t	 pid = clamd(1);
	int	 fd;

	(void)state;
	fd = file_of("%PDF-1.4 with BAD bytes\n");
	assert_int_equal(scan_fd(sock, 5, fd, SCAN_INSTREAM, name,
	    sizeof(name)), SCAN_FOUND);
	close(fd);
	assert_int_equal(scan_buffer(sock, 5, "clean", 5, name, sizeof(name)),
	    SCAN_CLEAN);
	assert_string_equal(asked(), "INSTREAM INSTREAM ");
	clamd_stop(pid);
}

static void
no_clamd_is_never_clean(void **state)
{
	char	 name[128];
	int	 fd;

	(void)state;
	unlink(sock);
	fd = file_of("%PDF-1.4 clean\n");
	assert_int_equal(scan_fd(sock, 5, fd, SCAN_LOCAL, name, sizeof(name)),
	    SCAN_UNAVAILABLE);
	assert_non_null(strstr(name, "connect"));
	assert_int_equal(scan_fd(sock, 5, fd, SCAN_INSTREAM, name,
	    sizeof(name)), SCAN_UNAVAILABLE);
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fildes_hands_clamd_the_file),
		cmocka_unit_test(instream_when_fildes_is_refused),
		cmocka_unit_test(instream_only_never_tries_fildes),
		cmocka_unit_test(no_clamd_is_never_clean),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
