-- 181: department seal keys and sealed documents (DOC-1, EXT-6; issue #10,
-- docs/seal.md).  Both sites.
--
-- The intranet makes a department's key pair (yiwang-admin seal-key); the
-- private half stays in a file of seal_key_dir, the public half is kept
-- here and crosses to the extranet as a "seal.key" record, which is how the
-- extranet verifies a document without trusting a flag.  A key is
-- retired when a newer one replaces it (it still verifies what it sealed)
-- and revoked when it must not be trusted (documents sealed before still
-- verify, and the verification page says when and why it was revoked).
-- Rows are never deleted; only retired_at, revoked_at and revoke_why
-- change, once each.
CREATE TABLE seal_key (
	kid		CHAR(16) NOT NULL PRIMARY KEY,	-- docsig.h
	dept_code	VARCHAR(32) NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	alg		VARCHAR(10) NOT NULL,	-- ed25519, sm2
	pub		TEXT NOT NULL,		-- PEM SubjectPublicKeyInfo
	created_at	DATETIME NOT NULL,	-- UTC
	retired_at	DATETIME NULL,
	revoked_at	DATETIME NULL,
	revoke_why	VARCHAR(200) NULL,
	KEY seal_key_dept (dept_code, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A sealed document: the signature (hex) over its canonical form
-- (docs/seal.md), by key seal_kid of department seal_dept, and the check
-- code derived from it that the printed page and /verify show.  NULL on
-- a document its department had no key for (an unsigned one).
ALTER TABLE document
	ADD COLUMN seal_dept VARCHAR(32) NULL,
	ADD COLUMN seal_kid CHAR(16) NULL,
	ADD COLUMN seal_sig VARCHAR(200) NULL,
	ADD COLUMN seal_code CHAR(8) NULL;
