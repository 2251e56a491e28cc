-- 220: paper that cannot be digitised follows the case (纸质材料随流程流转,
-- DOC-3; issue #10).  Intranet; both sites run every migration.
--
-- A clerk records each piece of paper a case came with that no scan
-- replaces (原件, 图纸, 样品…): what it is, how many copies (份) and pages
-- (页), and who holds it now: a staff account (holder_id), or the hall's
-- archive room (at_archive = 1).  Every hand-over is a row of
-- case_paper_move: who gave it, to whom, when, with a note.  A hand-over
-- to a person waits for that person to confirm receipt (签收: received_at);
-- until then the paper is in transit (case_paper.moving names the move)
-- and its holder stays the giver.  A hand-over to the archive room is
-- received when it is given (the archive keeps its own register).
-- retained: a note that the holder's department keeps the paper (留存)
-- when the case moves on to another department; cleared by a hand-over.
CREATE TABLE case_paper (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	case_id		INT NOT NULL,
	what		VARCHAR(100) NOT NULL,
	copies		INT NOT NULL,
	pages		INT NOT NULL,
	holder_id	INT NULL,
	at_archive	TINYINT NOT NULL DEFAULT 0,
	moving		INT NULL,
	retained	VARCHAR(200) NULL,
	recorded_by	INT NOT NULL,
	recorded_at	DATETIME NOT NULL,
	KEY (case_id),
	FOREIGN KEY (case_id) REFERENCES kase(id),
	FOREIGN KEY (holder_id) REFERENCES staff(id),
	FOREIGN KEY (recorded_by) REFERENCES staff(id),
	CONSTRAINT case_paper_holder CHECK ((holder_id IS NULL) <>
	    (at_archive = 0)),
	CONSTRAINT case_paper_counts CHECK (copies BETWEEN 1 AND 999 AND
	    pages BETWEEN 0 AND 99999)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE case_paper_move (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	paper_id	INT NOT NULL,
	from_id		INT NULL,		-- NULL: the archive room
	to_id		INT NULL,		-- NULL: the archive room
	by_id		INT NOT NULL,
	given_at	DATETIME NOT NULL,
	note		VARCHAR(200) NOT NULL DEFAULT '',
	received_at	DATETIME NULL,
	KEY (paper_id),
	FOREIGN KEY (paper_id) REFERENCES case_paper(id),
	FOREIGN KEY (from_id) REFERENCES staff(id),
	FOREIGN KEY (to_id) REFERENCES staff(id),
	FOREIGN KEY (by_id) REFERENCES staff(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
