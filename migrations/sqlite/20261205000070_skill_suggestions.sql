-- Skills the platform read in an expert's own words (headline, summary, work history) and
-- suggested for their skills list, which the expert (or a coordinator for them) said were not
-- theirs: never suggested again. Erased with the expert.
CREATE TABLE skill_suggestion_dismissals (
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    skill_id TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (expert_id, skill_id)
);
