-- 136: what the worklists, case search and the tick need to answer from
-- indexes at a million cases (issue #8 "Scale"; bench/supervision.sh).
--
-- A person's done list (/inbox, flow.c SQL_CASE_DONE): the newest cases
-- they acted on, on their own account or as someone's deputy, read
-- backwards from these two indexes a few hundred entries deep, whatever
-- the number of cases.
ALTER TABLE case_event
	ADD KEY event_staff (staff_id, case_id),
	ADD KEY event_for_staff (for_staff_id, case_id);

-- Case search (flow.c SQL_CASE_SEARCH) reads the cases newest received
-- first and stops at a page.  Every column a search looks at is in the
-- index (the item's code and name are read from the item), so the cases
-- it passes over are never read themselves: at a million cases a search
-- by a part of a name passes over some 15,000 entries, which from the
-- rows would be as many reads of the disk.  It replaces 100's index of
-- (received_at, id).
ALTER TABLE kase
	DROP KEY IF EXISTS received,
	ADD KEY search_walk (received_at, id, item_id, state, applicant_name,
	    app_no, intake_due, promised_due);

-- The tick's pass over the open cases (deadline.c SQL_CASES_DUE): the
-- undecided ones, by id, without reading the decided million.
ALTER TABLE kase
	ADD KEY kase_open (decided_at, id);
