-- 030_chains: least privilege and tamper-evident ledgers (SEC-3, SEC-5,
-- review F4).  Owned by cgi/domain/chain.c and cgi/domain/anchor.c; the
-- grants are computed by cgi/domain/schema.c (schema_grant).
--
-- What the application's database account may do with a table is said
-- once, in the table's COMMENT, so that a table added by any later
-- migration gets the right grants without a list to keep in step:
--   COMMENT 'insert-only: …'  SELECT and INSERT only (ledgers: audit,
--                             opinion, anchor, and any later one)
--   COMMENT 'read-only: …'    SELECT only
--   anything else             SELECT, INSERT, UPDATE, DELETE
-- The application never gets DDL, TRIGGER, DROP or any global privilege.
ALTER TABLE audit COMMENT = 'insert-only: the audit trail (SEC-3), a keyed chain';
ALTER TABLE opinion COMMENT = 'insert-only: signed opinions (INT-6), a keyed chain';
ALTER TABLE schema_version COMMENT = 'read-only: written by migrations only';

-- One row per keyed chain (chain.c): its row lock serialises the writers
-- of that chain, so two transactions can never link to the same row.
-- legacy_until: rows with an id up to this one were written before this
-- migration, hash-chained without a key; they are checked for their links
-- only, and the first keyed row's MAC covers the last of them.  Signed
-- anchors repeat this value, so moving it is detected.
CREATE TABLE chain_head (
	chain		VARCHAR(20) NOT NULL PRIMARY KEY,
	legacy_until	BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO chain_head (chain, legacy_until)
	SELECT 'audit', COALESCE(MAX(id), 0) FROM audit;
INSERT INTO chain_head (chain, legacy_until)
	SELECT 'opinion', COALESCE(MAX(id), 0) FROM opinion;

-- Signed chain heads (anchor.c): this site's own, made by `yiwang-admin
-- anchor` and at every `yiwang-gap export` (also appended to a file beside
-- the keys, outside the database), and the other site's, carried across
-- the gap as records of kind "anchor".  body is exactly the text that was
-- signed (Ed25519, sig in hex), so any copy can be checked on its own.
CREATE TABLE anchor (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	site		VARCHAR(10) NOT NULL,	-- whose chains: extranet, intranet
	at		CHAR(20) NOT NULL,	-- when, 2026-12-06T04:22:00Z
	body		VARCHAR(2048) NOT NULL,
	sig		CHAR(128) NOT NULL,
	body_sha	CHAR(64) NOT NULL UNIQUE,
	stored_at	DATETIME NOT NULL,
	KEY (site, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: signed chain heads (SEC-3), ours and the other site''s';

CREATE TRIGGER anchor_no_update BEFORE UPDATE ON anchor FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'anchors cannot be changed';
CREATE TRIGGER anchor_no_delete BEFORE DELETE ON anchor FOR EACH ROW
	SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'anchors cannot be deleted';
