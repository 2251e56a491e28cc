-- 281: the life events (271, EXT-12) shown on the home page move the
-- public pages' generation (280) as the items do, so a worker never
-- serves a kept home page after an event is published or retired.
CREATE TRIGGER life_event_gen_ins AFTER INSERT ON life_event
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER life_event_gen_upd AFTER UPDATE ON life_event
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER life_event_gen_del AFTER DELETE ON life_event
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER life_event_item_gen_ins AFTER INSERT ON life_event_item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER life_event_item_gen_upd AFTER UPDATE ON life_event_item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER life_event_item_gen_del AFTER DELETE ON life_event_item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
