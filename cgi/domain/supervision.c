/*
 * supervision.c: electronic supervision's reading of the cases and of the
 * staff's operations (SUP-3); owns sup_open_count (db/110) and staff_op
 * (db/111), and reads kase, department, hall, deadline_warning and what
 * crossed the gap (gap_outbox, gap_out, gap_in, gap_in_case: db/112, 141).
 */
#include <string.h>

#include "deadline.h"
#include "supervision.h"

#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL 8 HOUR, '%Y-%m-%d %H:%i')"
#define UTC(x) "DATE_FORMAT(" x ", '%Y-%m-%d %H:%i:%s')"
/* The Beijing day ? as UTC bounds: [start, end). */
#define DAY_FROM "CAST(? AS DATETIME) - INTERVAL 8 HOUR"
#define DAY_TO "CAST(? AS DATETIME) + INTERVAL 16 HOUR"
/* No running deadline, in sup_open_count (db/110). */
#define NO_DUE "'9999-12-31'"

const char *const sup_open_states[] = { "received", "correcting",
    "processing", "suspended", "reported", NULL };

static const char SQL_SUP_BY_STATE[] =
    "SELECT state, COUNT(*) FROM kase GROUP BY state ORDER BY 2 DESC";

/* Parameters: the first yellow day, the first green day (twice each). */
static const char SQL_OPEN_COUNTS[] =
    "SELECT dept_code, state, SUM(n), "
    "SUM(IF(due < ?, n, 0)), "
    "SUM(IF(due >= ? AND due < ?, n, 0)), "
    "SUM(IF(due >= ? AND due < " NO_DUE ", n, 0)) "
    "FROM sup_open_count GROUP BY dept_code, state";

static const char SQL_RED_TODAY[] =
    "SELECT dept_code, COUNT(*) FROM deadline_warning "
    "WHERE at >= " DAY_FROM " AND at < " DAY_TO " GROUP BY dept_code";

static const char SQL_DEPTS[] =
    "SELECT d.code, d.name, d.hall_code, h.name FROM department d "
    "LEFT JOIN hall h ON h.code = d.hall_code ORDER BY d.code";

#define SUP_COLS "k.id, k.app_no, k.item_name, k.applicant_name, k.state, " \
	"k.dept_code, " LOCAL("k.received_at") ", " UTC("k.received_at") \
	", DATE_FORMAT(k.sup_due, '%Y-%m-%d')"

/*
 * The index is named: the statistics count the closed cases (sup_open
 * NULL) as one value, so the optimizer thinks half the cases open and
 * would rather walk every case by receipt (measured: 5 s at a million,
 * over stand-in rows; bench/supervision.sh measures the page now).
 */
static const char SQL_OLDEST[] =
    "SELECT " SUP_COLS " FROM kase k FORCE INDEX (sup_open_age) "
    "WHERE k.sup_open = 1 "
    "ORDER BY k.received_at, k.id LIMIT ?";

/*
 * The open cases; one statement for every combination of criteria, an
 * absent one bound NULL.  The indexes of db/110 give the order and the
 * page's start (sup_open, [dept_code,] received_at, id), named as for
 * SQL_OLDEST.
 */
static const char SQL_OPEN_LIST[] =
    "SELECT " SUP_COLS " FROM kase k "
    "FORCE INDEX (sup_open_age, sup_open_dept) WHERE k.sup_open = 1 "
    "AND (? IS NULL OR k.dept_code = ?) "
    "AND (? IS NULL OR k.dept_code IN "
    "(SELECT code FROM department WHERE COALESCE(hall_code, '') = ?)) "
    "AND (? IS NULL OR k.state = ?) "
    "AND (? IS NULL OR k.sup_due BETWEEN ? AND ?) "
    "AND (? IS NULL OR k.received_at > ? OR "
    "(k.received_at = ? AND k.id > ?)) "
    "ORDER BY k.received_at, k.id LIMIT ?";

/* The cases warned on a day, by the late step's department and hall. */
static const char SQL_WARNED_LIST[] =
    "SELECT " SUP_COLS " FROM kase k WHERE k.id IN "
    "(SELECT w.case_id FROM deadline_warning w "
    "WHERE w.at >= " DAY_FROM " AND w.at < " DAY_TO " "
    "AND (? IS NULL OR w.dept_code = ?) "
    "AND (? IS NULL OR w.dept_code IN "
    "(SELECT code FROM department WHERE COALESCE(hall_code, '') = ?))) "
    "AND (? IS NULL OR k.state = ?) "
    "AND (? IS NULL OR k.sup_due BETWEEN ? AND ?) "
    "AND (? IS NULL OR k.received_at > ? OR "
    "(k.received_at = ? AND k.id > ?)) "
    "ORDER BY k.received_at, k.id LIMIT ?";

