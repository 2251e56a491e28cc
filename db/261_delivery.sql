-- 261: how the applicant receives the result (证照快递 or 窗口领取,
-- EXT-10; issue #11).  Both sites hold the table.
--
-- Chosen on the extranet on the application's page before the decision
-- (method 'window' or 'post'; for post the recipient, their phone and
-- address, the phone and address sealed like every personal datum,
-- SEC-5), sent as application.delivery.  On the intranet, once decided,
-- the clerk records the handing over: 'picked' (who took it, when) or
-- 'posted' (courier and waybill number, 运单号), sent back as
-- case.delivery and shown on the applicant's page.
CREATE TABLE app_delivery (
	app_no		VARCHAR(20) NOT NULL PRIMARY KEY,
	method		VARCHAR(10) NOT NULL,
	recipient	VARCHAR(50) NULL,
	phone_sealed	VARCHAR(200) NULL,
	address_sealed	VARCHAR(2000) NULL,
	chosen_at	DATETIME NOT NULL,
	handed		VARCHAR(10) NULL,
	picked_by	VARCHAR(50) NULL,
	courier		VARCHAR(20) NULL,
	waybill		VARCHAR(30) NULL,
	handed_at	DATETIME NULL,
	clerk		VARCHAR(50) NULL,
	CONSTRAINT app_delivery_method CHECK (method IN ('window', 'post')),
	CONSTRAINT app_delivery_handed CHECK (handed IS NULL OR
	    handed IN ('picked', 'posted'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
