-- 288: 一件事一次办 for an enterprise (EXT-12; issue #11, docs/event.md).
-- A person with the enterprise's right to apply (ACC-1, ENT_APPLY) may
-- apply for a life event in its name, as on the single form: every
-- application of the bundle names the enterprise (enterprise_id,
-- entity_name, credit_code, and the record's "entity"), and so does the
-- bundle, which the enterprise's page lists as one entry for whoever may
-- see its applications (ENT_VIEW).  NULL: the person's own bundle.
ALTER TABLE app_bundle
	ADD COLUMN enterprise_id INT NULL,
	ADD COLUMN entity_name VARCHAR(100) NULL,
	ADD KEY ent_submitted (enterprise_id, submitted_at);
