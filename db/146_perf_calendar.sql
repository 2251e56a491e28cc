-- 146: durations follow a change of the working-day calendar (SUP-4,
-- TIME-1; issue #8; docs/performance.md).  A case's duration (working
-- days from the start of its clock to its decision, perf_workdays())
-- was counted with the calendar of the moment it was decided; when an
-- administrator then declares a day off (or a make-up working day) that
-- falls inside finished cases' clocks, their durations in the summaries
-- of 115 were stale until `yiwang-admin perf-rebuild`.
--
-- Now every change of calendar_day marks its day in perf_stale (by a
-- trigger, in the change's transaction, whatever makes it: the page
-- /admin/calendar, `yiwang-admin calendar-load`), and the tick counts
-- again just the decision days of the cases whose clock ran over a
-- marked day (perf_recount_stale()).  The tick works as the
-- application's account, which only reads the summaries; it asks for
-- the recount by adding a row to perf_recount, whose trigger recounts
-- with its definer's rights (the migration account's, as the summaries'
-- other triggers) and records in that row what it did.

-- Calendar days changed since the summaries were counted.
CREATE TABLE perf_stale (
	day		DATE NOT NULL PRIMARY KEY,	-- Beijing
	marked_at	DATETIME NOT NULL		-- UTC
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: calendar days changed since the summaries were counted (SUP-4), kept by triggers';

-- The recount's working list: the decision days it counts again.
CREATE TABLE perf_stale_day (
	day		DATE NOT NULL PRIMARY KEY	-- Beijing
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: the decision days a recount works on (SUP-4)';

-- One row per recount the tick asked for: the changed days it found
-- (NULL, NULL: none) and how many decision days it counted again.
CREATE TABLE perf_recount (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,		-- UTC
	changed_from	DATE NULL,
	changed_to	DATE NULL,
	days		INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER calendar_day_perf_insert AFTER INSERT ON calendar_day
    FOR EACH ROW
	INSERT INTO perf_stale (day, marked_at)
	    VALUES (NEW.day, UTC_TIMESTAMP())
	    ON DUPLICATE KEY UPDATE marked_at = VALUES(marked_at);

CREATE TRIGGER calendar_day_perf_update AFTER UPDATE ON calendar_day
    FOR EACH ROW
BEGIN
	IF NOT (OLD.day <=> NEW.day AND OLD.kind <=> NEW.kind) THEN
		INSERT INTO perf_stale (day, marked_at)
		    VALUES (OLD.day, UTC_TIMESTAMP()), (NEW.day, UTC_TIMESTAMP())
		    ON DUPLICATE KEY UPDATE marked_at = VALUES(marked_at);
	END IF;
END;

CREATE TRIGGER calendar_day_perf_delete AFTER DELETE ON calendar_day
    FOR EACH ROW
	INSERT INTO perf_stale (day, marked_at)
	    VALUES (OLD.day, UTC_TIMESTAMP())
	    ON DUPLICATE KEY UPDATE marked_at = VALUES(marked_at);

-- Count again what the marked days can have changed, and forget them.
-- A case's figures change with day x when its clock ran over it (started
-- before x, decided on or after it): its decision day is then one of
-- those of the cases decided on or after the first marked day whose
-- clock started before the last.  Each such day's ended rows (every
-- result, withdrawals too), its months, and its people's decisions are
-- counted again from the cases, as perf_rebuild() counts them: exact,
-- whatever the triggers had added meanwhile.  The marks are locked
-- first, so a calendar change under way is waited for, and one that
-- comes after waits for this and is counted by the next tick.
CREATE PROCEDURE perf_recount_stale(OUT o_from DATE, OUT o_to DATE,
    OUT o_days INT)
    MODIFIES SQL DATA
BEGIN
	DECLARE lo DATE;
	DECLARE hi DATE;
	DECLARE lo_utc DATETIME;
	SET o_days = 0;
	SELECT MIN(day), MAX(day) INTO lo, hi FROM perf_stale FOR UPDATE;
	SET o_from = lo, o_to = hi;
	IF lo IS NOT NULL THEN
		SET lo_utc = TIMESTAMP(lo) - INTERVAL 8 HOUR;
		DELETE FROM perf_stale_day;
		INSERT IGNORE INTO perf_stale_day (day)
		    SELECT DATE(decided_at + INTERVAL 8 HOUR) FROM kase
		    WHERE decided_at >= lo_utc AND state IN ('approved',
		    'denied', 'not_accepted') AND DATE(COALESCE(corrected_at,
		    submitted_at) + INTERVAL 8 HOUR) < hi;
		SELECT COUNT(*) INTO o_days FROM perf_stale_day;
		DELETE c FROM perf_case_day c
		    JOIN perf_stale_day s ON s.day = c.day
		    WHERE c.result <> '';
		INSERT INTO perf_case_day (day, dept_code, item_code, channel,
		    result, ended, on_time, late, work_days)
		    SELECT c.day, c.dept, c.item_code, c.source, c.state,
		    COUNT(*), SUM(c.on_), SUM(c.dec_ * (1 - c.on_)), SUM(c.wd)
		    FROM (SELECT k.item_code, k.source, k.state,
			COALESCE(i.dept_code, '') AS dept, s.day,
			IF(k.state = 'withdrawn', 0, 1) AS dec_,
			IF(k.state = 'withdrawn', 0,
			    IF(IF(k.state = 'not_accepted', k.intake_due,
			    k.promised_due) IS NULL OR s.day <=
			    IF(k.state = 'not_accepted', k.intake_due,
			    k.promised_due), 1, 0)) AS on_,
			IF(k.state = 'withdrawn', 0, GREATEST(0,
			    perf_workdays(DATE(COALESCE(k.corrected_at,
			    k.submitted_at) + INTERVAL 8 HOUR), s.day) -
			    k.paused_days)) AS wd
			FROM kase k JOIN perf_stale_day s
			ON s.day = DATE(k.decided_at + INTERVAL 8 HOUR)
			LEFT JOIN item i ON i.id = k.item_id
			WHERE k.decided_at >= lo_utc AND k.state IN
			('approved', 'denied', 'not_accepted', 'withdrawn')) c
		    GROUP BY 1, 2, 3, 4, 5;
		DELETE m FROM perf_case_month m
		    JOIN (SELECT DISTINCT day - INTERVAL (DAYOFMONTH(day) - 1)
		    DAY AS month FROM perf_stale_day) s ON s.month = m.month
		    WHERE m.result <> '';
		INSERT INTO perf_case_month (month, dept_code, item_code,
		    channel, result, received, ended, on_time, late, work_days)
		    SELECT s.month, c.dept_code, c.item_code, c.channel,
		    c.result, 0, SUM(c.ended), SUM(c.on_time), SUM(c.late),
		    SUM(c.work_days)
		    FROM (SELECT DISTINCT day - INTERVAL (DAYOFMONTH(day) - 1)
		    DAY AS month FROM perf_stale_day) s
		    JOIN perf_case_day c ON c.day BETWEEN s.month AND
		    LAST_DAY(s.month) AND c.result <> ''
		    GROUP BY 1, 2, 3, 4, 5;
		UPDATE perf_person_day p JOIN perf_stale_day s ON s.day = p.day
		    SET p.decided = 0, p.on_time = 0, p.late = 0,
		    p.work_days = 0;
		INSERT INTO perf_person_day (staff_id, day, decided, on_time,
		    late, work_days)
		    SELECT o.staff_id, o.day, COUNT(*), SUM(o.on_),
		    SUM(1 - o.on_), SUM(o.wd)
		    FROM (SELECT DISTINCT h.staff_id, k.id, s.day,
			IF(IF(k.state = 'not_accepted', k.intake_due,
			    k.promised_due) IS NULL OR s.day <=
			    IF(k.state = 'not_accepted', k.intake_due,
			    k.promised_due), 1, 0) AS on_,
			GREATEST(0, perf_workdays(DATE(COALESCE(k.corrected_at,
			    k.submitted_at) + INTERVAL 8 HOUR), s.day) -
			    k.paused_days) AS wd
			FROM kase k JOIN perf_stale_day s
			ON s.day = DATE(k.decided_at + INTERVAL 8 HOUR)
			JOIN case_hand h ON h.case_id = k.id
			WHERE k.decided_at >= lo_utc AND k.state IN
			('approved', 'denied', 'not_accepted')) o
		    GROUP BY 1, 2
		    ON DUPLICATE KEY UPDATE decided = VALUES(decided),
		    on_time = VALUES(on_time), late = VALUES(late),
		    work_days = VALUES(work_days);
		DELETE FROM perf_stale_day;
		DELETE FROM perf_stale;
	END IF;
END;

CREATE TRIGGER perf_recount_run BEFORE INSERT ON perf_recount
    FOR EACH ROW
BEGIN
	DECLARE f DATE;
	DECLARE t DATE;
	DECLARE n INT;
	CALL perf_recount_stale(f, t, n);
	SET NEW.changed_from = f, NEW.changed_to = t, NEW.days = n;
END;
