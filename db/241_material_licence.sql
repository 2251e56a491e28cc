-- 241: 免证办 (DOC-2; issue #10, docs/catalog.md "Materials a licence
-- stands in for").  A material slot of an item may name the licence this
-- county issues that satisfies it: the code of the item whose licence
-- template (licence_tpl, db/211) issues it, e.g. 食品经营许可证 for a
-- later item that asks for it.  '' for a slot only a file fills.  It is
-- part of the item version (CAT-4) and travels with it to the extranet.
ALTER TABLE item_material
	ADD COLUMN licence VARCHAR(40) NOT NULL DEFAULT '' AFTER sample_sha;
