-- 093: a number series per department, document kind and year (DOC-1;
-- issue #7): the series is what the printed 文号 names, the department's
-- abbreviation (锡市监), the kind's word (准字) and the year, so it is kept
-- per abbreviation: two departments that print the same abbreviation share
-- one series and can never issue the same number.  Numbers are taken in
-- the transaction that stores the document, so a rollback returns them and
-- a series has no gaps.
--
-- Until now one series per kind and year ran across all departments: each
-- abbreviation continues from where that shared series stood, so no number
-- already issued comes again.
ALTER TABLE doc_counter
	ADD COLUMN abbr VARCHAR(20) NOT NULL DEFAULT '' FIRST,
	DROP PRIMARY KEY,
	ADD PRIMARY KEY (abbr, kind, year);
INSERT INTO doc_counter (abbr, kind, year, next)
	SELECT a.abbr, c.kind, c.year, c.next FROM doc_counter c
	JOIN (SELECT DISTINCT abbr FROM department WHERE abbr <> '') a
	WHERE c.abbr = '';
DELETE FROM doc_counter WHERE abbr = '';
