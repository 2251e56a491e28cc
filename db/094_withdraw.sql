-- 094: withdrawal (EXT-5, INT-3; issue #7).  The applicant asks on the
-- extranet; the request waits there (withdraw_at, withdraw_reason) until
-- the intranet has ended the case and its 准予撤回决定书 comes back.  The
-- intranet keeps the columns empty.
ALTER TABLE application
	ADD COLUMN withdraw_at DATETIME NULL AFTER due_date,
	ADD COLUMN withdraw_reason VARCHAR(2000) NOT NULL DEFAULT ''
	    AFTER withdraw_at;
