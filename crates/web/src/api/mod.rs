//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document at `/api/openapi.json`
//! and a readable reference at `/api/docs`. Authenticated by personal bearer tokens (or the
//! browser session, with the CSRF header for changes); errors are
//! `application/problem+json` (RFC 9457) listing the invalid fields.

mod access;
mod account;
mod body;
mod calls;
mod candidates;
mod consent;
mod contract;
mod costs;
mod docs;
mod documents;
mod experts;
mod figures;
mod institutions;
mod me;
mod members;
mod messages;
mod mission_records;
mod missions;
mod notifications;
mod onboarding;
mod programmes;
mod progress;
mod requests;
mod saved_searches;
mod skills;
mod suggestions;
mod todo;
mod users;

pub(crate) use crate::error::Problem;
use crate::routes::Routes;
use utoipa::OpenApi;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/openapi.json", "api.openapi", docs::openapi_json)
        .get("/api/docs", "api.docs", docs::page)
        .get("/api/v1/me", "api.me", me::me)
        .get("/api/v1/me/todo", "api.me.todo", todo::todo)
        .get("/api/v1/me/consent", "api.me.consent", consent::get)
        .put("/api/v1/me/consent", "api.me.consent.choose", consent::choose)
        .post("/api/v1/me/profile/confirmation", "api.me.profile.confirm", suggestions::confirm_profile)
        .get("/api/v1/me/settings", "api.me.settings", account::settings)
        .put("/api/v1/me/settings", "api.me.settings.save", account::save_settings)
        .put("/api/v1/me/password", "api.me.password", account::change_password)
        .post("/api/v1/me/verification", "api.me.verification", account::send_verification)
        .get("/api/v1/me/tokens", "api.me.tokens", access::tokens)
        .post("/api/v1/me/tokens", "api.me.tokens.create", access::create_token)
        .delete("/api/v1/me/tokens/{id}", "api.me.tokens.revoke", access::revoke_token)
        .get("/api/v1/me/sessions", "api.me.sessions", access::sessions)
        .delete("/api/v1/me/sessions", "api.me.sessions.end_others", access::end_other_sessions)
        .delete("/api/v1/me/sessions/{id}", "api.me.sessions.end", access::end_session)
        .get("/api/v1/me/claimable-profiles", "api.me.claimable_profiles", onboarding::claimable)
        .post("/api/v1/me/profile/claim", "api.me.profile.claim", onboarding::claim)
        .get("/api/v1/skills", "api.skills.suggest", skills::suggest)
        .reads::<skills::SuggestQuery>()
        .post("/api/v1/skills/extract", "api.skills.extract", skills::extract)
        .get("/api/v1/experts", "api.experts.list", experts::list)
        .reads::<experts::ListParams>()
        .post("/api/v1/experts", "api.experts.create", experts::create)
        .post("/api/v1/experts/join-invitations", "api.experts.join_invitations", onboarding::invite_segment)
        .post("/api/v1/experts/{id}/join-invitation", "api.experts.join_invitation", onboarding::invite_one)
        .get("/api/v1/experts/{id}", "api.experts.read", experts::read)
        .put("/api/v1/experts/{id}", "api.experts.replace", experts::replace)
        .delete("/api/v1/experts/{id}", "api.experts.erase", experts::erase)
        .get("/api/v1/experts/{id}/export", "api.experts.export", experts::export)
        .put(
            "/api/v1/experts/{id}/credentials/{credential}/status",
            "api.experts.credential.verify",
            consent::verify_credential,
        )
        .get("/api/v1/experts/{id}/suggestions", "api.experts.suggestions", suggestions::list)
        .post("/api/v1/experts/{id}/suggestions/confirm", "api.experts.suggestions.confirm", suggestions::confirm)
        .post("/api/v1/experts/{id}/suggestions/dismiss", "api.experts.suggestions.dismiss", suggestions::dismiss)
        .get("/api/v1/institutions", "api.institutions.list", institutions::list)
        .reads::<institutions::ListQuery>()
        .post("/api/v1/institutions", "api.institutions.create", institutions::create)
        .get("/api/v1/institutions/{id}", "api.institutions.get", institutions::get)
        .put("/api/v1/institutions/{id}", "api.institutions.update", institutions::update)
        .post("/api/v1/institutions/{id}/verification", "api.institutions.verify", institutions::verify)
        .get("/api/v1/institutions/{id}/members", "api.members.list", members::list)
        .reads::<members::MembersQuery>()
        .post("/api/v1/institutions/{id}/members/{user}/approval", "api.members.approve", members::approve)
        .delete("/api/v1/institutions/{id}/members/{user}", "api.members.remove", members::remove)
        .get("/api/v1/users", "api.users.list", users::list)
        .reads::<users::UsersQuery>()
        .post("/api/v1/users", "api.users.create", users::create)
        .get("/api/v1/users/{id}", "api.users.get", users::get)
        .put("/api/v1/users/{id}/role", "api.users.role", users::set_role)
        .post("/api/v1/users/{id}/disable", "api.users.disable", users::disable)
        .post("/api/v1/users/{id}/enable", "api.users.enable", users::enable)
        .get("/api/v1/programmes", "api.programmes.list", programmes::list)
        .reads::<programmes::ListQuery>()
        .post("/api/v1/programmes", "api.programmes.create", programmes::create)
        .get("/api/v1/programmes/{id}", "api.programmes.get", programmes::get)
        .put("/api/v1/programmes/{id}", "api.programmes.update", programmes::update)
        .get("/api/v1/programmes/{id}/progress", "api.programmes.progress", progress::get)
        .get("/api/v1/requests", "api.requests.list", requests::list)
        .reads::<requests::ListQuery>()
        .post("/api/v1/requests", "api.requests.create", requests::create)
        .get("/api/v1/requests/{id}", "api.requests.get", requests::get)
        .put("/api/v1/requests/{id}", "api.requests.update", requests::update)
        .post("/api/v1/requests/{id}/transitions", "api.requests.transition", requests::transition)
        .get("/api/v1/requests/{id}/history", "api.requests.history", requests::history)
        .post("/api/v1/requests/{id}/take-over", "api.requests.take_over", requests::take_over::take_over)
        .get("/api/v1/requests/{id}/matches", "api.requests.matches", crate::requests::matches::api)
        .reads::<crate::requests::matches::MatchParams>()
        .get("/api/v1/requests/{id}/candidates", "api.candidates.list", candidates::of_request)
        .post("/api/v1/requests/{id}/candidates", "api.candidates.shortlist", candidates::shortlist)
        .post("/api/v1/requests/{id}/candidates/bulk", "api.candidates.bulk", candidates::bulk)
        .get("/api/v1/candidates/{id}", "api.candidates.get", candidates::get)
        .post("/api/v1/candidates/{id}/transitions", "api.candidates.transition", candidates::transition)
        .post(
            "/api/v1/candidates/{id}/consent/withdraw",
            "api.candidates.consent.withdraw",
            candidates::withdraw_consent,
        )
        .get("/api/v1/invitations", "api.invitations.list", candidates::invitations)
        .get("/api/v1/calls", "api.calls.list", calls::list)
        .reads::<calls::CallListQuery>()
        .post("/api/v1/calls", "api.calls.create", calls::create)
        .get("/api/v1/calls/{id}", "api.calls.get", calls::get)
        .post("/api/v1/calls/{id}/answer", "api.calls.answer", calls::answer)
        .post("/api/v1/calls/{id}/close", "api.calls.close", calls::close)
        .get("/api/v1/saved-searches", "api.saved_searches.list", saved_searches::searches)
        .reads::<saved_searches::SavedSearchListQuery>()
        .post("/api/v1/saved-searches", "api.saved_searches.save", saved_searches::save_search)
        .delete("/api/v1/saved-searches/{id}", "api.saved_searches.delete", saved_searches::delete_search)
        .get("/api/v1/missions", "api.missions.list", missions::list)
        .reads::<missions::ListQuery>()
        .get("/api/v1/missions/{id}", "api.missions.get", missions::get)
        .post("/api/v1/missions/{id}/transitions", "api.missions.transition", missions::transition)
        .put("/api/v1/missions/{id}/checklist/{item}", "api.missions.checklist", missions::checklist)
        .put("/api/v1/missions/{id}/report", "api.missions.report", missions::report)
        .put("/api/v1/missions/{id}/evaluation", "api.missions.evaluation", missions::evaluation)
        .get("/api/v1/missions/{id}/report", "api.missions.report.read", mission_records::report)
        .get("/api/v1/missions/{id}/evaluation", "api.missions.evaluation.read", mission_records::evaluation)
        .put("/api/v1/missions/{id}/schedule", "api.missions.schedule", mission_records::schedule)
        .post("/api/v1/missions/{id}/extensions", "api.missions.extension.request", mission_records::request_extension)
        .post(
            "/api/v1/missions/{id}/extensions/decision",
            "api.missions.extension.decide",
            mission_records::decide_extension,
        )
        .get("/api/v1/missions/{id}/history", "api.missions.history", missions::history)
        .get("/api/v1/missions/{id}/costs", "api.costs.list", costs::list)
        .post("/api/v1/missions/{id}/costs", "api.costs.add", costs::add)
        .delete("/api/v1/missions/{id}/costs/{cost}", "api.costs.remove", costs::remove)
        .get("/api/v1/requests/{id}/documents", "api.documents.list", documents::of_request)
        .post("/api/v1/requests/{id}/documents", "api.documents.upload", documents::upload_to_request)
        .uploads()
        .get("/api/v1/missions/{id}/documents", "api.documents.list", documents::of_mission)
        .post("/api/v1/missions/{id}/documents", "api.documents.upload", documents::upload_to_mission)
        .uploads()
        .get("/api/v1/candidates/{id}/documents", "api.documents.list", documents::of_candidate)
        .post("/api/v1/candidates/{id}/documents", "api.documents.upload", documents::upload_to_candidate)
        .uploads()
        .get("/api/v1/experts/{id}/documents", "api.documents.list", documents::of_expert)
        .post("/api/v1/experts/{id}/documents", "api.documents.upload", documents::upload_to_expert)
        .uploads()
        .get("/api/v1/documents/{id}", "api.documents.get", documents::get)
        .delete("/api/v1/documents/{id}", "api.documents.delete", documents::delete)
        .get("/api/v1/documents/{id}/content", "api.documents.content", documents::content)
        .put("/api/v1/documents/{id}/content", "api.documents.replace", documents::replace)
        .uploads()
        .get("/api/v1/candidates/{id}/messages", "api.messages.list", messages::of_candidate)
        .post("/api/v1/candidates/{id}/messages", "api.messages.post", messages::post_on_candidate)
        .uploads()
        .post("/api/v1/candidates/{id}/messages/read", "api.messages.read", messages::read_candidate)
        .get("/api/v1/missions/{id}/messages", "api.messages.list", messages::of_mission)
        .post("/api/v1/missions/{id}/messages", "api.messages.post", messages::post_on_mission)
        .uploads()
        .post("/api/v1/missions/{id}/messages/read", "api.messages.read", messages::read_mission)
        .get("/api/v1/notifications", "api.notifications", figures::inbox)
        .post("/api/v1/notifications/read", "api.notifications.read", notifications::read)
        .get("/api/v1/notifications/settings", "api.notifications.settings", notifications::settings)
        .put("/api/v1/notifications/settings", "api.notifications.settings.save", notifications::save_settings)
        .get("/api/v1/stats", "api.stats", figures::stats)
        .reads::<figures::StatsQuery>()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Passerelle API",
        description = "Diaspora experts, host institutions, mission requests and missions. Authenticate with a \
                       personal token: `Authorization: Bearer psl_…` (create one on your account page). Errors \
                       are RFC 9457 problem details; invalid input lists every invalid field.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        me::me,
        todo::todo,
        consent::get,
        consent::choose,
        consent::verify_credential,
        suggestions::list,
        suggestions::confirm,
        suggestions::dismiss,
        suggestions::confirm_profile,
        account::settings,
        account::save_settings,
        account::change_password,
        account::send_verification,
        access::tokens,
        access::create_token,
        access::revoke_token,
        access::sessions,
        access::end_session,
        access::end_other_sessions,
        onboarding::claimable,
        onboarding::claim,
        onboarding::invite_segment,
        onboarding::invite_one,
        skills::suggest,
        skills::extract,
        institutions::list,
        institutions::create,
        institutions::get,
        institutions::update,
        institutions::verify,
        members::list,
        members::approve,
        members::remove,
        users::list,
        users::create,
        users::get,
        users::set_role,
        users::disable,
        users::enable,
        programmes::list,
        programmes::create,
        programmes::get,
        programmes::update,
        progress::get,
        requests::list,
        requests::create,
        requests::get,
        requests::update,
        requests::transition,
        requests::history,
        requests::take_over::take_over,
        crate::requests::matches::api,
        candidates::of_request,
        candidates::shortlist,
        candidates::bulk,
        candidates::get,
        candidates::transition,
        candidates::withdraw_consent,
        candidates::invitations,
        calls::list,
        calls::create,
        calls::get,
        calls::answer,
        calls::close,
        saved_searches::searches,
        saved_searches::save_search,
        saved_searches::delete_search,
        missions::list,
        missions::get,
        missions::transition,
        missions::checklist,
        missions::report,
        missions::evaluation,
        missions::history,
        mission_records::report,
        mission_records::evaluation,
        mission_records::schedule,
        mission_records::request_extension,
        mission_records::decide_extension,
        costs::list,
        costs::add,
        costs::remove,
        figures::inbox,
        notifications::read,
        notifications::settings,
        notifications::save_settings,
        figures::stats,
        documents::of_request,
        documents::upload_to_request,
        documents::of_mission,
        documents::upload_to_mission,
        documents::of_candidate,
        documents::upload_to_candidate,
        documents::of_expert,
        documents::upload_to_expert,
        documents::get,
        documents::delete,
        documents::content,
        documents::replace,
        messages::of_candidate,
        messages::post_on_candidate,
        messages::read_candidate,
        messages::of_mission,
        messages::post_on_mission,
        messages::read_mission,
        experts::list,
        experts::create,
        experts::read,
        experts::replace,
        experts::erase,
        experts::export,
        crate::search::api,
    ),
    components(schemas(Problem, passerelle_core::FieldError)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// The OpenAPI document of the API, with what holds for every operation written in
/// ([`contract`]).
pub fn openapi() -> serde_json::Value {
    let mut document = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    contract::apply(&mut document);
    document
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("psl_…").build()),
        );
        openapi.security = Some(vec![SecurityRequirement::new("token", Vec::<String>::new())]);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Every route under /api/v1 is in the OpenAPI document, and the document describes no
    /// route that does not exist.
    #[test]
    fn the_openapi_document_covers_every_api_route() {
        let routes: BTreeSet<(String, String)> = crate::route_table()
            .into_iter()
            .filter(|r| r.path.starts_with("/api/v1/"))
            .map(|r| (r.method.to_lowercase(), r.path.to_owned()))
            .collect();
        let document = super::openapi();
        assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
        let mut documented = BTreeSet::new();
        for (path, item) in document["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                documented.insert((method.clone(), path.clone()));
            }
        }
        assert_eq!(routes, documented);
    }
}
