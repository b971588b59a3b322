//! `serve --demo`: demonstration data for an empty database, so that every page has something
//! to show: one account per role, an institution, and a roster of 300 experts. Deterministic where it matters (names, places); passwords are random, written to
//! `demo-accounts.txt` in the data directory (readable by its owner only) and printed at each
//! start with `--demo`.

mod experts;

use crate::cli::Failure;
use passerelle_accounts::users::{self, Membership, NewUser};
use passerelle_accounts::{Role, password};
use passerelle_core::{Email, Locale, Sector};
use passerelle_db::Db;
use passerelle_missions::institutions::{self, InstitutionFields, Kind, Verification};
use std::path::PathBuf;

const CREDENTIALS_FILE: &str = "demo-accounts.txt";

pub struct DemoAccount {
    pub role: String,
    pub email: String,
    pub password: String,
}

fn credentials_path(db: &Db) -> PathBuf {
    db.path().with_file_name(CREDENTIALS_FILE)
}

/// Seeds an empty database; on a database seeded earlier, gives back its demo accounts.
pub async fn seed(db: &Db) -> Result<Vec<DemoAccount>, Failure> {
    let users = users::count(db).await.map_err(anyhow::Error::from)?;
    let path = credentials_path(db);
    if users > 0 {
        if let Ok(text) = std::fs::read_to_string(&path) {
            return Ok(parse_credentials(&text));
        }
        tracing::warn!("the database is not empty: demo data not seeded");
        return Ok(vec![]);
    }
    tracing::info!("seeding demonstration data");
    let accounts = seed_accounts(db).await.map_err(Failure::Other)?;
    let text: String = accounts.iter().map(|a| format!("{}\t{}\t{}\n", a.role, a.email, a.password)).collect();
    write_private(&path, &text).map_err(anyhow::Error::from)?;
    Ok(accounts)
}

fn parse_credentials(text: &str) -> Vec<DemoAccount> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            Some(DemoAccount {
                role: parts.next()?.to_owned(),
                email: parts.next()?.to_owned(),
                password: parts.next()?.to_owned(),
            })
        })
        .collect()
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

async fn seed_accounts(db: &Db) -> anyhow::Result<Vec<DemoAccount>> {
    let mut tx = db.begin().await?;
    let college = institutions::create(
        &mut tx,
        &InstitutionFields {
            name: "IPRC Kigali — Rwanda Polytechnic".into(),
            kind: Kind::TvetCollege,
            country: passerelle_core::Country::parse("RW")?,
            city: "Kigali".into(),
            sectors: vec![Sector::Tvet, Sector::Engineering, Sector::Ict],
            website: "https://www.rp.ac.rw".into(),
            description:
                "Integrated Polytechnic Regional College of Kigali, one of the colleges of Rwanda Polytechnic, \
                          training technicians in construction, electricity, mechanics and ICT."
                    .into(),
            contact_name: "Emmanuel Nkurunziza".into(),
            contact_email: "institution@passerelle.example".into(),
            contact_phone: "+250788000111".into(),
        },
    )
    .await?;
    let people = [
        (Role::Admin, "admin@passerelle.example", "Sophie Lambert", Locale::Fr, None),
        (Role::Coordinator, "coordinator@passerelle.example", "Jean-Pierre Habimana", Locale::Fr, None),
        (Role::Expert, "expert@passerelle.example", "Aline Uwase", Locale::Fr, None),
        (Role::Institution, "institution@passerelle.example", "Emmanuel Nkurunziza", Locale::En, Some(college)),
    ];
    let mut accounts = Vec::new();
    let mut coordinator = None;
    let mut expert = None;
    for (role, email, name, locale, institution) in people {
        let secret = password::generate();
        let user = users::insert(
            &mut tx,
            &NewUser {
                email: Email::parse(email)?,
                name: name.into(),
                role,
                password_hash: password::hash(secret.clone()).await?,
                locale,
                institution: institution.map(|id| (id, Membership::Active)),
                email_verified: true,
            },
        )
        .await?;
        match role {
            Role::Coordinator => coordinator = Some(user.id),
            Role::Expert => expert = Some(user.id),
            _ => {}
        }
        accounts.push(DemoAccount { role: role.code().into(), email: email.into(), password: secret });
    }
    if let Some(coordinator) = coordinator {
        institutions::set_verification(&mut tx, college, Verification::Verified, coordinator).await?;
    }
    tx.commit().await?;
    if let (Some(expert), Some(coordinator)) = (expert, coordinator) {
        experts::seed(db, expert, coordinator).await?;
    }
    Ok(accounts)
}
