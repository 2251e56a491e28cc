-- 060_submissions: what one account may submit a day (SEC-8), the
-- one-time key of each application form (F13), and lookups by file for the
-- orphan sweep (F10).  Extranet tables; both sites run every migration.

-- Applications and attachment bytes accepted per citizen and Beijing day.
-- Updated in the submitting transaction, so concurrent submissions count
-- exactly; old days are history nobody reads (the sweep may drop them).
CREATE TABLE submit_quota (
	citizen_id	INT NOT NULL,
	day		CHAR(8) NOT NULL,	-- YYYYMMDD, Beijing time
	apps		INT NOT NULL,
	bytes		BIGINT NOT NULL,
	PRIMARY KEY (citizen_id, day)
) ENGINE=InnoDB;

-- The key each application form carries (issued with the form page):
-- the same form posted twice lands on the application the first made.
CREATE TABLE app_form_key (
	citizen_id	INT NOT NULL,
	form_key	CHAR(64) NOT NULL,
	app_no		VARCHAR(20) NOT NULL,
	created_at	DATETIME NOT NULL,
	PRIMARY KEY (citizen_id, form_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Does any row name this file?", asked per file by the sweep.
ALTER TABLE attachment ADD KEY (sha256);
ALTER TABLE item_material ADD KEY (form_sha), ADD KEY (sample_sha);
