-- The hook for verifying the mobile number by SMS (ACC-1, F7; the SMS
-- itself is a later issue): a citizen registers as 'registered'; the
-- verification step will move the account to 'verified' (and may then
-- require it for applying).  Nothing reads it yet.
ALTER TABLE citizen ADD COLUMN state VARCHAR(16) NOT NULL
	DEFAULT 'registered' AFTER pw_hash;
