-- 230: SMS reminders to civil servants before deadlines (NTF-1; issue
-- #10).  The intranet sends them through its own gateway (docs/sms.md):
-- staff mobiles never leave the intranet.  Both sites get the tables (one
-- schema); only the intranet fills them.

-- A member of staff's mobile (190 added mobile_sealed): its mask for the
-- pages, and whether they want reminders (their account page).
ALTER TABLE staff
	ADD COLUMN mobile_masked VARCHAR(16) NULL AFTER mobile_sealed,
	ADD COLUMN sms_remind TINYINT NOT NULL DEFAULT 1 AFTER mobile_masked;

-- A code that verifies a staff mobile (the staff member's account page):
-- the account in staff_id, the new number sealed in mobile_sealed.  The
-- purposes before it stay (226's agent-reset among them).
ALTER TABLE sms_code
	MODIFY COLUMN purpose ENUM('register', 'reset', 'login',
	'agent-reset', 'staff') NOT NULL,
	ADD COLUMN staff_id INT NULL AFTER citizen_id;

-- Each reminder sent, once per case, step, kind and person: 'due' when
-- the step's deadline falls within the next working day, 'overdue' once
-- it is red.  The unique key is what keeps a second tick from sending it
-- again.  sms_id: the message in sms_outbox.
CREATE TABLE staff_reminder (
	id		BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	case_id		INT NOT NULL,
	step_key	VARCHAR(40) NOT NULL,
	kind		ENUM('due', 'overdue') NOT NULL,
	staff_id	INT NOT NULL,
	due_date	DATE NOT NULL,
	sms_id		BIGINT NOT NULL,
	at		DATETIME NOT NULL,	-- UTC, from the clock
	UNIQUE KEY once (case_id, step_key, kind, staff_id),
	KEY staff (staff_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
COMMENT 'insert-only: one reminder per case, step, kind and person';
