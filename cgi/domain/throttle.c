/*
 * throttle.c: owns throttle_miss.  Each miss is one row: the keyed hash
 * (pii.h) of the counter's name and the value, so the table holds no typed
 * ID number, login name or address, not even as a plain SHA-256 that
 * trying every ID number would reverse (SEC-5); and the time.  A counter
 * is closed while the newest `limit` rows lie within its window: a sliding
 * window, which reopens by itself once they age out.  Refused attempts are
 * not counted, so waiting the window always reopens it.
 */
#include <stdio.h>
#include <string.h>

#include "pii.h"
#include "throttle.h"

/*
 * The limits.  A person mistypes a password or a number a few times, a
 * family or a hall's counter registers several people from one address;
 * a guesser needs thousands of tries.  reopens follows 请 in a message:
 * "请 15 分钟后再试", "请明天再试".
 */
const struct throttle TH_LOGIN_NAME = {
	"login", 15 * 60, 5, " 15 分钟后" };
const struct throttle TH_LOGIN_ADDR = {
	"login-addr", 15 * 60, 30, " 15 分钟后" };
const struct throttle TH_QUERY_NUMBER = {
	"query-no", 24 * 3600, 5, "明天" };
const struct throttle TH_QUERY_IDNO = {
	"query-idno", 24 * 3600, 10, "明天" };
const struct throttle TH_QUERY_ADDR = {
	"query-addr", 3600, 30, " 1 小时后" };
/* Document verification (EXT-6): a check code has 40 bits, so a few
 * thousand tries get nowhere; a person mistypes a few times. */
const struct throttle TH_VERIFY_NUMBER = {
	"verify-no", 24 * 3600, 10, "明天" };
const struct throttle TH_VERIFY_ADDR = {
	"verify-addr", 3600, 30, " 1 小时后" };
const struct throttle TH_REGISTER_ADDR = {
	"register-addr", 24 * 3600, 50, "明天" };
/* Enterprise registrations (ACC-1): a person represents one enterprise,
 * seldom a few; a hall's counter or an accountant's office registers
 * several from one address.  A code guesser needs hundreds. */
const struct throttle TH_ENT_ACCOUNT = {
	"ent-account", 24 * 3600, 5, "明天" };
const struct throttle TH_ENT_ADDR = {
	"ent-addr", 24 * 3600, 20, "明天" };
/* SMS codes (sms.h): what is counted is each code sent.  One a minute and
 * five a day to a number, twenty a day from an address (a family, a
 * hall's counter), and a ceiling for the whole site, which bounds what a
 * flood of numbers costs the county. */
const struct throttle TH_SMS_MOBILE_MIN = {
	"sms-mobile-min", 60, 1, " 1 分钟后" };
const struct throttle TH_SMS_MOBILE_DAY = {
	"sms-mobile-day", 24 * 3600, 5, "明天" };
const struct throttle TH_SMS_ADDR = {
	"sms-addr", 24 * 3600, 20, "明天" };
const struct throttle TH_SMS_SITE = {
	"sms-site", 24 * 3600, 5000, "明天" };

static const char SQL_MISSES[] =
    "SELECT COUNT(*) FROM throttle_miss WHERE subject = ? "
    "AND at > UTC_TIMESTAMP(3) - INTERVAL ? SECOND";
static const char SQL_MISS_ADD[] =
    "INSERT INTO throttle_miss (subject, at) VALUES (?, UTC_TIMESTAMP(3))";
static const char SQL_MISS_SWEEP[] =
    "DELETE FROM throttle_miss WHERE at < UTC_TIMESTAMP() - INTERVAL 2 DAY "
    "LIMIT 100";
static const char SQL_MISS_CLEAR[] =
    "DELETE FROM throttle_miss WHERE subject = ?";

/* The stored subject of value in counter t; -1 (logged) without the key. */
static int
subject(const struct throttle *t, const char *value, char out[PII_HASH_HEX])
{
	char	 what[64], buf[512];

	snprintf(what, sizeof(what), "throttle.%s", t->what);
	/* Longer values: their head. */
	snprintf(buf, sizeof(buf), "%s", value ? value : "");
	return pii_hash(what, buf, out);
}

long
throttle_misses(struct db *db, struct pool *pool, const struct throttle *t,
    const char *value)
{
	struct stmt	*q;
	char		 s[PII_HASH_HEX];
	int64_t		 n = 0;

	if (subject(t, value, s) == -1)
		return -1;
	q = db_stmt(db, SQL_MISSES);
	stmt_bind_text(q, 0, s);
	stmt_bind_int(q, 1, t->window);
	if (stmt_one(q, pool, "i", &n) == DB_ERR)
		return -1;
	return (long)n;
}

int
throttle_closed(struct db *db, struct pool *pool, const struct throttle *t,
    const char *value)
{
	long	 n;

	if ((n = throttle_misses(db, pool, t, value)) < 0)
		return -1;
	return n >= t->limit;
}

enum db_rc
throttle_count(struct db *db, const struct throttle *t, const char *value)
{
	struct stmt	*q;
	char		 s[PII_HASH_HEX];

	(void)stmt_run(db_stmt(db, SQL_MISS_SWEEP));
	if (subject(t, value, s) == -1)
		return DB_ERR;
	q = db_stmt(db, SQL_MISS_ADD);
	stmt_bind_text(q, 0, s);
	return stmt_run(q);
}

enum db_rc
throttle_clear(struct db *db, const struct throttle *t, const char *value)
{
	struct stmt	*q;
	char		 s[PII_HASH_HEX];

	if (subject(t, value, s) == -1)
		return DB_ERR;
	q = db_stmt(db, SQL_MISS_CLEAR);
	stmt_bind_text(q, 0, s);
	return stmt_run(q);
}
