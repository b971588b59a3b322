//! What waits for a person, by role: the lists of their home page and of
//! `GET /api/v1/me/todo`. Each item is a kind of work (a stable code the pages translate), how
//! many of it wait, and the first few, oldest or most pressing first.
//!
//! - an expert: invitations to answer, calls to answer, reports due, what their profile lacks
//!   and whether it went stale;
//! - a host institution's member: requests sent back for changes, requests a coordinator
//!   entered on its behalf, candidates to approve, missions to evaluate;
//! - staff: the review queue, invitations about to expire, missions starting soon with their
//!   checklist not done, missions to close (requests without a full match need the search
//!   index: the web layer adds them from [`approved_requests`]);
//! - admins, besides: members waiting to be let into their institution, institutions to verify.

use passerelle_core::{Day, InstitutionId, Timestamp, UserId};
use passerelle_db::Db;
use serde::Serialize;
use time::{Date, Duration};

/// One piece of work waiting: its id (what a link names), what it is called, and a detail (a
/// day written `YYYY-MM-DD`, a name, a code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub detail: String,
}

/// A kind of work and what waits of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: &'static str,
    pub count: i64,
    /// The first [`SHOWN`] of them.
    pub entries: Vec<Entry>,
}

/// How many entries of each item are listed.
pub const SHOWN: usize = 5;
/// Invitations whose reply-by day is this close are about to expire.
pub const EXPIRING_DAYS: i64 = 3;
/// Missions starting this soon should have their checklist done.
pub const CHECKLIST_DAYS: i64 = 14;

pub mod kinds {
    pub const INVITATIONS_TO_ANSWER: &str = "invitations_to_answer";
    pub const CALLS_TO_ANSWER: &str = "calls_to_answer";
    pub const REPORTS_DUE: &str = "reports_due";
    pub const PROFILE_MISSING: &str = "profile_missing";
    pub const PROFILE_STALE: &str = "profile_stale";
    pub const REQUESTS_NEEDING_CHANGES: &str = "requests_needing_changes";
    pub const REQUESTS_TO_TAKE_OVER: &str = "requests_to_take_over";
    pub const CANDIDATES_TO_APPROVE: &str = "candidates_to_approve";
    pub const MISSIONS_TO_EVALUATE: &str = "missions_to_evaluate";
    pub const REVIEW_QUEUE: &str = "review_queue";
    pub const REQUESTS_WITHOUT_FULL_MATCH: &str = "requests_without_full_match";
    pub const INVITATIONS_EXPIRING: &str = "invitations_expiring";
    pub const CHECKLISTS_DUE: &str = "checklists_due";
    pub const MISSIONS_TO_CLOSE: &str = "missions_to_close";
    pub const ACCOUNTS_PENDING: &str = "accounts_pending";
    pub const INSTITUTIONS_TO_VERIFY: &str = "institutions_to_verify";
}

