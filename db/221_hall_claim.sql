-- 221: the window's claim page (窗口核验, ACC-1; issue #10).  Intranet;
-- both sites run every migration.
--
-- A window clerk who has seen a person's ID card (and, for an enterprise,
-- the business licence) records here what the extranet is to do: the
-- registered ID number takes the owner's name and new mobile (kind
-- 'person'; no password: the owner sets one by an SMS code on the
-- extranet), or the registered enterprise takes the licence's name and
-- address and the registered person as legal representative (kind
-- 'enterprise').  The claim crosses as record account.claim; the
-- extranet's answer (account.claim.result) fills state, result and
-- result_at.  The ID number and the mobile are sealed (SEC-5), never in
-- clear; the credit code is public (it is printed on the licence).
CREATE TABLE hall_claim (
	id		INT AUTO_INCREMENT PRIMARY KEY,
	kind		VARCHAR(10) NOT NULL,
	id_sealed	VARCHAR(200) NOT NULL,
	mobile_sealed	VARCHAR(200) NULL,
	name		VARCHAR(50) NULL,
	credit_code	CHAR(18) NULL,
	ent_name	VARCHAR(100) NULL,
	address		VARCHAR(200) NULL,
	clerk_id	INT NOT NULL,
	created_at	DATETIME NOT NULL,
	state		VARCHAR(10) NOT NULL DEFAULT 'sent',
	result		VARCHAR(200) NULL,
	result_at	DATETIME NULL,
	KEY (clerk_id, id),
	FOREIGN KEY (clerk_id) REFERENCES staff(id),
	CONSTRAINT hall_claim_kind CHECK (kind IN ('person', 'enterprise')),
	CONSTRAINT hall_claim_state CHECK (state IN ('sent', 'applied',
	    'refused'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
