-- 099: report up (上报, INT-10, 行政许可法 Art. 35 and 43; issue #7).  An
-- item a higher authority decides is reviewed here and reported: the case
-- waits (no step acts, no deadline of this office warns) until the
-- authority's decision comes back, which the deciding step records with
-- the authority's document number and date; this office's 准予 or 不予
-- decision then cites it.  One report per case.
CREATE TABLE case_report (
	case_id		INT NOT NULL PRIMARY KEY,
	authority	VARCHAR(100) NOT NULL,
	reason		VARCHAR(2000) NOT NULL,
	reported_on	DATE NOT NULL,			-- Beijing date
	reported_by	VARCHAR(50) NOT NULL,
	decision	VARCHAR(10) NULL,		-- approve, deny
	upper_doc_no	VARCHAR(60) NULL,
	decided_on	DATE NULL,
	summary		VARCHAR(2000) NULL,
	recorded_by	VARCHAR(50) NULL,
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
