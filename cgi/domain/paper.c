/*
 * paper.c: paper that follows the case (DOC-3).  Owns case_paper and
 * case_paper_move.  Each change runs under the case's row lock, the lock
 * case_act() takes, so a hand-over and the step that checks it
 * (paper_left_behind()) never cross.
 */
#include <string.h>

#include "exchange.h"
#include "paper.h"
#include "request.h"
#include "text.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
/* "姓名（部门）" of staff s and department d, or 档案室. */
#define WHO(s, d) "IF(" s ".id IS NULL, '档案室', CONCAT(" s ".name, '（', " \
	d ".name, '）'))"

/* paper_late()'s candidates: held by a person, no 留存 note, the case
 * ended or waiting at no step of the holder's department; since: the
 * later of the holder's receipt (the record, for the one who recorded
 * it) and the case's end, as a Beijing day. */
static const char SQL_LATE[] =
    "SELECT p.id, p.case_id, p.holder_id, k.app_no, p.what, "
    WHO("h", "hd") ", DATE_FORMAT(GREATEST(COALESCE((SELECT "
    "MAX(COALESCE(m.received_at, m.given_at)) FROM case_paper_move m "
    "WHERE m.paper_id = p.id AND m.to_id <=> p.holder_id), p.recorded_at), "
    "COALESCE(k.decided_at, p.recorded_at)) + INTERVAL 8 HOUR, "
    "'%Y-%m-%d'), k.decided_at IS NOT NULL "
    "FROM case_paper p JOIN kase k ON k.id = p.case_id "
    "JOIN staff h ON h.id = p.holder_id "
    "JOIN department hd ON hd.id = h.dept_id "
    "WHERE p.at_archive = 0 AND p.retained IS NULL AND "
    "(? = 0 OR p.holder_id = ?) AND (? = 0 OR p.case_id = ?) AND "
    "(k.decided_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM case_task t "
    "WHERE t.case_id = k.id AND t.dept_code = hd.code)) "
    "ORDER BY p.id LIMIT 200";
static const char SQL_CASE_LOCK[] =
    "SELECT id FROM kase WHERE id = ? FOR UPDATE";
static const char SQL_LIST[] =
    "SELECT p.id, p.what, p.copies, p.pages, COALESCE(p.holder_id, 0), "
    WHO("h", "hd") ", hd.code, COALESCE(m.to_id, 0), " WHO("t", "td") ", "
    "p.retained, r.name, " LOCAL("p.recorded_at") " "
    "FROM case_paper p LEFT JOIN staff h ON h.id = p.holder_id "
    "LEFT JOIN department hd ON hd.id = h.dept_id "
    "LEFT JOIN case_paper_move m ON m.id = p.moving "
    "LEFT JOIN staff t ON t.id = m.to_id "
    "LEFT JOIN department td ON td.id = t.dept_id "
    "JOIN staff r ON r.id = p.recorded_by "
    "WHERE p.case_id = ? ORDER BY p.id";
static const char SQL_MOVES[] =
    "SELECT " WHO("f", "fd") ", " WHO("t", "td") ", "
    "IF(m.from_id <=> m.by_id, NULL, b.name), "
    LOCAL("m.given_at") ", " LOCAL("m.received_at") ", m.note "
    "FROM case_paper_move m LEFT JOIN staff f ON f.id = m.from_id "
    "LEFT JOIN department fd ON fd.id = f.dept_id "
    "LEFT JOIN staff t ON t.id = m.to_id "
    "LEFT JOIN department td ON td.id = t.dept_id "
    "JOIN staff b ON b.id = m.by_id WHERE m.paper_id = ? ORDER BY m.id";
static const char SQL_PEOPLE[] =
    "SELECT s.id, s.name, d.code, d.name FROM staff s "
    "JOIN department d ON d.id = s.dept_id WHERE s.active = 1 "
    "AND s.roles & ? <> 0 AND s.id <> ? ORDER BY d.name, s.name";
static const char SQL_ADD[] =
    "INSERT INTO case_paper (case_id, what, copies, pages, holder_id, "
    "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_GET[] =
    "SELECT COALESCE(p.holder_id, 0), p.at_archive, COALESCE(p.moving, 0), "
    "COALESCE(m.to_id, -1), p.what FROM case_paper p "
    "LEFT JOIN case_paper_move m ON m.id = p.moving "
    "WHERE p.id = ? AND p.case_id = ?";
