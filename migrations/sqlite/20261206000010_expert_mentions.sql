-- Skills an expert names in their own words (headline, summary, roles, education, credentials),
-- read when the profile is written (crates/profiles/src/mentions.rs), so that rebuilding the
-- search index does not read every text again. `taxonomy_version` and `reader` say what they
-- were read with: the index reads the texts itself when either is not its own. Erased with the
-- expert.
CREATE TABLE expert_mentions (
    expert_id TEXT PRIMARY KEY REFERENCES experts (id) ON DELETE CASCADE,
    taxonomy_version BIGINT NOT NULL,
    reader BIGINT NOT NULL,
    skills TEXT NOT NULL
);
