-- Programme operations (issue 13): requests entered on a host's behalf, a time zone per
-- account, notifications about requests and institutions, and invitations to join for experts
-- whose profile came without an account (bulk import, mapping survey).

-- A request a coordinator entered for its institution (typed from an email or a paper form).
-- `created_by` is that coordinator and `created_at` when; a member of the institution may take
-- it over, after which it is the institution's own like any other.
ALTER TABLE requests ADD COLUMN on_behalf INTEGER NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN taken_over_by TEXT REFERENCES users (id);
ALTER TABLE requests ADD COLUMN taken_over_at TEXT;

-- The IANA time zone a person chose (`Africa/Kigali`); NULL means "from my country": the
-- institution's country for a member, the residence country for an expert, else UTC.
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- Notifications may now be about a request (its review) or an institution (its verification).
-- SQLite cannot change a CHECK constraint: the table is rebuilt with the same rows.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('candidate', 'mission', 'call', 'request', 'institution')),
    subject_id TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT,
    email TEXT NOT NULL DEFAULT 'none' CHECK (email IN ('none', 'pending', 'sent'))
);
INSERT INTO notifications_new (id, user_id, kind, subject_kind, subject_id, title, detail, created_at, read_at, email)
    SELECT id, user_id, kind, subject_kind, subject_id, title, detail, created_at, read_at, email FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_email ON notifications (email, id);

-- An invitation to join sent to an expert whose profile has no account: a single-use link
-- (only its SHA-256 is kept) that attaches the new account to the profile. It waits `pending`
-- (no token yet) until the web layer writes the email in one transaction with the token, as
-- notification emails do. `reason` says what it came with: a plain invitation, an invitation
-- to a candidacy, a call for experts (`subject_id` and `title` then name it).
CREATE TABLE join_invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('invite', 'candidate', 'call')),
    subject_id TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT 'en',
    token_hash TEXT UNIQUE,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    expires_at TEXT,
    used_at TEXT,
    used_by TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX join_invitations_expert ON join_invitations (expert_id);
CREATE INDEX join_invitations_pending ON join_invitations (sent_at, id);
