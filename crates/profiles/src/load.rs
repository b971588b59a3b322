//! Loading profiles: a batch of profiles in one statement, each of their tables gathered by
//! the database into one JSON array.
//!
//! A profile spans ten tables. Reading each list as rows costs a round trip through the
//! database driver per row (about forty per profile); gathering each table's rows for the whole
//! batch in SQL costs one per table, and reading each table over the batch's id range (rather
//! than ten lookups per profile) keeps the database's work to one walk of each index. That is
//! what lets the search index be rebuilt from the database at tens of thousands of profiles a
//! second. The JSON functions differ between the engines; the dialect writes them.

use crate::model::*;
use passerelle_core::{
    Cefr, Country, DateRange, Email, ExpertId, Language, Phone, Sector, Timestamp, UserId, parse_date,
};
use passerelle_db::{Conn, Db, Dialect};
use passerelle_taxonomy::SkillId;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// The statement reading every profile `keeps` selects (given the column holding the expert's
/// id in each table): one row, one JSON array per table.
fn batch(d: Dialect, keeps: impl Fn(&str) -> String) -> String {
    let list = |rank: &str, columns: &[&str], table: &str| {
        format!("({})", d.json_keyed_rows("expert_id", rank, columns, table, &keeps("expert_id")))
    };
    let head = format!(
        "({})",
        d.json_keyed_rows(
            "id",
            "0",
            &[
                "user_id",
                "external_id",
                "name",
                "email",
                "phone",
                "city",
                "residence_country",
                "travel_limits",
                "headline",
                "summary",
                "years_experience",
                "max_mission_days",
                "notice_days",
                "remote_now",
                "consent_version",
                "consent_at",
                "confirmed_at",
                "created_at",
                "updated_at",
            ],
            "experts",
            &keeps("id"),
        )
    );
    // Sectors and languages are put in order when the profile is made ([`Row::into_profile`]).
    let lists = [
        list("rowid", &["relation", "country"], "expert_countries"),
        list("0", &["sector"], "expert_sectors"),
        list("position", &["organisation", "role"], "expert_memberships"),
        list("position", &["degree", "field", "institution", "country", "year"], "expert_education"),
        list("position", &["role", "employer", "country", "start_year", "end_year"], "expert_work"),
        list("position", &["skill_id", "label", "level", "years"], "expert_skills"),
        list("0", &["language", "spoken", "written"], "expert_languages"),
        list(
            "position",
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
        ),
        list("position", &["start_date", "end_date", "mode"], "expert_availability"),
    ];
    format!("SELECT {head}, {}", lists.join(", "))
}

/// The ten JSON arrays [`batch`] answers, in its order.
type Tables = (String, String, String, String, String, String, String, String, String, String);

pub async fn load(db: &Db, id: ExpertId) -> Result<Option<Profile>, sqlx::Error> {
    Ok(load_many(db, &[id]).await?.pop())
}

