-- 211: e-licences (电子证照, DOC-2; issue #10, docs/seal.md "Licences").
-- Both sites run every migration: licence_tpl is the intranet's, licence
-- is kept on both (the extranet's copy holds what crossed as
-- licence.issue and licence.revoke).

-- Which items issue a licence, and which: its name as printed, the word
-- of its number series (锡市监 + 食许 + 〔2026〕0001号, numbered in
-- doc_counter under the kind "lic" + id, per department abbreviation and
-- year like the documents, no gaps), and how long it is valid (years,
-- 0 for 长期).  Loaded with the catalogue (yiwang-admin demo,
-- licence-tpl).
CREATE TABLE licence_tpl (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	item_code	VARCHAR(40) NOT NULL UNIQUE,
	name		VARCHAR(60) NOT NULL,	-- 食品经营许可证
	word		VARCHAR(10) NOT NULL,	-- 食许
	years		INT NOT NULL		-- 0: 长期
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The licence library (证照批文共享数据库).  One row per licence, issued
-- in the transaction of the decision that grants it and sealed like a
-- document (seal_*; the canonical form's kind is "licence", its body the
-- JSON text in body).  holder is the enterprise when the case was made
-- in its name (credit_code set), else the person; holder_hash is the
-- keyed hash of the person's ID number (pii_hash, intranet only) that
-- 免证办 matches.  state: valid, revoked (吊销) or cancelled (注销), with
-- when, why and by whom; a licence past valid_to is 已过期 by the date,
-- not by a stored state.  Pages read it by key (id), newest first.
CREATE TABLE licence (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	licence_no	VARCHAR(60) NOT NULL UNIQUE,
	name		VARCHAR(60) NOT NULL,
	app_no		VARCHAR(20) NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	holder		VARCHAR(100) NOT NULL,
	credit_code	CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NULL,
	holder_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
	dept_code	VARCHAR(32) NOT NULL,
	issued_by	VARCHAR(100) NOT NULL,
	issued_at	DATETIME NOT NULL,	-- UTC
	valid_from	DATE NOT NULL,
	valid_to	DATE NULL,		-- NULL: 长期
	body		TEXT NOT NULL,
	seal_dept	VARCHAR(32) NULL,
	seal_kid	CHAR(16) NULL,
	seal_sig	VARCHAR(200) NULL,
	seal_code	CHAR(8) NULL,
	state		VARCHAR(10) NOT NULL DEFAULT 'valid',
	ended_at	DATETIME NULL,		-- UTC
	end_why		VARCHAR(200) NULL,
	ended_by	VARCHAR(100) NULL,
	KEY licence_app (app_no),
	KEY licence_item (item_code, id),
	KEY licence_state (state, id),
	KEY licence_holder (holder, id),
	KEY licence_hash (holder_hash, id),
	KEY licence_credit (credit_code, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
