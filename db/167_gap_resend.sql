-- 167: re-send without a back channel (GAP-5, GAP-6; issue #9).  Both sites.
--
-- Every bundle's manifest carries, in "acks", what its site has received
-- of the other direction (docs/gap.md): the epoch, the highest sequence
-- imported with none missing before it ("upto"), and the sequences it
-- knows exist but does not hold ("missing": a later one came, or was
-- announced).  The sender keeps each bundle it wrote until such an ack
-- covers it, then lets it go after gap_keep_days or when the kept
-- bundles pass gap_keep_bytes; a missing one is written again, byte for
-- byte, by the next `yiwang-gap export`.

-- This site's bundles: how big, when the other site said it had them,
-- when the file was let go, and how often it went out again.
ALTER TABLE gap_out
	ADD COLUMN size BIGINT NULL,		-- bytes of the file, once written
	ADD COLUMN acked_at DATETIME NULL,	-- UTC: an ack covered it
	ADD COLUMN pruned_at DATETIME NULL,	-- UTC: its file was removed
	ADD COLUMN resent INT NOT NULL DEFAULT 0,	-- times sent again
	ADD COLUMN resent_at DATETIME NULL,	-- UTC, the last time
	ADD COLUMN resent_for BIGINT NULL,	-- the gap_ack.id that asked
	ADD KEY acked (acked_at, epoch, seq);

-- Bundles of the other site that came before the one they follow: verified
-- in full, copied to bundle_dir/held, and imported in order as soon as the
-- missing one comes (each in a transaction of its own).  A row leaves when
-- its bundle is imported.
CREATE TABLE gap_held (
	dir		VARCHAR(8) NOT NULL,
	epoch		INT NOT NULL,
	seq		BIGINT NOT NULL,
	hash		CHAR(64) NOT NULL,
	path		VARCHAR(300) NOT NULL,	-- the copy in bundle_dir/held
	size		BIGINT NOT NULL,
	held_at		DATETIME NOT NULL,	-- UTC
	PRIMARY KEY (dir, epoch, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the other site said it had of this site's bundles, one row per
-- bundle of its that carried an ack: the newest row is what it knows.
CREATE TABLE gap_ack (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	dir		VARCHAR(8) NOT NULL,	-- this site's direction, acked
	epoch		INT NOT NULL,
	upto		BIGINT NOT NULL,
	missing		TEXT NOT NULL,		-- JSON array of sequences
	from_epoch	INT NOT NULL,		-- the bundle that carried it
	from_seq	BIGINT NOT NULL,
	at		DATETIME NOT NULL,	-- UTC, when imported here
	KEY (dir, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: acknowledgements from the other site (GAP-5)';

-- The carry log (GAP-6): every export, re-send and import, by whom, to or
-- from which disc, and what came of it.
CREATE TABLE gap_carry (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,	-- UTC
	operator	VARCHAR(100) NOT NULL,	-- config_operator()
	action		VARCHAR(12) NOT NULL,	-- export, resend, heartbeat,
						-- import, held, refused
	dir		VARCHAR(8) NOT NULL,
	epoch		INT NOT NULL,
	seq		BIGINT NOT NULL,
	disc		VARCHAR(200) NOT NULL,	-- the folder carried to or from
	outcome		VARCHAR(600) NOT NULL,	-- Chinese, as the tool said it
	KEY (at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='insert-only: the carry log of the gap (GAP-6)';
