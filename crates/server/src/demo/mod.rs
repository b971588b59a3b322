//! `serve --demo`: demonstration data for an empty database, so that every page has something
//! to show. Deterministic where it matters (names, places); passwords are random, written to
//! `demo-accounts.txt` in the data directory (readable by its owner only) and printed at each
//! start with `--demo`.
//!
//! One account per role, then host institutions with a member each (whose password nobody is
//! told: they exist to own requests), programmes, and about forty requests in every state of the
//! workflow (`institutions`, `programmes`, `needs`, `requests`), a roster of 300 experts (`experts`), and
//! candidates, missions, reports, evaluations and a call for experts in every state of the
//! mission pipeline (`pipeline`).

mod budgets;
mod experts;
mod institutions;
mod needs;
mod pipeline;
mod programmes;
mod requests;
mod survey;

use crate::cli::Failure;
use passerelle_accounts::users::{self, Membership, NewUser};
use passerelle_accounts::{Actor, Role, password};
use passerelle_core::{Email, Locale};
use passerelle_db::Db;
use std::path::{Path, PathBuf};

const CREDENTIALS_FILE: &str = "demo-accounts.txt";

pub struct DemoAccount {
    pub role: String,
    pub email: String,
    pub password: String,
}

fn credentials_path(data_dir: &Path) -> PathBuf {
    data_dir.join(CREDENTIALS_FILE)
}

/// Seeds an empty database; on a database seeded earlier, gives back its demo accounts.
pub async fn seed(db: &Db, data_dir: &Path) -> Result<Vec<DemoAccount>, Failure> {
    let users = users::count(db).await.map_err(anyhow::Error::from)?;
    let path = credentials_path(data_dir);
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

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

async fn seed_accounts(db: &Db) -> anyhow::Result<Vec<DemoAccount>> {
    let institution_ids = institutions::create_all(db).await?;
    let home = institution_ids[institutions::HOME];
    let people = [
        (Role::Admin, "admin@passerelle.example", "Sophie Lambert", Locale::Fr, None),
        (Role::Coordinator, "coordinator@passerelle.example", "Jean-Pierre Habimana", Locale::Fr, None),
        (Role::Expert, "expert@passerelle.example", "Aline Uwase", Locale::Fr, None),
        (Role::Institution, "institution@passerelle.example", "Emmanuel Nkurunziza", Locale::En, Some(home)),
    ];
    let mut accounts = Vec::new();
    let mut actors: Vec<Actor> = Vec::new();
    let mut tx = db.begin().await?;
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
        actors.push(user.actor());
        accounts.push(DemoAccount { role: role.code().into(), email: email.into(), password: secret });
    }
    tx.commit().await?;
    let [admin, coordinator, expert, member] =
        <[Actor; 4]>::try_from(actors).map_err(|_| anyhow::anyhow!("four demo accounts expected"))?;
    // The other institutions' members: a password generated, hashed, and forgotten.
    let nobody_knows = password::hash(password::generate()).await?;
    let members = institutions::members_and_verdicts(db, &institution_ids, member, &nobody_knows, &coordinator).await?;
    let walked = requests::seed(db, &coordinator, &admin, &members).await?;
    tracing::info!(institutions = members.len(), requests = needs::all()?.len(), "demonstration requests seeded");
    experts::seed(db, expert.user_id, coordinator.user_id).await?;
    pipeline::seed(db, &coordinator, &members, &expert, &nobody_knows, &walked).await?;
    experts::fitted(db, &walked, coordinator.user_id).await?;
    budgets::costs(db, &coordinator).await?;
    survey::seed(db, &coordinator, &nobody_knows).await?;
    tracing::info!("demonstration candidates and missions seeded");
    Ok(accounts)
}
