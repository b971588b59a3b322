//! Changing requests. Every change (creation, edit, step of the workflow) is written with its
//! audit entry in one transaction: both or neither. The functions that change a request take
//! the actor and apply the policy and the workflow themselves, so that no caller can skip them.

use super::model::*;
use super::policy::{self, RequestAction};
use super::read::{bad, load};
use super::validate::RequestInput;
use super::workflow::{self, Context, Party, Refusal, Status, Transition};
use crate::programmes::{self, ProgrammeStatus};
use passerelle_accounts::Actor;
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{FieldError, InstitutionId, ProgrammeId, RequestId, Sector, Timestamp};
use passerelle_db::Conn;
use passerelle_db::{Db, Tx};
use passerelle_taxonomy::{SkillId, Taxonomy};

/// Who changes a request: a person, or the platform itself (with a label for the audit log).
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    Person(&'a Actor),
    System(&'a str),
}

/// Why a change was not made.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// No such request, or none the actor may see.
    #[error("no such request")]
    NotFound,
    /// The actor may see requests but not do this (e.g. staff writing a new request).
    #[error("not allowed")]
    Forbidden,
    #[error("{0}")]
    Refused(Refusal),
    #[error("a request that is {status} cannot be edited by {party}")]
    NotEditable { status: Status, party: Party },
    /// Only a request entered on the institution's behalf, not yet taken over, can be taken
    /// over.
    #[error("the request is not held for the institution: there is nothing to take over")]
    NotHeld,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Validates terms of reference against the taxonomy and the programmes: the skills must exist,
/// the programme must exist and be active (or be `current`, the one the request already has).
pub async fn check(
    db: &Db,
    taxonomy: &Taxonomy,
    input: &RequestInput,
    current: Option<ProgrammeId>,
) -> Result<Result<RequestFields, Vec<FieldError>>, sqlx::Error> {
    let sector = Sector::parse(input.sector.trim()).ok();
    let result = input.validate(|typed| link(taxonomy, typed, sector));
    let programme_problem = match ProgrammeId::parse(&input.programme_id) {
        Ok(id) => match programmes::get(db, id).await? {
            None => {
                Some(FieldError::new("programme_id", "request.programme_unknown", "choose a programme from the list"))
            }
            Some(p) if p.status == ProgrammeStatus::Closed && Some(id) != current => Some(FieldError::new(
                "programme_id",
                "request.programme_closed",
                "this programme is closed to new requests",
            )),
            Some(_) => None,
        },
        // Reported by `validate`.
        Err(_) => None,
    };
    Ok(match (result, programme_problem) {
        (result, None) => result,
        (Ok(_), Some(problem)) => Err(vec![problem]),
        (Err(mut errors), Some(problem)) => {
            errors.insert(0, problem);
            Err(errors)
        }
    })
}

/// The skill a request's row names: an identifier of the taxonomy, or words the linker is sure
/// of in the request's sector; with the label to keep (the skill's English label for an
/// identifier, else the words).
pub fn link(taxonomy: &Taxonomy, typed: &str, sector: Option<Sector>) -> Option<(SkillId, String)> {
    if let Ok(id) = SkillId::parse(typed)
        && let Some(skill) = taxonomy.skill(&id)
    {
        return Some((id, skill.label(passerelle_core::Locale::En).to_owned()));
    }
    taxonomy.link_in(typed, sector).map(|link| (link.skill, typed.trim().to_owned()))
}

/// Writes a new draft for the actor's institution.
/// Writes a new draft for the actor's institution (members; staff write for an institution
/// with [`create_on_behalf`]).
pub async fn create(db: &Db, actor: &Actor, fields: &RequestFields, ip: &str) -> Result<RequestId, ChangeError> {
    let Some(institution) = actor.institution.filter(|_| policy::can(actor, RequestAction::Create, None)) else {
        return Err(ChangeError::Forbidden);
    };
    let mut tx = db.begin().await?;
    let id = insert(&mut tx, actor, institution, fields, false).await?;
    let target = id.to_string();
    let event = Event::by(Some(actor), workflow::action_for(Status::Draft))
        .on("request", &target)
        .from_ip(ip)
        .detail(&fields.title);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Writes a new draft for `institution`, entered by a coordinator on its behalf (a request that
/// came by email or on paper): recorded as such, with who entered it and when, and held by
/// staff (who may submit it) until a member of the institution takes it over.
pub async fn create_on_behalf(
    db: &Db,
    actor: &Actor,
    institution: InstitutionId,
    fields: &RequestFields,
    ip: &str,
) -> Result<RequestId, ChangeError> {
    if !actor.is_staff() || !policy::can(actor, RequestAction::Create, None) {
        return Err(ChangeError::Forbidden);
    }
    let mut tx = db.begin().await?;
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM institutions WHERE id = $1 AND verification <> 'rejected'")
            .bind(institution)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(name) = name else { return Err(ChangeError::NotFound) };
    let id = insert(&mut tx, actor, institution, fields, true).await?;
    let target = id.to_string();
    let detail = format!("{name}: {}", fields.title);
    let event = Event::by(Some(actor), ON_BEHALF).on("request", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    let hosts = crate::notifications::host_members(&mut tx, institution).await?;
    let notice = crate::notifications::Notice {
        kind: crate::notifications::kinds::REQUEST_ON_BEHALF,
        subject: crate::notifications::Subject::Request(id),
        title: &fields.title,
        detail: &actor.name,
    };
    crate::notifications::notify(&mut tx, &hosts, Some(actor.user_id), &notice).await?;
    tx.commit().await?;
    Ok(id)
}

/// The audit action of a request entered on an institution's behalf.
pub const ON_BEHALF: &str = "request.create_on_behalf";
/// The audit action of a member taking such a request over.
pub const TAKE_OVER: &str = "request.take_over";

/// A member of the institution takes over a request a coordinator entered on its behalf: from
/// then on it is the institution's own (staff no longer submit it for them).
pub async fn take_over(db: &Db, actor: &Actor, id: RequestId, ip: &str) -> Result<(), ChangeError> {
    let mut tx = db.begin().await?;
    let Some(request) = load(&mut tx, id).await? else { return Err(ChangeError::NotFound) };
    match policy::party(actor, request.institution) {
        Some(Party::Host) => {}
        Some(_) => return Err(ChangeError::Forbidden),
        None => return Err(ChangeError::NotFound),
    }
    if !request.held_for_institution() || request.status.is_terminal() {
        return Err(ChangeError::NotHeld);
    }
    let now = Timestamp::now();
    let done = sqlx::query(
        "UPDATE requests SET taken_over_by = $2, taken_over_at = $3, updated_at = $3 \
         WHERE id = $1 AND on_behalf = 1 AND taken_over_at IS NULL",
    )
    .bind(id)
    .bind(actor.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(ChangeError::NotHeld);
    }
    let target = id.to_string();
    let event = Event::by(Some(actor), TAKE_OVER).on("request", &target).from_ip(ip).detail(&request.fields.title);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Inserts a new draft with its lists.
async fn insert(
    tx: &mut Tx,
    actor: &Actor,
    institution: InstitutionId,
    fields: &RequestFields,
    on_behalf: bool,
) -> Result<RequestId, sqlx::Error> {
    let id = RequestId::new();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO requests (id, institution_id, programme_id, title, description, objectives, deliverables, \
         sector, country, city, mode, days_on_site, timing, starts_on, ends_on, duration_days, urgency, positions, \
         host_provides, status, status_changed_at, created_by, created_at, updated_at, on_behalf) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 'draft', $20, \
         $21, $20, $20, $22)",
    )
    .bind(id)
    .bind(institution)
    .bind(fields.programme)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(&fields.objectives)
    .bind(&fields.deliverables)
    .bind(fields.sector)
    .bind(fields.country)
    .bind(&fields.city)
    .bind(fields.mode.kind().code())
    .bind(fields.mode.days_on_site().map(i64::from))
    .bind(fields.timing.kind().code())
    .bind(fields.timing.range().start().to_string())
    .bind(fields.timing.range().end().to_string())
    .bind(i64::from(fields.timing.duration_days()))
    .bind(fields.urgency.code())
    .bind(i64::from(fields.positions))
    .bind(&fields.host_provides)
    .bind(now)
    .bind(actor.user_id)
    .bind(i64::from(on_behalf))
    .execute(&mut **tx)
    .await?;
    write_lists(tx, id, fields).await?;
    Ok(id)
}

/// Changes the terms of reference, if the actor may while the request is in its state.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: RequestId,
    fields: &RequestFields,
    ip: &str,
) -> Result<(), ChangeError> {
    let mut tx = db.begin().await?;
    let Some(before) = load(&mut tx, id).await? else { return Err(ChangeError::NotFound) };
    let Some(party) = policy::party(actor, before.institution) else { return Err(ChangeError::NotFound) };
    if !workflow::can_edit(before.status, party) {
        return Err(ChangeError::NotEditable { status: before.status, party });
    }
    sqlx::query(
        "UPDATE requests SET programme_id = $2, title = $3, description = $4, objectives = $5, deliverables = $6, \
         sector = $7, country = $8, city = $9, mode = $10, days_on_site = $11, timing = $12, starts_on = $13, \
         ends_on = $14, duration_days = $15, urgency = $16, positions = $17, host_provides = $18, updated_at = $19 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(fields.programme)
    .bind(&fields.title)
    .bind(&fields.description)
    .bind(&fields.objectives)
    .bind(&fields.deliverables)
    .bind(fields.sector)
    .bind(fields.country)
    .bind(&fields.city)
    .bind(fields.mode.kind().code())
    .bind(fields.mode.days_on_site().map(i64::from))
    .bind(fields.timing.kind().code())
    .bind(fields.timing.range().start().to_string())
    .bind(fields.timing.range().end().to_string())
    .bind(i64::from(fields.timing.duration_days()))
    .bind(fields.urgency.code())
    .bind(i64::from(fields.positions))
    .bind(&fields.host_provides)
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await?;
    write_lists(&mut tx, id, fields).await?;
    let target = id.to_string();
    let detail = format!("{}: {}", before.status, changed_fields(&before.fields, fields).join(", "));
    let event = Event::by(Some(actor), "request.edit").on("request", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// The names of the fields that differ, for the audit log.
fn changed_fields(before: &RequestFields, after: &RequestFields) -> Vec<&'static str> {
    let pairs = [
        ("programme_id", before.programme == after.programme),
        ("title", before.title == after.title),
        ("description", before.description == after.description),
        ("objectives", before.objectives == after.objectives),
        ("deliverables", before.deliverables == after.deliverables),
        ("sector", before.sector == after.sector),
        ("skills", before.skills == after.skills),
        ("languages", before.languages == after.languages),
        ("preferred_origins", before.preferred_origins == after.preferred_origins),
        ("place", before.country == after.country && before.city == after.city),
        ("mode", before.mode == after.mode),
        ("timing", before.timing == after.timing),
        ("urgency", before.urgency == after.urgency),
        ("positions", before.positions == after.positions),
        ("host_provides", before.host_provides == after.host_provides),
    ];
    let changed: Vec<_> = pairs.into_iter().filter(|(_, same)| !same).map(|(name, _)| name).collect();
    if changed.is_empty() { vec!["nothing"] } else { changed }
}

/// Moves a request along the workflow, if `by` may, and records the step with its comment.
pub async fn transition(
    db: &Db,
    by: By<'_>,
    id: RequestId,
    to: Status,
    comment: &str,
    ip: &str,
) -> Result<Transition, ChangeError> {
    let mut tx = db.begin().await?;
    let step = transition_in(&mut tx, by, id, to, comment, ip).await?;
    tx.commit().await?;
    Ok(step)
}

/// The same, inside the caller's transaction (the mission pipeline staffs a request in the
/// transaction that fills its last position).
pub async fn transition_in(
    tx: &mut Tx,
    by: By<'_>,
    id: RequestId,
    to: Status,
    comment: &str,
    ip: &str,
) -> Result<Transition, ChangeError> {
    let Some((from, institution, context)) = state(tx, id).await? else { return Err(ChangeError::NotFound) };
    let party = match by {
        By::Person(actor) => policy::party(actor, institution).ok_or(ChangeError::NotFound)?,
        By::System(_) => Party::System,
    };
    let step = workflow::transition(from, to, party, context, comment).map_err(ChangeError::Refused)?;
    let now = Timestamp::now();
    let done = sqlx::query(
        "UPDATE requests SET status = $2, status_changed_at = $3, updated_at = $3, \
         approved_at = CASE WHEN $2 = 'approved' AND $4 = 'submitted' THEN $3 ELSE approved_at END, \
         staffed_at = CASE WHEN $2 = 'staffed' THEN $3 WHEN $2 = 'approved' THEN NULL ELSE staffed_at END \
         WHERE id = $1 AND status = $4",
    )
    .bind(id)
    .bind(step.to.code())
    .bind(now)
    .bind(step.from.code())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(ChangeError::NotFound);
    }
    let (target, detail) = (id.to_string(), step.detail());
    let event = match by {
        By::Person(actor) => Event::by(Some(actor), step.action()),
        By::System(label) => Event { actor_label: label, ..Event::by(None, step.action()) },
    };
    audit::record(tx, &event.on("request", &target).from_ip(ip).detail(&detail)).await?;
    tell_the_host(tx, by, id, institution, &step).await?;
    Ok(step)
}

/// Tells the institution's members the outcome of a review step a coordinator took: changes
/// asked (with what to change), approved, cancelled (with why).
async fn tell_the_host(
    tx: &mut Tx,
    by: By<'_>,
    id: RequestId,
    institution: InstitutionId,
    step: &Transition,
) -> Result<(), sqlx::Error> {
    use crate::notifications::{self, Notice, Subject, kinds};
    let By::Person(actor) = by else { return Ok(()) };
    let kind = match (step.by, step.to) {
        (Party::Staff, Status::ChangesRequested) => kinds::REQUEST_CHANGES_REQUESTED,
        (Party::Staff, Status::Approved) => kinds::REQUEST_APPROVED,
        (Party::Staff, Status::Cancelled) => kinds::REQUEST_CANCELLED,
        _ => return Ok(()),
    };
    let title: String =
        sqlx::query_scalar("SELECT title FROM requests WHERE id = $1").bind(id).fetch_one(&mut **tx).await?;
    let hosts = notifications::host_members(tx, institution).await?;
    let notice = Notice { kind, subject: Subject::Request(id), title: &title, detail: &step.comment };
    notifications::notify(tx, &hosts, Some(actor.user_id), &notice).await?;
    Ok(())
}

/// The request's status, institution, and what the workflow's guards need to know.
async fn state(conn: &mut Conn, id: RequestId) -> Result<Option<(Status, InstitutionId, Context)>, sqlx::Error> {
    let row: Option<(String, InstitutionId, String, i64, Option<Timestamp>)> = sqlx::query_as(
        "SELECT r.status, r.institution_id, i.verification, r.on_behalf, r.taken_over_at FROM requests r \
         JOIN institutions i ON i.id = r.institution_id WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(status, institution, verification, on_behalf, taken_over_at)| {
        let context = Context {
            institution_verified: verification == "verified",
            held_for_institution: on_behalf != 0 && taken_over_at.is_none(),
        };
        Ok((Status::parse(&status).map_err(bad)?, institution, context))
    })
    .transpose()
}

/// What the workflow allows `actor` to do with a request now: the states it may move it to, and
/// whether it may edit it (for the actions a page or the API shows).
pub fn allowed_for(actor: &Actor, request: &Request) -> (Vec<Status>, bool) {
    let context = Context {
        institution_verified: request.institution_verified,
        held_for_institution: request.held_for_institution(),
    };
    allowed(actor, request.institution, context, request.status)
}

/// The same for a request of a list.
pub fn allowed_in_list(actor: &Actor, summary: &Summary) -> (Vec<Status>, bool) {
    let context = Context {
        institution_verified: summary.institution_verified,
        held_for_institution: summary.held_for_institution,
    };
    allowed(actor, summary.institution, context, summary.status)
}

fn allowed(actor: &Actor, institution: InstitutionId, context: Context, status: Status) -> (Vec<Status>, bool) {
    match policy::party(actor, institution) {
        Some(party) => (workflow::allowed_targets(status, party, context), workflow::can_edit(status, party)),
        None => (vec![], false),
    }
}

async fn write_lists(tx: &mut Tx, id: RequestId, fields: &RequestFields) -> Result<(), sqlx::Error> {
    for table in ["request_skills", "request_languages", "request_origins"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE request_id = $1")).bind(id).execute(&mut **tx).await?;
    }
    for (rank, skill) in fields.skills.iter().enumerate() {
        sqlx::query(
            "INSERT INTO request_skills (request_id, rank, skill_id, label, requirement, min_level) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(rank as i64)
        .bind(&skill.skill)
        .bind(&skill.label)
        .bind(skill.requirement.code())
        .bind(i64::from(skill.level.value()))
        .execute(&mut **tx)
        .await?;
    }
    for (rank, language) in fields.languages.iter().enumerate() {
        sqlx::query("INSERT INTO request_languages (request_id, rank, language, min_level) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(rank as i64)
            .bind(language.language)
            .bind(language.level)
            .execute(&mut **tx)
            .await?;
    }
    for (rank, country) in fields.preferred_origins.iter().enumerate() {
        sqlx::query("INSERT INTO request_origins (request_id, rank, country) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(rank as i64)
            .bind(country)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
