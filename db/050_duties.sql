-- 050_duties: separation of duties (三员分立, 回避; SEC-7, finding F6).
-- Intranet-owned; the extranet runs it too and leaves the tables empty.

-- A password set by an administrator (the security administrator on the
-- web, the operator with yiwang-admin) is temporary: its owner must choose
-- a new one before anything else.  An account the system administrator
-- has just created has no password at all ('!', which no password
-- matches) until the security administrator sets one.
ALTER TABLE staff
	ADD COLUMN pw_temporary	TINYINT NOT NULL DEFAULT 0 AFTER pw_hash;

-- Roles (bits of cgi/core/request.h): at most one of the three
-- administrators' (system 16, security 32, audit 64), and an
-- administrator holds no business role (clerk 2, handler 4, leader 8).
-- cgi/domain/account.c refuses such a combination with a message first;
-- this is the last line, whatever path writes the row.  On a database
-- where someone already holds such a combination the migration stops:
-- give each administrator duty to its own account, then migrate again.
ALTER TABLE staff
	ADD CONSTRAINT staff_duties CHECK (
		(roles & 112) IN (0, 16, 32, 64) AND
		((roles & 112) = 0 OR (roles & 14) = 0));

-- Who acted at which step of which case (回避): one person acts at one
-- step of a case only (again after a return, but at no other step),
-- except at the window steps of an instant item (即办件).  Written by
-- cgi/domain/flow.c in the transition's transaction.
CREATE TABLE case_hand (
	case_id		INT NOT NULL,
	staff_id	INT NOT NULL,
	step_key	VARCHAR(40) NOT NULL,
	PRIMARY KEY (case_id, staff_id, step_key),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Cases already under way: the signed opinions name their step; the
-- other transitions name it at the start of their event's label
-- ("受理", "批准·准予许可", "决定·回退至审查").
INSERT IGNORE INTO case_hand (case_id, staff_id, step_key)
	SELECT case_id, staff_id, step_key FROM opinion WHERE step_key <> '';
INSERT IGNORE INTO case_hand (case_id, staff_id, step_key)
	SELECT e.case_id, e.staff_id, s.skey FROM case_event e
	JOIN kase k ON k.id = e.case_id
	JOIN item_step s ON s.item_id = k.item_id
	WHERE e.staff_id IS NOT NULL AND s.skey <> ''
	AND (e.label = s.name OR e.label LIKE CONCAT(s.name, '·%'));

-- Who drafted, edited or submitted a version of a catalogue item: none of
-- them may publish it (publication needs a second person).  Written by
-- cgi/domain/catalog.c with the audit row of each of these changes.
CREATE TABLE item_hand (
	code		VARCHAR(40) NOT NULL,
	version		INT NOT NULL,
	login		VARCHAR(40) NOT NULL,
	act		VARCHAR(10) NOT NULL,	-- draft, edit, submit
	at		DATETIME NOT NULL,
	PRIMARY KEY (code, version, login, act)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
