-- 266: the window intake form's one-time key (INT-1; issue #11).  Both
-- sites run every migration; the column is the intranet's.
--
-- The same form posted twice (Back and submit again, a retry after a 502)
-- registers one case: the second finds the first by the key its form
-- carried (F13, as the online form's app_form_key does), NULL for cases
-- not registered at the window.
ALTER TABLE kase
	ADD COLUMN IF NOT EXISTS intake_key CHAR(64) NULL,
	ADD UNIQUE KEY IF NOT EXISTS intake_key (intake_key);
