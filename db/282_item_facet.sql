-- 282: how many published items each department, level and life event
-- has, kept by triggers (issue #12 Scale).  The hall's front page and the
-- browse lists counted them by GROUP BY over every published item on
-- every request: at 9,996 items and 2,548 departments the home page
-- listed every department (6.7 MB, 14 req/s) and /browse?by=dept 75
-- req/s.  Now a page reads the summary by an index, a page of it at a
-- time (cgi/domain/search.c), whatever the catalogue's size.
--
-- A life event's items are paged by code too: item_theme names the
-- code beside the version (one version's rows per code: indexing a new
-- version forgets the old one's), so a page reads its 25 entries of
-- (theme, code) instead of all of the theme's rows sorted by code.
ALTER TABLE item_theme
	ADD COLUMN code VARCHAR(40) NOT NULL DEFAULT '' AFTER theme,
	ADD KEY theme_code (theme, code);
UPDATE item_theme t JOIN item i ON i.id = t.item_id SET t.code = i.code;

-- kind: 'all' (one row, fkey ''), 'dept' (fkey the department's code,
-- label its name), 'level', 'theme' (fkey = label).  n: its published
-- items; a row at 0 stays, and the pages read only n > 0.  Ordered by n
-- descending then key, as the lists show them, paged by (n, fkey).
CREATE TABLE item_facet (
	kind		VARCHAR(8) NOT NULL,
	fkey		VARCHAR(60) NOT NULL,
	label		VARCHAR(100) NOT NULL,
	n		INT NOT NULL,
	PRIMARY KEY (kind, fkey),
	KEY by_count (kind, n DESC, fkey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: published items per department, level, theme';

INSERT INTO item_facet (kind, fkey, label, n)
	SELECT 'all', '', '', COUNT(*) FROM item WHERE status = 'published';
INSERT INTO item_facet (kind, fkey, label, n)
	SELECT 'dept', dept_code, MAX(dept_name), COUNT(*) FROM item
	WHERE status = 'published' GROUP BY dept_code;
INSERT INTO item_facet (kind, fkey, label, n)
	SELECT 'level', level, level, COUNT(*) FROM item
	WHERE status = 'published' GROUP BY level;
INSERT INTO item_facet (kind, fkey, label, n)
	SELECT 'theme', t.theme, t.theme, COUNT(*) FROM item_theme t
	JOIN item i ON i.id = t.item_id AND i.status = 'published'
	GROUP BY t.theme;

-- A version published, retired or deleted moves its department's, its
-- level's and its themes' counts; a theme added to or taken from a
-- published version moves that theme's.
CREATE PROCEDURE item_facet_move(IN p_status VARCHAR(12), IN p_id INT,
    IN p_dept VARCHAR(32), IN p_dept_name VARCHAR(100),
    IN p_level VARCHAR(20), IN p_d INT)
BEGIN
	IF p_status = 'published' THEN
		INSERT INTO item_facet (kind, fkey, label, n)
			VALUES ('all', '', '', p_d),
			    ('dept', p_dept, p_dept_name, p_d),
			    ('level', p_level, p_level, p_d)
			ON DUPLICATE KEY UPDATE n = n + VALUES(n),
			    label = IF(VALUES(n) > 0, VALUES(label), label);
		INSERT INTO item_facet (kind, fkey, label, n)
			SELECT 'theme', theme, theme, p_d FROM item_theme
			WHERE item_id = p_id
			ON DUPLICATE KEY UPDATE n = n + VALUES(n);
	END IF;
END;

CREATE TRIGGER item_facet_ins AFTER INSERT ON item FOR EACH ROW
	CALL item_facet_move(NEW.status, NEW.id, NEW.dept_code, NEW.dept_name,
	    NEW.level, 1);

-- Only what the counts show: not every write to a version's row.
CREATE TRIGGER item_facet_upd AFTER UPDATE ON item FOR EACH ROW
BEGIN
	IF NOT (OLD.status <=> NEW.status AND OLD.dept_code <=> NEW.dept_code
	    AND OLD.dept_name <=> NEW.dept_name AND OLD.level <=> NEW.level)
	THEN
		CALL item_facet_move(OLD.status, OLD.id, OLD.dept_code,
		    OLD.dept_name, OLD.level, -1);
		CALL item_facet_move(NEW.status, NEW.id, NEW.dept_code,
		    NEW.dept_name, NEW.level, 1);
	END IF;
END;

CREATE TRIGGER item_facet_del AFTER DELETE ON item FOR EACH ROW
	CALL item_facet_move(OLD.status, OLD.id, OLD.dept_code, OLD.dept_name,
	    OLD.level, -1);

CREATE TRIGGER item_facet_theme_ins AFTER INSERT ON item_theme
FOR EACH ROW
BEGIN
	INSERT INTO item_facet (kind, fkey, label, n)
		SELECT 'theme', NEW.theme, NEW.theme, 1 FROM item
		WHERE id = NEW.item_id AND status = 'published'
		ON DUPLICATE KEY UPDATE n = n + 1;
END;

CREATE TRIGGER item_facet_theme_del AFTER DELETE ON item_theme
FOR EACH ROW
BEGIN
	UPDATE item_facet f JOIN item i ON i.id = OLD.item_id
		AND i.status = 'published'
		SET f.n = f.n - 1
		WHERE f.kind = 'theme' AND f.fkey = OLD.theme;
END;
