-- 120: abnormal warnings (异常预警, SUP-2; issue #8; cgi/domain/anomaly.h).
--
-- The normal paths of this system refuse most of what these rules look
-- for (flow.c); the rules catch what other paths did: an edit made
-- directly in the database, an imported record, a bug.  Each warning
-- names its rule, the case and what fired it, in words with the case's
-- own facts.  Like deadline_warning (091), no role may change or delete
-- one: insert-only for the application's account, refused by triggers
-- for anyone else, and a keyed chain (chain.h).  One row per (case,
-- rule, subject): checking a case again adds nothing it already says.
CREATE TABLE anomaly_warning (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,		-- UTC, when written
	case_id		INT NOT NULL,
	app_no		VARCHAR(20) NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,		-- the item's department
	rule		VARCHAR(30) NOT NULL,		-- anomaly.c's key
	subject		VARCHAR(100) NOT NULL,		-- what fired, e.g. event:4
	explanation	VARCHAR(1000) NOT NULL,		-- what a person reads
	prev_hash	CHAR(64) NOT NULL,
	hash		CHAR(64) NOT NULL,
	UNIQUE KEY (case_id, rule, subject),
	KEY (at, id),
	KEY (rule, at),
	KEY (dept_code, at),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: abnormal warnings (SUP-2), a keyed chain';

CREATE TRIGGER anomaly_warning_no_update BEFORE UPDATE ON anomaly_warning
	FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'abnormal warnings cannot be changed';
CREATE TRIGGER anomaly_warning_no_delete BEFORE DELETE ON anomaly_warning
	FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'abnormal warnings cannot be deleted';

INSERT INTO chain_head (chain, legacy_until) VALUES ('anomaly_warning', 0);

-- The supervision pages list both ledgers newest first, by time (115
-- adds the same dept_at for performance).
ALTER TABLE deadline_warning
	ADD KEY IF NOT EXISTS at_id (at, id),
	ADD KEY IF NOT EXISTS dept_at (dept_code, at);

-- Cases changed since the tick last checked them: whatever writes a
-- case's rows (the application, or anyone at the database's console, or
-- an import) leaves its id here by these triggers, n counting the
-- changes; the tick checks each case listed and removes its row if n is
-- still what it read (a change meanwhile keeps it for the next tick).
-- One row per case waiting, so the table stays as small as the backlog.
CREATE TABLE case_change (
	case_id		INT NOT NULL PRIMARY KEY,
	n		BIGINT NOT NULL DEFAULT 1
) ENGINE=InnoDB;

CREATE TRIGGER kase_changed_ins AFTER INSERT ON kase FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER kase_changed_upd AFTER UPDATE ON kase FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER case_event_changed_ins AFTER INSERT ON case_event FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.case_id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER case_event_changed_upd AFTER UPDATE ON case_event FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.case_id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER case_event_changed_del AFTER DELETE ON case_event FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (OLD.case_id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER case_hand_changed_ins AFTER INSERT ON case_hand FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.case_id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER case_fee_changed_ins AFTER INSERT ON case_fee FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.case_id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER case_fee_changed_upd AFTER UPDATE ON case_fee FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.case_id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER opinion_changed_ins AFTER INSERT ON opinion FOR EACH ROW
	INSERT INTO case_change (case_id) VALUES (NEW.case_id)
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER document_changed_upd AFTER UPDATE ON document FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE app_no = OLD.app_no
	ON DUPLICATE KEY UPDATE n = n + 1;
CREATE TRIGGER document_changed_del AFTER DELETE ON document FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE app_no = OLD.app_no
	ON DUPLICATE KEY UPDATE n = n + 1;

-- Open cases past their promised completion (the tick's timed rule).
ALTER TABLE kase ADD KEY open_due (decided_at, promised_due);
