-- 091: deadlines and the warnings of missed ones (TIME-2, SUP-1, INT-11;
-- cgi/domain/deadline.h).  All dates are Beijing dates, computed on the
-- working-day calendar (090) when the row is written; a row written before
-- this migration, or while its year was not loaded, has NULL until
-- `yiwang-admin tick` fills it in.
--
-- A case's clocks run from its submission on the extranet (the time the
-- bundle carried): intake_due, 5 working days for accepting, refusing or
-- asking for correction (行政许可法 Art. 32); promised_due and
-- statutory_due, the item's promised and statutory limits.  A step's clock
-- runs from the moment the case reached it on the intranet (since): the
-- step's working-day limit gives case_task.due_date.
ALTER TABLE kase
	ADD COLUMN intake_due	DATE NULL AFTER decided_at,
	ADD COLUMN promised_due	DATE NULL AFTER intake_due,
	ADD COLUMN statutory_due DATE NULL AFTER promised_due;
ALTER TABLE case_task
	ADD COLUMN due_date	DATE NULL AFTER since,
	ADD KEY (due_date);

-- The moment a step turns red (a working day past its deadline has begun)
-- the tick writes one row here: the case, the step, who held it, the
-- deadline and how many working days late.  No role may change or delete
-- it: insert-only for the application's account, refused by triggers for
-- anyone else, and a keyed chain (chain.h) like the audit trail.
CREATE TABLE deadline_warning (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,		-- UTC, when written
	case_id		INT NOT NULL,
	app_no		VARCHAR(20) NOT NULL,
	step_key	VARCHAR(40) NOT NULL,
	step_name	VARCHAR(40) NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,
	holders		VARCHAR(400) NOT NULL,		-- names of who may act
	due_date	DATE NOT NULL,
	days_late	INT NOT NULL,			-- working days
	prev_hash	CHAR(64) NOT NULL,
	hash		CHAR(64) NOT NULL,
	UNIQUE KEY (case_id, step_key, due_date),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: warnings of missed deadlines (SUP-1), a keyed chain';

CREATE TRIGGER deadline_warning_no_update BEFORE UPDATE ON deadline_warning
	FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'deadline warnings cannot be changed';
CREATE TRIGGER deadline_warning_no_delete BEFORE DELETE ON deadline_warning
	FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'deadline warnings cannot be deleted';

INSERT INTO chain_head (chain, legacy_until) VALUES ('deadline_warning', 0);
