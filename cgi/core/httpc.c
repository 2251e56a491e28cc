/*
 * httpc.c: see httpc.h.  Numeric hosts and names alike go through
 * getaddrinfo(); every socket call has the same timeout.
 */
#include <sys/socket.h>
#include <sys/time.h>

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "httpc.h"

#define BODY_MAX	4096

void
httpc_escape(char *b, size_t n, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 len = strlen(b);
	unsigned char	 ch;

	for (; *s != '\0' && len + 4 < n; s++) {
		ch = (unsigned char)*s;
		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || strchr("-_.~", ch) != NULL)
			b[len++] = (char)ch;
		else {
			b[len++] = '%';
			b[len++] = hex[ch >> 4];
			b[len++] = hex[ch & 15];
		}
	}
	b[len] = '\0';
}

/* Split "http://host[:port]/path" into its parts; -1 if it is not. */
static int
split(const char *url, char *host, size_t hn, char *port, size_t pn,
    const char **path)
{
	const char	*h, *e, *c;
	size_t		 l;

	if (strncmp(url, "http://", 7) != 0)
		return -1;
	h = url + 7;
	if ((e = strchr(h, '/')) == NULL)
		return -1;
	*path = e;
	c = memchr(h, ':', (size_t)(e - h));
	l = (size_t)((c != NULL ? c : e) - h);
	if (l == 0 || l >= hn)
		return -1;
	memcpy(host, h, l);
	host[l] = '\0';
	if (c == NULL)
		snprintf(port, pn, "80");
	else {
		l = (size_t)(e - c - 1);
		if (l == 0 || l >= pn)
			return -1;
		memcpy(port, c + 1, l);
		port[l] = '\0';
	}
	return 0;
}

int
httpc_get(struct pool *pool, const char *url, int timeout, char **body,
    const char **why)
{
	struct addrinfo	 hints, *res = NULL, *ai;
	struct timeval	 tv;
	char		 host[256], port[8], *buf, *req, *p;
	const char	*path;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd = -1, status;

	*body = NULL;
	if (split(url, host, sizeof(host), port, sizeof(port), &path) == -1) {
		*why = "短信网关地址不是 http://主机:端口/路径";
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res) != 0) {
		*why = "短信网关的主机名无法解析";
		return -1;
	}
	tv.tv_sec = timeout;
	tv.tv_usec = 0;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol)) == -1)
			continue;
		(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1) {
		*why = "连不上短信网关";
		return -1;
	}
	req = pool_printf(pool, "GET %s HTTP/1.0\r\nHost: %s:%s\r\n"
	    "Connection: close\r\n\r\n", path, host, port);
	for (p = req; *p != '\0'; p += n)
		if ((n = send(fd, p, strlen(p), MSG_NOSIGNAL)) <= 0) {
			close(fd);
			*why = "向短信网关发送请求失败";
			return -1;
		}
	buf = pool_alloc(pool, BODY_MAX + 1);
	while (got < BODY_MAX &&
	    (n = recv(fd, buf + got, BODY_MAX - got, 0)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = '\0';
	if (sscanf(buf, "HTTP/%*d.%*d %d", &status) != 1) {
		*why = "短信网关的回答无法识别";
		return -1;
	}
	*body = (p = strstr(buf, "\r\n\r\n")) != NULL ? p + 4 : buf + got;
	return status;
}
