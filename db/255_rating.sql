-- 255: ratings after completion (好差评, GB/T 39735-2020; EXT-8; issue
-- #11).  The applicant rates a decided case on the extranet, five levels
-- (5 非常满意 … 1 非常不满意), reasons ticked for the two poor levels, a
-- comment; it crosses the gap (record "rating").  On the intranet a poor
-- rating (level 1 or 2) opens a follow-up for the item's department:
-- 回访 (contact the rater, record what they said) within RT_VISIT_DAYS
-- working days of the day it was given, 整改 (what was done, and what
-- the rater is told) within RT_FIX_DAYS; each change crosses back (record
-- "rating.state") and the rater may rate the case once more after the
-- 整改 (round 2).  Both sites hold the same table; columns note the site
-- that fills them.  rating.h says the rest.
CREATE TABLE rating (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	app_no		VARCHAR(20) NOT NULL,
	round		TINYINT NOT NULL,	-- 1; 2 after a 整改
	citizen_id	INT NULL,		-- extranet: the rater
	case_id		INT NULL,		-- intranet: the case of app_no
	item_code	VARCHAR(40) NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	dept_code	VARCHAR(32) NOT NULL DEFAULT '',	-- intranet
	dept_name	VARCHAR(100) NOT NULL DEFAULT '',	-- intranet
	level		TINYINT NOT NULL,	-- 1 … 5
	reasons		VARCHAR(100) NOT NULL DEFAULT '',	-- codes, ","
	comment		TEXT NOT NULL,
	rated_at	DATETIME NOT NULL,	-- UTC, on the extranet
	state		VARCHAR(10) NOT NULL,	-- none, visit, fix, done
	seq		INT NOT NULL DEFAULT 0,	-- state changes sent / taken
	visit_due	DATE NULL,		-- intranet: the deadlines
	visited_at	DATETIME NULL,
	visitor		VARCHAR(50) NOT NULL DEFAULT '',
	visit_note	TEXT NOT NULL DEFAULT '',
	fix_due		DATE NULL,
	fixed_at	DATETIME NULL,
	fixer		VARCHAR(50) NOT NULL DEFAULT '',
	fix_note	TEXT NOT NULL DEFAULT '',
	result		TEXT NOT NULL DEFAULT '',	-- what the rater reads
	updated_at	DATETIME NOT NULL,
	-- The follow-up still running, and the deadline of its stage: the
	-- supervisors' lights are ranges of it (as db/156 for complaints).
	rt_open		TINYINT AS (IF(state IN ('visit', 'fix'), 1, NULL))
			    VIRTUAL,
	rt_due		DATE AS (CASE state WHEN 'visit' THEN visit_due
			    WHEN 'fix' THEN fix_due END) VIRTUAL,
	UNIQUE KEY rating_round (app_no, round),
	KEY rating_item (item_code),
	KEY rating_dept (dept_code, id),
	KEY rating_citizen (citizen_id),
	KEY rating_open_due (rt_open, rt_due),
	KEY rating_due_id (rt_due, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
