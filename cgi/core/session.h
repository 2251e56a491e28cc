/*
 * session.h: who is making the request (SEC-1).  A session is a random
 * 256-bit token in an HttpOnly cookie (SameSite=Lax on the extranet, so
 * a link from an SMS opens the page logged in; Strict on the intranet;
 * every POST still needs the CSRF token); the database keeps
 * only its SHA-256.  Anonymous visitors get a pre-session cookie whose
 * value is the CSRF token of their forms (login, register, query).
 */
#ifndef YW_SESSION_H
#define YW_SESSION_H

#include "request.h"

/* Load the session or pre-session of the request; sets r->user, r->csrf. */
void	 session_begin(struct req *);
/* What session_begin() does for a visitor who sent no cookie: a fresh
 * form token, and its cookie. */
void	 session_anon(struct req *);
/*
 * Whether a Cookie header h (NULL: none sent) holds nothing but this
 * site's form-token cookie (a token of ours, then *pre points at its 64
 * digits, not ended) and the large-text cookie set to "big" (*big), each
 * at most once, as "a=b; c=d": what session_begin() and view_big() would
 * read of it is then known without the CGI kit (ext_cache.c).  0 for
 * anything else.
 */
int	 session_cookies_plain(const struct config *, const char *h,
	    const char **pre, int *big);
/* 1 when the request carries a session cookie, good or not. */
int	 session_sent(const struct req *);
/* Start a new session for user (a new token, never the old one). */
int	 session_login(struct req *, const struct user *);
void	 session_logout(struct req *);

/* A new random token as 64 hex digits, and the hash that is stored (-1
 * when it cannot be made: no memory). */
void	 session_token(char out[65]);
int	 session_hash(const char *token, char out[65]);

#endif
