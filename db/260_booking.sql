-- 260: bookings of a window visit (预约服务, EXT-10; issue #11).  Both
-- sites run every migration; each table says whose it is.
--
-- The intranet's plan of each window that takes bookings: its slots of a
-- working day ("09:00 09:30 …", each `minutes` long) and how many people
-- a slot takes (capacity; 0 ends online booking at the window).  Set with
-- `yiwang-admin booking-plan`; sent to the extranet as booking.window
-- with the working days of the next BOOK_DAYS days on the intranet's
-- calendar (booking.c), again by the tick when that list of days changes
-- (sent_days, what went last).
CREATE TABLE booking_plan (
	dept_code	VARCHAR(32) NOT NULL,
	window_code	VARCHAR(32) NOT NULL,
	times		VARCHAR(400) NOT NULL,
	minutes		INT NOT NULL,
	capacity	INT NOT NULL,
	sent_days	VARCHAR(400) NOT NULL DEFAULT '',
	PRIMARY KEY (dept_code, window_code),
	FOREIGN KEY (dept_code, window_code)
	    REFERENCES service_window(dept_code, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The extranet's copy of each plan, as the last booking.window said it:
-- the days are working days the intranet's calendar named, so the
-- extranet never counts holidays itself.
CREATE TABLE booking_window (
	dept_code	VARCHAR(32) NOT NULL,
	window_code	VARCHAR(32) NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	window_name	VARCHAR(100) NOT NULL,
	place		VARCHAR(200) NOT NULL,
	times		VARCHAR(400) NOT NULL,
	minutes		INT NOT NULL,
	capacity	INT NOT NULL,
	days		VARCHAR(400) NOT NULL,
	updated_at	DATETIME NOT NULL,
	PRIMARY KEY (dept_code, window_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A booking: made and cancelled on the extranet (citizen_id), copied to
-- the intranet by booking records (citizen_id NULL there), where the
-- clerk marks it arrived or noshow; that comes back by booking.state.
-- code: the booking code shown at the hall (8 characters, no 0/O/1/I).
CREATE TABLE booking (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	code		CHAR(8) NOT NULL UNIQUE,
	citizen_id	INT NULL,
	name		VARCHAR(50) NOT NULL,
	dept_code	VARCHAR(32) NOT NULL,
	window_code	VARCHAR(32) NOT NULL,
	day		DATE NOT NULL,
	slot		CHAR(5) NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	app_no		VARCHAR(20) NULL,
	state		VARCHAR(10) NOT NULL DEFAULT 'booked',
	created_at	DATETIME NOT NULL,
	changed_at	DATETIME NOT NULL,
	marked_by	VARCHAR(50) NULL,
	KEY booking_slot (dept_code, window_code, day, slot, state),
	KEY booking_person (citizen_id, state, day),
	KEY booking_day (day, dept_code),
	CONSTRAINT booking_state CHECK (state IN ('booked', 'cancelled',
	    'arrived', 'noshow'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