static const char SQL_MOVE_ADD[] =
    "INSERT INTO case_paper_move (paper_id, from_id, to_id, by_id, "
    "given_at, note, received_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), ?, "
    "IF(? IS NULL, UTC_TIMESTAMP(), NULL))";
/* To a person: in transit until receipt; to the archive: there now. */
static const char SQL_MOVING[] =
    "UPDATE case_paper SET moving = ?, retained = NULL WHERE id = ?";
static const char SQL_TO_ARCHIVE[] =
    "UPDATE case_paper SET holder_id = NULL, at_archive = 1, moving = NULL, "
    "retained = NULL WHERE id = ?";
static const char SQL_RECEIVED[] =
    "UPDATE case_paper_move SET received_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_HOLDER[] =
    "UPDATE case_paper SET holder_id = ?, at_archive = 0, moving = NULL, "
    "retained = NULL WHERE id = ?";
static const char SQL_RETAIN[] =
    "UPDATE case_paper SET retained = ? WHERE id = ?";
/* Paper the department holds that is neither on its way out of it nor
 * kept there with a note. */
static const char SQL_LEFT[] =
    "SELECT p.what, h.name FROM case_paper p "
    "JOIN staff h ON h.id = p.holder_id "
    "JOIN department hd ON hd.id = h.dept_id "
    "LEFT JOIN case_paper_move m ON m.id = p.moving "
    "LEFT JOIN staff t ON t.id = m.to_id "
    "LEFT JOIN department td ON td.id = t.dept_id "
    "WHERE p.case_id = ? AND hd.code = ? AND p.retained IS NULL "
    "AND (p.moving IS NULL OR td.code = hd.code) ORDER BY p.id LIMIT 1";

static enum db_rc
move_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct paper_move *m = arg;

	return stmt_row(q, pool, "ssssss", &m->from, &m->to, &m->by,
	    &m->given_at, &m->received_at, &m->note);
}

static enum db_rc
paper_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct paper	*p = arg;
	memset(p, 0, sizeof(*p));
	return stmt_row(q, pool, "isddississss", &p->id, &p->what, &p->copies,
	    &p->pages, &p->holder_id, &p->holder, &p->holder_dept,
	    &p->moving_to, &p->moving_name, &p->retained, &p->recorded_by,
	    &p->recorded_at);
}

