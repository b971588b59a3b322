-- Documents and conversations (owned by crates/missions: documents, messages).
--
-- A file's bytes live in the file store (a directory or an S3-compatible bucket), named by the
-- SHA-256 of their content: `stored_objects` has one row per content, `documents` one row per
-- attachment (several may share a content). An object no document points at any more is
-- removed from the store by the sweep, which deletes its row under a lock.
--
-- Erasure of an expert: profile and candidacy documents, and the threads of candidacies with
-- their messages, go with the profile (CASCADE); the missions crate deletes the documents of
-- the expert's missions that are about them, and blanks the messages they wrote (kept, shown
-- as erased), in the same transaction.

CREATE TABLE stored_objects (
    hash TEXT PRIMARY KEY,
    size INTEGER NOT NULL CHECK (size >= 0),
    media_type TEXT NOT NULL,
    -- unscanned (no scanner configured when it came), pending (waits for clamd), clean, infected.
    scan TEXT NOT NULL CHECK (scan IN ('unscanned', 'pending', 'clean', 'infected')),
    scan_result TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX stored_objects_scan ON stored_objects (scan);

-- One conversation per candidacy and per mission, made when its first message is written.
CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    candidate_id TEXT UNIQUE REFERENCES candidates (id) ON DELETE CASCADE,
    mission_id TEXT UNIQUE REFERENCES missions (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    CHECK ((CASE WHEN candidate_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN mission_id IS NULL THEN 0 ELSE 1 END) = 1)
);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    -- staff, expert or host: how the author took part when they wrote.
    author_party TEXT NOT NULL CHECK (author_party IN ('staff', 'expert', 'host')),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- Set when the author's data was erased: the body is blanked, the row kept in its place.
    erased_at TEXT
);
CREATE INDEX messages_thread ON messages (thread_id, id);
CREATE INDEX messages_author ON messages (author_id);

-- The last message each person has read in a thread.
CREATE TABLE thread_reads (
    thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_read INTEGER NOT NULL,
    PRIMARY KEY (thread_id, user_id)
);

-- An attachment: to one request, mission, candidacy, profile or message.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    request_id TEXT REFERENCES requests (id) ON DELETE CASCADE,
    mission_id TEXT REFERENCES missions (id) ON DELETE CASCADE,
    candidate_id TEXT REFERENCES candidates (id) ON DELETE CASCADE,
    expert_id TEXT REFERENCES experts (id) ON DELETE CASCADE,
    message_id INTEGER REFERENCES messages (id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('terms_of_reference', 'annex', 'cv', 'diploma', 'licence', 'visa',
        'ticket', 'insurance', 'per_diem_receipt', 'report_annex', 'photo', 'attachment', 'other')),
    -- The name it was sent under: metadata only (the object is named by its content).
    name TEXT NOT NULL,
    object_hash TEXT NOT NULL REFERENCES stored_objects (hash),
    size INTEGER NOT NULL CHECK (size >= 0),
    media_type TEXT NOT NULL,
    -- Seen by coordinators only (mission documents).
    private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    -- The credential of the profile it proves (a diploma, a licence).
    credential_id TEXT,
    uploaded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at TEXT NOT NULL,
    replaced_at TEXT,
    CHECK ((CASE WHEN request_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN mission_id IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN candidate_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN expert_id IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN message_id IS NULL THEN 0 ELSE 1 END) = 1)
);
CREATE INDEX documents_request ON documents (request_id);
CREATE INDEX documents_mission ON documents (mission_id);
CREATE INDEX documents_candidate ON documents (candidate_id);
CREATE INDEX documents_expert ON documents (expert_id);
CREATE INDEX documents_message ON documents (message_id);
CREATE INDEX documents_object ON documents (object_hash);

-- The visa, ticket and insurance items of the logistics checklist point at their proof.
ALTER TABLE mission_checklist ADD COLUMN document_id TEXT REFERENCES documents (id) ON DELETE SET NULL;
