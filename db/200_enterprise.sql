-- 200_enterprise: legal entities (法人) on the extranet, the persons who
-- act for them, and applications made in an entity's name (ACC-1, ACC-3;
-- issue #10).  Both sites run every migration; the enterprise tables are
-- the extranet's, the kase columns the intranet's.

-- An enterprise registered by its legal representative, a logged-in
-- person (citizen), under its unified social credit code (GB 32100,
-- ids.h credit_code_check).  One code, one enterprise: a second
-- registration changes nothing (enterprise.c).  The code is public data
-- (it is printed on the licence), so it is kept in clear.
CREATE TABLE enterprise (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	credit_code	CHAR(18) CHARACTER SET ascii COLLATE ascii_bin
			    NOT NULL UNIQUE,
	name		VARCHAR(100) NOT NULL,
	address		VARCHAR(200) NOT NULL,
	legal_rep_id	INT NOT NULL,
	created_at	DATETIME NOT NULL,
	KEY (legal_rep_id),
	FOREIGN KEY (legal_rep_id) REFERENCES citizen(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who else acts for an enterprise, with which rights (enterprise.h
-- ENT_APPLY, ENT_VIEW, ENT_STAFF), granted by the legal representative or
-- a holder of ENT_STAFF; revoking deletes the row (the audit trail keeps
-- both acts).
CREATE TABLE enterprise_staff (
	enterprise_id	INT NOT NULL,
	citizen_id	INT NOT NULL,
	rights		INT UNSIGNED NOT NULL,
	granted_by	INT NOT NULL,
	granted_at	DATETIME NOT NULL,
	PRIMARY KEY (enterprise_id, citizen_id),
	KEY (citizen_id),
	FOREIGN KEY (enterprise_id) REFERENCES enterprise(id),
	FOREIGN KEY (citizen_id) REFERENCES citizen(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An application made in an enterprise's name: citizen_id stays the
-- person who made it (经办人), enterprise_id the applicant, with its name
-- and code as they were when it applied (they cross the gap so).
ALTER TABLE application
	ADD COLUMN IF NOT EXISTS enterprise_id INT NULL AFTER citizen_id,
	ADD COLUMN IF NOT EXISTS entity_name VARCHAR(100) NULL
	    AFTER applicant_name,
	ADD COLUMN IF NOT EXISTS credit_code CHAR(18) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER entity_name,
	ADD KEY IF NOT EXISTS app_enterprise (enterprise_id, id);

-- The intranet's case of such an application: the entity as carried by
-- the application record (records.c), the person in applicant_name.
ALTER TABLE kase
	ADD COLUMN IF NOT EXISTS entity_name VARCHAR(100) NULL
	    AFTER applicant_name,
	ADD COLUMN IF NOT EXISTS credit_code CHAR(18) CHARACTER SET ascii
	    COLLATE ascii_bin NULL AFTER entity_name;
