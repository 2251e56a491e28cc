-- 111: the supervision of the intranet's own operations (SUP-3; issue #8):
-- who did what to which case, when, and from which address, for the
-- business operations of business staff: acts on cases, signed opinions,
-- documents issued, 催办, delegations given and ended, logins.  The
-- security audit trail (audit, SEC-3) stays the audit administrator's
-- alone; this is a second, business record beside the business tables,
-- one row an operation, that supervisors and observers may read.
--
-- Written by triggers on the business tables, so that every code path that
-- writes one of them is covered, and by the login page (account.c
-- staff_op_login).  "From where" is the client address the web worker
-- sets on its connection for each request (@yw_client, db.c db_client);
-- the tick and the gap's imports have none (NULL), and nor do the rows
-- copied here from before this migration: the pages show "—".  Staff
-- acting from the tick (a deemed acceptance, a lapsed fee) are no staff:
-- only rows with a member of staff are copied.
CREATE TABLE staff_op (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,		-- UTC
	staff_id	INT NOT NULL,
	staff_name	VARCHAR(50) NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,		-- theirs, at the time
	kind		VARCHAR(12) NOT NULL,	-- login act opinion doc urge delegate
	label		VARCHAR(200) NOT NULL,
	case_id		INT NULL,
	app_no		VARCHAR(20) NULL,
	addr		VARCHAR(45) NULL,		-- client address, or NULL
	KEY op_at (at, id),
	KEY op_staff (staff_id, at, id),
	KEY op_dept (dept_code, at, id),
	CHECK (kind IN ('login', 'act', 'opinion', 'doc', 'urge', 'delegate'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: business operations of staff, with client address (SUP-3)';

CREATE TRIGGER staff_op_no_update BEFORE UPDATE ON staff_op FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'operations cannot be changed';
CREATE TRIGGER staff_op_no_delete BEFORE DELETE ON staff_op FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'operations cannot be deleted';

-- The history so far, without addresses.
INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind, label,
    case_id, app_no)
	SELECT e.at, e.staff_id, e.staff_name, d.code, 'act',
	    LEFT(e.label, 200), e.case_id, k.app_no
	FROM case_event e JOIN kase k ON k.id = e.case_id
	JOIN staff s ON s.id = e.staff_id JOIN department d ON d.id = s.dept_id
	WHERE e.staff_id IS NOT NULL ORDER BY e.id;
INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind, label,
    case_id, app_no)
	SELECT o.signed_at, o.staff_id, o.staff_name, d.code, 'opinion',
	    LEFT(CONCAT(o.step_name, '：', IF(o.verdict = 'agree', '同意',
	    '不同意')), 200), o.case_id, k.app_no
	FROM opinion o JOIN kase k ON k.id = o.case_id
	JOIN staff s ON s.id = o.staff_id JOIN department d ON d.id = s.dept_id
	ORDER BY o.id;
INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind, label,
    case_id, app_no)
	SELECT u.at, u.staff_id, u.staff_name, d.code, 'urge',
	    LEFT(CONCAT('催办 ', u.step_key), 200), u.case_id, k.app_no
	FROM case_urge u JOIN kase k ON k.id = u.case_id
	JOIN staff s ON s.id = u.staff_id JOIN department d ON d.id = s.dept_id
	ORDER BY u.id;
INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind, label)
	SELECT g.created_at, g.staff_id, s.name, g.dept_code, 'delegate',
	    LEFT(CONCAT('委托 ', t.name, ' 代理（', g.from_day, ' 至 ',
	    g.to_day, '）'), 200)
	FROM delegation g JOIN staff s ON s.id = g.staff_id
	JOIN staff t ON t.id = g.deputy_id ORDER BY g.id;

CREATE TRIGGER case_event_staff_op AFTER INSERT ON case_event FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, case_id, app_no, addr)
	SELECT NEW.at, NEW.staff_id, NEW.staff_name, d.code, 'act',
	    LEFT(NEW.label, 200), NEW.case_id,
	    (SELECT app_no FROM kase WHERE id = NEW.case_id), @yw_client
	FROM staff s JOIN department d ON d.id = s.dept_id
	WHERE s.id = NEW.staff_id;

CREATE TRIGGER opinion_staff_op AFTER INSERT ON opinion FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, case_id, app_no, addr)
	SELECT NEW.signed_at, NEW.staff_id, NEW.staff_name, d.code, 'opinion',
	    LEFT(CONCAT(NEW.step_name, '：', IF(NEW.verdict = 'agree', '同意',
	    '不同意')), 200), NEW.case_id,
	    (SELECT app_no FROM kase WHERE id = NEW.case_id), @yw_client
	FROM staff s JOIN department d ON d.id = s.dept_id
	WHERE s.id = NEW.staff_id;

CREATE TRIGGER case_urge_staff_op AFTER INSERT ON case_urge FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, case_id, app_no, addr)
	SELECT NEW.at, NEW.staff_id, NEW.staff_name, d.code, 'urge',
	    LEFT(CONCAT('催办 ', NEW.step_key), 200), NEW.case_id,
	    (SELECT app_no FROM kase WHERE id = NEW.case_id), @yw_client
	FROM staff s JOIN department d ON d.id = s.dept_id
	WHERE s.id = NEW.staff_id;

-- A document names no signer: it is issued by whoever the web worker says
-- acts in this request (@yw_staff); by the tick or an import, nobody.
CREATE TRIGGER document_staff_op AFTER INSERT ON document FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, case_id, app_no, addr)
	SELECT NEW.issued_at, s.id, s.name, d.code, 'doc',
	    LEFT(CONCAT(NEW.title, ' ', NEW.doc_no), 200),
	    (SELECT id FROM kase WHERE app_no = NEW.app_no), NEW.app_no,
	    @yw_client
	FROM staff s JOIN department d ON d.id = s.dept_id
	WHERE s.id = @yw_staff;

CREATE TRIGGER delegation_staff_op AFTER INSERT ON delegation FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, addr)
	SELECT NEW.created_at, s.id, s.name, NEW.dept_code, 'delegate',
	    LEFT(CONCAT('委托 ', t.name, ' 代理（', NEW.from_day, ' 至 ',
	    NEW.to_day, '）'), 200), @yw_client
	FROM staff s JOIN staff t ON t.id = NEW.deputy_id
	WHERE s.id = NEW.staff_id;

-- Ended by the delegator; expiry is the tick's, nobody's act.
CREATE TRIGGER delegation_end_staff_op AFTER UPDATE ON delegation
    FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, addr)
	SELECT COALESCE(NEW.ended_at, UTC_TIMESTAMP()), s.id, s.name,
	    NEW.dept_code, 'delegate',
	    LEFT(CONCAT('提前结束委托 ', t.name, ' 代理'), 200), @yw_client
	FROM staff s JOIN staff t ON t.id = NEW.deputy_id
	WHERE s.id = NEW.staff_id AND NEW.state = 'ended' AND
	    OLD.state <> 'ended';
