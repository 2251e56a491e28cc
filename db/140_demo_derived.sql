-- 140: what the supervision triggers derive from a generated case (135,
-- demo-history).  A made-up case is no one's operation (111 staff_op,
-- insert-only) and nothing to check for abnormal warnings (120
-- case_change): the triggers that feed those two leave generated cases
-- out, so that `demo-history --remove` can take every row of them away
-- and the tick is not handed a million made-up cases to check.  The
-- summary tables (110, 115) do count them, as the pages should; removal
-- recounts them (history.c).
DROP TRIGGER case_event_staff_op;
CREATE TRIGGER case_event_staff_op AFTER INSERT ON case_event FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, case_id, app_no, addr)
	SELECT NEW.at, NEW.staff_id, NEW.staff_name, d.code, 'act',
	    LEFT(NEW.label, 200), NEW.case_id, k.app_no, @yw_client
	FROM staff s JOIN department d ON d.id = s.dept_id
	JOIN kase k ON k.id = NEW.case_id AND k.demo = 0
	WHERE s.id = NEW.staff_id;
DROP TRIGGER opinion_staff_op;
CREATE TRIGGER opinion_staff_op AFTER INSERT ON opinion FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, case_id, app_no, addr)
	SELECT NEW.signed_at, NEW.staff_id, NEW.staff_name, d.code, 'opinion',
	    LEFT(CONCAT(NEW.step_name, '：', IF(NEW.verdict = 'agree', '同意',
	    '不同意')), 200), NEW.case_id, k.app_no, @yw_client
	FROM staff s JOIN department d ON d.id = s.dept_id
	JOIN kase k ON k.id = NEW.case_id AND k.demo = 0
	WHERE s.id = NEW.staff_id;
DROP TRIGGER case_urge_staff_op;
CREATE TRIGGER case_urge_staff_op AFTER INSERT ON case_urge FOR EACH ROW
	INSERT INTO staff_op (at, staff_id, staff_name, dept_code, kind,
	    label, case_id, app_no, addr)
	SELECT NEW.at, NEW.staff_id, NEW.staff_name, d.code, 'urge',
	    LEFT(CONCAT('催办 ', NEW.step_key), 200), NEW.case_id, k.app_no,
	    @yw_client
	FROM staff s JOIN department d ON d.id = s.dept_id
	JOIN kase k ON k.id = NEW.case_id AND k.demo = 0
	WHERE s.id = NEW.staff_id;

DROP TRIGGER kase_changed_ins;
CREATE TRIGGER kase_changed_ins AFTER INSERT ON kase FOR EACH ROW
	INSERT INTO case_change (case_id) SELECT NEW.id FROM DUAL
	WHERE NEW.demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
DROP TRIGGER kase_changed_upd;
CREATE TRIGGER kase_changed_upd AFTER UPDATE ON kase FOR EACH ROW
	INSERT INTO case_change (case_id) SELECT NEW.id FROM DUAL
	WHERE NEW.demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
DROP TRIGGER case_event_changed_ins;
CREATE TRIGGER case_event_changed_ins AFTER INSERT ON case_event FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE id = NEW.case_id AND demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
DROP TRIGGER case_event_changed_del;
CREATE TRIGGER case_event_changed_del AFTER DELETE ON case_event FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE id = OLD.case_id AND demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
DROP TRIGGER case_hand_changed_ins;
CREATE TRIGGER case_hand_changed_ins AFTER INSERT ON case_hand FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE id = NEW.case_id AND demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
DROP TRIGGER case_fee_changed_ins;
CREATE TRIGGER case_fee_changed_ins AFTER INSERT ON case_fee FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE id = NEW.case_id AND demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
DROP TRIGGER opinion_changed_ins;
CREATE TRIGGER opinion_changed_ins AFTER INSERT ON opinion FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE id = NEW.case_id AND demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
DROP TRIGGER document_changed_del;
CREATE TRIGGER document_changed_del AFTER DELETE ON document FOR EACH ROW
	INSERT INTO case_change (case_id)
	SELECT id FROM kase WHERE app_no = OLD.app_no AND demo = 0
	ON DUPLICATE KEY UPDATE n = n + 1;
