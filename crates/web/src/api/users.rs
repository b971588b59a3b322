//! `/api/v1/users`: the administration of accounts, as on the admin's pages
//! (`crate::account::admin`): admins list and search accounts, create coordinators and
//! administrators, change roles, disable and enable accounts; everyone else gets 403. An admin
//! does not change their own role nor disable themselves (so that the platform always keeps
//! one): 409. Every change is recorded in the audit log. No answer carries a password, its
//! hash or any other secret.

use super::body::{object, paging};
use crate::account::admin::{NewStaffInput, check_new_staff, write_account};
use crate::auth::{ClientIp, CurrentUser};
use crate::forms::bounded;
use crate::query::Query;
use crate::{AppError, AppState, FieldError};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use passerelle_accounts::policy::{AccountAction, can};
use passerelle_accounts::users::{self, User, UserQuery};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Problems, UserId};
use serde::{Deserialize, Serialize};

/// The longest role code sent in the list's filter (none is that long).
const MAX_ROLE: usize = 20;

/// A role, as its code.
#[derive(utoipa::ToSchema)]
#[schema(as = UserRole, rename_all = "snake_case")]
#[allow(dead_code)]
pub enum RoleCode {
    Expert,
    Institution,
    Coordinator,
    Admin,
}

/// The role of an account an admin creates: staff's (experts and host institutions sign up
/// themselves).
#[derive(utoipa::ToSchema)]
#[schema(as = StaffRole, rename_all = "snake_case")]
#[allow(dead_code)]
pub enum StaffRoleCode {
    Coordinator,
    Admin,
}

/// The role whose code is `text` exactly, or a problem named `role`.
fn role_of(problems: &mut Problems, text: &str, allowed: &[Role]) -> Option<Role> {
    let found = allowed.iter().copied().find(|r| r.code() == text);
    if found.is_none() {
        let codes: Vec<&str> = allowed.iter().map(|r| r.code()).collect();
        problems.push(FieldError::new("role", "role.unknown", format!("one of {}", codes.join(", "))));
    }
    found
}

/// An account, without its password or any secret.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = UserAccount)]
pub struct UserView {
    id: String,
    email: String,
    name: String,
    /// expert, institution, coordinator or admin.
    role: &'static str,
    /// en or fr: the language of their emails.
    locale: &'static str,
    /// The time zone they live by (IANA name).
    time_zone: String,
    /// The institution a host institution's member belongs to, or asked to join.
    institution_id: Option<String>,
    /// active or pending, for a host institution's member.
    membership: Option<&'static str>,
    email_verified: bool,
    /// A disabled account cannot sign in, and its tokens stop working.
    disabled: bool,
    disabled_at: Option<String>,
    created_at: String,
    /// The caller's own account (whose role and access the caller cannot change).
    is_self: bool,
}

fn view(actor: &Actor, user: &User) -> UserView {
    UserView {
        id: user.id.to_string(),
        email: user.email.to_string(),
        name: user.name.clone(),
        role: user.role.code(),
        locale: user.locale.code(),
        time_zone: user.time_zone.name().to_owned(),
        institution_id: user.institution_id.map(|i| i.to_string()),
        membership: user.membership.map(users::Membership::code),
        email_verified: user.email_verified_at.is_some(),
        disabled: user.disabled_at.is_some(),
        disabled_at: user.disabled_at.map(|t| t.to_string()),
        created_at: user.created_at.to_string(),
        is_self: user.id == actor.user_id,
    }
}

/// Accounts, newest first.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = UserAccounts)]
pub struct UserList {
    items: Vec<UserView>,
    /// How many match in all.
    total: u64,
}

/// The filters of the admin's list of accounts.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// Part of a name or an email, at most 200 characters.
    #[param(max_length = 200)]
    q: Option<String>,
    /// expert, institution, coordinator or admin.
    #[param(max_length = 20)]
    role: Option<String>,
    /// true: disabled accounts are listed too (left out by default).
    include_disabled: Option<bool>,
    /// Results to skip, from 0 to 1,000,000.
    #[param(minimum = 0, maximum = 1000000)]
    offset: Option<u32>,
    /// 1 to 200, default 50.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// An account for a coordinator or an administrator. Every problem is reported at once under
/// its field name.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = NewUserAccount)]
pub struct NewUserBody {
    /// 1 to 200 characters, one line.
    #[schema(required = true, max_length = 200)]
    name: String,
    /// Their email address: their sign-in, taken as verified.
    #[schema(required = true, max_length = 254)]
    email: String,
    /// coordinator or admin, exactly.
    #[schema(required = true, value_type = StaffRoleCode)]
    role: String,
    /// 12 to 256 characters, not a common password nor the email. Absent, null or empty: a
    /// random one that nobody is told; the person sets theirs with "forgot password".
    #[schema(max_length = 256)]
    password: Option<String>,
}

/// A new role for an account; they sign in again to use it.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
#[schema(as = UserRoleChange)]
pub struct RoleBody {
    /// expert, institution, coordinator or admin, exactly.
    #[schema(required = true, value_type = RoleCode)]
    role: String,
}

