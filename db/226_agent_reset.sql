-- 226: an agent's forgotten password, reset by an SMS code to the mobile
-- the intranet recorded for them (AGT-1; issue #10).  Extranet.  The
-- codes are sms_code's, under a purpose of their own: a citizen's reset
-- page never takes an agent's ticket, nor the other way.
ALTER TABLE sms_code MODIFY purpose
	ENUM('register', 'reset', 'login', 'agent-reset') NOT NULL;
