-- 115: performance and statistics (绩效评估 SUP-4, 统计分析 SUP-6; issue
-- #8; cgi/domain/perf.h, docs/performance.md).  The supervision pages read
-- summaries, never the cases themselves, so that a period of a county's
-- million cases costs what a few thousand summary rows cost.  The
-- summaries are kept by triggers in the transaction of the change that
-- moves them (any code path that changes a case moves them, the tick's
-- and the gap's too), and can be computed again from scratch with
-- `yiwang-admin perf-rebuild` (CALL perf_rebuild()), after a bulk load
-- or a change of the working-day calendar.
--
-- Each case contributes a function of its own row: received on the
-- Beijing day it was received; once ended (approved, denied,
-- not_accepted, withdrawn), ended on the day of decided_at with its
-- result, on time or late against its deadline, and its duration in
-- working days.  An UPDATE of a case takes its old contribution away and
-- adds its new one, so the summary is always that function of the rows
-- as they are, which is exactly what perf_rebuild() computes.
--
-- The application's account only reads them (read-only: below): the
-- triggers write with their definer's (the migration account's) rights.
-- Intranet-owned; the extranet runs it too and keeps the tables empty.

-- Items whose statistics show counts only (婚姻登记, 收养登记: private
-- matters, SUP-6): no applicant, no case list, no drill-down.  Kept per
-- item code, so every version of the item is private; set by the
-- catalogue loader from an item's "private": true (false clears it).
CREATE TABLE item_private (
	code		VARCHAR(40) NOT NULL PRIMARY KEY,
	set_at		DATETIME NOT NULL			-- UTC
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Cases per Beijing day × department × item × channel × result.
-- result '': the receipts of that day (received); otherwise the cases
-- that ended that day with that result (ended).  on_time and late count
-- the decisions (approved, denied: against promised_due; not_accepted:
-- against intake_due; no deadline set: on time); work_days sums their
-- durations (working days from the clock's start, the submission or the
-- corrected submission, to the decision, less the days of special
-- procedures).  A withdrawal is ended, neither on time nor late.
CREATE TABLE perf_case_day (
	day		DATE NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	channel		VARCHAR(10) NOT NULL,		-- kase.source
	result		VARCHAR(20) NOT NULL,		-- '' or the end state
	received	INT NOT NULL DEFAULT 0,
	ended		INT NOT NULL DEFAULT 0,
	on_time		INT NOT NULL DEFAULT 0,
	late		INT NOT NULL DEFAULT 0,
	work_days	BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (day, dept_code, item_code, channel, result),
	KEY dept_day (dept_code, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: case counts per day (SUP-4, SUP-6), kept by triggers';

-- The same per month (month: its first day), so that a long period reads
-- its whole months here and only the days at its two ends above.
CREATE TABLE perf_case_month (
	month		DATE NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	channel		VARCHAR(10) NOT NULL,
	result		VARCHAR(20) NOT NULL,
	received	INT NOT NULL DEFAULT 0,
	ended		INT NOT NULL DEFAULT 0,
	on_time		INT NOT NULL DEFAULT 0,
	late		INT NOT NULL DEFAULT 0,
	work_days	BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (month, dept_code, item_code, channel, result)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: case counts per month (SUP-4, SUP-6), kept by triggers';

-- A person's work per Beijing day: acts (case_event rows they made),
-- opinions signed, and the decisions of cases they had a hand in
-- (case_hand, once per case however many steps), counted on the day of
-- the decision like perf_case_day.
CREATE TABLE perf_person_day (
	staff_id	INT NOT NULL,
	day		DATE NOT NULL,
	acts		INT NOT NULL DEFAULT 0,
	opinions	INT NOT NULL DEFAULT 0,
	decided		INT NOT NULL DEFAULT 0,
	on_time		INT NOT NULL DEFAULT 0,
	late		INT NOT NULL DEFAULT 0,
	work_days	BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (staff_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: work per person and day (SUP-4), kept by triggers';

-- Whose red light each warning is: the ledger (091) names, in holders,
-- everyone of the step's department who held its role when it turned
-- red; each of them, found by name in that department, gets the light
-- (seed 004 #3 第二十二条: 两次 不参与评优, 三次 调离原岗位).
CREATE TABLE perf_red (
	warning_id	INT NOT NULL,
	staff_id	INT NOT NULL,
	day		DATE NOT NULL,			-- Beijing, of the warning
	PRIMARY KEY (warning_id, staff_id),
	KEY staff_day (staff_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: red lights per person (SUP-4), kept by a trigger';

-- A department's red lights in a period, from the ledger itself.
ALTER TABLE deadline_warning ADD KEY dept_at (dept_code, at);

-- The working days after a up to and including b (calendar.h's
-- cal_between for b >= a, 0 otherwise): Monday to Friday, less the days
-- off (休) that fall on them, plus the make-up days (班).
CREATE FUNCTION perf_workdays(a DATE, b DATE) RETURNS INT
    READS SQL DATA
BEGIN
	DECLARE n INT;
	DECLARE w INT;
	IF a IS NULL OR b IS NULL OR b <= a THEN
		RETURN 0;
	END IF;
	SET n = DATEDIFF(b, a), w = WEEKDAY(a);
	RETURN 5 * ((w + n + 1) DIV 7) + LEAST((w + n + 1) MOD 7, 5)
	    - 5 * ((w + 1) DIV 7) - LEAST((w + 1) MOD 7, 5)
	    - (SELECT COUNT(*) FROM calendar_day WHERE kind = 'off'
		AND day > a AND day <= b AND WEEKDAY(day) < 5)
	    + (SELECT COUNT(*) FROM calendar_day WHERE kind = 'work'
		AND day > a AND day <= b AND WEEKDAY(day) >= 5);
END;

-- What a case that ended contributes (p_* as in its row): the day, and
-- whether it is a decision, on time, and its working days.
CREATE PROCEDURE perf_outcome(IN p_state VARCHAR(20),
    IN p_decided DATETIME, IN p_promised DATE, IN p_intake DATE,
    IN p_start DATETIME, IN p_paused INT, OUT o_day DATE, OUT o_dec INT,
    OUT o_on INT, OUT o_wd INT)
    READS SQL DATA
BEGIN
	DECLARE due DATE;
	SET o_day = NULL, o_dec = 0, o_on = 0, o_wd = 0;
	IF p_decided IS NOT NULL AND p_state IN ('approved', 'denied',
	    'not_accepted', 'withdrawn') THEN
		SET o_day = DATE(p_decided + INTERVAL 8 HOUR);
		IF p_state <> 'withdrawn' THEN
			SET o_dec = 1;
			SET due = IF(p_state = 'not_accepted', p_intake,
			    p_promised);
			SET o_on = IF(due IS NULL OR o_day <= due, 1, 0);
			SET o_wd = GREATEST(0, perf_workdays(
			    DATE(p_start + INTERVAL 8 HOUR), o_day) -
			    COALESCE(p_paused, 0));
		END IF;
	END IF;
END;

-- Add (sgn 1) or take away (sgn -1) what a case row contributes.
CREATE PROCEDURE perf_case_apply(IN sgn INT, IN p_id INT, IN p_item INT,
    IN p_code VARCHAR(40), IN p_source VARCHAR(10), IN p_received DATETIME,
    IN p_state VARCHAR(20), IN p_decided DATETIME, IN p_promised DATE,
    IN p_intake DATE, IN p_start DATETIME, IN p_paused INT)
    MODIFIES SQL DATA
BEGIN
	DECLARE dept VARCHAR(32);
	DECLARE d DATE;
	DECLARE dec_ INT;
	DECLARE on_ INT;
	DECLARE wd INT;
	SET dept = COALESCE((SELECT dept_code FROM item WHERE id = p_item),
	    '');
	SET d = DATE(p_received + INTERVAL 8 HOUR);
	INSERT INTO perf_case_day (day, dept_code, item_code, channel,
	    result, received) VALUES (d, dept, p_code, p_source, '', sgn)
	    ON DUPLICATE KEY UPDATE received = received + sgn;
	INSERT INTO perf_case_month (month, dept_code, item_code, channel,
	    result, received) VALUES (d - INTERVAL (DAYOFMONTH(d) - 1) DAY,
	    dept, p_code, p_source, '', sgn)
	    ON DUPLICATE KEY UPDATE received = received + sgn;
	CALL perf_outcome(p_state, p_decided, p_promised, p_intake, p_start,
	    p_paused, d, dec_, on_, wd);
	IF d IS NOT NULL THEN
		INSERT INTO perf_case_day (day, dept_code, item_code, channel,
		    result, ended, on_time, late, work_days) VALUES (d, dept,
		    p_code, p_source, p_state, sgn, sgn * on_,
		    sgn * dec_ * (1 - on_), sgn * wd)
		    ON DUPLICATE KEY UPDATE ended = ended + sgn,
		    on_time = on_time + sgn * on_,
		    late = late + sgn * dec_ * (1 - on_),
		    work_days = work_days + sgn * wd;
		INSERT INTO perf_case_month (month, dept_code, item_code,
		    channel, result, ended, on_time, late, work_days) VALUES
		    (d - INTERVAL (DAYOFMONTH(d) - 1) DAY, dept, p_code,
		    p_source, p_state, sgn, sgn * on_,
		    sgn * dec_ * (1 - on_), sgn * wd)
		    ON DUPLICATE KEY UPDATE ended = ended + sgn,
		    on_time = on_time + sgn * on_,
		    late = late + sgn * dec_ * (1 - on_),
		    work_days = work_days + sgn * wd;
		IF dec_ = 1 THEN
			INSERT INTO perf_person_day (staff_id, day, decided,
			    on_time, late, work_days)
			    SELECT DISTINCT staff_id, d, sgn, sgn * on_,
			    sgn * (1 - on_), sgn * wd FROM case_hand
			    WHERE case_id = p_id
			    ON DUPLICATE KEY UPDATE decided = decided + sgn,
			    on_time = on_time + sgn * on_,
			    late = late + sgn * (1 - on_),
			    work_days = work_days + sgn * wd;
		END IF;
	END IF;
END;

CREATE TRIGGER kase_perf_insert AFTER INSERT ON kase FOR EACH ROW
	CALL perf_case_apply(1, NEW.id, NEW.item_id, NEW.item_code,
	    NEW.source, NEW.received_at, NEW.state, NEW.decided_at,
	    NEW.promised_due, NEW.intake_due,
	    COALESCE(NEW.corrected_at, NEW.submitted_at), NEW.paused_days);

-- Most updates (deadlines, steps) change nothing counted: skipped.
CREATE TRIGGER kase_perf_update AFTER UPDATE ON kase FOR EACH ROW
BEGIN
	IF NOT (OLD.item_id <=> NEW.item_id AND
	    OLD.item_code <=> NEW.item_code AND OLD.source <=> NEW.source AND
	    OLD.received_at <=> NEW.received_at AND
	    OLD.state <=> NEW.state AND OLD.decided_at <=> NEW.decided_at AND
	    OLD.promised_due <=> NEW.promised_due AND
	    OLD.intake_due <=> NEW.intake_due AND
	    OLD.submitted_at <=> NEW.submitted_at AND
	    OLD.corrected_at <=> NEW.corrected_at AND
	    OLD.paused_days <=> NEW.paused_days) THEN
		CALL perf_case_apply(-1, OLD.id, OLD.item_id, OLD.item_code,
		    OLD.source, OLD.received_at, OLD.state, OLD.decided_at,
		    OLD.promised_due, OLD.intake_due,
		    COALESCE(OLD.corrected_at, OLD.submitted_at),
		    OLD.paused_days);
		CALL perf_case_apply(1, NEW.id, NEW.item_id, NEW.item_code,
		    NEW.source, NEW.received_at, NEW.state, NEW.decided_at,
		    NEW.promised_due, NEW.intake_due,
		    COALESCE(NEW.corrected_at, NEW.submitted_at),
		    NEW.paused_days);
	END IF;
END;

-- A person's first hand in a case: the case's decision, if it has one,
-- counts for them too.
CREATE TRIGGER case_hand_perf AFTER INSERT ON case_hand FOR EACH ROW
BEGIN
	DECLARE d DATE;
	DECLARE dec_ INT;
	DECLARE on_ INT;
	DECLARE wd INT;
	DECLARE st VARCHAR(20);
	DECLARE dd DATETIME;
	DECLARE pd DATE;
	DECLARE id_ DATE;
	DECLARE sd DATETIME;
	DECLARE pz INT;
	IF (SELECT COUNT(*) FROM case_hand WHERE case_id = NEW.case_id
	    AND staff_id = NEW.staff_id) = 1 THEN
		SELECT state, decided_at, promised_due, intake_due,
		    COALESCE(corrected_at, submitted_at), paused_days
		    INTO st, dd, pd, id_, sd, pz FROM kase WHERE id = NEW.case_id;
		CALL perf_outcome(st, dd, pd, id_, sd, pz, d, dec_, on_, wd);
		IF dec_ = 1 THEN
			INSERT INTO perf_person_day (staff_id, day, decided,
			    on_time, late, work_days) VALUES (NEW.staff_id, d,
			    1, on_, 1 - on_, wd)
			    ON DUPLICATE KEY UPDATE decided = decided + 1,
			    on_time = on_time + on_, late = late + 1 - on_,
			    work_days = work_days + wd;
		END IF;
	END IF;
END;

CREATE TRIGGER case_event_perf AFTER INSERT ON case_event FOR EACH ROW
BEGIN
	IF NEW.staff_id IS NOT NULL THEN
		INSERT INTO perf_person_day (staff_id, day, acts)
		    VALUES (NEW.staff_id, DATE(NEW.at + INTERVAL 8 HOUR), 1)
		    ON DUPLICATE KEY UPDATE acts = acts + 1;
	END IF;
END;

CREATE TRIGGER opinion_perf AFTER INSERT ON opinion FOR EACH ROW
	INSERT INTO perf_person_day (staff_id, day, opinions)
	    VALUES (NEW.staff_id, DATE(NEW.signed_at + INTERVAL 8 HOUR), 1)
	    ON DUPLICATE KEY UPDATE opinions = opinions + 1;

CREATE TRIGGER deadline_warning_perf AFTER INSERT ON deadline_warning
    FOR EACH ROW
	INSERT IGNORE INTO perf_red (warning_id, staff_id, day)
	    SELECT NEW.id, s.id, DATE(NEW.at + INTERVAL 8 HOUR)
	    FROM staff s JOIN department d ON d.id = s.dept_id
	    WHERE d.code = NEW.dept_code AND NEW.holders <> ''
	    AND FIND_IN_SET(s.name, REPLACE(NEW.holders, '、', ',')) > 0;

-- Everything again from the rows, in one transaction (the caller's):
-- what the triggers would have written had they always been there.
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
	    FROM deadline_warning w JOIN department d ON d.code = w.dept_code
	    JOIN staff s ON s.dept_id = d.id
	    WHERE w.holders <> ''
	    AND FIND_IN_SET(s.name, REPLACE(w.holders, '、', ',')) > 0;
END;

-- The cases already there.
CALL perf_rebuild();
