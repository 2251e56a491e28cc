-- 145: red lights by person, not by name (SUP-4, SUP-1; issue #8;
-- docs/performance.md).  Until now a warning named in holders who could
-- act at the step when it turned red, and perf_red gave the light to
-- every member of the step's department of one of those names: two
-- people of one name shared each other's lights, and a person renamed
-- since lost theirs.  The warning now records their staff ids as well,
-- in the same order as the names, and the light goes to exactly those.
--
-- The ledger is insert-only and a keyed chain (chain.h): the ids are
-- MACed with the names, as the field holders US holder_ids (CHAR(31)),
-- the way 103 chained a deputy's signature.  A row written before has
-- holder_ids NULL: its field is the names alone, exactly what its MAC
-- covers, so every old row verifies unchanged; its lights keep the match
-- by name within the department (there is nothing else to go by), and a
-- rebuild keeps them so too.  The generated history (135) writes names
-- only, and is matched by name too.
ALTER TABLE deadline_warning
	ADD COLUMN holder_ids VARCHAR(1000) NULL AFTER holders;

DROP TRIGGER deadline_warning_perf;
CREATE TRIGGER deadline_warning_perf AFTER INSERT ON deadline_warning
    FOR EACH ROW
BEGIN
	IF NEW.holder_ids IS NOT NULL THEN
		INSERT IGNORE INTO perf_red (warning_id, staff_id, day)
		    SELECT NEW.id, s.id, DATE(NEW.at + INTERVAL 8 HOUR)
		    FROM staff s WHERE FIND_IN_SET(s.id, NEW.holder_ids) > 0;
	ELSE
		INSERT IGNORE INTO perf_red (warning_id, staff_id, day)
		    SELECT NEW.id, s.id, DATE(NEW.at + INTERVAL 8 HOUR)
		    FROM staff s JOIN department d ON d.id = s.dept_id
		    WHERE d.code = NEW.dept_code AND NEW.holders <> ''
		    AND FIND_IN_SET(s.name, REPLACE(NEW.holders, '、', ',')) > 0;
	END IF;
END;

-- perf_rebuild() (115) gives the lights by name still; perf_red_rebuild()
-- gives them again as the trigger above does, and `yiwang-admin
-- perf-rebuild` (perf.c) calls it right after perf_rebuild(), in the same
-- transaction.
CREATE PROCEDURE perf_red_rebuild()
    MODIFIES SQL DATA
BEGIN
	DELETE FROM perf_red;
	INSERT IGNORE INTO perf_red (warning_id, staff_id, day)
	    SELECT w.id, s.id, DATE(w.at + INTERVAL 8 HOUR)
	    FROM deadline_warning w JOIN staff s
	    ON FIND_IN_SET(s.id, w.holder_ids) > 0
	    WHERE w.holder_ids IS NOT NULL AND w.holder_ids <> '';
	INSERT IGNORE INTO perf_red (warning_id, staff_id, day)
	    SELECT w.id, s.id, DATE(w.at + INTERVAL 8 HOUR)
	    FROM deadline_warning w JOIN department d ON d.code = w.dept_code
	    JOIN staff s ON s.dept_id = d.id
	    WHERE w.holder_ids IS NULL AND w.holders <> ''
	    AND FIND_IN_SET(s.name, REPLACE(w.holders, '、', ',')) > 0;
END;
