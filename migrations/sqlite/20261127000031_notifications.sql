-- Notifications and reminders (owned by crates/missions).
--
-- A notification is written in the transaction of the event it tells about. When its
-- recipient wants email, it waits in state 'pending' until the web layer composes the email
-- in the recipient's language and queues it in the outbox, marking it 'sent' in the same
-- transaction: nothing lost, nothing sent twice.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('candidate', 'mission', 'call')),
    subject_id TEXT NOT NULL,
    -- What the message names (a request's title) and a detail (a date, a status code).
    title TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT,
    email TEXT NOT NULL DEFAULT 'none' CHECK (email IN ('none', 'pending', 'sent'))
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_email ON notifications (email, id);

-- Whether a person wants emails as well as the in-app inbox (no row: yes).
CREATE TABLE notification_preferences (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- Work due at a time: reminders before a reply deadline or a report's due date, and the expiry
-- of an unanswered invitation. The scheduler claims one due row at a time and marks it sent in
-- the transaction that does its work, so a restart neither loses nor repeats one.
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    due_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    cancelled_at TEXT
);
CREATE INDEX reminders_due ON reminders (sent_at, cancelled_at, due_at);
CREATE INDEX reminders_subject ON reminders (subject_id, kind);
