-- 070: client certificates bound to staff accounts (ACC-4, SEC-1).  Written
-- on the intranet by `yiwang-admin cert-issue` and the security
-- administrator; the extranet keeps the table empty.  An account with a row
-- here logs in, and stays logged in, only while the browser presents the
-- certificate whose SHA-256 this is (cgi/pages/sec_certs.c).
CREATE TABLE staff_cert (
	staff_id	INT NOT NULL PRIMARY KEY,
	sha256		CHAR(64) NOT NULL UNIQUE,	-- of the certificate's DER
	serial		VARCHAR(64) NOT NULL,		-- hex, as issued
	ca_sha256	CHAR(64) NOT NULL,		-- of the issuing CA's certificate
	not_after	DATETIME NOT NULL,		-- UTC
	issued_at	DATETIME NOT NULL,		-- UTC
	issued_by	VARCHAR(40) NOT NULL,		-- login, or "yiwang-admin"
	FOREIGN KEY (staff_id) REFERENCES staff(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
