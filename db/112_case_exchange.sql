-- 112: what crossed the gap about a case (SUP-3, INT-13; issue #8): the
-- supervisors' view of a case lists the records the intranet sent to the
-- extranet about it (its timeline, documents, fees) and the bundle that
-- carried each, found by the application number the record names.  A
-- sealed record (personal data, pii.h) is not JSON and names none here.
-- What came in is not recorded per case: a bundle's import is one row of
-- gap_in for all its records; the case shows when it was submitted on the
-- extranet and when the intranet received it.
ALTER TABLE gap_outbox
	ADD COLUMN sup_app_no VARCHAR(20) AS (IF(JSON_VALID(body),
	    LEFT(JSON_VALUE(body, '$.app_no'), 20), NULL)) VIRTUAL,
	ADD KEY sup_app_no (sup_app_no, id);
