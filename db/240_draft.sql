-- 240: drafts of online applications (EXT-1; issue #11).  Extranet
-- tables; both sites run every migration.
--
-- A draft is the form of one item as the applicant left it: saved by
-- 保存草稿 and by every submission the site refused, resumed from 我的办件
-- by its form key (/apply?code=…&key=…), deleted at submission (the
-- key then names the application in app_form_key) or by the applicant,
-- and purged after 30 days without a change (the tick, and lazily when
-- the applicant lists their drafts).  credit_code: the enterprise the
-- form applies for (ACC-1), checked again when the draft is resumed.
-- An agent's draft keeps the resident it applies for (AGT-1): the ID
-- number and mobile sealed as everywhere (SEC-5).  At most 10 drafts an
-- account (draft.c).
CREATE TABLE app_draft (
	id		INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
	citizen_id	INT NOT NULL,
	form_key	CHAR(64) NOT NULL,
	item_code	VARCHAR(40) NOT NULL,
	item_name	VARCHAR(200) NOT NULL,
	credit_code	VARCHAR(18) NULL,
	remark		TEXT NOT NULL,
	resident_name	VARCHAR(50) NULL,
	resident_id_sealed VARCHAR(200) NULL,
	resident_mobile_sealed VARCHAR(200) NULL,
	resident_region	VARCHAR(12) NULL,
	created_at	DATETIME NOT NULL,
	updated_at	DATETIME NOT NULL,
	UNIQUE KEY draft_key (citizen_id, form_key),
	KEY draft_updated (updated_at),
	FOREIGN KEY (citizen_id) REFERENCES citizen(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The good files a draft holds, one per material slot (material_seq 0:
-- an agent's consent form), in the store like every upload: judged when
-- received, named here so the sweep keeps them while the draft lives.
CREATE TABLE app_draft_file (
	draft_id	INT NOT NULL,
	material_seq	INT NOT NULL,
	file_name	VARCHAR(200) NOT NULL,
	sha256		CHAR(64) NOT NULL,
	size		BIGINT NOT NULL,
	mime		VARCHAR(100) NOT NULL,
	PRIMARY KEY (draft_id, material_seq),
	KEY draft_file_sha (sha256),
	FOREIGN KEY (draft_id) REFERENCES app_draft(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
