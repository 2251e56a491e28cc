-- 100: case search (INT-11; issue #7): staff look cases up by application
-- number, applicant, item, state, light and day of receipt, newest received
-- first, a page at a time by key (received_at, id) rather than by offset
-- (DESIGN "Data rules"): this index gives that order and the page's start
-- without sorting the department's cases each time.
ALTER TABLE kase
	ADD KEY received (received_at, id);
