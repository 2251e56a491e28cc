-- 090: the working-day calendar (TIME-1; cgi/domain/calendar.h).  A year
-- is loaded when its schedule (the State Council's 放假调休安排) was
-- imported, by `yiwang-admin calendar-load FILE` or on the system
-- administrator's page /admin/calendar; its days off (休) and make-up
-- working days (班) are the rows of calendar_day.  Other days of a loaded
-- year are working days from Monday to Friday; a year not loaded counts
-- weekends only, and the pages say so.  The intranet computes every
-- deadline; the extranet keeps the tables empty.
CREATE TABLE calendar_year (
	year		SMALLINT NOT NULL PRIMARY KEY,
	loaded_at	DATETIME NOT NULL,		-- UTC
	loaded_by	VARCHAR(80) NOT NULL,		-- login, or cli:<user>
	source		VARCHAR(200) NOT NULL		-- file name, or the page
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE calendar_day (
	day		DATE NOT NULL PRIMARY KEY,	-- Beijing date
	year		SMALLINT NOT NULL,
	kind		ENUM('off', 'work') NOT NULL,	-- 休, 班 (调休)
	name		VARCHAR(20) NOT NULL,		-- 国庆节, may be ''
	KEY (year),
	FOREIGN KEY (year) REFERENCES calendar_year(year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
