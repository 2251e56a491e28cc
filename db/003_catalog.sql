-- 003_catalog: the full elements of an item (CAT-1, CAT-2), procedure
-- definitions as nets (FLOW-1), and the state of cases running on them
-- (INT-4, INT-5, INT-8).  See docs/catalog.md and cgi/domain/wfnet.h.

ALTER TABLE item
	ADD COLUMN parent_code	VARCHAR(40) NOT NULL DEFAULT '' AFTER code,
	ADD COLUMN phase	VARCHAR(10) NOT NULL DEFAULT '' AFTER parent_code,
	ADD COLUMN fee_basis	TEXT NOT NULL DEFAULT '' AFTER fee,
	ADD COLUMN fee_standard	TEXT NOT NULL DEFAULT '' AFTER fee_basis,
	ADD COLUMN secret	TINYINT NOT NULL DEFAULT 0 AFTER depth,
	ADD COLUMN themes	VARCHAR(300) NOT NULL DEFAULT '' AFTER secret,
	ADD COLUMN keywords	VARCHAR(500) NOT NULL DEFAULT '' AFTER themes,
	ADD COLUMN created_by	VARCHAR(60) NOT NULL DEFAULT '' AFTER keywords,
	ADD COLUMN created_at	DATETIME NULL AFTER created_by,
	ADD KEY (parent_code);

-- Blank forms and filled samples (CAT-1, CAT-5) travel as files of the
-- content store, named by their SHA-256.
ALTER TABLE item_material
	ADD COLUMN form		VARCHAR(200) NOT NULL DEFAULT '' AFTER note,
	ADD COLUMN form_sha	CHAR(64) NOT NULL DEFAULT '' AFTER form,
	ADD COLUMN sample	VARCHAR(200) NOT NULL DEFAULT '' AFTER form_sha,
	ADD COLUMN sample_sha	CHAR(64) NOT NULL DEFAULT '' AFTER sample;

-- A step has a key the edges name, and may be acted on by another
-- department (并联审批).  doc: accept (受理 notices) or decision.
ALTER TABLE item_step
	ADD COLUMN skey		VARCHAR(40) NOT NULL DEFAULT '' AFTER seq,
	ADD COLUMN dept_code	VARCHAR(32) NOT NULL DEFAULT '' AFTER role,
	ADD COLUMN doc		VARCHAR(10) NOT NULL DEFAULT '' AFTER days;
UPDATE item_step SET skey = CONCAT('s', seq) WHERE skey = '';

CREATE TABLE item_flow (
	item_id		INT NOT NULL,
	seq		INT NOT NULL,		-- the edge's index in the net
	from_key	VARCHAR(40) NOT NULL,	-- 'start' or a step key
	to_key		VARCHAR(40) NOT NULL,	-- a step key or 'end'
	back		TINYINT NOT NULL DEFAULT 0,
	PRIMARY KEY (item_id, seq),
	FOREIGN KEY (item_id) REFERENCES item(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Skeleton items were straight lines through their steps.
INSERT INTO item_flow (item_id, seq, from_key, to_key, back)
	SELECT s.item_id, s.seq, IF(s.seq = 1, 'start', CONCAT('s', s.seq - 1)),
	    CONCAT('s', s.seq), 0 FROM item_step s;
INSERT INTO item_flow (item_id, seq, from_key, to_key, back)
	SELECT s.item_id, s.seq + 1, CONCAT('s', s.seq), 'end', 0 FROM item_step s
	WHERE s.seq = (SELECT MAX(seq) FROM item_step t WHERE t.item_id = s.item_id);

-- The marking of a running case: tokens per edge of its item's net.
CREATE TABLE case_token (
	case_id		INT NOT NULL,
	edge		INT NOT NULL,
	tokens		INT NOT NULL,
	PRIMARY KEY (case_id, edge),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB;

-- The steps that can act now (derived from the marking, kept for the
-- worklists): one row per enabled step.
CREATE TABLE case_task (
	case_id		INT NOT NULL,
	step_key	VARCHAR(40) NOT NULL,
	role		INT UNSIGNED NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,
	since		DATETIME NOT NULL,
	PRIMARY KEY (case_id, step_key),
	KEY (dept_code, role),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- With return edges a step may be signed more than once.
ALTER TABLE opinion
	ADD COLUMN step_key	VARCHAR(40) NOT NULL DEFAULT '' AFTER step_seq,
	ADD KEY opinion_case (case_id, id),
	DROP INDEX case_id;

-- Cases already running continue where they are: a token before their
-- current step (edge index = item_flow.seq - 1).
INSERT INTO case_token (case_id, edge, tokens)
	SELECT k.id, k.step_seq - 1, 1 FROM kase k
	WHERE k.state IN ('received', 'processing');
INSERT INTO case_task (case_id, step_key, role, dept_code, since)
	SELECT k.id, s.skey, s.role, i.dept_code, UTC_TIMESTAMP() FROM kase k
	JOIN item i ON i.id = k.item_id
	JOIN item_step s ON s.item_id = k.item_id AND s.seq = k.step_seq
	WHERE k.state IN ('received', 'processing');
