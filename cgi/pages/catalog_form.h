/*
 * catalog_form.h: the text forms of the catalogue editor (CAT-1, CAT-2,
 * FLOW-1): an item's elements from form fields, its materials one per
 * line, and its procedure in a line syntax a catalogue clerk can read:
 *
 *	步骤：
 *	accept  受理  窗口受理人员  1  受理通知书
 *	review  承办  承办人  3
 *	fire    消防审查  承办人  3  部门=XFJY
 *	decide  批准  分管领导  1  决定书
 *	连线：
 *	开始 -> accept
 *	accept -> review, fire
 *	review, fire -> decide
 *	decide -> 结束
 *	回退：
 *	decide -> review
 *
 * A step line is: key, name, role, working days, then optionally the
 * document it issues (受理通知书 / 决定书) and 部门=CODE when another
 * department acts there (并联).  Fields are separated by spaces (ASCII or
 * full width), so a name has none.  Roles are 窗口受理人员 / 承办人 /
 * 分管领导 or clerk / handler / leader.  An edge line names steps by key
 * or by name, 开始/start and 结束/end; a comma list on either side of
 * "->" stands for every pair, and a chain a -> b -> c for each link.
 * Lines starting with # are comments.
 *
 * Pure: no database, no request; everything is allocated from the pool
 * given.  Every error names its line ("第 7 行：…") or its field.
 */
#ifndef YW_CATALOG_FORM_H
#define YW_CATALOG_FORM_H

#include <stddef.h>

#include <jansson.h>

#include "arena.h"
#include "catalog.h"

#define CFORM_MAX_ERRORS	20	/* messages kept; more are counted */
#define CFORM_MAX_MATERIALS	60

/* What was wrong with a form, in Chinese, in the order found. */
struct cform_errors {
	const char	*msg[CFORM_MAX_ERRORS];
	size_t		 n;		/* messages kept */
	size_t		 more;		/* further errors, not kept */
};

/* A procedure as written: steps, then forward edges and return edges
 * (flows[].back), in the order the text gives them. */
struct cform_proc {
	struct step	*steps;
	size_t		 nsteps;
	struct flow	*flows;
	size_t		 nflows;
};

/* The choices of the element form, in the order shown (NULL-ended). */
extern const char *const *const cform_kinds;	/* 行政许可, … */
extern const char *const *const cform_levels;	/* 市级 … 村级 */
extern const char *const *const cform_phases;	/* 登记, 变更, … (CAT-2) */
extern const char *const *const cform_themes;	/* docs/catalog.md */
extern const char *const *const cform_originals; /* 原件, 复印件, … */

/*
 * Parse procedure text into p.  Returns 0, or -1 with every error found
 * (each with its line number) in errs; p is then incomplete.  Edges name
 * steps by key afterwards, "start" and "end" for 开始 and 结束; a step
 * without 部门= has dept_code "" (the item's own department).
 */
int	 cform_proc_parse(struct pool *, const char *text, struct cform_proc *p,
	    struct cform_errors *errs);
/*
 * The procedure as text in the syntax above, which parses back to the
 * same steps and edges.  A step whose dept_code is home_dept (or "")
 * gets no 部门=.  Forward edges are grouped: one line per source, and
 * sources with the same targets share a line.
 */
char	*cform_proc_text(struct pool *, const struct step *, size_t nsteps,
	    const struct flow *, size_t nflows, const char *home_dept);
/* The "procedure" member of the item JSON (docs/catalog.md); caller
 * decrefs.  NULL when a name is not JSON text. */
json_t	*cform_proc_json(const struct cform_proc *);

/*
 * Parse the materials, one per line: 名称 | 原件 | 份数 | 必交/选交 | 备注
 * | 证照：发证事项编码 (only the name is needed; 原件, 1 and 必交 are the
 * defaults; a note may hold bars; its last part, when it begins with
 * 证照：, names the item whose licence may fill the slot, 免证办, DOC-2).  A
 * material whose name is that of one in old keeps old's types, blank
 * form and filled sample.  Returns 0, or -1 with errs.
 */
int	 cform_materials_parse(struct pool *, const char *text,
	    const struct material *old, size_t nold, struct material **out,
	    size_t *n, struct cform_errors *errs);
char	*cform_materials_text(struct pool *, const struct material *,
	    size_t n);
json_t	*cform_materials_json(const struct material *, size_t n);

/*
 * The elements of an item (CAT-1, CAT-2) from form fields, read through
 * get (a value trimmed, or NULL when absent or empty): name, kind,
 * dept_code, level, parent, phase, basis, conditions, statutory_days,
 * promised_days, instant, fee, fee_basis, fee_standard, place, hours,
 * phone, complaint_phone, visits, depth, secret, theme_N (one checkbox
 * per cform_themes[N]), keywords.  Returns the JSON object of
 * docs/catalog.md without code, dept_name, materials and procedure, or
 * NULL with every error in errs.
 */
typedef const char *(*cform_get_fn)(void *arg, const char *name);
json_t	*cform_item_json(struct pool *, cform_get_fn get, void *arg,
	    struct cform_errors *errs);

/* The themes string of an item ("、"-separated): 1 when it has theme. */
int	 cform_has_theme(const char *themes, const char *theme);
/* 1 when s is a valid item or department code: 1 to max of A-Z a-z 0-9
 * and '-'. */
int	 cform_valid_code(const char *s, size_t max);
/* Role word for people of a step role bit ("承办人"), or "". */
const char *cform_role_word(unsigned role);

#endif
