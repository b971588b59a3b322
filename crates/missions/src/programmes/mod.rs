//! Programmes: the frame coordinators work in (MIDA-style missions for the Great Lakes, a TVET
//! Training of Trainers, urgent medical calls…), with a donor, countries, sectors and a period.
//! Every request belongs to one. Coordinators and admins manage them; institution members read
//! them (to choose one for a request); experts have no use for them here.
//!
//! A programme's name and description are written in English, in French or in both (at least
//! one name): each reader reads them in their language, else in the other one.

pub mod plan;
pub mod progress;

use crate::codes::{code_enum, field_problem};
use passerelle_accounts::audit::{self, Event};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{
    Bilingual, Country, DateRange, FieldError, Locale, Problems, ProgrammeId, Sector, Timestamp, parse_date,
};
use passerelle_db::{Db, Tx};
use plan::{Plan, PlanInput};
use sqlx::FromRow;

code_enum! {
    /// Whether new requests may join the programme.
    pub enum ProgrammeStatus ("a programme status", "programme.status_unknown") {
        Active => "active",
        Closed => "closed",
    }
}

/// The longest name, in each language.
pub const MAX_NAME: usize = 200;
/// The longest description, in each language.
pub const MAX_DESCRIPTION: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    pub id: ProgrammeId,
    pub code: String,
    pub name: Bilingual,
    pub description: Bilingual,
    pub funder: String,
    pub countries: Vec<Country>,
    pub sectors: Vec<Sector>,
    pub period: DateRange,
    pub status: ProgrammeStatus,
    pub plan: Plan,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A programme as typed in a form or sent as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgrammeInput {
    pub code: String,
    /// The name in English and in French: one of them at least.
    pub name_en: String,
    pub name_fr: String,
    pub description_en: String,
    pub description_fr: String,
    pub funder: String,
    pub countries: Vec<String>,
    pub sectors: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub status: String,
    pub plan: PlanInput,
}

/// A programme, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeFields {
    pub code: String,
    pub name: Bilingual,
    pub description: Bilingual,
    pub funder: String,
    pub countries: Vec<Country>,
    pub sectors: Vec<Sector>,
    pub period: DateRange,
    pub status: ProgrammeStatus,
    pub plan: Plan,
}

impl ProgrammeInput {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self) -> Result<ProgrammeFields, Vec<FieldError>> {
        let mut p = Problems::new();
        let code = p.text("code", &self.code, 30, true).to_ascii_uppercase();
        let well_formed =
            code.len() >= 2 && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if !code.is_empty() && !well_formed {
            p.push(FieldError::new(
                "code",
                "programme.code_format",
                "2 to 30 letters, digits and hyphens, e.g. MIDA-GL-2026",
            ));
        }
        let name = Bilingual::new(
            p.text("name_en", &self.name_en, MAX_NAME, false),
            p.text("name_fr", &self.name_fr, MAX_NAME, false),
        );
        if name.is_empty() {
            p.push(FieldError::new(
                "name_en",
                "programme.name_required",
                "the programme's name, in English, in French or in both",
            ));
        }
        let description = Bilingual::new(
            p.paragraphs("description_en", &self.description_en, MAX_DESCRIPTION, false),
            p.paragraphs("description_fr", &self.description_fr, MAX_DESCRIPTION, false),
        );
        let funder = p.text("funder", &self.funder, 200, false);
        let mut countries = Vec::new();
        for (i, text) in self.countries.iter().enumerate().filter(|(_, t)| !t.trim().is_empty()) {
            match Country::parse(text) {
                Ok(country) if !countries.contains(&country) => countries.push(country),
                Ok(_) => {}
                Err(e) => p.push(field_problem("programme", format!("countries[{i}]"), &e)),
            }
        }
        let mut sectors = Vec::new();
        for (i, text) in self.sectors.iter().enumerate().filter(|(_, t)| !t.trim().is_empty()) {
            match Sector::parse(text) {
                Ok(sector) if !sectors.contains(&sector) => sectors.push(sector),
                Ok(_) => {}
                Err(e) => p.push(field_problem("programme", format!("sectors[{i}]"), &e)),
            }
        }
        let mut date = |field: &str, text: &str| {
            if text.trim().is_empty() {
                p.push(FieldError::required(field));
                return None;
            }
            parse_date(text).map_err(|e| p.push(field_problem("programme", field, &e))).ok()
        };
        let starts_on = date("starts_on", &self.starts_on);
        let ends_on = date("ends_on", &self.ends_on);
        let period = match (starts_on, ends_on) {
            (Some(start), Some(end)) => match DateRange::new(start, end) {
                Ok(period) => Some(period),
                Err(_) => {
                    p.push(FieldError::new(
                        "ends_on",
                        "programme.end_before_start",
                        "the end date must not be before the start date",
                    ));
                    None
                }
            },
            _ => None,
        };
        let status = if self.status.trim().is_empty() {
            Some(ProgrammeStatus::Active)
        } else {
            ProgrammeStatus::parse(&self.status).map_err(|e| p.push(field_problem("programme", "status", &e))).ok()
        };
        let plan = self.plan.validate(&mut p);
        match (period, status) {
            (Some(period), Some(status)) if p.is_empty() => {
                Ok(ProgrammeFields { code, name, description, funder, countries, sectors, period, status, plan })
            }
            _ => Err(p.into_vec()),
        }
    }
}

