-- 235: the extranet's service hall (CAT-3, EXT-9; issue #11).
--
-- Browsing is paged by key (cgi/domain/search.c): a department's, a
-- level's or every published item, by code after the last one shown, so
-- a page reads its 25 index entries whatever the catalogue's size
-- (issue #12: flat at 10,000 items).
ALTER TABLE item
	ADD KEY hall_dept (status, dept_code, code),
	ADD KEY hall_level (status, level, code);

-- The hall's 热门事项: how many of each item's cases were decided, as the
-- results published on the extranet (PUB-1) say, counted as each arrives
-- (a private item's result names no item and counts nowhere here).  Both
-- sites hold the table; only the extranet's home page reads it.
CREATE TABLE item_done (
	item_code	VARCHAR(40) NOT NULL PRIMARY KEY,
	done		INT NOT NULL,
	KEY (done, item_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: decided cases per item, kept by a trigger';

INSERT INTO item_done (item_code, done)
	SELECT item_code, COUNT(*) FROM result_public
	WHERE private = 0 AND item_code <> '' GROUP BY item_code;

CREATE TRIGGER result_public_done AFTER INSERT ON result_public
FOR EACH ROW
	INSERT INTO item_done (item_code, done)
	SELECT NEW.item_code, 1 FROM DUAL
	WHERE NEW.private = 0 AND NEW.item_code <> ''
	ON DUPLICATE KEY UPDATE done = done + 1;
