-- 161: the catalogue editor's "private" flag (涉及个人隐私, SUP-6) as each
-- version says it.  Marking an item private protects its applicants at
-- once, from the draft; unmarking shows its cases' lists to supervisors
-- again, so it takes effect only when a second person publishes the
-- version that says so (SEC-7), like every other change to an item.
-- NULL: the version does not say (the flag stays as item_private has it).
ALTER TABLE item ADD COLUMN private_wanted TINYINT NULL;
