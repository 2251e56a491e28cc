/*
 * vocab.h: the closed sets of words both sites agree on, in one place,
 * so that the form that writes a value and the site that receives it
 * across the gap (cgi/gap/records.c) can never disagree on what is
 * valid: the catalogue's choices (CAT-1, CAT-2), the shapes of item
 * codes and step keys, the states of a case and the documents it issues.
 * Pure: no database, no request.
 */
#ifndef YW_VOCAB_H
#define YW_VOCAB_H

#include <stddef.h>

/* The choices of the catalogue editor, in the order shown, NULL-ended. */
/* The special procedures that suspend a case's clock (INT-9). */
extern const char *const vocab_specials[];
extern const char *const vocab_kinds[];		/* 行政许可, … */
extern const char *const vocab_levels[];	/* 市级 … 村级 */
extern const char *const vocab_phases[];	/* 登记, 变更, … */
extern const char *const vocab_themes[];	/* 出生, 上学, … */
extern const char *const vocab_originals[];	/* 原件, 复印件, … */
/* The templates of the SMS an intranet event sends (NTF-1, sms.send). */
extern const char *const vocab_sms_templates[];
/* What a procedure step issues: "", "accept" or "decision". */
extern const char *const vocab_step_docs[];

#define VOCAB_KEY_MAX		40	/* item_flow.from_key */
#define VOCAB_STEP_NAME_MAX	40	/* item_step.name */
#define VOCAB_DAYS_MAX		365	/* working days of one step */

/* 1 when s is one of list (NULL-ended). */
int		 vocab_in(const char *const *list, const char *s);
/* 1 when s is a valid item or department code: 1 to max of A-Z a-z 0-9
 * and '-'. */
int		 vocab_code_valid(const char *s, size_t max);
/* 1 when s is a valid step key: 1 to VOCAB_KEY_MAX of A-Z a-z 0-9 - _. */
int		 vocab_key_valid(const char *s);
/* 1 when role is the role bit of a step: clerk, handler or leader. */
int		 vocab_step_role(unsigned role);

/* People's words for the state of a case (已受理，正在审查), or NULL when
 * state is none of those of vocab.c (received, correcting, suspended,
 * processing, not_accepted, approved, denied, withdrawn). */
const char	*vocab_state_label(const char *state);

/* A kind of document a case issues (accept, reject, approve, deny,
 * withdraw, extend, correct, special). */
struct vocab_doc {
	const char	*kind;
	const char	*title;		/* 受理通知书 */
	const char	*prefix;	/* of its number: 受字 */
};
/* The document kind, or NULL. */
const struct vocab_doc *vocab_doc_kind(const char *kind);

#endif
