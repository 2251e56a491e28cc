-- 110: the supervisors' dashboard (电子监察, SUP-3; issue #8), answered
-- from indexes and from a summary kept in the same transaction as the case
-- change, never from a scan of every case (a county has a million of them
-- after some years).  Intranet-owned; the extranet runs it and leaves the
-- tables empty.
--
-- A case belongs to its item's department (the one that receives it and
-- issues its decision; steps of other departments show on the case).
-- Copied onto the case when it is inserted, so that lists by department
-- need no join to item.
ALTER TABLE kase
	ADD COLUMN IF NOT EXISTS dept_code VARCHAR(32) NULL AFTER item_name;
UPDATE kase k JOIN item i ON i.id = k.item_id SET k.dept_code = i.dept_code
	WHERE k.dept_code IS NULL;
CREATE TRIGGER kase_sup_dept BEFORE INSERT ON kase FOR EACH ROW
	SET NEW.dept_code = COALESCE(NEW.dept_code,
	    (SELECT dept_code FROM item WHERE id = NEW.item_id));

-- Open: not ended (received, correcting, processing, suspended, reported);
-- 1 or NULL, so that the indexes below hold the open cases only.  The
-- light's deadline is the one the case runs against, as case search says
-- it (flow.c case_running_due): acceptance while it waits for it, the
-- promised completion once accepted; none while it waits for 补正, a
-- special procedure or a higher authority, nor once ended.
ALTER TABLE kase
	ADD COLUMN sup_open TINYINT AS (IF(state IN ('received', 'correcting',
	    'processing', 'suspended', 'reported'), 1, NULL)) VIRTUAL,
	ADD COLUMN sup_due DATE AS (CASE state WHEN 'received' THEN intake_due
	    WHEN 'processing' THEN promised_due END) VIRTUAL,
	ADD KEY sup_open_age (sup_open, received_at, id),
	ADD KEY sup_open_dept (sup_open, dept_code, received_at, id);

-- Open cases counted by department, state and running deadline (due
-- 9999-12-31: none), so that the dashboard's counts by state, by light
-- (a range of due on today's calendar), by department and by hall are sums
-- over this small table.  Kept by the triggers below in the transaction
-- that changes the case, whatever code path changes it; rows that reach
-- zero go.  `yiwang-admin dash-rebuild` recounts it from kase.
CREATE TABLE sup_open_count (
	dept_code	VARCHAR(32) NOT NULL,
	state		VARCHAR(20) NOT NULL,
	due		DATE NOT NULL,
	n		INT NOT NULL,
	PRIMARY KEY (dept_code, state, due)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: open cases by department, state, deadline (SUP-3), kept by triggers on kase';

INSERT INTO sup_open_count (dept_code, state, due, n)
	SELECT COALESCE(dept_code, ''), state, COALESCE(sup_due, '9999-12-31'),
	    COUNT(*) FROM kase WHERE sup_open = 1
	GROUP BY 1, 2, 3;

-- One case in or out of a count: p_delta +1 or -1.  (Parameters are
-- named apart from the columns: in a routine a name means the variable.)
CREATE PROCEDURE sup_open_move(p_dept VARCHAR(32), p_state VARCHAR(20),
    p_due DATE, p_delta INT)
BEGIN
	DECLARE d VARCHAR(32) DEFAULT COALESCE(p_dept, '');
	DECLARE w DATE DEFAULT COALESCE(p_due, '9999-12-31');

	IF p_delta > 0 THEN
		INSERT INTO sup_open_count (dept_code, state, due, n)
		VALUES (d, p_state, w, p_delta)
		ON DUPLICATE KEY UPDATE n = n + p_delta;
	ELSE
		UPDATE sup_open_count SET n = n + p_delta
		WHERE dept_code = d AND state = p_state AND due = w;
		DELETE FROM sup_open_count
		WHERE dept_code = d AND state = p_state AND due = w AND n <= 0;
	END IF;
END;

CREATE TRIGGER kase_sup_insert AFTER INSERT ON kase FOR EACH ROW
BEGIN
	IF NEW.state IN ('received', 'correcting', 'processing', 'suspended',
	    'reported') THEN
		CALL sup_open_move(NEW.dept_code, NEW.state,
		    CASE NEW.state WHEN 'received' THEN NEW.intake_due
		    WHEN 'processing' THEN NEW.promised_due END, 1);
	END IF;
END;

-- Both rows in one order (by key), so that two cases moving in opposite
-- directions at once wait for each other instead of deadlocking.
CREATE TRIGGER kase_sup_update AFTER UPDATE ON kase FOR EACH ROW
BEGIN
	DECLARE oo, nn BOOL;
	DECLARE od, nd DATE;
	DECLARE ok, nk VARCHAR(80);

	SET oo = OLD.state IN ('received', 'correcting', 'processing',
	    'suspended', 'reported');
	SET nn = NEW.state IN ('received', 'correcting', 'processing',
	    'suspended', 'reported');
	SET od = COALESCE(CASE OLD.state WHEN 'received' THEN OLD.intake_due
	    WHEN 'processing' THEN OLD.promised_due END, '9999-12-31');
	SET nd = COALESCE(CASE NEW.state WHEN 'received' THEN NEW.intake_due
	    WHEN 'processing' THEN NEW.promised_due END, '9999-12-31');
	SET ok = CONCAT_WS('|', COALESCE(OLD.dept_code, ''), OLD.state, od);
	SET nk = CONCAT_WS('|', COALESCE(NEW.dept_code, ''), NEW.state, nd);
	IF NOT (oo <=> nn AND ok <=> nk) THEN
		IF oo AND nn AND nk < ok THEN
			CALL sup_open_move(NEW.dept_code, NEW.state, nd, 1);
			CALL sup_open_move(OLD.dept_code, OLD.state, od, -1);
		ELSE
			IF oo THEN
				CALL sup_open_move(OLD.dept_code, OLD.state,
				    od, -1);
			END IF;
			IF nn THEN
				CALL sup_open_move(NEW.dept_code, NEW.state,
				    nd, 1);
			END IF;
		END IF;
	END IF;
END;

CREATE TRIGGER kase_sup_delete AFTER DELETE ON kase FOR EACH ROW
BEGIN
	IF OLD.state IN ('received', 'correcting', 'processing', 'suspended',
	    'reported') THEN
		CALL sup_open_move(OLD.dept_code, OLD.state,
		    CASE OLD.state WHEN 'received' THEN OLD.intake_due
		    WHEN 'processing' THEN OLD.promised_due END, -1);
	END IF;
END;

-- Today's new red lights: the warnings written since Beijing midnight.
ALTER TABLE deadline_warning ADD KEY IF NOT EXISTS warning_at (at);
