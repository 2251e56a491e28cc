-- 190: SMS through a real gateway (NTF-1, ACC-1, ACC-2; issue #10).
-- Extranet tables; both sites get them (one schema), only the extranet
-- has a gateway (docs/sms.md).

-- The outbox: one row per message, composed where the event happens,
-- sent by yiwang-admin tick (or at once, for a code) through the gateway,
-- tried again with back-off, its state moved on by delivery reports.
-- The number is sealed (SEC-5) with its mask beside it for the pages;
-- a code's digits are in text only until the gateway took the message
-- or gave up (then text = shown, which has them masked).
CREATE TABLE sms_outbox (
	id		BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	to_sealed	VARCHAR(255) NOT NULL,	-- pii_seal(SEALED_SMS_TO)
	to_masked	VARCHAR(16) NOT NULL,	-- 139****1234
	text		VARCHAR(500) NOT NULL,	-- what goes to the gateway
	shown		VARCHAR(500) NOT NULL,	-- the same, codes masked
	why		VARCHAR(32) NOT NULL,	-- register, reset, accepted...
	app_no		VARCHAR(32) NULL,	-- the case it is about
	state		ENUM('queued', 'sent', 'delivered', 'failed')
			NOT NULL DEFAULT 'queued',
	tries		INT NOT NULL DEFAULT 0,
	next_try	DATETIME(3) NOT NULL,	-- UTC
	gateway_id	VARCHAR(64) NULL,	-- the gateway's answer or id
	last_error	VARCHAR(200) NULL,
	dlr_token	CHAR(32) NOT NULL,	-- in the dlr-url, checked
	created_at	DATETIME(3) NOT NULL,	-- UTC
	sent_at		DATETIME(3) NULL,
	done_at		DATETIME(3) NULL,	-- delivered or failed
	KEY due (state, next_try),
	KEY created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One-time codes sent by SMS (ACC-1 registration, ACC-2 password reset
-- and login): the code only as its keyed hash, for 5 minutes and 5 tries.
-- ticket_hash: SHA-256 of the random ticket the browser holds.  A
-- registration waits here, sealed, until its code is entered: only then
-- does the account exist (state 'verified').  citizen_id: the account a
-- reset or a login is for (NULL: none matched, the code never works).
CREATE TABLE sms_code (
	id		BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_hash	CHAR(64) NOT NULL,
	purpose		ENUM('register', 'reset', 'login') NOT NULL,
	code_hash	CHAR(64) NOT NULL,	-- pii_hash("sms.code", ...)
	citizen_id	INT NULL,
	id_hash		CHAR(64) NULL,		-- register: the new account's
	id_sealed	VARCHAR(255) NULL,
	name		VARCHAR(50) NULL,
	mobile_sealed	VARCHAR(255) NULL,
	pw_hash		VARCHAR(255) NULL,
	tries		INT NOT NULL DEFAULT 0,
	used		TINYINT NOT NULL DEFAULT 0,
	created_at	DATETIME NOT NULL,	-- UTC
	expires_at	DATETIME NOT NULL,
	UNIQUE KEY ticket (ticket_hash),
	KEY expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A civil servant's mobile for reminders before deadlines (NTF-1):
-- optional, sealed like a citizen's.
ALTER TABLE staff ADD COLUMN mobile_sealed VARCHAR(255) NULL;
