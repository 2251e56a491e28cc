-- 285_audit_stripes: the audit trail without one global lock (SEC-3;
-- issue #12 "Scale").  Until now every audited write locked the one
-- chain_head row of 'audit' until its transaction ended, so every writer
-- of the site queued behind the one before it.  The trail is now eight
-- keyed chains over the one table, told apart by the row's stripe: stripe
-- 0 keeps the name 'audit' and every row written before (which verify as
-- before, against the anchors made before), stripes 1 to 7 are the chains
-- 'audit_1' … 'audit_7'.  A writer links its row to the newest row of a
-- stripe no other open transaction holds (chain.c, SKIP LOCKED), so
-- writers queue only when eight transactions write audit rows at once.
-- A row moved to another stripe fails: the chain's name is in its MAC.
ALTER TABLE audit
	ADD COLUMN stripe TINYINT UNSIGNED NOT NULL DEFAULT 0,
	ADD KEY stripe_id (stripe, id);

INSERT INTO chain_head (chain, legacy_until) VALUES
	('audit_1', 0), ('audit_2', 0), ('audit_3', 0), ('audit_4', 0),
	('audit_5', 0), ('audit_6', 0), ('audit_7', 0);
