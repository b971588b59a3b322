//! A profile as people read it: the expert's own page (with what is missing, freshness,
//! consent, and their data rights) and the coordinator's page (with credential checks).

use super::{own_subject, subject};
use crate::auth::{ClientIp, CurrentUser};
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event};
use passerelle_core::{Country, Timestamp};
use passerelle_profiles::freshness::{completeness, is_stale};
use passerelle_profiles::model::{CredentialStatus, Profile};
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::store;
use serde::Deserialize;

pub struct SkillLine {
    pub label: String,
    pub level: String,
    pub years: Option<u16>,
    pub in_taxonomy: bool,
}

pub struct CredentialLine {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub issuer: String,
    pub country: String,
    pub number: String,
    pub valid_until: Option<String>,
    pub expired: bool,
    pub status: &'static str,
    pub status_label: String,
}

/// Everything shown of a profile, already in the page's language.
pub struct ProfileView {
    pub name: String,
    pub headline: String,
    pub summary: String,
    pub email: String,
    pub phone: String,
    pub place: String,
    pub origins: String,
    pub nationalities: String,
    pub no_travel: String,
    pub travel_limits: String,
    pub memberships: Vec<String>,
    pub years_experience: Option<u16>,
    pub sectors: Vec<String>,
    pub education: Vec<String>,
    pub work: Vec<String>,
    pub skills: Vec<SkillLine>,
    pub languages: Vec<(String, String, String)>,
    pub credentials: Vec<CredentialLine>,
    pub windows: Vec<(String, String, String)>,
    pub max_mission_days: Option<u16>,
    pub notice_days: Option<u16>,
    pub remote_now: bool,
    pub consent: Option<String>,
    pub confirmed: Option<String>,
    pub stale: bool,
    pub percent: u8,
    pub missing: Vec<String>,
}

fn names(page: &PageContext, countries: &[Country]) -> String {
    countries.iter().map(|c| c.name(page.locale)).collect::<Vec<_>>().join(", ")
}

