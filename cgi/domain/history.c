/*
 * history.c: the generated history of history.h.  Owns kase.demo and the
 * generated rows; writes the tables of flow.c, deadline.c and fee.c in
 * bulk the way their code writes them one case at a time.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "application.h"
#include "calendar.h"
#include "catalog.h"
#include "chain.h"
#include "clock.h"
#include "crypto.h"
#include "deadline.h"
#include "exchange.h"
#include "files.h"
#include "history.h"
#include "ids.h"
#include "log.h"
#include "perf.h"
#include "pii.h"
#include "request.h"
#include "sealed.h"
#include "supervision.h"
#include "vocab.h"
#include "wfnet.h"

#define BATCH		5000	/* cases a transaction */
#define DAY_SECS	86400

/* Where a step stands in its procedure, as flow.c's step_at() says. */
enum hat { H_FIRST, H_MIDDLE, H_LAST };

static const char SQL_STAFF[] =
    "SELECT s.id, s.name, s.roles, d.code FROM staff s "
    "JOIN department d ON d.id = s.dept_id WHERE s.active = 1 "
    "ORDER BY s.id";
static const char SQL_DEPTS[] =
    "SELECT code, name, abbr FROM department ORDER BY id";
static const char SQL_COUNTERS[] =
    "SELECT abbr, kind, year, next FROM doc_counter FOR UPDATE";
static const char SQL_COUNTER_SET[] =
    "INSERT INTO doc_counter (abbr, kind, year, next) VALUES (?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE next = VALUES(next)";
static const char SQL_MAX_CASE[] =
    "SELECT COALESCE(MAX(id), 0) FROM kase";
static const char SQL_MAX_OPINION[] =
    "SELECT COALESCE(MAX(id), 0) FROM opinion";
static const char SQL_MAX_WARNING[] =
    "SELECT COALESCE(MAX(id), 0) FROM deadline_warning";

static const char LOAD_KASE[] =
    "LOAD DATA LOCAL INFILE 'kase' INTO TABLE kase CHARACTER SET utf8mb4 "
    "(id, app_no, source, item_id, item_code, item_version, item_name, "
    "applicant_name, id_sealed, mobile_sealed, remark, state, step_seq, "
    "submitted_at, received_at, accepted_at, decided_at, intake_due, "
    "promised_due, statutory_due, extended_days, extended_at, paused_days, "
    "correct_asked_at, corrected_at, demo)";
static const char LOAD_EVENT[] =
    "LOAD DATA LOCAL INFILE 'case_event' INTO TABLE case_event "
    "CHARACTER SET utf8mb4 (case_id, seq, at, action, label, state, "
    "staff_id, staff_name, note)";
static const char LOAD_OPINION[] =
    "LOAD DATA LOCAL INFILE 'opinion' INTO TABLE opinion "
    "CHARACTER SET utf8mb4 (id, case_id, step_seq, step_key, step_name, "
    "staff_id, staff_name, verdict, text, signed_at, prev_hash, hash, demo)";
static const char LOAD_DOCUMENT[] =
    "LOAD DATA LOCAL INFILE 'document' INTO TABLE document "
    "CHARACTER SET utf8mb4 (app_no, kind, doc_no, title, body, issued_at, "
    "issued_by)";
static const char LOAD_TASK[] =
    "LOAD DATA LOCAL INFILE 'case_task' INTO TABLE case_task "
    "CHARACTER SET utf8mb4 (case_id, step_key, role, dept_code, since, "
    "due_date, paused_days)";
static const char LOAD_TOKEN[] =
    "LOAD DATA LOCAL INFILE 'case_token' INTO TABLE case_token "
    "CHARACTER SET utf8mb4 (case_id, edge, tokens)";
static const char LOAD_HAND[] =
    "LOAD DATA LOCAL INFILE 'case_hand' INTO TABLE case_hand "
    "CHARACTER SET utf8mb4 (case_id, staff_id, step_key)";
static const char LOAD_CORR[] =
    "LOAD DATA LOCAL INFILE 'case_correction' INTO TABLE case_correction "
    "CHARACTER SET utf8mb4 (case_id, material_seq, material_name, reason)";
static const char LOAD_SUSP[] =
    "LOAD DATA LOCAL INFILE 'case_suspension' INTO TABLE case_suspension "
    "CHARACTER SET utf8mb4 (case_id, kind, reason, expected_days, began_on, "
    "began_by, ended_on, ended_by, paused_days)";
static const char LOAD_REPORT[] =
    "LOAD DATA LOCAL INFILE 'case_report' INTO TABLE case_report "
    "CHARACTER SET utf8mb4 (case_id, authority, reason, reported_on, "
    "reported_by, decision, upper_doc_no, decided_on, summary, "
    "recorded_by)";
static const char LOAD_FEE[] =
    "LOAD DATA LOCAL INFILE 'case_fee' INTO TABLE case_fee "
    "CHARACTER SET utf8mb4 (case_id, kind, amount, days, due_date, state, "
    "doc_no, set_by, set_by_name, set_at, receipt_no, paid_by, "
    "paid_by_name, paid_at)";
static const char LOAD_URGE[] =
    "LOAD DATA LOCAL INFILE 'case_urge' INTO TABLE case_urge "
    "CHARACTER SET utf8mb4 (case_id, step_key, staff_id, staff_name, note, "
    "at)";
static const char LOAD_ATT[] =
    "LOAD DATA LOCAL INFILE 'attachment' INTO TABLE attachment "
    "CHARACTER SET utf8mb4 (app_no, material_seq, round, material_name, "
    "file_name, sha256, size, mime)";
static const char LOAD_WARNING[] =
    "LOAD DATA LOCAL INFILE 'deadline_warning' INTO TABLE deadline_warning "
    "CHARACTER SET utf8mb4 (id, at, case_id, app_no, step_key, step_name, "
    "dept_code, holders, due_date, days_late, prev_hash, hash, demo)";

/* One table's rows of a batch, in LOAD DATA's text format. */
struct buf {
	char		*p;
	size_t		 n, cap;
	long		 rows;
	int		 first;
	int		 nomem;		/* a row did not fit: load nothing */
};

enum tbl { T_KASE, T_EVENT, T_OPINION, T_DOCUMENT, T_TASK, T_TOKEN, T_HAND,
	T_CORR, T_SUSP, T_REPORT, T_FEE, T_URGE, T_ATT, T_WARNING, T_COUNT };

static const char *const loads[T_COUNT] = { LOAD_KASE, LOAD_EVENT,
	LOAD_OPINION, LOAD_DOCUMENT, LOAD_TASK, LOAD_TOKEN, LOAD_HAND,
	LOAD_CORR, LOAD_SUSP, LOAD_REPORT, LOAD_FEE, LOAD_URGE, LOAD_ATT,
	LOAD_WARNING };

struct hstaff {
	int64_t		 id;
	char		*name;
	unsigned	 roles;
	int		 dept;
};

struct hdept {
	char		*code, *name, *abbr;
	int		 series;	/* index of its abbreviation */
};

struct hstep {
	enum hat	 at;
	int		 dept;		/* acting department */
	int		*who;		/* staff indexes */
	size_t		 nwho;
	char		*holders;	/* as deadline.c names them */
	int		 back_way;	/* its first return edge's way, or 0 */
	const char	*back_name;	/* … and the step it leads to */
};

/* The demo file standing for every upload of one material (by name). */
struct hfile {
	char		 sha256[65];
	int64_t		 size;
	char		*material, *file_name;
};

struct hitem {
	struct item	 it;
	struct wf_net	 net;
	struct hstep	*st;
	struct hfile	**mat;		/* per material */
	int		*leaders;	/* the department's leaders (催办, 延期) */
	size_t		 nleaders;
	int		 dept;
	int		 weight;
};

/* The document kinds, in the order of the counters' index. */
static const char *const doc_kinds[] = { "accept", "reject", "approve",
	"deny", "withdraw", "extend", "correct", "special", "fee" };
#define NKINDS	(sizeof(doc_kinds) / sizeof(doc_kinds[0]))

struct gen {
	struct db		*db;
	struct pool		*pool, *scratch;
	struct calendar		 cal;
	time_t			 now;
	cal_day			 today, first, last;
	struct hstaff		*staff;
	size_t			 nstaff;
	struct hdept		*dept;
	size_t			 ndept;
	char			**abbr;		/* the series' abbreviations */
	size_t			 nabbr;
	struct hitem		*items;
	size_t			 nitems;
	int			 total_weight;
	int			 y0, ny;	/* years of the counters */
	int64_t			*counter;	/* [abbr][kind][year] */
	unsigned char		*dirty;
	uint64_t		 rng;
	struct buf		 b[T_COUNT];
	int64_t			 next_case, next_opinion, next_warning;
	const unsigned char	*key;
	const char		*files_dir;
	struct hfile		**files;	/* one per material name */
	size_t			 nfiles, files_cap;
	char			 op_prev[CHAIN_MAC_HEX];
	char			 wa_prev[CHAIN_MAC_HEX];
	/* Why the batch must store nothing: one of our own invariants
	 * broke, or memory ran short outside the row buffers. */
	const char		*broken;
	struct history_stats	*stats;
};

/* One case while it is made. */
struct hcase {
	int64_t		 id;
	char		 app_no[32];
	struct hitem	*hi;
	char		 name[32], idno[20], mobile[12];
	const char	*source, *state;
	time_t		 sub, rec, last, accepted, decided;
	time_t		 corr_asked, corrected, extended_at;
	cal_day		 clock_day;
	int		 step_seq, paused, seq, ended, ncorr, extended;
	json_t		*mats;		/* the documents' list of materials */
	struct wf_marking m;
	time_t		 since[WF_MAX_STEPS];
	int		 tpaused[WF_MAX_STEPS];
	int		 on[WF_MAX_STEPS];	/* a task waits */
	int		 hand[WF_MAX_STEPS];	/* staff index, or -1 */
	cal_day		 warned[WF_MAX_STEPS];	/* the due date warned of */
	int64_t		 hands[WF_MAX_STEPS * 2];
	const char	*hand_key[WF_MAX_STEPS * 2];
	size_t		 nhands;
};

/* ------------------------------------------------------------------ */
/* Random numbers, names, numbers                                      */
/* ------------------------------------------------------------------ */

