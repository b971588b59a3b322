-- The skill taxonomy (owned by crates/taxonomy): the curated list shipped in
-- search-index/taxonomy/skills.csv, plus whatever a deployment imports from ESCO.
CREATE TABLE skills (
    id TEXT PRIMARY KEY,
    esco_uri TEXT UNIQUE,
    sector TEXT,
    source TEXT NOT NULL CHECK (source IN ('curated', 'esco')),
    updated_at TEXT NOT NULL
);

-- Every label of a skill, per language: the preferred one and the synonyms. `normalized` is
-- lower-cased with accents folded, so that "Infirmière" matches "infirmiere".
CREATE TABLE skill_labels (
    skill_id TEXT NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    label TEXT NOT NULL,
    normalized TEXT NOT NULL,
    preferred BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (skill_id, lang, normalized)
);
CREATE INDEX skill_labels_normalized ON skill_labels (normalized);
CREATE INDEX skill_labels_preferred ON skill_labels (lang, preferred);

-- Small facts about the installation (e.g. which version of the shipped taxonomy is loaded).
CREATE TABLE app_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
