-- Guessing (SEC-1, SEC-8; review finding F5).  On both sites.

-- Misses counted in sliding windows (cgi/domain/throttle.c): wrong
-- passwords, wrong queries, registrations.  subject is the SHA-256 (hex) of
-- the counter's name and the value counted (a login name, an ID number, an
-- application number, a client address), so no typed value is kept in
-- clear.  Rows older than two days are swept as new ones come.
CREATE TABLE throttle_miss (
	id		BIGINT AUTO_INCREMENT PRIMARY KEY,
	subject		CHAR(64) NOT NULL,
	at		DATETIME(3) NOT NULL,
	KEY (subject, at),
	KEY (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Accounts locked after too many wrong passwords (cgi/domain/account.c).
-- user_id is a staff member on the intranet, a citizen on the extranet
-- (as in session).  until NULL: locked until the security administrator
-- unlocks (staff); a time: a citizen's lock that ends by itself.  level
-- counts the lock-outs since the last good login, so the next one lasts
-- longer.  A good login or an unlock deletes the row.
CREATE TABLE account_lock (
	user_id		INT NOT NULL PRIMARY KEY,
	locked_at	DATETIME NOT NULL,
	until		DATETIME NULL,
	level		INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