pub(crate) async fn view_of(state: &AppState, page: &PageContext, profile: &Profile) -> Result<ProfileView, AppError> {
    let d = &profile.data;
    let ids: Vec<_> = d.skills.iter().filter_map(|s| s.skill.clone()).collect();
    let taxonomy = passerelle_taxonomy::by_ids(&state.db, &ids).await?;
    let today = Timestamp::now().date();
    let c = completeness(profile);
    let year = |y: Option<u16>| y.map(|y| y.to_string()).unwrap_or_default();
    Ok(ProfileView {
        name: d.name.clone(),
        headline: d.headline.clone(),
        summary: d.summary.clone(),
        email: d.email.as_ref().map(ToString::to_string).unwrap_or_default(),
        phone: d.phone.as_ref().map(ToString::to_string).unwrap_or_default(),
        place: [d.city.clone(), d.residence_country.map(|c| c.name(page.locale).to_owned()).unwrap_or_default()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        origins: names(page, &d.origins),
        nationalities: names(page, &d.nationalities),
        no_travel: names(page, &d.no_travel),
        travel_limits: d.travel_limits.clone(),
        memberships: d
            .memberships
            .iter()
            .map(
                |m| {
                    if m.role.is_empty() {
                        m.organisation.clone()
                    } else {
                        format!("{} — {}", m.organisation, m.role)
                    }
                },
            )
            .collect(),
        years_experience: d.years_experience,
        sectors: d.sectors.iter().map(|s| s.label(page.locale).to_owned()).collect(),
        education: d
            .education
            .iter()
            .map(|e| {
                let place = [
                    e.institution.clone(),
                    e.country.map(|c| c.name(page.locale).to_owned()).unwrap_or_default(),
                    year(e.year),
                ];
                let place: Vec<String> = place.into_iter().filter(|s| !s.is_empty()).collect();
                let what = if e.field.is_empty() { e.degree.clone() } else { format!("{}, {}", e.degree, e.field) };
                if place.is_empty() { what } else { format!("{what} — {}", place.join(", ")) }
            })
            .collect(),
        work: d
            .work
            .iter()
            .map(|w| {
                let span = match (w.start_year, w.end_year) {
                    (Some(a), Some(b)) => format!(" ({a}–{b})"),
                    (Some(a), None) => format!(" ({a}–)"),
                    _ => String::new(),
                };
                let at = if w.employer.is_empty() { String::new() } else { format!(", {}", w.employer) };
                format!("{}{at}{span}", w.role)
            })
            .collect(),
        skills: d
            .skills
            .iter()
            .map(|s| SkillLine {
                label: s
                    .skill
                    .as_ref()
                    .and_then(|id| taxonomy.get(id))
                    .map_or_else(|| s.label.clone(), |t| t.label(page.locale).to_owned()),
                level: page.t(&format!("skill-level-{}", s.level)),
                years: s.years,
                in_taxonomy: s.skill.is_some(),
            })
            .collect(),
        languages: d
            .languages
            .iter()
            .map(|l| {
                (
                    l.language.name(page.locale).to_owned(),
                    page.t(&format!("cefr-{}", l.spoken)),
                    page.t(&format!("cefr-{}", l.written)),
                )
            })
            .collect(),
        credentials: d
            .credentials
            .iter()
            .map(|c| CredentialLine {
                id: c.id.clone(),
                kind: page.t(&format!("credential-kind-{}", c.kind.code())),
                title: c.title.clone(),
                issuer: c.issuer.clone(),
                country: c.country.map(|c| c.name(page.locale).to_owned()).unwrap_or_default(),
                number: c.number.clone(),
                valid_until: c.valid_until.map(|d| page.date(d)),
                expired: c.is_expired(today),
                status: c.status.code(),
                status_label: page.t(&format!("credential-status-{}", c.status.code())),
            })
            .collect(),
        windows: d
            .windows
            .iter()
            .map(|w| (page.date(w.range.start()), page.date(w.range.end()), page.t(&format!("mode-{}", w.mode.code()))))
            .collect(),
        max_mission_days: d.max_mission_days,
        notice_days: d.notice_days,
        remote_now: d.remote_now,
        consent: profile.consent.as_ref().map(|c| page.moment(&c.given_at)),
        confirmed: profile.confirmed_at.as_ref().map(|at| page.moment(at)),
        stale: is_stale(profile, Timestamp::now(), state.config.stale_after),
        percent: c.percent,
        missing: c.missing.iter().map(|m| page.t(&format!("completeness-{m}"))).collect(),
    })
}

#[derive(Template)]
#[template(path = "profiles/view.html")]
struct ViewPage {
    page: PageContext,
    view: ProfileView,
    expert_id: passerelle_core::ExpertId,
    base: String,
    own: bool,
    staff: bool,
    notice: String,
    /// Missions done and the hosts' ratings: part of the profile.
    record: crate::missions::list::Record,
    /// Skills read in the profile's words, for those who may edit it.
    suggestions: Vec<super::suggestions::Suggested>,
}

impl ViewPage {
    /// The skill levels, for confirming a suggestion.
    fn levels(&self) -> Vec<(u8, String)> {
        (1..=4).map(|n| (n, self.page.t(&format!("skill-level-{n}")))).collect()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

fn notice(page: &PageContext, done: &Done) -> String {
    match done.done.as_deref() {
        Some("saved") => page.t("profile-saved"),
        Some("confirmed") => page.t("profile-confirmed"),
        Some("created") => page.t("profile-created"),
        Some("consent-given") => page.t("consent-given"),
        Some("consent-withdrawn") => page.t("consent-withdrawn"),
        Some("credential") => page.t("credential-status-saved"),
        Some("claimed") => page.t("claim-done"),
        _ => String::new(),
    }
}

pub async fn own(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let view = view_of(&state, &page, &profile).await?;
    let notice = notice(&page, &done);
    let record = crate::missions::list::record_of(&state, &page, subject.id).await?;
    let suggestions = super::suggestions::of(&state, &page, &profile).await?;
    let (expert_id, base) = (subject.id, subject.base);
    render(&ViewPage { page, view, expert_id, base, own: true, staff: false, notice, record, suggestions })
}

pub async fn detail(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::View).await?;
    let profile = store::load(&state.db, subject.id).await?.ok_or(AppError::NotFound)?;
    let view = view_of(&state, &page, &profile).await?;
    let notice = notice(&page, &done);
    let staff = can(&actor, ProfileAction::VerifyCredentials, subject.owner);
    let record = crate::missions::list::record_of(&state, &page, subject.id).await?;
    let suggestions = if can(&actor, ProfileAction::Edit, subject.owner) {
        super::suggestions::of(&state, &page, &profile).await?
    } else {
        vec![]
    };
    let (expert_id, base, own) = (subject.id, subject.base, subject.own);
    render(&ViewPage { page, view, expert_id, base, own, staff, notice, record, suggestions })
}

/// The expert confirms the profile is up to date.
pub async fn confirm_own(State(state): State<AppState>, CurrentUser(actor): CurrentUser) -> Result<Response, AppError> {
    let subject = own_subject(&state, &actor).await?;
    let mut tx = state.db.begin().await?;
    store::confirm(&mut tx, subject.id).await?;
    tx.commit().await?;
    Ok(Redirect::to("/profile?done=confirmed").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusInput {
    status: String,
}

pub async fn set_credential_status(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, credential)): Path<(String, String)>,
    Form(input): Form<StatusInput>,
) -> Result<Response, AppError> {
    let subject = subject(&state, &actor, &id, ProfileAction::View).await?;
    if !can(&actor, ProfileAction::VerifyCredentials, subject.owner) {
        return Err(AppError::Forbidden);
    }
    verify_credential(&state, &actor, subject.id, &credential, &input.status, &ip.to_string()).await?;
    Ok(Redirect::to(&format!("/experts/{}?done=credential#credentials", subject.id)).into_response())
}

/// Sets the verification status of one of an expert's credentials (the caller was checked by
/// the policy), with its audit entry; an unknown credential is a 404.
pub(crate) async fn verify_credential(
    state: &AppState,
    actor: &passerelle_accounts::Actor,
    expert: passerelle_core::ExpertId,
    credential: &str,
    status: &str,
    ip: &str,
) -> Result<CredentialStatus, AppError> {
    let status = CredentialStatus::parse(status)
        .map_err(|e| AppError::Invalid(vec![crate::FieldError::from_parse("status", &e)]))?;
    let mut tx = state.db.begin().await?;
    if !store::set_credential_status(&mut tx, expert, credential, status, actor.user_id).await? {
        return Err(AppError::NotFound);
    }
    let (target, detail) = (expert.to_string(), format!("credential {credential}: {}", status.code()));
    audit::record(
        &mut tx,
        &Event::by(Some(actor), "credential.verify").on("expert", &target).from_ip(ip).detail(&detail),
    )
    .await?;
    tx.commit().await?;
    Ok(status)
}
