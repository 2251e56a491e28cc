-- 242: the licences an application offers instead of a file (免证办,
-- DOC-2; issue #10).  Both sites: the extranet writes it with the
-- application (the applicant's own licence, chosen on /apply), the
-- intranet when the application record is imported, after checking the
-- number against its licence library (valid on the day of submission,
-- of the item the slot names, held by the same enterprise or person).
-- One licence per material slot; a slot has a file or a licence.
CREATE TABLE app_licence (
	app_no		VARCHAR(20) NOT NULL,
	material_seq	INT NOT NULL,
	material_name	VARCHAR(200) NOT NULL,
	licence_no	VARCHAR(60) NOT NULL,
	PRIMARY KEY (app_no, material_seq),
	KEY app_licence_no (licence_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A draft keeps the licence chosen for a slot (EXT-1) as it keeps files.
CREATE TABLE app_draft_licence (
	draft_id	INT NOT NULL,
	material_seq	INT NOT NULL,
	licence_no	VARCHAR(60) NOT NULL,
	PRIMARY KEY (draft_id, material_seq),
	FOREIGN KEY (draft_id) REFERENCES app_draft(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
