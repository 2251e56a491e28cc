-- 130: publication (公示, PUB-1, PUB-2) and agent points (AGT-2); issue #8.
-- Both sites run it: the intranet writes pub_result, pub_hall and
-- pub_news and sends what they say across the gap (cgi/domain/publish.c);
-- the extranet keeps what it received in the *_public tables, and the
-- other site's tables stay empty.

-- Items whose results name a person's private life (婚姻登记, 收养登记)
-- are published as counts only, never one by one: the items of
-- item_private (115, set by the catalogue's "private": true).

-- Intranet: every decided case's result (准予 / 不予), queued for the
-- extranet in the transaction of the decision (seed 004 #3 第二十一条:
-- published within 5 days).  outbox_id: its gap_outbox row, whose
-- bundle_seq says whether it has left; late_at: when the tick found it
-- still here on its last day (a check that fires, once).
CREATE TABLE pub_result (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	case_id		INT NOT NULL UNIQUE,
	decision	VARCHAR(10) NOT NULL,
	decided_on	DATE NOT NULL,			-- Beijing
	due_on		DATE NOT NULL,			-- decided_on + 5 days
	outbox_id	BIGINT NOT NULL,
	late_at		DATETIME NULL,			-- UTC
	KEY (due_on, late_at),
	FOREIGN KEY (case_id) REFERENCES kase(id),
	CHECK (decision IN ('approved', 'denied'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Intranet: the hall display's numbers last sent for each hall, so that
-- the tick sends a hall's numbers again only when they changed.
CREATE TABLE pub_hall (
	hall_code	VARCHAR(32) NOT NULL PRIMARY KEY,
	day		DATE NOT NULL,
	received	INT NOT NULL,
	decided		INT NOT NULL,
	in_progress	INT NOT NULL,
	sent_at		DATETIME NOT NULL,		-- UTC
	FOREIGN KEY (hall_code) REFERENCES hall(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Intranet: announcements (信息发布, PUB-2): written by staff for their
-- department (or the system administrator for the portal), published by
-- a second person (never the writer: the CHECK), withdrawn by one too.
-- kind: news 新闻动态, notice 通知公告, policy 政策法规 (CAT-5: items
-- lists the catalogue codes a policy text governs, one per line).
CREATE TABLE pub_news (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	kind		VARCHAR(10) NOT NULL,
	title		VARCHAR(100) NOT NULL,
	body		TEXT NOT NULL,
	items		VARCHAR(1000) NOT NULL DEFAULT '',
	dept_code	VARCHAR(32) NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	state		VARCHAR(10) NOT NULL DEFAULT 'draft',
	written_by	VARCHAR(40) NOT NULL,		-- login
	writer_name	VARCHAR(50) NOT NULL,
	reviewed_by	VARCHAR(40) NULL,		-- login of who published
	reviewer_name	VARCHAR(50) NULL,
	note		VARCHAR(200) NOT NULL DEFAULT '', -- why returned
	created_at	DATETIME NOT NULL,
	updated_at	DATETIME NOT NULL,
	published_at	DATETIME NULL,
	withdrawn_at	DATETIME NULL,
	KEY (state, id),
	KEY (dept_code, id),
	CHECK (kind IN ('news', 'notice', 'policy')),
	CHECK (state IN ('draft', 'review', 'published', 'withdrawn')),
	CHECK (reviewed_by IS NULL OR reviewed_by <> written_by)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Agents (代办员, AGT-1 is another issue): the table their accounts will
-- be, bound to a service area, and the case an agent applied for.
-- Empty until then: AGT-2's statistics count from here and say so.
CREATE TABLE agent (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(50) NOT NULL,
	region_code	VARCHAR(12) NOT NULL,
	active		TINYINT NOT NULL DEFAULT 1,
	KEY (region_code),
	FOREIGN KEY (region_code) REFERENCES region(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- Intranet: the agent points' numbers last sent (one row, the record's
-- rows as JSON), so that the tick sends them again only when they change.
CREATE TABLE pub_agents (
	id		TINYINT NOT NULL PRIMARY KEY,
	body		MEDIUMTEXT NOT NULL,
	sent_at		DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO pub_agents VALUES (1, '[]', UTC_TIMESTAMP());
ALTER TABLE kase
	ADD COLUMN agent_id INT NULL,
	ADD KEY (agent_id),
	ADD KEY pub_decided (decided_at),
	ADD CONSTRAINT kase_agent FOREIGN KEY (agent_id) REFERENCES agent(id);

-- Extranet: the results as published (PUB-1).  id: the intranet's
-- pub_result id.  A private item's result keeps no item, applicant or
-- number (counted only).  published_at: when it arrived here; late: it
-- arrived after due_on, which the page says.
CREATE TABLE result_public (
	id		INT NOT NULL PRIMARY KEY,
	private		TINYINT NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	hall_code	VARCHAR(32) NOT NULL,
	decision	VARCHAR(10) NOT NULL,
	decided_on	DATE NOT NULL,
	due_on		DATE NOT NULL,
	doc_no		VARCHAR(60) NOT NULL,
	applicant	VARCHAR(20) NOT NULL,		-- masked: 张**
	published_at	DATETIME NOT NULL,		-- UTC
	late		TINYINT NOT NULL,
	KEY (dept_code, id),
	KEY (hall_code, id),
	KEY (decided_on, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extranet: each hall's numbers of the day as the intranet last sent them.
CREATE TABLE hall_public (
	hall_code	VARCHAR(32) NOT NULL PRIMARY KEY,
	hall_name	VARCHAR(100) NOT NULL,
	day		DATE NOT NULL,
	received	INT NOT NULL,
	decided		INT NOT NULL,
	in_progress	INT NOT NULL,
	as_of		DATETIME NOT NULL		-- Beijing, as counted
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extranet: published announcements; a withdrawn one is deleted, with
-- the items it was linked to (CAT-5).
CREATE TABLE news_public (
	id		INT NOT NULL PRIMARY KEY,
	kind		VARCHAR(10) NOT NULL,
	title		VARCHAR(100) NOT NULL,
	body		TEXT NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	published_at	DATETIME NOT NULL,		-- Beijing
	KEY (kind, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE news_public_item (
	news_id		INT NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	PRIMARY KEY (news_id, item_code),
	KEY (item_code),
	FOREIGN KEY (news_id) REFERENCES news_public(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extranet: the agent points as the intranet last sent them (AGT-2),
-- replaced whole by each pub.agents record.
CREATE TABLE agent_public (
	seq		INT NOT NULL PRIMARY KEY,	-- order sent
	name		VARCHAR(50) NOT NULL,
	area		VARCHAR(100) NOT NULL,
	cases		INT NOT NULL,
	decided		INT NOT NULL,
	as_of		DATETIME NOT NULL		-- Beijing, as counted
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
