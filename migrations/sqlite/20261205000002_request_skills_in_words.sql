-- A request may ask for a skill the taxonomy does not know: kept in the words the request used
-- (`label`, with no `skill_id`), matched against what experts wrote. Rows are identified by
-- their rank in the request. The label of earlier rows is their skill's English label.
CREATE TABLE request_skills_new (
    request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    skill_id TEXT REFERENCES skills (id),
    label TEXT NOT NULL DEFAULT '',
    requirement TEXT NOT NULL CHECK (requirement IN ('must_have', 'nice_to_have')),
    min_level INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 4),
    PRIMARY KEY (request_id, rank)
);
INSERT INTO request_skills_new (request_id, rank, skill_id, label, requirement, min_level)
SELECT r.request_id, r.rank, r.skill_id,
       coalesce((SELECT l.label FROM skill_labels l WHERE l.skill_id = r.skill_id AND l.lang = 'en' AND l.preferred = 1),
                r.skill_id),
       r.requirement, r.min_level
FROM request_skills r;
DROP TABLE request_skills;
ALTER TABLE request_skills_new RENAME TO request_skills;
CREATE INDEX request_skills_skill ON request_skills (skill_id);
