/*
 * log.h: messages for the operator, on standard error (spawn-fcgi sends
 * it to the site's log file).  Users never see these.
 */
#ifndef YW_LOG_H
#define YW_LOG_H

void	log_set_prog(const char *);
void	log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
