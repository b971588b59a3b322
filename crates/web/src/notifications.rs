//! The inbox of notifications, the choice of email or in-app only, and the job that turns
//! notifications waiting for their email into emails in each person's language.

use crate::auth::{ClientIp, CurrentUser};
use crate::mail::{Letter, link};
use crate::page::{PageContext, render};
use crate::routes::Routes;
use crate::words;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event};
use passerelle_accounts::{Actor, Role};
use passerelle_missions::notifications;
use serde::Deserialize;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/notifications", "notification.inbox", inbox)
        .post("/notifications/read", "notification.read", read)
        .post("/notifications/settings", "notification.settings", settings)
}

pub struct Item {
    pub id: i64,
    pub text: String,
    pub href: String,
    pub at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "pipeline/notifications.html")]
struct InboxPage {
    page: PageContext,
    items: Vec<Item>,
    unread: i64,
    wants_email: bool,
    notice: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

pub async fn inbox(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    axum::extract::Query(done): axum::extract::Query<Done>,
) -> Result<Response, AppError> {
    let (found, unread) = notifications::inbox(&state.db, actor.user_id, 200).await?;
    let expert = actor.role == Role::Expert;
    let items = found
        .iter()
        .map(|n| Item {
            id: n.id,
            text: words::inbox_line(&page, n),
            href: words::notification_link(&n.kind, &n.subject_kind, &n.subject_id, expert),
            at: page.moment(&n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect();
    let notice = match done.done.as_deref() {
        Some("settings") => page.t("notifications-settings-saved"),
        Some("read") => page.t("notifications-marked-read"),
        _ => String::new(),
    };
    let wants_email = notifications::wants_email(&state.db, actor.user_id).await?;
    render(&InboxPage { page, items, unread, wants_email, notice })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReadForm {
    /// One notification, or all when empty.
    id: String,
    /// Follow this link of ours afterwards.
    go: String,
}

pub async fn read(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Form(form): Form<ReadForm>,
) -> Result<Response, AppError> {
    let id = match form.id.trim() {
        "" => None,
        text => Some(text.parse::<i64>().map_err(|_| AppError::invalid("id", "notification.id", "a notification"))?),
    };
    notifications::mark_read(&state.db, actor.user_id, id).await?;
    let go = crate::forms::safe_next(Some(&form.go));
    let location = if go == "/" { "/notifications?done=read".to_owned() } else { go };
    Ok(Redirect::to(&location).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    /// `email` or `in_app`.
    delivery: String,
}

pub async fn settings(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(form): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let email = delivery(&form.delivery)?;
    write_delivery(&state, &actor, &ip.to_string(), email).await?;
    Ok(Redirect::to("/notifications?done=settings").into_response())
}

/// `email` (told in the app and by email: `true`) or `in_app` (in the app only: `false`),
/// exactly; anything else is a problem on `delivery`.
pub(crate) fn delivery(text: &str) -> Result<bool, AppError> {
    match text {
        "email" => Ok(true),
        "in_app" => Ok(false),
        _ => Err(AppError::invalid("delivery", "notification.delivery", "email or in_app")),
    }
}

/// Records how `actor` is told of notifications (pages and API), with its audit record.
pub(crate) async fn write_delivery(state: &AppState, actor: &Actor, ip: &str, email: bool) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    notifications::set_wants_email(&mut tx, actor.user_id, email).await?;
    let target = actor.user_id.to_string();
    let detail = if email { "email" } else { "in_app" };
    let event = Event::by(Some(actor), "notification.settings").on("user", &target).from_ip(ip).detail(detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Writes the emails of notifications waiting for one, in each person's language, each queued
/// in the outbox in the transaction that marks it sent: a crash or a second sender never makes
/// one twice. Returns how many were queued.
pub async fn deliver_emails(state: &AppState) -> anyhow::Result<usize> {
    let mut queued = 0;
    loop {
        let pending = notifications::pending_emails(&state.db, 100).await?;
        if pending.is_empty() {
            break;
        }
        for item in &pending {
            let expert = item.role == Role::Expert.code();
            let text = words::notification(item.locale, &item.kind, &item.title, &item.detail);
            let href = words::notification_link(&item.kind, &item.subject_kind, &item.subject_id, expert);
            let mut tx = state.db.begin().await?;
            if !notifications::mark_emailed(&mut tx, item.id).await? {
                continue;
            }
            Letter::to(item.locale, &item.name)
                .say_with("email-notification-body", &[("text", text.clone())])
                .link(link(state, &href))
                .say("email-notification-settings")
                .queue(&mut tx, &item.email, "email-notification-subject", &[("text", text)])
                .await?;
            tx.commit().await?;
            queued += 1;
        }
    }
    if queued > 0 {
        state.mail_queued.notify_one();
    }
    Ok(queued)
}