fn require_admin(actor: &Actor) -> Result<(), AppError> {
    if can(actor, AccountAction::AdministerUsers) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The account an admin acts on: 403 unless an admin, 404 for an unknown id, 409 for the
/// admin themselves (as the page refuses it).
async fn target(state: &AppState, actor: &Actor, id: &str) -> Result<User, AppError> {
    let user = account(state, actor, id).await?;
    if user.id == actor.user_id {
        return Err(AppError::Conflict {
            detail: "an admin cannot change their own role nor disable their own account".into(),
            allowed: vec![],
        });
    }
    Ok(user)
}

/// Any account, for an admin: 403 unless an admin, 404 for an unknown id.
async fn account(state: &AppState, actor: &Actor, id: &str) -> Result<User, AppError> {
    require_admin(actor)?;
    let id = UserId::parse(id).map_err(|_| AppError::NotFound)?;
    users::by_id(&state.db, id).await?.ok_or(AppError::NotFound)
}

async fn fresh(state: &AppState, actor: &Actor, id: UserId) -> Result<Json<UserView>, AppError> {
    let user = users::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(view(actor, &user)))
}

/// Lists and searches accounts, newest first (admins).
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "accounts",
    params(UsersQuery),
    responses(
        (status = 200, description = "Matching accounts, newest first", body = UserList),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filters, each named", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Query(query): Query<UsersQuery>,
) -> Result<Json<UserList>, AppError> {
    require_admin(&actor)?;
    let (offset, limit) = paging(query.offset, query.limit)?;
    let mut problems = Problems::new();
    let q = query.q.unwrap_or_default();
    let text = if bounded(&mut problems, "q", &q, crate::query::MAX_SEARCH_CHARS) {
        match crate::query::search_text(&q) {
            Ok(text) => text,
            Err(AppError::Invalid(errors)) => {
                errors.into_iter().for_each(|e| problems.push(e));
                None
            }
            Err(other) => return Err(other),
        }
    } else {
        None
    };
    let role_text = query.role.unwrap_or_default();
    let role = if bounded(&mut problems, "role", &role_text, MAX_ROLE) && !role_text.trim().is_empty() {
        problems.parse("role", &role_text, Role::parse)
    } else {
        None
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems.into_vec()));
    }
    let search = UserQuery { text, role, include_disabled: query.include_disabled.unwrap_or(false), offset, limit };
    let (found, total) = users::search(&state.db, &search).await?;
    Ok(Json(UserList { items: found.iter().map(|u| view(&actor, u)).collect(), total }))
}

/// Creates a coordinator's or an administrator's account, its email taken as verified
/// (admins). Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "accounts",
    request_body = NewUserBody,
    responses(
        (status = 201, description = "Created", body = UserView,
            headers(("Location" = String, description = "The account's address"))),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, all of them listed (an email already taken among them)", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Result<Response, AppError> {
    require_admin(&actor)?;
    let input: NewUserBody = object(&body)?;
    let input = NewStaffInput {
        name: input.name,
        email: input.email,
        role: input.role,
        password: input.password.unwrap_or_default(),
    };
    let staff = check_new_staff(&input).map_err(AppError::Invalid)?;
    let user = write_account(&state, &actor, &ip.to_string(), &staff, actor.locale).await?;
    let location = format!("/api/v1/users/{}", user.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(view(&actor, &user))).into_response())
}

/// One account (admins).
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}",
    tag = "accounts",
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account", body = UserView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<UserView>, AppError> {
    let user = account(&state, &actor, &id).await?;
    Ok(Json(view(&actor, &user)))
}

/// Changes an account's role (admins, not their own); its sessions end, so that the new
/// rights start with a new sign-in. Recorded in the audit log.
#[utoipa::path(
    put,
    path = "/api/v1/users/{id}/role",
    tag = "accounts",
    params(("id" = String, Path, description = "The account's id")),
    request_body = RoleBody,
    responses(
        (status = 200, description = "The account with its new role", body = UserView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller's own account: an admin does not change their own role", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a role", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn set_role(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<UserView>, AppError> {
    let user = target(&state, &actor, &id).await?;
    let input: RoleBody = object(&body)?;
    let mut p = Problems::new();
    let role = role_of(&mut p, &input.role, &Role::ALL);
    let Some(role) = role else { return Err(AppError::Invalid(p.into_vec())) };
    crate::account::admin::write_role(&state, &actor, &user, role, &ip.to_string()).await?;
    fresh(&state, &actor, user.id).await
}

/// Disabling and enabling take no body (one sent is ignored).
async fn set_disabled(
    state: &AppState,
    actor: &Actor,
    ip: &str,
    id: &str,
    disabled: bool,
) -> Result<Json<UserView>, AppError> {
    let user = target(state, actor, id).await?;
    crate::account::admin::write_disabled(state, actor, &user, disabled, ip).await?;
    fresh(state, actor, user.id).await
}

/// Disables an account (admins, not their own): it cannot sign in, its sessions end and its
/// tokens stop working until it is enabled again. Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/disable",
    tag = "accounts",
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account, disabled", body = UserView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller's own account: an admin does not disable themselves", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn disable(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Json<UserView>, AppError> {
    set_disabled(&state, &actor, &ip.to_string(), &id, true).await
}

/// Enables a disabled account again (admins). Recorded in the audit log.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/enable",
    tag = "accounts",
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account, enabled", body = UserView),
        (status = 401, description = "No valid token or session", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller's own account", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn enable(
    State(state): State<AppState>,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
) -> Result<Json<UserView>, AppError> {
    set_disabled(&state, &actor, &ip.to_string(), &id, false).await
}