static const char SQL_OPS[] =
    "SELECT o.id, " LOCAL("o.at") ", " UTC("o.at") ", s.login, "
    "o.staff_name, o.dept_code, o.kind, o.label, o.case_id, o.app_no, "
    "o.addr FROM staff_op o JOIN staff s ON s.id = o.staff_id "
    "WHERE (? IS NULL OR o.staff_id = "
    "(SELECT id FROM staff WHERE login = ?)) "
    "AND (? IS NULL OR o.dept_code = ?) "
    "AND (? IS NULL OR (o.at >= " DAY_FROM " AND o.at < " DAY_TO ")) "
    "AND (? IS NULL OR o.at < ? OR (o.at = ? AND o.id < ?)) "
    "ORDER BY o.at DESC, o.id DESC LIMIT ?";

/*
 * Both directions of a case's exchange in the order they happened: the
 * records the import took (db/141) with their bundle's gap_in row, and the
 * records sent (db/112) with theirs once written; the first 200 of each.
 * A record that came in goes after every record queued to send before it
 * was applied and before the rest (its outbox_mark, db/166; for rows older
 * than that, the ones of this case queued in an earlier second).
 */
static const char SQL_EXCHANGE[] =
    "SELECT dir, kind, at, taken, seq, hash, bundle_at FROM ("
    "(SELECT 'in' AS dir, c.kind, "
    LOCAL("COALESCE(c.at, g.imported_at)") " AS at, "
    "c.taken, c.seq, LEFT(g.hash, 12) AS hash, NULL AS bundle_at, "
    "COALESCE(c.outbox_mark, (SELECT COALESCE(MAX(p.id), 0) "
    "FROM gap_outbox p WHERE p.sup_app_no = c.app_no "
    "AND p.created_at < g.imported_at)) AS t, 1 AS o, c.id "
    "FROM gap_in_case c JOIN gap_in g ON g.dir = c.dir "
    "AND g.epoch = c.epoch AND g.seq = c.seq WHERE c.app_no = ? "
    "ORDER BY c.id LIMIT 200) "
    "UNION ALL "
    "(SELECT 'out', o.kind, " LOCAL("o.created_at") ", '', "
    "COALESCE(o.bundle_seq, 0), LEFT(g.hash, 12), g.created_at, "
    "o.id, 0, o.id FROM gap_outbox o LEFT JOIN gap_out g "
    "ON g.epoch = o.bundle_epoch AND g.seq = o.bundle_seq "
    "WHERE o.sup_app_no = ? ORDER BY o.id LIMIT 200)"
    ") x ORDER BY t, o, id";

static const char SQL_OP_LOGIN[] =
    "INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind, "
    "label, addr) VALUES (UTC_TIMESTAMP(), ?, ?, ?, 'login', '登录', ?)";

/* dash-rebuild: hold the open cases (and the gaps before new ones), then
 * count them again. */
static const char SQL_HOLD_OPEN[] =
    "SELECT COUNT(*) FROM kase WHERE sup_open = 1 LOCK IN SHARE MODE";
static const char SQL_COUNT_CLEAR[] = "DELETE FROM sup_open_count";
static const char SQL_COUNT_FILL[] =
    "INSERT INTO sup_open_count (dept_code, state, due, n) "
    "SELECT COALESCE(dept_code, ''), state, COALESCE(sup_due, " NO_DUE "), "
    "COUNT(*) FROM kase WHERE sup_open = 1 GROUP BY 1, 2, 3";
/* How many rows of the summary and of a recount differ. */
static const char SQL_COUNT_DIFF[] =
    "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT dept_code, state, due, n "
    "FROM sup_open_count UNION ALL SELECT COALESCE(dept_code, ''), state, "
    "COALESCE(sup_due, " NO_DUE "), -COUNT(*) FROM kase WHERE sup_open = 1 "
    "GROUP BY 1, 2, 3) x GROUP BY dept_code, state, due "
    "HAVING SUM(n) <> 0) y";

static enum db_rc
count_row(struct stmt *q, struct pool *p, void *elem)
{
	struct sup_count	*c = elem;

	return stmt_row(q, p, "si", &c->key, &c->n);
}

enum db_rc
sup_by_state(struct db *db, struct pool *p, struct sup_count **v, size_t *n)
{
	return stmt_list(db_stmt(db, SQL_SUP_BY_STATE), p, count_row,
	    sizeof(**v), v, n);
}

static enum db_rc
open_row(struct stmt *q, struct pool *p, void *elem)
{
	struct sup_open	*o = elem;

	return stmt_row(q, p, "ssiiii", &o->dept_code, &o->state, &o->n,
	    &o->red, &o->yellow, &o->green);
}

