-- 250: messages on an application (与窗口人员交流; EXT-7; issue #11).
-- Both sites hold the same table; columns note the site that fills them.
--
-- The applicant (or the enterprise's staff or the agent acting for them)
-- writes on the extranet (dir 'ask'); the message crosses the gap as a
-- "message" record and lands on the case on the intranet, unread until
-- a member of a department acting on the case opens it.  The window
-- replies on the case page (dir 'reply'); the reply crosses back as a
-- "message.reply" record.  msg_no is each message's number on both
-- sites (LY… asked, HF… replied), so a record carried twice adds
-- nothing.
CREATE TABLE case_message (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	msg_no		VARCHAR(20) NULL UNIQUE,	-- LY/HF, YYYYMMDD, 5 digits
	app_no		VARCHAR(20) NOT NULL,
	case_id		INT NULL,		-- intranet: the case of app_no
	dir		VARCHAR(5) NOT NULL,	-- ask, reply
	author		VARCHAR(100) NOT NULL,	-- a name, or the department's
	citizen_id	INT NULL,		-- extranet: who wrote an ask
	form_key	CHAR(64) NULL,		-- extranet: the form's one-time key
	staff_id	INT NULL,		-- intranet: who wrote a reply
	body		TEXT NOT NULL,
	at		DATETIME NOT NULL,	-- UTC, where it was written
	read_at		DATETIME NULL,		-- intranet: an ask first opened
	UNIQUE KEY msg_key (citizen_id, form_key),
	KEY msg_app (app_no, id),
	KEY msg_unread (case_id, dir, read_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
