-- 137: cases handled in departmental systems, imported in batches so that
-- none is typed twice (XCH-1; docs/exchange.md "Import", cgi/domain/xch.h).
-- One row per case imported: which system it came from and its number
-- there, so that importing the same file again changes nothing.  Written
-- by `yiwang-admin case-import` in the transaction that stores the case.
CREATE TABLE case_import (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	source_system	VARCHAR(100) NOT NULL,
	source_id	VARCHAR(60) NOT NULL,
	case_id		INT NULL,
	file		VARCHAR(200) NOT NULL,
	line		INT NOT NULL,
	imported_at	DATETIME NOT NULL,		-- UTC
	imported_by	VARCHAR(80) NOT NULL,
	UNIQUE KEY source (source_system, source_id),
	KEY (case_id),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