static uint64_t
rnd(struct gen *g)
{
	uint64_t	 x = g->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	g->rng = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* 0 … n-1 */
static int
pick(struct gen *g, int n)
{
	return n <= 1 ? 0 : (int)(rnd(g) % (uint64_t)n);
}

/* 1 with probability pct percent. */
static int
chance(struct gen *g, int pct)
{
	return pick(g, 1000) < pct * 10;
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
	"林", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "于", "董", "萧",
	"程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "白", "包",
	"乌", "宝", "那", "敖", "苏", "云" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强",
	"磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
	"平", "刚", "桂英", "建华", "志强", "海燕", "晓梅", "春梅", "立新",
	"玉兰", "国庆", "文斌", "雪", "红", "丹", "鑫", "宇", "浩然", "子涵" };
static const char *const mongol[] = { "巴特尔", "其木格", "乌兰", "萨仁高娃",
	"斯琴", "额尔敦", "敖登", "图雅", "娜仁", "苏和", "宝音", "朝鲁",
	"阿拉坦仓", "乌日娜", "巴雅尔", "孟和", "哈斯", "吉雅", "塔娜", "格日勒图",
	"那顺", "布和", "达来", "乌力吉", "毕力格", "额日和木", "斯日古楞",
	"包金花", "特木尔", "满都拉" };

static void
make_person(struct gen *g, struct hcase *c)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
				    10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	cal_day			 birth;
	char			 ymd[CAL_DAY_BUF];
	int			 i, sum = 0;

	if (chance(g, 35))
		snprintf(c->name, sizeof(c->name), "%s",
		    mongol[pick(g, (int)(sizeof(mongol) / sizeof(*mongol)))]);
	else
		snprintf(c->name, sizeof(c->name), "%s%s",
		    surnames[pick(g, (int)(sizeof(surnames) /
		    sizeof(*surnames)))], given[pick(g, (int)(sizeof(given) /
		    sizeof(*given)))]);
	/* Born 18 to 80 years before now, in the demo region 152502. */
	birth = g->today - 18 * 365 - pick(g, 62 * 365);
	cal_day_format(birth, ymd);
	snprintf(c->idno, sizeof(c->idno), "152502%.4s%.2s%.2s%03d", ymd,
	    ymd + 5, ymd + 8, 1 + pick(g, 998));
	for (i = 0; i < 17; i++)
		sum += (c->idno[i] - '0') * w[i];
	c->idno[17] = check[sum % 11];
	c->idno[18] = '\0';
	snprintf(c->mobile, sizeof(c->mobile), "1%d%09d", 3 + pick(g, 7),
	    pick(g, 1000000000));
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

/* Room for n more bytes; 0, or -1 (b->nomem set) when it cannot be had. */
static int
b_need(struct buf *b, size_t n)
{
	char	*p;
	size_t	 cap;

	if (b->nomem)
		return -1;
	if (b->n + n <= b->cap)
		return 0;
	cap = (b->n + n) * 2 + 65536;
	if ((p = realloc(b->p, cap)) == NULL) {
		b->nomem = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

static int
b_sep(struct buf *b)
{
	if (b_need(b, 1) == -1)
		return -1;
	if (!b->first)
		b->p[b->n++] = '\t';
	b->first = 0;
	return 0;
}

/* A text field, escaped for LOAD DATA. */
static void
b_text(struct buf *b, const char *s)
{
	if (b_sep(b) == -1 || b_need(b, 2 * strlen(s)) == -1)
		return;
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '\t' || *s == '\n') {
			b->p[b->n++] = '\\';
			b->p[b->n++] = *s == '\t' ? 't' : *s == '\n' ? 'n' :
			    '\\';
		} else
			b->p[b->n++] = *s;
	}
}

static void
b_int(struct buf *b, int64_t v)
{
	char	 s[24];

	snprintf(s, sizeof(s), "%lld", (long long)v);
	b_text(b, s);
}

static void
b_null(struct buf *b)
{
	if (b_sep(b) == -1 || b_need(b, 2) == -1)
		return;
	b->p[b->n++] = '\\';
	b->p[b->n++] = 'N';
}

static void
b_end(struct buf *b)
{
	if (b_need(b, 1) == -1)
		return;
	b->p[b->n++] = '\n';
	b->first = 1;
	b->rows++;
}

/* UTC "YYYY-MM-DD HH:MM:SS". */
static char *
utc(struct gen *g, time_t t)
{
	struct tm	 tm;
	char		 s[24];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S", &tm);
	return pool_strdup(g->scratch, s);
}

/* Beijing "YYYY-MM-DD HH:MM", as flow.c's LOCAL() shows it. */
static char *
local(struct gen *g, time_t t)
{
	struct tm	 tm;
	time_t		 b = t + 8 * 3600;
	char		 s[24];

	gmtime_r(&b, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M", &tm);
	return pool_strdup(g->scratch, s);
}

static void
b_time(struct gen *g, struct buf *b, time_t t)
{
	if (t == 0)
		b_null(b);
	else
		b_text(b, utc(g, t));
}

static void
b_day(struct gen *g, struct buf *b, cal_day d)
{
	b_text(b, cal_day_str(g->scratch, d));
}

/* ------------------------------------------------------------------ */
/* Time                                                                */
/* ------------------------------------------------------------------ */

/* A moment in working hours (08:30 to 17:30 Beijing) of day d. */
static time_t
at_work(struct gen *g, cal_day d)
{
	return cal_day_start(d) + 8 * 3600 + 1800 + pick(g, 9 * 3600);
}

static cal_day
wd_add(struct gen *g, cal_day d, int n)
{
	return cal_add(&g->cal, d, n, NULL);
}

/* The next moment of case c at or after t: its events keep their order. */
static time_t
after(struct gen *g, struct hcase *c, time_t t)
{
	if (t <= c->last)
		t = c->last + 60 + pick(g, 900);
	return t;
}

static cal_day
task_due(struct gen *g, const struct hcase *c, size_t i)
{
	return wd_add(g, cal_day_of(c->since[i]),
	    c->hi->it.steps[i].days + c->tpaused[i]);
}

/* ------------------------------------------------------------------ */
/* What a case writes                                                  */
/* ------------------------------------------------------------------ */

static void
event(struct gen *g, struct hcase *c, time_t t, const char *action,
    const char *label, const char *state, int who, const char *note)
{
	struct buf	*b = &g->b[T_EVENT];

	b_int(b, c->id);
	b_int(b, ++c->seq);
	b_time(g, b, t);
	b_text(b, action);
	b_text(b, label);
	b_text(b, state);
	if (who >= 0)
		b_int(b, g->staff[who].id);
	else
		b_null(b);
	b_text(b, who >= 0 ? g->staff[who].name : "系统");
	b_text(b, note);
	b_end(b);
	c->state = state;
	c->last = t;
	g->stats->events++;
}

static void
hand(struct gen *g, struct hcase *c, int who, size_t i)
{
	const char	*key = c->hi->it.steps[i].key;
	size_t		 j;

	c->hand[i] = who;
	for (j = 0; j < c->nhands; j++)
		if (c->hands[j] == g->staff[who].id &&
		    strcmp(c->hand_key[j], key) == 0)
			return;
	if (c->nhands < sizeof(c->hands) / sizeof(c->hands[0])) {
		c->hands[c->nhands] = g->staff[who].id;
		c->hand_key[c->nhands++] = key;
	}
}

static void
opinion(struct gen *g, struct hcase *c, time_t t, size_t i, int who,
    const char *verdict, const char *text)
{
	const struct step	*s = &c->hi->it.steps[i];
	struct buf		*b = &g->b[T_OPINION];
	char			 mac[CHAIN_MAC_HEX], *at, *cid, *seq, *sid;
	int64_t			 id = ++g->next_opinion;

	at = utc(g, t);
	cid = pool_printf(g->scratch, "%lld", (long long)c->id);
	seq = pool_printf(g->scratch, "%d", s->seq);
	sid = pool_printf(g->scratch, "%lld", (long long)g->staff[who].id);
	if (chain_mac(g->key, chain_name(CHAIN_DEMO_OPINION), g->op_prev,
	    (const char *[]){ cid, seq, s->key, s->name, sid,
	    g->staff[who].name, verdict, text, at }, 9, mac) == -1)
		g->broken = "out of memory for an opinion's MAC";
	b_int(b, id);
	b_text(b, cid);
	b_text(b, seq);
	b_text(b, s->key);
	b_text(b, s->name);
	b_text(b, sid);
	b_text(b, g->staff[who].name);
	b_text(b, verdict);
	b_text(b, text);
	b_text(b, at);
	b_text(b, g->op_prev);
	b_text(b, mac);
	b_int(b, 1);
	b_end(b);
	memcpy(g->op_prev, mac, sizeof(mac));
	g->stats->opinions++;
}

/* Document of kind, issued at t by department dept, signed by signer;
 * extra (stolen) adds to its body.  Returns its number. */
static char *
document(struct gen *g, struct hcase *c, time_t t, int dept,
    const char *kind, const char *signer, const char *text, json_t *extra)
{
	const struct vocab_doc	*dk = vocab_doc_kind(kind);
	struct buf		*b = &g->b[T_DOCUMENT];
	json_t			*body;
	cal_day			 day = cal_day_of(t);
	size_t			 k, at;
	int64_t			 n;
	char			*no, *s;
	int			 year = cal_year(day);

	for (k = 0; k < NKINDS && strcmp(doc_kinds[k], kind) != 0; k++)
		continue;
	at = ((size_t)g->dept[dept].series * NKINDS + k) * (size_t)g->ny +
	    (size_t)(year - g->y0);
	n = ++g->counter[at];
	g->dirty[at] = 1;
	no = pool_printf(g->scratch, "%s%s〔%d〕%04lld号", g->dept[dept].abbr,
	    dk->prefix, year, (long long)n);
	body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, "
	    "s:O, s:s}", "dept_name", g->dept[dept].name, "applicant_name",
	    c->name, "item_name", c->hi->it.name, "app_no", c->app_no,
	    "received_at", local(g, c->rec), "promised_days",
	    c->hi->it.promised_days, "due_date", cal_day_str(g->scratch,
	    wd_add(g, day, c->hi->it.promised_days)),
	    strcmp(kind, "approve") == 0 ? "opinion" : "reason", text,
	    "signer", signer, "materials", c->mats, "submitted_at",
	    local(g, c->sub));
	if (body == NULL || (extra != NULL && json_object_update(body,
	    extra) != 0) || (s = json_dumps(body, JSON_COMPACT |
	    JSON_SORT_KEYS)) == NULL) {
		/* Our own text, always UTF-8: memory ran short.  The batch
		 * stores nothing (b->nomem). */
		b->nomem = 1;
		json_decref(extra);
		json_decref(body);
		return no;
	}
	json_decref(extra);
	json_decref(body);
	b_text(b, c->app_no);
	b_text(b, kind);
	b_text(b, no);
	b_text(b, dk->title);
	b_text(b, s);
	b_time(g, b, t);
	b_text(b, g->dept[dept].name);
	b_end(b);
	free(s);
	g->stats->documents++;
	return no;
}

/* The warning the tick wrote when step i of c went red, if it did
 * before end (the step left then, or is still waiting at now). */
static void
late_check(struct gen *g, struct hcase *c, size_t i, time_t end)
{
	const struct step	*s = &c->hi->it.steps[i];
	struct buf		*b = &g->b[T_WARNING];
	cal_day			 due = task_due(g, c, i), w;
	time_t			 at;
	char			 mac[CHAIN_MAC_HEX], *ats, *cid, *dues;
	const char		*holders = c->hi->st[i].holders;
	int64_t			 id;

	if (c->warned[i] == due ||
	    cal_between(&g->cal, due, cal_day_of(end), NULL) < 1)
		return;
	/* The first working day after the deadline, a minute after its
	 * start: the tick's first run that day. */
	w = wd_add(g, due, 1);
	at = cal_day_start(w) + 60 + pick(g, 120);
	if (at > end || at > g->now)
		return;
	c->warned[i] = due;
	id = ++g->next_warning;
	ats = utc(g, at);
	cid = pool_printf(g->scratch, "%lld", (long long)c->id);
	dues = cal_day_str(g->scratch, due);
	if (chain_mac(g->key, chain_name(CHAIN_DEMO_DEADLINE_WARNING),
	    g->wa_prev, (const char *[]){ ats, cid, c->app_no, s->key,
	    s->name, s->dept_code, holders, dues, "1" }, 9, mac) == -1)
		g->broken = "out of memory for a warning's MAC";
	b_int(b, id);
	b_text(b, ats);
	b_text(b, cid);
	b_text(b, c->app_no);
	b_text(b, s->key);
	b_text(b, s->name);
	b_text(b, s->dept_code);
	b_text(b, holders);
	b_text(b, dues);
	b_int(b, 1);
	b_text(b, g->wa_prev);
	b_text(b, mac);
	b_int(b, 1);
	b_end(b);
	memcpy(g->wa_prev, mac, sizeof(mac));
	g->stats->warnings++;
}

/* Someone who may act at step i of c: not one who acted at another of
 * its steps (回避), when the department has anyone else. */
static int
actor(struct gen *g, struct hcase *c, size_t i)
{
	const struct hstep	*st = &c->hi->st[i];
	size_t			 j, k, tries;
	int			 who;

	if (c->hand[i] >= 0)
		return c->hand[i];
	for (tries = 0; tries < 8; tries++) {
		who = st->who[pick(g, (int)st->nwho)];
		for (j = 0, k = 0; j < c->hi->net.nsteps; j++)
			if (j != i && c->hand[j] == who)
				k++;
		if (k == 0)
			return who;
	}
	return st->who[0];
}

/* A clerk of the item's department (who takes a fee at the window). */
static int
clerk_of(struct gen *g, struct hcase *c)
{
	size_t	 i;

	for (i = 0; i < c->hi->net.nsteps; i++)
		if (c->hi->st[i].at == H_FIRST)
			return actor(g, c, i);
	return c->hi->st[0].who[0];
}

/* Fire step i of c the given way (wf_ways()) at t: tasks leave and
 * arrive as save_state() says. */
static void
fire(struct gen *g, struct hcase *c, size_t i, int way, time_t t)
{
	struct wf_marking	 next;
	size_t			 j;

	if (wf_fire(&c->hi->net, &c->m, i, way, &next) == -1) {
		g->broken = "a step fired that was not enabled";
		return;
	}
	c->m = next;
	for (j = 0; j < c->hi->net.nsteps; j++) {
		int en = wf_ways(&c->hi->net, &c->m, j) > 0;

		if (en && (!c->on[j] || j == i)) {
			c->since[j] = t;
			c->tpaused[j] = 0;
		}
		c->on[j] = en;
	}
}

/* Every waiting step leaves at t (the case ended). */
static void
close_all(struct gen *g, struct hcase *c, time_t t, int warn)
{
	size_t	 j;

	for (j = 0; j < c->hi->net.nsteps; j++) {
		if (c->on[j] && warn)
			late_check(g, c, j, t);
		c->on[j] = 0;
	}
	memset(&c->m, 0, sizeof(c->m));
	c->ended = 1;
}

/* What an event calls transition tlabel at step s (flow.c act_locked()). */
static const char *
step_label(struct gen *g, const struct step *s, const char *tlabel)
{
	return strcmp(s->name, tlabel) == 0 ? tlabel :
	    pool_printf(g->scratch, "%s·%s", s->name, tlabel);
}

/* "12.50" for 1250 fen. */
static char *
yuan(struct gen *g, int fen)
{
	return pool_printf(g->scratch, "%d.%02d", fen / 100, fen % 100);
}

/* The fee of c set at step i at t (fee.c, flow.c case_fee_set()): its
 * notice and event; returns the notice's number. */
static char *
fee_set(struct gen *g, struct hcase *c, size_t i, time_t t, int who,
    int amount, int days, cal_day due)
{
	const struct item	*it = &c->hi->it;
	char			*doc_no, *dues = cal_day_str(g->scratch, due);

	doc_no = document(g, c, t, c->hi->st[i].dept, "fee",
	    g->staff[who].name, pool_printf(g->scratch, "%s %s 元",
	    it->fee_kind, yuan(g, amount)), json_pack("{s:s, s:i, s:i, s:s}",
	    "fee_kind", it->fee_kind, "fee_amount", amount, "fee_days", days,
	    "fee_due", dues));
	event(g, c, t, "fee", "核定收费，出具缴费通知书", c->state, who,
	    pool_printf(g->scratch, "%s %s 元，请于 %s 前缴纳；逾期未缴纳的，"
	    "依照规定作出不予许可的决定。", it->fee_kind, yuan(g, amount),
	    dues));
	return doc_no;
}

/* Its case_fee row as it stands now: paid (at paid_at by clerk) or not. */
static void
fee_row(struct gen *g, struct hcase *c, time_t t, int who, int amount,
    int days, cal_day due, const char *doc_no, const char *state,
    const char *receipt, int clerk, time_t paid_at)
{
	struct buf	*b = &g->b[T_FEE];

	b_int(b, c->id);
	b_text(b, c->hi->it.fee_kind);
	b_int(b, amount);
	b_int(b, days);
	b_day(g, b, due);
	b_text(b, state);
	b_text(b, doc_no);
	b_int(b, g->staff[who].id);
	b_text(b, g->staff[who].name);
	b_time(g, b, t);
	if (strcmp(state, "paid") == 0) {
		b_text(b, receipt);
		b_int(b, g->staff[clerk].id);
		b_text(b, g->staff[clerk].name);
		b_time(g, b, paid_at);
	} else {
		b_null(b);
		b_null(b);
		b_null(b);
		b_null(b);
	}
	b_end(b);
}

/* Step i of c acts at t (action, labelled tlabel): its tokens move, and
 * the case is approved when its procedure is complete. */
static void
advance(struct gen *g, struct hcase *c, size_t i, time_t t, int who,
    const char *action, const char *tlabel, const char *text)
{
	const struct step	*s = &c->hi->it.steps[i];
	const char		*label = step_label(g, s, tlabel);

	fire(g, c, i, 0, t);
	if (wf_complete(&c->hi->net, &c->m)) {
		event(g, c, t, action, label, "approved", who, text);
		c->decided = t;
		close_all(g, c, t, 0);
	} else
		event(g, c, t, action, label, "processing", who, text);
	hand(g, c, who, i);
	c->step_seq = s->seq;
}

/* When the holder of step i acts: within its limit, or late. */
static time_t
act_time(struct gen *g, struct hcase *c, size_t i, int late, time_t from)
{
	cal_day		 s = cal_day_of(from), due = task_due(g, c, i), d;
	time_t		 t;
	int		 span;

	if (late)
		d = wd_add(g, due, 1 + pick(g, 3));
	else {
		span = cal_between(&g->cal, s, due, NULL);
		d = span > 0 ? wd_add(g, s, pick(g, span + 1)) : s;
		if (!cal_is_workday(&g->cal, d, NULL))
			d = wd_add(g, d, 1);
	}
	t = at_work(g, d);
	if (t < from + 600) {
		/* The same day, a little later; or the next working
		 * morning when the day is over (17:30 Beijing). */
		t = from + 600 + pick(g, 1800);
		if (t > cal_day_start(cal_day_of(from)) + 17 * 3600 + 1800)
			t = cal_day_start(wd_add(g, cal_day_of(from), 1)) +
			    8 * 3600 + 1800 + pick(g, 3600);
	}
	return after(g, c, t);
}

static const char *const sign_texts[] = {
	"经审查，申请材料齐全，符合法定形式，同意。",
	"经现场核查，情况属实，符合规定条件，同意。",
	"材料真实有效，符合相关规定，建议准予许可。",
	"已核实，同意办理。",
};
static const char *const deny_texts[] = {
	"经审查，申请人不具备法定条件，不予许可。",
	"现场核查不符合规定的条件，依法不予许可。",
	"申请事项不符合相关规划要求，不予许可。",
};
static const char *const reject_texts[] = {
	"申请事项依法不属于本机关职权范围，不予受理，请向有关机关申请。",
	"申请事项依法不需要取得行政许可，不予受理。",
};
static const char *const authorities[] = { "锡林郭勒盟行政审批和政务服务局",
	"内蒙古自治区市场监督管理局", "锡林郭勒盟自然资源局" };

static const char *const return_texts[] = {
	"审查意见对现场核查情况说明不充分，请补充后重新审查。",
	"申请材料与核查记录不一致，请重新核实后提出意见。",
	"审查意见未说明适用的条件，请补充后重新审查。",
};
static const char *const extend_texts[] = {
	"需要现场核查的事项较多，二十日内不能作出决定。",
	"涉及多个部门联合审查，经本机关负责人批准延长办理期限。",
	"申请事项情况复杂，需要进一步核实，经批准延长办理期限。",
};

/* A leader of the item's department (flow_leads()), or -1. */
static int
leader_of(struct gen *g, struct hcase *c)
{
	if (c->hi->nleaders == 0)
		return -1;
	return c->hi->leaders[pick(g, (int)c->hi->nleaders)];
}

/* 催办 of step i of c at t by a leader (flow.c case_urge()): its row
 * only, no event (the audit trail is not generated). */
static void
urge(struct gen *g, struct hcase *c, size_t i, time_t t, const char *note)
{
	struct buf	*b = &g->b[T_URGE];
	int		 who = leader_of(g, c);

	if (who < 0 || t <= c->since[i] || t > g->now)
		return;
	b_int(b, c->id);
	b_text(b, c->hi->it.steps[i].key);
	b_int(b, g->staff[who].id);
	b_text(b, g->staff[who].name);
	b_text(b, note);
	b_time(g, b, t);
	b_end(b);
	g->stats->urges++;
}

/* The materials of c as its documents list them (flow.c doc_make()):
 * the ones attached, in their order. */
static void
materials_list(struct gen *g, struct hcase *c, uint64_t attached)
{
	const struct item	*it = &c->hi->it;
	size_t			 k;

	json_decref(c->mats);
	c->mats = json_array();
	for (k = 0; k < it->nmaterials && k < 64; k++)
		if ((attached & ((uint64_t)1 << k)) != 0 &&
		    json_array_append_new(c->mats, json_pack("{s:s, s:s, s:s}",
		    "name", it->materials[k].name, "file_name",
		    c->hi->mat[k]->file_name, "original", "电子件")) != 0)
			g->broken = "out of memory for a materials list";
}

/* Material k of c attached in round (0 submitted, 1 补正): the row of
 * application.c attachment_add(), naming the material's demo file. */
static void
attach(struct gen *g, struct hcase *c, size_t k, int round)
{
	const struct material	*m = &c->hi->it.materials[k];
	const struct hfile	*f = c->hi->mat[k];
	struct buf		*b = &g->b[T_ATT];

	b_text(b, c->app_no);
	b_int(b, m->seq);
	b_int(b, round);
	b_text(b, m->name);
	b_text(b, f->file_name);
	b_text(b, f->sha256);
	b_int(b, f->size);
	b_text(b, "application/pdf");
	b_end(b);
	g->stats->attachments++;
}

/*
 * One case, from its submission on sub_day to where it stands now.  The
 * path is chosen first; the net decides the steps.
 */
static void
one_case(struct gen *g, struct hcase *c)
{
	const struct item	*it = &c->hi->it;
	size_t			 i, j, nsteps = c->hi->net.nsteps;
	time_t			 t, t2, withdraw_at = 0;
	int			 r = pick(g, 1000), who, n, late_step = -1;
	int			 corr = 0, reject = 0, deny = 0, susp = 0;
	int			 report = 0, withdraw = 0, fee = 0, lapse = 0;
	int			 deem = 0, extend = 0, ret = 0, k;
	uint64_t		 attached = 0;
	const char		*label;

	/* The paths, in thousandths. */
	if (r < 80)
		corr = 1;
	else if (r < 130)
		reject = 1;
	else if (r < 190)
		deny = 1;
	else if (r < 240)
		susp = 1;
	else if (r < 270)
		report = 1;
	else if (r < 310)
		withdraw = 1;
	else if (r < 325 && nsteps > 1)
		deem = 1;	/* nobody acted at intake in time */
	/* Extended once by a leader (Art. 42); sent back a step (回退). */
	extend = chance(g, 4);
	ret = chance(g, 5);
	if (it->fee_kind[0] != '\0' && chance(g, 60)) {
		fee = 1;
		lapse = chance(g, 10);
	}
	if (chance(g, 12) && nsteps > 1)
		late_step = 1 + pick(g, (int)nsteps - 1);

	/* Every required material, and most of the others, uploaded. */
	for (k = 0; k < (int)it->nmaterials && k < 64; k++)
		if (it->materials[k].required || chance(g, 60)) {
			attach(g, c, (size_t)k, 0);
			attached |= (uint64_t)1 << k;
		}
	materials_list(g, c, attached);
	event(g, c, c->rec, "receive", "内网收件", "received", -1, "");
	wf_initial(&c->hi->net, &c->m);
	for (j = 0; j < nsteps; j++) {
		c->on[j] = wf_ways(&c->hi->net, &c->m, j) > 0;
		c->since[j] = c->rec;
		c->hand[j] = -1;
	}
	if (withdraw)
		withdraw_at = at_work(g, wd_add(g, cal_day_of(c->rec),
		    1 + pick(g, 8)));
	while (!c->ended) {
		/* The step waiting longest. */
		for (i = nsteps, j = 0; j < nsteps; j++)
			if (c->on[j] && (i == nsteps ||
			    c->since[j] < c->since[i]))
				i = j;
		if (i == nsteps)
			break;
		const struct step *s = &it->steps[i];
		enum hat at = c->hi->st[i].at;

		who = actor(g, c, i);
		t = act_time(g, c, i, (int)i == late_step && at != H_FIRST,
		    c->since[i]);
		if (withdraw && withdraw_at < t && withdraw_at <= g->now &&
		    strcmp(c->state, "correcting") != 0) {
			t = after(g, c, withdraw_at);
			event(g, c, t, "withdraw", "申请人撤回申请，办理终止",
			    "withdrawn", -1, "因个人原因申请撤回。");
			document(g, c, t, c->hi->dept, "withdraw",
			    "一网通办系统", "因个人原因申请撤回。", NULL);
			c->decided = t;
			close_all(g, c, t, 1);
			break;
		}
		if (at == H_FIRST && deem && strcmp(c->state, "received") == 0) {
			/* The tick's first run on the first working day after
			 * the intake deadline (flow.c deem_one()). */
			cal_day due = wd_add(g, c->clock_day, INTAKE_DAYS);

			t = cal_day_start(wd_add(g, due, 1)) + 60 + pick(g, 120);
			if (t > g->now)
				break;
			deem = 0;
			t = after(g, c, t);
			late_check(g, c, i, t);
			fire(g, c, i, 0, t);
			event(g, c, t, "deem", pool_printf(g->scratch,
			    "%s·逾期视为受理", s->name), "processing", -1,
			    pool_printf(g->scratch, "受理期限（%s）已过，审批部门"
			    "未作出受理、不予受理或要求补正的决定，依照《中华人民"
			    "共和国行政许可法》第三十二条，自收到申请之日（%.10s）"
			    "起即为受理。", cal_day_str(g->scratch, due),
			    local(g, c->rec)));
			c->accepted = c->rec;
			c->step_seq = s->seq;
			continue;
		}
		if (t > g->now)
			break;
		if (at != H_FIRST && extend && c->extended == 0 &&
		    strcmp(c->state, "processing") == 0 &&
		    (k = leader_of(g, c)) >= 0) {
			/* Before the step acts, which it then does within
			 * its limit or as late as it was going to. */
			const char *why = extend_texts[pick(g, 3)];
			int days = 5 + pick(g, 6);
			cal_day pdue = wd_add(g, c->clock_day,
			    it->promised_days + c->paused + days);

			extend = 0;
			c->extended = days;
			c->extended_at = t;
			document(g, c, t, c->hi->dept, "extend",
			    g->staff[k].name, why, json_pack("{s:s, s:i}",
			    "due_date", cal_day_str(g->scratch, pdue),
			    "extended_days", days));
			event(g, c, t, "extend", pool_printf(g->scratch,
			    "延长办理期限 %d 个工作日", days), c->state, k, why);
			t = act_time(g, c, i, (int)i == late_step, t);
			if (t > g->now)
				break;
		}
		if (at == H_FIRST && corr && c->corr_asked == 0) {
			n = 1 + (it->nmaterials > 1 ? pick(g, 2) : 0);
			if (it->nmaterials == 0)
				n = 0;
			for (k = 0; k < n; k++) {
				struct buf *b = &g->b[T_CORR];
				b_int(b, c->id);
				b_int(b, it->materials[k].seq);
				b_text(b, it->materials[k].name);
				b_text(b, k == 0 ? "复印件不清晰，请重新上传清晰的"
				    "扫描件。" : "缺少签字（盖章），请补充后上传。");
				b_end(b);
			}
			c->ncorr = n;
			json_t *list = json_array();
			for (k = 0; k < n; k++)
				json_array_append_new(list, json_pack("{s:s, "
				    "s:s}", "name", it->materials[k].name,
				    "reason", k == 0 ? "复印件不清晰，请重新上传清晰"
				    "的扫描件。" : "缺少签字（盖章），请补充后上传。"));
			document(g, c, t, c->hi->st[i].dept, "correct",
			    g->staff[who].name, "", json_pack("{s:o}",
			    "corrections", list));
			event(g, c, t, "correct", pool_printf(g->scratch,
			    "%s·要求补正（%d 项材料）", s->name, n), "correcting",
			    who, "");
			c->corr_asked = t;
			late_check(g, c, i, t);
			c->on[i] = 0;
			t2 = at_work(g, wd_add(g, cal_day_of(t),
			    1 + pick(g, 5)));
			if (t2 > g->now)
				break;
			t2 = after(g, c, t2);
			for (k = 0; k < n && k < 64; k++) {
				attach(g, c, (size_t)k, 1);
				attached |= (uint64_t)1 << k;
			}
			materials_list(g, c, attached);
			event(g, c, t2, "corrected", pool_printf(g->scratch,
			    "申请人提交补正材料（%d 项）", n), "received", -1, "");
			c->corrected = t2;
			c->clock_day = cal_day_of(t2);
			for (j = 0; j < nsteps; j++)
				if ((c->on[j] = wf_ways(&c->hi->net, &c->m, j) >
				    0))
					c->since[j] = t2;
			continue;
		}
		if (at != H_FIRST && fee && (lapse || at == H_MIDDLE)) {
			/* Set at the first step after acceptance; paid at the
			 * window before the step acts, or never. */
			int	 days = 5 + pick(g, 6), amount;
			cal_day	 fdue = wd_add(g, cal_day_of(t), days);
			int	 clerk = clerk_of(g, c);
			char	*doc_no, *reason, *receipt;

			amount = it->fee_min + (it->fee_max > it->fee_min ?
			    pick(g, it->fee_max - it->fee_min + 1) : 0);
			amount -= amount % 100;
			if (amount < it->fee_min)
				amount = it->fee_min;
			doc_no = fee_set(g, c, i, t, who, amount, days, fdue);
			if (lapse)
				t2 = cal_day_start(wd_add(g, fdue, 1)) + 90;
			else
				t2 = after(g, c, at_work(g, wd_add(g,
				    cal_day_of(t), 1 + pick(g, days - 1))));
			receipt = pool_printf(g->scratch, "NF%08d",
			    pick(g, 100000000));
			fee_row(g, c, t, who, amount, days, fdue, doc_no,
			    t2 > g->now ? "unpaid" : lapse ? "lapsed" : "paid",
			    receipt, clerk, t2);
			fee = 0;
			if (t2 > g->now)
				break;
			if (!lapse) {
				event(g, c, t2, "fee-paid", "窗口确认已缴费",
				    c->state, clerk, pool_printf(g->scratch,
				    "%s %s 元已缴纳，票据号 %s。", it->fee_kind,
				    yuan(g, amount), receipt));
				if (t < t2)
					t = after(g, c, t2 + 600);
				if (t > g->now)
					break;
			} else {
				t2 = after(g, c, t2);
				reason = pool_printf(g->scratch, "申请人未在 %s "
				    "前缴纳%s，依照规定不予许可。",
				    cal_day_str(g->scratch, fdue), it->fee_kind);
				document(g, c, t2, c->hi->dept, "deny",
				    "一网通办系统", reason, NULL);
				event(g, c, t2, "fee-lapse",
				    "逾期未缴费·不予许可", "denied", -1, reason);
				c->decided = t2;
				close_all(g, c, t2, 1);
				break;
			}
		}
		if (at == H_MIDDLE && susp) {
			/* A special procedure at the step's start. */
			static const char *const kinds[] = { "现场勘查",
			    "专家评审", "检验", "听证", "鉴定" };
			const char *kind = kinds[pick(g, 5)];
			int expected = 5 + pick(g, 16), paused;
			cal_day began = cal_day_of(c->since[i]), ended;
			char *reason = pool_printf(g->scratch, "需要%s，"
			    "依法中止计算办理时限。", kind);

			susp = 0;
			t = after(g, c, at_work(g, cal_is_workday(&g->cal,
			    began, NULL) ? began : wd_add(g, began, 1)));
			if (t > g->now)
				break;
			document(g, c, t, c->hi->st[i].dept, "special",
			    g->staff[who].name, reason, json_pack("{s:s, s:i}",
			    "procedure", kind, "expected_days", expected));
			event(g, c, t, "suspend", pool_printf(g->scratch,
			    "特别程序：%s（预计 %d 个工作日）", kind, expected),
			    "suspended", who, reason);
			began = cal_day_of(t);
			ended = wd_add(g, began, expected - 2 + pick(g, 5));
			t2 = at_work(g, ended);
			struct buf *b = &g->b[T_SUSP];
			b_int(b, c->id);
			b_text(b, kind);
			b_text(b, reason);
			b_int(b, expected);
			b_day(g, b, began);
			b_text(b, g->staff[who].name);
			if (t2 > g->now) {
				b_null(b);
				b_null(b);
				b_null(b);
				b_end(b);
				break;
			}
			paused = deadline_paused(&g->cal, began, ended);
			b_day(g, b, ended);
			b_text(b, g->staff[who].name);
			b_int(b, paused);
			b_end(b);
			t2 = after(g, c, t2);
			event(g, c, t2, "resume", pool_printf(g->scratch,
			    "%s结束，恢复办理（期限顺延 %d 个工作日）", kind,
			    paused), "processing", who, "");
			c->paused += paused;
			for (j = 0; j < nsteps; j++)
				if (c->on[j])
					c->tpaused[j] += paused;
			t = act_time(g, c, i, 0, t2);
			if (t > g->now)
				break;
		}
		/* A late step, urged on its last day (before it acts at t,
		 * whatever moved its deadline or t above). */
		if ((int)i == late_step && chance(g, 60) &&
		    (t2 = at_work(g, task_due(g, c, i))) < t)
			urge(g, c, i, t2, "已到办理时限，请抓紧办理。");
		if (at == H_LAST && report && !deny) {
			const char *auth = authorities[pick(g, 3)];
			char *reason = "本事项依法由上级机关作出决定。";
			char *upper, *text;
			cal_day rd;

			report = 0;
			late_check(g, c, i, t);
			event(g, c, t, "report", pool_printf(g->scratch,
			    "%s·上报%s", s->name, auth), "reported", who, reason);
			rd = cal_day_of(t);
			t2 = at_work(g, wd_add(g, rd, 5 + pick(g, 11)));
			struct buf *b = &g->b[T_REPORT];
			b_int(b, c->id);
			b_text(b, auth);
			b_text(b, reason);
			b_day(g, b, rd);
			b_text(b, g->staff[who].name);
			if (t2 > g->now) {
				for (k = 0; k < 5; k++)
					b_null(b);
				b_end(b);
				break;
			}
			upper = pool_printf(g->scratch, "上级批〔%d〕%03d号",
			    cal_year(cal_day_of(t2)), 1 + pick(g, 999));
			b_text(b, "approve");
			b_text(b, upper);
			b_day(g, b, cal_day_of(t2));
			b_text(b, "同意。");
			b_text(b, g->staff[who].name);
			b_end(b);
			text = pool_printf(g->scratch, "经报请%s审批，%s于 %s 以"
			    "%s决定准予行政许可：同意。", auth, auth,
			    cal_day_str(g->scratch, cal_day_of(t2)), upper);
			t = after(g, c, t2);
			opinion(g, c, t, i, who, "agree", text);
			document(g, c, t, c->hi->st[i].dept, "approve",
			    g->staff[who].name, text, NULL);
			advance(g, c, i, t, who, "approve", "准予许可", text);
			continue;
		}
		/* The step's own act. */
		if (at == H_FIRST && reject) {
			const char *why = reject_texts[pick(g, 2)];
			document(g, c, t, c->hi->st[i].dept, "reject",
			    g->staff[who].name, why, NULL);
			label = step_label(g, s, "不予受理");
			event(g, c, t, "reject", label, "not_accepted", who,
			    why);
			c->decided = t;
			hand(g, c, who, i);
			c->step_seq = s->seq;
			late_check(g, c, i, t);
			close_all(g, c, t, 1);
			break;
		}
		if (at == H_LAST && deny) {
			const char *why = deny_texts[pick(g, 3)];
			opinion(g, c, t, i, who, "disagree", why);
			document(g, c, t, c->hi->st[i].dept, "deny",
			    g->staff[who].name, why, NULL);
			label = step_label(g, s, "不予许可");
			event(g, c, t, "deny", label, "denied", who, why);
			c->decided = t;
			hand(g, c, who, i);
			c->step_seq = s->seq;
			late_check(g, c, i, t);
			close_all(g, c, t, 1);
			break;
		}
		late_check(g, c, i, t);
		if (ret && at != H_FIRST && c->hi->st[i].back_way > 0) {
			/* Sent back once (flow.c act_locked(), "return"):
			 * no opinion, no document; the step it leads to
			 * waits again, for the same person. */
			const char *why = return_texts[pick(g, 3)];

			ret = 0;
			fire(g, c, i, c->hi->st[i].back_way, t);
			event(g, c, t, "return", pool_printf(g->scratch,
			    "%s·回退至%s", s->name, c->hi->st[i].back_name),
			    "processing", who, why);
			hand(g, c, who, i);
			c->step_seq = s->seq;
			continue;
		}
		if (at == H_FIRST) {
			if (strcmp(c->state, "received") == 0) {
				document(g, c, t, c->hi->st[i].dept, "accept",
				    g->staff[who].name, "", NULL);
				c->accepted = t;
			}
			advance(g, c, i, t, who, "accept", "受理", "");
		} else if (at == H_MIDDLE) {
			const char *text = sign_texts[pick(g, 4)];
			opinion(g, c, t, i, who, "agree", text);
			advance(g, c, i, t, who, "sign", "签署意见", text);
		} else {
			const char *text = "经审查，符合法定条件，准予许可。";
			opinion(g, c, t, i, who, "agree", text);
			document(g, c, t, c->hi->st[i].dept, "approve",
			    g->staff[who].name, text, NULL);
			advance(g, c, i, t, who, "approve", "准予许可", text);
		}
	}
	/* Still open now: what waits, and the warnings of what is red. */
	if (!c->ended && (strcmp(c->state, "received") == 0 ||
	    strcmp(c->state, "processing") == 0))
		for (j = 0; j < nsteps; j++) {
			if (!c->on[j])
				continue;
			late_check(g, c, j, g->now);
			/* A step late now is urged, as often as not. */
			if (c->hi->st[j].at != H_FIRST &&
			    cal_day_of(g->now) > task_due(g, c, j) &&
			    chance(g, 50))
				urge(g, c, j, at_work(g, wd_add(g,
				    task_due(g, c, j), 1)),
				    "本环节已超过办理时限，请当日办结。");
		}
}

/* The case's own row, its marking and its tasks. */
static void
case_rows(struct gen *g, struct hcase *c)
{
	const struct item	*it = &c->hi->it;
	struct buf		*b = &g->b[T_KASE];
	char			*sid, *smob;
	size_t			 j;
	int			 open = !c->ended &&
				    strcmp(c->state, "correcting") != 0;

	if ((sid = pii_seal(g->scratch, SEALED_CASE_ID, c->idno)) == NULL ||
	    (smob = pii_seal(g->scratch, SEALED_CASE_MOBILE, c->mobile)) ==
	    NULL) {
		/* The key was loaded before: memory ran short. */
		b->nomem = 1;
		return;
	}
	b_int(b, c->id);
	b_text(b, c->app_no);
	b_text(b, c->source);
	b_int(b, it->id);
	b_text(b, it->code);
	b_int(b, it->version);
	b_text(b, it->name);
	b_text(b, c->name);
	b_text(b, sid);
	b_text(b, smob);
	b_text(b, "");
	b_text(b, c->state);
	b_int(b, c->step_seq);
	b_time(g, b, c->sub);
	b_time(g, b, c->rec);
	b_time(g, b, c->accepted);
	b_time(g, b, c->decided);
	b_day(g, b, wd_add(g, c->clock_day, INTAKE_DAYS));
	b_day(g, b, wd_add(g, c->clock_day, it->promised_days + c->paused +
	    c->extended));
	b_day(g, b, wd_add(g, c->clock_day, it->statutory_days + c->paused +
	    c->extended));
	b_int(b, c->extended);
	b_time(g, b, c->extended_at);
	b_int(b, c->paused);
	b_time(g, b, c->corr_asked);
	b_time(g, b, c->corrected);
	b_int(b, 1);
	b_end(b);
	for (j = 0; j < c->nhands; j++) {
		b = &g->b[T_HAND];
		b_int(b, c->id);
		b_int(b, c->hands[j]);
		b_text(b, c->hand_key[j]);
		b_end(b);
	}
	if (c->ended)
		return;
	g->stats->open++;
	for (j = 0; j < c->hi->net.nedges; j++) {
		if (c->m.tokens[j] == 0)
			continue;
		b = &g->b[T_TOKEN];
		b_int(b, c->id);
		b_int(b, (int64_t)j);
		b_int(b, c->m.tokens[j]);
		b_end(b);
	}
	for (j = 0; open && j < c->hi->net.nsteps; j++) {
		const struct step *s = &it->steps[j];

		if (!c->on[j])
			continue;
		b = &g->b[T_TASK];
		b_int(b, c->id);
		b_text(b, s->key);
		b_int(b, s->role);
		b_text(b, s->dept_code);
		b_time(g, b, c->since[j]);
		b_day(g, b, task_due(g, c, j));
		b_int(b, c->tpaused[j]);
		b_end(b);
		g->stats->tasks++;
	}
}

/* ------------------------------------------------------------------ */
/* Set up: staff, departments, items, counters                         */
/* ------------------------------------------------------------------ */

static int
dept_index(struct gen *g, const char *code)
{
	size_t	 i;

	for (i = 0; i < g->ndept; i++)
		if (strcmp(g->dept[i].code, code) == 0)
			return (int)i;
	return -1;
}

static int
abbr_index(struct gen *g, const char *abbr)
{
	size_t	 i;

	for (i = 0; i < g->nabbr; i++)
		if (strcmp(g->abbr[i], abbr) == 0)
			return (int)i;
	return -1;
}

static enum db_rc
load_org(struct gen *g)
{
	struct stmt	*q;
	enum db_rc	 rc;
	struct hstaff	 s;
	struct hdept	 d;
	char		*dept;
	int64_t		 roles;
	size_t		 cap = 0, acap = 0;

	q = db_stmt(g->db, SQL_DEPTS);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, g->pool, "sss", &d.code, &d.name,
	    &d.abbr)) == DB_OK) {
		if ((d.series = abbr_index(g, d.abbr)) < 0) {
			*(char **)pool_push(g->pool, &g->abbr, &g->nabbr,
			    &acap, sizeof(char *)) = d.abbr;
			d.series = (int)g->nabbr - 1;
		}
		*(struct hdept *)pool_push(g->pool, &g->dept, &g->ndept, &cap,
		    sizeof(d)) = d;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	cap = 0;
	q = db_stmt(g->db, SQL_STAFF);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, g->pool, "isis", &s.id, &s.name, &roles,
	    &dept)) == DB_OK) {
		s.roles = (unsigned)roles;
		if ((s.dept = dept_index(g, dept)) < 0)
			continue;
		*(struct hstaff *)pool_push(g->pool, &g->staff, &g->nstaff,
		    &cap, sizeof(s)) = s;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

/* Where step i of item it stands (flow.c step_at()). */
static enum hat
step_place(const struct item *it, size_t i)
{
	const struct step	*s = &it->steps[i];
	size_t			 e;
	int			 to_end = 0, from_start = 0;

	for (e = 0; e < it->nflows; e++) {
		const struct flow *f = &it->flows[e];
		if (!f->back && strcmp(f->from, s->key) == 0 &&
		    strcmp(f->to, WF_END) == 0)
			to_end = 1;
		if (!f->back && strcmp(f->from, WF_START) == 0 &&
		    strcmp(f->to, s->key) == 0)
			from_start = 1;
	}
	if (strcmp(s->doc, "accept") == 0 || from_start)
		return H_FIRST;
	return to_end ? H_LAST : H_MIDDLE;
}

/*
 * The demo file of the material called name: a one-page PDF saying it
 * stands for every generated upload of that material, the same bytes
 * for the same name (history_remove() finds it again so).  Its length.
 */
static size_t
demo_pdf(const char *name, char *out, size_t cap)
{
	uint64_t	 h = 14695981039346656037ULL;	/* FNV-1a */
	size_t		 n = 0, off[6], i, xref;
	char		 text[160];
	const char	*p;

	for (p = name; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	snprintf(text, sizeof(text), "BT /F1 14 Tf 72 770 Td (Yiwang "
	    "demo-history: generated material %016llx) Tj ET",
	    (unsigned long long)h);
#define PDF(...) (n += (size_t)snprintf(out + n, cap - n, __VA_ARGS__))
	PDF("%%PDF-1.4\n");
	off[1] = n;
	PDF("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	off[2] = n;
	PDF("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
	off[3] = n;
	PDF("3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
	    "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> "
	    "endobj\n");
	off[4] = n;
	PDF("4 0 obj << /Length %zu >> stream\n%s\nendstream endobj\n",
	    strlen(text), text);
	off[5] = n;
	PDF("5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> "
	    "endobj\n");
	xref = n;
	PDF("xref\n0 6\n0000000000 65535 f \n");
	for (i = 1; i < 6; i++)
		PDF("%010zu 00000 n \n", off[i]);
	PDF("trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
	    xref);
#undef PDF
	return n;
}

/* The demo file of the material called name, stored once. */
static struct hfile *
file_for(struct gen *g, const char *name)
{
	struct files_put	 put;
	struct hfile		*f;
	char			 pdf[2048];
	size_t			 i, n;
	FILE			*fp;

	for (i = 0; i < g->nfiles; i++)
		if (strcmp(g->files[i]->material, name) == 0)
			return g->files[i];
	n = demo_pdf(name, pdf, sizeof(pdf));
	if ((fp = fmemopen(pdf, n, "r")) == NULL)
		return NULL;
	if (files_put(g->files_dir, fp, &put, g->pool) == -1) {
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	files_release(&put);
	f = pool_alloc(g->pool, sizeof(*f));
	memcpy(f->sha256, put.sha256, sizeof(f->sha256));
	f->size = (int64_t)n;
	f->material = pool_strdup(g->pool, name);
	f->file_name = pool_printf(g->pool, "%.180s.pdf", name);
	*(struct hfile **)pool_push(g->pool, &g->files, &g->nfiles,
	    &g->files_cap, sizeof(f)) = f;
	return f;
}

/* Every published item whose every step someone can take. */
static enum db_rc
load_items(struct gen *g)
{
	struct item	*list;
	struct hitem	 h;
	size_t		 n, i, j, k, e, cap = 0;
	enum db_rc	 rc;
	int		 w, b;

	if ((rc = catalog_list(g->db, g->pool, &list, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		memset(&h, 0, sizeof(h));
		if ((rc = catalog_by_id(g->db, g->pool, list[i].id, &h.it)) !=
		    DB_OK)
			return rc;
		if (strcmp(h.it.status, "published") != 0 || h.it.nsteps == 0 ||
		    h.it.nsteps > WF_MAX_STEPS)
			continue;
		catalog_net(NULL, g->pool, &h.it, &h.net);
		h.dept = dept_index(g, h.it.dept_code);
		h.st = pool_alloc(g->pool, h.it.nsteps * sizeof(*h.st));
		for (j = 0; h.dept >= 0 && j < h.it.nsteps; j++) {
			struct hstep *st = &h.st[j];
			const struct step *s = &h.it.steps[j];
			char *names = "";

			st->at = step_place(&h.it, j);
			st->dept = dept_index(g, s->dept_code);
			st->who = pool_alloc(g->pool, (g->nstaff + 1) *
			    sizeof(int));
			for (k = 0; st->dept >= 0 && k < g->nstaff; k++)
				if (g->staff[k].dept == st->dept &&
				    (g->staff[k].roles & s->role) != 0) {
					st->who[st->nwho++] = (int)k;
					names = pool_printf(g->pool, "%s%s%s",
					    names, *names ? "、" : "",
					    g->staff[k].name);
				}
			st->holders = strlen(names) <= 400 ? names : "";
			if (st->nwho == 0)
				break;
			/* Its first return edge, the way flow.c way_for()
			 * numbers it. */
			for (e = 0, w = 0; e < h.net.nedges; e++) {
				const struct wf_edge *ed = &h.net.edges[e];
				if (!ed->back || strcmp(ed->from, s->key) != 0)
					continue;
				w++;
				if (st->back_way == 0 && (b = wf_step_index(
				    &h.net, ed->to)) >= 0) {
					st->back_way = w;
					st->back_name = h.net.steps[b].name;
				}
			}
		}
		if (h.dept < 0 || j < h.it.nsteps)
			continue;	/* nobody could act: no cases */
		h.leaders = pool_alloc(g->pool, (g->nstaff + 1) * sizeof(int));
		for (k = 0; k < g->nstaff; k++)
			if (g->staff[k].dept == h.dept &&
			    (g->staff[k].roles & ROLE_LEADER) != 0)
				h.leaders[h.nleaders++] = (int)k;
		h.mat = pool_alloc(g->pool, (h.it.nmaterials + 1) *
		    sizeof(*h.mat));
		for (k = 0; k < h.it.nmaterials; k++)
			if ((h.mat[k] = file_for(g, h.it.materials[k].name)) ==
			    NULL) {
				log_err("demo-history: cannot store the demo "
				    "file of %s in %s", h.it.materials[k].name,
				    g->files_dir);
				return DB_ERR;
			}
		h.weight = 1 + (int)(h.it.id % 5);
		g->total_weight += h.weight;
		*(struct hitem *)pool_push(g->pool, &g->items, &g->nitems, &cap,
		    sizeof(h)) = h;
	}
	return DB_OK;
}

static struct hitem *
pick_item(struct gen *g)
{
	int	 w = pick(g, g->total_weight);
	size_t	 i;

	for (i = 0; i < g->nitems; i++)
		if ((w -= g->items[i].weight) < 0)
			return &g->items[i];
	return &g->items[g->nitems - 1];
}

/* The counters of the years generated, as they stand (locked). */
static enum db_rc
counters_read(struct gen *g)
{
	struct stmt	*q;
	enum db_rc	 rc;
	char		*abbr, *kind;
	int64_t		 year, next;
	size_t		 k;
	int		 a;

	q = db_stmt(g->db, SQL_COUNTERS);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, g->scratch, "ssii", &abbr, &kind, &year,
	    &next)) == DB_OK) {
		if ((a = abbr_index(g, abbr)) < 0 || year < g->y0 ||
		    year >= g->y0 + g->ny)
			continue;
		for (k = 0; k < NKINDS && strcmp(doc_kinds[k], kind) != 0; k++)
			continue;
		if (k < NKINDS)
			g->counter[((size_t)a * NKINDS + k) * (size_t)g->ny +
			    (size_t)(year - g->y0)] = next;
	}
	stmt_done(q);
	return rc == DB_ERR ? rc : DB_OK;
}

static enum db_rc
counters_write(struct gen *g)
{
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 a, k, y, at;

	for (a = 0; a < g->nabbr; a++)
		for (k = 0; k < NKINDS; k++)
			for (y = 0; y < (size_t)g->ny; y++) {
				at = (a * NKINDS + k) * (size_t)g->ny + y;
				if (!g->dirty[at])
					continue;
				g->dirty[at] = 0;
				q = db_stmt(g->db, SQL_COUNTER_SET);
				stmt_bind_text(q, 0, g->abbr[a]);
				stmt_bind_text(q, 1, doc_kinds[k]);
				stmt_bind_int(q, 2, g->y0 + (int)y);
				stmt_bind_int(q, 3, g->counter[at]);
				if ((rc = stmt_run(q)) != DB_OK)
					return rc;
			}
	return DB_OK;
}

/* ------------------------------------------------------------------ */
/* Batches                                                             */
/* ------------------------------------------------------------------ */

static enum db_rc
batch(struct gen *g, long n)
{
	struct hcase	*c;
	enum db_rc	 rc;
	char		*prev;
	long		 i;
	int		 tries, t;
	cal_day		 d;
	uint64_t	 rows;

	if ((rc = db_begin(g->db)) != DB_OK)
		return rc;
	if ((rc = counters_read(g)) != DB_OK ||
	    (rc = stmt_one(db_stmt(g->db, SQL_MAX_CASE), g->scratch, "i",
	    &g->next_case)) != DB_OK ||
	    (rc = chain_bulk_begin(g->db, g->scratch, CHAIN_DEMO_OPINION,
	    &g->key, &prev)) != DB_OK)
		goto fail;
	snprintf(g->op_prev, sizeof(g->op_prev), "%s", prev);
	if ((rc = chain_bulk_begin(g->db, g->scratch, CHAIN_DEMO_DEADLINE_WARNING,
	    &g->key, &prev)) != DB_OK)
		goto fail;
	snprintf(g->wa_prev, sizeof(g->wa_prev), "%s", prev);
	if ((rc = stmt_one(db_stmt(g->db, SQL_MAX_OPINION), g->scratch, "i",
	    &g->next_opinion)) != DB_OK ||
	    (rc = stmt_one(db_stmt(g->db, SQL_MAX_WARNING), g->scratch, "i",
	    &g->next_warning)) != DB_OK)
		goto fail;
	if ((c = malloc(sizeof(*c))) == NULL) {
		log_err("demo-history: out of memory for a case");
		rc = DB_ERR;
		goto fail;
	}
	for (i = 0; i < n; i++) {
		memset(c, 0, sizeof(*c));
		c->id = ++g->next_case;
		c->hi = pick_item(g);
		c->source = chance(g, 70) ? "online" : "window";
		c->state = "received";
		c->step_seq = 1;
		make_person(g, c);
		/* A working day of the period, in working hours, before
		 * now. */
		for (tries = 0; ; tries++) {
			d = g->first + pick(g, g->last - g->first + 1);
			if (!cal_is_workday(&g->cal, d, NULL))
				continue;
			c->sub = at_work(g, d);
			if (c->sub + 1800 < g->now || tries > 50)
				break;
		}
		if (c->sub + 1800 >= g->now)
			c->sub = g->now - 1800 - pick(g, 3600);
		c->rec = c->sub + 60 + pick(g, 1200);
		c->last = c->rec;
		c->clock_day = cal_day_of(c->sub);
		snprintf(c->app_no, sizeof(c->app_no), "%s%s%07lld",
		    HISTORY_PREFIX, cal_day_str(g->scratch,
		    cal_day_of(c->sub)), (long long)(c->id % 10000000));
		/* YD + YYYY-MM-DD: drop the dashes. */
		memmove(c->app_no + 6, c->app_no + 7, strlen(c->app_no + 7) +
		    1);
		memmove(c->app_no + 8, c->app_no + 9, strlen(c->app_no + 9) +
		    1);
		one_case(g, c);
		case_rows(g, c);
		json_decref(c->mats);
		g->stats->cases++;
		if (i % 256 == 255)
			pool_reset(g->scratch);
	}
	free(c);
	if (g->broken != NULL) {
		log_err("demo-history: %s; nothing of the batch stored",
		    g->broken);
		rc = DB_ERR;
		goto fail;
	}
	for (t = 0; t < T_COUNT; t++) {
		if (g->b[t].nomem) {
			log_err("demo-history: out of memory for the rows of "
			    "%.60s; nothing of the batch stored", loads[t]);
			rc = DB_ERR;
			goto fail;
		}
		if (g->b[t].rows == 0)
			continue;
		if ((rc = db_load(g->db, loads[t], g->b[t].p, g->b[t].n,
		    &rows)) != DB_OK)
			goto fail;
		if (rows != (uint64_t)g->b[t].rows) {
			log_err("demo-history: %llu of %ld rows stored by %.60s",
			    (unsigned long long)rows, g->b[t].rows, loads[t]);
			rc = DB_ERR;
			goto fail;
		}
	}
	if ((rc = counters_write(g)) != DB_OK)
		goto fail;
	for (t = 0; t < T_COUNT; t++)
		g->b[t].n = 0, g->b[t].rows = 0, g->b[t].first = 1;
	pool_reset(g->scratch);
	return db_commit(g->db);
fail:
	db_rollback(g->db);
	return rc == DB_OK || rc == DB_NONE ? DB_ERR : rc;
}

enum db_rc
history_generate(struct db *db, struct pool *pool,
    const struct history_opts *o, struct history_stats *st, FILE *out)
{
	struct gen	 g;
	enum db_rc	 rc = DB_OK;
	long		 done = 0, n;
	struct timespec	 t0, t1;
	double		 secs;
	int		 t;

	memset(&g, 0, sizeof(g));
	memset(st, 0, sizeof(*st));
	g.db = db;
	g.pool = pool;
	g.scratch = pool_new();
	g.stats = st;
	g.files_dir = o->files_dir;
	g.rng = o->seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	g.now = clock_now();
	g.today = cal_day_of(g.now);
	g.last = g.today - o->before;
	g.first = g.last - 365 * o->years;
	g.y0 = cal_year(g.first);
	g.ny = cal_year(g.today) - g.y0 + 2;
	for (t = 0; t < T_COUNT; t++)
		g.b[t].first = 1;
	if (pii_key_load() == -1 || chain_key_load() == -1 ||
	    g.files_dir == NULL || files_init(g.files_dir) == -1) {
		rc = DB_ERR;
		goto done;
	}
	if ((rc = calendar_get(db, pool, &g.cal)) != DB_OK ||
	    (rc = load_org(&g)) != DB_OK || (rc = load_items(&g)) != DB_OK)
		goto done;
	if (g.nitems == 0) {
		if (out != NULL)
			fprintf(out, "没有可以生成办件的事项：没有已发布、"
			    "每个环节都有人员办理的事项。\n");
		rc = DB_ERR;
		goto done;
	}
	g.counter = pool_alloc(pool, g.nabbr * NKINDS * (size_t)g.ny *
	    sizeof(int64_t));
	g.dirty = pool_alloc(pool, g.nabbr * NKINDS * (size_t)g.ny);
	memset(g.counter, 0, g.nabbr * NKINDS * (size_t)g.ny *
	    sizeof(int64_t));
	memset(g.dirty, 0, g.nabbr * NKINDS * (size_t)g.ny);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (done < o->cases) {
		n = o->cases - done < BATCH ? o->cases - done : BATCH;
		if ((rc = batch(&g, n)) != DB_OK) {
			if (out != NULL)
				fprintf(out, "第 %ld 件之后的一批没有写入（见日志）"
				    "；已写入的 %ld 件可用 --remove 删除。\n",
				    done, done);
			goto done;
		}
		done += n;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (out != NULL && (done % (BATCH * 20) == 0 ||
		    done == o->cases))
			fprintf(out, "已生成 %ld 件，用时 %.1f 秒（每秒 %.0f "
			    "件）\n", done, secs, secs > 0 ? done / secs : 0);
	}
	rc = history_after_load(db, pool);
done:
	for (t = 0; t < T_COUNT; t++)
		free(g.b[t].p);
	pool_free(g.scratch);
	return rc;
}

enum db_rc
history_after_load(struct db *db, struct pool *pool)
{
	/* The summaries of the dashboard (110) and of performance (115)
	 * are kept by triggers, which count the generated rows as they
	 * are loaded: nothing to do. */
	(void)db;
	(void)pool;
	return DB_OK;
}

/*
 * After a removal: the summaries' triggers add rows as they come but
 * do not all subtract the rows deleted, so both are counted again from
 * what is left (as the migration account, which removal runs as).
 */
static enum db_rc
history_after_remove(struct db *db, struct pool *pool)
{
	int64_t		 n;
	enum db_rc	 rc;

	if ((rc = sup_rebuild(db, pool, &n)) != DB_OK)
		return rc;
	return perf_rebuild(db, pool, &n);
}

/* ------------------------------------------------------------------ */
/* Removal                                                             */
/* ------------------------------------------------------------------ */

static const char SQL_MATERIAL_NAMES[] =
    "SELECT DISTINCT name FROM item_material";
static const char SQL_DEMO_RANGE[] =
    "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM kase "
    "WHERE demo = 1";
#define OF_CASES(t) "DELETE x FROM " t " x JOIN kase k ON k.id = x.case_id " \
	"WHERE k.demo = 1 AND k.id BETWEEN ? AND ?"
/*
 * Every table that names a case, children first, each reached from the
 * batch's cases by its index on the case (a DELETE … WHERE case_id IN
 * (SELECT …) would read the whole table for every batch).  A table added
 * later with a foreign key to kase gets its line here (the removal fails
 * on the foreign key until it has).
 */
static const char *const removals[] = {
	OF_CASES("case_event"),
	OF_CASES("opinion"),
	OF_CASES("deadline_warning"),
	OF_CASES("case_task"),
	OF_CASES("case_token"),
	OF_CASES("case_hand"),
	OF_CASES("case_correction"),
	OF_CASES("case_suspension"),
	OF_CASES("case_report"),
	OF_CASES("case_fee"),
	OF_CASES("case_urge"),
	"DELETE d FROM document d JOIN kase k ON k.app_no = d.app_no "
	    "WHERE k.demo = 1 AND k.id BETWEEN ? AND ?",
	"DELETE a FROM attachment a JOIN kase k ON k.app_no = a.app_no "
	    "WHERE k.demo = 1 AND k.id BETWEEN ? AND ?",
	"DELETE FROM kase WHERE demo = 1 AND id BETWEEN ? AND ?",
};

/*
 * The demo files (demo_pdf()) of every material name the catalogue has
 * had, once no row names them: the store keeps nothing of the history.
 */
static enum db_rc
remove_files(struct db *db, struct pool *pool, const char *dir)
{
	struct app_files	 f = { db, pool };
	struct stmt		*q;
	enum db_rc		 rc;
	char			 pdf[2048], sha[SHA256_HEX], *name, **names = NULL;
	char			*path;
	size_t			 n, i, got = 0, cap = 0;

	if (dir == NULL)
		return DB_OK;
	q = db_stmt(db, SQL_MATERIAL_NAMES);
	if ((rc = stmt_run(q)) != DB_OK)
		return rc;
	while ((rc = stmt_row(q, pool, "s", &name)) == DB_OK)
		*(char **)pool_push(pool, &names, &got, &cap, sizeof(name)) =
		    name;
	stmt_done(q);
	if (rc == DB_ERR)
		return rc;
	for (i = 0; i < got; i++) {
		/* Its name in the store: the digest files_put() gives. */
		n = demo_pdf(names[i], pdf, sizeof(pdf));
		if (crypto_sha256_hex(pdf, n, sha) == -1)
			return DB_ERR;
		path = files_path(dir, sha, pool);
		if (access(path, F_OK) == 0 && app_files_named(&f, sha) == 0 &&
		    files_remove(path) == -1)
			return DB_ERR;
	}
	return DB_OK;
}

enum db_rc
history_remove(struct db *db, struct pool *pool, const char *files_dir,
    long *removed, FILE *out)
{
	struct stmt	*q;
	enum db_rc	 rc;
	int64_t		 lo, hi, from;
	size_t		 i;

	*removed = 0;
	if ((rc = stmt_one(db_stmt(db, SQL_DEMO_RANGE), pool, "ii", &lo,
	    &hi)) != DB_OK)
		return rc;
	for (from = lo; lo > 0 && from <= hi; from += BATCH) {
		if ((rc = db_begin(db)) != DB_OK)
			return rc;
		for (i = 0; i < sizeof(removals) / sizeof(removals[0]); i++) {
			q = db_stmt(db, removals[i]);
			stmt_bind_int(q, 0, from);
			stmt_bind_int(q, 1, from + BATCH - 1);
			if ((rc = stmt_run(q)) != DB_OK) {
				db_rollback(db);
				return rc;
			}
			if (i + 1 == sizeof(removals) / sizeof(removals[0]))
				*removed += (long)stmt_affected(q);
		}
		if ((rc = db_commit(db)) != DB_OK)
			return rc;
		if (out != NULL && (from - lo) % (BATCH * 40) == 0 && from > lo)
			fprintf(out, "已删除 %ld 件……\n", *removed);
	}
	if ((rc = remove_files(db, pool, files_dir)) != DB_OK)
		return rc;
	return history_after_remove(db, pool);
}

/* ------------------------------------------------------------------ */
/* Verification                                                        */
/* ------------------------------------------------------------------ */

/*
 * Verification reads a range of case ids at a time: the cases by their
 * key, and each table that names them once, in the order of its index on
 * the case (or through the case's application number, for documents and
 * attachments), into memory bounded by the range; the rules are checked
 * here, case by case.  A few rules that read little are counts in SQL
 * over the same range.
 */
#define VERIFY_RANGE	10000	/* case ids a round */

static const char SQL_V_CASES[] =
    "SELECT id, state, accepted_at IS NOT NULL, decided_at IS NOT NULL, "
    "accepted_at <=> received_at, extended_days, item_id FROM kase "
    "WHERE demo = 1 AND id BETWEEN ? AND ? ORDER BY id";
static const char SQL_V_EVENTS[] =
    "SELECT case_id, seq, action, state, "
    "DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), COALESCE(staff_id, 0) "
    "FROM case_event WHERE case_id BETWEEN ? AND ? ORDER BY case_id, seq";
static const char SQL_V_DOCS[] =
    "SELECT k.id, d.kind, DATE_FORMAT(d.issued_at, '%Y-%m-%d %H:%i:%s') "
    "FROM kase k JOIN document d ON d.app_no = k.app_no "
    "WHERE k.demo = 1 AND k.id BETWEEN ? AND ? ORDER BY k.id";
static const char SQL_V_TASKS[] =
    "SELECT case_id, SUM(task), SUM(1 - task) FROM ("
    "SELECT case_id, 1 AS task FROM case_task WHERE case_id BETWEEN ? AND ? "
    "UNION ALL SELECT case_id, 0 FROM case_token "
    "WHERE case_id BETWEEN ? AND ?) x GROUP BY case_id";
static const char SQL_V_HANDS[] =
    "SELECT case_id, staff_id FROM case_hand WHERE case_id BETWEEN ? AND ? "
    "ORDER BY case_id";
static const char SQL_V_ATTS[] =
    "SELECT k.id, a.material_seq FROM kase k JOIN attachment a "
    "ON a.app_no = k.app_no WHERE k.demo = 1 AND k.id BETWEEN ? AND ? "
    "ORDER BY k.id";
static const char SQL_V_REQUIRED[] =
    "SELECT item_id, seq FROM item_material WHERE required = 1 "
    "ORDER BY item_id, seq";

/* The rules checked here, each a count of cases (or rows) breaking it. */
enum vrule { V_LAST_STATE, V_RECEIVE, V_ACCEPTED, V_DENIED, V_REJECTED,
	V_WITHDRAWN, V_ENDED_TASKS, V_OPEN_TASKS, V_EVENT_DOC, V_FIRST_ACCEPT,
	V_EXTEND, V_DEEM, V_RETURN, V_MATERIALS, V_NRULES };
static const char *const vrule_what[V_NRULES] = {
	"办件状态与其最后一条办理记录的状态不同",
	"办件没有第一条收件记录",
	"已受理的办件没有受理通知书，也不是逾期视为受理",
	"不予许可的办件没有不予许可决定书",
	"不予受理的办件没有不予受理通知书",
	"已撤回的办件没有准予撤回决定书",
	"已办结的办件还有待办环节",
	"在办的办件没有待办环节",
	"出具文书的办理记录没有同时出具的文书",
	"首次受理的办理记录没有同时出具的受理通知书",
	"延长的期限与延期记录不符",
	"逾期视为受理的办件不是自收件之日起受理，或不是系统所为",
	"回退的办理人没有记入办件的经办人",
	"办件缺少必交材料的附件",
};

/* What one generated case of the range says of itself. */
struct vcase {
	int		 present, accepted, decided, acc_is_rec, extended;
	int		 first_ok, extend_ev, deem_ev, accept_ev, tasks, tokens;
	int64_t		 item;
	char		*state, *last;
	size_t		 d0, d1, h0, h1, a0, a1;	/* its docs, hands, atts */
};
struct vdoc {
	char		*kind, *at;
};
struct vhand {
	int64_t		 case_id, staff;
};
struct vatt {
	int64_t		 case_id;
	int		 seq;
};
/* An event that needs another row of its case: a document at its time
 * (kind, or any when NULL), or its person among the hands. */
struct vneed {
	size_t		 c;
	enum vrule	 rule;
	const char	*kind, *at;
	int64_t		 staff;
};

static int
ended_state(const char *st)
{
	return strcmp(st, "approved") == 0 || strcmp(st, "denied") == 0 ||
	    strcmp(st, "not_accepted") == 0 || strcmp(st, "withdrawn") == 0;
}

static int
doc_at(const struct vdoc *d, const struct vcase *c, const char *kind,
    const char *at)
{
	size_t	 i;

	for (i = c->d0; i < c->d1; i++)
		if ((kind == NULL || strcmp(d[i].kind, kind) == 0) &&
		    (at == NULL || strcmp(d[i].at, at) == 0))
			return 1;
	return 0;
}

/* Bind the range [from, to] to q's first pairs (n of them). */
static struct stmt *
v_stmt(struct db *db, const char *sql, int64_t from, int64_t to, int n)
{
	struct stmt	*q = db_stmt(db, sql);
	int		 i;

	for (i = 0; i < n; i++) {
		stmt_bind_int(q, (unsigned)(2 * i), from);
		stmt_bind_int(q, (unsigned)(2 * i + 1), to);
	}
	return q;
}

/* Rules over ids from..to into found[]; -1 when the database fails. */
static int
verify_range(struct db *db, struct pool *pool, int64_t from, int64_t to,
    const int64_t *req, size_t nreq, int64_t *found)
{
	struct vcase	*cs;
	struct vdoc	*docs = NULL;
	struct vhand	*hands = NULL;
	struct vatt	*atts = NULL;
	struct vneed	*needs = NULL;
	struct stmt	*q;
	enum db_rc	 rc;
	size_t		 n = (size_t)(to - from + 1), nd = 0, nh = 0, na = 0;
	size_t		 nn = 0, cd = 0, ch = 0, ca = 0, cn = 0, i, j, r;
	int64_t		 id, seq, staff, item;
	int		 a, b, c3, ext, t1, t2;
	char		*st, *action, *at, *kind;
	struct vcase	*c;

	cs = pool_alloc(pool, n * sizeof(*cs));
	q = v_stmt(db, SQL_V_CASES, from, to, 1);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "isddddi", &id, &st, &a, &b, &c3, &ext,
	    &item)) == DB_OK) {
		c = &cs[id - from];
		c->present = 1;
		c->state = st;
		c->accepted = a;
		c->decided = b;
		c->acc_is_rec = c3;
		c->extended = ext;
		c->item = item;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;

	q = v_stmt(db, SQL_V_DOCS, from, to, 1);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "iss", &id, &kind, &at)) == DB_OK) {
		struct vdoc *d = pool_push(pool, &docs, &nd, &cd,
		    sizeof(*docs));
		c = &cs[id - from];
		if (c->d1 == 0)
			c->d0 = nd - 1;
		c->d1 = nd;
		d->kind = kind;
		d->at = at;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;

	q = v_stmt(db, SQL_V_HANDS, from, to, 1);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "ii", &id, &staff)) == DB_OK) {
		struct vhand *h = pool_push(pool, &hands, &nh, &ch,
		    sizeof(*hands));
		h->case_id = id;
		h->staff = staff;
		c = &cs[id - from];
		if (c->h1 == 0)
			c->h0 = nh - 1;
		c->h1 = nh;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;

	q = v_stmt(db, SQL_V_ATTS, from, to, 1);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "id", &id, &a)) == DB_OK) {
		struct vatt *v = pool_push(pool, &atts, &na, &ca,
		    sizeof(*atts));
		v->case_id = id;
		v->seq = a;
		c = &cs[id - from];
		if (c->a1 == 0)
			c->a0 = na - 1;
		c->a1 = na;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;

	q = v_stmt(db, SQL_V_TASKS, from, to, 2);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "idd", &id, &t1, &t2)) == DB_OK) {
		cs[id - from].tasks = t1;
		cs[id - from].tokens = t2;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;

	/* The events, in order: what each says of its case, and what it
	 * needs of the other rows. */
	q = v_stmt(db, SQL_V_EVENTS, from, to, 1);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "iisssi", &id, &seq, &action, &st, &at,
	    &staff)) == DB_OK) {
		struct vneed *v;
		enum vrule rule = V_NRULES;
		const char *need = NULL;

		c = &cs[id - from];
		if (!c->present)
			continue;	/* a real case among the ids */
		c->last = st;
		if (seq == 1 && strcmp(action, "receive") == 0)
			c->first_ok = 1;
		if (strcmp(action, "extend") == 0)
			c->extend_ev = 1;
		if (strcmp(action, "deem") == 0) {
			if (!c->acc_is_rec || staff != 0)
				found[V_DEEM]++;
			c->deem_ev = 1;
		}
		if (strcmp(action, "accept") == 0) {
			/* Accepted once: a later acceptance issues none. */
			if (!c->deem_ev && !c->accept_ev) {
				rule = V_FIRST_ACCEPT;
				need = "accept";
			}
			c->accept_ev = 1;
		} else if (strcmp(action, "return") == 0)
			rule = V_RETURN;
		else if (strcmp(action, "reject") == 0 ||
		    strcmp(action, "approve") == 0 ||
		    strcmp(action, "deny") == 0 ||
		    strcmp(action, "withdraw") == 0 ||
		    strcmp(action, "correct") == 0 ||
		    strcmp(action, "suspend") == 0 ||
		    strcmp(action, "fee") == 0 ||
		    strcmp(action, "fee-lapse") == 0 ||
		    strcmp(action, "extend") == 0)
			rule = V_EVENT_DOC;
		if (rule == V_NRULES)
			continue;
		v = pool_push(pool, &needs, &nn, &cn, sizeof(*needs));
		v->c = (size_t)(id - from);
		v->rule = rule;
		v->kind = need;
		v->at = at;
		v->staff = staff;
	}
	stmt_done(q);
	if (rc == DB_ERR)
		return -1;

	for (i = 0; i < nn; i++) {
		c = &cs[needs[i].c];
		if (needs[i].rule == V_RETURN) {
			for (j = c->h0; j < c->h1; j++)
				if (hands[j].staff == needs[i].staff)
					break;
			if (j == c->h1)
				found[V_RETURN]++;
		} else if (!doc_at(docs, c, needs[i].kind, needs[i].at))
			found[needs[i].rule]++;
	}
	for (i = 0; i < n; i++) {
		c = &cs[i];
		if (!c->present)
			continue;
		if (c->last == NULL || strcmp(c->last, c->state) != 0)
			found[V_LAST_STATE]++;
		if (!c->first_ok)
			found[V_RECEIVE]++;
		if (c->accepted && !c->deem_ev && !doc_at(docs, c, "accept",
		    NULL))
			found[V_ACCEPTED]++;
		if (strcmp(c->state, "denied") == 0 &&
		    !doc_at(docs, c, "deny", NULL))
			found[V_DENIED]++;
		if (strcmp(c->state, "not_accepted") == 0 &&
		    !doc_at(docs, c, "reject", NULL))
			found[V_REJECTED]++;
		if (strcmp(c->state, "withdrawn") == 0 &&
		    !doc_at(docs, c, "withdraw", NULL))
			found[V_WITHDRAWN]++;
		if (ended_state(c->state) && (c->tasks > 0 || c->tokens > 0))
			found[V_ENDED_TASKS]++;
		if ((strcmp(c->state, "received") == 0 ||
		    strcmp(c->state, "processing") == 0) && c->tasks == 0)
			found[V_OPEN_TASKS]++;
		if ((c->extended > 0) != c->extend_ev)
			found[V_EXTEND]++;
		/* Every required material of its item attached. */
		for (r = 0; r < nreq; r++) {
			if (req[2 * r] != c->item)
				continue;
			for (j = c->a0; j < c->a1; j++)
				if (atts[j].seq == req[2 * r + 1])
					break;
			if (j == c->a1) {
				found[V_MATERIALS]++;
				break;
			}
		}
	}
	return 0;
}

