-- Saved roster searches and calls for experts (owned by crates/missions).

-- A roster search kept under a name, to run again or to address a call to its results.
CREATE TABLE saved_searches (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    owner_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    text TEXT NOT NULL DEFAULT '',
    sector TEXT,
    origin TEXT,
    language TEXT,
    available_from TEXT,
    available_to TEXT,
    created_at TEXT NOT NULL
);

-- An urgent call sent to the experts a saved search found at the time of sending.
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    message TEXT NOT NULL,
    saved_search_id TEXT REFERENCES saved_searches (id) ON DELETE SET NULL,
    -- The request whose shortlist the answers may feed.
    request_id TEXT REFERENCES requests (id),
    reply_by TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE call_recipients (
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    answer TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'interested', 'not_available')),
    note TEXT NOT NULL DEFAULT '',
    answered_at TEXT,
    PRIMARY KEY (call_id, expert_id)
);
CREATE INDEX call_recipients_expert ON call_recipients (expert_id);
