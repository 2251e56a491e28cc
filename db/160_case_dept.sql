-- 160: case search by department (INT-11; issue #8 "Scale").  A
-- department may read the cases of its items and of the items at whose
-- steps it acts (flow_involves).  Case search walked every case newest
-- first (136's search_walk) and kept the department's, so at a million
-- cases a search by a part of a name passed over some 16,000 entries,
-- most of them other departments', where at 10,000 it passed over
-- 10,000: 1.33 times the time.  This table lists, for each department,
-- the cases it may read, newest received first along its key, with every
-- column a search looks at: a search reads its own department's entries
-- only, and never the cases it passes over (bench/supervision.sh).
--
-- A case's item, and so its departments, never change once it is
-- received (a published item version is never edited), nor do its
-- receipt time, number and applicant: those are written once, when the
-- case is, whatever writes it (the flow, the generated history, a batch
-- import).  Its state and deadlines follow it, in the transaction that
-- changes them.  The rows go with the case.
CREATE TABLE case_dept (
	dept_code	VARCHAR(32) NOT NULL,
	received_at	DATETIME NOT NULL,
	case_id		INT NOT NULL,
	item_id		INT NOT NULL,
	app_no		VARCHAR(20) NOT NULL,
	applicant_name	VARCHAR(50) NOT NULL,
	state		VARCHAR(20) NOT NULL,
	intake_due	DATE NULL,
	promised_due	DATE NULL,
	PRIMARY KEY (dept_code, received_at, case_id),
	KEY (case_id),
	FOREIGN KEY (case_id) REFERENCES kase(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: the cases each department may read (INT-11), kept by triggers on kase';

-- In two passes, without a UNION's temporary table of every case.
INSERT INTO case_dept
	SELECT i.dept_code, k.received_at, k.id, k.item_id, k.app_no,
	    k.applicant_name, k.state, k.intake_due, k.promised_due
	FROM kase k JOIN item i ON i.id = k.item_id;
INSERT IGNORE INTO case_dept
	SELECT s.dept_code, k.received_at, k.id, k.item_id, k.app_no,
	    k.applicant_name, k.state, k.intake_due, k.promised_due
	FROM item_step s JOIN item i ON i.id = s.item_id
	JOIN kase k ON k.item_id = s.item_id
	WHERE s.dept_code NOT IN ('', i.dept_code);

CREATE TRIGGER kase_case_dept AFTER INSERT ON kase FOR EACH ROW
	INSERT IGNORE INTO case_dept
	SELECT i.dept_code, NEW.received_at, NEW.id, NEW.item_id, NEW.app_no,
	    NEW.applicant_name, NEW.state, NEW.intake_due, NEW.promised_due
	FROM item i WHERE i.id = NEW.item_id
	UNION
	SELECT s.dept_code, NEW.received_at, NEW.id, NEW.item_id, NEW.app_no,
	    NEW.applicant_name, NEW.state, NEW.intake_due, NEW.promised_due
	FROM item_step s WHERE s.item_id = NEW.item_id AND s.dept_code <> '';

CREATE TRIGGER kase_case_dept_update AFTER UPDATE ON kase FOR EACH ROW
	IF NOT (NEW.state <=> OLD.state AND NEW.intake_due <=> OLD.intake_due
	    AND NEW.promised_due <=> OLD.promised_due) THEN
		UPDATE case_dept SET state = NEW.state,
		    intake_due = NEW.intake_due,
		    promised_due = NEW.promised_due
		WHERE case_id = NEW.id;
	END IF;

-- 136's covering index walked by the old search goes; the plain order of
-- receipt it replaced (100's) serves the hall's count of today's cases.
ALTER TABLE kase
	DROP KEY search_walk,
	ADD KEY received (received_at, id);
