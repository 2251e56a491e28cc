/*
 * calendar.h: the working-day calendar (TIME-1) and the one arithmetic of
 * working days that every deadline uses (TIME-2; 行政许可法 Art. 82:
 * deadlines in working days, 法定节假日 excluded).
 *
 * A year is "loaded" when the State Council's schedule for it (放假调休安排)
 * has been imported: its days off (休, holidays, weekdays among them) and
 * its make-up working days (班, Saturdays or Sundays worked).  In a loaded
 * year a day is a working day when it is a make-up day, or a weekday that
 * is not a day off.  In a year not loaded, only weekends are off, and every
 * answer that relied on such a year says so (unknown), so that a page can
 * tell ("2027 年节假日安排尚未导入") instead of being silently wrong.
 *
 * Days are Beijing civil dates, as the number of days since 1970-01-01.
 */
#ifndef YW_CALENDAR_H
#define YW_CALENDAR_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "db.h"

typedef int32_t	cal_day;

#define CAL_YEAR_MIN	1950	/* dates outside are refused */
#define CAL_YEAR_MAX	2199
#define CAL_NAME_MAX	20	/* characters of a holiday's name */
#define CAL_FILE_MAX	65536	/* bytes of a calendar file or form */

/* "YYYY-MM-DD", a real date of CAL_YEAR_MIN..CAL_YEAR_MAX: 0, else -1. */
int		 cal_day_parse(const char *ymd, cal_day *);
/* Into buf (CAL_DAY_BUF bytes): "YYYY-MM-DD". */
#define CAL_DAY_BUF	16
void		 cal_day_format(cal_day, char *buf);
char		*cal_day_str(struct pool *, cal_day);
cal_day		 cal_day_of_ymd(int y, int m, int d);	/* m, d from 1 */
int		 cal_year(cal_day);
int		 cal_weekday(cal_day);		/* 0 Sunday … 6 Saturday */
/* The Beijing date of an instant, and the instant a Beijing date starts. */
cal_day		 cal_day_of(time_t);
time_t		 cal_day_start(cal_day);
/* "周一" … "周日". */
const char	*cal_weekday_name(cal_day);

enum cal_kind {
	CAL_OFF = 1,	/* 休: a day off (a holiday, or a weekday given off) */
	CAL_WORK = 2,	/* 班: a Saturday or Sunday worked (调休) */
};

struct cal_entry {
	cal_day		 day;
	enum cal_kind	 kind;
	char		*name;		/* "国庆节", may be "" */
};

struct calendar {
	struct cal_entry *days;		/* sorted by day, one per day */
	size_t		 ndays;
	int		*years;		/* the loaded years, ascending */
	size_t		 nyears;
};

/* Whether year y's schedule is loaded. */
int		 cal_loaded(const struct calendar *, int year);
/* The entry of day d, or NULL for an ordinary day. */
const struct cal_entry *cal_entry_of(const struct calendar *, cal_day);
/* Whether d is a working day.  When d's year is not loaded, *unknown (if
 * not NULL, and still 0) is set to that year. */
int		 cal_is_workday(const struct calendar *, cal_day, int *unknown);
/*
 * The n-th working day after d (n >= 0; n = 0 gives d itself): a deadline
 * of n working days from d.  Day d itself is not counted, as a term starts
 * the day after its event; the answer is always a working day when n > 0.
 * *unknown: as for cal_is_workday(), the first year not loaded that the
 * count passed through.
 */
cal_day		 cal_add(const struct calendar *, cal_day, int n, int *unknown);
/* The working days after a up to and including b: cal_add(a, n) = b gives
 * n for a working day b.  Negative when b is before a. */
int		 cal_between(const struct calendar *, cal_day a, cal_day b,
		    int *unknown);

/*
 * One line of a calendar file, "YYYY-MM-DD 休 名称" or "YYYY-MM-DD 班 名称"
 * (the name may be left out; '#' starts a comment; blank lines are
 * nothing): 1 with *e filled (e->name in pool), 0 for nothing, -1 with
 * *why (Chinese) for a line that is not one.  A 班 day must fall on a
 * Saturday or Sunday.
 */
int		 cal_parse_line(struct pool *, const char *line,
		    struct cal_entry *e, const char **why);
/*
 * A whole file's text: its entries sorted, and the years it names (the
 * years it loads).  0, or -1 with *why naming the first bad line ("第 3
 * 行：…"); a day twice is refused.
 */
int		 cal_parse_text(struct pool *, const char *text,
		    struct calendar *out, const char **why);

/* The calendar as stored (calendar_year, calendar_day). */
enum db_rc	 calendar_get(struct db *, struct pool *, struct calendar *);
/* Who loaded each year, when (Beijing time) and from what, by year. */
struct cal_year_info {
	int		 year;
	char		*loaded_at, *loaded_by, *source;
};
enum db_rc	 calendar_years(struct db *, struct pool *,
		    struct cal_year_info **, size_t *);
/*
 * Store the years of parsed (from cal_parse_text) in one transaction: each
 * year's days replaced by the file's, the year marked loaded, every open
 * deadline computed again (deadline_fill); audited as actor
 * ("calendar.load", with the years and counts).
 */
enum db_rc	 calendar_store(struct db *, struct pool *,
		    const struct calendar *parsed, const char *source,
		    const char *actor);
/*
 * Set one day of a loaded year (the system administrator's page): e->kind
 * and e->name, or with kind 0 back to an ordinary day; open deadlines
 * follow.  Audited as actor ("calendar.day").  DB_NONE with *why when the year is not loaded or the
 * day cannot be so.
 */
enum db_rc	 calendar_set_day(struct db *, struct pool *,
		    const struct cal_entry *, const char *actor,
		    const char **why);
/*
 * The first year of this and the years that a term of `ahead` days from
 * today may reach that is not loaded, or 0: what the administrator's home
 * warns about.
 */
int		 calendar_missing_year(const struct calendar *, cal_day today,
		    int ahead);
/* How far ahead that looks, in days: a term of 60 working days. */
#define CAL_AHEAD_DAYS	90

#endif
