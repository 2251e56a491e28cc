-- 271: 一件事一次办 (EXT-12; issue #11, docs/event.md).  A life event
-- (开办餐馆, 新生儿出生…) names several items of several departments;
-- the applicant fills one form with one materials list, and the
-- submission is split into one application per item (one case per
-- department on the intranet), linked by the bundle's number.
--
-- Both sites hold one schema.  The intranet's catalogue staff write
-- life_event and life_event_item (a new version per change, published by
-- a second person); each published version crosses to the extranet as an
-- "event" record.  app_bundle is the extranet's (the applicant's one
-- entry); case_bundle the intranet's (which bundle a case belongs to, from
-- its application record).

CREATE TABLE life_event (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(40) CHARACTER SET ascii NOT NULL,
	version		INT NOT NULL,
	name		VARCHAR(60) NOT NULL,
	intro		VARCHAR(500) NOT NULL DEFAULT '',
	status		ENUM('draft', 'published', 'retired') NOT NULL,
	created_by	VARCHAR(60) NOT NULL DEFAULT '',
	created_at	DATETIME NOT NULL,
	published_by	VARCHAR(60) NULL,
	published_at	DATETIME NULL,
	UNIQUE KEY (code, version),
	KEY (status, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The items of a version, in the order the guide and the form show them.
CREATE TABLE life_event_item (
	event_id	INT NOT NULL,
	seq		INT NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	PRIMARY KEY (event_id, seq),
	UNIQUE KEY (event_id, item_code),
	FOREIGN KEY (event_id) REFERENCES life_event(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extranet: one event application (一件事), the applicant's one entry in
-- 我的办件; its applications name it by application.bundle_no.  The
-- number is YJ and the digits of its first application's number.
CREATE TABLE app_bundle (
	bundle_no	VARCHAR(20) CHARACTER SET ascii NOT NULL PRIMARY KEY,
	citizen_id	INT NOT NULL,
	event_code	VARCHAR(40) NOT NULL,
	event_version	INT NOT NULL,
	event_name	VARCHAR(60) NOT NULL,
	submitted_at	DATETIME NOT NULL,
	KEY (citizen_id, submitted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE application
	ADD COLUMN bundle_no VARCHAR(20) CHARACTER SET ascii NULL,
	ADD KEY (bundle_no);

-- Intranet: the bundle a case's application names (its siblings are the
-- cases of the same bundle_no).
CREATE TABLE case_bundle (
	app_no		VARCHAR(20) NOT NULL PRIMARY KEY,
	bundle_no	VARCHAR(20) CHARACTER SET ascii NOT NULL,
	event_code	VARCHAR(40) NOT NULL,
	event_name	VARCHAR(60) NOT NULL,
	KEY (bundle_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
