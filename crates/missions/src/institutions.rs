//! Host institutions: who asks for expertise. Members are accounts of role `institution`
//! (see `passerelle_accounts::users`); a coordinator verifies an institution before any of its
//! requests can be approved.

use passerelle_accounts::Actor;
use passerelle_core::{Country, Email, FieldError, InstitutionId, Problems, Sector, Timestamp, UserId};
use passerelle_db::{Db, Tx};
use serde::Serialize;
use sqlx::FromRow;

/// What kind of body an institution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Ministry,
    Hospital,
    University,
    TvetCollege,
    School,
    Municipality,
    Ngo,
    Company,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Ministry,
        Kind::Hospital,
        Kind::University,
        Kind::TvetCollege,
        Kind::School,
        Kind::Municipality,
        Kind::Ngo,
        Kind::Company,
        Kind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Ministry => "ministry",
            Kind::Hospital => "hospital",
            Kind::University => "university",
            Kind::TvetCollege => "tvet_college",
            Kind::School => "school",
            Kind::Municipality => "municipality",
            Kind::Ngo => "ngo",
            Kind::Company => "company",
            Kind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<Kind, passerelle_core::ParseError> {
        Self::ALL.into_iter().find(|k| k.code() == text.trim()).ok_or_else(|| {
            passerelle_core::ParseError::new(
                "institution_kind.unknown",
                format!("{text:?} is not a kind of institution ({})", Self::ALL.map(Kind::code).join(", ")),
            )
        })
    }
}

/// Whether a coordinator has checked that the institution is what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    Unverified,
    Verified,
    Rejected,
}

