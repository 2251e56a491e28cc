-- 278: EXT-10 (issue #11).  A window's plan names the days of the week
-- it takes bookings and the days it is closed, set on the intranet's
-- page /admin/booking-plan or by `yiwang-admin booking-plan` (one
-- function, booking_plan_set()).  The extranet's booking_window keeps
-- only the days that result (its `days`), so it needs no column more.
--
-- weekdays: the days of the week open, '1' Monday … '7' Sunday, as
-- "12345"; every working day the calendar names on them is offered (a
-- 调休 Saturday only when '6' is among them).  The default is every day
-- of the week: the plans made before this migration offer what they did.
-- closed: days the window is closed although the calendar works,
-- "YYYY-MM-DD …", ascending (at most BOOK_CLOSED_MAX).
ALTER TABLE booking_plan
	ADD COLUMN weekdays VARCHAR(7) NOT NULL DEFAULT '1234567',
	ADD COLUMN closed VARCHAR(400) NOT NULL DEFAULT '';

-- The draft of an application form keeps the choice of delivery made on
-- the form (/apply, EXT-10): "window" or "post", the recipient, and
-- their mobile and address sealed as everywhere (SEC-5; draft.c).  NULL:
-- not chosen on the form (a form sent before it asked).
ALTER TABLE app_draft
	ADD COLUMN delivery_method VARCHAR(6) NULL,
	ADD COLUMN delivery_recipient VARCHAR(50) NULL,
	ADD COLUMN delivery_phone_sealed VARCHAR(200) NULL,
	ADD COLUMN delivery_address_sealed VARCHAR(2000) NULL,
	ADD CONSTRAINT app_draft_delivery CHECK (delivery_method IS NULL OR
	    delivery_method IN ('window', 'post'));
