//! Writing a checked profile: create, update or upsert by external id, with its consent, in
//! the caller's transaction. Everything is checked before the first write, so that a refused
//! profile leaves nothing behind.

use crate::consent::{self, Source};
use crate::input::{Checked, ExpertInput};
use crate::mentions::{self, Mentions};
use crate::model::Profile;
use crate::resolve::SkillResolver;
use crate::store::{self, GivenConsent, NewExpert};
use passerelle_core::{ExpertId, FieldError, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use std::collections::HashMap;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("invalid profile")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Which profile a write goes to.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// A new profile, belonging to this account (if any).
    New { user: Option<UserId> },
    /// This profile.
    Existing(ExpertId),
    /// The profile with the input's external id, created if there is none.
    ByExternalId,
}

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub id: ExpertId,
    pub created: bool,
}

/// Checks an input and finds its skills in the taxonomy.
pub fn check(input: &ExpertInput, resolver: &SkillResolver) -> Result<Checked, Vec<FieldError>> {
    let mut checked = input.validate(Timestamp::now().date())?;
    resolver.resolve(&mut checked);
    checked.mentions = Some(Mentions::of(resolver.taxonomy(), &checked.data));
    Ok(checked)
}

pub async fn write(
    tx: &mut Tx,
    checked: &Checked,
    target: Target,
    by: Option<UserId>,
    source: Source,
) -> Result<Written, WriteError> {
    if let Some(claim) = &checked.consent
        && claim.matching
        && !consent::text_exists(tx, &claim.version).await?
    {
        return Err(WriteError::Invalid(vec![unknown_consent(&claim.version)]));
    }
    let existing = match target {
        Target::New { .. } => None,
        Target::Existing(id) => Some(id),
        Target::ByExternalId => match &checked.external_id {
            Some(external) => store::id_for_external(tx, external).await?,
            None => None,
        },
    };
    let Some(id) = existing else {
        let user = match target {
            Target::New { user } => user,
            _ => None,
        };
        let id = ExpertId::new();
        store::create_many(tx, &[new_expert(id, checked, user, by, source)]).await?;
        keep_mentions(tx, &[(id, checked)]).await?;
        return Ok(Written { id, created: true });
    };
    store::save(tx, id, &checked.data, &checked.credential_ids).await?;
    keep_mentions(tx, &[(id, checked)]).await?;
    if let Some(claim) = &checked.consent {
        let current = store::consent_version_in(tx, id).await?;
        let wanted = claim.matching.then(|| claim.version.clone());
        if current != wanted {
            let at = claim.given_at.unwrap_or_else(Timestamp::now);
            let version = wanted.clone().or(current).unwrap_or_default();
            consent::record(tx, id, &version, claim.matching, at, by, source).await?;
        }
    }
    Ok(Written { id, created: false })
}

/// Creates new profiles (an import's lines whose external id is not taken), all in a few
/// statements; each line answers its id, or the refusal of a consent version that does not
/// exist (each version is looked up once).
pub async fn create_many(
    tx: &mut Tx,
    lines: &[&Checked],
    by: Option<UserId>,
    source: Source,
) -> Result<Vec<Result<ExpertId, FieldError>>, sqlx::Error> {
    let mut known = HashMap::new();
    for claim in lines.iter().filter_map(|c| c.consent.as_ref()).filter(|c| c.matching) {
        if !known.contains_key(&claim.version) {
            let exists = consent::text_exists(tx, &claim.version).await?;
            known.insert(claim.version.clone(), exists);
        }
    }
    let outcomes: Vec<Result<ExpertId, FieldError>> = lines
        .iter()
        .map(|checked| match &checked.consent {
            Some(claim) if claim.matching && !known[&claim.version] => Err(unknown_consent(&claim.version)),
            _ => Ok(ExpertId::new()),
        })
        .collect();
    let experts: Vec<_> = lines
        .iter()
        .zip(&outcomes)
        .filter_map(|(checked, outcome)| Some(new_expert(*outcome.as_ref().ok()?, checked, None, by, source)))
        .collect();
    store::create_many(tx, &experts).await?;
    let created: Vec<(ExpertId, &Checked)> = lines
        .iter()
        .zip(&outcomes)
        .filter_map(|(checked, outcome)| Some((*outcome.as_ref().ok()?, *checked)))
        .collect();
    keep_mentions(tx, &created).await?;
    Ok(outcomes)
}

/// Keeps the skills each profile's texts name, read when it was checked; a profile checked
/// without the taxonomy has them read by the search index instead.
async fn keep_mentions(tx: &mut Tx, written: &[(ExpertId, &Checked)]) -> Result<(), sqlx::Error> {
    let kept: Vec<(ExpertId, &Mentions)> =
        written.iter().filter_map(|(id, checked)| Some((*id, checked.mentions.as_ref()?))).collect();
    mentions::save(tx, &kept).await
}

