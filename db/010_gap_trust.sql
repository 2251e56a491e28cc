-- 010_gap_trust: what the receiving side of the gap keeps to hold its trust
-- boundary (GAP-3, GAP-4, SEC-4; review F1, F12).  Both sites.

-- Security alerts: a forged or refused bundle, an unconfirmed epoch.
-- Written in a transaction of their own, so they stay when the import that
-- raised them is rolled back.
CREATE TABLE security_alert (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	at		DATETIME NOT NULL,
	kind		VARCHAR(40) NOT NULL,	-- gap.record, gap.file, gap.epoch, gap.chain
	object		VARCHAR(100) NOT NULL,	-- e.g. ext2int/1/7 (direction/epoch/seq)
	message		TEXT NOT NULL,		-- Chinese, for the security administrator
	resolved_at	DATETIME NULL,
	resolved_by	VARCHAR(100) NULL,
	KEY (resolved_at, id),
	KEY (kind, object)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The epochs of the other site's bundles this site accepts, per direction.
-- Bundles of the newest one import; an older one is refused, and a newer
-- one only after an operator confirms it (yiwang-gap epoch-accept).  The
-- first bundle a site ever imports in a direction pins epoch 1.
CREATE TABLE gap_epoch (
	dir		VARCHAR(8) NOT NULL,
	epoch		INT NOT NULL,
	accepted_at	DATETIME NOT NULL,
	accepted_by	VARCHAR(100) NOT NULL,
	PRIMARY KEY (dir, epoch)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A site already in use keeps importing the epoch it has been importing.
INSERT INTO gap_epoch (dir, epoch, accepted_at, accepted_by)
	SELECT dir, MAX(epoch), UTC_TIMESTAMP(), 'migration 010'
	FROM gap_in GROUP BY dir;
