/*
 * remind.c: owns staff_reminder and the staff mobile (remind.h, db/230;
 * NTF-1).
 */
#include <string.h>

#include "deadline.h"
#include "log.h"
#include "pii.h"
#include "remind.h"
#include "sealed.h"
#include "sms.h"

#define BATCH		200	/* reminders a tick composes at most */
#define BEIJING		(8 * 3600)

static const char SQL_MOBILE_SET[] =
    "UPDATE staff SET mobile_sealed = ?, mobile_masked = ? WHERE id = ?";
static const char SQL_ME[] =
    "SELECT mobile_masked, sms_remind FROM staff WHERE id = ?";
static const char SQL_SWITCH[] =
    "UPDATE staff SET sms_remind = ? WHERE id = ?";
/* Each holder of a step whose deadline is on or before the next working
 * day (?1) who has a mobile, wants reminders and has not had this kind
 * (red before ?0: overdue) for this step. */
static const char SQL_DUE[] =
    "SELECT t.case_id, t.step_key, k.app_no, k.item_name, s.name, "
    "DATE_FORMAT(t.due_date, '%Y-%m-%d'), "
    "IF(t.due_date < ?, 'overdue', 'due') AS kind, st.id, "
    "st.mobile_sealed FROM case_task t "
    "JOIN kase k ON k.id = t.case_id "
    "JOIN item_step s ON s.item_id = k.item_id AND s.skey = t.step_key "
    "JOIN department d ON d.code = t.dept_code "
    "JOIN staff st ON st.dept_id = d.id AND (st.roles & t.role) <> 0 "
    "WHERE t.due_date IS NOT NULL AND t.due_date <= ? "
    "AND k.state NOT IN ('suspended', 'reported') "
    "AND st.active = 1 AND st.sms_remind = 1 "
    "AND st.mobile_sealed IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM staff_reminder r "
    "WHERE r.case_id = t.case_id AND r.step_key = t.step_key "
    "AND r.kind = IF(t.due_date < ?, 'overdue', 'due') "
    "AND r.staff_id = st.id) "
    "ORDER BY t.due_date, t.case_id, st.id LIMIT ?";
static const char SQL_ADD[] =
    "INSERT INTO staff_reminder (case_id, step_key, kind, staff_id, "
    "due_date, sms_id, at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_LIST[] =
    "SELECT DATE_FORMAT(r.at + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i'), "
    "k.app_no, s.name, r.kind, DATE_FORMAT(r.due_date, '%Y-%m-%d'), "
    "o.to_masked, o.shown, o.state, COALESCE(o.last_error, '') "
    "FROM staff_reminder r JOIN kase k ON k.id = r.case_id "
    "JOIN item_step s ON s.item_id = k.item_id AND s.skey = r.step_key "
    "JOIN sms_outbox o ON o.id = r.sms_id "
    "WHERE r.staff_id = ? ORDER BY r.id DESC LIMIT ?";

int
remind_quiet(time_t t)
{
	int	 h = (int)(((t + BEIJING) % 86400) / 3600);

	return h >= REMIND_QUIET_FROM || h < REMIND_QUIET_TO;
}

time_t
remind_morning(time_t t)
{
	time_t	 day = t - (t + BEIJING) % 86400;	/* Beijing midnight */
	time_t	 m = day + REMIND_QUIET_TO * 3600;

	return m >= t ? m : m + 86400;
}

enum db_rc
remind_mobile_set(struct db *db, struct pool *pool, int64_t id,
    const char *mobile)
{
	struct stmt	*q;
	char		*sealed = NULL;

	if (mobile != NULL &&
	    (sealed = pii_seal(pool, SEALED_STAFF_MOBILE, mobile)) == NULL)
		return DB_ERR;
	q = db_stmt(db, SQL_MOBILE_SET);
	if (sealed != NULL) {
		stmt_bind_text(q, 0, sealed);
		stmt_bind_text(q, 1, sms_mask(pool, mobile));
	} else {
		stmt_bind_null(q, 0);
		stmt_bind_null(q, 1);
	}
	stmt_bind_int(q, 2, id);
	return stmt_run(q);
}

enum db_rc
remind_me(struct db *db, struct pool *pool, int64_t id, char **masked,
    int *on)
{
	struct stmt	*q;
	int64_t		 v = 0;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_ME);
	stmt_bind_int(q, 0, id);
	rc = stmt_one(q, pool, "si", masked, &v);
	*on = v != 0;
	return rc;
}

