//! The rows a profile is written as, for one profile or for a whole batch of an import. Each
//! table takes one statement for the whole batch (cut only to stay under the engines' bound on
//! parameters): on SQLite every statement is a round trip to the connection's thread, so an
//! import that wrote a dozen statements per line spent most of its time waiting for them.

use crate::consent::Source;
use crate::model::*;
use passerelle_core::{Day, ExpertId, Timestamp, UserId};
use passerelle_db::{Tx, Values};

/// A profile about to be created.
pub struct NewExpert<'a> {
    pub id: ExpertId,
    pub data: &'a ProfileData,
    pub external_id: Option<&'a str>,
    /// The account it belongs to, if any.
    pub user_id: Option<UserId>,
    pub created_by: Option<UserId>,
    /// The consent to matching it comes with.
    pub consent: Option<GivenConsent<'a>>,
}

/// A consent to matching given with a new profile.
#[derive(Debug, Clone, Copy)]
pub struct GivenConsent<'a> {
    /// The version of the consent text.
    pub version: &'a str,
    pub at: Timestamp,
    pub source: Source,
}

/// A credential as stored: its id and where its verification stands.
pub struct StoredCredential<'a> {
    pub id: String,
    pub credential: &'a Credential,
    pub status: CredentialStatus,
    pub verified_by: Option<UserId>,
    pub verified_at: Option<Timestamp>,
}

impl<'a> StoredCredential<'a> {
    /// A credential the profile did not hold before: a new id, the status it was given.
    pub fn new(credential: &'a Credential) -> Self {
        StoredCredential {
            id: passerelle_accounts::secret::new_token("")[..16].to_owned(),
            credential,
            status: credential.status,
            verified_by: credential.verified_by,
            verified_at: credential.verified_at,
        }
    }
}

/// What goes into a profile's lists.
pub struct Lists<'a> {
    pub id: ExpertId,
    pub data: &'a ProfileData,
    pub credentials: Vec<StoredCredential<'a>>,
}

