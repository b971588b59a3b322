//! A request as its page shows it: the terms of reference in words, its history, and the steps
//! the viewer may take.

use crate::page::PageContext;
use crate::words::{mode_text, timing_text};
use crate::{AppError, AppState};
use passerelle_accounts::Actor;
use passerelle_missions::requests::{self, Request, Requirement, Status, Urgency, workflow};

pub struct SkillLine {
    pub label: String,
    pub must: bool,
    pub requirement: String,
    pub level: String,
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
    pub history: Vec<crate::history::HistoryLine>,
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

pub async fn build(state: &AppState, page: &PageContext, actor: &Actor, request: Request) -> Result<View, AppError> {
    let fields = &request.fields;
    let taxonomy = state.taxonomy().await?;
    let skills = fields
        .skills
        .iter()
        .map(|s| SkillLine {
            label: taxonomy.label_or(s.skill.as_ref(), &s.label, page.locale).to_owned(),
            must: s.requirement == Requirement::MustHave,
            requirement: page.t(&format!("request-requirement-{}", s.requirement.code())),
            level: page.t(&format!("request-level-{}", s.level.value())),
        })
        .collect();
    let languages = fields.languages.iter().map(|l| (l.language.name(page.locale), page.cefr(l.level))).collect();
    let origins = fields.preferred_origins.iter().map(|c| c.name(page.locale)).collect();
    let place = crate::words::place_text(page, fields.country, &fields.city);

    let entries = requests::history(&state.db, request.id).await?;
    let last_comment =
        |to: Status| entries.iter().rev().find(|e| e.step.is_some_and(|(_, t)| t == to)).map(|e| e.comment.clone());
    let changes_asked =
        if request.status == Status::ChangesRequested { last_comment(Status::ChangesRequested) } else { None };
    let cancel_reason = if request.status == Status::Cancelled { last_comment(Status::Cancelled) } else { None };
    let history = crate::history::of(state, page, "request", &request.id.to_string()).await?;

    // Who entered the request on the host's behalf, and who took it over.
    let mut names: std::collections::HashMap<passerelle_core::UserId, String> = std::collections::HashMap::new();
    for id in request.created_by.into_iter().chain(request.taken_over.map(|(by, _)| by)) {
        if let Some(user) = passerelle_accounts::users::by_id(&state.db, id).await? {
            names.insert(id, user.name);
        }
    }
    let name_of = |id: Option<passerelle_core::UserId>| id.and_then(|id| names.get(&id).cloned()).unwrap_or_default();
    let on_behalf = request.on_behalf.then(|| {
        page.t2("request-on-behalf-note", "institution", &request.institution_name, "name", name_of(request.created_by))
            + &format!(" ({})", page.moment(&request.created_at))
    });
    let taken_over = request
        .taken_over
        .map(|(by, at)| page.t2("request-taken-over-note", "name", name_of(Some(by)), "moment", page.moment(&at)));
    let can_take_over = request.held_for_institution()
        && !request.status.is_terminal()
        && requests::party(actor, request.institution) == Some(workflow::Party::Host);
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
