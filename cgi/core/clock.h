/*
 * clock.h: the one "now" of every rule that depends on time (TIME-2,
 * DESIGN "The clock"): deadlines, lights, deemed acceptance, fees, and
 * the times the database writes (db_clock() gives the session the same
 * instant).  It is the system's time unless a command was told another
 * (`yiwang-admin --now`) or the site's clock file names one, which only a
 * site whose config says clock_settable = 1 allows: the test stack, never
 * the shipped production config.
 */
#ifndef YW_CLOCK_H
#define YW_CLOCK_H

#include <time.h>

time_t	 clock_now(void);
/* From now on clock_now() answers t (0: the system's time again). */
void	 clock_set(time_t t);
/* The instant the clock was set to, or 0 when it runs. */
time_t	 clock_fixed(void);
/*
 * Set the clock from file path, one Beijing time as clock_parse() reads
 * it (the test stack's clock file): 1 set, 0 no such file or an empty
 * one (the system's time again), -1 a time that is none (logged; the
 * system's time again).
 */
int	 clock_from_file(const char *path);
/*
 * A Beijing time "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD
 * HH:MM:SS" (a day alone is its 09:00) as an instant: 0, or -1 when s is
 * none of these.
 */
int	 clock_parse(const char *s, time_t *out);

#endif
