//! Demonstration host institutions in the programmes' countries (DRC, Rwanda, Burundi,
//! Mauritania, Morocco, Senegal, Guinea), each with one member. Most are verified; one awaits
//! verification with requests submitted, one was rejected. The data is `data/institutions.toml`
//! (compiled in, read once).

use passerelle_accounts::users::{self, Membership, NewUser};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Country, Email, InstitutionId, Locale, Sector};
use passerelle_db::Db;
use passerelle_missions::institutions::{self, InstitutionFields, Kind, Verification};
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoInstitution {
    /// How the other demonstration data names it.
    pub slug: String,
    pub name: String,
    #[serde(deserialize_with = "kind")]
    pub kind: Kind,
    pub country: String,
    pub city: String,
    pub sectors: Vec<Sector>,
    pub website: String,
    pub description: String,
    /// The contact person, who is also the institution's member on the platform.
    pub contact_name: String,
    pub contact_phone: String,
    #[serde(deserialize_with = "verification")]
    pub verification: Verification,
    /// The language of the member's account.
    pub locale: Locale,
}

/// The institution the demo "institution" account belongs to.
pub const HOME: &str = "iprc-kigali";

const DATA: &str = include_str!("data/institutions.toml");

/// The file: one `[[institution]]` table per institution.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstitutionsFile {
    institution: Vec<DemoInstitution>,
}

static INSTITUTIONS: OnceLock<Vec<DemoInstitution>> = OnceLock::new();

/// The demonstration institutions, in the order they are created; read from
/// `data/institutions.toml` the first time.
pub fn all() -> anyhow::Result<&'static [DemoInstitution]> {
    if let Some(institutions) = INSTITUTIONS.get() {
        return Ok(institutions);
    }
    let file: InstitutionsFile = toml::from_str(DATA)
        .map_err(|e| anyhow::anyhow!("the demonstration institutions (demo/data/institutions.toml): {e}"))?;
    Ok(INSTITUTIONS.get_or_init(|| file.institution))
}

/// A kind of institution by its code (`tvet_college`).
fn kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Kind, D::Error> {
    Kind::parse(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

/// A verification status by its code (`verified`).
fn verification<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Verification, D::Error> {
    Verification::parse(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

/// An institution seeded: its member, as an actor.
pub struct Seeded {
    pub actor: Actor,
}

/// The email of an institution's member: the demo institution account for the home
/// institution, `<slug>@members.passerelle.example` for the others.
pub fn member_email(institution: &DemoInstitution) -> String {
    if institution.slug == HOME {
        "institution@passerelle.example".to_owned()
    } else {
        format!("{}@members.passerelle.example", institution.slug)
    }
}

/// Creates every institution (unverified): slug → id.
pub async fn create_all(db: &Db) -> anyhow::Result<HashMap<&'static str, InstitutionId>> {
    let mut tx = db.begin().await?;
    let mut ids = HashMap::new();
    for i in all()? {
        let fields = InstitutionFields {
            name: i.name.clone(),
            kind: i.kind,
            country: Country::parse(&i.country)?,
            city: i.city.clone(),
            sectors: i.sectors.clone(),
            website: i.website.clone(),
            description: i.description.clone(),
            contact_name: i.contact_name.clone(),
            contact_email: member_email(i),
            contact_phone: i.contact_phone.clone(),
        };
        ids.insert(i.slug.as_str(), institutions::create(&mut tx, &fields).await?);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Gives each institution other than the home one a member (with `password_hash`, a password
/// nobody was told), then the coordinator's verdicts. Returns every institution with its member.
pub async fn members_and_verdicts(
    db: &Db,
    ids: &HashMap<&'static str, InstitutionId>,
    home_member: Actor,
    password_hash: &str,
    coordinator: &Actor,
) -> anyhow::Result<HashMap<&'static str, Seeded>> {
    let mut seeded = HashMap::new();
    let mut tx = db.begin().await?;
    for i in all()? {
        let id = ids[i.slug.as_str()];
        let actor = if i.slug == HOME {
            home_member.clone()
        } else {
            let user = users::insert(
                &mut tx,
                &NewUser {
                    email: Email::parse(&member_email(i))?,
                    name: i.contact_name.trim_start_matches("Dr ").trim_start_matches("Pr ").into(),
                    role: Role::Institution,
                    password_hash: password_hash.to_owned(),
                    locale: i.locale,
                    institution: Some((id, Membership::Active)),
                    email_verified: true,
                },
            )
            .await?;
            user.actor()
        };
        seeded.insert(i.slug.as_str(), Seeded { actor });
    }
    tx.commit().await?;
    for i in all()?.iter().filter(|i| i.verification != Verification::Unverified) {
        let comment = match i.verification {
            Verification::Rejected => "No registration found at the trade register; contact did not answer.",
            _ => "Checked with the programme's partner in the country.",
        };
        institutions::verify_by(db, coordinator, ids[i.slug.as_str()], i.verification, comment, "").await?;
    }
    Ok(seeded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demonstration_institutions_parse_and_include_the_home_one() {
        let demo = all().unwrap();
        assert_eq!(demo.len(), 17);
        assert!(demo.iter().any(|i| i.slug == HOME));
        for (n, i) in demo.iter().enumerate() {
            assert!(Country::parse(&i.country).is_ok(), "{}: country {}", i.slug, i.country);
            assert!(demo[..n].iter().all(|other| other.slug != i.slug), "{} twice", i.slug);
        }
    }
}
