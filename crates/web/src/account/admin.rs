//! Administration of accounts: search, change roles, disable and enable, create coordinators
//! and administrators. Admins only; an admin cannot demote or disable themselves (so that the
//! platform always keeps one). The list only lists; changing a role or disabling an account
//! is done on the account's own page, away from the other rows.

use crate::auth::require;
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::forms::{bounded, url_encode};
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::audit::{self, Event, actions};
use passerelle_accounts::policy::{AccountAction, can};
use passerelle_accounts::users::{self, NewUser, User, UserQuery};
use passerelle_accounts::{Actor, Role, password};
use passerelle_core::{Email, FieldError, Locale, Problems, UserId};
use serde::Deserialize;

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    q: String,
    role: String,
    disabled: Option<String>,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    done: Option<String>,
}

pub struct Row {
    pub user: User,
    pub role_label: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: PageContext,
    query: ListQuery,
    rows: Vec<Row>,
    total: u64,
    roles: Vec<(&'static str, String)>,
    pager: crate::pager::Pager,
    notice: String,
}

fn roles(page: &PageContext) -> Vec<(&'static str, String)> {
    Role::ALL.iter().map(|r| (r.code(), page.t(&format!("role-{}", r.code())))).collect()
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    crate::query::Query(query): crate::query::Query<ListQuery>,
) -> Result<Response, AppError> {
    require(can(&actor, AccountAction::AdministerUsers))?;
    let number = query.page.unwrap_or(1).max(1);
    let search = UserQuery {
        text: Some(query.q.clone()).filter(|q| !q.trim().is_empty()),
        role: Role::parse(&query.role).ok(),
        include_disabled: query.disabled.is_some(),
        offset: (number - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let (users, total) = users::search(&state.db, &search).await?;
    let rows =
        users.into_iter().map(|user| Row { role_label: page.t(&format!("role-{}", user.role.code())), user }).collect();
    let base = format!(
        "/admin/users?q={}&role={}{}",
        url_encode(&query.q),
        url_encode(&query.role),
        if query.disabled.is_some() { "&disabled=on" } else { "" }
    );
    let notice = done_notice(&page, query.done.as_deref());
    let pager = crate::pager::Pager::new(&page, &base, number, total, PAGE_SIZE);
    render(&UsersPage { roles: roles(&page), page, query, rows, total, pager, notice })
}

fn done_notice(page: &PageContext, done: Option<&str>) -> String {
    match done {
        Some("role") => page.t("admin-users-role-changed"),
        Some("disabled") => page.t("admin-users-disabled-done"),
        Some("enabled") => page.t("admin-users-enabled-done"),
        Some("self") => page.t("admin-users-self"),
        _ => String::new(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    page: PageContext,
    user: User,
    role_label: String,
    is_self: bool,
    roles: Vec<(&'static str, String)>,
    /// The institution the account belongs to (or asks to), by name.
    institution: Option<(String, String)>,
    notice: String,
}

/// One account: what it is, and the changes an admin may make to it.
pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<Response, AppError> {
    require(can(&actor, AccountAction::AdministerUsers))?;
    let id = UserId::parse(&id).map_err(|_| AppError::NotFound)?;
    let user = users::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let institution = match user.institution_id {
        Some(id) => passerelle_missions::institutions::get(&state.db, id)
            .await?
            .map(|i| (format!("/institutions/{}", i.id), i.name)),
        None => None,
    };
    let notice = done_notice(&page, query.done.as_deref());
    render(&UserPage {
        role_label: page.t(&format!("role-{}", user.role.code())),
        is_self: user.id == actor.user_id,
        roles: roles(&page),
        institution,
        notice,
        user,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleInput {
    role: String,
}

/// Loads the target of an admin action, refusing an admin's action on themselves.
async fn target(state: &AppState, actor: &Actor, id: &str) -> Result<Result<User, Response>, AppError> {
    require(can(actor, AccountAction::AdministerUsers))?;
    let id = UserId::parse(id).map_err(|_| AppError::NotFound)?;
    let user = users::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if user.id == actor.user_id {
        return Ok(Err(Redirect::to(&format!("/admin/users/{}?done=self", user.id)).into_response()));
    }
    Ok(Ok(user))
}

pub async fn set_role(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(input): Form<RoleInput>,
) -> Result<Response, AppError> {
    let user = match target(&state, &actor, &id).await? {
        Ok(user) => user,
        Err(refusal) => return Ok(refusal),
    };
    let role = Role::parse(&input.role).map_err(|e| AppError::Invalid(vec![FieldError::from_parse("role", &e)]))?;
    write_role(&state, &actor, &user, role, &ip.to_string()).await?;
    Ok(Redirect::to(&format!("/admin/users/{}?done=role", user.id)).into_response())
}

/// Gives `user` a new role (pages and API), ending their sessions, with its audit record.
pub(crate) async fn write_role(
    state: &AppState,
    actor: &Actor,
    user: &User,
    role: Role,
    ip: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    if !users::set_role(&mut tx, user.id, role).await? {
        return Err(AppError::NotFound);
    }
    // New rights start with a new sign-in.
    passerelle_accounts::sessions::end_all_for_user(&mut tx, user.id, None).await?;
    let (target, detail) = (user.id.to_string(), format!("{} -> {}", user.role, role));
    let event = Event::by(Some(actor), actions::ROLE_CHANGE).on("user", &target).from_ip(ip).detail(&detail);
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(())
}

/// Disables or enables `user` (pages and API), with its audit record.
pub(crate) async fn write_disabled(
    state: &AppState,
    actor: &Actor,
    user: &User,
    disabled: bool,
    ip: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    if !users::set_disabled(&mut tx, user.id, disabled).await? {
        return Err(AppError::NotFound);
    }
    let action = if disabled { actions::ACCOUNT_DISABLE } else { actions::ACCOUNT_ENABLE };
    let target = user.id.to_string();
    audit::record(&mut tx, &Event::by(Some(actor), action).on("user", &target).from_ip(ip)).await?;
    tx.commit().await?;
    Ok(())
}

async fn set_disabled(
    state: AppState,
    actor: Actor,
    ip: String,
    id: String,
    disabled: bool,
) -> Result<Response, AppError> {
    let user = match target(&state, &actor, &id).await? {
        Ok(user) => user,
        Err(refusal) => return Ok(refusal),
    };
    write_disabled(&state, &actor, &user, disabled, &ip).await?;
    let done = if disabled { "disabled" } else { "enabled" };
    Ok(Redirect::to(&format!("/admin/users/{}?done={done}", user.id)).into_response())
}

pub async fn disable(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    set_disabled(state, actor, ip.to_string(), id, true).await
}

pub async fn enable(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    set_disabled(state, actor, ip.to_string(), id, false).await
}

/// What an admin sends to create an account, on the page's form or in the API's body.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewStaffInput {
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) role: String,
    /// Empty: a random one is made.
    pub(crate) password: String,
}

/// The longest name of an account, in characters.
pub(crate) const MAX_NAME: usize = 200;
/// The longest email address.
pub(crate) const MAX_EMAIL: usize = 254;

/// A coordinator's or an administrator's account, checked.
pub(crate) struct NewStaff {
    name: String,
    email: Email,
    pub(crate) role: Role,
    /// The password chosen, or the random one made when none was.
    password: String,
    pub(crate) generated: bool,
}

/// Checks a new staff account (pages and API), every problem at once under its field: the name
/// and the email bounded as sent, the role `coordinator` or `admin` exactly, a chosen password
/// against the rules (none chosen: a random one).
pub(crate) fn check_new_staff(input: &NewStaffInput) -> Result<NewStaff, Vec<FieldError>> {
    let mut p = Problems::new();
    let name = if bounded(&mut p, "name", &input.name, MAX_NAME) {
        p.text("name", &input.name, MAX_NAME, true)
    } else {
        String::new()
    };
    let email = if bounded(&mut p, "email", &input.email, MAX_EMAIL) {
        p.parse("email", &input.email, Email::parse)
    } else {
        None
    };
    let role = [Role::Coordinator, Role::Admin].into_iter().find(|r| r.code() == input.role);
    if role.is_none() {
        p.push(FieldError::new("role", "role.unknown", "coordinator or admin"));
    }
    let generated = input.password.is_empty();
    let password = if generated {
        password::generate()
    } else {
        let against = email.as_ref().map_or(input.email.as_str(), Email::as_str);
        if let Err(weakness) = password::check(&input.password, against) {
            p.push(FieldError::new("password", weakness.code(), weakness.message()));
        }
        input.password.clone()
    };
    match (email, role, p.is_empty()) {
        (Some(email), Some(role), true) => Ok(NewStaff { name, email, role, password, generated }),
        _ => Err(p.into_vec()),
    }
}

/// Creates a checked staff account (pages and API), its email taken as verified, with its audit
/// record; an email already taken is a problem on `email` (`AppError::Invalid`).
pub(crate) async fn write_account(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    staff: &NewStaff,
    locale: Locale,
) -> Result<User, AppError> {
    let password_hash = password::hash(staff.password.clone()).await?;
    let mut tx = state.db.begin().await?;
    let new_user = NewUser {
        email: staff.email.clone(),
        name: staff.name.clone(),
        role: staff.role,
        password_hash,
        locale,
        institution: None,
        email_verified: true,
    };
    let user = match users::insert(&mut tx, &new_user).await {
        Ok(user) => user,
        Err(users::CreateError::EmailTaken) => {
            return Err(AppError::invalid("email", "email.taken", "an account with this email already exists"));
        }
        Err(users::CreateError::Database(e)) => return Err(e.into()),
    };
    let target = user.id.to_string();
    let event =
        Event::by(Some(actor), actions::ACCOUNT_CREATE).on("user", &target).from_ip(ip).detail(staff.role.code());
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    Ok(user)
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewUserPage {
    page: PageContext,
    form: FormErrors,
    input: NewStaffInput,
    created: Option<(String, String)>,
}

pub async fn new_form(page: PageContext, CurrentUser(actor): CurrentUser) -> Result<Response, AppError> {
    require(can(&actor, AccountAction::AdministerUsers))?;
    let form = FormErrors::none(page.locale);
    let input = NewStaffInput { role: "coordinator".into(), ..Default::default() };
    render(&NewUserPage { page, form, input, created: None })
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(input): Form<NewStaffInput>,
) -> Result<Response, AppError> {
    require(can(&actor, AccountAction::AdministerUsers))?;
    let again = |page: PageContext, errors: Vec<FieldError>, input: NewStaffInput| {
        let form = FormErrors::new(page.locale, errors);
        let input = NewStaffInput { password: String::new(), ..input };
        let answer = render(&NewUserPage { page, form, input, created: None })?;
        Ok::<Response, AppError>((StatusCode::UNPROCESSABLE_ENTITY, answer).into_response())
    };
    let staff = match check_new_staff(&input) {
        Ok(staff) => staff,
        Err(errors) => return again(page, errors, input),
    };
    let user = match write_account(&state, &actor, &ip.to_string(), &staff, page.locale).await {
        Ok(user) => user,
        Err(AppError::Invalid(errors)) => return again(page, errors, input),
        Err(other) => return Err(other),
    };
    let form = FormErrors::none(page.locale);
    let created = Some((user.email.to_string(), if staff.generated { staff.password } else { String::new() }));
    let mut response = render(&NewUserPage { page, form, input: NewStaffInput::default(), created })?;
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok(response)
}
