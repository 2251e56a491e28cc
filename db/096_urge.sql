-- 096: 催办 (INT-11; issue #7): a leader of a department acting on a case
-- urges whoever holds one of its waiting steps; the urge shows in their
-- worklist and on the case until the step is done.  Kept as a record of
-- who urged whom when (audited too).
CREATE TABLE case_urge (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	case_id		INT NOT NULL,
	step_key	VARCHAR(40) NOT NULL,
	staff_id	INT NOT NULL,			-- who urged
	staff_name	VARCHAR(50) NOT NULL,
	note		VARCHAR(2000) NOT NULL,
	at		DATETIME NOT NULL,		-- UTC
	KEY (case_id, step_key, id),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
