//! Host institutions: who asks for expertise. Members are accounts of role `institution`
//! (see `passerelle_accounts::users`); a coordinator verifies an institution before any of its
//! requests can be approved.

mod store;

pub use store::*;

use passerelle_accounts::Actor;
use passerelle_core::{Country, Email, FieldError, InstitutionId, Problems, Sector, Timestamp, UserId};
use serde::Serialize;

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

impl Institution {
    /// The description as its edit form shows it.
    pub fn to_input(&self) -> InstitutionInput {
        InstitutionInput {
            name: self.name.clone(),
            kind: self.kind.code().to_owned(),
            country: self.country.to_string(),
            city: self.city.clone(),
            sectors: self.sectors.iter().map(ToString::to_string).collect(),
            website: self.website.clone(),
            description: self.description.clone(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            contact_phone: self.contact_phone.clone(),
        }
    }
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
        let description = p.paragraphs(&f("description"), &self.description, 5000, false);
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

/// The longest comment on a verification.
pub const MAX_VERIFICATION_COMMENT: usize = 900;

/// Checks the comment of a verification (form or API).
pub fn check_verification_comment(comment: &str) -> Result<(), FieldError> {
    if comment.chars().count() > MAX_VERIFICATION_COMMENT {
        return Err(FieldError::too_long("comment", MAX_VERIFICATION_COMMENT));
    }
    passerelle_core::check_text("comment", comment, passerelle_core::Lines::Many)
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
    fn control_characters_are_refused_at_their_field() {
        let bad = InstitutionInput {
            name: "IPRC\u{202e}ilagiK".into(),
            description: "Two lines\nare fine, a bell\u{7} is not".into(),
            contact_name: "Tab\there".into(),
            ..input()
        };
        let errors = bad.validate("institution.").unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            found,
            [
                ("institution.name", "text.control"),
                ("institution.description", "text.control"),
                ("institution.contact_name", "text.control")
            ]
        );
        let fine = InstitutionInput { description: "Two lines\r\nand\ta tab".into(), ..input() };
        assert!(fine.validate("").is_ok());
        assert_eq!(check_verification_comment("ok\u{0}").unwrap_err().code, "text.control");
        assert!(check_verification_comment("Checked the registry.\nAll good.").is_ok());
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
