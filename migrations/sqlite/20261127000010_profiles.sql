-- Expert profiles (owned by crates/profiles). The lists of a profile live in child tables that
-- are replaced as a whole when the profile is saved.
CREATE TABLE experts (
    id TEXT PRIMARY KEY,
    user_id TEXT UNIQUE REFERENCES users (id),
    external_id TEXT UNIQUE,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    city TEXT NOT NULL DEFAULT '',
    residence_country TEXT,
    travel_limits TEXT NOT NULL DEFAULT '',
    headline TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    years_experience INTEGER,
    max_mission_days INTEGER,
    notice_days INTEGER,
    remote_now INTEGER NOT NULL DEFAULT 0,
    consent_version TEXT,
    consent_at TEXT,
    confirmed_at TEXT,
    reminded_at TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX experts_residence ON experts (residence_country);
CREATE INDEX experts_confirmed ON experts (confirmed_at);

CREATE TABLE expert_countries (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    relation TEXT NOT NULL CHECK (relation IN ('origin', 'nationality', 'no_travel')),
    country TEXT NOT NULL,
    PRIMARY KEY (expert_id, relation, country)
);
CREATE INDEX expert_countries_country ON expert_countries (relation, country);

CREATE TABLE expert_sectors (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    sector TEXT NOT NULL,
    PRIMARY KEY (expert_id, sector)
);
CREATE INDEX expert_sectors_sector ON expert_sectors (sector);

CREATE TABLE expert_memberships (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    organisation TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (expert_id, position)
);

CREATE TABLE expert_education (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    degree TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    institution TEXT NOT NULL DEFAULT '',
    country TEXT,
    year INTEGER,
    PRIMARY KEY (expert_id, position)
);

CREATE TABLE expert_work (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    employer TEXT NOT NULL DEFAULT '',
    country TEXT,
    start_year INTEGER,
    end_year INTEGER,
    PRIMARY KEY (expert_id, position)
);

-- A skill from the taxonomy (skill_id), or free text that matched none of its labels.
CREATE TABLE expert_skills (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    skill_id TEXT REFERENCES skills (id),
    label TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    years INTEGER,
    PRIMARY KEY (expert_id, position)
);
CREATE INDEX expert_skills_skill ON expert_skills (skill_id);

CREATE TABLE expert_languages (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    spoken TEXT NOT NULL,
    written TEXT NOT NULL,
    -- The levels' ranks (A1 = 1 … native = 7), for "at least B2" in SQL.
    spoken_rank INTEGER NOT NULL,
    written_rank INTEGER NOT NULL,
    PRIMARY KEY (expert_id, language)
);
CREATE INDEX expert_languages_language ON expert_languages (language);

CREATE TABLE expert_credentials (
    id TEXT PRIMARY KEY,
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('degree', 'licence', 'certification')),
    title TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    country TEXT,
    number TEXT NOT NULL DEFAULT '',
    valid_until TEXT,
    status TEXT NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'verified', 'rejected')),
    verified_by TEXT,
    verified_at TEXT
);
CREATE INDEX expert_credentials_expert ON expert_credentials (expert_id);

CREATE TABLE expert_availability (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('on_site', 'remote', 'either')),
    PRIMARY KEY (expert_id, position)
);

-- Versioned consent texts, and every grant and withdrawal.
CREATE TABLE consent_texts (
    version TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    text_en TEXT NOT NULL,
    text_fr TEXT NOT NULL,
    published_at TEXT NOT NULL
);

CREATE TABLE consent_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    version TEXT NOT NULL,
    granted INTEGER NOT NULL,
    at TEXT NOT NULL,
    recorded_by TEXT,
    source TEXT NOT NULL DEFAULT 'web'
);
CREATE INDEX consent_events_expert ON consent_events (expert_id);

-- What is kept of an erased profile: anonymous counts, nothing that identifies a person.
CREATE TABLE erased_profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    erased_on TEXT NOT NULL,
    residence_country TEXT,
    origin_countries TEXT NOT NULL DEFAULT '',
    sectors TEXT NOT NULL DEFAULT '',
    skills INTEGER NOT NULL DEFAULT 0,
    languages INTEGER NOT NULL DEFAULT 0
);

INSERT INTO consent_texts (version, purpose, text_en, text_fr, published_at) VALUES (
    '2026-11-01', 'matching',
    'I agree that Passerelle lists my profile and uses it to match me with mission requests of host institutions. Programme coordinators see my profile; a host institution sees my name, contact details and full profile only after I accept an invitation to its request. I can withdraw this consent at any time: my profile then leaves matching at once.',
    'J''accepte que Passerelle répertorie mon profil et l''utilise pour me proposer des demandes de mission d''institutions d''accueil. Les coordinateurs de programme voient mon profil ; une institution d''accueil ne voit mon nom, mes coordonnées et mon profil complet qu''après que j''ai accepté une invitation à sa demande. Je peux retirer ce consentement à tout moment : mon profil sort alors immédiatement de la mise en relation.',
    '2026-11-01T00:00:00.000000Z'
);