fn new_expert<'a>(
    id: ExpertId,
    checked: &'a Checked,
    user_id: Option<UserId>,
    by: Option<UserId>,
    source: Source,
) -> NewExpert<'a> {
    let consent = checked.consent.as_ref().filter(|claim| claim.matching).map(|claim| GivenConsent {
        version: &claim.version,
        at: claim.given_at.unwrap_or_else(Timestamp::now),
        source,
    });
    NewExpert { id, data: &checked.data, external_id: checked.external_id.as_deref(), user_id, created_by: by, consent }
}

fn unknown_consent(version: &str) -> FieldError {
    FieldError::new(
        "consent.version",
        "consent.unknown_version",
        format!("{version:?} is not a version of the consent text"),
    )
}

/// The input that gives back `profile` as it is (for the API and for editing one part of a
/// profile through a form while keeping the rest).
pub fn input_of(profile: &Profile) -> ExpertInput {
    use crate::input::*;
    let d = &profile.data;
    let text = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    ExpertInput {
        external_id: profile.external_id.clone(),
        name: d.name.clone(),
        email: d.email.as_ref().map(ToString::to_string),
        phone: d.phone.as_ref().map(ToString::to_string),
        city: text(&d.city),
        residence_country: d.residence_country.map(|c| c.to_string()),
        origin_countries: d.origins.iter().map(ToString::to_string).collect(),
        nationalities: d.nationalities.iter().map(ToString::to_string).collect(),
        no_travel_countries: d.no_travel.iter().map(ToString::to_string).collect(),
        travel_limits: text(&d.travel_limits),
        memberships: d
            .memberships
            .iter()
            .map(|m| MembershipInput { organisation: m.organisation.clone(), role: m.role.clone() })
            .collect(),
        headline: text(&d.headline),
        summary: text(&d.summary),
        years_experience: d.years_experience.map(i64::from),
        sectors: d.sectors.iter().map(ToString::to_string).collect(),
        education: d
            .education
            .iter()
            .map(|e| EducationInput {
                degree: e.degree.clone(),
                field: e.field.clone(),
                institution: e.institution.clone(),
                country: e.country.map(|c| c.to_string()),
                year: e.year.map(i64::from),
            })
            .collect(),
        work_history: d
            .work
            .iter()
            .map(|w| WorkInput {
                role: w.role.clone(),
                employer: w.employer.clone(),
                country: w.country.map(|c| c.to_string()),
                start_year: w.start_year.map(i64::from),
                end_year: w.end_year.map(i64::from),
            })
            .collect(),
        skills: d
            .skills
            .iter()
            .map(|s| SkillInput {
                label: s.label.clone(),
                esco_uri: None,
                level: Some(i64::from(s.level)),
                years: s.years.map(i64::from),
            })
            .collect(),
        languages: d
            .languages
            .iter()
            .map(|l| LanguageInput {
                code: l.language.to_string(),
                spoken: l.spoken.to_string(),
                written: l.written.to_string(),
            })
            .collect(),
        credentials: d
            .credentials
            .iter()
            .map(|c| CredentialInput {
                id: Some(c.id.clone()),
                kind: c.kind.code().to_owned(),
                title: c.title.clone(),
                issuer: c.issuer.clone(),
                country: c.country.map(|c| c.to_string()),
                number: c.number.clone(),
                valid_until: c.valid_until.map(|d| d.to_string()),
            })
            .collect(),
        availability: d
            .windows
            .iter()
            .map(|w| WindowInput {
                start: w.range.start().to_string(),
                end: w.range.end().to_string(),
                mode: w.mode.code().to_owned(),
            })
            .collect(),
        max_mission_days: d.max_mission_days.map(i64::from),
        notice_days: d.notice_days.map(i64::from),
        remote_now: d.remote_now,
        consent: None,
    }
}

/// The profile of an account, created empty (with the account's name) on first need.
pub async fn profile_of_account(db: &Db, user: UserId, name: &str) -> Result<ExpertId, sqlx::Error> {
    if let Some(id) = store::id_for_user(db, user).await? {
        return Ok(id);
    }
    let mut tx = db.begin().await?;
    // Checked again under the write lock: two first visits at once make one profile.
    let found: Option<ExpertId> =
        sqlx::query_scalar("SELECT id FROM experts WHERE user_id = $1").bind(user).fetch_optional(&mut *tx).await?;
    if let Some(id) = found {
        return Ok(id);
    }
    let data = crate::model::ProfileData { name: name.to_owned(), ..Default::default() };
    let id = store::create(&mut tx, &data, None, Some(user), Some(user)).await?;
    tx.commit().await?;
    Ok(id)
}