enum db_rc
remind_switch(struct db *db, int64_t id, int on)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_SWITCH);
	stmt_bind_int(q, 0, on ? 1 : 0);
	stmt_bind_int(q, 1, id);
	return stmt_run(q);
}

struct cand {
	int64_t	 case_id, staff_id;
	char	*step_key, *app_no, *item, *step, *due, *kind, *sealed;
};

static enum db_rc
cand_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct cand	*c = arg;

	return stmt_row(q, pool, "issssssis", &c->case_id, &c->step_key,
	    &c->app_no, &c->item, &c->step, &c->due, &c->kind, &c->staff_id,
	    &c->sealed);
}

/* One reminder, in a transaction of its own: DB_DUP when another tick
 * sent it first (the unique key), and then nothing is queued; DB_NONE
 * when the person's number cannot be read. */
static enum db_rc
remind_one(const struct config *cfg, struct db *db, struct pool *pool,
    const struct cand *c, time_t not_before)
{
	struct stmt	*q;
	const char	*text, *mobile;
	int64_t		 sms = 0;
	enum db_rc	 rc;

	/* A number that does not open (a key changed): that person is
	 * skipped, the others still reminded. */
	if ((mobile = pii_open(pool, SEALED_STAFF_MOBILE, c->sealed)) ==
	    NULL) {
		log_info("remind: staff %lld: the mobile does not open",
		    (long long)c->staff_id);
		return DB_NONE;
	}
	if (strcmp(c->kind, "overdue") == 0)
		text = pool_printf(pool, "提醒：您经办的“%s”（申请编号 %s）"
		    "“%s”环节已于 %s 到期，现已超期（红灯），请尽快办理。",
		    c->item, c->app_no, c->step, c->due);
	else
		text = pool_printf(pool, "提醒：您经办的“%s”（申请编号 %s）"
		    "“%s”环节将于 %s 到期，请及时办理。", c->item, c->app_no,
		    c->step, c->due);
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if ((rc = sms_queue_at(cfg, db, pool, mobile, text, NULL,
	    strcmp(c->kind, "overdue") == 0 ? "remind_late" : "remind_due",
	    c->app_no, not_before, &sms)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_int(q, 0, c->case_id);
	stmt_bind_text(q, 1, c->step_key);
	stmt_bind_text(q, 2, c->kind);
	stmt_bind_int(q, 3, c->staff_id);
	stmt_bind_text(q, 4, c->due);
	stmt_bind_int(q, 5, sms);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

enum db_rc
remind_tick(const struct config *cfg, struct db *db, struct pool *pool,
    const struct calendar *cal, time_t now, int *due, int *late)
{
	struct stmt	*q;
	struct cand	*v;
	size_t		 n, i;
	cal_day		 yellow_from, green_from;
	const char	*red_before;
	time_t		 not_before = 0;
	enum db_rc	 rc;

	*due = *late = 0;
	deadline_light_bounds(cal, cal_day_of(now), &yellow_from,
	    &green_from);
	red_before = cal_day_str(pool, yellow_from);
	q = db_stmt(db, SQL_DUE);
	stmt_bind_text(q, 0, red_before);
	stmt_bind_text(q, 1, cal_day_str(pool, green_from));
	stmt_bind_text(q, 2, red_before);
	stmt_bind_int(q, 3, BATCH);
	if ((rc = stmt_list(q, pool, cand_row, sizeof(*v), (void **)&v,
	    &n)) != DB_OK)
		return rc;
	if (remind_quiet(now))
		not_before = remind_morning(now);
	for (i = 0; i < n; i++)
		switch (remind_one(cfg, db, pool, &v[i], not_before)) {
		case DB_OK:
			if (strcmp(v[i].kind, "overdue") == 0)
				(*late)++;
			else
				(*due)++;
			break;
		case DB_DUP:	/* another tick sent it */
		case DB_NONE:	/* skipped */
			break;
		default:
			return DB_ERR;
		}
	return DB_OK;
}

static enum db_rc
list_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct remind_row	*r = arg;

	return stmt_row(q, pool, "sssssssss", &r->at, &r->app_no, &r->step,
	    &r->kind, &r->due, &r->to, &r->text, &r->state, &r->error);
}

enum db_rc
remind_list(struct db *db, struct pool *pool, int64_t staff_id,
    size_t limit, struct remind_row **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_LIST);
	stmt_bind_int(q, 0, staff_id);
	stmt_bind_int(q, 1, (int64_t)limit);
	return stmt_list(q, pool, list_row, sizeof(**v), (void **)v, n);
}
