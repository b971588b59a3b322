-- Relations between skills (owned by crates/taxonomy): `skill` is a kind of `other` (broader),
-- or close to it (related, stored once, read both ways). Loaded from the shipped taxonomy.
CREATE TABLE skill_relations (
    skill_id TEXT NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    other_id TEXT NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('broader', 'related')),
    PRIMARY KEY (skill_id, other_id, kind)
);
CREATE INDEX skill_relations_other ON skill_relations (other_id);
