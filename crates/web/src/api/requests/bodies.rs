//! The JSON bodies of `/api/v1/requests`: what is sent, what is answered.

use super::super::body::NumberOrText;
use crate::{AppError, AppState};
use passerelle_accounts::Actor;
use passerelle_missions::requests::{self, LanguageInput, Request, RequestInput, SkillInput, Status, Summary, Timing};
use serde::{Deserialize, Serialize};

/// A skill asked for.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SkillBody {
    /// The skill's id in the taxonomy (see `GET /api/v1/skills`), or the skill in words
    /// (linked to the taxonomy when the words name one of its skills surely, else kept as
    /// written and matched in experts' own words).
    #[schema(max_length = 120)]
    pub(super) skill: String,
    /// must_have or nice_to_have.
    pub(super) requirement: String,
    /// 1 (basic) to 4 (expert).
    #[schema(value_type = i64)]
    pub(super) level: Option<NumberOrText>,
}

/// A language asked for.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct LanguageBody {
    /// BCP 47 primary subtag: fr, en, rw, ln…
    pub(super) language: String,
    /// Minimum CEFR level: A1, A2, B1, B2, C1, C2 or native.
    pub(super) level: String,
}

/// Fixed dates, both included.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DatesBody {
    /// YYYY-MM-DD.
    pub(super) start: String,
    pub(super) end: String,
}

/// A flexible window: `duration_days` days somewhere between `start` and `end`.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct WindowBody {
    pub(super) start: String,
    pub(super) end: String,
    #[schema(value_type = i64)]
    pub(super) duration_days: Option<NumberOrText>,
}

/// The terms of reference, to create a request or replace its terms. Every problem is
/// reported at once under its field name (`skills[0].level`, `window.duration_days`).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RequestBody {
    /// For coordinators and admins only: the institution the request is entered for, on its
    /// behalf (required for them; members leave it out and write for their own).
    #[schema(max_length = 36)]
    pub(super) institution_id: Option<String>,
    pub(super) programme_id: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) objectives: String,
    pub(super) deliverables: String,
    /// A sector code (health, education, tvet…).
    pub(super) sector: String,
    /// At least one must_have.
    pub(super) skills: Vec<SkillBody>,
    pub(super) languages: Vec<LanguageBody>,
    /// ISO 3166-1 alpha-2 codes of the countries of origin preferred (optional).
    pub(super) preferred_origins: Vec<String>,
    /// Where the mission takes place (required unless remote).
    pub(super) country: Option<String>,
    pub(super) city: Option<String>,
    /// on_site, remote or hybrid.
    pub(super) mode: String,
    /// For a hybrid mission: the days on site.
    #[schema(value_type = Option<i64>)]
    pub(super) days_on_site: Option<NumberOrText>,
    /// fixed (give `dates`) or flexible (give `window`).
    pub(super) timing: String,
    pub(super) dates: Option<DatesBody>,
    pub(super) window: Option<WindowBody>,
    /// normal or urgent.
    pub(super) urgency: String,
    /// How many experts: 1 or more.
    #[schema(value_type = i64)]
    pub(super) positions: Option<NumberOrText>,
    /// What the host provides: accommodation, transport, an interpreter… (free text).
    pub(super) host_provides: Option<String>,
}

impl From<RequestBody> for RequestInput {
    fn from(b: RequestBody) -> Self {
        let dates = b.dates.unwrap_or_default();
        let window = b.window.unwrap_or_default();
        RequestInput {
            programme_id: b.programme_id,
            title: b.title,
            description: b.description,
            objectives: b.objectives,
            deliverables: b.deliverables,
            sector: b.sector,
            skills: b
                .skills
                .into_iter()
                .map(|s| SkillInput {
                    // An empty id would be an ignored row of a form; in JSON it is a mistake.
                    skill: if s.skill.trim().is_empty() { "?".into() } else { s.skill },
                    requirement: s.requirement,
                    level: NumberOrText::text(&s.level),
                })
                .collect(),
            languages: b
                .languages
                .into_iter()
                .map(|l| LanguageInput {
                    language: if l.language.trim().is_empty() { "?".into() } else { l.language },
                    level: l.level,
                })
                .collect(),
            preferred_origins: b.preferred_origins,
            country: b.country.unwrap_or_default(),
            city: b.city.unwrap_or_default(),
            mode: b.mode,
            days_on_site: NumberOrText::text(&b.days_on_site),
            timing: b.timing,
            dates_start: dates.start,
            dates_end: dates.end,
            window_start: window.start,
            window_end: window.end,
            window_duration_days: NumberOrText::text(&window.duration_days),
            urgency: b.urgency,
            positions: NumberOrText::text(&b.positions),
            host_provides: b.host_provides.unwrap_or_default(),
        }
    }
}

