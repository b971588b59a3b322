//! What a person changes on their own account, written once for the account page
//! (`super::settings`) and the API (`/api/v1/me/…`): their name, language and time zone, their
//! password, their personal API tokens and their sessions, each in one transaction with its
//! audit record. Problems are `AppError::Invalid`, naming the field; the page shows them on its
//! form, the API answers them as problem details.

use crate::forms::bounded;
use crate::{AppError, AppState};
use passerelle_accounts::api_tokens::{self, TokenInfo};
use passerelle_accounts::audit::{self, Event, actions};
use passerelle_accounts::{Actor, password, sessions, users};
use passerelle_core::{FieldError, Locale, MAX_TIME_ZONE_CHARS, Problems, TimeZone};

/// The longest name of an account, in characters.
pub(crate) const MAX_NAME: usize = super::admin::MAX_NAME;

/// A person's name, language and time zone, checked.
pub(crate) struct Settings {
    pub(crate) name: String,
    pub(crate) locale: Locale,
    /// `None`: from their country.
    pub(crate) time_zone: Option<TimeZone>,
}

/// Checks the settings as sent, every problem at once: a name of one line (at most
/// [`MAX_NAME`] characters as sent), the code of a language of the interface (`en`, `fr`), an
/// IANA time zone or nothing (from their country).
pub(crate) fn check_settings(name: &str, locale: &str, time_zone: &str) -> Result<Settings, AppError> {
    let mut p = Problems::new();
    let name = if bounded(&mut p, "name", name, MAX_NAME) { p.text("name", name, MAX_NAME, true) } else { name.into() };
    let locale = Locale::ALL.into_iter().find(|l| l.code() == locale);
    if locale.is_none() {
        p.push(FieldError::new("locale", "locale.unsupported", "en or fr"));
    }
    let zone = if !bounded(&mut p, "time_zone", time_zone, MAX_TIME_ZONE_CHARS) {
        None
    } else if time_zone.trim().is_empty() {
        Some(None)
    } else {
        p.parse("time_zone", time_zone, TimeZone::parse).map(Some)
    };
    match (locale, zone, p.is_empty()) {
        (Some(locale), Some(time_zone), true) => Ok(Settings { name, locale, time_zone }),
        _ => Err(AppError::Invalid(p.into_vec())),
    }
}

/// Saves `actor`'s settings.
pub(crate) async fn write_settings(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    settings: &Settings,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    users::update_settings(&mut tx, actor.user_id, &settings.name, settings.locale).await?;
    users::set_time_zone(&mut tx, actor.user_id, settings.time_zone.as_ref()).await?;
    let id = actor.user_id.to_string();
    audit::record(&mut tx, &Event::by(Some(actor), actions::SETTINGS_CHANGE).on("user", &id).from_ip(ip)).await?;
    tx.commit().await?;
    Ok(())
}

/// A change of password: the current one, the new one, and (on the page) the new one again.
pub(crate) struct PasswordChange {
    pub(crate) current: String,
    pub(crate) password: String,
    pub(crate) confirm: Option<String>,
}

/// Changes `actor`'s password, only with their current one; the new one follows the rules.
/// Every session of theirs ends but `keep` (the one making the change, if a session makes it).
pub(crate) async fn write_password(
    state: &AppState,
    actor: &Actor,
    keep: Option<&str>,
    address: std::net::IpAddr,
    change: PasswordChange,
) -> Result<(), AppError> {
    let ip = &address.to_string();
    let mut errors = Vec::new();
    let mut p = Problems::new();
    // Guessing the current password here (with a stolen session or token) is guessing it at
    // sign-in: the same throttle counts both, before the password is checked.
    let account = actor.email.as_str();
    if let Err(throttled) = state.guards.login.attempt(account, address) {
        return Err(AppError::TooManyRequests { retry_after_secs: throttled.wait.as_secs().max(1) });
    }
    // No stored password is longer; a longer one is not hashed to be compared.
    let right = bounded(&mut p, "current", &change.current, password::MAX_CHARS) && {
        let stored = users::password_hash(&state.db, actor.user_id).await?;
        password::verify(change.current, stored).await
    };
    if right {
        state.guards.login.succeeded(account, address);
    }
    errors.extend(p.into_vec());
    if !right && errors.is_empty() {
        errors.push(FieldError::new("current", "password.wrong", "the current password is not correct"));
    }
    if let Err(weakness) = password::check(&change.password, actor.email.as_str()) {
        errors.push(FieldError::new("password", weakness.code(), weakness.message()));
    } else if change.confirm.is_some_and(|confirm| confirm != change.password) {
        errors.push(FieldError::new("password_confirm", "password.mismatch", "the two passwords differ"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let hash = password::hash(change.password).await?;
    let mut tx = state.db.begin().await?;
    users::set_password(&mut tx, actor.user_id, &hash, keep).await?;
    let id = actor.user_id.to_string();
    audit::record(&mut tx, &Event::by(Some(actor), actions::PASSWORD_CHANGE).on("user", &id).from_ip(ip)).await?;
    tx.commit().await?;
    Ok(())
}

/// Creates a personal API token named `name` (checked under `field`); returns it with its
/// secret, the only time the secret is given.
pub(crate) async fn write_token(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    field: &str,
    name: &str,
) -> Result<(TokenInfo, String), AppError> {
    let mut p = Problems::new();
    let max = api_tokens::MAX_NAME_CHARS;
    let name = if bounded(&mut p, field, name, max) { p.text(field, name, max, true) } else { String::new() };
    if !p.is_empty() {
        return Err(AppError::Invalid(p.into_vec()));
    }
    let mut tx = state.db.begin().await?;
    let (info, token) = api_tokens::create(&mut tx, actor.user_id, &name).await?;
    let event = Event::by(Some(actor), actions::TOKEN_CREATE).on("api_token", &info.id).from_ip(ip).detail(&info.name);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok((info, token))
}

/// Revokes one of `actor`'s tokens; not found when it is not theirs or revoked already.
pub(crate) async fn revoke_token(state: &AppState, actor: &Actor, ip: &str, id: &str) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    if !api_tokens::revoke(&mut tx, actor.user_id, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(&mut tx, &Event::by(Some(actor), actions::TOKEN_REVOKE).on("api_token", id).from_ip(ip)).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends one of `actor`'s sessions; not found when it is not theirs (or has ended).
pub(crate) async fn end_session(state: &AppState, actor: &Actor, ip: &str, id: &str) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    if !sessions::end_own(&mut tx, actor.user_id, id).await? {
        return Err(AppError::NotFound);
    }
    let user = actor.user_id.to_string();
    audit::record(&mut tx, &Event::by(Some(actor), actions::SESSION_END).on("user", &user).from_ip(ip)).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of `actor` but `keep`; returns how many ended.
pub(crate) async fn end_other_sessions(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    keep: Option<&str>,
) -> Result<u64, AppError> {
    let mut tx = state.db.begin().await?;
    let ended = sessions::end_all_for_user(&mut tx, actor.user_id, keep).await?;
    if ended > 0 {
        let user = actor.user_id.to_string();
        audit::record(&mut tx, &Event::by(Some(actor), actions::SESSION_END).on("user", &user).from_ip(ip)).await?;
    }
    tx.commit().await?;
    Ok(ended)
}
