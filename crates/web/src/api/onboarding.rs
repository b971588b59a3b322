//! Bringing in the experts whose profile came without an account, through the API, as on the
//! pages (`crate::onboarding`): coordinators and admins invite a segment of the roster (the
//! roster's own filters), or one profile, to join; an expert lists the profiles found under
//! their verified email and claims one. Joining through the emailed link stays a page: it
//! creates the account, and the API serves accounts that exist.

use super::body::object;
use crate::auth::{ClientIp, CurrentUser};
use crate::forms::bounded;
use crate::onboarding::{bulk, claim};
use crate::profiles::roster::Filters;
use crate::{AppError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use passerelle_core::{
    Cefr, Country, DateRange, ExpertId, FieldError, Language, ParseError, Problems, Sector, parse_date,
};
use passerelle_profiles::join::Skipped;
use passerelle_profiles::policy::{ProfileAction, can};
use passerelle_profiles::store;
use serde::{Deserialize, Serialize};

/// verified: with a verified credential; awaiting: with a credential waiting for review.
#[derive(utoipa::ToSchema)]
#[schema(as = RosterCredentialFilter, rename_all = "snake_case")]
#[allow(dead_code)]
pub enum CredentialFilter {
    Verified,
    Awaiting,
}

/// fresh: confirmed or updated lately; stale: not for a long time.
#[derive(utoipa::ToSchema)]
#[schema(as = RosterFreshnessFilter, rename_all = "snake_case")]
#[allow(dead_code)]
pub enum FreshnessFilter {
    Fresh,
    Stale,
}

/// The segment of the roster to invite: the filters of the roster (`GET /api/v1/experts`), each
/// absent or null for any. Every profile of the segment with an email and no account is
/// invited once (those invited already and not expired are passed by).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = JoinInvitationSegment)]
pub struct SegmentBody {
    /// Part of the name, headline or email; one line.
    #[schema(max_length = 200)]
    q: Option<String>,
    /// A sector code (health, tvet…).
    #[schema(max_length = 40)]
    sector: Option<String>,
    /// Country of origin (ISO 3166-1 alpha-2).
    #[schema(max_length = 2)]
    origin: Option<String>,
    /// Country of residence (ISO 3166-1 alpha-2).
    #[schema(max_length = 2)]
    residence: Option<String>,
    /// A language (BCP 47), with `level` the minimum spoken level.
    #[schema(max_length = 35)]
    language: Option<String>,
    /// A1, A2, B1, B2, C1, C2 or native (A1 when absent).
    #[schema(max_length = 6)]
    level: Option<String>,
    /// Available during [from, to] (YYYY-MM-DD; `to` is `from` when absent).
    #[schema(max_length = 10)]
    from: Option<String>,
    #[schema(max_length = 10)]
    to: Option<String>,
    #[schema(value_type = Option<CredentialFilter>)]
    credentials: Option<String>,
    #[schema(value_type = Option<FreshnessFilter>)]
    freshness: Option<String>,
    /// true: only profiles with the consent to be matched; false: only those without.
    consent: Option<bool>,
}

/// A filter of free text, bounded as sent, parsed by `parse` when given; "" when absent.
fn filter(
    p: &mut Problems,
    field: &str,
    value: &Option<String>,
    max: usize,
    parse: impl FnOnce(&str) -> Result<(), ParseError>,
) -> String {
    let text = value.as_deref().unwrap_or_default();
    if !bounded(p, field, text, max) || text.trim().is_empty() {
        return String::new();
    }
    match parse(text) {
        Ok(()) => text.trim().to_owned(),
        Err(error) => {
            p.push(FieldError::from_parse(field, &error));
            String::new()
        }
    }
}

/// One of `codes` exactly, when given.
fn choice(p: &mut Problems, field: &str, value: &Option<String>, codes: &[&str]) -> String {
    match value.as_deref() {
        None => String::new(),
        Some(code) if codes.contains(&code) => code.to_owned(),
        Some(_) => {
            p.push(FieldError::new(field, format!("{field}.unknown"), format!("one of {}", codes.join(", "))));
            String::new()
        }
    }
}

impl SegmentBody {
    /// The roster's filters, every invalid one named.
    fn filters(&self) -> Result<Filters, AppError> {
        let mut p = Problems::new();
        let q = filter(&mut p, "q", &self.q, crate::query::MAX_SEARCH_CHARS, |t| {
            passerelle_core::check_text("q", t, passerelle_core::Lines::One)
                .map_err(|e| ParseError::new("text.control", e.message))
        });
        let sector = filter(&mut p, "sector", &self.sector, 40, |t| Sector::parse(t).map(drop));
        let origin = filter(&mut p, "origin", &self.origin, 2, |t| Country::parse(t).map(drop));
        let residence = filter(&mut p, "residence", &self.residence, 2, |t| Country::parse(t).map(drop));
        let language = filter(&mut p, "language", &self.language, 35, |t| Language::parse(t).map(drop));
        let level = filter(&mut p, "level", &self.level, 6, |t| Cefr::parse(t).map(drop));
        let from = filter(&mut p, "from", &self.from, 10, |t| parse_date(t).map(drop));
        let to = filter(&mut p, "to", &self.to, 10, |t| parse_date(t).map(drop));
        if let (Ok(start), Ok(end)) = (parse_date(&from), parse_date(&to))
            && let Err(error) = DateRange::new(start, end)
        {
            p.push(FieldError::from_parse("to", &error));
        }
        let credentials = choice(&mut p, "credentials", &self.credentials, &["verified", "awaiting"]);
        let freshness = choice(&mut p, "freshness", &self.freshness, &["fresh", "stale"]);
        let consent = match self.consent {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let filters = Filters {
            q,
            sector,
            origin,
            residence,
            language,
            level,
            from,
            to,
            credentials,
            freshness,
            consent: consent.to_owned(),
            page: None,
        };
        p.finish(|| filters).map_err(AppError::Invalid)
    }
}

/// What a sending did.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = JoinInvitationsSent)]
pub struct SentView {
    /// Invitations queued: each is emailed with its link (valid 14 days).
    queued: usize,
    /// Profiles with an account already (they are told in their inbox instead).
    has_account: usize,
    /// Profiles without an email to write to.
    no_email: usize,
    /// Profiles invited already, their invitation not expired.
    already_invited: usize,
    /// The most profiles one sending looks at; a larger segment is sent in several goes.
    most_per_sending: usize,
}

/// Invites to join every profile of a roster segment that has an email and no account
/// (coordinators and admins), as the roster page's button does. Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/experts/join-invitations",
    tag = "experts",
    request_body = SegmentBody,
    responses(
        (status = 200, description = "Sent: how many were queued, and why the others were not", body = SentView),
        (status = 403, description = "Coordinators and admins only", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn invite_segment(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    body: Bytes,
) -> Result<Json<SentView>, AppError> {
    crate::auth::require(can(&actor, ProfileAction::InviteToJoin, None))?;
    let filters = object::<SegmentBody>(&body)?.filters()?;
    let tally = bulk::invite_segment(&state, &actor, &filters).await?;
    Ok(Json(SentView {
        queued: tally.queued,
        has_account: tally.has_account,
        no_email: tally.no_email,
        already_invited: tally.already,
        most_per_sending: bulk::MAX_PER_SENDING,
    }))
}

/// What inviting one profile did.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = JoinInvitationOutcome)]
pub struct OutcomeView {
    /// The invitation is queued, to be emailed with its link (valid 14 days).
    queued: bool,
    /// Why not: has_account (told in their inbox instead), no_email, or already_invited (an
    /// invitation not expired is waiting); null when queued.
    skipped: Option<&'static str>,
}

/// Invites one profile without an account to join (coordinators and admins). Recorded in the
/// audit log.
#[utoipa::path(
    post,
    path = "/api/v1/experts/{id}/join-invitation",
    tag = "experts",
    params(("id" = String, Path, description = "Expert id")),
    responses(
        (status = 200, description = "Queued, or why not", body = OutcomeView),
        (status = 403, description = "Coordinators and admins only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such profile", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn invite_one(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<OutcomeView>, AppError> {
    crate::auth::require(can(&actor, ProfileAction::InviteToJoin, None))?;
    let id = ExpertId::parse(&id).map_err(|_| AppError::NotFound)?;
    store::owner(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let skipped = match bulk::invite_one(&state, &actor, id).await? {
        Ok(()) => None,
        Err(Skipped::NoProfile) => return Err(AppError::NotFound),
        Err(Skipped::HasAccount) => Some("has_account"),
        Err(Skipped::NoEmail) => Some("no_email"),
        Err(Skipped::AlreadyInvited) => Some("already_invited"),
    };
    Ok(Json(OutcomeView { queued: skipped.is_none(), skipped }))
}

/// A profile the caller may claim.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ClaimableProfile)]
pub struct ClaimableView {
    id: String,
    name: String,
    headline: String,
}

/// The profiles without an account that carry the caller's email.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ClaimableProfiles)]
pub struct ClaimableList {
    /// Nothing is offered until the caller's email is verified.
    email_verified: bool,
    /// At most 10, most recently updated first.
    items: Vec<ClaimableView>,
}

/// The profiles an expert may claim: those without an account that carry their verified email
/// (from an import or a mapping survey), as on the claim page (experts).
#[utoipa::path(
    get,
    path = "/api/v1/me/claimable-profiles",
    tag = "experts",
    responses(
        (status = 200, description = "The profiles offered", body = ClaimableList),
        (status = 403, description = "Experts only", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn claimable(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
) -> Result<Json<ClaimableList>, AppError> {
    let (email_verified, profiles) = claim::claimable(&state, &actor).await?;
    let items = profiles
        .into_iter()
        .map(|p| ClaimableView { id: p.id.to_string(), name: p.name, headline: p.headline })
        .collect();
    Ok(Json(ClaimableList { email_verified, items }))
}

/// Which profile to claim.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = ProfileClaim)]
pub struct ClaimBody {
    /// One of the profiles offered (`GET /api/v1/me/claimable-profiles`).
    #[schema(required = true, max_length = 36)]
    expert_id: String,
    /// The expert agrees to be listed and matched, under the consent text in force (absent:
    /// false; a consent the profile came with is then withdrawn).
    consent: bool,
}

/// The profile claimed.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = ProfileClaimed)]
pub struct ClaimedView {
    /// The caller's profile now.
    expert_id: String,
    consent: bool,
}

/// Takes one of the profiles offered as the caller's own, confirming (or not) the consent to
/// be matched (experts). An account whose own profile holds something already cannot claim
/// (422): a coordinator can merge them. Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/me/profile/claim",
    tag = "experts",
    request_body = ClaimBody,
    responses(
        (status = 200, description = "Claimed: the profile is the caller's", body = ClaimedView),
        (status = 403, description = "Experts only", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a profile offered, or the account has a profile of its own", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn claim(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Json<ClaimedView>, AppError> {
    crate::auth::require(can(&actor, ProfileAction::Claim, None))?;
    let input: ClaimBody = object(&body)?;
    let mut p = Problems::new();
    if !bounded(&mut p, "expert_id", &input.expert_id, 36) {
        return Err(AppError::Invalid(p.into_vec()));
    }
    let expert = claim::take(&state, &actor, &ip.to_string(), &input.expert_id, input.consent).await?;
    Ok(Json(ClaimedView { expert_id: expert.to_string(), consent: input.consent }))
}
