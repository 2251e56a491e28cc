-- 081_pii_clear_dropped: the clear ID numbers and mobile numbers go (SEC-5,
-- review F8).  schema.c runs the step that seals every row left by earlier
-- versions just before this file (080 explains the order).  Each ALTER is
-- one atomic statement: making a sealed column NOT NULL fails while a row
-- has none, and then nothing of that table is dropped, so a site never
-- loses a value it has not sealed.  FORCE rebuilds the table, so the
-- dropped values do not linger in its file (an instant DROP COLUMN would
-- leave them in the rows until each is rewritten).  Running this file
-- again after an interruption skips what is done (IF EXISTS).

ALTER TABLE citizen
	MODIFY id_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	MODIFY id_sealed VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin
	    NOT NULL,
	MODIFY mobile_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NOT NULL,
	ADD UNIQUE KEY IF NOT EXISTS id_hash (id_hash),
	DROP COLUMN IF EXISTS id_number,
	DROP COLUMN IF EXISTS mobile,
	FORCE;

ALTER TABLE application
	MODIFY id_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	MODIFY id_sealed VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin
	    NOT NULL,
	MODIFY mobile_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NOT NULL,
	DROP COLUMN IF EXISTS id_number,
	DROP COLUMN IF EXISTS mobile,
	FORCE;

ALTER TABLE kase
	MODIFY id_sealed VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin
	    NOT NULL,
	MODIFY mobile_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NOT NULL,
	DROP COLUMN IF EXISTS id_number,
	DROP COLUMN IF EXISTS mobile,
	FORCE;
