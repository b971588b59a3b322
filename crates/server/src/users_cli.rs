//! `passerelle user …` and `passerelle token …`: accounts managed from the command line, on the
//! data directory of a stopped or a running server. Every change is in the audit log, by "cli".

use crate::cli::{Failure, open_database};
use crate::config::Config;
use clap::Subcommand;
use passerelle_accounts::audit::{self, Event, actions};
use passerelle_accounts::users::{self, NewUser, User};
use passerelle_accounts::{Role, api_tokens, password};
use passerelle_core::{Email, Locale};
use passerelle_db::Db;
use std::io::Read;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account (typically the first admin, or a coordinator).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// expert, institution, coordinator or admin.
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        /// Interface and email language: en or fr.
        #[arg(long, default_value = "en")]
        locale: String,
    },
    /// Change an account's role (its sessions end: new rights start with a new sign-in).
    SetRole {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: String,
    },
    /// Disable an account: its sessions and tokens stop working at once.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again.
    Enable {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a personal API token for an account; prints it once.
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
    },
}

fn usage(message: String) -> Failure {
    Failure::Other(anyhow::anyhow!(message))
}

fn parse_role(text: &str) -> Result<Role, Failure> {
    Role::parse(text).map_err(|e| usage(e.to_string()))
}

async fn find(db: &Db, email: &str) -> Result<User, Failure> {
    let email = Email::parse(email).map_err(|e| usage(e.to_string()))?;
    users::by_email(db, &email)
        .await
        .map_err(anyhow::Error::from)?
        .ok_or_else(|| usage(format!("no account uses {email}")))
}

const CLI: Event<'static> =
    Event { actor: None, actor_label: "cli", action: "", target_kind: "", target_id: "", client_ip: "", detail: "" };

pub async fn run_user(command: UserCommand, config: Config) -> Result<(), Failure> {
    let db = open_database(&config).await?;
    db.migrate().await.map_err(anyhow::Error::from)?;
    let result = user(&db, command).await;
    db.close().await;
    result
}

async fn user(db: &Db, command: UserCommand) -> Result<(), Failure> {
    match command {
        UserCommand::Add { email, name, role, password_stdin, locale } => {
            let email = Email::parse(&email).map_err(|e| usage(e.to_string()))?;
            let role = parse_role(&role)?;
            let locale = Locale::parse(&locale).map_err(|e| usage(e.to_string()))?;
            if name.trim().is_empty() {
                return Err(usage("the name must not be empty".into()));
            }
            passerelle_core::check_text("name", &name, passerelle_core::Lines::One)
                .map_err(|e| usage(format!("--name: {}", e.message)))?;
            let (secret, generated) = if password_stdin {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).map_err(anyhow::Error::from)?;
                (text.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (password::generate(), true)
            };
            password::check(&secret, email.as_str()).map_err(|w| usage(w.message()))?;
            let mut tx = db.begin().await.map_err(anyhow::Error::from)?;
            let new = NewUser {
                email: email.clone(),
                name,
                role,
                password_hash: password::hash(secret.clone()).await?,
                locale,
                institution: None,
                email_verified: true,
            };
            let user = users::insert(&mut tx, &new).await.map_err(|e| usage(e.to_string()))?;
            let id = user.id.to_string();
            let event = Event { action: actions::ACCOUNT_CREATE, ..CLI }.on("user", &id).detail(role.code());
            audit::record(&mut tx, &event).await.map_err(anyhow::Error::from)?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            println!("Created {} account {email} ({id}).", role.code());
            if generated {
                println!("Password (shown once): {secret}");
            }
        }
        UserCommand::SetRole { email, role } => {
            let user = find(db, &email).await?;
            let role = parse_role(&role)?;
            let mut tx = db.begin().await.map_err(anyhow::Error::from)?;
            users::set_role(&mut tx, user.id, role).await.map_err(anyhow::Error::from)?;
            passerelle_accounts::sessions::end_all_for_user(&mut tx, user.id, None)
                .await
                .map_err(anyhow::Error::from)?;
            let (id, detail) = (user.id.to_string(), format!("{} -> {role}", user.role));
            let event = Event { action: actions::ROLE_CHANGE, ..CLI }.on("user", &id).detail(&detail);
            audit::record(&mut tx, &event).await.map_err(anyhow::Error::from)?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            println!("{} is now {role}.", user.email);
        }
        UserCommand::Disable { email } => set_disabled(db, &email, true).await?,
        UserCommand::Enable { email } => set_disabled(db, &email, false).await?,
    }
    Ok(())
}

async fn set_disabled(db: &Db, email: &str, disabled: bool) -> Result<(), Failure> {
    let user = find(db, email).await?;
    let mut tx = db.begin().await.map_err(anyhow::Error::from)?;
    users::set_disabled(&mut tx, user.id, disabled).await.map_err(anyhow::Error::from)?;
    let id = user.id.to_string();
    let action = if disabled { actions::ACCOUNT_DISABLE } else { actions::ACCOUNT_ENABLE };
    audit::record(&mut tx, &Event { action, ..CLI }.on("user", &id)).await.map_err(anyhow::Error::from)?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    println!("{} is {}.", user.email, if disabled { "disabled" } else { "enabled" });
    Ok(())
}

pub async fn run_token(command: TokenCommand, config: Config) -> Result<(), Failure> {
    let db = open_database(&config).await?;
    db.migrate().await.map_err(anyhow::Error::from)?;
    let TokenCommand::Create { email, name } = command;
    let result = async {
        let user = find(&db, &email).await?;
        if name.trim().is_empty() {
            return Err(usage("the token needs a name".into()));
        }
        passerelle_core::check_text("name", &name, passerelle_core::Lines::One)
            .map_err(|e| usage(format!("--name: {}", e.message)))?;
        let mut tx = db.begin().await.map_err(anyhow::Error::from)?;
        let (info, token) = api_tokens::create(&mut tx, user.id, &name).await.map_err(anyhow::Error::from)?;
        let event = Event { action: actions::TOKEN_CREATE, ..CLI }.on("api_token", &info.id).detail(&info.name);
        audit::record(&mut tx, &event).await.map_err(anyhow::Error::from)?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        println!("{token}");
        Ok(())
    }
    .await;
    db.close().await;
    result
}
