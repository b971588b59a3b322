//! Loading profiles: one row per profile, its lists gathered by the database into JSON arrays.
//!
//! A profile spans ten tables. Reading each list as rows costs a round trip through the
//! database driver per row (about forty per profile); gathering them in SQL costs one, which is
//! what lets the search index be rebuilt from the database at tens of thousands of profiles a
//! second. The JSON functions differ between the engines; the dialect writes them.

use crate::model::*;
use passerelle_core::{
    Cefr, Country, DateRange, Email, ExpertId, Language, Phone, Sector, Timestamp, UserId, parse_date,
};
use passerelle_db::{Conn, Db, Dialect, Engine};
use passerelle_taxonomy::SkillId;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A profile as one JSON object (`doc`): its columns, and each list as an array of arrays in
/// the list's own order.
fn select(d: Dialect) -> String {
    let list = |columns: &[&str], table: &str, order: &str| d.json_rows(columns, table, "expert_id = e.id", order);
    let object = d.json_object(&[
        ("id", "e.id"),
        ("user_id", "e.user_id"),
        ("external_id", "e.external_id"),
        ("name", "e.name"),
        ("email", "e.email"),
        ("phone", "e.phone"),
        ("city", "e.city"),
        ("residence_country", "e.residence_country"),
        ("travel_limits", "e.travel_limits"),
        ("headline", "e.headline"),
        ("summary", "e.summary"),
        ("years_experience", "e.years_experience"),
        ("max_mission_days", "e.max_mission_days"),
        ("notice_days", "e.notice_days"),
        ("remote_now", "e.remote_now"),
        ("consent_version", "e.consent_version"),
        ("consent_at", "e.consent_at"),
        ("confirmed_at", "e.confirmed_at"),
        ("created_at", "e.created_at"),
        ("updated_at", "e.updated_at"),
        ("countries", &list(&["relation", "country"], "expert_countries", "rowid")),
        ("sectors", &d.json_values("sector", "expert_sectors", "expert_id = e.id")),
        ("memberships", &list(&["organisation", "role"], "expert_memberships", "position")),
        ("education", &list(&["degree", "field", "institution", "country", "year"], "expert_education", "position")),
        ("work", &list(&["role", "employer", "country", "start_year", "end_year"], "expert_work", "position")),
        ("skills", &list(&["skill_id", "label", "level", "years"], "expert_skills", "position")),
        ("languages", &list(&["language", "spoken", "written"], "expert_languages", "spoken_rank DESC, language")),
        (
            "credentials",
            &list(
                &[
                    "id",
                    "kind",
                    "title",
                    "issuer",
                    "country",
                    "number",
                    "valid_until",
                    "status",
                    "verified_by",
                    "verified_at",
                ],
                "expert_credentials",
                "position",
            ),
        ),
        ("windows", &list(&["start_date", "end_date", "mode"], "expert_availability", "position")),
    ]);
    format!("SELECT {object} AS doc FROM experts e")
}

static SELECT_SQLITE: LazyLock<String> = LazyLock::new(|| select(Dialect::of(Engine::Sqlite)));
static SELECT_POSTGRES: LazyLock<String> = LazyLock::new(|| select(Dialect::of(Engine::Postgres)));

/// The profiles `filter` selects, as one JSON array: one row for the whole batch, where a row
/// per profile costs a hand-over between the database thread and ours for each.
fn batch(d: Dialect, filter: &str) -> String {
    let select = match d.engine() {
        Engine::Sqlite => &*SELECT_SQLITE,
        Engine::Postgres => &*SELECT_POSTGRES,
    };
    d.json_array_of(&format!("{select} {filter}"))
}

pub async fn load(db: &Db, id: ExpertId) -> Result<Option<Profile>, sqlx::Error> {
    Ok(load_many(db, &[id]).await?.pop())
}

