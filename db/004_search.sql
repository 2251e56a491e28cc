-- 004_search: finding items on the extranet (CAT-3): Chinese full-text
-- search over the published catalogue, and browsing by life event.
-- Written on the extranet by search_index_item() as each published version
-- arrives in a bundle; empty on the intranet.  Owned by cgi/domain/search.c.
--
-- InnoDB FULLTEXT cannot do Chinese in MariaDB: it splits words at
-- spaces and punctuation only, so 食品经营许可证核发 is one word that 许可
-- never matches, and MySQL's ngram parser does not exist here ("Function
-- 'ngram' is not defined").  So the index is Mroonga's (Groonga inside
-- MariaDB, Debian package mariadb-plugin-mroonga).  It is a plugin:
-- install it here, a no-op when it is there (10.11 has IF NOT EXISTS).
INSTALL PLUGIN IF NOT EXISTS Mroonga SONAME 'ha_mroonga';

-- One row per item code: the words of its published version.
--
-- Wrapper mode (COMMENT='engine "InnoDB"'): the rows live in InnoDB and
-- Mroonga keeps only the full-text index beside them.  So the rows commit
-- or roll back with the bundle import that writes them, are crash safe and
-- are in every backup; the Groonga index itself is neither transactional
-- nor crash safe (in either Mroonga mode), but here it can always be
-- rebuilt from the rows (search_rebuild(): DISABLE KEYS, ENABLE KEYS).
-- In storage mode the rows themselves would live in Groonga: a rolled-back
-- import would leave its rows behind, and a crash could lose them.
--
-- Keyed by code, not by the version's id, so an index that missed a
-- rollback can only make an item findable by the words of its other
-- version, never lose it; the search reads the item itself (name, status)
-- from the item table, so only published versions are ever shown.
--
-- Tokenizer: bigrams, also over letters and digits (TokenBigramSplitSymbol-
-- AlphaDigit), so every substring of two characters or more is found, in
-- Chinese as in "ICP" or "0479"; a one-character query is a prefix search
-- over the bigrams.  Normalizer: NormalizerAuto (NFKC and case folding:
-- full-width letters and digits, the ideographic space, CJK compatibility
-- ideographs all match their ordinary forms).
CREATE TABLE IF NOT EXISTS item_search (
	code		VARCHAR(40) NOT NULL PRIMARY KEY,
	item_id		INT NOT NULL,		-- the version these words are of
	name		VARCHAR(200) NOT NULL,
	dept_name	VARCHAR(100) NOT NULL,
	themes		TEXT NOT NULL,		-- life events, space separated
	body		MEDIUMTEXT NOT NULL,	-- kind, keywords, conditions,
						-- basis, materials' names
	FULLTEXT INDEX ft_name (name) COMMENT
	    'tokenizer "TokenBigramSplitSymbolAlphaDigit", normalizer "NormalizerAuto"',
	FULLTEXT INDEX ft_all (name, dept_name, themes, body) COMMENT
	    'tokenizer "TokenBigramSplitSymbolAlphaDigit", normalizer "NormalizerAuto"'
) ENGINE=Mroonga COMMENT='engine "InnoDB"'
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Life events (themes) of each version, for browsing.  Plain InnoDB:
-- transactional with the import.
CREATE TABLE IF NOT EXISTS item_theme (
	item_id		INT NOT NULL,
	theme		VARCHAR(60) NOT NULL,	-- 出生, 上学, … (docs/catalog.md)
	PRIMARY KEY (theme, item_id),
	KEY (item_id),
	FOREIGN KEY (item_id) REFERENCES item(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Browsing by department and level reads the item table.  Everything
-- here says IF NOT EXISTS: a run that stopped half way can be repeated.
CREATE INDEX IF NOT EXISTS item_status_dept ON item (status, dept_code);
CREATE INDEX IF NOT EXISTS item_status_level ON item (status, level);
