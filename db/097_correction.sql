-- 097: one-time correction (补正, EXT-4, 行政许可法 Art. 32; issue #7).
-- The clerk at intake names every material that is missing or defective,
-- with the reason, in one 补正材料通知书; the applicant uploads only those,
-- once; the intake clock (and the case's) restarts on the corrected
-- submission.  A corrected material is a new attachment row of round 1:
-- what was first submitted stays, as received.
ALTER TABLE attachment
	ADD COLUMN round TINYINT NOT NULL DEFAULT 0 AFTER material_seq,
	DROP KEY app_no,
	ADD UNIQUE KEY app_material (app_no, material_seq, round);

-- Intranet: asked when (UTC), corrected when (the extranet's submission
-- time, UTC); the clocks count from corrected_at once it is set.
ALTER TABLE kase
	ADD COLUMN correct_asked_at DATETIME NULL AFTER extended_at,
	ADD COLUMN corrected_at DATETIME NULL AFTER correct_asked_at;
CREATE TABLE case_correction (
	case_id		INT NOT NULL,
	material_seq	INT NOT NULL,
	material_name	VARCHAR(200) NOT NULL,
	reason		VARCHAR(1000) NOT NULL,
	PRIMARY KEY (case_id, material_seq),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Extranet: the list that came back with the notice, and when the
-- applicant sent the corrected materials (once).
ALTER TABLE application
	ADD COLUMN corrected_at DATETIME NULL AFTER withdraw_reason;
CREATE TABLE app_correction (
	app_no		VARCHAR(20) NOT NULL,
	material_seq	INT NOT NULL,
	material_name	VARCHAR(200) NOT NULL,
	reason		VARCHAR(1000) NOT NULL,
	PRIMARY KEY (app_no, material_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
