-- 103: delegation, 授权 / AB岗 (INT-7; issue #7).
-- Intranet-owned; the extranet runs it too and leaves the table empty.

-- 授权 / AB岗 (INT-7, seed 004 #3 第九条): before leaving, a member of
-- staff lends their business roles in their department to a deputy of
-- the same department, for whole Beijing days from_day to to_day.  In
-- force while state is 'active' and today (clock.h) lies in the period;
-- the delegator ends it early ('ended'), the tick closes it after its
-- last day ('expired').  Written by cgi/domain/delegation.c, audited.
CREATE TABLE delegation (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	staff_id	INT NOT NULL,			-- who delegates (A)
	deputy_id	INT NOT NULL,			-- who acts for them (B)
	dept_code	VARCHAR(32) NOT NULL,		-- both's department
	roles		INT UNSIGNED NOT NULL,		-- A's roles lent
	from_day	DATE NOT NULL,			-- Beijing, inclusive
	to_day		DATE NOT NULL,			-- Beijing, inclusive
	reason		VARCHAR(400) NOT NULL,
	state		VARCHAR(10) NOT NULL DEFAULT 'active',
	created_at	DATETIME NOT NULL,		-- UTC
	ended_at	DATETIME NULL,			-- UTC
	KEY (deputy_id, state, from_day),
	KEY (staff_id, state, from_day),
	KEY (state, to_day),
	FOREIGN KEY (staff_id) REFERENCES staff(id),
	FOREIGN KEY (deputy_id) REFERENCES staff(id),
	CHECK (staff_id <> deputy_id),
	CHECK (to_day >= from_day),
	CHECK (state IN ('active', 'ended', 'expired'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Whatever a deputy does is signed with both names: the deputy in
-- staff_id and staff_name as before, and whom they acted for here
-- ("王志强（受 敖其尔 委托）").  NULL: on their own account.  The opinion's
-- chain covers both (cgi/domain/chain.c).
ALTER TABLE case_event
	ADD COLUMN for_staff_id INT NULL AFTER staff_name,
	ADD COLUMN for_staff_name VARCHAR(50) NULL AFTER for_staff_id;
ALTER TABLE opinion
	ADD COLUMN for_staff_id INT NULL AFTER staff_name,
	ADD COLUMN for_staff_name VARCHAR(50) NULL AFTER for_staff_id;
