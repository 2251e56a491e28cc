-- 210: proxy agents (代办员, AGT-1; issue #10).  Both sites.
--
-- Intranet: an agent is made by the system administrator (/admin/agents),
-- bound to a service area: a township (苏木/镇, region level 3), or a set
-- of villages (嘎查/村, level 4) of one township.  agent.region_code
-- (db/130) is the township either way; agent_area lists the villages
-- when the area is a set of them, and nothing when it is the township.
-- The agent's ID number and mobile are sealed like a citizen's (SEC-5).
-- The first password is never made here: the intranet prints a one-time
-- activation code, and only the code's scrypt hash crosses the gap
-- (record agent.account), with the ID number the agent types beside it.
ALTER TABLE agent
	ADD COLUMN id_hash CHAR(64) NULL,
	ADD COLUMN id_sealed VARCHAR(200) NULL,
	ADD COLUMN mobile_sealed VARCHAR(200) NULL,
	ADD COLUMN area_name VARCHAR(300) NOT NULL DEFAULT '',
	ADD COLUMN created_by VARCHAR(40) NOT NULL DEFAULT '',
	ADD COLUMN created_at DATETIME NULL,
	ADD COLUMN updated_at DATETIME NULL,
	ADD UNIQUE KEY agent_id_hash (id_hash);
CREATE TABLE agent_area (
	agent_id	INT NOT NULL,
	region_code	VARCHAR(12) NOT NULL,
	PRIMARY KEY (agent_id, region_code),
	FOREIGN KEY (agent_id) REFERENCES agent(id),
	FOREIGN KEY (region_code) REFERENCES region(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Intranet: the consent a case made by an agent came with: a scanned
-- consent form signed by the resident (consent_kind 'form', its file an
-- attachment of material_seq 0), or the resident's SMS confirmation
-- ('sms', whose state the SMS part fills: pending, confirmed, refused).
ALTER TABLE kase
	ADD COLUMN consent_kind VARCHAR(10) NULL,
	ADD COLUMN consent_state VARCHAR(10) NULL,
	ADD CONSTRAINT kase_consent CHECK (consent_kind IS NULL OR
		consent_kind IN ('form', 'sms')),
	ADD CONSTRAINT kase_consent_state CHECK (consent_state IS NULL OR
		consent_state IN ('given', 'pending', 'confirmed', 'refused'));

-- Extranet: the agents as the intranet sent them (agent.account).  id is
-- the intranet's agent id.  citizen_id: the agent's login principal, a
-- row of citizen (sessions, form keys and quotas name citizen rows) whose
-- id_hash is no ID number's, so that /login never finds it; the agent
-- logs in at /agent/login with the ID number and the password set at
-- activation.  code_hash: the activation code's scrypt hash until it is
-- used (then NULL); pw_hash: "!" until activation.
CREATE TABLE agent_account (
	id		INT NOT NULL PRIMARY KEY,
	citizen_id	INT NOT NULL UNIQUE,
	name		VARCHAR(50) NOT NULL,
	id_hash		CHAR(64) NOT NULL UNIQUE,
	id_sealed	VARCHAR(200) NOT NULL,
	mobile_sealed	VARCHAR(200) NOT NULL,
	county_code	CHAR(6) NOT NULL,	-- the area's first six digits
	area_name	VARCHAR(300) NOT NULL,
	code_hash	VARCHAR(200) NULL,
	pw_hash		VARCHAR(200) NOT NULL DEFAULT '!',
	active		TINYINT NOT NULL,
	activated_at	DATETIME NULL,
	updated_at	DATETIME NOT NULL,
	FOREIGN KEY (citizen_id) REFERENCES citizen(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- The regions of an agent's area a resident may live in (the township and
-- its villages, or the villages), for the form and its check.
CREATE TABLE agent_account_area (
	agent_id	INT NOT NULL,
	region_code	VARCHAR(12) NOT NULL,
	name		VARCHAR(100) NOT NULL,
	PRIMARY KEY (agent_id, region_code),
	FOREIGN KEY (agent_id) REFERENCES agent_account(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Both sites: what an application made by an agent carries: the agent,
-- their area, where the resident lives, and the consent.  On the
-- extranet citizen_id is the agent's principal; the resident, if they
-- have an account, finds it by the ID number's keyed hash (id_hash).
ALTER TABLE application
	ADD COLUMN agent_id INT NULL,
	ADD COLUMN agent_name VARCHAR(50) NULL,
	ADD COLUMN agent_area VARCHAR(300) NULL,
	ADD COLUMN resident_region VARCHAR(100) NULL,
	ADD COLUMN consent_kind VARCHAR(10) NULL,
	ADD COLUMN consent_state VARCHAR(10) NULL,
	ADD KEY agent_cases (agent_id, id),
	ADD KEY resident (id_hash, agent_id);
ALTER TABLE kase
	ADD COLUMN resident_region VARCHAR(100) NULL;
