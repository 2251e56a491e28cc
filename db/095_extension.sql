-- 095: extension of a case's time limit (行政许可法 Art. 42; issue #7):
-- once per case, by a leader of a department acting on it, with a
-- 延期审批告知书 to the applicant.  The working days granted move the
-- promised and statutory deadlines (deadline.h).
ALTER TABLE kase
	ADD COLUMN extended_days INT NOT NULL DEFAULT 0 AFTER statutory_due,
	ADD COLUMN extended_at DATETIME NULL AFTER extended_days;
