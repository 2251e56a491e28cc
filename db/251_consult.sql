-- 251: online consultation (在线咨询; EXT-7; issue #11).  Both sites hold
-- the same table; columns note the site that fills them.
--
-- A logged-in citizen asks about an item from its guide (record
-- "consult"); the item's department answers on the intranet within
-- CONSULT_DAYS working days (due, the light supervisors see), and the
-- answer crosses back ("consult.answer") to 我的咨询.  The department may
-- publish the question, masked (faq_question), with its answer as an FAQ
-- under the item's guide (常见问题), and withdraw it: each change a "faq"
-- record with faq_seq, taken by the extranet only when newer.
CREATE TABLE consult (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	cq_no		VARCHAR(20) NULL UNIQUE,	-- ZX, YYYYMMDD, 5 digits
	citizen_id	INT NULL,		-- extranet: who asked
	form_key	CHAR(64) NULL,		-- extranet: the form's one-time key
	item_code	VARCHAR(40) NOT NULL,
	item_version	INT NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,	-- the item's: who answers
	asker		VARCHAR(50) NOT NULL,
	question	TEXT NOT NULL,
	asked_at	DATETIME NOT NULL,	-- UTC, on the extranet
	due		DATE NULL,		-- intranet: answer by
	answer		TEXT NOT NULL DEFAULT '',
	answered_at	DATETIME NULL,
	staff_id	INT NULL,		-- intranet: who answered
	faq		TINYINT NOT NULL DEFAULT 0,	-- 1: published
	faq_question	TEXT NOT NULL DEFAULT '',	-- as published, masked
	faq_seq		INT NOT NULL DEFAULT 0,	-- changes sent / taken
	UNIQUE KEY consult_key (citizen_id, form_key),
	KEY consult_faq (item_code, faq),
	KEY consult_dept (dept_code, answered_at),
	KEY consult_open (answered_at, due)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
