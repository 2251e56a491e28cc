-- 001_core: the skeleton's tables.  Both sites run the same migrations;
-- each table notes the site that owns and writes it (DESIGN.md, the gap).

-- Organisation (intranet).
CREATE TABLE department (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(32) NOT NULL UNIQUE,
	name		VARCHAR(100) NOT NULL,
	abbr		VARCHAR(20) NOT NULL,	-- 文号 prefix, e.g. 锡市监
	region		VARCHAR(100) NOT NULL DEFAULT '',
	address		VARCHAR(200) NOT NULL DEFAULT '',
	phone		VARCHAR(40) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	login		VARCHAR(40) NOT NULL UNIQUE,
	name		VARCHAR(50) NOT NULL,
	dept_id		INT NOT NULL,
	roles		INT UNSIGNED NOT NULL,
	pw_hash		VARCHAR(200) NOT NULL,
	active		TINYINT NOT NULL DEFAULT 1,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	FOREIGN KEY (dept_id) REFERENCES department(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extranet accounts: real-name persons (ACC-1).
CREATE TABLE citizen (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	id_number	CHAR(18) NOT NULL UNIQUE,
	name		VARCHAR(50) NOT NULL,
	mobile		CHAR(11) NOT NULL,
	pw_hash		VARCHAR(200) NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions of either site: user_id is a citizen on the extranet, a staff
-- member on the intranet.  Only the SHA-256 of the token is stored.
CREATE TABLE session (
	token_hash	CHAR(64) NOT NULL PRIMARY KEY,
	user_id		INT NOT NULL,
	csrf		CHAR(64) NOT NULL,
	created_at	DATETIME NOT NULL,
	seen_at		DATETIME NOT NULL,
	KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Catalogue (CAT-1, CAT-4): written on the intranet, copied to the
-- extranet by bundle.  One row per (code, version).
CREATE TABLE item (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	code		VARCHAR(40) NOT NULL,
	version		INT NOT NULL,
	status		VARCHAR(12) NOT NULL,	-- draft, review, published, retired
	name		VARCHAR(200) NOT NULL,
	kind		VARCHAR(20) NOT NULL,	-- 行政许可, 公共服务, …
	dept_code	VARCHAR(32) NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	level		VARCHAR(20) NOT NULL,	-- 县级, 乡级, …
	basis		TEXT NOT NULL,
	conditions	TEXT NOT NULL,
	statutory_days	INT NOT NULL,
	promised_days	INT NOT NULL,
	instant		TINYINT NOT NULL DEFAULT 0,
	fee		TEXT NOT NULL,
	place		VARCHAR(300) NOT NULL,
	hours		VARCHAR(200) NOT NULL,
	phone		VARCHAR(100) NOT NULL,
	complaint_phone	VARCHAR(100) NOT NULL,
	visits		INT NOT NULL DEFAULT 0,
	depth		CHAR(1) NOT NULL,	-- A, B, C, D
	published_at	DATETIME NULL,
	UNIQUE KEY (code, version),
	KEY (status, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE item_material (
	item_id		INT NOT NULL,
	seq		INT NOT NULL,
	name		VARCHAR(200) NOT NULL,
	original	VARCHAR(20) NOT NULL,	-- 原件, 复印件, 原件及复印件
	copies		INT NOT NULL DEFAULT 1,
	required	TINYINT NOT NULL DEFAULT 1,
	types		VARCHAR(60) NOT NULL DEFAULT 'pdf',
	note		VARCHAR(300) NOT NULL DEFAULT '',
	PRIMARY KEY (item_id, seq),
	FOREIGN KEY (item_id) REFERENCES item(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE item_step (
	item_id		INT NOT NULL,
	seq		INT NOT NULL,
	name		VARCHAR(40) NOT NULL,	-- 受理, 承办, 批准
	role		INT UNSIGNED NOT NULL,	-- role bit that may act
	days		INT NOT NULL,		-- working-day limit
	PRIMARY KEY (item_id, seq),
	FOREIGN KEY (item_id) REFERENCES item(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extranet applications (EXT-1..3).  Status and timeline are copies of
-- what the intranet sends back.
CREATE TABLE application (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	app_no		VARCHAR(20) NOT NULL UNIQUE,
	citizen_id	INT NOT NULL,
	item_id		INT NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	item_version	INT NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	applicant_name	VARCHAR(50) NOT NULL,
	id_number	CHAR(18) NOT NULL,
	mobile		CHAR(11) NOT NULL,
	remark		TEXT NOT NULL,
	state		VARCHAR(20) NOT NULL,
	state_label	VARCHAR(40) NOT NULL,
	submitted_at	DATETIME NOT NULL,
	updated_at	DATETIME NOT NULL,
	KEY (citizen_id, id),
	FOREIGN KEY (citizen_id) REFERENCES citizen(id),
	FOREIGN KEY (item_id) REFERENCES item(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE app_counter (
	day		CHAR(8) NOT NULL PRIMARY KEY,
	next		INT NOT NULL
) ENGINE=InnoDB;

-- Attachments on either site: files/ab/cd/<sha256>, named by these rows.
CREATE TABLE attachment (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	app_no		VARCHAR(20) NOT NULL,
	material_seq	INT NOT NULL,
	material_name	VARCHAR(200) NOT NULL,
	file_name	VARCHAR(200) NOT NULL,
	sha256		CHAR(64) NOT NULL,
	size		BIGINT NOT NULL,
	mime		VARCHAR(100) NOT NULL,
	UNIQUE KEY (app_no, material_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Intranet cases (INT-*).  app_no is the extranet's number.
CREATE TABLE kase (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	app_no		VARCHAR(20) NOT NULL UNIQUE,
	source		VARCHAR(10) NOT NULL,	-- online, window
	item_id		INT NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	item_version	INT NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	applicant_name	VARCHAR(50) NOT NULL,
	id_number	CHAR(18) NOT NULL,
	mobile		CHAR(11) NOT NULL,
	remark		TEXT NOT NULL,
	state		VARCHAR(20) NOT NULL,
	step_seq	INT NOT NULL DEFAULT 0,
	submitted_at	DATETIME NOT NULL,
	received_at	DATETIME NOT NULL,
	accepted_at	DATETIME NULL,
	decided_at	DATETIME NULL,
	KEY (state, step_seq),
	FOREIGN KEY (item_id) REFERENCES item(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every transition of a case (INT-13); seq numbers the case's events.
CREATE TABLE case_event (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	case_id		INT NOT NULL,
	seq		INT NOT NULL,
	at		DATETIME NOT NULL,
	action		VARCHAR(20) NOT NULL,
	label		VARCHAR(60) NOT NULL,
	state		VARCHAR(20) NOT NULL,
	staff_id	INT NULL,
	staff_name	VARCHAR(50) NOT NULL,
	note		TEXT NOT NULL,
	UNIQUE KEY (case_id, seq),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Signed opinions (INT-6): insert-only, each row chained to the one
-- before by hash so a change is detected.
CREATE TABLE opinion (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	case_id		INT NOT NULL,
	step_seq	INT NOT NULL,
	step_name	VARCHAR(40) NOT NULL,
	staff_id	INT NOT NULL,
	staff_name	VARCHAR(50) NOT NULL,
	verdict		VARCHAR(10) NOT NULL,	-- agree, disagree
	text		TEXT NOT NULL,
	signed_at	DATETIME NOT NULL,
	prev_hash	CHAR(64) NOT NULL,
	hash		CHAR(64) NOT NULL,
	UNIQUE KEY (case_id, step_seq),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER opinion_no_update BEFORE UPDATE ON opinion FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'signed opinions cannot be changed';
CREATE TRIGGER opinion_no_delete BEFORE DELETE ON opinion FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'signed opinions cannot be deleted';

-- Issued documents (DOC-1): written on the intranet, copied out.
CREATE TABLE document (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	app_no		VARCHAR(20) NOT NULL,
	kind		VARCHAR(20) NOT NULL,	-- accept, reject, approve, deny
	doc_no		VARCHAR(60) NOT NULL UNIQUE,
	title		VARCHAR(100) NOT NULL,
	body		TEXT NOT NULL,		-- JSON of the fields it shows
	issued_at	DATETIME NOT NULL,
	issued_by	VARCHAR(100) NOT NULL,
	KEY (app_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE doc_counter (
	kind		VARCHAR(20) NOT NULL,
	year		INT NOT NULL,
	next		INT NOT NULL,
	PRIMARY KEY (kind, year)
) ENGINE=InnoDB;

-- Extranet copy of a case's timeline.
CREATE TABLE app_event (
	app_no		VARCHAR(20) NOT NULL,
	seq		INT NOT NULL,
	at		DATETIME NOT NULL,
	label		VARCHAR(60) NOT NULL,
	actor		VARCHAR(100) NOT NULL,
	note		TEXT NOT NULL,
	PRIMARY KEY (app_no, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The gap (GAP-3..5).  The outbox is written in the same transaction as
-- the change it carries; export claims unclaimed rows, whatever their id.
CREATE TABLE gap_outbox (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	kind		VARCHAR(30) NOT NULL,
	body		MEDIUMTEXT NOT NULL,	-- one JSON record
	created_at	DATETIME NOT NULL,
	bundle_seq	BIGINT NULL,
	KEY (bundle_seq, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE gap_out (
	epoch		INT NOT NULL,
	seq		BIGINT NOT NULL,
	created_at	VARCHAR(20) NOT NULL,	-- as written in the manifest
	records		INT NOT NULL,
	hash		CHAR(64) NULL,		-- set once the file is written
	path		VARCHAR(300) NULL,
	PRIMARY KEY (epoch, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE gap_in (
	dir		VARCHAR(8) NOT NULL,
	epoch		INT NOT NULL,
	seq		BIGINT NOT NULL,
	hash		CHAR(64) NOT NULL,
	records		INT NOT NULL,
	imported_at	DATETIME NOT NULL,
	PRIMARY KEY (dir, epoch, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The single-writer lock of export: one row, locked FOR UPDATE.
CREATE TABLE gap_lock (
	id		TINYINT NOT NULL PRIMARY KEY,
	epoch		INT NOT NULL
) ENGINE=InnoDB;
INSERT INTO gap_lock VALUES (1, 1);

-- Audit trail (SEC-3): insert-only, hash-chained.
CREATE TABLE audit (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,
	actor		VARCHAR(60) NOT NULL,
	action		VARCHAR(40) NOT NULL,
	object		VARCHAR(100) NOT NULL,
	detail		TEXT NOT NULL,
	prev_hash	CHAR(64) NOT NULL,
	hash		CHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit rows cannot be changed';
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit rows cannot be deleted';
