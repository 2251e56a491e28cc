-- 002_org: the organisation (ORG-1, ORG-2), intranet-owned: four levels of
-- administrative regions whose names are configurable, a service hall in
-- each region, departments placed in a region and a hall, and their
-- windows.  Staff stay in 001's staff table (dept_id = department.id).
-- Depends on 001 only: on an existing database 003 may have run first.

-- The four levels; only their names change (盟市 → 旗县市区 → 苏木乡镇 →
-- 嘎查村社区, or 市 → 县 → 镇 → 村).
CREATE TABLE region_level (
	level		TINYINT NOT NULL PRIMARY KEY,
	name		VARCHAR(20) NOT NULL,
	CONSTRAINT region_level_range CHECK (level BETWEEN 1 AND 4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO region_level (level, name) VALUES
	(1, '盟市'), (2, '旗县市区'), (3, '苏木乡镇'), (4, '嘎查村社区');

-- A region sits one level below its parent (checked by cgi/domain/org.c);
-- a region without a parent is a top of the tree.  code: the statistical
-- division code (152502, 152502100, 152502100201) or any letters, digits
-- and '-'.
CREATE TABLE region (
	code		VARCHAR(12) NOT NULL PRIMARY KEY,
	name		VARCHAR(100) NOT NULL,
	level		TINYINT NOT NULL,
	parent_code	VARCHAR(12) NULL,
	KEY (parent_code),
	KEY (level, code),
	FOREIGN KEY (level) REFERENCES region_level(level),
	FOREIGN KEY (parent_code) REFERENCES region(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The service hall of a region: 政务服务中心 (levels 1-2), 便民服务中心
-- (level 3), 便民服务室 (level 4); the kind follows from the level.
CREATE TABLE hall (
	code		VARCHAR(32) NOT NULL PRIMARY KEY,
	name		VARCHAR(100) NOT NULL,
	region_code	VARCHAR(12) NOT NULL,
	address		VARCHAR(200) NOT NULL DEFAULT '',
	phone		VARCHAR(40) NOT NULL DEFAULT '',
	hours		VARCHAR(200) NOT NULL DEFAULT '',
	KEY (region_code),
	FOREIGN KEY (region_code) REFERENCES region(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Departments created before regions existed keep NULL until the
-- administrator places them; department.region stays as the display text.
ALTER TABLE department
	ADD COLUMN region_code	VARCHAR(12) NULL AFTER region,
	ADD COLUMN hall_code	VARCHAR(32) NULL AFTER region_code,
	ADD KEY (region_code),
	ADD KEY (hall_code),
	ADD CONSTRAINT department_region FOREIGN KEY (region_code)
	    REFERENCES region(code),
	ADD CONSTRAINT department_hall FOREIGN KEY (hall_code)
	    REFERENCES hall(code);

-- A department's windows (窗口), each in a hall (NULL: not yet placed).
CREATE TABLE service_window (
	dept_code	VARCHAR(32) NOT NULL,
	code		VARCHAR(32) NOT NULL,
	name		VARCHAR(100) NOT NULL,
	hall_code	VARCHAR(32) NULL,
	PRIMARY KEY (dept_code, code),
	KEY (hall_code),
	FOREIGN KEY (dept_code) REFERENCES department(code),
	FOREIGN KEY (hall_code) REFERENCES hall(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
