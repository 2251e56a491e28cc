/*
 * clock.c: the one "now" (clock.h).
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "log.h"

static time_t	set_to;

time_t
clock_now(void)
{
	return set_to != 0 ? set_to : time(NULL);
}

void
clock_set(time_t t)
{
	set_to = t;
}

time_t
clock_fixed(void)
{
	return set_to;
}

int
clock_from_file(const char *path)
{
	FILE	*f;
	char	 line[64];
	size_t	 n;
	time_t	 t;

	set_to = 0;
	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return 0;
	n = fgets(line, sizeof(line), f) != NULL ? strcspn(line, "\r\n") : 0;
	fclose(f);
	line[n] = '\0';
	if (n == 0)
		return 0;
	if (clock_parse(line, &t) == -1) {
		log_err("%s: not a time: %s", path, line);
		return -1;
	}
	set_to = t;
	return 1;
}

int
clock_parse(const char *s, time_t *out)
{
	static const char pattern[] = "dddd-dd-dd dd:dd:dd";
	struct tm	 tm;
	size_t		 len = strlen(s), i;
	int		 y, mo, d, h = 9, mi = 0, sec = 0;

	if (len != 10 && len != 16 && len != 19)
		return -1;
	for (i = 0; i < len; i++)
		if (pattern[i] == 'd' ? s[i] < '0' || s[i] > '9' :
		    s[i] != pattern[i])
			return -1;
	sscanf(s, "%4d-%2d-%2d", &y, &mo, &d);
	if (len >= 16)
		sscanf(s + 11, "%2d:%2d", &h, &mi);
	if (len == 19)
		sscanf(s + 17, "%2d", &sec);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 ||
	    sec > 59)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm) - 8 * 3600;
	/* timegm() moves 02-30 into March: refuse what it moved. */
	return tm.tm_mday == d && tm.tm_mon == mo - 1 ? 0 : -1;
}
