-- 092: what the applicant is told to expect (TIME-2, EXT-3; issue #7): the
-- case's promised completion date, computed on the intranet's calendar from
-- the submission and carried with every case.event record; NULL before the
-- first record and once the case is decided.  The intranet keeps it empty.
ALTER TABLE application
	ADD COLUMN due_date DATE NULL AFTER state_label;
