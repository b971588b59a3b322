//! A request as its page shows it: the terms of reference in words, its history, and the steps
//! the viewer may take.

use super::requests::{mode_text, timing_text};
use crate::page::PageContext;
use crate::{AppError, AppState};
use passerelle_accounts::{Actor, users};
use passerelle_core::UserId;
use passerelle_missions::requests::{self, Request, Requirement, Status, Urgency, workflow};
use std::collections::HashMap;

pub struct SkillLine {
    pub label: String,
    pub must: bool,
    pub requirement: String,
    pub level: String,
}

pub struct HistoryLine {
    pub at: String,
    pub who: String,
    pub what: String,
    pub comment: String,
}

pub struct View {
    pub request: Request,
    pub status: String,
    pub status_class: &'static str,
    pub urgent: bool,
    pub sector: &'static str,
    pub place: String,
    pub mode: String,
    pub timing: String,
    pub flexible: bool,
    pub skills: Vec<SkillLine>,
    /// (language, minimum level)
    pub languages: Vec<(&'static str, String)>,
    pub origins: Vec<&'static str>,
    pub history: Vec<HistoryLine>,
    /// (target code, button label, comment required)
    pub actions: Vec<(&'static str, String, bool)>,
    pub can_edit: bool,
    /// What the coordinator asked to change, while the request waits for it.
    pub changes_asked: Option<String>,
    /// Why the request was cancelled.
    pub cancel_reason: Option<String>,
    /// A coordinator looks at a submitted request of an unverified institution.
    pub awaiting_verification: bool,
    /// "Entered on behalf of … by … on …", for a request a coordinator entered.
    pub on_behalf: Option<String>,
    /// "Taken over by … on …".
    pub taken_over: Option<String>,
    /// A member may take the request over from the coordinator who entered it.
    pub can_take_over: bool,
}

/// A step the viewer may take: (target code, button label, whether a comment is required).
pub fn action(page: &PageContext, to: Status) -> (&'static str, String, bool) {
    (to.code(), page.t(&format!("request-action-{}", to.code())), workflow::comment_required(to))
}

/// The label of a field of the request form (for the history of edits).
fn field_label(page: &PageContext, field: &str) -> String {
    let key = format!("request-field-{}", field.replace('_', "-"));
    let text = page.t(&key);
    if text == key { field.to_owned() } else { text }
}

pub async fn build(state: &AppState, page: &PageContext, actor: &Actor, request: Request) -> Result<View, AppError> {
    let fields = &request.fields;
    let ids: Vec<_> = fields.skills.iter().map(|s| s.skill.clone()).collect();
    let known = passerelle_taxonomy::by_ids(&state.db, &ids).await?;
    let skills = fields
        .skills
        .iter()
        .map(|s| SkillLine {
            label: known.get(&s.skill).map_or_else(|| s.skill.to_string(), |k| k.label(page.locale).to_owned()),
            must: s.requirement == Requirement::MustHave,
            requirement: page.t(&format!("request-requirement-{}", s.requirement.code())),
            level: page.t(&format!("request-level-{}", s.level.value())),
        })
        .collect();
    let languages = fields.languages.iter().map(|l| (l.language.name(page.locale), l.level.to_string())).collect();
    let origins = fields.preferred_origins.iter().map(|c| c.name(page.locale)).collect();
    let place = match fields.country {
        Some(country) if fields.city.is_empty() => country.name(page.locale).to_owned(),
        Some(country) => format!("{}, {}", fields.city, country.name(page.locale)),
        None => page.t("request-place-remote"),
    };

    let entries = requests::history(&state.db, request.id).await?;
    let mut names: HashMap<UserId, String> = HashMap::new();
    for id in entries.iter().filter_map(|e| e.actor) {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id)
            && let Some(user) = users::by_id(&state.db, id).await?
        {
            slot.insert(user.name);
        }
    }
    let last_comment =
        |to: Status| entries.iter().rev().find(|e| e.step.is_some_and(|(_, t)| t == to)).map(|e| e.comment.clone());
    let changes_asked =
        if request.status == Status::ChangesRequested { last_comment(Status::ChangesRequested) } else { None };
    let cancel_reason = if request.status == Status::Cancelled { last_comment(Status::Cancelled) } else { None };
    let history = entries
        .iter()
        .map(|e| {
            let who = match e.actor {
                Some(id) => names.get(&id).cloned().unwrap_or_else(|| e.actor_label.clone()),
                None => page.t("request-by-system"),
            };
            let what = page.t(&format!("request-history-{}", e.action.trim_start_matches("request.")));
            let comment = match e.action.as_str() {
                "request.edit" => {
                    let changed = e.comment.split_once(": ").map_or(e.comment.as_str(), |(_, fields)| fields);
                    let labels: Vec<String> = changed.split(", ").map(|f| field_label(page, f)).collect();
                    page.t1("request-history-changed", "fields", labels.join(", "))
                }
                // The title at creation: the page says it already.
                "request.create" | "request.create_on_behalf" | "request.take_over" => String::new(),
                _ => e.comment.clone(),
            };
            HistoryLine { at: page.moment(&e.at), who, what, comment }
        })
        .collect();

    let name_of = |id: Option<UserId>| id.and_then(|id| names.get(&id).cloned()).unwrap_or_default();
    let on_behalf = request.on_behalf.then(|| {
        page.t2("request-on-behalf-note", "institution", &request.institution_name, "name", name_of(request.created_by))
            + &format!(" ({})", page.moment(&request.created_at))
    });
    let taken_over = request
        .taken_over
        .map(|(by, at)| page.t2("request-taken-over-note", "name", name_of(Some(by)), "moment", page.moment(&at)));
    let can_take_over = request.held_for_institution()
        && !request.status.is_terminal()
        && requests::party(actor, request.institution) == Some(workflow::Party::Member);
    let (targets, can_edit) = requests::allowed_for(actor, &request);
    let actions = targets.into_iter().map(|to| action(page, to)).collect();
    let awaiting_verification =
        actor.is_staff() && request.status == Status::Submitted && !request.institution_verified;
    Ok(View {
        status: super::status_label(page, request.status),
        status_class: super::status_class(request.status),
        urgent: fields.urgency == Urgency::Urgent,
        sector: fields.sector.label(page.locale),
        place,
        mode: mode_text(page, fields.mode),
        timing: timing_text(page, fields.timing),
        flexible: matches!(fields.timing, requests::Timing::Flexible { .. }),
        skills,
        languages,
        origins,
        history,
        actions,
        can_edit,
        changes_asked,
        cancel_reason,
        awaiting_verification,
        on_behalf,
        taken_over,
        can_take_over,
        request,
    })
}
