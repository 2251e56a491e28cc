-- 156: /sup/complaints paged by key, filtered by state and by light, with
-- its counts, read from indexes rather than from every complaint in C
-- (SUP-5; issue #8).  A complaint's running deadline is its present
-- stage's (complaint.h cmp_due): acceptance while received, the reply
-- while assigned or investigating, closing once replied; none once
-- closed.  Its light is a range of that date on today's calendar
-- (deadline.h deadline_light_bounds), so "red only" is a range read of
-- cmp_due_id, and the counts per state and per light a read of the open
-- complaints' index entries only (cmp_open_due).  Both sites hold the
-- table; only the intranet's pages read these.
ALTER TABLE complaint
	ADD COLUMN cmp_open TINYINT AS (IF(state <> 'closed', 1, NULL))
	    VIRTUAL,
	ADD COLUMN cmp_due DATE AS (CASE state WHEN 'received' THEN accept_due
	    WHEN 'assigned' THEN reply_due WHEN 'investigating' THEN reply_due
	    WHEN 'replied' THEN close_due END) VIRTUAL,
	ADD KEY cmp_open_id (cmp_open, id),
	ADD KEY cmp_open_due (cmp_open, state, cmp_due),
	ADD KEY cmp_due_id (cmp_due, id);
