-- 279: who gave a rating (EXT-8; issue #11).  GB/T 39735-2020: the
-- service object (服务对象) rates.  For a case an agent made (AGT-1) that
-- is the resident: they rate it in their own account, where they read
-- it; or, at the resident's request, the agent (代办员) rates it for them,
-- and that is recorded.  Both sites: the extranet as given, the intranet
-- from the rating record; shown to the department and the supervisors.
--   applicant  the applicant (or the resident an agent applied for)
--   agent      the agent, for the resident, at their request
ALTER TABLE rating
	ADD COLUMN rater VARCHAR(10) NOT NULL DEFAULT 'applicant',
	ADD CONSTRAINT rating_rater CHECK (rater IN ('applicant', 'agent'));