/// Loads many profiles at once, in the order of `ids`; unknown ids are left out.
pub async fn load_many(db: &Db, ids: &[ExpertId]) -> Result<Vec<Profile>, sqlx::Error> {
    let mut found: HashMap<ExpertId, Profile> = HashMap::with_capacity(ids.len());
    for (chunk, placeholders) in passerelle_core::sql::in_lists(ids, 1) {
        let sql = batch(db.dialect(), &format!("WHERE e.id IN ({placeholders})"));
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for profile in decode(&query.fetch_one(db.reader()).await?)? {
            found.insert(profile.id, profile);
        }
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// The next `limit` profiles after `after`, in id order: for walking every profile in batches
/// (the index rebuild) without a query for the ids first. On a connection the caller holds, so
/// that a walk keeps one connection's page cache warm instead of rotating through the pool's.
pub async fn load_after(
    conn: &mut Conn,
    dialect: Dialect,
    after: Option<ExpertId>,
    limit: u32,
) -> Result<Vec<Profile>, sqlx::Error> {
    // `id > ''` rather than `$1 IS NULL OR …`, which SQLite answers by scanning from the start.
    let json = sqlx::query_scalar::<_, String>(&batch(dialect, "WHERE e.id > $1 ORDER BY e.id LIMIT $2"))
        .bind(after.map_or_else(String::new, |id| id.to_string()))
        .bind(i64::from(limit))
        .fetch_one(conn)
        .await?;
    let mut profiles = decode(&json)?;
    profiles.sort_unstable_by_key(|p| p.id);
    Ok(profiles)
}

fn decode(json: &str) -> Result<Vec<Profile>, sqlx::Error> {
    let rows: Vec<Row> = serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(e.into()))?;
    rows.into_iter().map(Row::into_profile).collect()
}

#[derive(Deserialize)]
struct Row {
    id: ExpertId,
    user_id: Option<UserId>,
    external_id: Option<String>,
    name: String,
    email: Option<Email>,
    phone: Option<Phone>,
    city: String,
    residence_country: Option<Country>,
    travel_limits: String,
    headline: String,
    summary: String,
    years_experience: Option<i64>,
    max_mission_days: Option<i64>,
    notice_days: Option<i64>,
    remote_now: i64,
    consent_version: Option<String>,
    consent_at: Option<Timestamp>,
    confirmed_at: Option<Timestamp>,
    created_at: Timestamp,
    updated_at: Timestamp,
    countries: Vec<(String, Country)>,
    sectors: Vec<Sector>,
    memberships: Vec<(String, String)>,
    education: Vec<EducationItem>,
    work: Vec<WorkItem>,
    skills: Vec<SkillItem>,
    languages: Vec<(Language, Cefr, Cefr)>,
    credentials: Vec<CredentialItem>,
    windows: Vec<(String, String, String)>,
}

// The items of the lists, in the order of their `json_array` in `SELECT`.

#[derive(Deserialize)]
struct EducationItem(String, String, String, Option<Country>, Option<i64>);

#[derive(Deserialize)]
struct WorkItem(String, String, Option<Country>, Option<i64>, Option<i64>);

#[derive(Deserialize)]
struct SkillItem(Option<SkillId>, String, i64, Option<i64>);

#[derive(Deserialize)]
struct CredentialItem(
    String,
    String,
    String,
    String,
    Option<Country>,
    String,
    Option<String>,
    String,
    Option<UserId>,
    Option<Timestamp>,
);

impl Row {
    fn into_profile(self) -> Result<Profile, sqlx::Error> {
        let mut data = ProfileData {
            name: self.name,
            email: self.email,
            phone: self.phone,
            city: self.city,
            residence_country: self.residence_country,
            travel_limits: self.travel_limits,
            headline: self.headline,
            summary: self.summary,
            years_experience: to_u16(self.years_experience),
            max_mission_days: to_u16(self.max_mission_days),
            notice_days: to_u16(self.notice_days),
            remote_now: self.remote_now != 0,
            ..ProfileData::default()
        };
        for (relation, country) in self.countries {
            match relation.as_str() {
                "origin" => data.origins.push(country),
                "nationality" => data.nationalities.push(country),
                _ => data.no_travel.push(country),
            }
        }
        data.sectors = self.sectors;
        data.sectors.sort();
        data.memberships = self
            .memberships
            .into_iter()
            .map(|(organisation, role)| OrganisationMembership { organisation, role })
            .collect();
        data.education = self
            .education
            .into_iter()
            .map(|EducationItem(degree, field, institution, country, year)| Education {
                degree,
                field,
                institution,
                country,
                year: to_u16(year),
            })
            .collect();
        data.work = self
            .work
            .into_iter()
            .map(|WorkItem(role, employer, country, start, end)| Work {
                role,
                employer,
                country,
                start_year: to_u16(start),
                end_year: to_u16(end),
            })
            .collect();
        data.skills = self
            .skills
            .into_iter()
            .map(|SkillItem(skill, label, level, years)| SkillEntry {
                skill,
                label,
                level: level.clamp(1, 4) as u8,
                years: to_u16(years),
            })
            .collect();
        data.languages = self
            .languages
            .into_iter()
            .map(|(language, spoken, written)| LanguageEntry { language, spoken, written })
            .collect();
        data.credentials = self.credentials.into_iter().map(credential).collect::<Result<_, _>>()?;
        data.windows = self
            .windows
            .into_iter()
            .filter_map(|(start, end, mode)| {
                Some(Window {
                    range: DateRange::new(parse_date(&start).ok()?, parse_date(&end).ok()?).ok()?,
                    mode: WorkMode::parse(&mode).ok()?,
                })
            })
            .collect();
        Ok(Profile {
            id: self.id,
            user_id: self.user_id,
            external_id: self.external_id,
            data,
            consent: self.consent_version.zip(self.consent_at).map(|(version, given_at)| Consent { version, given_at }),
            confirmed_at: self.confirmed_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

fn credential(
    CredentialItem(id, kind, title, issuer, country, number, valid_until, status, verified_by, verified_at): CredentialItem,
) -> Result<Credential, sqlx::Error> {
    let bad = |e: passerelle_core::ParseError| sqlx::Error::Decode(e.into());
    Ok(Credential {
        id,
        kind: CredentialKind::parse(&kind).map_err(bad)?,
        title,
        issuer,
        country,
        number,
        valid_until: valid_until.as_deref().map(parse_date).transpose().map_err(bad)?,
        status: CredentialStatus::parse(&status).map_err(bad)?,
        verified_by,
        verified_at,
    })
}

fn to_u16(n: Option<i64>) -> Option<u16> {
    n.and_then(|n| u16::try_from(n).ok())
}
