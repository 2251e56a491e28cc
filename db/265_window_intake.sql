-- 265: window intake of walk-in applications (窗口收件, INT-1; issue #11).
-- Both sites run every migration; these columns are the extranet's.
--
-- A case registered at the intranet's window crosses as record
-- case.window: the extranet keeps it as an application of source
-- 'window' that no account made (citizen_id NULL), found by /query with
-- its number and the ID number's keyed hash (id_hash), and in 我的办件 of
-- whoever registered with that ID number.  The intranet's kase.source
-- already says 'window' for it (001).
ALTER TABLE application
	MODIFY citizen_id INT NULL,
	ADD COLUMN IF NOT EXISTS source VARCHAR(10) NOT NULL DEFAULT 'online';