/* Rules that read little, as counts over the range (ids ? to ?). */
#define OF_RANGE "k.demo = 1 AND k.id BETWEEN ? AND ?"
static const struct {
	const char	*sql, *what;
} checks[] = {
	{ "SELECT COUNT(*) FROM kase k WHERE " OF_RANGE " AND k.state IN "
	  "('approved', 'denied', 'not_accepted', 'withdrawn') AND "
	  "k.decided_at IS NULL",
	  "已办结的办件没有办结时间" },
	{ "SELECT COUNT(*) FROM kase k JOIN case_urge u ON u.case_id = k.id "
	  "WHERE " OF_RANGE " AND (u.at < k.received_at OR u.at > "
	  "COALESCE(k.decided_at, u.at) OR NOT EXISTS (SELECT 1 FROM "
	  "item_step s WHERE s.item_id = k.item_id AND s.skey = u.step_key))",
	  "催办不在办件的办理期间，或不是本事项的环节" },
	{ "SELECT COUNT(*) FROM kase k JOIN case_correction c "
	  "ON c.case_id = k.id WHERE " OF_RANGE " AND k.corrected_at IS NOT "
	  "NULL AND NOT EXISTS (SELECT 1 FROM attachment a "
	  "WHERE a.app_no = k.app_no AND a.material_seq = c.material_seq "
	  "AND a.round = 1)",
	  "补正过的材料没有补正后的附件" },
	/* The ledgers' mark, over every case in the range, real or not. */
	{ "SELECT COUNT(*) FROM deadline_warning w JOIN kase k "
	  "ON k.id = w.case_id WHERE w.case_id BETWEEN ? AND ? "
	  "AND k.demo <> w.demo",
	  "超期预警与办件的生成标记不一致" },
	{ "SELECT COUNT(*) FROM opinion o JOIN kase k "
	  "ON k.id = o.case_id WHERE o.case_id BETWEEN ? AND ? "
	  "AND k.demo <> o.demo",
	  "签署意见与办件的生成标记不一致" },
};
#define NCHECKS	(sizeof(checks) / sizeof(checks[0]))
/* Generated ledger rows of a case outside the generated ids (real cases
 * only, read by the index on the case). */
