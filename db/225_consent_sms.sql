-- 225: a resident's consent by SMS (短信确认, AGT-1; issue #10).  Both
-- sites; consent_hold is the extranet's.
--
-- Extranet: an application an agent makes with consent_kind 'sms' is
-- stored at once (consent_state 'pending') but its record does not go to
-- the outbox: it waits here, sealed as the outbox seals application
-- records, until the resident reads the 6-digit code the SMS brought them
-- to the agent, who types it in.  code_hash: the keyed hash of the code
-- under the application's number (sms.code's domain), NULL before the
-- first SMS; each resend makes a new code.  expires_at: the last moment
-- of the whole wait (the tick then ends the application unsent).
CREATE TABLE consent_hold (
	app_no		VARCHAR(20) NOT NULL PRIMARY KEY,
	record_sealed	MEDIUMTEXT NOT NULL,
	mobile_hash	CHAR(64) NOT NULL,
	code_hash	CHAR(64) NULL,
	code_expires	DATETIME NULL,		-- UTC
	tries		INT NOT NULL DEFAULT 0,
	sends		INT NOT NULL DEFAULT 0,
	expires_at	DATETIME NOT NULL,	-- UTC
	KEY expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Both sites: how the consent was given, carried with the case: when the
-- resident's code was typed (UTC) and the keyed hash of the number that
-- received it (the extranet's key: the intranet keeps it to show which
-- number, the extranet can match it).
ALTER TABLE application
	ADD COLUMN consent_at DATETIME NULL,
	ADD COLUMN consent_mobile_hash CHAR(64) NULL;
ALTER TABLE kase
	ADD COLUMN consent_at DATETIME NULL,
	ADD COLUMN consent_mobile_hash CHAR(64) NULL;