/// A skill of a request, with its label in the caller's language.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SkillView {
    /// The skill's id in the taxonomy; absent for a skill only in words.
    pub(super) skill: Option<String>,
    /// The skill's label in the reader's language, or the words as typed.
    pub(super) label: String,
    pub(super) requirement: &'static str,
    pub(super) level: u8,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LanguageView {
    pub(super) language: String,
    pub(super) level: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WindowView {
    pub(super) start: String,
    pub(super) end: String,
    pub(super) duration_days: u32,
}

/// A mission request, with what the caller may do with it now.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestView {
    pub(super) id: String,
    /// draft, submitted, changes_requested, approved, staffed, closed or cancelled.
    pub(super) status: &'static str,
    pub(super) status_changed_at: String,
    /// The states the caller may move the request to now (`POST …/transitions`).
    pub(super) allowed_transitions: Vec<&'static str>,
    /// Whether the caller may replace its terms now (`PUT`).
    pub(super) editable: bool,
    pub(super) institution_id: String,
    pub(super) institution_name: String,
    pub(super) institution_verified: bool,
    pub(super) programme_id: String,
    pub(super) programme_code: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) objectives: String,
    pub(super) deliverables: String,
    pub(super) sector: String,
    pub(super) skills: Vec<SkillView>,
    pub(super) languages: Vec<LanguageView>,
    pub(super) preferred_origins: Vec<String>,
    /// The place; none for a remote mission without one.
    pub(super) country: Option<String>,
    pub(super) city: String,
    pub(super) mode: &'static str,
    pub(super) days_on_site: Option<u32>,
    /// fixed or flexible.
    pub(super) timing: &'static str,
    pub(super) dates: Option<DatesBody>,
    pub(super) window: Option<WindowView>,
    pub(super) duration_days: u32,
    pub(super) urgency: &'static str,
    pub(super) positions: u32,
    pub(super) host_provides: String,
    pub(super) created_at: String,
    pub(super) updated_at: String,
    /// Entered by a coordinator on the institution's behalf (`entered_by` names them).
    pub(super) on_behalf: bool,
    pub(super) entered_by: Option<String>,
    /// When a member took over a request entered on the institution's behalf (RFC 3339).
    pub(super) taken_over_at: Option<String>,
}

pub(super) async fn view(state: &AppState, actor: &Actor, request: Request) -> Result<RequestView, AppError> {
    let (allowed, editable) = requests::allowed_for(actor, &request);
    let f = request.fields;
    let taxonomy = state.taxonomy().await?;
    let (dates, window) = match f.timing {
        Timing::Fixed(range) => {
            (Some(DatesBody { start: range.start().to_string(), end: range.end().to_string() }), None)
        }
        Timing::Flexible { window, duration_days } => {
            (None, Some(WindowView { start: window.start().to_string(), end: window.end().to_string(), duration_days }))
        }
    };
    Ok(RequestView {
        id: request.id.to_string(),
        status: request.status.code(),
        status_changed_at: request.status_changed_at.to_string(),
        allowed_transitions: allowed.into_iter().map(Status::code).collect(),
        editable,
        institution_id: request.institution.to_string(),
        institution_name: request.institution_name,
        institution_verified: request.institution_verified,
        programme_id: f.programme.to_string(),
        programme_code: request.programme_code,
        title: f.title,
        description: f.description,
        objectives: f.objectives,
        deliverables: f.deliverables,
        sector: f.sector.to_string(),
        skills: f
            .skills
            .iter()
            .map(|s| SkillView {
                label: taxonomy.label_or(s.skill.as_ref(), &s.label, actor.locale).to_owned(),
                skill: s.skill.as_ref().map(ToString::to_string),
                requirement: s.requirement.code(),
                level: s.level.value(),
            })
            .collect(),
        languages: f
            .languages
            .iter()
            .map(|l| LanguageView { language: l.language.to_string(), level: l.level.to_string() })
            .collect(),
        preferred_origins: f.preferred_origins.iter().map(ToString::to_string).collect(),
        country: f.country.map(|c| c.to_string()),
        city: f.city,
        mode: f.mode.kind().code(),
        days_on_site: f.mode.days_on_site(),
        timing: f.timing.kind().code(),
        duration_days: f.timing.duration_days(),
        dates,
        window,
        urgency: f.urgency.code(),
        positions: f.positions,
        host_provides: f.host_provides,
        created_at: request.created_at.to_string(),
        updated_at: request.updated_at.to_string(),
        on_behalf: request.on_behalf,
        entered_by: request.created_by.filter(|_| request.on_behalf).map(|u| u.to_string()),
        taken_over_at: request.taken_over.map(|(_, at)| at.to_string()),
    })
}

