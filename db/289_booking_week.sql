-- 289: slot times per weekday (EXT-10; issue #11).  Real halls open
-- different hours on different days (Friday afternoon closed, Saturday
-- morning only at some windows): a plan holds each day of the week's
-- slots and places.
--
-- week: seven parts split by ';', Monday first, each "CAP HH:MM …" (how
-- many people a slot of that weekday takes, its slots' times) or ""
-- (the window takes no booking that weekday); booking.c week_parse().
-- On the intranet's booking_plan the columns times, capacity and
-- weekdays become its summary (every slot of the week, the most places,
-- the weekdays open), written by booking_plan_set(); on the extranet's
-- booking_window, which the record booking.window fills, times and
-- capacity are that summary too.  A week's slots can be up to 7 × 24,
-- hence the wider times.
ALTER TABLE booking_plan
	ADD COLUMN week VARCHAR(1200) NOT NULL DEFAULT '',
	MODIFY times VARCHAR(1200) NOT NULL;
ALTER TABLE booking_window
	ADD COLUMN week VARCHAR(1200) NOT NULL DEFAULT '',
	MODIFY times VARCHAR(1200) NOT NULL;

-- The plans made before: the same slots and places on each of their
-- open weekdays, none on the others.
UPDATE booking_plan SET week = CONCAT_WS(';',
	IF(INSTR(weekdays, '1') > 0, CONCAT(capacity, ' ', times), ''),
	IF(INSTR(weekdays, '2') > 0, CONCAT(capacity, ' ', times), ''),
	IF(INSTR(weekdays, '3') > 0, CONCAT(capacity, ' ', times), ''),
	IF(INSTR(weekdays, '4') > 0, CONCAT(capacity, ' ', times), ''),
	IF(INSTR(weekdays, '5') > 0, CONCAT(capacity, ' ', times), ''),
	IF(INSTR(weekdays, '6') > 0, CONCAT(capacity, ' ', times), ''),
	IF(INSTR(weekdays, '7') > 0, CONCAT(capacity, ' ', times), ''));
-- The extranet's copies named only the days those weekdays gave: every
-- weekday the same until the intranet sends the plan again, which the
-- next tick does (sent_days emptied: each plan's days "changed").
UPDATE booking_window SET week = CONCAT_WS(';',
	CONCAT(capacity, ' ', times), CONCAT(capacity, ' ', times),
	CONCAT(capacity, ' ', times), CONCAT(capacity, ' ', times),
	CONCAT(capacity, ' ', times), CONCAT(capacity, ' ', times),
	CONCAT(capacity, ' ', times));
UPDATE booking_plan SET sent_days = '';