enum db_rc
sup_open_counts(struct db *db, struct pool *p, const struct calendar *c,
    cal_day today, struct sup_open **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OPEN_COUNTS);
	deadline_light_bind(q, 0, p, c, today);
	return stmt_list(q, p, open_row, sizeof(**v), v, n);
}

enum db_rc
sup_red_today(struct db *db, struct pool *p, cal_day today,
    struct sup_count **v, size_t *n)
{
	struct stmt	*q;
	char		*d = cal_day_str(p, today);

	q = db_stmt(db, SQL_RED_TODAY);
	stmt_bind_text(q, 0, d);
	stmt_bind_text(q, 1, d);
	return stmt_list(q, p, count_row, sizeof(**v), v, n);
}

static enum db_rc
dept_row(struct stmt *q, struct pool *p, void *elem)
{
	struct sup_dept	*d = elem;

	return stmt_row(q, p, "ssss", &d->code, &d->name, &d->hall_code,
	    &d->hall_name);
}

enum db_rc
sup_depts(struct db *db, struct pool *p, struct sup_dept **v, size_t *n)
{
	return stmt_list(db_stmt(db, SQL_DEPTS), p, dept_row, sizeof(**v),
	    v, n);
}

static enum db_rc
case_row(struct stmt *q, struct pool *p, void *elem)
{
	struct sup_case	*k = elem;

	return stmt_row(q, p, "issssssss", &k->id, &k->app_no, &k->item_name,
	    &k->applicant_name, &k->state, &k->dept_code, &k->received_at,
	    &k->key_at, &k->due);
}

enum db_rc
sup_oldest(struct db *db, struct pool *p, size_t n, struct sup_case **v,
    size_t *nv)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OLDEST);
	stmt_bind_int(q, 0, (int64_t)n);
	return stmt_list(q, p, case_row, sizeof(**v), v, nv);
}

enum db_rc
sup_cases(struct db *db, struct pool *p, const struct sup_query *sq,
    const struct calendar *c, cal_day today, struct sup_page *pg)
{
	struct stmt	*q;
	struct sup_case	 k;
	enum db_rc	 rc;
	cal_day		 yf, gf;
	const char	*lo = NULL, *hi = NULL;
	unsigned	 at = 0;
	size_t		 cap = 0;

	memset(pg, 0, sizeof(*pg));
	deadline_light_bounds(c, today, &yf, &gf);
	switch (sq->light) {
	case LIGHT_RED:
		lo = "1000-01-01";
		hi = cal_day_str(p, yf - 1);
		break;
	case LIGHT_YELLOW:
		lo = cal_day_str(p, yf);
		hi = cal_day_str(p, gf - 1);
		break;
	case LIGHT_GREEN:
		lo = cal_day_str(p, gf);
		hi = "9999-12-30";
		break;
	default:
		break;
	}
	if (sq->warned != NULL) {
		q = db_stmt(db, SQL_WARNED_LIST);
		stmt_bind_text(q, at++, sq->warned);
		stmt_bind_text(q, at++, sq->warned);
	} else
		q = db_stmt(db, SQL_OPEN_LIST);
	stmt_bind_pair(q, at, sq->dept);
	stmt_bind_pair(q, at + 2, sq->hall);
	stmt_bind_pair(q, at + 4, sq->state);
	stmt_bind_pair(q, at + 6, lo);
	if (hi != NULL)
		stmt_bind_text(q, at + 8, hi);
	else
		stmt_bind_null(q, at + 8);
	stmt_bind_pair(q, at + 9, sq->after_at);
	stmt_bind_text(q, at + 11, sq->after_at ? sq->after_at : "");
	stmt_bind_int(q, at + 12, sq->after_id);
	/* One more than a page says whether there is a next page. */
	stmt_bind_int(q, at + 13, SUP_PAGE + 1);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = case_row(q, p, &k)) == DB_OK) {
		if (pg->n == SUP_PAGE) {
			pg->next_at = pg->cases[pg->n - 1].key_at;
			pg->next_id = pg->cases[pg->n - 1].id;
			continue;
		}
		*(struct sup_case *)pool_push(p, &pg->cases, &pg->n, &cap,
		    sizeof(k)) = k;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

static enum db_rc
op_row(struct stmt *q, struct pool *p, void *elem)
{
	struct staff_op	*o = elem;

	return stmt_row(q, p, "isssssssiss", &o->id, &o->at, &o->key_at,
	    &o->login, &o->staff_name, &o->dept_code, &o->kind, &o->label,
	    &o->case_id, &o->app_no, &o->addr);
}

enum db_rc
staff_ops(struct db *db, struct pool *p, const struct staff_op_query *oq,
    struct staff_op_page *pg)
{
	struct stmt	*q;
	struct staff_op	 o;
	enum db_rc	 rc;
	size_t		 cap = 0;

	memset(pg, 0, sizeof(*pg));
	q = db_stmt(db, SQL_OPS);
	stmt_bind_pair(q, 0, oq->staff);
	stmt_bind_pair(q, 2, oq->dept);
	stmt_bind_pair(q, 4, oq->day);
	stmt_bind_text(q, 6, oq->day ? oq->day : "");
	stmt_bind_pair(q, 7, oq->before_at);
	stmt_bind_text(q, 9, oq->before_at ? oq->before_at : "");
	stmt_bind_int(q, 10, oq->before_id);
	stmt_bind_int(q, 11, STAFF_OP_PAGE + 1);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = op_row(q, p, &o)) == DB_OK) {
		if (pg->n == STAFF_OP_PAGE) {
			pg->next_at = pg->ops[pg->n - 1].key_at;
			pg->next_id = pg->ops[pg->n - 1].id;
			continue;
		}
		*(struct staff_op *)pool_push(p, &pg->ops, &pg->n, &cap,
		    sizeof(o)) = o;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

const char *
staff_op_kind_label(const char *kind)
{
	static const struct {
		const char	*kind, *label;
	} v[] = {
		{ "login", "登录" },
		{ "act", "办理" },
		{ "opinion", "签署意见" },
		{ "doc", "出具文书" },
		{ "urge", "催办" },
		{ "delegate", "委托" },
	};
	size_t	 i;

	for (i = 0; kind != NULL && i < sizeof(v) / sizeof(v[0]); i++)
		if (strcmp(v[i].kind, kind) == 0)
			return v[i].label;
	return kind;
}

enum db_rc
staff_op_login(struct db *db, const struct user *u, const char *addr)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_OP_LOGIN);
	stmt_bind_int(q, 0, u->id);
	stmt_bind_text(q, 1, u->name);
	stmt_bind_text(q, 2, u->dept_code ? u->dept_code : "");
	if (addr != NULL && *addr != '\0' && strlen(addr) <= 45)
		stmt_bind_text(q, 3, addr);
	else
		stmt_bind_null(q, 3);
	return stmt_run(q) == DB_OK ? DB_OK : DB_ERR;
}

