-- The mission pipeline (owned by crates/missions): candidates of a request, the consent an
-- expert gives a host on accepting, missions with their logistics, phases and extensions,
-- reports and evaluations. Dates are calendar days written YYYY-MM-DD, instants RFC 3339.
--
-- Erasure of an expert: candidacies, consents and call answers go with the profile (CASCADE);
-- a mission stays in the programme's record without its expert (SET NULL), and the missions
-- crate blanks the free text of its report and evaluation in the same transaction.

-- When a request was approved and staffed, for the "time to staff" figure (the status column
-- only knows the latest change). Earlier requests learn it from the audit log.
ALTER TABLE requests ADD COLUMN approved_at TEXT;
ALTER TABLE requests ADD COLUMN staffed_at TEXT;
UPDATE requests SET approved_at = (
    SELECT min(a.at) FROM audit_log a
    WHERE a.target_kind = 'request' AND a.target_id = requests.id AND a.action = 'request.approve'
);
UPDATE requests SET staffed_at = (
    SELECT min(a.at) FROM audit_log a
    WHERE a.target_kind = 'request' AND a.target_id = requests.id AND a.action = 'request.staff'
);

CREATE TABLE candidates (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    expert_id TEXT NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('shortlisted', 'invited', 'accepted', 'declined', 'expired', 'proposed',
        'host_approved', 'host_declined', 'selected', 'withdrawn')),
    -- Where the coordinator found them: the ranked matches, the roster search, a call for experts.
    source TEXT NOT NULL DEFAULT 'match' CHECK (source IN ('match', 'search', 'call')),
    -- The coordinator who follows this candidacy (told of the answers).
    coordinator_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    -- While invited: the last day to answer.
    reply_by TEXT,
    -- The reason of the last refusal or withdrawal.
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    status_changed_at TEXT NOT NULL,
    UNIQUE (request_id, expert_id)
);
CREATE INDEX candidates_expert ON candidates (expert_id, status);
CREATE INDEX candidates_status ON candidates (status, status_changed_at);

-- On accepting an invitation the expert lets one host institution see their profile for one
-- request, until `expires_at`, or until withdrawn or the candidacy ends (`ended_at`).
CREATE TABLE candidate_consents (
    candidate_id TEXT PRIMARY KEY REFERENCES candidates (id) ON DELETE CASCADE,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    request_id TEXT NOT NULL REFERENCES requests (id),
    granted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT,
    -- 'withdrawn' (by the expert) or 'candidacy_ended'.
    ended_because TEXT
);

CREATE TABLE missions (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    candidate_id TEXT UNIQUE REFERENCES candidates (id) ON DELETE SET NULL,
    expert_id TEXT REFERENCES experts (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'approved', 'preparing', 'in_progress', 'completed', 'reported',
        'evaluated', 'closed', 'cancelled')),
    mode TEXT NOT NULL CHECK (mode IN ('on_site', 'remote', 'hybrid')),
    -- The planned days (an approved extension moves the end).
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    actual_start TEXT,
    actual_end TEXT,
    early_end_reason TEXT NOT NULL DEFAULT '',
    cancel_reason TEXT NOT NULL DEFAULT '',
    report_due TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status_changed_at TEXT NOT NULL
);
CREATE INDEX missions_expert ON missions (expert_id, status);
CREATE INDEX missions_request ON missions (request_id);
CREATE INDEX missions_status ON missions (status, starts_on);

-- The phases of a mission: on site or remote, each with its days (a hybrid mission has both).
CREATE TABLE mission_phases (
    mission_id TEXT NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('on_site', 'remote')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    PRIMARY KEY (mission_id, position)
);

-- The logistics checklist: one row per item, to do, done or not applicable, with a date and a note.
CREATE TABLE mission_checklist (
    mission_id TEXT NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
    item TEXT NOT NULL CHECK (item IN ('visa', 'travel', 'insurance', 'per_diem', 'accommodation',
        'security_briefing', 'focal_point')),
    state TEXT NOT NULL DEFAULT 'todo' CHECK (state IN ('todo', 'done', 'not_applicable')),
    on_date TEXT,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (mission_id, item)
);

CREATE TABLE mission_extensions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mission_id TEXT NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
    ends_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'refused')),
    requested_at TEXT NOT NULL,
    decided_at TEXT,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mission_extensions_mission ON mission_extensions (mission_id, status);

-- The expert's report.
CREATE TABLE mission_reports (
    mission_id TEXT PRIMARY KEY REFERENCES missions (id) ON DELETE CASCADE,
    activities TEXT NOT NULL,
    deliverables TEXT NOT NULL DEFAULT '',
    recommendations TEXT NOT NULL DEFAULT '',
    institutions_reached INTEGER NOT NULL DEFAULT 0 CHECK (institutions_reached >= 0),
    submitted_at TEXT NOT NULL
);

-- People trained (and reached through them) by role and gender.
CREATE TABLE mission_report_people (
    mission_id TEXT NOT NULL REFERENCES mission_reports (mission_id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('trainers', 'staff', 'students', 'others')),
    women INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
    men INTEGER NOT NULL DEFAULT 0 CHECK (men >= 0),
    unspecified INTEGER NOT NULL DEFAULT 0 CHECK (unspecified >= 0),
    PRIMARY KEY (mission_id, role)
);

-- The host's evaluation: 1 to 5 on set criteria, and comments.
CREATE TABLE mission_evaluations (
    mission_id TEXT PRIMARY KEY REFERENCES missions (id) ON DELETE CASCADE,
    quality INTEGER NOT NULL CHECK (quality BETWEEN 1 AND 5),
    transfer INTEGER NOT NULL CHECK (transfer BETWEEN 1 AND 5),
    communication INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
    reliability INTEGER NOT NULL CHECK (reliability BETWEEN 1 AND 5),
    relevance INTEGER NOT NULL CHECK (relevance BETWEEN 1 AND 5),
    comments TEXT NOT NULL DEFAULT '',
    submitted_at TEXT NOT NULL
);
