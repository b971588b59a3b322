-- Programmes and mission requests (owned by crates/missions). Dates are calendar days written
-- YYYY-MM-DD; lists live in child tables, kept in the order they were given (`rank`).

CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    funder TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX programmes_status ON programmes (status, name);

CREATE TABLE programme_countries (
    programme_id TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    PRIMARY KEY (programme_id, country)
);

CREATE TABLE programme_sectors (
    programme_id TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    sector TEXT NOT NULL,
    PRIMARY KEY (programme_id, sector)
);

-- A mission request: the terms of reference of an institution's need. `country` is NULL for a
-- remote mission (lists then show the institution's country). For fixed dates, `starts_on` and
-- `ends_on` are the mission's days and `duration_days` their number; for a flexible window they
-- bound the window and `duration_days` is the mission's length inside it.
CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    objectives TEXT NOT NULL,
    deliverables TEXT NOT NULL,
    sector TEXT NOT NULL,
    country TEXT,
    city TEXT NOT NULL DEFAULT '',
    mode TEXT NOT NULL CHECK (mode IN ('on_site', 'remote', 'hybrid')),
    days_on_site BIGINT CHECK (days_on_site IS NULL OR days_on_site >= 1),
    timing TEXT NOT NULL CHECK (timing IN ('fixed', 'flexible')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    duration_days BIGINT NOT NULL CHECK (duration_days >= 1),
    urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent')),
    positions BIGINT NOT NULL CHECK (positions >= 1),
    host_provides TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'changes_requested', 'approved', 'staffed', 'closed', 'cancelled')),
    status_changed_at TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX requests_institution ON requests (institution_id, created_at);
CREATE INDEX requests_programme ON requests (programme_id, status);
CREATE INDEX requests_queue ON requests (status, urgency, status_changed_at);

CREATE TABLE request_skills (
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    rank BIGINT NOT NULL,
    skill_id TEXT NOT NULL REFERENCES skills (id),
    requirement TEXT NOT NULL CHECK (requirement IN ('must_have', 'nice_to_have')),
    min_level BIGINT NOT NULL CHECK (min_level BETWEEN 1 AND 4),
    PRIMARY KEY (request_id, skill_id)
);
CREATE INDEX request_skills_skill ON request_skills (skill_id);

CREATE TABLE request_languages (
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    rank BIGINT NOT NULL,
    language TEXT NOT NULL,
    min_level TEXT NOT NULL,
    PRIMARY KEY (request_id, language)
);

CREATE TABLE request_origins (
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    rank BIGINT NOT NULL,
    country TEXT NOT NULL,
    PRIMARY KEY (request_id, country)
);
