//! The request form (terms of reference), new and edit. Works without JavaScript: a fixed
//! number of skill, language and origin rows (empty rows are ignored), skills typed by their
//! label with the curated taxonomy offered as a `<datalist>`, fixed dates and flexible window
//! side by side. Shown again with every problem at its field and nothing typed lost.

use super::pages::{Refused, visible};
use crate::auth::require;
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::forms::FormPairs;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::Actor;
use passerelle_core::{Cefr, FieldError, InstitutionId, Language};
use passerelle_missions::programmes::{self, ProgrammeStatus};
use passerelle_missions::requests::{
    self, By, ChangeError, LanguageInput, Level, Request, RequestAction, RequestInput, SkillInput, Status,
};

const SKILL_ROWS: usize = 6;
const LANGUAGE_ROWS: usize = 3;
const ORIGIN_ROWS: usize = 3;
/// Rows beyond these are not read from a form.
const MAX_ROWS: usize = 40;

pub struct SkillRow {
    pub index: usize,
    pub label: String,
    pub requirement: String,
    pub level: String,
    pub skill_errors: Vec<String>,
    pub requirement_errors: Vec<String>,
    pub level_errors: Vec<String>,
}

pub struct LanguageRow {
    pub index: usize,
    pub language: String,
    pub level: String,
    pub language_errors: Vec<String>,
    pub level_errors: Vec<String>,
}

pub struct OriginRow {
    pub index: usize,
    pub country: String,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "missions/request_form.html")]
