-- 135: generated history (yiwang-admin demo-history; issue #8 "Scale").
-- Cases made up for benchmarks and demonstrations are marked demo = 1,
-- and so are the rows of the two ledgers that name them (signed opinions,
-- warnings of missed deadlines), so that `demo-history --remove` takes
-- them all away again and nothing else (cgi/domain/history.h).
--
-- The ledgers' rows of generated cases form chains of their own,
-- "demo-opinion" and "demo-warning" (chain.h), which no anchor
-- signs: the real chains never link to a generated row, so removing them
-- leaves every real chain whole.  A real row moved into a demo chain (its
-- flag changed by someone who can drop triggers) breaks the real chain at
-- the next row, as any deletion does.
ALTER TABLE kase
	ADD COLUMN demo TINYINT NOT NULL DEFAULT 0,
	ADD KEY kase_demo (demo, id);
ALTER TABLE opinion
	ADD COLUMN demo TINYINT NOT NULL DEFAULT 0,
	ADD KEY opinion_demo (demo, id);
ALTER TABLE deadline_warning
	ADD COLUMN demo TINYINT NOT NULL DEFAULT 0,
	ADD KEY warning_demo (demo, id);

-- Still never changed; deleted only when generated.  (The application's
-- account has no DELETE on either table in any case, 030.)
DROP TRIGGER IF EXISTS opinion_no_delete;
CREATE TRIGGER opinion_no_delete BEFORE DELETE ON opinion FOR EACH ROW
	IF OLD.demo = 0 THEN
		SIGNAL SQLSTATE '45000'
		SET MESSAGE_TEXT = 'signed opinions cannot be deleted';
	END IF;
DROP TRIGGER IF EXISTS deadline_warning_no_delete;
CREATE TRIGGER deadline_warning_no_delete BEFORE DELETE ON deadline_warning
	FOR EACH ROW
	IF OLD.demo = 0 THEN
		SIGNAL SQLSTATE '45000'
		SET MESSAGE_TEXT = 'deadline warnings cannot be deleted';
	END IF;