/// Counts and lists one kind of work: `select` names the id, title and detail columns,
/// `from` the rows (with `$1` bound to `param` when there is one).
async fn item(
    db: &Db,
    kind: &'static str,
    select: &str,
    from: &str,
    order: &str,
    param: Option<String>,
) -> Result<Item, sqlx::Error> {
    let count_sql = format!("SELECT count(*) {from}");
    let list_sql = format!("SELECT {select} {from} ORDER BY {order} LIMIT {SHOWN}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    let mut list = sqlx::query_as::<_, (String, String, String)>(&list_sql);
    if let Some(param) = &param {
        count = count.bind(param.clone());
        list = list.bind(param.clone());
    }
    let count = count.fetch_one(db.reader()).await?;
    let entries =
        list.fetch_all(db.reader()).await?.into_iter().map(|(id, title, detail)| Entry { id, title, detail }).collect();
    Ok(Item { kind, count, entries })
}

/// An expert's work: answers owed, reports due, and their profile's gaps.
pub async fn for_expert(
    db: &Db,
    user: UserId,
    now: Timestamp,
    stale_after: Duration,
) -> Result<Vec<Item>, sqlx::Error> {
    let me = Some(user.to_string());
    let mut items = vec![
        item(
            db,
            kinds::INVITATIONS_TO_ANSWER,
            "c.id, r.title, coalesce(c.reply_by, '')",
            "FROM candidates c JOIN experts e ON e.id = c.expert_id JOIN requests r ON r.id = c.request_id \
             WHERE e.user_id = $1 AND c.status = 'invited'",
            "c.reply_by, c.id",
            me.clone(),
        )
        .await?,
        item(
            db,
            kinds::CALLS_TO_ANSWER,
            "k.id, k.title, k.reply_by",
            "FROM call_recipients cr JOIN experts e ON e.id = cr.expert_id JOIN calls k ON k.id = cr.call_id \
             WHERE e.user_id = $1 AND cr.answer = 'pending' AND k.status = 'open'",
            "k.reply_by, k.id",
            me.clone(),
        )
        .await?,
        item(
            db,
            kinds::REPORTS_DUE,
            "m.id, r.title, coalesce(m.report_due, '')",
            "FROM missions m JOIN experts e ON e.id = m.expert_id JOIN requests r ON r.id = m.request_id \
             WHERE e.user_id = $1 AND m.status = 'completed'",
            "m.report_due, m.id",
            me,
        )
        .await?,
    ];
    if let Some(id) = passerelle_profiles::store::id_for_user(db, user).await?
        && let Some(profile) = passerelle_profiles::store::load(db, id).await?
    {
        let missing = passerelle_profiles::freshness::completeness(&profile).missing;
        let entries: Vec<Entry> = missing
            .iter()
            .map(|key| Entry { id: (*key).to_owned(), title: String::new(), detail: String::new() })
            .collect();
        items.push(Item { kind: kinds::PROFILE_MISSING, count: entries.len() as i64, entries });
        let stale = passerelle_profiles::freshness::is_stale(&profile, now, stale_after);
        let since = profile.confirmed_at.unwrap_or(profile.created_at).date().to_string();
        let entries =
            if stale { vec![Entry { id: id.to_string(), title: String::new(), detail: since }] } else { vec![] };
        items.push(Item { kind: kinds::PROFILE_STALE, count: entries.len() as i64, entries });
    }
    Ok(items)
}

/// A host institution's work.
pub async fn for_host(db: &Db, institution: InstitutionId) -> Result<Vec<Item>, sqlx::Error> {
    let ours = Some(institution.to_string());
    Ok(vec![
        item(
            db,
            kinds::REQUESTS_NEEDING_CHANGES,
            "r.id, r.title, r.status_changed_at",
            "FROM requests r WHERE r.institution_id = $1 AND r.status = 'changes_requested'",
            "r.status_changed_at, r.id",
            ours.clone(),
        )
        .await?,
        item(
            db,
            kinds::REQUESTS_TO_TAKE_OVER,
            "r.id, r.title, r.status",
            "FROM requests r WHERE r.institution_id = $1 AND r.on_behalf = 1 AND r.taken_over_at IS NULL \
             AND r.status NOT IN ('closed', 'cancelled')",
            "r.created_at, r.id",
            ours.clone(),
        )
        .await?,
        item(
            db,
            kinds::CANDIDATES_TO_APPROVE,
            "c.id, r.title, e.name",
            "FROM candidates c JOIN requests r ON r.id = c.request_id JOIN experts e ON e.id = c.expert_id \
             WHERE r.institution_id = $1 AND c.status = 'proposed'",
            "c.status_changed_at, c.id",
            ours.clone(),
        )
        .await?,
        item(
            db,
            kinds::MISSIONS_TO_EVALUATE,
            "m.id, r.title, m.ends_on",
            "FROM missions m JOIN requests r ON r.id = m.request_id WHERE r.institution_id = $1 AND m.status = 'reported'",
            "m.status_changed_at, m.id",
            ours,
        )
        .await?,
    ])
}

/// The programme staff's work, as of `today`.
pub async fn for_staff(db: &Db, today: Date) -> Result<Vec<Item>, sqlx::Error> {
    let soon = |days: i64| Some(Day(today + Duration::days(days)).to_string());
    Ok(vec![
        item(
            db,
            kinds::REVIEW_QUEUE,
            "r.id, r.title, r.urgency",
            "FROM requests r WHERE r.status = 'submitted'",
            "r.urgency = 'urgent' DESC, r.status_changed_at, r.id",
            None,
        )
        .await?,
        item(
            db,
            kinds::INVITATIONS_EXPIRING,
            "c.id, r.title, c.reply_by",
            "FROM candidates c JOIN requests r ON r.id = c.request_id WHERE c.status = 'invited' AND c.reply_by <= $1",
            "c.reply_by, c.id",
            soon(EXPIRING_DAYS),
        )
        .await?,
        item(
            db,
            kinds::CHECKLISTS_DUE,
            "m.id, r.title, m.starts_on",
            "FROM missions m JOIN requests r ON r.id = m.request_id \
             WHERE m.status IN ('planned', 'approved', 'preparing') AND m.starts_on <= $1 \
             AND EXISTS (SELECT 1 FROM mission_checklist k WHERE k.mission_id = m.id AND k.state = 'todo')",
            "m.starts_on, m.id",
            soon(CHECKLIST_DAYS),
        )
        .await?,
        item(
            db,
            kinds::MISSIONS_TO_CLOSE,
            "m.id, r.title, m.ends_on",
            "FROM missions m JOIN requests r ON r.id = m.request_id WHERE m.status = 'evaluated'",
            "m.status_changed_at, m.id",
            None,
        )
        .await?,
    ])
}

/// An admin's own work: people waiting to be let in, institutions to verify.
pub async fn for_admin(db: &Db) -> Result<Vec<Item>, sqlx::Error> {
    Ok(vec![
        item(
            db,
            kinds::ACCOUNTS_PENDING,
            "i.id, u.name, i.name",
            "FROM users u JOIN institutions i ON i.id = u.institution_id \
             WHERE u.membership = 'pending' AND u.disabled_at IS NULL",
            "u.created_at, u.id",
            None,
        )
        .await?,
        item(
            db,
            kinds::INSTITUTIONS_TO_VERIFY,
            "i.id, i.name, i.country",
            "FROM institutions i WHERE i.verification = 'unverified'",
            "i.created_at, i.id",
            None,
        )
        .await?,
    ])
}

/// The approved requests (open for matching), most recent first, at most `limit`: those the
/// web layer asks the matcher about for "requests without a full match".
pub async fn approved_requests(db: &Db, limit: u32) -> Result<Vec<passerelle_core::RequestId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM requests WHERE status = 'approved' ORDER BY coalesce(approved_at, '') DESC, id LIMIT $1",
    )
    .bind(i64::from(limit))
    .fetch_all(db.reader())
    .await
}
