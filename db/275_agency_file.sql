-- 275: 全程代理, the centre files the project's cases and keeps the
-- project up to date (INT-14; issue #11, docs/agency.md).

-- The coordinator who filed the item's case as the investor's agent
-- under the 委托代理协议 (POST /agency/file, through window intake's
-- intake_register()); NULL when the investor applied and the case was
-- linked by its number.
ALTER TABLE agency_item
	ADD COLUMN filed_by INT NULL AFTER linked_at,
	ADD CONSTRAINT agency_item_filer FOREIGN KEY (filed_by)
	    REFERENCES staff(id);

-- A project is closed once: every case decided, or ended with a reason
-- (项目终止).  A closed project reads only.
ALTER TABLE agency_project
	ADD COLUMN closed_at DATETIME NULL AFTER created_at,
	ADD COLUMN closed_by INT NULL AFTER closed_at,
	ADD COLUMN close_reason VARCHAR(200) NULL AFTER closed_by,
	ADD CONSTRAINT agency_project_closer FOREIGN KEY (closed_by)
	    REFERENCES staff(id);

ALTER TABLE agency_event
	MODIFY action ENUM('register', 'link', 'urge', 'file', 'edit',
	    'close') NOT NULL;

-- Each agreement scan a project had before the one it has now (replaced
-- at /agency/edit): kept in the file store by its digest, which the
-- files sweep keeps (agency_file_named).  Insert-only.
CREATE TABLE agency_agreement (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	project_id	INT NOT NULL,
	agreement_sha	CHAR(64) CHARACTER SET ascii NOT NULL,
	agreement_name	VARCHAR(200) NOT NULL,
	replaced_at	DATETIME NOT NULL,	-- UTC, from the clock
	replaced_by	INT NOT NULL,
	KEY project (project_id, id),
	KEY sha (agreement_sha),
	FOREIGN KEY (project_id) REFERENCES agency_project(id),
	FOREIGN KEY (replaced_by) REFERENCES staff(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
COMMENT 'insert-only: the agreement scans a 全程代理 project replaced';

-- Extranet: the project closed, as the last agency.progress said.
ALTER TABLE agency_progress
	ADD COLUMN closed_at DATETIME NULL AFTER as_of,	-- Beijing time
	ADD COLUMN close_reason VARCHAR(200) NULL AFTER closed_at;