static enum db_rc
xchg_row(struct stmt *q, struct pool *p, void *elem)
{
	struct sup_xchg	*x = elem;
	char		*dir, *taken;
	enum db_rc	 rc;

	if ((rc = stmt_row(q, p, "ssssiss", &dir, &x->kind, &x->at, &taken,
	    &x->seq, &x->hash, &x->bundle_at)) == DB_OK) {
		x->in = dir != NULL && strcmp(dir, "in") == 0;
		x->aside = taken != NULL && strcmp(taken, "aside") == 0;
		x->label = sup_xchg_label(x->kind, x->in);
	}
	return rc;
}

enum db_rc
sup_case_exchange(struct db *db, struct pool *p, const char *app_no,
    struct sup_xchg **v, size_t *n)
{
	struct stmt	*q;

	q = db_stmt(db, SQL_EXCHANGE);
	stmt_bind_text(q, 0, app_no);
	stmt_bind_text(q, 1, app_no);
	return stmt_list(q, p, xchg_row, sizeof(**v), v, n);
}

const char *
sup_xchg_label(const char *kind, int in)
{
	static const struct {
		const char	*kind, *in, *out;
	} v[] = {
		{ "application", "申请人在外网提交的申请", "申请" },
		{ "application.withdraw", "申请人撤回申请", "撤回申请" },
		{ "application.correct", "申请人提交的补正材料", "补正材料" },
		{ "complaint", "涉及本件的投诉", "投诉" },
		{ "case.event", "办件进度", "办理进度（告知申请人）" },
		{ "case.fee", "收费", "收费通知（告知申请人）" },
		{ "pub.result", "办结公示", "办结公示" },
	};
	size_t	 i;

	for (i = 0; kind != NULL && i < sizeof(v) / sizeof(v[0]); i++)
		if (strcmp(v[i].kind, kind) == 0)
			return in ? v[i].in : v[i].out;
	return kind;
}

enum db_rc
sup_rebuild(struct db *db, struct pool *p, int64_t *n)
{
	*n = 0;
	if (db_begin(db) != DB_OK)
		return DB_ERR;
	if (stmt_one(db_stmt(db, SQL_HOLD_OPEN), p, "i", n) != DB_OK ||
	    stmt_run(db_stmt(db, SQL_COUNT_CLEAR)) != DB_OK ||
	    stmt_run(db_stmt(db, SQL_COUNT_FILL)) != DB_OK) {
		db_rollback(db);
		return DB_ERR;
	}
	return db_commit(db);
}

int
sup_check(struct db *db, struct pool *p)
{
	int64_t	 n;

	if (stmt_one(db_stmt(db, SQL_COUNT_DIFF), p, "i", &n) != DB_OK)
		return -1;
	return n == 0;
}
