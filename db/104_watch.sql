-- 104: who watches (电子监察, SUP-*): 电子监察员 (256) and 特邀监督员 (512,
-- 人大代表、政协委员, SUP-7) hold that one role and nothing else: whoever
-- supervises neither handles cases nor administers, and the database
-- refuses such a row whatever writes it (as 050 does for 三员分立;
-- account_roles_refusal() says why first).
ALTER TABLE staff
	DROP CONSTRAINT staff_duties,
	ADD CONSTRAINT staff_duties CHECK (
		(roles & 112) IN (0, 16, 32, 64) AND
		((roles & 112) = 0 OR (roles & 142) = 0) AND
		((roles & 768) = 0 OR roles IN (256, 512)));
