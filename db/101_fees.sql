-- 101: fees (FEE-1, FEE-2; seed 004 #3 第十三条, 第十九条, 第二十条;
-- issue #7 "Fees").
--
-- An item that charges states its standard in a form the code can hold a
-- case to: the kind of fee (收费项目) and the lowest and highest amount,
-- in fen (分).  fee, fee_basis and fee_standard stay the text the guide
-- shows.  An empty fee_kind: the item charges nothing the system collects.
ALTER TABLE item
	ADD COLUMN fee_kind VARCHAR(40) NOT NULL DEFAULT '' AFTER fee_standard,
	ADD COLUMN fee_min INT NOT NULL DEFAULT 0 AFTER fee_kind,
	ADD COLUMN fee_max INT NOT NULL DEFAULT 0 AFTER fee_min;

-- The fee of a case (intranet), one per case: set by the handler at the
-- step that holds it, within the item's standard, with a deadline in
-- working days and its 缴费通知书; confirmed paid at the window with the
-- receipt's number; or, unpaid once the deadline has passed, lapsed by the
-- tick, which denies the case (第二十条).  While unpaid the case cannot be
-- approved.
CREATE TABLE case_fee (
	case_id		INT NOT NULL PRIMARY KEY,
	kind		VARCHAR(40) NOT NULL,
	amount		INT NOT NULL,			-- fen
	days		INT NOT NULL,			-- working days to pay
	due_date	DATE NOT NULL,			-- Beijing, the last day
	state		VARCHAR(10) NOT NULL,		-- unpaid, paid, lapsed
	doc_no		VARCHAR(60) NOT NULL,		-- the 缴费通知书
	set_by		INT NOT NULL,
	set_by_name	VARCHAR(50) NOT NULL,
	set_at		DATETIME NOT NULL,		-- UTC
	receipt_no	VARCHAR(40) NULL,
	paid_by		INT NULL,
	paid_by_name	VARCHAR(50) NULL,
	paid_at		DATETIME NULL,			-- UTC
	KEY (state, due_date),
	FOREIGN KEY (case_id) REFERENCES kase(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The extranet's copy, carried with the case.event records: what the
-- applicant is asked to pay, by when, and whether it is paid.
ALTER TABLE application
	ADD COLUMN fee_kind VARCHAR(40) NULL AFTER due_date,
	ADD COLUMN fee_amount INT NULL AFTER fee_kind,
	ADD COLUMN fee_due DATE NULL AFTER fee_amount,
	ADD COLUMN fee_state VARCHAR(10) NULL AFTER fee_due;