impl Verification {
    pub fn code(self) -> &'static str {
        match self {
            Verification::Unverified => "unverified",
            Verification::Verified => "verified",
            Verification::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Result<Verification, passerelle_core::ParseError> {
        match text.trim() {
            "unverified" => Ok(Verification::Unverified),
            "verified" => Ok(Verification::Verified),
            "rejected" => Ok(Verification::Rejected),
            _ => Err(passerelle_core::ParseError::new(
                "verification.unknown",
                format!("{text:?} is not a verification status (unverified, verified, rejected)"),
            )),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Institution {
    pub id: InstitutionId,
    pub name: String,
    pub kind: Kind,
    pub country: Country,
    pub city: String,
    pub sectors: Vec<Sector>,
    pub website: String,
    pub description: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub verification: Verification,
    pub verified_by: Option<UserId>,
    pub verified_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

/// An institution's description as typed in a form or an API body.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct InstitutionInput {
    pub name: String,
    pub kind: String,
    pub country: String,
    pub city: String,
    pub sectors: Vec<String>,
    pub website: String,
    pub description: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

/// An institution's description, checked.
#[derive(Debug, Clone)]
pub struct InstitutionFields {
    pub name: String,
    pub kind: Kind,
    pub country: Country,
    pub city: String,
    pub sectors: Vec<Sector>,
    pub website: String,
    pub description: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

impl InstitutionInput {
    /// Checks every field; reports all problems at once, each under its field name prefixed
    /// with `prefix` (e.g. `institution.`).
    pub fn validate(&self, prefix: &str) -> Result<InstitutionFields, Vec<FieldError>> {
        let mut p = Problems::new();
        let f = |name: &str| format!("{prefix}{name}");
        let name = p.text(&f("name"), &self.name, 200, true);
        if !name.is_empty() && name.chars().count() < 2 {
            p.push(FieldError::new(f("name"), "too_short", "at least 2 characters"));
        }
        let kind = p.parse(&f("kind"), &self.kind, Kind::parse);
        let country = p.parse(&f("country"), &self.country, Country::parse);
        let city = p.text(&f("city"), &self.city, 100, false);
        let mut sectors = Vec::new();
        for (i, s) in self.sectors.iter().filter(|s| !s.trim().is_empty()).enumerate() {
            if let Some(sector) = p.parse(&format!("{}[{i}]", f("sectors")), s, Sector::parse)
                && !sectors.contains(&sector)
            {
                sectors.push(sector);
            }
        }
        let website = p.text(&f("website"), &self.website, 300, false);
        if !(website.is_empty() || website.starts_with("https://") || website.starts_with("http://")) {
            p.push(FieldError::new(f("website"), "url.invalid", "a web address starts with https:// or http://"));
        }
        let description = p.text(&f("description"), &self.description, 5000, false);
        let contact_name = p.text(&f("contact_name"), &self.contact_name, 200, false);
        let contact_email = p.text(&f("contact_email"), &self.contact_email, 254, false);
        let contact_email = if contact_email.is_empty() {
            contact_email
        } else {
            p.parse(&f("contact_email"), &contact_email, Email::parse).map(|e| e.to_string()).unwrap_or_default()
        };
        let contact_phone = p.text(&f("contact_phone"), &self.contact_phone, 40, false);
        match (kind, country) {
            (Some(kind), Some(country)) if p.is_empty() => Ok(InstitutionFields {
                name,
                kind,
                country,
                city,
                sectors,
                website,
                description,
                contact_name,
                contact_email,
                contact_phone,
            }),
            _ => Err(p.into_vec()),
        }
    }
}

#[derive(FromRow)]
struct Row {
    id: InstitutionId,
    name: String,
    kind: String,
    country: Country,
    city: String,
    website: String,
    description: String,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
    verification: String,
    verified_by: Option<UserId>,
    verified_at: Option<Timestamp>,
    created_at: Timestamp,
}

const COLUMNS: &str = "id, name, kind, country, city, website, description, contact_name, contact_email, contact_phone, \
     verification, verified_by, verified_at, created_at";

fn decode(row: Row, sectors: Vec<Sector>) -> Result<Institution, sqlx::Error> {
    let bad = |e: passerelle_core::ParseError| sqlx::Error::Decode(e.into());
    Ok(Institution {
        id: row.id,
        name: row.name,
        kind: Kind::parse(&row.kind).map_err(bad)?,
        country: row.country,
        city: row.city,
        sectors,
        website: row.website,
        description: row.description,
        contact_name: row.contact_name,
        contact_email: row.contact_email,
        contact_phone: row.contact_phone,
        verification: Verification::parse(&row.verification).map_err(bad)?,
        verified_by: row.verified_by,
        verified_at: row.verified_at,
        created_at: row.created_at,
    })
}

pub async fn create(tx: &mut Tx, fields: &InstitutionFields) -> Result<InstitutionId, sqlx::Error> {
    let id = InstitutionId::new();
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO institutions (id, name, kind, country, city, website, description, contact_name, contact_email, \
         contact_phone, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(id)
    .bind(&fields.name)
    .bind(fields.kind.code())
    .bind(fields.country)
    .bind(&fields.city)
    .bind(&fields.website)
    .bind(&fields.description)
    .bind(&fields.contact_name)
    .bind(&fields.contact_email)
    .bind(&fields.contact_phone)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    write_sectors(tx, id, &fields.sectors).await?;
    Ok(id)
}

pub async fn update(tx: &mut Tx, id: InstitutionId, fields: &InstitutionFields) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE institutions SET name = $2, kind = $3, country = $4, city = $5, website = $6, description = $7, \
         contact_name = $8, contact_email = $9, contact_phone = $10, updated_at = $11 WHERE id = $1",
    )
    .bind(id)
    .bind(&fields.name)
    .bind(fields.kind.code())
    .bind(fields.country)
    .bind(&fields.city)
    .bind(&fields.website)
    .bind(&fields.description)
    .bind(&fields.contact_name)
    .bind(&fields.contact_email)
    .bind(&fields.contact_phone)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    write_sectors(tx, id, &fields.sectors).await?;
    Ok(done.rows_affected() == 1)
}

async fn write_sectors(tx: &mut Tx, id: InstitutionId, sectors: &[Sector]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM institution_sectors WHERE institution_id = $1").bind(id).execute(&mut **tx).await?;
    for sector in sectors {
        sqlx::query("INSERT INTO institution_sectors (institution_id, sector) VALUES ($1, $2)")
            .bind(id)
            .bind(sector)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn set_verification(
    tx: &mut Tx,
    id: InstitutionId,
    status: Verification,
    by: UserId,
) -> Result<bool, sqlx::Error> {
    let now = Timestamp::now();
    let done = sqlx::query(
        "UPDATE institutions SET verification = $2, verified_by = $3, verified_at = $4, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(status.code())
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get(db: &Db, id: InstitutionId) -> Result<Option<Institution>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM institutions WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let sectors = sectors_of(db, id).await?;
    decode(row, sectors).map(Some)
}

async fn sectors_of(db: &Db, id: InstitutionId) -> Result<Vec<Sector>, sqlx::Error> {
    sqlx::query_scalar("SELECT sector FROM institution_sectors WHERE institution_id = $1 ORDER BY sector")
        .bind(id)
        .fetch_all(db.reader())
        .await
}

/// Filters of the institution list.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: Option<String>,
    pub country: Option<Country>,
    pub verification: Option<Verification>,
    pub offset: u32,
    pub limit: u32,
}

/// Institutions matching the query, by name, and how many match in all.
pub async fn search(db: &Db, query: &Query) -> Result<(Vec<Institution>, u64), sqlx::Error> {
    let pattern = query
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| format!("%{}%", passerelle_accounts::users::escape_like(&t.trim().to_lowercase())));
    let filter = "FROM institutions WHERE ($1 IS NULL OR lower(name) LIKE $1 ESCAPE '\\' OR lower(city) LIKE $1 ESCAPE '\\') \
                  AND ($2 IS NULL OR country = $2) AND ($3 IS NULL OR verification = $3)";
    let verification = query.verification.map(Verification::code);
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {filter}"))
        .bind(&pattern)
        .bind(query.country)
        .bind(verification)
        .fetch_one(db.reader())
        .await?;
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} {filter} ORDER BY name LIMIT $4 OFFSET $5"))
        .bind(&pattern)
        .bind(query.country)
        .bind(verification)
        .bind(i64::from(query.limit.max(1)))
        .bind(i64::from(query.offset))
        .fetch_all(db.reader())
        .await?;
    let mut institutions = Vec::with_capacity(rows.len());
    for row in rows {
        let sectors = sectors_of(db, row.id).await?;
        institutions.push(decode(row, sectors)?);
    }
    Ok((institutions, u64::try_from(total).unwrap_or(0)))
}

/// What one may do with institutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstitutionAction {
    /// See its profile page.
    View,
    /// Change its description.
    Edit,
    /// Verify or reject it.
    Verify,
    /// Create one on behalf of a host (coordinators).
    Create,
    /// Browse all institutions.
    List,
}

/// The institutions policy: members see and edit their own; staff see, edit and verify all.
/// Anyone else learns nothing of an institution, not even that it exists.
pub fn can(actor: &Actor, action: InstitutionAction, institution: Option<InstitutionId>) -> bool {
    match action {
        InstitutionAction::List | InstitutionAction::Create | InstitutionAction::Verify => actor.is_staff(),
        InstitutionAction::View | InstitutionAction::Edit => {
            actor.is_staff() || institution.is_some_and(|id| actor.is_member_of(id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> InstitutionInput {
        InstitutionInput {
            name: "IPRC Kigali".into(),
            kind: "tvet_college".into(),
            country: "RW".into(),
            city: "Kigali".into(),
            sectors: vec!["tvet".into(), "engineering".into(), "tvet".into()],
            website: "https://www.rp.ac.rw".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_description_passes_and_duplicates_are_dropped() {
        let fields = input().validate("").unwrap();
        assert_eq!(fields.kind, Kind::TvetCollege);
        assert_eq!(fields.sectors, vec![Sector::Tvet, Sector::Engineering]);
    }

    #[test]
    fn every_problem_is_named() {
        let bad = InstitutionInput {
            name: " ".into(),
            kind: "castle".into(),
            country: "ZZ".into(),
            website: "www.example.org".into(),
            contact_email: "nobody".into(),
            sectors: vec!["mining".into()],
            ..Default::default()
        };
        let errors = bad.validate("institution.").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "institution.name",
                "institution.kind",
                "institution.country",
                "institution.sectors[0]",
                "institution.website",
                "institution.contact_email"
            ]
        );
    }
}
