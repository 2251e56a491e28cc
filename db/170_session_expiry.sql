-- 170: the purge of expired sessions that every login runs (DELETE …
-- WHERE created_at < … LIMIT 100, cgi/domain/account.c) reads an index
-- instead of every session (issue #12 Scale: 85 ms a login at 200,000
-- sessions).
ALTER TABLE session ADD KEY created (created_at);
