//! Onboarding experts who have no account (issue 13 item 5), over HTTP against the real server
//! with its demonstration data: an imported expert invited to a candidacy receives a join link
//! (instead of the dead end of an invitation nobody can accept), joins, confirms consent and
//! accepts; a link works once; someone signing up with an email already on a profile claims it
//! after verifying the email; a coordinator invites a roster segment to join.

use crate::accounts::{
    PASSWORD, csrf, demo_password, email_in_outbox, link_in, query_strings, quoted_printable, sign_in,
};
use crate::harness::{Client, Server};
use crate::harness::{api_as, ok};
use serde_json::json;

fn day(offset: i64) -> String {
    let today = time::OffsetDateTime::now_utc().date();
    (today + time::Duration::days(offset)).to_string()
}

/// An imported profile, without an account.
fn imported(api: &Client, name: &str, email: Option<&str>, language: &str) -> String {
    let mut body = json!({
        "name": name,
        "headline": "Civil engineer, water supply",
        "residence_country": "BE",
        "origin_countries": ["RW"],
        "languages": [{"code": language, "spoken": "C2", "written": "C1"}],
        "consent": {"matching": true, "version": "2026-11-01", "given_at": "2018-05-04T10:00:00Z"}
    });
    if let Some(email) = email {
        body["email"] = json!(email);
    }
    ok(api.post_json("/api/v1/experts", &body))["id"].as_str().unwrap().to_owned()
}

fn consent_of(server: &Server, expert: &str) -> Vec<String> {
    query_strings(
        &server.data_dir,
        &format!("SELECT coalesce(consent_version, 'none') FROM experts WHERE id = '{expert}'"),
    )
}