/// Inserts the main rows of new profiles, content and consent included.
pub async fn insert_experts(tx: &mut Tx, experts: &[NewExpert<'_>]) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    let head = "INSERT INTO experts (id, user_id, external_id, name, email, phone, city, residence_country, \
                travel_limits, headline, summary, years_experience, max_mission_days, notice_days, remote_now, \
                consent_version, consent_at, created_by, created_at, updated_at) ";
    Values::insert_all(tx, head, experts, 20, |row, e| {
        let d = e.data;
        row.push_bind(e.id)
            .push_bind(e.user_id)
            .push_bind(e.external_id)
            .push_bind(d.name.as_str())
            .push_bind(&d.email)
            .push_bind(&d.phone)
            .push_bind(d.city.as_str())
            .push_bind(d.residence_country)
            .push_bind(d.travel_limits.as_str())
            .push_bind(d.headline.as_str())
            .push_bind(d.summary.as_str())
            .push_bind(d.years_experience.map(i64::from))
            .push_bind(d.max_mission_days.map(i64::from))
            .push_bind(d.notice_days.map(i64::from))
            .push_bind(i64::from(d.remote_now))
            .push_bind(e.consent.map(|c| c.version))
            .push_bind(e.consent.map(|c| c.at))
            .push_bind(e.created_by)
            .push_bind(now)
            .push_bind(now);
    })
    .await?;
    Ok(())
}

/// Inserts the lists of profiles whose lists are empty (new, or just cleared).
pub async fn insert_lists(tx: &mut Tx, profiles: &[Lists<'_>]) -> Result<(), sqlx::Error> {
    let countries: Vec<_> = profiles
        .iter()
        .flat_map(|p| {
            let d = p.data;
            [("origin", &d.origins), ("nationality", &d.nationalities), ("no_travel", &d.no_travel)]
                .into_iter()
                .flat_map(move |(relation, list)| list.iter().map(move |country| (p.id, relation, *country)))
        })
        .collect();
    run(tx, "INSERT INTO expert_countries (expert_id, relation, country) ", &countries, 3, |row, (id, r, c)| {
        row.push_bind(*id).push_bind(*r).push_bind(*c);
    })
    .await?;

    let sectors: Vec<_> = profiles.iter().flat_map(|p| p.data.sectors.iter().map(move |s| (p.id, *s))).collect();
    run(tx, "INSERT INTO expert_sectors (expert_id, sector) ", &sectors, 2, |row, (id, sector)| {
        row.push_bind(*id).push_bind(*sector);
    })
    .await?;

    let memberships = positioned(profiles, |d| &d.memberships);
    let head = "INSERT INTO expert_memberships (expert_id, position, organisation, role) ";
    run(tx, head, &memberships, 4, |row, (id, i, m)| {
        row.push_bind(*id).push_bind(*i).push_bind(m.organisation.as_str()).push_bind(m.role.as_str());
    })
    .await?;

    let education = positioned(profiles, |d| &d.education);
    let head = "INSERT INTO expert_education (expert_id, position, degree, field, institution, country, year) ";
    run(tx, head, &education, 7, |row, (id, i, e)| {
        row.push_bind(*id)
            .push_bind(*i)
            .push_bind(e.degree.as_str())
            .push_bind(e.field.as_str())
            .push_bind(e.institution.as_str())
            .push_bind(e.country)
            .push_bind(e.year.map(i64::from));
    })
    .await?;

    let work = positioned(profiles, |d| &d.work);
    let head = "INSERT INTO expert_work (expert_id, position, role, employer, country, start_year, end_year) ";
    run(tx, head, &work, 7, |row, (id, i, w)| {
        row.push_bind(*id)
            .push_bind(*i)
            .push_bind(w.role.as_str())
            .push_bind(w.employer.as_str())
            .push_bind(w.country)
            .push_bind(w.start_year.map(i64::from))
            .push_bind(w.end_year.map(i64::from));
    })
    .await?;

    let skills = positioned(profiles, |d| &d.skills);
    let head = "INSERT INTO expert_skills (expert_id, position, skill_id, label, level, years) ";
    run(tx, head, &skills, 6, |row, (id, i, s)| {
        row.push_bind(*id)
            .push_bind(*i)
            .push_bind(&s.skill)
            .push_bind(s.label.as_str())
            .push_bind(i64::from(s.level))
            .push_bind(s.years.map(i64::from));
    })
    .await?;

    let languages = positioned(profiles, |d| &d.languages);
    let head = "INSERT INTO expert_languages (expert_id, language, spoken, written, spoken_rank, written_rank) ";
    run(tx, head, &languages, 6, |row, (id, _, l)| {
        row.push_bind(*id)
            .push_bind(l.language)
            .push_bind(l.spoken)
            .push_bind(l.written)
            .push_bind(i64::from(l.spoken.rank()))
            .push_bind(i64::from(l.written.rank()));
    })
    .await?;

    let credentials: Vec<_> =
        profiles.iter().flat_map(|p| p.credentials.iter().enumerate().map(move |(i, c)| (p.id, i as i64, c))).collect();
    let head = "INSERT INTO expert_credentials (id, expert_id, position, kind, title, issuer, country, number, \
                valid_until, status, verified_by, verified_at) ";
    run(tx, head, &credentials, 12, |row, (id, i, stored)| {
        let c = stored.credential;
        row.push_bind(stored.id.as_str())
            .push_bind(*id)
            .push_bind(*i)
            .push_bind(c.kind.code())
            .push_bind(c.title.as_str())
            .push_bind(c.issuer.as_str())
            .push_bind(c.country)
            .push_bind(c.number.as_str())
            .push_bind(c.valid_until.map(Day))
            .push_bind(stored.status.code())
            .push_bind(stored.verified_by)
            .push_bind(stored.verified_at);
    })
    .await?;

    let windows = positioned(profiles, |d| &d.windows);
    let head = "INSERT INTO expert_availability (expert_id, position, start_date, end_date, mode) ";
    run(tx, head, &windows, 5, |row, (id, i, w)| {
        row.push_bind(*id)
            .push_bind(*i)
            .push_bind(Day(w.range.start()))
            .push_bind(Day(w.range.end()))
            .push_bind(w.mode.code());
    })
    .await
}

/// Every entry of one list of every profile, with its profile and its position in the list.
fn positioned<'a, T>(
    profiles: &[Lists<'a>],
    list: impl Fn(&'a ProfileData) -> &'a Vec<T>,
) -> Vec<(ExpertId, i64, &'a T)> {
    profiles.iter().flat_map(|p| list(p.data).iter().enumerate().map(move |(i, item)| (p.id, i as i64, item))).collect()
}

async fn run<'q, T>(
    tx: &mut Tx,
    head: &str,
    rows: &'q [T],
    columns: usize,
    bind: impl FnMut(passerelle_db::Row<'_, 'q>, &'q T),
) -> Result<(), sqlx::Error> {
    Values::insert_all(tx, head, rows, columns, bind).await.map(|_| ())
}
