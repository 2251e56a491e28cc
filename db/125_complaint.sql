-- 125: complaints (投诉举报; SUP-5, EXT-7; issue #8).  A citizen files one
-- on the extranet about a case of theirs, a department or a person; it
-- crosses the gap (record "complaint"); the supervision office handles it
-- on the intranet (assign, investigate, reply, close), and each change of
-- its state crosses back (record "complaint.state") with the reply.
-- Both sites hold the same table; columns note the site that fills them.
CREATE TABLE complaint (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	cmp_no		VARCHAR(20) NULL UNIQUE,	-- TS, YYYYMMDD, 5 digits
	citizen_id	INT NULL,		-- extranet: the complainant
	form_key	CHAR(64) NULL,		-- extranet: the form's one-time key
	about		VARCHAR(10) NOT NULL,	-- case, dept, person
	app_no		VARCHAR(20) NOT NULL DEFAULT '',
	case_id		INT NULL,		-- intranet: the case of app_no
	dept_code	VARCHAR(32) NOT NULL DEFAULT '',
	dept_name	VARCHAR(100) NOT NULL DEFAULT '',
	person		VARCHAR(50) NOT NULL DEFAULT '',
	subject		VARCHAR(60) NOT NULL,
	body		TEXT NOT NULL,
	name		VARCHAR(50) NOT NULL,	-- the complainant's
	id_sealed	VARCHAR(200) NOT NULL DEFAULT '',	-- intranet (SEC-5)
	phone_sealed	VARCHAR(200) NOT NULL DEFAULT '',	-- sealed, or ''
	state		VARCHAR(20) NOT NULL,	-- received … closed
	seq		INT NOT NULL DEFAULT 0,	-- state changes sent / taken
	filed_at	DATETIME NOT NULL,	-- UTC, on the extranet
	accept_due	DATE NULL,		-- intranet: stage deadlines
	assignee_id	INT NULL,
	assigned_at	DATETIME NULL,
	reply_due	DATE NULL,
	reply		TEXT NOT NULL DEFAULT '',
	replied_at	DATETIME NULL,
	close_due	DATE NULL,
	closed_at	DATETIME NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY (citizen_id, form_key),
	KEY (state),
	KEY (app_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What happened to a complaint on the intranet, in order: its history on
-- /sup/complaint.  Never changed.
CREATE TABLE complaint_event (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	complaint_id	INT NOT NULL,
	at		DATETIME NOT NULL,	-- UTC
	actor		VARCHAR(50) NOT NULL,	-- a staff name, or 系统
	action		VARCHAR(20) NOT NULL,	-- import assign investigate …
	note		TEXT NOT NULL,
	KEY (complaint_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: the history of each complaint (SUP-5)';
