//! Account pages: sign up, sign in and out, password recovery, email verification, the
//! person's own account, institution members, and the administration of users and the audit
//! log.

pub(crate) mod admin;
pub(crate) mod audit;
mod login;
pub(crate) mod members;
pub(crate) mod own;
pub(crate) mod recovery;
mod settings;
mod signup;

use crate::routes::Routes;
use passerelle_core::Locale;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/signup", "account.signup.form", signup::show)
        .post("/signup", "account.signup", signup::submit)
        .get("/login", "session.login.form", login::show)
        .post("/login", "session.login", login::submit)
        .post("/logout", "session.logout", login::logout)
        .get("/forgot-password", "password.forgot.form", recovery::forgot_form)
        .post("/forgot-password", "password.forgot", recovery::forgot)
        .get("/reset-password", "password.reset.form", recovery::reset_form)
        .post("/reset-password", "password.reset", recovery::reset)
        .get("/verify-email", "email.verify.form", recovery::verify_form)
        .post("/verify-email", "email.verify", recovery::verify)
        .get("/account", "account.view", settings::show)
        .post("/account/settings", "account.settings", settings::save)
        .post("/account/password", "account.password", settings::change_password)
        .post("/account/verification", "account.verification.resend", recovery::resend_verification)
        .post("/account/tokens", "account.token.create", settings::create_token)
        .post("/account/tokens/{id}/revoke", "account.token.revoke", settings::revoke_token)
        .post("/account/sessions/{id}/end", "account.session.end", settings::end_session)
        .get("/my-institution", "institution.mine", members::mine)
        .get("/institutions/{id}/members", "institution.members.list", members::list)
        .post("/institutions/{id}/members/{user}/approve", "institution.members.approve", members::approve)
        .post("/institutions/{id}/members/{user}/remove", "institution.members.remove", members::remove)
        .get("/admin/users", "admin.users.list", admin::list)
        .reads::<admin::ListQuery>()
        .get("/admin/users/new", "admin.users.new.form", admin::new_form)
        .post("/admin/users/new", "admin.users.create", admin::create)
        .get("/admin/users/{id}", "admin.users.view", admin::show)
        .post("/admin/users/{id}/role", "admin.users.role", admin::set_role)
        .post("/admin/users/{id}/disable", "admin.users.disable", admin::disable)
        .post("/admin/users/{id}/enable", "admin.users.enable", admin::enable)
        .get("/admin/audit", "admin.audit.list", audit::list)
        .reads::<audit::AuditQuery>()
}

/// A locale typed in a form, or the page's.
pub(crate) fn chosen_locale(text: &str, fallback: Locale) -> Locale {
    Locale::parse(text).unwrap_or(fallback)
}