enum db_rc
paper_list(struct db *db, struct pool *pool, int64_t case_id,
    struct paper **v, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i;

	q = db_stmt(db, SQL_LIST);
	stmt_bind_int(q, 0, case_id);
	if ((rc = stmt_list(q, pool, paper_row, sizeof(**v), v, n)) != DB_OK)
		return rc;
	for (i = 0; i < *n; i++) {
		q = db_stmt(db, SQL_MOVES);
		stmt_bind_int(q, 0, (*v)[i].id);
		if ((rc = stmt_list(q, pool, move_row, sizeof(struct paper_move),
		    &(*v)[i].moves, &(*v)[i].nmoves)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

/* Is department code among those acting on k? */
static int
acts_on(const struct kase *k, const char *code)
{
	struct user	 u;

	memset(&u, 0, sizeof(u));
	u.dept_code = code;
	return flow_involves(k, &u);
}

static enum db_rc
person_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct paper_person *p = arg;

	return stmt_row(q, pool, "isss", &p->id, &p->name, &p->dept_code,
	    &p->dept_name);
}

enum db_rc
paper_people(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, struct paper_person **v, size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 i, j;

	q = db_stmt(db, SQL_PEOPLE);
	stmt_bind_int(q, 0, ROLES_STAFF);
	stmt_bind_int(q, 1, u->id);
	if ((rc = stmt_list(q, pool, person_row, sizeof(**v), v, n)) != DB_OK)
		return rc;
	for (i = j = 0; i < *n; i++)
		if (acts_on(k, (*v)[i].dept_code))
			(*v)[j++] = (*v)[i];
	*n = j;
	return DB_OK;
}

enum db_rc
paper_people_item(struct db *db, struct pool *pool, const struct item *it,
    const struct user *u, struct paper_person **v, size_t *n)
{
	struct kase	 k;

	memset(&k, 0, sizeof(k));
	k.item = *it;
	return paper_people(db, pool, &k, u, v, n);
}

/* *ok 1 when staff to may receive paper of case k from u. */
static enum db_rc
may_receive(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, int64_t to, int *ok)
{
	struct paper_person *pv;
	enum db_rc	 rc;
	size_t		 i, n;

	*ok = 0;
	if ((rc = paper_people(db, pool, k, u, &pv, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (pv[i].id == to)
			*ok = 1;
	return DB_OK;
}

/* Begin and lock case k; DB_OK or DB_ERR (rolled back). */
static enum db_rc
lock(struct db *db, struct pool *pool, const struct kase *k)
{
	struct stmt	*q;
	int64_t		 id;

	if (db_begin(db) != DB_OK)
		return DB_ERR;
	q = db_stmt(db, SQL_CASE_LOCK);
	stmt_bind_int(q, 0, k->id);
	if (stmt_one(q, pool, "i", &id) != DB_OK) {
		db_rollback(db);
		return DB_ERR;
	}
	return DB_OK;
}

/* The end of a change: audited and committed, or rolled back. */
static enum db_rc
done(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, enum db_rc rc, const char *action, json_t *detail)
{
	if (rc == DB_OK)
		rc = audit_json(db, pool, u->login, action, k->app_no, detail);
	else
		json_decref(detail);
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/* NULL when note (may be NULL: none) is a note of at most max characters,
 * at least min; else what to do. */
static const char *
note_bad(const char *note, size_t min, const char *what)
{
	size_t	 n = note != NULL ? strlen(note) : 0;

	if (text_check(note != NULL ? note : "", n, min, PAPER_NOTE_MAX, 0,
	    TEXT_LINE) == TEXT_OK)
		return NULL;
	return min > 0 && n == 0 ? what : "说明请写成一行，200 字以内。";
}

/* paper_add()'s checks (u acting on k unless centre) and row, in the
 * caller's transaction, audited; *idp its id. */
static enum db_rc
add_row(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, const char *what, int copies, int pages,
    int centre, int64_t *idp, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 id;

	*why = NULL;
	if (what == NULL || text_check(what, strlen(what), 2, PAPER_WHAT_MAX,
	    0, TEXT_LINE) != TEXT_OK)
		*why = "请写明是什么纸质材料（2 到 100 个字，一行），"
		    "如：房屋产权证明原件、施工图纸、产品样品。";
	else if (copies < 1 || copies > PAPER_COPIES_MAX)
		*why = "份数应为 1 到 999 的整数。";
	else if (pages < 0 || pages > PAPER_PAGES_MAX)
		*why = "页数应为 0 到 99999 的整数（样品等没有页数的填 0）。";
	else if (!centre && !flow_involves(k, u))
		*why = "这个办件不属于您的部门。";
	if (*why != NULL)
		return DB_NONE;
	q = db_stmt(db, SQL_ADD);
	stmt_bind_int(q, 0, k->id);
	stmt_bind_text(q, 1, what);
	stmt_bind_int(q, 2, copies);
	stmt_bind_int(q, 3, pages);
	stmt_bind_int(q, 4, u->id);
	stmt_bind_int(q, 5, u->id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	*idp = id = stmt_insert_id(q);
	return audit_json(db, pool, u->login, "case.paper.add", k->app_no,
	    json_pack("{s:I, s:s, s:i, s:i}", "paper", (json_int_t)id, "what",
	    what, "copies", copies, "pages", pages));
}

enum db_rc
paper_add_in(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, const char *what, int copies, int pages,
    const char **why)
{
	int64_t	 id;

	return add_row(db, pool, k, u, what, copies, pages, 0, &id, why);
}

enum db_rc
paper_add_for(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, const char *what, int copies, int pages,
    int64_t to, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 id, move;
	int		 ok;

	*why = NULL;
	if ((rc = may_receive(db, pool, k, u, to, &ok)) != DB_OK)
		return rc;
	if (!ok) {
		*why = "请选择纸质材料交给谁签收：受理部门或本件所经部门的"
		    "在岗工作人员。";
		return DB_NONE;
	}
	if ((rc = add_row(db, pool, k, u, what, copies, pages, 1, &id,
	    why)) != DB_OK)
		return rc;
	/* On its way to `to` at once, as paper_hand() to a person. */
	q = db_stmt(db, SQL_MOVE_ADD);
	stmt_bind_int(q, 0, id);
	stmt_bind_int(q, 1, u->id);
	stmt_bind_int(q, 2, to);
	stmt_bind_int(q, 3, u->id);
	stmt_bind_text(q, 4, "中心代理申请时收下，送交签收");
	stmt_bind_int(q, 5, to);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	move = stmt_insert_id(q);
	q = db_stmt(db, SQL_MOVING);
	stmt_bind_int(q, 0, move);
	stmt_bind_int(q, 1, id);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	return audit_json(db, pool, u->login, "case.paper.hand", k->app_no,
	    json_pack("{s:I, s:s, s:I, s:s}", "paper", (json_int_t)id, "what",
	    what, "to", (json_int_t)to, "note", "中心代理申请时收下"));
}

enum db_rc
paper_add(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, const char *what, int copies, int pages,
    const char **why)
{
	enum db_rc	 rc;

	*why = NULL;
	if (lock(db, pool, k) != DB_OK)
		return DB_ERR;
	if ((rc = paper_add_in(db, pool, k, u, what, copies, pages, why)) !=
	    DB_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/* Paper id of case k as it is now, in the transaction: its holder (0:
 * the archive), its pending move (0: none) and that move's receiver. */
struct held {
	int64_t		 holder, archive, moving, to;
	char		*what;
};

static enum db_rc
held_get(struct db *db, struct pool *pool, const struct kase *k,
    int64_t id, struct held *h, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;

	q = db_stmt(db, SQL_GET);
	stmt_bind_int(q, 0, id);
	stmt_bind_int(q, 1, k->id);
	if ((rc = stmt_one(q, pool, "iiiis", &h->holder, &h->archive,
	    &h->moving, &h->to, &h->what)) == DB_NONE)
		*why = "本件没有这份纸质材料，请刷新后再看。";
	return rc;
}

enum db_rc
paper_hand(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, int64_t id, int64_t to, const char *note,
    const char **why)
{
	struct stmt	*q;
	struct held	 h;
	enum db_rc	 rc;
	int64_t		 move;
	int		 ok;

	*why = note_bad(note, 0, NULL);
	if (*why != NULL)
		return DB_NONE;
	if (to != 0) {
		if ((rc = may_receive(db, pool, k, u, to, &ok)) != DB_OK)
			return rc;
		if (!ok) {
			*why = "请从名单中选择接收人：本件所经各部门的在岗工作"
			    "人员，或档案室。";
			return DB_NONE;
		}
	}
	if (lock(db, pool, k) != DB_OK)
		return DB_ERR;
	if ((rc = held_get(db, pool, k, id, &h, why)) != DB_OK)
		goto fail;
	if (h.moving != 0)
		*why = "这份材料正在移交，等接收人签收后才能再移交。";
	else if (h.archive ? !flow_involves(k, u) : h.holder != u->id)
		*why = "只有材料的持有人才能移交。";
	else if (h.archive && to == 0)
		*why = "这份材料已在档案室。";
	if (*why != NULL) {
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_MOVE_ADD);
	stmt_bind_int(q, 0, id);
	if (h.archive)
		stmt_bind_null(q, 1);
	else
		stmt_bind_int(q, 1, h.holder);
	if (to == 0) {
		stmt_bind_null(q, 2);
		stmt_bind_null(q, 5);
	} else {
		stmt_bind_int(q, 2, to);
		stmt_bind_int(q, 5, to);
	}
	stmt_bind_int(q, 3, u->id);
	stmt_bind_text(q, 4, note != NULL ? note : "");
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	move = stmt_insert_id(q);
	if (to == 0) {
		q = db_stmt(db, SQL_TO_ARCHIVE);
		stmt_bind_int(q, 0, id);
	} else {
		q = db_stmt(db, SQL_MOVING);
		stmt_bind_int(q, 0, move);
		stmt_bind_int(q, 1, id);
	}
	rc = stmt_run(q);
	return done(db, pool, k, u, rc, "case.paper.hand", json_pack(
	    "{s:I, s:s, s:I, s:s}", "paper", (json_int_t)id, "what", h.what,
	    "to", (json_int_t)to, "note", note != NULL ? note : ""));
fail:
	db_rollback(db);
	return rc;
}

enum db_rc
paper_receive(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, int64_t id, const char **why)
{
	struct stmt	*q;
	struct held	 h;
	enum db_rc	 rc;

	*why = NULL;
	if (lock(db, pool, k) != DB_OK)
		return DB_ERR;
	if ((rc = held_get(db, pool, k, id, &h, why)) != DB_OK)
		goto fail;
	if (h.moving == 0 || h.to != u->id) {
		*why = "这份材料没有移交给您，无需签收。";
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_RECEIVED);
	stmt_bind_int(q, 0, h.moving);
	if ((rc = stmt_run(q)) != DB_OK)
		goto fail;
	q = db_stmt(db, SQL_HOLDER);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_int(q, 1, id);
	rc = stmt_run(q);
	return done(db, pool, k, u, rc, "case.paper.receive", json_pack(
	    "{s:I, s:s}", "paper", (json_int_t)id, "what", h.what));
fail:
	db_rollback(db);
	return rc;
}

enum db_rc
paper_retain(struct db *db, struct pool *pool, const struct kase *k,
    const struct user *u, int64_t id, const char *note, const char **why)
{
	struct stmt	*q;
	struct held	 h;
	enum db_rc	 rc;

	if ((*why = note_bad(note, 1, "请写明留存的原因，如：原件由本部门存档，"
	    "不随件移交。")) != NULL)
		return DB_NONE;
	if (lock(db, pool, k) != DB_OK)
		return DB_ERR;
	if ((rc = held_get(db, pool, k, id, &h, why)) != DB_OK)
		goto fail;
	if (h.archive || h.holder != u->id || h.moving != 0) {
		*why = "只有材料的持有人才能注明留存。";
		rc = DB_NONE;
		goto fail;
	}
	q = db_stmt(db, SQL_RETAIN);
	stmt_bind_text(q, 0, note);
	stmt_bind_int(q, 1, id);
	rc = stmt_run(q);
	return done(db, pool, k, u, rc, "case.paper.retain", json_pack(
	    "{s:I, s:s, s:s}", "paper", (json_int_t)id, "what", h.what,
	    "note", note));
fail:
	db_rollback(db);
	return rc;
}

enum db_rc
paper_left_behind(struct db *db, struct pool *pool, int64_t case_id,
    const char *dept, const char **why)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*what, *name;

	q = db_stmt(db, SQL_LEFT);
	stmt_bind_int(q, 0, case_id);
	stmt_bind_text(q, 1, dept);
	if ((rc = stmt_one(q, pool, "ss", &what, &name)) == DB_NONE)
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	*why = pool_printf(pool, "纸质材料「%s」还在本部门%s手中：本件转往其他"
	    "部门前，请在「纸质材料」中把它移交给下一环节的工作人员（或档案"
	    "室），或注明本部门留存的原因。", what, name);
	return DB_NONE;
}

static enum db_rc
late_row(struct stmt *q, struct pool *pool, void *arg)
{
	struct paper_late	*l = arg;
	int64_t			 ended;
	enum db_rc		 rc;

	memset(l, 0, sizeof(*l));
	rc = stmt_row(q, pool, "iiissssi", &l->id, &l->case_id,
	    &l->holder_id, &l->app_no, &l->what, &l->holder, &l->since,
	    &ended);
	l->ended = ended != 0;
	return rc;
}

enum db_rc
paper_late(struct db *db, struct pool *pool, const struct calendar *cal,
    cal_day today, int64_t holder, int64_t case_id, struct paper_late **v,
    size_t *n)
{
	struct stmt	*q;
	enum db_rc	 rc;
	cal_day		 since, due;
	size_t		 i, k;

	q = db_stmt(db, SQL_LATE);
	stmt_bind_int(q, 0, holder);
	stmt_bind_int(q, 1, holder);
	stmt_bind_int(q, 2, case_id);
	stmt_bind_int(q, 3, case_id);
	if ((rc = stmt_list(q, pool, late_row, sizeof(**v), v, n)) != DB_OK)
		return rc;
	/* Late once the last of its working days has passed. */
	for (i = 0, k = 0; i < *n; i++) {
		if ((*v)[i].since == NULL ||
		    cal_day_parse((*v)[i].since, &since) == -1)
			continue;
		due = cal_add(cal, since, PAPER_LATE_DAYS, NULL);
		if (today <= due)
			continue;
		(*v)[i].due = cal_day_str(pool, due);
		(*v)[k++] = (*v)[i];
	}
	*n = k;
	return DB_OK;
}
