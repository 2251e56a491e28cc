-- 102: the section chief (ORG-2; issue #7).
-- Intranet-owned; the extranet runs it too.

-- 科室负责人 (role bit 128, cgi/core/request.h): the 审核 step between the
-- handler and the leader (seed 004 #3 第十六条).  A business role like
-- the others: an administrator holds none of clerk 2, handler 4,
-- chief 128, leader 8 (三员分立, 050_duties).
ALTER TABLE staff
	DROP CONSTRAINT staff_duties,
	ADD CONSTRAINT staff_duties CHECK (
		(roles & 112) IN (0, 16, 32, 64) AND
		((roles & 112) = 0 OR (roles & 142) = 0));