#[test]
fn experts_without_an_account_join_claim_and_are_invited_in_bulk() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator_api = api_as(&server, "coordinator@passerelle.example");

    // An imported expert is invited to a candidacy: the invitation reaches them by email, in
    // French (the language of their profile), with a link to join.
    let marie = imported(&coordinator_api, "Marie Uwimana", Some("marie.uwimana@example.org"), "fr");
    let approved = ok(coordinator_api.get("/api/v1/requests?status=approved&limit=1"));
    let request = approved["items"][0]["id"].as_str().unwrap().to_owned();
    let title = approved["items"][0]["title"].as_str().unwrap().to_owned();
    let shortlisted =
        ok(coordinator_api.post_json(&format!("/api/v1/requests/{request}/candidates"), &json!({"expert_id": marie})));
    let candidate = shortlisted["id"].as_str().unwrap().to_owned();
    let invite = json!({"to": "invited", "reply_by": day(10)});
    ok(coordinator_api.post_json(&format!("/api/v1/candidates/{candidate}/transitions"), &invite));
    let email = email_in_outbox(&server.data_dir, "marie.uwimana@example.org");
    let text = quoted_printable(&email);
    assert!(text.contains("Vous êtes invité à une mission"), "{text}");
    assert!(text.contains(&title), "the email names the request");
    let join = link_in(&email, "/join");
    let path = join.as_str();

    // The link opens the form to create the account, the address fixed, the name filled in.
    let marie_client = server.client();
    let form = marie_client.get(path);
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains(r#"value="marie.uwimana@example.org" readonly"#));
    assert!(form.body.contains(r#"value="Marie Uwimana""#));
    let token = path.trim_start_matches("/join?token=");
    let weak = marie_client.post_form(
        "/join",
        &[("csrf", &csrf(&form)), ("token", token), ("name", "Marie Uwimana"), ("password", "short"), ("locale", "fr")],
    );
    assert_eq!(weak.status, 422, "the password is checked");
    assert!(weak.body.contains(r##"href="#f-password""##));
    let joined = marie_client.post_form(
        "/join",
        &[
            ("csrf", &csrf(&form)),
            ("token", token),
            ("name", "Marie Uwimana"),
            ("password", PASSWORD),
            ("locale", "fr"),
            ("consent", "yes"),
        ],
    );
    assert_eq!(joined.status, 303, "{}", joined.body);
    assert_eq!(joined.header("location"), Some("/home"));
    assert_eq!(ok(marie_client.get("/api/v1/me"))["expert_id"], json!(marie), "the profile is hers");
    assert_eq!(consent_of(&server, &marie), ["2026-11-01"], "consent confirmed at claim");

    // Her home lists the invitation; she accepts it (no more dead end).
    let home = marie_client.get("/home");
    assert!(home.body.contains("Une invitation à laquelle répondre"), "{}", home.body);
    assert!(home.body.contains(&format!("/invitations/{candidate}")));
    let answer = marie_client.get(&format!("/invitations/{candidate}/answer"));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let accepted = marie_client.post_form(
        &format!("/invitations/{candidate}/answer"),
        &[("csrf", &csrf(&answer)), ("answer", "accept"), ("confirm", "yes")],
    );
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    assert_eq!(ok(coordinator_api.get(&format!("/api/v1/candidates/{candidate}")))["status"], "accepted");

    // The link works once.
    let again = server.client().get(path);
    assert_eq!(again.status, 400);

    // Someone signing up with an email already on a profile claims it after verifying it.
    let paul = imported(&coordinator_api, "Paul Mugisha", Some("paul.mugisha@example.org"), "en");
    let paul_client = server.client();
    let signup = paul_client.get("/signup?as=expert");
    let done = paul_client.post_form(
        "/signup",
        &[
            ("csrf", &csrf(&signup)),
            ("account_type", "expert"),
            ("name", "Paul Mugisha"),
            ("email", "paul.mugisha@example.org"),
            ("password", PASSWORD),
            ("locale", "en"),
        ],
    );
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("you will be offered to claim it"), "{}", done.body);
    let verify = link_in(&email_in_outbox(&server.data_dir, "verify-email?token="), "/verify-email");
    let verify_path = verify.as_str();
    let verify_page = paul_client.get(verify_path);
    let token = verify_path.trim_start_matches("/verify-email?token=");
    let verified = paul_client.post_form("/verify-email", &[("csrf", &csrf(&verify_page)), ("token", token)]);
    assert!(verified.body.contains("/login?next=/claim-profile"), "{}", verified.body);
    assert_eq!(sign_in(&paul_client, "paul.mugisha@example.org", PASSWORD).status, 303);
    // Opening his profile page first makes an empty profile; the claim replaces it.
    assert_eq!(paul_client.get("/profile").status, 200);
    let claim = paul_client.get("/claim-profile");
    assert_eq!(claim.status, 200);
    assert!(claim.body.contains("Paul Mugisha") && claim.body.contains(&format!(r#"value="{paul}""#)));
    let claimed = paul_client.post_form("/claim-profile", &[("csrf", &csrf(&claim)), ("expert_id", &paul)]);
    assert_eq!(claimed.status, 303, "{}", claimed.body);
    assert_eq!(ok(paul_client.get("/api/v1/me"))["expert_id"], json!(paul));
    assert_eq!(consent_of(&server, &paul), ["none"], "no consent confirmed: the imported one does not hold");
    let profiles = query_strings(
        &server.data_dir,
        "SELECT e.id FROM experts e JOIN users u ON u.id = e.user_id WHERE u.email = 'paul.mugisha@example.org'",
    );
    assert_eq!(profiles, [paul], "one profile, not two");

    // A coordinator invites a roster segment: those with an email and no account, once.
    imported(&coordinator_api, "Zawadi Habimana", Some("zawadi.habimana@example.org"), "en");
    imported(&coordinator_api, "Zawadi Nizeyimana", None, "en");
    let coordinator = server.client();
    assert_eq!(
        sign_in(&coordinator, "coordinator@passerelle.example", &demo_password(&server, "coordinator")).status,
        303
    );
    let roster = coordinator.get("/experts?q=Zawadi");
    assert!(roster.body.contains(r#"action="/experts/join-invitations""#));
    let send = |client: &Client| {
        let page = client.get("/experts?q=Zawadi&lang=en");
        client.post_form("/experts/join-invitations", &[("csrf", &csrf(&page)), ("q", "Zawadi")])
    };
    let first = send(&coordinator);
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.body.contains("One invitation to join is on its way."), "{}", first.body);
    assert!(first.body.contains("One profile has no email address to write to."));
    let second = send(&coordinator);
    assert!(second.body.contains("No invitation to join was sent.") && second.body.contains("1 invited already"));
    let invited = quoted_printable(&email_in_outbox(&server.data_dir, "zawadi.habimana@example.org"));
    assert!(invited.contains("Create your account") && invited.contains("/join?token="), "{invited}");
}

/// Waits until the search index has applied every change made so far (no sleeping and hoping).
fn wait_indexed(server: &Server) {
    let started = std::time::Instant::now();
    loop {
        let ready = server.client().get("/readyz").json();
        if ready["index_lag"] == 0 {
            return;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the index never caught up: {ready}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_call_reaches_every_expert_it_names_those_without_an_account_by_a_join_link() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator_api = api_as(&server, "coordinator@passerelle.example");
    // Three imported hydrogeologists, none with an account; one has no email to write to.
    let recipients = [
        ("Jeanne Karekezi", Some("jeanne.karekezi@example.org")),
        ("Olivier Bizimana", Some("olivier.bizimana@example.org")),
        ("Yves Ntwari", None),
    ];
    for (name, email) in recipients {
        let mut input = json!({
            "name": name,
            "headline": "Hydrogeologist, Kivu aquifers",
            "residence_country": "BE",
            "origin_countries": ["RW"],
            "languages": [{"code": "en", "spoken": "C2", "written": "C1"}],
            "consent": {"matching": true, "version": "2026-11-01", "given_at": "2018-05-04T10:00:00Z"}
        });
        if let Some(email) = email {
            input["email"] = json!(email);
        }
        ok(coordinator_api.post_json("/api/v1/experts", &input));
    }
    wait_indexed(&server);

    // The coordinator saves the roster search and sends a call with it.
    let coordinator = server.client();
    let password = demo_password(&server, "coordinator");
    assert_eq!(sign_in(&coordinator, "coordinator@passerelle.example", &password).status, 303);
    let roster = coordinator.get("/search?q=hydrogeologist+Kivu&consenting=on");
    assert_eq!(roster.status, 200);
    let saved = coordinator.post_form(
        "/saved-searches",
        &[("csrf", &csrf(&roster)), ("name", "Kivu hydrogeologists"), ("q", "hydrogeologist Kivu")],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let new = coordinator.get(saved.header("location").unwrap());
    let saved_search = saved.header("location").unwrap().rsplit('=').next().unwrap().to_owned();
    let sent = coordinator.post_form(
        "/calls/new",
        &[
            ("csrf", &csrf(&new)),
            ("title", "Urgent: water supply after the Rubavu floods"),
            ("message", "Two weeks in Rubavu to survey the wells."),
            ("saved_search_id", &saved_search),
            ("reply_by", &day(5)),
        ],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    let call = sent.header("location").unwrap().split('?').next().unwrap().to_owned();
    let page = coordinator.get(&format!("{call}?lang=en"));
    for name in ["Jeanne Karekezi", "Olivier Bizimana", "Yves Ntwari"] {
        assert!(page.body.contains(name), "{name} is a recipient: {}", page.body);
    }

    // Each recipient with an email hears of it, with a link to join; through it, they answer.
    let olivier = quoted_printable(&email_in_outbox(&server.data_dir, "olivier.bizimana@example.org"));
    assert!(olivier.contains("Call for experts") && olivier.contains("Rubavu floods"), "{olivier}");
    let email = email_in_outbox(&server.data_dir, "jeanne.karekezi@example.org");
    assert!(quoted_printable(&email).contains("Rubavu floods"));
    let join = link_in(&email, "/join");
    let jeanne = server.client();
    let form = jeanne.get(&join);
    assert_eq!(form.status, 200, "{}", form.body);
    let token = join.trim_start_matches("/join?token=");
    let joined = jeanne.post_form(
        "/join",
        &[
            ("csrf", &csrf(&form)),
            ("token", token),
            ("name", "Jeanne Karekezi"),
            ("password", PASSWORD),
            ("locale", "en"),
            ("consent", "yes"),
        ],
    );
    assert_eq!(joined.status, 303, "{}", joined.body);
    let her_call = jeanne.get(&call);
    assert_eq!(her_call.status, 200, "she is a recipient and sees the call: {}", her_call.body);
    let answered = jeanne.post_form(
        &format!("{call}/answer"),
        &[("csrf", &csrf(&her_call)), ("answer", "interested"), ("note", "Free from the 10th.")],
    );
    assert_eq!(answered.status, 303, "{}", answered.body);
}
