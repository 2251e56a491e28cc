-- 098: special procedures (特别程序, INT-9, TIME-2, 行政许可法 Art. 45;
-- issue #7).  听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 or 现场勘查
-- suspend an accepted case's clock: the handler records the kind, the
-- reason and the working days expected, and a 特别程序告知书 tells the
-- applicant.  On resumption the working days it lasted (from the day it
-- began to the day it ended, on the calendar) are added to the case's
-- promised and statutory terms and to its waiting steps' terms, so that
-- each has exactly the time it had left, whatever holidays fell between.
CREATE TABLE case_suspension (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	case_id		INT NOT NULL,
	kind		VARCHAR(20) NOT NULL,
	reason		VARCHAR(2000) NOT NULL,
	expected_days	INT NOT NULL,
	began_on	DATE NOT NULL,			-- Beijing date
	began_by	VARCHAR(50) NOT NULL,
	ended_on	DATE NULL,
	ended_by	VARCHAR(50) NULL,
	paused_days	INT NULL,			-- working days, once ended
	KEY (case_id, id),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE kase
	ADD COLUMN paused_days INT NOT NULL DEFAULT 0 AFTER extended_at;
ALTER TABLE case_task
	ADD COLUMN paused_days INT NOT NULL DEFAULT 0;
