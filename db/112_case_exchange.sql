-- 112: what crossed the gap about a case (SUP-3, INT-13; issue #8): the
-- supervisors' view of a case lists the records the intranet sent to the
-- extranet about it (its timeline, documents, fees) and the bundle that
-- carried each, found by the application number the record names.  A
-- sealed record (personal data, pii.h) is not JSON and names none here.
-- What came in is recorded per case since 141 (gap_in_case: each record
-- an import applied to a case, or set aside, with its bundle's gap_in row).
ALTER TABLE gap_outbox
	ADD COLUMN sup_app_no VARCHAR(20) AS (IF(JSON_VALID(body),
	    LEFT(JSON_VALUE(body, '$.app_no'), 20), NULL)) VIRTUAL,
	ADD KEY sup_app_no (sup_app_no, id);
