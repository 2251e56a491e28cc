-- 180: the status pages of the gap and the gap operator (GAP-6; issue #9).
-- Both sites.
--
-- 网闸摆渡员 (role bit 1024, "gapop") carries the discs and reads the
-- gap's status pages (/ops/gap).  Like who watches (db/104), the role is
-- held alone: a gap operator neither handles cases nor is one of the
-- three administrators (三员分立, SEC-7), so the person who carries data
-- across cannot also approve it, grant roles or read the audit.
ALTER TABLE staff
	DROP CONSTRAINT staff_duties,
	ADD CONSTRAINT staff_duties CHECK (
		(roles & 112) IN (0, 16, 32, 64) AND
		((roles & 112) = 0 OR (roles & 142) = 0) AND
		((roles & 768) = 0 OR roles IN (256, 512)) AND
		((roles & 1024) = 0 OR roles = 1024));

-- What the status page reads, each through an index
-- (cgi/domain/gapstatus.c): the records waiting by kind; which of this
-- site's bundles carried a re-send request (the first written after the
-- gap was seen); the carry log's rows of one bundle, to name the
-- operator beside an alert about it.
ALTER TABLE gap_outbox ADD KEY pending (bundle_seq, kind);
ALTER TABLE gap_out ADD KEY written (epoch, created_at);
ALTER TABLE gap_carry ADD KEY bundle (dir, epoch, seq, id);
