-- 270: 全程代理 for key investment projects (INT-14; issue #11,
-- docs/agency.md).  Seed 001 (四): for 工业性投资项目 and the other key
-- projects the region names, the service centre becomes the applicant:
-- it urges, coordinates and supervises the departments, free of charge,
-- and hands the results to the investor.  Both sites get the tables (one
-- schema); the intranet fills agency_project, agency_item and
-- agency_event, the extranet agency_progress from the records that
-- cross (agency.progress).

-- 代理协调员 (role bit 4096, "coord"): a member of the centre who
-- registers projects and coordinates them.  Held alone, like the gap
-- operator (180): a coordinator reads the project's cases and urges their
-- steps but acts on none of them (三员分立, 回避), holds no business
-- role and is none of the three administrators.
ALTER TABLE staff
	DROP CONSTRAINT staff_duties,
	ADD CONSTRAINT staff_duties CHECK (
		(roles & 112) IN (0, 16, 32, 64) AND
		((roles & 112) = 0 OR (roles & 142) = 0) AND
		((roles & 768) = 0 OR roles IN (256, 512)) AND
		((roles & 1024) = 0 OR roles = 1024) AND
		((roles & 4096) = 0 OR roles = 4096));

-- A key investment project under 全程代理 (委托代理协议 signed by the
-- investor enterprise and the centre; its scan, a PDF vetted like every
-- upload, in the file store by its digest).  The investor is named by
-- its unified social credit code (public data, kept in clear) and the
-- name on its licence.  amount_wan: the investment in 万元.
-- coordinator_id: the one 代理协调员 who follows it.  sent_body: the
-- progress last queued for the extranet (agency.c sends it again only
-- when it changed).
CREATE TABLE agency_project (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(100) NOT NULL,
	kind		ENUM('industrial', 'key') NOT NULL,
	credit_code	CHAR(18) CHARACTER SET ascii COLLATE ascii_bin
			    NOT NULL,
	investor	VARCHAR(100) NOT NULL,
	location	VARCHAR(200) NOT NULL,
	amount_wan	INT NOT NULL,
	agreement_no	VARCHAR(40) NOT NULL,
	agreement_sha	CHAR(64) CHARACTER SET ascii NOT NULL,
	agreement_name	VARCHAR(200) NOT NULL,
	coordinator_id	INT NOT NULL,
	created_by	INT NOT NULL,
	created_at	DATETIME NOT NULL,	-- UTC, from the clock
	sent_body	MEDIUMTEXT NULL,
	UNIQUE KEY agreement (agreement_no),
	KEY credit (credit_code, id),
	KEY coordinator (coordinator_id, id),
	FOREIGN KEY (coordinator_id) REFERENCES staff(id),
	FOREIGN KEY (created_by) REFERENCES staff(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The items a project needs, from the catalogue (by code: the version
-- the case is made under is the case's), in the order registered; the
-- case that handles it once there is one (one case serves one project's
-- item; the investor's online application, or one the window files for
-- the centre).
CREATE TABLE agency_item (
	project_id	INT NOT NULL,
	seq		INT NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	case_id		INT NULL,
	linked_at	DATETIME NULL,
	PRIMARY KEY (project_id, seq),
	UNIQUE KEY item (project_id, item_code),
	UNIQUE KEY kase (case_id),
	FOREIGN KEY (project_id) REFERENCES agency_project(id),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The project's own events (registered, a case linked, a step urged),
-- beside its cases' events on its timeline.  Insert-only.
CREATE TABLE agency_event (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	project_id	INT NOT NULL,
	at		DATETIME NOT NULL,	-- UTC, from the clock
	action		ENUM('register', 'link', 'urge') NOT NULL,
	staff_id	INT NOT NULL,
	staff_name	VARCHAR(50) NOT NULL,
	note		TEXT NOT NULL,
	KEY project (project_id, id),
	FOREIGN KEY (project_id) REFERENCES agency_project(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
COMMENT 'insert-only: the timeline of a 全程代理 project';

-- Extranet: each project's progress as the last agency.progress record
-- brought it (replaced whole), shown to the investor enterprise's staff
-- on its page (项目代办进度).  project_id: the intranet's id.
CREATE TABLE agency_progress (
	project_id	INT NOT NULL PRIMARY KEY,
	credit_code	CHAR(18) CHARACTER SET ascii COLLATE ascii_bin
			    NOT NULL,
	name		VARCHAR(100) NOT NULL,
	location	VARCHAR(200) NOT NULL,
	coordinator	VARCHAR(50) NOT NULL,
	as_of		DATETIME NOT NULL,	-- Beijing time
	KEY credit (credit_code, project_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE agency_progress_item (
	project_id	INT NOT NULL,
	seq		INT NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	state		ENUM('todo', 'doing', 'done') NOT NULL,
	app_no		VARCHAR(20) NULL,
	step		VARCHAR(200) NOT NULL,
	PRIMARY KEY (project_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
