-- 165: poison records never block the gap (GAP-5; issue #9).  Both sites.
--
-- A record of a verified bundle that its apply function refuses (the
-- domain says no: a correction for a case that waits for none, a
-- publication already here) is rolled back to its savepoint and kept
-- here, with its reason; the rest of the bundle is applied and the queue
-- moves on.  `yiwang-gap retry ID` applies it again later, `yiwang-gap
-- discard ID --why TEXT` gives it up; both audited.  Rows are never
-- deleted and only their state moves, once, away from 'aside'.
-- record: the line as received; an application's or a complaint's
-- (personal data) sealed as the outbox seals them (sealed.h).
CREATE TABLE gap_aside (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	dir		VARCHAR(8) NOT NULL,	-- of the bundle it came in
	epoch		INT NOT NULL,
	seq		BIGINT NOT NULL,
	recno		INT NOT NULL,		-- its line in the bundle, from 1
	kind		VARCHAR(40) NOT NULL,	-- the record's type
	record		MEDIUMTEXT NOT NULL,
	reason		VARCHAR(600) NOT NULL,	-- Chinese, from the apply function
	set_at		DATETIME NOT NULL,	-- UTC
	state		VARCHAR(12) NOT NULL DEFAULT 'aside',
	done_at		DATETIME NULL,
	done_by		VARCHAR(100) NULL,	-- the operator (config_operator())
	why		VARCHAR(600) NULL,	-- discard: the operator's reason
	UNIQUE KEY rec (dir, epoch, seq, recno),
	KEY (state, id),
	CHECK (state IN ('aside', 'retried_ok', 'discarded'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The files a set-aside record names: they stay in the store (files-sweep
-- and a refused import leave them) while the record is aside, and after a
-- retry the applied rows name them; a discard lets them go.
CREATE TABLE gap_aside_file (
	aside_id	BIGINT NOT NULL,
	sha256		CHAR(64) NOT NULL,
	PRIMARY KEY (aside_id, sha256),
	KEY (sha256),
	FOREIGN KEY (aside_id) REFERENCES gap_aside (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: the files of set-aside records (GAP-5)';

CREATE TRIGGER gap_aside_no_delete BEFORE DELETE ON gap_aside
	FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'set-aside records cannot be deleted';
CREATE TRIGGER gap_aside_once BEFORE UPDATE ON gap_aside FOR EACH ROW
BEGIN
	IF OLD.state <> 'aside' OR NEW.state = 'aside' OR
	    NOT (NEW.dir <=> OLD.dir AND NEW.epoch <=> OLD.epoch AND
	    NEW.seq <=> OLD.seq AND NEW.recno <=> OLD.recno AND
	    NEW.kind <=> OLD.kind AND NEW.record <=> OLD.record AND
	    NEW.reason <=> OLD.reason AND NEW.set_at <=> OLD.set_at) THEN
		SIGNAL SQLSTATE '45000'
		SET MESSAGE_TEXT = 'a set-aside record only leaves aside, once';
	END IF;
END;

-- What the other site set aside of this site's records, as its gap.aside
-- records told (one row per record, its latest state): so the sending
-- site knows which of its records was not applied and why.
CREATE TABLE gap_aside_peer (
	dir		VARCHAR(8) NOT NULL,	-- of the bundle this site sent
	epoch		INT NOT NULL,
	seq		BIGINT NOT NULL,
	recno		INT NOT NULL,
	kind		VARCHAR(40) NOT NULL,
	state		VARCHAR(12) NOT NULL,
	reason		VARCHAR(600) NOT NULL,
	at		DATETIME NOT NULL,	-- UTC, at the other site
	received_at	DATETIME NOT NULL,
	PRIMARY KEY (dir, epoch, seq, recno),
	CHECK (state IN ('aside', 'retried_ok', 'discarded'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