/// A request in a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestSummary {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) status: &'static str,
    pub(super) status_changed_at: String,
    pub(super) institution_id: String,
    pub(super) institution_name: String,
    pub(super) programme_id: String,
    pub(super) programme_code: String,
    pub(super) sector: String,
    /// The place's country, or the institution's for a remote mission.
    pub(super) country: String,
    pub(super) city: String,
    pub(super) mode: &'static str,
    pub(super) timing: &'static str,
    /// The mission's dates, or its window (YYYY-MM-DD).
    pub(super) start: String,
    pub(super) end: String,
    pub(super) duration_days: u32,
    pub(super) urgency: &'static str,
    pub(super) positions: u32,
}

impl From<Summary> for RequestSummary {
    fn from(s: Summary) -> Self {
        let range = s.timing.range();
        RequestSummary {
            id: s.id.to_string(),
            title: s.title,
            status: s.status.code(),
            status_changed_at: s.status_changed_at.to_string(),
            institution_id: s.institution.to_string(),
            institution_name: s.institution_name,
            programme_id: s.programme.to_string(),
            programme_code: s.programme_code,
            sector: s.sector.to_string(),
            country: s.country.to_string(),
            city: s.city,
            mode: s.mode.kind().code(),
            timing: s.timing.kind().code(),
            start: range.start().to_string(),
            end: range.end().to_string(),
            duration_days: s.timing.duration_days(),
            urgency: s.urgency.code(),
            positions: s.positions,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RequestList {
    pub(super) items: Vec<RequestSummary>,
    pub(super) total: u64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A status code.
    pub(super) status: Option<String>,
    /// A programme id.
    pub(super) programme: Option<String>,
    /// An institution id (staff; members always see their own institution's requests).
    pub(super) institution: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub(super) country: Option<String>,
    /// A sector code.
    pub(super) sector: Option<String>,
    /// normal or urgent.
    pub(super) urgency: Option<String>,
    /// Part of the title or of the institution's name.
    pub(super) q: Option<String>,
    /// queue (urgent first, then the longest waiting; the default for staff) or newest (the
    /// default for members).
    pub(super) sort: Option<String>,
    /// Results to skip, from 0 to 1,000,000.
    #[param(minimum = 0, maximum = 1000000)]
    pub(super) offset: Option<u32>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub(super) limit: Option<u32>,
}

/// A step of the workflow.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TransitionBody {
    /// The state to move to: submitted, changes_requested, approved, staffed, closed or cancelled.
    pub(super) to: String,
    /// Why; required to request changes and to cancel (at most 900 characters).
    pub(super) comment: String,
}

/// One entry of a request's history.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = RequestHistoryEntry)]
pub struct HistoryView {
    pub(super) at: String,
    /// The user who acted (none for the platform itself).
    pub(super) actor_id: Option<String>,
    pub(super) actor: String,
    /// request.create, request.edit, request.submit, request.request_changes, request.approve,
    /// request.staff, request.close or request.cancel.
    pub(super) action: String,
    pub(super) from: Option<&'static str>,
    pub(super) to: Option<&'static str>,
    pub(super) comment: String,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = RequestHistory)]
pub struct History {
    pub(super) entries: Vec<HistoryView>,
}
