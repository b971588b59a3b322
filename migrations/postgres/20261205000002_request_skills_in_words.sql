-- A request may ask for a skill the taxonomy does not know: kept in the words the request used
-- (`label`, with no `skill_id`), matched against what experts wrote. Rows are identified by
-- their rank in the request. The label of earlier rows is their skill's English label.
ALTER TABLE request_skills DROP CONSTRAINT request_skills_pkey;
ALTER TABLE request_skills ALTER COLUMN skill_id DROP NOT NULL;
ALTER TABLE request_skills ADD COLUMN label TEXT NOT NULL DEFAULT '';
UPDATE request_skills r SET label = coalesce(
    (SELECT l.label FROM skill_labels l WHERE l.skill_id = r.skill_id AND l.lang = 'en' AND l.preferred = 1),
    r.skill_id);
ALTER TABLE request_skills ADD PRIMARY KEY (request_id, rank);