impl Programme {
    /// The programme as its edit form shows it.
    pub fn to_input(&self) -> ProgrammeInput {
        ProgrammeInput {
            code: self.code.clone(),
            name_en: self.name.given(Locale::En).to_owned(),
            name_fr: self.name.given(Locale::Fr).to_owned(),
            description_en: self.description.given(Locale::En).to_owned(),
            description_fr: self.description.given(Locale::Fr).to_owned(),
            funder: self.funder.clone(),
            countries: self.countries.iter().map(ToString::to_string).collect(),
            sectors: self.sectors.iter().map(ToString::to_string).collect(),
            starts_on: self.period.start().to_string(),
            ends_on: self.period.end().to_string(),
            status: self.status.to_string(),
            plan: self.plan.to_input(),
        }
    }
}

/// What one may do with programmes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgrammeAction {
    /// List programmes and see one, with the requests one may see in it.
    Read,
    /// Create, edit, close.
    Manage,
}

/// The programmes policy: staff manage; staff and institution members read.
pub fn can(actor: &Actor, action: ProgrammeAction) -> bool {
    match action {
        ProgrammeAction::Read => actor.is_staff() || actor.role == Role::Institution,
        ProgrammeAction::Manage => actor.is_staff(),
    }
}

/// Why a programme could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    #[error("no such programme")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn code_taken() -> SaveError {
    SaveError::Invalid(vec![FieldError::new("code", "programme.code_taken", "another programme has this code")])
}

fn map_unique(error: sqlx::Error) -> SaveError {
    match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => code_taken(),
        _ => SaveError::Database(error),
    }
}