static const char SQL_MARKS_OUTSIDE[] =
    "SELECT (SELECT COUNT(*) FROM opinion WHERE case_id < ? AND demo = 1) + "
    "(SELECT COUNT(*) FROM opinion WHERE case_id > ? AND demo = 1) + "
    "(SELECT COUNT(*) FROM deadline_warning WHERE case_id < ? AND demo = 1) "
    "+ (SELECT COUNT(*) FROM deadline_warning WHERE case_id > ? "
    "AND demo = 1)";

long
history_verify(struct db *db, struct pool *pool, FILE *out)
{
	struct chain_walk	 w;
	struct pool		*scratch;
	struct stmt		*q;
	enum chain_id		 c;
	size_t			 i, j, nreq = 0, creq = 0;
	int64_t			 n, lo, hi, from, found[V_NRULES + NCHECKS];
	int64_t			*req = NULL, item;
	int			 seq;
	long			 problems = 0;
	enum db_rc		 rc;

	for (c = CHAIN_DEMO_OPINION; c < CHAIN_ALL; c++) {
		if (chain_verify(db, pool, c, NULL, 0, &w) != DB_OK)
			return -1;
		for (j = 0; j < w.nproblems; j++)
			fprintf(out, "%s\n", w.problems[j]);
		problems += (long)w.nproblems;
		if (w.nproblems == 0)
			fprintf(out, "%s：%lld 行完好。\n", chain_name(c),
			    (long long)w.rows);
	}
	/* The required materials of every item (a few hundred pairs). */
	q = db_stmt(db, SQL_V_REQUIRED);
	if (stmt_run(q) != DB_OK)
		return -1;
	while ((rc = stmt_row(q, pool, "id", &item, &seq)) == DB_OK) {
		int64_t *p = pool_push(pool, &req, &nreq, &creq,
		    2 * sizeof(*req));
		p[0] = item;
		p[1] = seq;
	}
	stmt_done(q);
	if (rc == DB_ERR ||
	    stmt_one(db_stmt(db, SQL_DEMO_RANGE), pool, "ii", &lo, &hi) !=
	    DB_OK)
		return -1;
	memset(found, 0, sizeof(found));
	scratch = pool_new();
	for (from = lo; lo > 0 && from <= hi; from += VERIFY_RANGE) {
		if (verify_range(db, scratch, from, from + VERIFY_RANGE - 1,
		    req, nreq, found) == -1) {
			pool_free(scratch);
			return -1;
		}
		for (i = 0; i < NCHECKS; i++) {
			q = v_stmt(db, checks[i].sql, from,
			    from + VERIFY_RANGE - 1, 1);
			if (stmt_one(q, scratch, "i", &n) != DB_OK) {
				pool_free(scratch);
				return -1;
			}
			found[V_NRULES + i] += n;
		}
		pool_reset(scratch);
	}
	pool_free(scratch);
	q = db_stmt(db, SQL_MARKS_OUTSIDE);
	stmt_bind_int(q, 0, lo > 0 ? lo : 1);
	stmt_bind_int(q, 1, hi);
	stmt_bind_int(q, 2, lo > 0 ? lo : 1);
	stmt_bind_int(q, 3, hi);
	if (stmt_one(q, pool, "i", &n) != DB_OK)
		return -1;
	if (n > 0) {
		fprintf(out, "真实办件有标为生成的签署意见或超期预警：%lld 条\n",
		    (long long)n);
		problems += (long)n;
	}
	for (i = 0; i < V_NRULES + NCHECKS; i++)
		if (found[i] > 0) {
			fprintf(out, "%s：%lld 件\n", i < V_NRULES ?
			    vrule_what[i] : checks[i - V_NRULES].what,
			    (long long)found[i]);
			problems += (long)found[i];
		}
	return problems;
}
