-- 005: a step done by another department (并联审批) names it, so both
-- sites can show who acts without the extranet knowing the departments.
ALTER TABLE item_step
	ADD COLUMN dept_name VARCHAR(100) NOT NULL DEFAULT '' AFTER dept_code;
UPDATE item_step s JOIN item i ON i.id = s.item_id
	LEFT JOIN department d ON d.code = IF(s.dept_code = '', i.dept_code, s.dept_code)
	SET s.dept_name = COALESCE(d.name, IF(s.dept_code = '', i.dept_name, s.dept_code));