/// Creates a programme, recording it in the audit log as done by `actor`.
pub async fn create(db: &Db, actor: &Actor, fields: &ProgrammeFields, ip: &str) -> Result<ProgrammeId, SaveError> {
    let id = ProgrammeId::new();
    let now = Timestamp::now();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO programmes (id, code, name_en, name_fr, description_en, description_fr, funder, starts_on, \
         ends_on, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(id)
    .bind(&fields.code)
    .bind(fields.name.given(Locale::En))
    .bind(fields.name.given(Locale::Fr))
    .bind(fields.description.given(Locale::En))
    .bind(fields.description.given(Locale::Fr))
    .bind(&fields.funder)
    .bind(fields.period.start().to_string())
    .bind(fields.period.end().to_string())
    .bind(fields.status.code())
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(map_unique)?;
    write_lists(&mut tx, id, fields).await?;
    plan::write(&mut tx, id, &fields.plan).await?;
    let target = id.to_string();
    let event = Event::by(Some(actor), "programme.create").on("programme", &target).from_ip(ip).detail(&fields.code);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a programme (closing it is a change of status).
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: ProgrammeId,
    fields: &ProgrammeFields,
    ip: &str,
) -> Result<(), SaveError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE programmes SET code = $2, name_en = $3, name_fr = $4, description_en = $5, description_fr = $6, \
         funder = $7, starts_on = $8, ends_on = $9, status = $10, updated_at = $11 WHERE id = $1",
    )
    .bind(id)
    .bind(&fields.code)
    .bind(fields.name.given(Locale::En))
    .bind(fields.name.given(Locale::Fr))
    .bind(fields.description.given(Locale::En))
    .bind(fields.description.given(Locale::Fr))
    .bind(&fields.funder)
    .bind(fields.period.start().to_string())
    .bind(fields.period.end().to_string())
    .bind(fields.status.code())
    .bind(Timestamp::now())
    .execute(&mut *tx)
    .await
    .map_err(map_unique)?;
    if done.rows_affected() != 1 {
        return Err(SaveError::NotFound);
    }
    write_lists(&mut tx, id, fields).await?;
    plan::write(&mut tx, id, &fields.plan).await?;
    let target = id.to_string();
    let detail = format!("{} ({})", fields.code, fields.status);
    let event = Event::by(Some(actor), "programme.edit").on("programme", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

async fn write_lists(tx: &mut Tx, id: ProgrammeId, fields: &ProgrammeFields) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM programme_countries WHERE programme_id = $1").bind(id).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM programme_sectors WHERE programme_id = $1").bind(id).execute(&mut **tx).await?;
    for country in &fields.countries {
        sqlx::query("INSERT INTO programme_countries (programme_id, country) VALUES ($1, $2)")
            .bind(id)
            .bind(country)
            .execute(&mut **tx)
            .await?;
    }
    for sector in &fields.sectors {
        sqlx::query("INSERT INTO programme_sectors (programme_id, sector) VALUES ($1, $2)")
            .bind(id)
            .bind(sector)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: ProgrammeId,
    code: String,
    name_en: String,
    name_fr: String,
    description_en: String,
    description_fr: String,
    funder: String,
    starts_on: String,
    ends_on: String,
    status: String,
    kind: String,
    target_experts: Option<i64>,
    target_expert_days: Option<i64>,
    target_people_trained: Option<i64>,
    currency: String,
    budget: Option<i64>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

const COLUMNS: &str = "id, code, name_en, name_fr, description_en, description_fr, funder, starts_on, ends_on, \
                       status, kind, target_experts, target_expert_days, target_people_trained, currency, budget, \
                       created_at, updated_at";

async fn decode(db: &Db, row: Row) -> Result<Programme, sqlx::Error> {
    let bad = |e: passerelle_core::ParseError| sqlx::Error::Decode(e.into());
    let countries: Vec<Country> =
        sqlx::query_scalar("SELECT country FROM programme_countries WHERE programme_id = $1 ORDER BY country")
            .bind(row.id)
            .fetch_all(db.reader())
            .await?;
    let sectors: Vec<Sector> =
        sqlx::query_scalar("SELECT sector FROM programme_sectors WHERE programme_id = $1 ORDER BY sector")
            .bind(row.id)
            .fetch_all(db.reader())
            .await?;
    let per_diem: Vec<(Country, i64)> = sqlx::query_as(
        "SELECT country, daily_rate FROM programme_per_diem_rates WHERE programme_id = $1 ORDER BY country",
    )
    .bind(row.id)
    .fetch_all(db.reader())
    .await?;
    let stored = plan::Stored {
        kind: row.kind,
        target_experts: row.target_experts,
        target_expert_days: row.target_expert_days,
        target_people_trained: row.target_people_trained,
        currency: row.currency,
        budget: row.budget,
    };
    let plan = plan::decode(stored, per_diem).map_err(bad)?;
    let period = DateRange::new(parse_date(&row.starts_on).map_err(bad)?, parse_date(&row.ends_on).map_err(bad)?)
        .map_err(bad)?;
    Ok(Programme {
        id: row.id,
        code: row.code,
        name: Bilingual::new(row.name_en, row.name_fr),
        description: Bilingual::new(row.description_en, row.description_fr),
        funder: row.funder,
        countries,
        sectors,
        period,
        status: ProgrammeStatus::parse(&row.status).map_err(bad)?,
        plan,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub async fn get(db: &Db, id: ProgrammeId) -> Result<Option<Programme>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM programmes WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    match row {
        Some(row) => decode(db, row).await.map(Some),
        None => Ok(None),
    }
}

/// Programmes, active ones first, then by name (the English one, else the French one: pages sort
/// them again by the name their reader reads); only those of `status` when given.
pub async fn list(db: &Db, status: Option<ProgrammeStatus>) -> Result<Vec<Programme>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM programmes WHERE ($1 IS NULL OR status = $1) ORDER BY status = 'closed', \
         COALESCE(NULLIF(name_en, ''), name_fr)"
    ))
    .bind(status.map(ProgrammeStatus::code))
    .fetch_all(db.reader())
    .await?;
    let mut programmes = Vec::with_capacity(rows.len());
    for row in rows {
        programmes.push(decode(db, row).await?);
    }
    Ok(programmes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProgrammeInput {
        ProgrammeInput {
            code: "mida-gl-2026".into(),
            name_en: "MIDA Great Lakes".into(),
            funder: "Belgian development cooperation".into(),
            countries: vec!["CD".into(), "RW".into(), "BI".into(), "rw".into(), String::new()],
            sectors: vec!["health".into(), "education".into()],
            starts_on: "2026-01-01".into(),
            ends_on: "2028-12-31".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_programme_passes_and_round_trips() {
        let fields = input().validate().unwrap();
        assert_eq!(fields.code, "MIDA-GL-2026");
        assert_eq!(fields.countries.len(), 3);
        assert_eq!(fields.status, ProgrammeStatus::Active, "active unless said otherwise");
    }

    #[test]
    fn control_characters_are_refused_at_their_field() {
        let bad = ProgrammeInput {
            name_en: "MIDA\u{1b}[31m".into(),
            name_fr: "Grands Lacs\u{202e}".into(),
            funder: "\u{2067}Funder".into(),
            description_fr: "Fine\nbut\u{0}".into(),
            ..input()
        };
        let fields: Vec<_> = bad.validate().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        let fields: Vec<_> = fields.iter().map(|(f, c)| (f.as_str(), c.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("name_en", "text.control"),
                ("name_fr", "text.control"),
                ("description_fr", "text.control"),
                ("funder", "text.control")
            ]
        );
        assert!(ProgrammeInput { description_en: "Two\nlines".into(), ..input() }.validate().is_ok());
    }

    #[test]
    fn every_problem_is_named() {
        let bad = ProgrammeInput {
            code: "mida gl".into(),
            name_en: " ".into(),
            countries: vec!["XX".into()],
            sectors: vec!["mining".into()],
            starts_on: "2027-01-01".into(),
            ends_on: "2026-01-01".into(),
            status: "paused".into(),
            ..Default::default()
        };
        let errors = bad.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            [
                ("code", "programme.code_format"),
                ("name_en", "programme.name_required"),
                ("countries[0]", "programme.country_unknown"),
                ("sectors[0]", "programme.sector_unknown"),
                ("ends_on", "programme.end_before_start"),
                ("status", "programme.status_unknown"),
            ]
        );
    }

    #[test]
    fn a_name_in_either_language_will_do_and_each_is_bounded() {
        let french = ProgrammeInput {
            name_en: String::new(),
            name_fr: " Transfert de compétences pour les Grands Lacs ".into(),
            description_fr: "Des missions courtes.".into(),
            ..input()
        };
        let fields = french.validate().unwrap();
        assert_eq!(fields.name.get(Locale::En), "Transfert de compétences pour les Grands Lacs", "trimmed");
        assert_eq!(fields.name.given(Locale::En), "");
        assert_eq!(fields.description.get(Locale::En), "Des missions courtes.");
        let both = ProgrammeInput { name_fr: "Grands Lacs".into(), ..input() }.validate().unwrap();
        assert_eq!((both.name.get(Locale::En), both.name.get(Locale::Fr)), ("MIDA Great Lakes", "Grands Lacs"));

        let long = ProgrammeInput {
            name_fr: "n".repeat(MAX_NAME + 1),
            description_en: "d".repeat(MAX_DESCRIPTION + 1),
            description_fr: "d".repeat(MAX_DESCRIPTION),
            ..input()
        };
        let errors = long.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(fields, [("name_fr", "too_long"), ("description_en", "too_long")]);
    }
}