/// Loads many profiles at once, in the order of `ids`; unknown ids are left out.
pub async fn load_many(db: &Db, ids: &[ExpertId]) -> Result<Vec<Profile>, sqlx::Error> {
    let mut found: HashMap<ExpertId, Profile> = HashMap::with_capacity(ids.len());
    for (chunk, placeholders) in passerelle_core::sql::in_lists(ids, 1) {
        let sql = batch(db.dialect(), |id| format!("{id} IN ({placeholders})"));
        let mut query = sqlx::query_as::<_, Tables>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for profile in decode(query.fetch_one(db.reader()).await?)? {
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
    let after = after.map_or_else(String::new, |id| id.to_string());
    let last: Option<String> =
        sqlx::query_scalar("SELECT max(id) FROM (SELECT id FROM experts WHERE id > $1 ORDER BY id LIMIT $2) AS b")
            .bind(&after)
            .bind(i64::from(limit))
            .fetch_one(&mut *conn)
            .await?;
    let Some(last) = last else { return Ok(Vec::new()) };
    let tables = sqlx::query_as::<_, Tables>(&batch(dialect, |id| format!("{id} > $1 AND {id} <= $2")))
        .bind(&after)
        .bind(&last)
        .fetch_one(conn)
        .await?;
    decode(tables)
}

/// The profiles of one batch, in id order.
fn decode(tables: Tables) -> Result<Vec<Profile>, sqlx::Error> {
    let (head, countries, sectors, memberships, education, work, skills, languages, credentials, windows) = tables;
    let mut heads: Vec<(ExpertId, i64, Head)> = parse(&head)?;
    heads.sort_unstable_by_key(|(id, _, _)| *id);
    let at: HashMap<ExpertId, usize> = heads.iter().enumerate().map(|(i, (id, _, _))| (*id, i)).collect();
    let mut rows: Vec<Row> = heads.into_iter().map(|(id, _, head)| Row::new(id, head)).collect();
    // Each table's rows go to their profile, then in rank order.
    fn spread<T: DeserializeOwned>(
        json: &str,
        at: &HashMap<ExpertId, usize>,
        rows: &mut [Row],
        list: impl Fn(&mut Row) -> &mut Vec<T>,
    ) -> Result<(), sqlx::Error> {
        let mut items = parse::<(ExpertId, i64, T)>(json)?;
        items.sort_by_key(|(_, rank, _)| *rank);
        for (id, _, item) in items {
            // Every row's profile is in the batch (the tables are read in one statement, under
            // one snapshot, with the same filter); the lookup only keeps a row that is not from
            // being put under another profile.
            if let Some(&i) = at.get(&id) {
                list(&mut rows[i]).push(item);
            }
        }
        Ok(())
    }
    spread(&countries, &at, &mut rows, |r| &mut r.countries)?;
    spread(&sectors, &at, &mut rows, |r| &mut r.sectors)?;
    spread(&memberships, &at, &mut rows, |r| &mut r.memberships)?;
    spread(&education, &at, &mut rows, |r| &mut r.education)?;
    spread(&work, &at, &mut rows, |r| &mut r.work)?;
    spread(&skills, &at, &mut rows, |r| &mut r.skills)?;
    spread(&languages, &at, &mut rows, |r| &mut r.languages)?;
    spread(&credentials, &at, &mut rows, |r| &mut r.credentials)?;
    spread(&windows, &at, &mut rows, |r| &mut r.windows)?;
    rows.into_iter().map(Row::into_profile).collect()
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<Vec<T>, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// The columns of `experts`, in the order of [`batch`].
#[derive(Deserialize)]
struct Head {
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
}

/// A profile as read, before its lists become the model's.
struct Row {
    id: ExpertId,
    head: Head,
    countries: Vec<(String, Country)>,
    sectors: Vec<(Sector,)>,
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
    fn new(id: ExpertId, head: Head) -> Row {
        Row {
            id,
            head,
            countries: Vec::new(),
            sectors: Vec::new(),
            memberships: Vec::new(),
            education: Vec::new(),
            work: Vec::new(),
            skills: Vec::new(),
            languages: Vec::new(),
            credentials: Vec::new(),
            windows: Vec::new(),
        }
    }

    fn into_profile(self) -> Result<Profile, sqlx::Error> {
        let head = self.head;
        let mut data = ProfileData {
            name: head.name,
            email: head.email,
            phone: head.phone,
            city: head.city,
            residence_country: head.residence_country,
            travel_limits: head.travel_limits,
            headline: head.headline,
            summary: head.summary,
            years_experience: to_u16(head.years_experience),
            max_mission_days: to_u16(head.max_mission_days),
            notice_days: to_u16(head.notice_days),
            remote_now: head.remote_now != 0,
            ..ProfileData::default()
        };
        for (relation, country) in self.countries {
            match relation.as_str() {
                "origin" => data.origins.push(country),
                "nationality" => data.nationalities.push(country),
                _ => data.no_travel.push(country),
            }
        }
        data.sectors = self.sectors.into_iter().map(|(sector,)| sector).collect();
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
        // The strongest spoken first, as forms and pages list them.
        data.languages
            .sort_by(|a, b| b.spoken.rank().cmp(&a.spoken.rank()).then(a.language.code().cmp(b.language.code())));
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
            user_id: head.user_id,
            external_id: head.external_id,
            data,
            consent: head.consent_version.zip(head.consent_at).map(|(version, given_at)| Consent { version, given_at }),
            confirmed_at: head.confirmed_at,
            created_at: head.created_at,
            updated_at: head.updated_at,
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
