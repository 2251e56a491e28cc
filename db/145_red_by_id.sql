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

DROP PROCEDURE perf_rebuild;
-- perf_rebuild() as in 115, its red lights as the trigger above gives
-- them: by id, or by name for the rows written before.
CREATE PROCEDURE perf_rebuild()
    MODIFIES SQL DATA
BEGIN
	DELETE FROM perf_case_day;
	DELETE FROM perf_case_month;
	DELETE FROM perf_person_day;
	DELETE FROM perf_red;
	INSERT INTO perf_case_day (day, dept_code, item_code, channel,
	    result, received)
	    SELECT DATE(k.received_at + INTERVAL 8 HOUR),
	    COALESCE(i.dept_code, ''), k.item_code, k.source, '', COUNT(*)
	    FROM kase k LEFT JOIN item i ON i.id = k.item_id
	    GROUP BY 1, 2, 3, 4;
	INSERT INTO perf_case_day (day, dept_code, item_code, channel,
	    result, ended, on_time, late, work_days)
	    SELECT c.day, c.dept, c.item_code, c.source, c.state, COUNT(*),
	    SUM(c.on_), SUM(c.dec_ * (1 - c.on_)), SUM(c.wd)
	    FROM (SELECT k.item_code, k.source, k.state,
		COALESCE(i.dept_code, '') AS dept,
		DATE(k.decided_at + INTERVAL 8 HOUR) AS day,
		IF(k.state = 'withdrawn', 0, 1) AS dec_,
		IF(k.state = 'withdrawn', 0,
		    IF(IF(k.state = 'not_accepted', k.intake_due,
		    k.promised_due) IS NULL OR DATE(k.decided_at +
		    INTERVAL 8 HOUR) <= IF(k.state = 'not_accepted',
		    k.intake_due, k.promised_due), 1, 0)) AS on_,
		IF(k.state = 'withdrawn', 0, GREATEST(0, perf_workdays(
		    DATE(COALESCE(k.corrected_at, k.submitted_at) +
		    INTERVAL 8 HOUR), DATE(k.decided_at + INTERVAL 8 HOUR)) -
		    k.paused_days)) AS wd
		FROM kase k LEFT JOIN item i ON i.id = k.item_id
		WHERE k.decided_at IS NOT NULL AND k.state IN ('approved',
		'denied', 'not_accepted', 'withdrawn')) c
	    GROUP BY 1, 2, 3, 4, 5;
	INSERT INTO perf_case_month (month, dept_code, item_code, channel,
	    result, received, ended, on_time, late, work_days)
	    SELECT day - INTERVAL (DAYOFMONTH(day) - 1) DAY, dept_code,
	    item_code, channel, result, SUM(received), SUM(ended),
	    SUM(on_time), SUM(late), SUM(work_days) FROM perf_case_day
	    GROUP BY 1, 2, 3, 4, 5;
	INSERT INTO perf_person_day (staff_id, day, acts)
	    SELECT staff_id, DATE(at + INTERVAL 8 HOUR), COUNT(*)
	    FROM case_event WHERE staff_id IS NOT NULL GROUP BY 1, 2;
	INSERT INTO perf_person_day (staff_id, day, opinions)
	    SELECT staff_id, DATE(signed_at + INTERVAL 8 HOUR), COUNT(*)
	    FROM opinion GROUP BY 1, 2
	    ON DUPLICATE KEY UPDATE opinions = VALUES(opinions);
	INSERT INTO perf_person_day (staff_id, day, decided, on_time, late,
	    work_days)
	    SELECT h.staff_id, DATE(k.decided_at + INTERVAL 8 HOUR), COUNT(*),
	    SUM(o.on_), SUM(1 - o.on_), SUM(o.wd)
	    FROM (SELECT DISTINCT case_id, staff_id FROM case_hand) h
	    JOIN kase k ON k.id = h.case_id
	    JOIN (SELECT k2.id,
		IF(IF(k2.state = 'not_accepted', k2.intake_due,
		    k2.promised_due) IS NULL OR DATE(k2.decided_at +
		    INTERVAL 8 HOUR) <= IF(k2.state = 'not_accepted',
		    k2.intake_due, k2.promised_due), 1, 0) AS on_,
		GREATEST(0, perf_workdays(DATE(COALESCE(k2.corrected_at,
		    k2.submitted_at) + INTERVAL 8 HOUR),
		    DATE(k2.decided_at + INTERVAL 8 HOUR)) - k2.paused_days)
		    AS wd
		FROM kase k2 WHERE k2.decided_at IS NOT NULL AND k2.state IN
		('approved', 'denied', 'not_accepted')) o ON o.id = k.id
	    GROUP BY 1, 2
	    ON DUPLICATE KEY UPDATE decided = VALUES(decided),
	    on_time = VALUES(on_time), late = VALUES(late),
	    work_days = VALUES(work_days);
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
