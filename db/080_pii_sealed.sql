-- 080_pii_sealed: ID numbers and mobile numbers sealed at rest, with a
-- keyed hash beside the ID number where something looks it up (SEC-5,
-- review F8; cgi/core/pii.h, cgi/domain/sealed.h).  Both sites.
--
-- Three steps, each safe to interrupt and to run again:
--   080 (this file)  the sealed columns, empty (NULL) for existing rows;
--   a step in C      (schema.c, sealed_legacy_rows) seals what is still in
--                    clear, a batch per transaction, with the key in
--                    keys/pii.key, which never enters the database;
--   081              makes the sealed columns required and drops the clear
--                    ones: refused (nothing dropped) while any row is
--                    still unsealed.
--
-- A sealed value is text: "pii1:" and the hex of nonce | ciphertext | tag
-- (AES-256-GCM, the column's name as associated data).  A keyed hash is
-- HMAC-SHA-256 in hex.  Both are ASCII.

-- Citizens log in by ID number, and one number makes one account: the
-- unique key moves to the keyed hash (081).
ALTER TABLE citizen
	ADD COLUMN IF NOT EXISTS id_hash CHAR(64) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER id,
	ADD COLUMN IF NOT EXISTS id_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER id_hash,
	ADD COLUMN IF NOT EXISTS mobile_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER name;

-- /query compares the ID number in its WHERE clause (F5): by keyed hash.
ALTER TABLE application
	ADD COLUMN IF NOT EXISTS id_hash CHAR(64) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER applicant_name,
	ADD COLUMN IF NOT EXISTS id_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER id_hash,
	ADD COLUMN IF NOT EXISTS mobile_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER id_sealed;

-- Nothing looks a case up by ID number: sealed only, no hash.
ALTER TABLE kase
	ADD COLUMN IF NOT EXISTS id_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER applicant_name,
	ADD COLUMN IF NOT EXISTS mobile_sealed VARCHAR(128) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER id_sealed;

-- The guessing counters stored an unkeyed SHA-256 of the ID number typed
-- (and of login names and addresses), which anyone can reverse by trying
-- every ID number; they now store a keyed hash (throttle.c).  The old rows
-- are forgotten: counters start again, locks (account_lock) stay.
DELETE FROM throttle_miss;