struct FormPage {
    page: PageContext,
    form: FormErrors,
    summary: Vec<crate::form_errors::Shown>,
    input: RequestInput,
    /// `None` for a new request.
    request: Option<Request>,
    /// Whether "save and submit" is offered.
    can_submit: bool,
    skill_rows: Vec<SkillRow>,
    language_rows: Vec<LanguageRow>,
    origin_rows: Vec<OriginRow>,
    skill_labels: Vec<String>,
    programmes: Vec<(String, String)>,
    sectors: Vec<(&'static str, &'static str)>,
    countries: Vec<(&'static str, &'static str)>,
    languages: Vec<(&'static str, &'static str)>,
    /// (code, label): "B2", or "native" in the page's language.
    cefr_levels: Vec<(&'static str, String)>,
    levels: Vec<(String, String)>,
    requirements: Vec<(&'static str, String)>,
    /// A coordinator entering a new request on an institution's behalf chooses it here.
    institutions: Vec<(String, String)>,
    institution_id: String,
    /// After "find the skills in the description": what was found, to check before saving.
    found: String,
}

/// Reads the form's fields, rows included, keeping what was typed (skills by label).
fn read(pairs: &FormPairs) -> RequestInput {
    let mut input = RequestInput {
        programme_id: pairs.one("programme_id"),
        title: pairs.one("title"),
        description: pairs.one("description"),
        objectives: pairs.one("objectives"),
        deliverables: pairs.one("deliverables"),
        sector: pairs.one("sector"),
        country: pairs.one("country"),
        city: pairs.one("city"),
        mode: pairs.one("mode"),
        days_on_site: pairs.one("days_on_site"),
        timing: pairs.one("timing"),
        dates_start: pairs.one("dates.start"),
        dates_end: pairs.one("dates.end"),
        window_start: pairs.one("window.start"),
        window_end: pairs.one("window.end"),
        window_duration_days: pairs.one("window.duration_days"),
        urgency: pairs.one("urgency"),
        positions: pairs.one("positions"),
        host_provides: pairs.one("host_provides"),
        ..Default::default()
    };
    for (name, value) in &pairs.0 {
        let Some((list, index, part)) = row_field(name) else { continue };
        match list {
            "skills" => {
                grow(&mut input.skills, index);
                let row = &mut input.skills[index];
                match part {
                    "skill" => row.skill = value.clone(),
                    "requirement" => row.requirement = value.clone(),
                    "level" => row.level = value.clone(),
                    _ => {}
                }
            }
            "languages" => {
                grow(&mut input.languages, index);
                let row = &mut input.languages[index];
                match part {
                    "language" => row.language = value.clone(),
                    "level" => row.level = value.clone(),
                    _ => {}
                }
            }
            "preferred_origins" if part.is_empty() => {
                grow(&mut input.preferred_origins, index);
                input.preferred_origins[index] = value.clone();
            }
            _ => {}
        }
    }
    input
}

fn grow<T: Default>(rows: &mut Vec<T>, index: usize) {
    while rows.len() <= index {
        rows.push(T::default());
    }
}

/// `skills[2].level` → ("skills", 2, "level"); `preferred_origins[1]` → ("preferred_origins", 1, "").
fn row_field(name: &str) -> Option<(&str, usize, &str)> {
    let (list, rest) = name.split_once('[')?;
    let (index, part) = rest.split_once(']')?;
    let index: usize = index.parse().ok().filter(|i| *i < MAX_ROWS)?;
    Some((list, index, part.strip_prefix('.').unwrap_or(part)))
}

/// The label of a field, for the summary of problems.
fn field_label(page: &PageContext, field: &str) -> String {
    if let Some((list, index, part)) = row_field(field) {
        let n = index + 1;
        let skill = || page.t1("request-skill-n", "n", n);
        let language = || page.t1("request-language-n", "n", n);
        return match (list, part) {
            ("skills", "skill") => skill(),
            ("skills", "requirement") => format!("{} — {}", skill(), page.t("request-requirement")),
            ("skills", "level") => format!("{} — {}", skill(), page.t("request-min-level")),
            ("languages", "language") => language(),
            ("languages", "level") => format!("{} — {}", language(), page.t("request-min-cefr")),
            ("preferred_origins", _) => page.t1("request-origin-n", "n", n),
            _ => String::new(),
        };
    }
    let key = match field {
        "dates.start" => return crate::form_errors::both(page, "request-timing-fixed", "request-start"),
        "dates.end" => return crate::form_errors::both(page, "request-timing-fixed", "request-end"),
        "window.start" => return crate::form_errors::both(page, "request-timing-flexible", "request-window-start"),
        "window.end" => return crate::form_errors::both(page, "request-timing-flexible", "request-window-end"),
        "window.duration_days" => {
            return crate::form_errors::both(page, "request-timing-flexible", "request-duration-days");
        }
        "programme_id" => "request-field-programme-id",
        "institution_id" => "request-institution",
        "skills" => "request-skills",
        "languages" => "request-languages",
        "preferred_origins" => "request-origins",
        "country" => "field-country",
        "city" => "field-city",
        "timing" => "request-section-timing",
        "title" | "sector" | "description" | "objectives" | "deliverables" | "mode" | "days_on_site" | "urgency"
        | "positions" | "host_provides" => return page.t(&format!("request-field-{}", field.replace('_', "-"))),
        _ => return String::new(),
    };
    page.t(key)
}

/// The input of a stored request, with skills shown by their label in the page's language.
async fn labelled(state: &AppState, page: &PageContext, request: &Request) -> Result<RequestInput, AppError> {
    let mut input = request.fields.to_input();
    let taxonomy = state.taxonomy().await?;
    for (row, skill) in input.skills.iter_mut().zip(&request.fields.skills) {
        row.skill = taxonomy.label_or(skill.skill.as_ref(), &skill.label, page.locale).to_owned();
    }
    Ok(input)
}

async fn form_page(
    state: &AppState,
    page: PageContext,
    errors: Vec<FieldError>,
    input: RequestInput,
    request: Option<Request>,
    can_submit: bool,
) -> Result<FormPage, AppError> {
    form_page_for(state, page, errors, input, request, can_submit, String::new()).await
}

/// The form; for a coordinator writing a new request, with the institution it is for.
async fn form_page_for(
    state: &AppState,
    page: PageContext,
    errors: Vec<FieldError>,
    input: RequestInput,
    request: Option<Request>,
    can_submit: bool,
    institution_id: String,
) -> Result<FormPage, AppError> {
    let institutions = match (&page.user, &request) {
        (Some(user), None) if user.is_staff() => on_behalf_choices(state, &page).await?,
        _ => vec![],
    };
    let form = FormErrors::new(page.locale, errors);
    let skill_count = SKILL_ROWS.max(input.skills.len() + 2).min(MAX_ROWS);
    let skill_rows = (0..skill_count)
        .map(|index| {
            let row = input.skills.get(index).cloned().unwrap_or_else(|| SkillInput {
                requirement: if index == 0 { "must_have".into() } else { "nice_to_have".into() },
                level: "3".into(),
                ..Default::default()
            });
            SkillRow {
                index,
                skill_errors: form.of(&format!("skills[{index}].skill")),
                requirement_errors: form.of(&format!("skills[{index}].requirement")),
                level_errors: form.of(&format!("skills[{index}].level")),
                label: row.skill,
                requirement: row.requirement,
                level: row.level,
            }
        })
        .collect();
    let language_count = LANGUAGE_ROWS.max(input.languages.len() + 1).min(MAX_ROWS);
    let language_rows = (0..language_count)
        .map(|index| {
            let row = input.languages.get(index).cloned().unwrap_or(LanguageInput::default());
            LanguageRow {
                index,
                language_errors: form.of(&format!("languages[{index}].language")),
                level_errors: form.of(&format!("languages[{index}].level")),
                language: row.language,
                level: row.level,
            }
        })
        .collect();
    let origin_count = ORIGIN_ROWS.max(input.preferred_origins.len() + 1).min(MAX_ROWS);
    let origin_rows = (0..origin_count)
        .map(|index| OriginRow {
            index,
            country: input.preferred_origins.get(index).cloned().unwrap_or_default(),
            errors: form.of(&format!("preferred_origins[{index}]")),
        })
        .collect();
    let skill_labels = passerelle_taxonomy::curated(&state.db, page.locale)
        .await?
        .iter()
        .map(|s| s.label(page.locale).to_owned())
        .collect();
    let current = request.as_ref().map(|r| r.fields.programme);
    let mut open = programmes::list(&state.db, None).await?;
    open.retain(|p| p.status == ProgrammeStatus::Active || Some(p.id) == current);
    let programmes = crate::choices::programme_choices(page.locale, open);
    let mut languages: Vec<_> = Language::all().map(|l| (l.code(), l.name(page.locale))).collect();
    crate::format::sort_by_name(&mut languages, |l| l.1);
    Ok(FormPage {
        summary: crate::form_errors::summary(&page, &form, |field| field_label(&page, field)),
        skill_rows,
        language_rows,
        origin_rows,
        skill_labels,
        programmes,
        sectors: crate::choices::sectors(page.locale),
        countries: crate::choices::countries(page.locale),
        languages,
        cefr_levels: Cefr::ALL.iter().map(|c| (c.code(), page.cefr(*c))).collect(),
        levels: Level::all()
            .map(|l| (l.value().to_string(), page.t(&format!("request-level-{}", l.value()))))
            .collect(),
        requirements: [
            ("must_have", "request-requirement-must_have"),
            ("nice_to_have", "request-requirement-nice_to_have"),
        ]
        .into_iter()
        .map(|(code, key)| (code, page.t(key)))
        .collect(),
        form,
        input,
        request,
        can_submit,
        institutions,
        institution_id,
        found: String::new(),
        page,
    })
}

/// Whether the person asked for the form's second step rather than to save.
fn finding_skills(pairs: &FormPairs) -> bool {
    pairs.one("then") == "find_skills"
}

/// The form's second step: the skills its texts name added as rows, shown to be checked;
/// nothing saved.
async fn found_in_text(
    state: &AppState,
    page: PageContext,
    pairs: &FormPairs,
    mut input: RequestInput,
    request: Option<Request>,
    can_submit: bool,
) -> Result<Response, AppError> {
    let taxonomy = state.taxonomy().await?;
    let added = super::skills_from_text::add_found(&taxonomy, page.locale, &mut input, MAX_ROWS);
    let found = match (added.added, added.held) {
        (0, 0) => page.t("request-skills-found-none"),
        (0, _) => page.t("request-skills-found-held"),
        (n, _) => page.t1("request-skills-found", "count", n),
    };
    let institution_id = pairs.one("institution_id");
    let mut form = form_page_for(state, page, vec![], input, request, can_submit, institution_id).await?;
    form.found = found;
    render(&form)
}

/// The institutions a coordinator may enter a request for: (id, "name — city, country").
async fn on_behalf_choices(state: &AppState, page: &PageContext) -> Result<Vec<(String, String)>, AppError> {
    use passerelle_missions::institutions::{self, Verification};
    let query = institutions::Query { limit: 1000, ..Default::default() };
    let (list, _) = institutions::search(&state.db, &query).await?;
    Ok(list
        .into_iter()
        .filter(|i| i.verification != Verification::Rejected)
        .map(|i| (i.id.to_string(), format!("{} — {}, {}", i.name, i.city, i.country.name(page.locale))))
        .collect())
}

/// The institution a coordinator chose, or the problem with the choice.
async fn chosen_institution(state: &AppState, typed: &str) -> Result<Result<InstitutionId, FieldError>, AppError> {
    let problem =
        || FieldError::new("institution_id", "request.institution_unknown", "choose an institution from the list");
    let Ok(id) = InstitutionId::parse(typed) else { return Ok(Err(problem())) };
    let found = passerelle_missions::institutions::get(&state.db, id).await?;
    Ok(match found {
        Some(i) if i.verification != passerelle_missions::institutions::Verification::Rejected => Ok(id),
        _ => Err(problem()),
    })
}

async fn again(
    state: &AppState,
    page: PageContext,
    errors: Vec<FieldError>,
    input: RequestInput,
    request: Option<Request>,
    can_submit: bool,
) -> Result<Response, AppError> {
    let page = form_page(state, page, errors, input, request, can_submit).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
) -> Result<Response, AppError> {
    require(requests::can(&actor, RequestAction::Create, None))?;
    let mut input = RequestInput {
        mode: "on_site".into(),
        timing: "fixed".into(),
        urgency: "normal".into(),
        positions: "1".into(),
        ..Default::default()
    };
    if let Some(institution) = actor.institution
        && let Some(institution) = passerelle_missions::institutions::get(&state.db, institution).await?
    {
        input.country = institution.country.to_string();
        input.city = institution.city;
    }
    render(&form_page(&state, page, vec![], input, None, true).await?)
}

/// After saving: submit at once when the person asked to.
async fn then_submit(
    state: &AppState,
    actor: &Actor,
    pairs: &FormPairs,
    id: passerelle_core::RequestId,
    ip: &str,
) -> Result<Option<Status>, AppError> {
    if pairs.one("then") != "submit" {
        return Ok(None);
    }
    match requests::transition(&state.db, By::Person(actor), id, Status::Submitted, "", ip).await {
        Ok(step) => Ok(Some(step.to)),
        // The request is saved; the page will show why it could not be submitted.
        Err(
            ChangeError::Refused(_) | ChangeError::NotEditable { .. } | ChangeError::Forbidden | ChangeError::NotHeld,
        ) => Ok(None),
        Err(ChangeError::NotFound) => Err(AppError::NotFound),
        Err(ChangeError::Database(e)) => Err(e.into()),
    }
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require(requests::can(&actor, RequestAction::Create, None))?;
    let pairs = FormPairs(pairs);
    let typed = read(&pairs);
    if finding_skills(&pairs) {
        return found_in_text(&state, page, &pairs, typed, None, true).await;
    }
    let institution_id = pairs.one("institution_id");
    let institution = if actor.is_staff() { Some(chosen_institution(&state, &institution_id).await?) } else { None };
    let checked = requests::check(&state.db, &*state.taxonomy().await?, &typed, None).await?;
    let institution = match institution {
        Some(Ok(id)) => Some(id),
        Some(Err(problem)) => {
            let mut errors = checked.err().unwrap_or_default();
            errors.insert(0, problem);
            let page = form_page_for(&state, page, errors, typed, None, true, institution_id).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
        None => None,
    };
    let fields = match checked {
        Ok(fields) => fields,
        Err(errors) => {
            let page = form_page_for(&state, page, errors, typed, None, true, institution_id).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let ip = ip.to_string();
    let created = match institution {
        Some(institution) => requests::create_on_behalf(&state.db, &actor, institution, &fields, &ip).await,
        None => requests::create(&state.db, &actor, &fields, &ip).await,
    };
    let id = match created {
        Ok(id) => {
            // Entered on an institution's behalf, the request is told to its members.
            state.notifications_queued.notify_one();
            id
        }
        Err(ChangeError::Database(e)) => return Err(e.into()),
        Err(ChangeError::NotFound) => return Err(AppError::NotFound),
        Err(_) => return Err(AppError::Forbidden),
    };
    let done = match then_submit(&state, &actor, &pairs, id, &ip).await? {
        Some(status) => status.code(),
        None => "created",
    };
    Ok(Redirect::to(&format!("/requests/{id}?done={done}")).into_response())
}

/// The request, if the actor may edit it now (and whether it may submit it); else its page
/// saying why not (409).
async fn editable(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    id: &str,
) -> Result<Result<(Request, bool, PageContext), Response>, AppError> {
    let request = visible(state, actor, id).await?;
    let (targets, can_edit) = requests::allowed_for(actor, &request);
    if !can_edit {
        let problem = page.t1("request-not-editable-text", "status", super::status_label(&page, request.status));
        let answer = Refused { problem, status: StatusCode::CONFLICT, comment: String::new() };
        return Ok(Err(answer.page(state, page, actor, request).await?));
    }
    Ok(Ok((request, targets.contains(&Status::Submitted), page)))
}

pub async fn edit_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (request, can_submit, page) = match editable(&state, page, &actor, &id).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(refusal),
    };
    let input = labelled(&state, &page, &request).await?;
    render(&form_page(&state, page, vec![], input, Some(request), can_submit).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (request, can_submit, page) = match editable(&state, page, &actor, &id).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(refusal),
    };
    let pairs = FormPairs(pairs);
    let typed = read(&pairs);
    if finding_skills(&pairs) {
        return found_in_text(&state, page, &pairs, typed, Some(request), can_submit).await;
    }
    let current = Some(request.fields.programme);
    let fields = match requests::check(&state.db, &*state.taxonomy().await?, &typed, current).await? {
        Ok(fields) => fields,
        Err(errors) => return again(&state, page, errors, typed, Some(request), can_submit).await,
    };
    let ip = ip.to_string();
    match requests::update(&state.db, &actor, request.id, &fields, &ip).await {
        Ok(()) => {}
        Err(ChangeError::NotFound) => return Err(AppError::NotFound),
        Err(ChangeError::Database(e)) => return Err(e.into()),
        Err(_) => {
            return Err(AppError::Conflict { detail: "the request cannot be edited now".into(), allowed: vec![] });
        }
    }
    let done = match then_submit(&state, &actor, &pairs, request.id, &ip).await? {
        Some(status) => status.code(),
        None => "saved",
    };
    Ok(Redirect::to(&format!("/requests/{}?done={done}", request.id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_by_their_index() {
        let pairs = FormPairs(
            [
                ("title", "T"),
                ("skills[1].skill", "soins infirmiers en anesthésie"),
                ("skills[1].level", "4"),
                ("skills[0].skill", ""),
                ("languages[0].language", "fr"),
                ("preferred_origins[2]", "BI"),
                ("skills[999].skill", "ignored"),
                ("skills[x].skill", "ignored"),
            ]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect(),
        );
        let input = read(&pairs);
        assert_eq!(input.skills.len(), 2);
        assert_eq!(input.skills[1].skill, "soins infirmiers en anesthésie");
        assert_eq!(input.skills[1].level, "4");
        assert_eq!(input.languages[0].language, "fr");
        assert_eq!(input.preferred_origins, ["", "", "BI"]);
        assert_eq!(row_field("window.start"), None);
    }
}
