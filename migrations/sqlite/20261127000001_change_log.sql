-- The change log (outbox): every write that changes what search sees appends a row here in the
-- same transaction. The indexer reads it forward from the last sequence it applied.
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    operation TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
    recorded_at TEXT NOT NULL
);
