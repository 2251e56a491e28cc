-- 166: the order of a case's exchange (SUP-3; issue #8).  /sup/case lists
-- what came in (141) beside what went out (112) in time order, but both
-- times are whole seconds: a clerk's acceptance sent in the second a
-- withdrawal came in could be listed after it.  Each record the import
-- takes about a case now keeps the newest gap_outbox id at the moment
-- before it was applied (outbox_mark): what was queued up to then went
-- out before it, what it caused comes after, whatever the clock says.
-- at: when a record retried from the set-aside list was applied, long
-- after its bundle came in (NULL: at the bundle's import, gap_in).  Rows
-- written before this migration are ordered by their bundle's time.
ALTER TABLE gap_in_case
	ADD COLUMN outbox_mark BIGINT NULL,
	ADD COLUMN at DATETIME NULL;
