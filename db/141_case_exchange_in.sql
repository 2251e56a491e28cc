-- 141: what came in about a case (SUP-3, INT-13; issue #8): beside what
-- the intranet sent (112), the supervisors' view of a case lists every
-- record of the extranet's that the import applied to it: the application
-- itself, a 补正 reply, a withdrawal, a complaint naming the case.  One row
-- per record that names a case by its application number, written by
-- `yiwang-gap import` (cgi/gap/gap.c) in the import's transaction, after
-- the bundle's own row of gap_in, which gives its sequence, hash and time.
-- taken: 'applied' when the record changed the case; 'aside' when the
-- site took it and it changed nothing (a withdrawal or a correction that
-- came after the decision, a complaint already here): the applicant was
-- told, and the row must not say it took effect.  A refused bundle
-- writes nothing (the import rolls back whole).  Bundles imported before
-- this migration have no rows: their records are not kept to recount.
CREATE TABLE gap_in_case (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	dir		VARCHAR(8) NOT NULL,
	epoch		INT NOT NULL,
	seq		BIGINT NOT NULL,
	recno		INT NOT NULL,		-- the record's line, from 1
	app_no		VARCHAR(20) NOT NULL,
	kind		VARCHAR(40) NOT NULL,	-- the record's type
	taken		VARCHAR(8) NOT NULL,	-- applied, aside
	UNIQUE KEY rec (dir, epoch, seq, recno),
	KEY app (app_no, id),
	FOREIGN KEY (dir, epoch, seq) REFERENCES gap_in (dir, epoch, seq),
	CHECK (taken IN ('applied', 'aside'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: records imported about a case, by bundle (SUP-3)';

CREATE TRIGGER gap_in_case_no_update BEFORE UPDATE ON gap_in_case
	FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'imported records cannot be changed';
CREATE TRIGGER gap_in_case_no_delete BEFORE DELETE ON gap_in_case
	FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'imported records cannot be deleted';
