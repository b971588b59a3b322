-- Host institutions (owned by crates/missions). Members are users of role `institution`.
CREATE TABLE institutions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    city TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    verification TEXT NOT NULL DEFAULT 'unverified' CHECK (verification IN ('unverified', 'verified', 'rejected')),
    verified_by TEXT,
    verified_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX institutions_country ON institutions (country);
CREATE INDEX institutions_name ON institutions (name);

CREATE TABLE institution_sectors (
    institution_id TEXT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    sector TEXT NOT NULL,
    PRIMARY KEY (institution_id, sector)
);
