-- 280_page_gen.sql: the generation of the public catalogue pages (issue
-- #12).  The extranet's workers keep the pages they send a visitor without
-- a session (cgi/pages/ext_cache.c) with the generation they read before
-- making them, and serve them while it has not moved.  It moves in the
-- transaction of every write to what those pages show, whatever code path
-- writes (a catalogue import, a rating, a FAQ, a booking plan, an
-- announcement, a decided case), by the triggers below: a page is never
-- kept past a change, and no change is missed by a forgotten call.  Both
-- sites hold the table; only the extranet has its row, made by db-setup
-- and migrate (schema.c schema_site()): the intranet's triggers find no
-- row and take no lock, so its writers never wait on one another here.
CREATE TABLE page_gen (
	id		TINYINT NOT NULL PRIMARY KEY,
	gen		BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='read-only: the public pages'' generation, kept by triggers';

-- the items themselves: a catalogue import, a publication
CREATE TRIGGER item_gen_ins AFTER INSERT ON item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_gen_upd AFTER UPDATE ON item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_gen_del AFTER DELETE ON item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_material_gen_ins AFTER INSERT ON item_material
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_material_gen_upd AFTER UPDATE ON item_material
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_material_gen_del AFTER DELETE ON item_material
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_step_gen_ins AFTER INSERT ON item_step
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_step_gen_upd AFTER UPDATE ON item_step
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_step_gen_del AFTER DELETE ON item_step
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_search_gen_ins AFTER INSERT ON item_search
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_search_gen_upd AFTER UPDATE ON item_search
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_search_gen_del AFTER DELETE ON item_search
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_theme_gen_ins AFTER INSERT ON item_theme
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_theme_gen_upd AFTER UPDATE ON item_theme
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_theme_gen_del AFTER DELETE ON item_theme
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;

-- the home page's 热门事项
CREATE TRIGGER item_done_gen_ins AFTER INSERT ON item_done
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_done_gen_upd AFTER UPDATE ON item_done
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER item_done_gen_del AFTER DELETE ON item_done
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;

-- a guide's 满意度 (EXT-8)
CREATE TRIGGER rating_gen_ins AFTER INSERT ON rating
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER rating_gen_upd AFTER UPDATE ON rating
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER rating_gen_del AFTER DELETE ON rating
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;

-- whether a guide takes bookings (EXT-10)
CREATE TRIGGER booking_window_gen_ins AFTER INSERT ON booking_window
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER booking_window_gen_upd AFTER UPDATE ON booking_window
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER booking_window_gen_del AFTER DELETE ON booking_window
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;

-- the texts a guide cites (PUB-2)
CREATE TRIGGER news_public_gen_ins AFTER INSERT ON news_public
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER news_public_gen_upd AFTER UPDATE ON news_public
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER news_public_gen_del AFTER DELETE ON news_public
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER news_public_item_gen_ins AFTER INSERT ON news_public_item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER news_public_item_gen_upd AFTER UPDATE ON news_public_item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;
CREATE TRIGGER news_public_item_gen_del AFTER DELETE ON news_public_item
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1;

-- A guide's 常见问题 (EXT-7): only a question that is or was one.
CREATE TRIGGER consult_gen_ins AFTER INSERT ON consult
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1 AND NEW.faq = 1;
CREATE TRIGGER consult_gen_upd AFTER UPDATE ON consult
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1
	WHERE id = 1 AND (NEW.faq = 1 OR OLD.faq = 1);
CREATE TRIGGER consult_gen_del AFTER DELETE ON consult
    FOR EACH ROW
	UPDATE page_gen SET gen = gen + 1 WHERE id = 1 AND OLD.faq = 1;
