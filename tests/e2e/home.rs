//! The home of each role (issue 13 item 2) and the clock and language of each person (item 4),
//! over HTTP against the real server with its demonstration data.

use crate::accounts::{PASSWORD, csrf, demo_password, email_in_outbox, query_strings, quoted_printable, sign_in};
use crate::harness::Server;
use crate::harness::{api_as, ok};
use serde_json::{Value, json};

/// The count of each kind of work in a to-do list.
fn counts(todo: &Value) -> Vec<(String, i64)> {
    todo["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["kind"].as_str().unwrap().to_owned(), i["count"].as_i64().unwrap()))
        .collect()
}

fn count_of(todo: &Value, kind: &str) -> i64 {
    counts(todo).into_iter().find(|(k, _)| k == kind).unwrap_or_else(|| panic!("no {kind} in {todo}")).1
}

#[test]
fn each_role_lands_on_what_waits_for_it() {
    let server = Server::start_with(&["--demo"], &[]);

    // Signing in lands on the person's home, unless a return address of ours says otherwise.
    let expert = server.client();
    let landed = sign_in(&expert, "expert@passerelle.example", &demo_password(&server, "expert"));
    assert_eq!(landed.header("location"), Some("/home"));
    let elsewhere = server.client();
    let form = elsewhere.get("/login?next=/missions");
    let reply = elsewhere.post_form(
        "/login",
        &[
            ("csrf", &csrf(&form)),
            ("email", "coordinator@passerelle.example"),
            ("password", &demo_password(&server, "coordinator")),
            ("next", "/missions"),
        ],
    );
    assert_eq!(reply.header("location"), Some("/missions"));

    // The demo expert has an invitation to answer and a report due.
    let home = expert.get("/home?lang=en");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("What waits for you"));
    assert!(home.body.contains("invitation to answer") && home.body.contains("report"), "{}", home.body);
    let todo = ok(api_as(&server, "expert@passerelle.example").get("/api/v1/me/todo"));
    assert_eq!(todo["role"], "expert");
    assert!(count_of(&todo, "invitations_to_answer") >= 1 && count_of(&todo, "reports_due") >= 1, "{todo}");
    let invitation =
        &todo["items"].as_array().unwrap().iter().find(|i| i["kind"] == "invitations_to_answer").unwrap()["entries"][0];
    assert!(invitation["link"].as_str().unwrap().starts_with("/invitations/"));
    assert_eq!(expert.get(invitation["link"].as_str().unwrap()).status, 200, "the link leads to the invitation");
    let fr = expert.get("/home?lang=fr");
    assert!(fr.body.contains("Ce qui vous attend"), "the page in French");

    // The demo host has a candidate to approve and a mission to evaluate.
    let host = ok(api_as(&server, "institution@passerelle.example").get("/api/v1/me/todo"));
    assert_eq!(host["role"], "institution");
    assert!(count_of(&host, "candidates_to_approve") >= 1 && count_of(&host, "missions_to_evaluate") >= 1, "{host}");
    for kind in ["requests_needing_changes", "requests_to_take_over"] {
        count_of(&host, kind);
    }

    // Coordinators: the review queue and the rest; admins, besides, accounts and institutions.
    let staff = ok(api_as(&server, "coordinator@passerelle.example").get("/api/v1/me/todo"));
    assert!(count_of(&staff, "review_queue") >= 1, "{staff}");
    for kind in ["requests_without_full_match", "invitations_expiring", "checklists_due", "missions_to_close"] {
        count_of(&staff, kind);
    }
    assert!(counts(&staff).iter().all(|(k, _)| k != "accounts_pending"), "accounts are the admin's");
    let queue =
        ok(api_as(&server, "coordinator@passerelle.example").get("/api/v1/requests?status=submitted&limit=200"));
    assert_eq!(count_of(&staff, "review_queue"), queue["total"].as_i64().unwrap(), "the queue counted as it is");
    let admin = ok(api_as(&server, "admin@passerelle.example").get("/api/v1/me/todo"));
    count_of(&admin, "accounts_pending");
    count_of(&admin, "institutions_to_verify");
    assert_eq!(server.client().get("/api/v1/me/todo").status, 401);
}

#[test]
fn times_and_emails_follow_each_persons_zone_and_language() {
    let server = Server::start_with(&["--demo"], &[]);

    // A new host institution signs up, its member in French; a coordinator verifies it: the
    // member is told, in the app and by email, in French.
    let member = server.client();
    let signup = member.get("/signup?as=institution");
    let done = member.post_form(
        "/signup",
        &[
            ("csrf", &csrf(&signup)),
            ("account_type", "institution"),
            ("name", "Aminata Diallo"),
            ("email", "aminata.diallo@example.org"),
            ("password", PASSWORD),
            ("locale", "fr"),
            ("institution_mode", "new"),
            ("institution.name", "Centre hospitalier de Kindia"),
            ("institution.kind", "hospital"),
            ("institution.country", "GN"),
            ("institution.city", "Kindia"),
        ],
    );
    assert_eq!(done.status, 200, "{}", done.body);
    let coordinator_api = api_as(&server, "coordinator@passerelle.example");
    let list = ok(coordinator_api.get("/api/v1/institutions?q=Kindia"));
    let institution = list["items"][0]["id"].as_str().unwrap().to_owned();
    let verify = json!({"status": "verified", "comment": "Checked the registry."});
    ok(coordinator_api.post_json(&format!("/api/v1/institutions/{institution}/verification"), &verify));
    let member_api = api_as(&server, "aminata.diallo@example.org");
    let inbox = ok(member_api.get("/api/v1/notifications"));
    assert_eq!(inbox["items"][0]["kind"], "institution_verified", "{inbox}");
    let email = quoted_printable(&email_in_outbox(&server.data_dir, "Centre hospitalier de Kindia » est vérifiée"));
    assert!(email.contains("Votre institution « Centre hospitalier de Kindia » est vérifiée"), "{email}");

    // Her clock is Conakry's (her institution's country) until she chooses another.
    assert_eq!(sign_in(&member, "aminata.diallo@example.org", PASSWORD).status, 303);
    let account = member.get("/account");
    assert!(account.body.contains(r#"<select id="f-time_zone" name="time_zone""#));
    assert!(account.body.contains("Africa/Conakry"), "the zone from her country is named");
    let save = |zone: &str| {
        let page = member.get("/account");
        member.post_form(
            "/account/settings",
            &[("csrf", &csrf(&page)), ("name", "Aminata Diallo"), ("locale", "fr"), ("time_zone", zone)],
        )
    };
    let refused = save("Mars/Olympus_Mons");
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(r##"href="#f-time_zone""##));
    assert_eq!(save("Asia/Tokyo").status, 303);
    let notifications = member.get("/notifications");
    assert!(notifications.body.contains(" JST"), "times on her clock: {}", notifications.body);

    // The language chosen in the header is saved on the account (emails follow it).
    let expert = server.client();
    assert_eq!(sign_in(&expert, "expert@passerelle.example", &demo_password(&server, "expert")).status, 303);
    let language =
        || query_strings(&server.data_dir, "SELECT locale FROM users WHERE email = 'expert@passerelle.example'");
    let before = language();
    let switched = if before == ["fr"] { "en" } else { "fr" };
    assert_eq!(expert.get(&format!("/home?lang={switched}")).status, 200);
    assert_eq!(language(), [switched]);
}
