//! The authorization matrix: every route of the application × every kind of actor, with the
//! answer expected. The routes come from the application's own route table, so a route missing
//! from the matrix (or a matrix row for a route that no longer exists) fails this test.
//!
//! Each request runs with a fresh session for its actor and fresh target objects (a token, a
//! session, a pending member, a user to administer), so that what one request changes cannot
//! decide the answer to the next.

mod world;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use tower::ServiceExt;
use world::{Actor, Targets, World};

/// What an actor must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Allowed: any answer but 401, 403, 404, a redirect to sign in, or a server error.
    A,
    /// Must sign in: a redirect to /login (pages) or 401 (API).
    L,
    /// Forbidden: 403.
    F,
    /// Not found: 404 (the object is none of their business, so they may not learn it exists).
    N,
}

use Expect::{A, F, L, N};

/// Columns: anonymous, expert, another expert, institution member, member of another
/// institution, coordinator, admin, disabled user.
const MATRIX: &[(&str, &str, [Expect; 8])] = &[
    ("GET", "/", [A, A, A, A, A, A, A, A]),
    ("GET", "/home", [L, A, A, A, A, A, A, L]),
    ("GET", "/healthz", [A, A, A, A, A, A, A, A]),
    ("GET", "/readyz", [A, A, A, A, A, A, A, A]),
    ("GET", "/metrics", [A, A, A, A, A, A, A, A]),
    ("GET", "/static/{name}", [A, A, A, A, A, A, A, A]),
    ("GET", "/signup", [A, A, A, A, A, A, A, A]),
    ("POST", "/signup", [A, A, A, A, A, A, A, A]),
    ("GET", "/login", [A, A, A, A, A, A, A, A]),
    ("POST", "/login", [A, A, A, A, A, A, A, A]),
    ("POST", "/logout", [A, A, A, A, A, A, A, A]),
    ("GET", "/forgot-password", [A, A, A, A, A, A, A, A]),
    ("POST", "/forgot-password", [A, A, A, A, A, A, A, A]),
    ("GET", "/reset-password", [A, A, A, A, A, A, A, A]),
    ("POST", "/reset-password", [A, A, A, A, A, A, A, A]),
    ("GET", "/verify-email", [A, A, A, A, A, A, A, A]),
    ("POST", "/verify-email", [A, A, A, A, A, A, A, A]),
    // Joining through an emailed link (a dead link answers 400 to anyone), claiming a profile
    // found under one's verified email (experts).
    ("GET", "/join", [A, A, A, A, A, A, A, A]),
    ("POST", "/join", [A, A, A, A, A, A, A, A]),
    ("GET", "/claim-profile", [L, A, A, F, F, F, F, L]),
    ("POST", "/claim-profile", [L, A, A, F, F, F, F, L]),
    ("GET", "/account", [L, A, A, A, A, A, A, L]),
    ("POST", "/account/settings", [L, A, A, A, A, A, A, L]),
    ("POST", "/account/password", [L, A, A, A, A, A, A, L]),
    ("POST", "/account/verification", [L, A, A, A, A, A, A, L]),
    ("POST", "/account/tokens", [L, A, A, A, A, A, A, L]),
    ("POST", "/account/tokens/{id}/revoke", [L, A, N, N, N, N, N, L]),
    ("POST", "/account/sessions/{id}/end", [L, A, N, N, N, N, N, L]),
    ("GET", "/my-institution", [L, N, N, A, A, N, N, L]),
    ("GET", "/institutions/{id}/members", [L, N, N, A, N, A, A, L]),
    ("POST", "/institutions/{id}/members/{user}/approve", [L, N, N, A, N, A, A, L]),
    ("POST", "/institutions/{id}/members/{user}/remove", [L, N, N, A, N, A, A, L]),
    ("GET", "/admin/users", [L, F, F, F, F, F, A, L]),
    ("GET", "/admin/users/new", [L, F, F, F, F, F, A, L]),
    ("POST", "/admin/users/new", [L, F, F, F, F, F, A, L]),
    ("GET", "/admin/users/{id}", [L, F, F, F, F, F, A, L]),
    ("POST", "/admin/users/{id}/role", [L, F, F, F, F, F, A, L]),
    ("POST", "/admin/users/{id}/disable", [L, F, F, F, F, F, A, L]),
    ("POST", "/admin/users/{id}/enable", [L, F, F, F, F, F, A, L]),
    // The same through the API: an institution's members as on its page (members and staff;
    // 404 for anyone else), accounts for admins only (403 for anyone else).
    ("GET", "/api/v1/institutions/{id}/members", [L, N, N, A, N, A, A, L]),
    ("POST", "/api/v1/institutions/{id}/members/{user}/approval", [L, N, N, A, N, A, A, L]),
    ("DELETE", "/api/v1/institutions/{id}/members/{user}", [L, N, N, A, N, A, A, L]),
    ("GET", "/api/v1/users", [L, F, F, F, F, F, A, L]),
    ("POST", "/api/v1/users", [L, F, F, F, F, F, A, L]),
    ("GET", "/api/v1/users/{id}", [L, F, F, F, F, F, A, L]),
    ("PUT", "/api/v1/users/{id}/role", [L, F, F, F, F, F, A, L]),
    ("POST", "/api/v1/users/{id}/disable", [L, F, F, F, F, F, A, L]),
    ("POST", "/api/v1/users/{id}/enable", [L, F, F, F, F, F, A, L]),
    ("GET", "/admin/audit", [L, F, F, F, F, F, A, L]),
    ("GET", "/profile", [L, A, A, F, F, F, F, L]),
    ("POST", "/profile/confirm", [L, A, A, F, F, F, F, L]),
    ("POST", "/profile/suggestions/confirm", [L, A, A, F, F, F, F, L]),
    ("POST", "/profile/suggestions/dismiss", [L, A, A, F, F, F, F, L]),
    ("GET", "/profile/edit/{section}", [L, A, A, F, F, F, F, L]),
    ("POST", "/profile/edit/{section}", [L, A, A, F, F, F, F, L]),
    ("GET", "/profile/consent", [L, A, A, F, F, F, F, L]),
    ("POST", "/profile/consent", [L, A, A, F, F, F, F, L]),
    ("GET", "/profile/export", [L, A, A, F, F, F, F, L]),
    ("GET", "/profile/erase", [L, A, A, F, F, F, F, L]),
    ("POST", "/profile/erase", [L, A, A, F, F, F, F, L]),
    ("GET", "/experts", [L, F, F, F, F, A, A, L]),
    ("GET", "/experts/new", [L, F, F, F, F, A, A, L]),
    ("POST", "/experts/join-invitations", [L, F, F, F, F, A, A, L]),
    ("POST", "/experts/new", [L, F, F, F, F, A, A, L]),
    ("GET", "/experts/{id}", [L, A, N, N, N, A, A, L]),
    ("GET", "/experts/{id}/edit/{section}", [L, A, N, N, N, A, A, L]),
    ("POST", "/experts/{id}/edit/{section}", [L, A, N, N, N, A, A, L]),
    ("POST", "/experts/{id}/credentials/{credential}/status", [L, F, N, N, N, A, A, L]),
    ("POST", "/experts/{id}/suggestions/confirm", [L, A, N, N, N, A, A, L]),
    ("POST", "/experts/{id}/suggestions/dismiss", [L, A, N, N, N, A, A, L]),
    ("GET", "/experts/{id}/export", [L, A, N, N, N, A, A, L]),
    ("GET", "/experts/{id}/erase", [L, A, N, N, N, A, A, L]),
    ("POST", "/experts/{id}/erase", [L, A, N, N, N, A, A, L]),
    ("GET", "/api/openapi.json", [A, A, A, A, A, A, A, A]),
    ("GET", "/api/docs", [A, A, A, A, A, A, A, A]),
    ("GET", "/api/v1/me", [L, A, A, A, A, A, A, L]),
    ("GET", "/api/v1/me/todo", [L, A, A, A, A, A, A, L]),
    // Consent to be matched: the expert's own.
    ("GET", "/api/v1/me/consent", [L, A, A, F, F, F, F, L]),
    ("PUT", "/api/v1/me/consent", [L, A, A, F, F, F, F, L]),
    ("POST", "/api/v1/me/profile/confirmation", [L, A, A, F, F, F, F, L]),
    // The account page through the API: everyone's own settings, password, tokens and
    // sessions (another's token or session is not found); claiming a profile (experts).
    ("GET", "/api/v1/me/settings", [L, A, A, A, A, A, A, L]),
    ("PUT", "/api/v1/me/settings", [L, A, A, A, A, A, A, L]),
    ("PUT", "/api/v1/me/password", [L, A, A, A, A, A, A, L]),
    ("POST", "/api/v1/me/verification", [L, A, A, A, A, A, A, L]),
    ("GET", "/api/v1/me/tokens", [L, A, A, A, A, A, A, L]),
    ("POST", "/api/v1/me/tokens", [L, A, A, A, A, A, A, L]),
    ("DELETE", "/api/v1/me/tokens/{id}", [L, A, N, N, N, N, N, L]),
    ("GET", "/api/v1/me/sessions", [L, A, A, A, A, A, A, L]),
    ("DELETE", "/api/v1/me/sessions", [L, A, A, A, A, A, A, L]),
    ("DELETE", "/api/v1/me/sessions/{id}", [L, A, N, N, N, N, N, L]),
    ("GET", "/api/v1/me/claimable-profiles", [L, A, A, F, F, F, F, L]),
    ("POST", "/api/v1/me/profile/claim", [L, A, A, F, F, F, F, L]),
    ("GET", "/api/v1/skills", [L, A, A, A, A, A, A, L]),
    ("POST", "/api/v1/skills/extract", [L, A, A, A, A, A, A, L]),
    ("GET", "/search", [L, F, F, F, F, A, A, L]),
    ("POST", "/search/from-text", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/search/experts", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/experts", [L, F, F, F, F, A, A, L]),
    ("POST", "/api/v1/experts", [L, F, F, F, F, A, A, L]),
    // Inviting profiles without an account to join, as the roster page does (staff).
    ("POST", "/api/v1/experts/join-invitations", [L, F, F, F, F, A, A, L]),
    ("POST", "/api/v1/experts/{id}/join-invitation", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/experts/{id}", [L, A, N, N, N, A, A, L]),
    ("PUT", "/api/v1/experts/{id}", [L, A, N, N, N, A, A, L]),
    ("DELETE", "/api/v1/experts/{id}", [L, A, N, N, N, A, A, L]),
    ("GET", "/api/v1/experts/{id}/export", [L, A, N, N, N, A, A, L]),
    ("PUT", "/api/v1/experts/{id}/credentials/{credential}/status", [L, F, N, N, N, A, A, L]),
    ("GET", "/api/v1/experts/{id}/suggestions", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/experts/{id}/suggestions/confirm", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/experts/{id}/suggestions/dismiss", [L, A, N, N, N, A, A, L]),
    // Institutions: staff list, create and verify; members see and describe their own.
    ("GET", "/institutions", [L, F, F, F, F, A, A, L]),
    ("GET", "/institutions/new", [L, F, F, F, F, A, A, L]),
    ("POST", "/institutions/new", [L, F, F, F, F, A, A, L]),
    ("GET", "/institutions/{id}", [L, N, N, A, N, A, A, L]),
    ("GET", "/institutions/{id}/edit", [L, N, N, A, N, A, A, L]),
    ("POST", "/institutions/{id}/edit", [L, N, N, A, N, A, A, L]),
    ("POST", "/institutions/{id}/verification", [L, N, N, F, N, A, A, L]),
    ("GET", "/api/v1/institutions", [L, F, F, F, F, A, A, L]),
    ("POST", "/api/v1/institutions", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/institutions/{id}", [L, N, N, A, N, A, A, L]),
    ("PUT", "/api/v1/institutions/{id}", [L, N, N, A, N, A, A, L]),
    ("POST", "/api/v1/institutions/{id}/verification", [L, N, N, F, N, A, A, L]),
    // Programmes: staff manage; staff and institution members read; experts have no use.
    ("GET", "/programmes", [L, F, F, A, A, A, A, L]),
    ("GET", "/programmes/new", [L, F, F, F, F, A, A, L]),
    ("POST", "/programmes/new", [L, F, F, F, F, A, A, L]),
    ("GET", "/programmes/{id}", [L, F, F, A, A, A, A, L]),
    ("GET", "/programmes/{id}/edit", [L, F, F, F, F, A, A, L]),
    ("POST", "/programmes/{id}/edit", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/programmes", [L, F, F, A, A, A, A, L]),
    ("POST", "/api/v1/programmes", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/programmes/{id}", [L, F, F, A, A, A, A, L]),
    ("PUT", "/api/v1/programmes/{id}", [L, F, F, F, F, A, A, L]),
    // Progress: the programme's readers (the spending in it is for staff only).
    ("GET", "/api/v1/programmes/{id}/progress", [L, F, F, A, A, A, A, L]),
    // Requests: members write their institution's, staff review all; the target is a draft of
    // the member's institution. Experts see none (404 by id), other institutions neither.
    ("GET", "/requests", [L, F, F, A, A, A, A, L]),
    ("GET", "/requests/new", [L, F, F, A, A, A, A, L]),
    ("POST", "/requests/new", [L, F, F, A, A, A, A, L]),
    ("GET", "/requests/{id}", [L, N, N, A, N, A, A, L]),
    ("GET", "/requests/{id}/edit", [L, N, N, A, N, A, A, L]),
    ("POST", "/requests/{id}/edit", [L, N, N, A, N, A, A, L]),
    ("POST", "/requests/{id}/transitions", [L, N, N, A, N, A, A, L]),
    // Taking over a request entered on the institution's behalf: its members only (the target
    // was written by the member, so the answer is 409, which is still theirs to get).
    ("POST", "/requests/{id}/take-over", [L, N, N, A, N, F, F, L]),
    ("GET", "/api/v1/requests", [L, F, F, A, A, A, A, L]),
    ("POST", "/api/v1/requests", [L, F, F, A, A, A, A, L]),
    ("GET", "/api/v1/requests/{id}", [L, N, N, A, N, A, A, L]),
    ("PUT", "/api/v1/requests/{id}", [L, N, N, A, N, A, A, L]),
    ("POST", "/api/v1/requests/{id}/transitions", [L, N, N, A, N, A, A, L]),
    ("GET", "/api/v1/requests/{id}/history", [L, N, N, A, N, A, A, L]),
    ("POST", "/api/v1/requests/{id}/take-over", [L, N, N, A, N, F, F, L]),
    ("GET", "/requests/{id}/matches", [L, N, N, F, N, A, A, L]),
    ("GET", "/api/v1/requests/{id}/matches", [L, N, N, F, N, A, A, L]),
    // The mission pipeline. The expert's candidate is invited (no consent given yet): the host
    // sees nothing of it (404). The mission is the expert's, at the member's institution.
    ("POST", "/requests/{id}/candidates", [L, N, N, F, N, A, A, L]),
    ("POST", "/requests/{id}/candidates/bulk", [L, N, N, F, N, A, A, L]),
    ("GET", "/candidates", [L, F, F, A, A, A, A, L]),
    ("GET", "/candidates/{id}", [L, A, N, N, N, A, A, L]),
    ("POST", "/candidates/{id}/transitions", [L, A, N, N, N, A, A, L]),
    ("GET", "/invitations", [L, A, A, F, F, F, F, L]),
    ("GET", "/invitations/{id}", [L, A, N, F, F, F, F, L]),
    ("GET", "/invitations/{id}/answer", [L, A, N, F, F, F, F, L]),
    ("POST", "/invitations/{id}/answer", [L, A, N, F, F, F, F, L]),
    ("POST", "/invitations/{id}/consent/withdraw", [L, A, N, F, F, F, F, L]),
    ("GET", "/missions", [L, A, A, A, A, A, A, L]),
    ("GET", "/calendar", [L, A, A, A, A, A, A, L]),
    ("GET", "/missions/{id}", [L, A, N, A, N, A, A, L]),
    ("POST", "/missions/{id}/transitions", [L, A, N, A, N, A, A, L]),
    ("POST", "/missions/{id}/checklist", [L, F, N, F, N, A, A, L]),
    ("POST", "/missions/{id}/schedule", [L, F, N, F, N, A, A, L]),
    ("POST", "/missions/{id}/extensions", [L, A, N, A, N, A, A, L]),
    ("POST", "/missions/{id}/extensions/decision", [L, F, N, F, N, A, A, L]),
    ("GET", "/missions/{id}/report", [L, A, N, F, N, F, F, L]),
    ("POST", "/missions/{id}/report", [L, A, N, F, N, F, F, L]),
    ("GET", "/missions/{id}/evaluation", [L, F, N, A, N, F, F, L]),
    ("POST", "/missions/{id}/evaluation", [L, F, N, A, N, F, F, L]),
    ("GET", "/missions/{id}/certificate", [L, A, N, F, N, A, A, L]),
    ("GET", "/missions/{id}/certificate.pdf", [L, A, N, F, N, A, A, L]),
    // A mission's costs: staff only; its expert and host see the mission (403), others do not
    // (404). The line is a flight of the expert's mission.
    ("GET", "/missions/{id}/costs", [L, F, N, F, N, A, A, L]),
    ("POST", "/missions/{id}/costs", [L, F, N, F, N, A, A, L]),
    ("POST", "/missions/{id}/costs/{cost}/delete", [L, F, N, F, N, A, A, L]),
    ("GET", "/notifications", [L, A, A, A, A, A, A, L]),
    ("POST", "/notifications/read", [L, A, A, A, A, A, A, L]),
    ("POST", "/notifications/settings", [L, A, A, A, A, A, A, L]),
    ("GET", "/calls", [L, F, F, F, F, A, A, L]),
    ("GET", "/calls/new", [L, F, F, F, F, A, A, L]),
    ("POST", "/calls/new", [L, F, F, F, F, A, A, L]),
    ("GET", "/calls/{id}", [L, A, N, N, N, A, A, L]),
    ("POST", "/calls/{id}/answer", [L, A, N, N, N, F, F, L]),
    ("POST", "/calls/{id}/close", [L, F, N, N, N, A, A, L]),
    ("POST", "/saved-searches", [L, F, F, F, F, A, A, L]),
    ("POST", "/saved-searches/{id}/delete", [L, F, F, F, F, A, A, L]),
    // The same through the API. An expert lists the calls sent to them (none for the other
    // expert); the target call was sent to the expert only.
    ("GET", "/api/v1/calls", [L, A, A, F, F, A, A, L]),
    ("POST", "/api/v1/calls", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/calls/{id}", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/calls/{id}/answer", [L, A, N, N, N, F, F, L]),
    ("POST", "/api/v1/calls/{id}/close", [L, F, N, N, N, A, A, L]),
    ("GET", "/api/v1/saved-searches", [L, F, F, F, F, A, A, L]),
    ("POST", "/api/v1/saved-searches", [L, F, F, F, F, A, A, L]),
    ("DELETE", "/api/v1/saved-searches/{id}", [L, F, F, F, F, A, A, L]),
    ("GET", "/dashboard", [L, F, F, F, F, A, A, L]),
    ("GET", "/dashboard/report", [L, F, F, F, F, A, A, L]),
    ("GET", "/dashboard/report.pdf", [L, F, F, F, F, A, A, L]),
    ("GET", "/exports/missions.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/exports/requests.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/exports/roster.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/exports/spreadsheet/missions.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/exports/spreadsheet/requests.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/exports/spreadsheet/roster.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/programmes/{id}/costs.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/programmes/{id}/spreadsheet/costs.csv", [L, F, F, F, F, A, A, L]),
    ("GET", "/api/v1/requests/{id}/candidates", [L, N, N, A, N, A, A, L]),
    ("POST", "/api/v1/requests/{id}/candidates", [L, N, N, F, N, A, A, L]),
    ("POST", "/api/v1/requests/{id}/candidates/bulk", [L, N, N, F, N, A, A, L]),
    ("GET", "/api/v1/candidates/{id}", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/candidates/{id}/transitions", [L, A, N, N, N, A, A, L]),
    // Withdrawing the consent given to the host: the candidacy's expert only (staff see the
    // candidacy, the host does not without that consent).
    ("POST", "/api/v1/candidates/{id}/consent/withdraw", [L, A, N, N, N, F, F, L]),
    ("GET", "/api/v1/invitations", [L, A, A, F, F, F, F, L]),
    ("GET", "/api/v1/missions", [L, A, A, A, A, A, A, L]),
    ("GET", "/api/v1/missions/{id}", [L, A, N, A, N, A, A, L]),
    ("POST", "/api/v1/missions/{id}/transitions", [L, A, N, A, N, A, A, L]),
    ("PUT", "/api/v1/missions/{id}/checklist/{item}", [L, F, N, F, N, A, A, L]),
    ("PUT", "/api/v1/missions/{id}/report", [L, A, N, F, N, F, F, L]),
    ("PUT", "/api/v1/missions/{id}/evaluation", [L, F, N, A, N, F, F, L]),
    ("GET", "/api/v1/missions/{id}/history", [L, A, N, A, N, A, A, L]),
    // The report and the evaluation (filed on the target mission) are read by every party;
    // the schedule and the decision on an extension are staff's; any party asks for one.
    ("GET", "/api/v1/missions/{id}/report", [L, A, N, A, N, A, A, L]),
    ("GET", "/api/v1/missions/{id}/evaluation", [L, A, N, A, N, A, A, L]),
    ("PUT", "/api/v1/missions/{id}/schedule", [L, F, N, F, N, A, A, L]),
    ("POST", "/api/v1/missions/{id}/extensions", [L, A, N, A, N, A, A, L]),
    ("POST", "/api/v1/missions/{id}/extensions/decision", [L, F, N, F, N, A, A, L]),
    // Costs: staff only; the mission's expert and host see the mission (403), others do not
    // (404). The line is a flight of the expert's mission.
    ("GET", "/api/v1/missions/{id}/costs", [L, F, N, F, N, A, A, L]),
    ("POST", "/api/v1/missions/{id}/costs", [L, F, N, F, N, A, A, L]),
    ("DELETE", "/api/v1/missions/{id}/costs/{cost}", [L, F, N, F, N, A, A, L]),
    ("GET", "/api/v1/notifications", [L, A, A, A, A, A, A, L]),
    ("POST", "/api/v1/notifications/read", [L, A, A, A, A, A, A, L]),
    ("GET", "/api/v1/notifications/settings", [L, A, A, A, A, A, A, L]),
    ("PUT", "/api/v1/notifications/settings", [L, A, A, A, A, A, A, L]),
    ("GET", "/api/v1/stats", [L, F, F, F, F, A, A, L]),
    // Documents: the same policy as their record (the request is a draft of the member's
    // institution; the candidacy is invited, without consent; the mission is the expert's at
    // the member's institution); the document is a ticket the expert attached to the mission:
    // the host reads it, only its uploader and staff change it. Uploads sent as anything but
    // multipart/form-data answer 415 once the authorization passed (allowed here).
    ("GET", "/requests/{id}/documents", [L, N, N, A, N, A, A, L]),
    ("POST", "/requests/{id}/documents", [L, N, N, A, N, A, A, L]),
    ("GET", "/missions/{id}/documents", [L, A, N, A, N, A, A, L]),
    ("POST", "/missions/{id}/documents", [L, A, N, A, N, A, A, L]),
    ("GET", "/candidates/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("POST", "/candidates/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("GET", "/experts/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("POST", "/experts/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("GET", "/documents/{id}", [L, A, N, A, N, A, A, L]),
    ("POST", "/documents/{id}/replace", [L, A, N, F, N, A, A, L]),
    ("POST", "/documents/{id}/delete", [L, A, N, F, N, A, A, L]),
    ("GET", "/api/v1/requests/{id}/documents", [L, N, N, A, N, A, A, L]),
    ("POST", "/api/v1/requests/{id}/documents", [L, N, N, A, N, A, A, L]),
    ("GET", "/api/v1/missions/{id}/documents", [L, A, N, A, N, A, A, L]),
    ("POST", "/api/v1/missions/{id}/documents", [L, A, N, A, N, A, A, L]),
    ("GET", "/api/v1/candidates/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/candidates/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("GET", "/api/v1/experts/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/experts/{id}/documents", [L, A, N, N, N, A, A, L]),
    ("GET", "/api/v1/documents/{id}", [L, A, N, A, N, A, A, L]),
    ("DELETE", "/api/v1/documents/{id}", [L, A, N, F, N, A, A, L]),
    ("GET", "/api/v1/documents/{id}/content", [L, A, N, A, N, A, A, L]),
    ("PUT", "/api/v1/documents/{id}/content", [L, A, N, F, N, A, A, L]),
    // Conversations: the candidacy's is the coordinators' and the expert's (the host joins
    // with the consent, absent here); the mission's adds the host.
    ("GET", "/candidates/{id}/messages", [L, A, N, N, N, A, A, L]),
    ("POST", "/candidates/{id}/messages", [L, A, N, N, N, A, A, L]),
    ("GET", "/missions/{id}/messages", [L, A, N, A, N, A, A, L]),
    ("POST", "/missions/{id}/messages", [L, A, N, A, N, A, A, L]),
    ("GET", "/api/v1/candidates/{id}/messages", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/candidates/{id}/messages", [L, A, N, N, N, A, A, L]),
    ("POST", "/api/v1/candidates/{id}/messages/read", [L, A, N, N, N, A, A, L]),
    ("GET", "/api/v1/missions/{id}/messages", [L, A, N, A, N, A, A, L]),
    ("POST", "/api/v1/missions/{id}/messages", [L, A, N, A, N, A, A, L]),
    ("POST", "/api/v1/missions/{id}/messages/read", [L, A, N, A, N, A, A, L]),
];

/// The concrete path of a route for one request, with its parameters filled from the targets.
fn concrete(pattern: &str, targets: &Targets) -> String {
    let by_route = match pattern {
        p if p.contains("/documents/{id}") => vec![("{id}", targets.document.to_string())],
        "/account/tokens/{id}/revoke" => vec![("{id}", targets.token_id.clone())],
        "/account/sessions/{id}/end" => vec![("{id}", targets.session_id.clone())],
        "/api/v1/me/tokens/{id}" => vec![("{id}", targets.token_id.clone())],
        "/api/v1/me/sessions/{id}" => vec![("{id}", targets.session_id.clone())],
        p if p.starts_with("/institutions/{id}/members") => {
            vec![("{id}", targets.institution.to_string()), ("{user}", targets.pending_member.to_string())]
        }
        p if p.starts_with("/admin/users/{id}") => vec![("{id}", targets.victim.to_string())],
        p if p.starts_with("/api/v1/institutions/{id}/members") => {
            vec![("{id}", targets.institution.to_string()), ("{user}", targets.pending_member.to_string())]
        }
        p if p.starts_with("/api/v1/users/{id}") => vec![("{id}", targets.victim.to_string())],
        p if p.contains("/experts/{id}") => vec![
            ("{id}", targets.profile.to_string()),
            ("{section}", "skills".to_owned()),
            ("{credential}", targets.credential.clone()),
        ],
        "/profile/edit/{section}" => vec![("{section}", "skills".to_owned())],
        p if p.contains("/institutions/{id}") => vec![("{id}", targets.institution.to_string())],
        p if p.contains("/programmes/{id}") => vec![("{id}", targets.programme.to_string())],
        p if p.contains("/requests/{id}/candidates") => vec![("{id}", targets.approved_request.to_string())],
        p if p.contains("/requests/{id}") => vec![("{id}", targets.request.to_string())],
        p if p.contains("/candidates/{id}") || p.contains("/invitations/{id}") => {
            vec![("{id}", targets.candidate.to_string())]
        }
        p if p.contains("/missions/{id}") => vec![
            ("{id}", targets.mission.to_string()),
            ("{item}", "visa".to_owned()),
            ("{cost}", targets.cost.to_string()),
        ],
        p if p.contains("/calls/{id}") => vec![("{id}", targets.call.to_string())],
        p if p.contains("/saved-searches/{id}") => vec![("{id}", targets.saved_search.to_string())],
        "/static/{name}" => vec![("{name}", "app.css".to_owned())],
        _ => vec![],
    };
    by_route.into_iter().fold(pattern.to_owned(), |path, (param, value)| path.replace(param, &value))
}

fn verdict(status: StatusCode, location: Option<&str>) -> Expect {
    match status.as_u16() {
        401 => L,
        303 if location.is_some_and(|l| l == "/login" || l.starts_with("/login?next=")) => L,
        403 => F,
        404 => N,
        _ => A,
    }
}

#[tokio::test]
async fn every_route_answers_every_actor_as_the_matrix_says() {
    let table: BTreeSet<(String, String)> =
        passerelle_web::route_table().into_iter().map(|r| (r.method.to_owned(), r.path.to_owned())).collect();
    let matrix: BTreeSet<(String, String)> =
        MATRIX.iter().map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    let missing: Vec<_> = table.difference(&matrix).collect();
    let stale: Vec<_> = matrix.difference(&table).collect();
    assert!(missing.is_empty(), "routes missing from the authorization matrix: {missing:?}");
    assert!(stale.is_empty(), "matrix rows for routes that do not exist: {stale:?}");

    let world = World::build().await;
    let app = passerelle_web::app(world.state.clone());
    let mut failures = Vec::new();
    for (method, pattern, expected) in MATRIX {
        for (actor, want) in Actor::ALL.iter().zip(expected) {
            let targets = world.fresh_targets(pattern).await;
            let credentials = world.credentials(*actor, &targets).await;
            let path = concrete(pattern, &targets);
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let mut request = Request::builder().method(method.clone()).uri(&path);
            if let Some(cookie) = &credentials.cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let body = if method == Method::GET {
                Body::empty()
            } else if path.starts_with("/api/") {
                request =
                    request.header("x-csrf-token", &credentials.csrf).header(header::CONTENT_TYPE, "application/json");
                Body::from("{}")
            } else {
                request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(format!("csrf={}", credentials.csrf))
            };
            let mut request = request.body(body).unwrap();
            request.extensions_mut().insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
            let response = app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let got = verdict(status, location.as_deref());
            if status.is_server_error() {
                let body = response.into_body().collect().await.unwrap().to_bytes();
                failures.push(format!("{method} {path} as {actor:?}: {status} {}", String::from_utf8_lossy(&body)));
            } else if got != *want {
                failures.push(format!("{method} {pattern} as {actor:?}: expected {want:?}, got {status} {location:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} answers differ from the matrix:\n{}", failures.len(), failures.join("\n"));
}
