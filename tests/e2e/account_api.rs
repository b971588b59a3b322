//! The account page and the onboarding pages through the JSON API (issue 15 item 5), against
//! the real server with its demonstration data: a person changes their settings, their
//! password (only with the current one; their other sessions end), creates a token whose
//! secret is shown once and revokes it, lists their sessions and ends one or all the others,
//! without reaching anyone else's; a coordinator invites a roster segment or one profile to
//! join; an expert who signed up with an email already on a profile claims it once verified.

use crate::accounts::{PASSWORD, csrf, demo_password, email_in_outbox, link_in, sign_in, sign_up_expert};
use crate::harness::{Client, Reply, Server, api_as, ok};
use serde_json::{Value, json};

/// The problems of a 422 answer, as `field code`.
fn problems(reply: Reply) -> Vec<String> {
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    let errors = reply.json()["errors"].as_array().unwrap().clone();
    errors.iter().map(|e| format!("{} {}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect()
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().unwrap_or_else(|| panic!("no items in {list}")).clone()
}

/// A browser signed in as `email`, speaking to the API with its session and CSRF token.
fn browser(server: &Server, email: &str, password: &str) -> Client {
    let client = server.client();
    assert_eq!(sign_in(&client, email, password).status, 303, "{email} signs in");
    let account = client.get("/account");
    client.with_header("x-csrf-token", &csrf(&account))
}

/// No answer carries a password, its hash or a token's secret (but the one creating it).
fn no_secret(reply: &Reply, secrets: &[&str]) {
    for secret in ["argon2", "password_hash", "token_hash", PASSWORD].iter().chain(secrets) {
        assert!(!reply.body.contains(secret), "{secret} in {}", reply.body);
    }
}

#[test]
fn people_change_their_settings_password_tokens_and_sessions_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let admin = api_as(&server, "admin@passerelle.example");
    let body = json!({"name": "Grace Mukamana", "email": "grace@account-api.example", "role": "coordinator", "password": PASSWORD});
    assert_eq!(admin.post_json("/api/v1/users", &body).status, 201);
    let grace = api_as(&server, "grace@account-api.example");
    let admin_me = ok(admin.get("/api/v1/me"));

    // Settings: read, refused with every field named, saved, read back.
    // Her account speaks the language of the admin who made it.
    let settings = ok(grace.get("/api/v1/me/settings"));
    assert_eq!(
        (&settings["name"], &settings["locale"], &settings["time_zone"], &settings["email_verified"]),
        (&json!("Grace Mukamana"), &admin_me["locale"], &Value::Null, &json!(true))
    );
    let other = if admin_me["locale"] == "fr" { "en" } else { "fr" };
    let bad = json!({"name": " ", "locale": "de", "time_zone": "Mars/Olympus"});
    assert_eq!(
        problems(grace.put_json("/api/v1/me/settings", &bad)),
        ["name required", "locale locale.unsupported", "time_zone time_zone.unknown"]
    );
    let long = json!({"name": "n".repeat(201), "locale": "EN", "time_zone": "z".repeat(65)});
    assert_eq!(
        problems(grace.put_json("/api/v1/me/settings", &long)),
        ["name too_long", "locale locale.unsupported", "time_zone too_long"]
    );
    assert_eq!(grace.put_json("/api/v1/me/settings", &json!({"name": "G", "locale": "en", "email": "x"})).status, 422);
    let good = json!({"name": " Grace M. ", "locale": other, "time_zone": "Africa/Kigali"});
    let saved = ok(grace.put_json("/api/v1/me/settings", &good));
    assert_eq!(
        (&saved["name"], &saved["locale"], &saved["time_zone"], &saved["time_zone_in_use"]),
        (&json!("Grace M."), &json!(other), &json!("Africa/Kigali"), &json!("Africa/Kigali"))
    );
    assert_eq!(ok(grace.get("/api/v1/me/settings")), saved);
    assert_eq!(ok(grace.get("/api/v1/me"))["locale"], other);
    let cleared = ok(grace.put_json("/api/v1/me/settings", &json!({"name": "Grace M.", "locale": "en"})));
    assert_eq!((&cleared["time_zone"], &cleared["time_zone_in_use"]), (&Value::Null, &json!("UTC")));
    assert_eq!(ok(admin.get("/api/v1/me"))["name"], admin_me["name"], "nobody else's");

    // Tokens: listed without secrets; a new one's secret answered once, working until revoked.
    let listed = grace.get("/api/v1/me/tokens");
    no_secret(&listed, &[]);
    let tokens = items(&listed.json());
    assert_eq!(tokens.len(), 1, "the command line's: {tokens:?}");
    assert!(tokens[0].get("token").is_none() && tokens[0]["revoked_at"].is_null());
    // A token makes no tokens (a leaked one must not outlive its revocation through others);
    // a signed-in session does.
    assert_eq!(grace.post_json("/api/v1/me/tokens", &json!({"name": "from a token"})).status, 403);
    let session = browser(&server, "grace@account-api.example", PASSWORD);
    assert_eq!(problems(session.post_json("/api/v1/me/tokens", &json!({"name": " "}))), ["name required"]);
    assert_eq!(problems(session.post_json("/api/v1/me/tokens", &json!({"name": "t".repeat(81)}))), ["name too_long"]);
    assert_eq!(problems(session.post_json("/api/v1/me/tokens", &json!({"name": "a\u{1b}b"}))), ["name text.control"]);
    assert_eq!(problems(session.post_json("/api/v1/me/tokens", &json!(["import script"]))), ["body json.invalid"]);
    let created = session.post_json("/api/v1/me/tokens", &json!({"name": "import script"}));
    // Signed out again, so that the sessions below are the two browsers'.
    let current = items(&ok(session.get("/api/v1/me/sessions"))).into_iter().find(|s| s["current"] == true).unwrap();
    assert_eq!(session.delete(&format!("/api/v1/me/sessions/{}", current["id"].as_str().unwrap())).status, 204);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.header("cache-control"), Some("no-store"));
    let created = created.json();
    let (id, secret) = (created["id"].as_str().unwrap().to_owned(), created["token"].as_str().unwrap().to_owned());
    assert!(secret.starts_with("psl_") && secret.starts_with(created["prefix"].as_str().unwrap()), "{created}");
    let script = server.client().with_header("authorization", &format!("Bearer {secret}"));
    assert_eq!(ok(script.get("/api/v1/me"))["email"], "grace@account-api.example");
    let listed = grace.get("/api/v1/me/tokens");
    no_secret(&listed, &[&secret]);
    assert_eq!(items(&listed.json())[0]["name"], "import script", "newest first");
    // Another person's token is not found, and keeps working.
    let admins = items(&ok(admin.get("/api/v1/me/tokens")));
    let theirs = admins[0]["id"].as_str().unwrap();
    assert_eq!(grace.delete(&format!("/api/v1/me/tokens/{theirs}")).status, 404);
    assert_eq!(admin.get("/api/v1/me").status, 200);
    assert_eq!(script.delete(&format!("/api/v1/me/tokens/{id}")).status, 204, "a token revokes itself");
    assert_eq!(script.get("/api/v1/me").status, 401);
    assert_eq!(grace.delete(&format!("/api/v1/me/tokens/{id}")).status, 404, "revoked already");
    let revoked = items(&ok(grace.get("/api/v1/me/tokens")));
    assert!(revoked.iter().any(|t| t["id"] == id.as_str() && t["revoked_at"].is_string()), "{revoked:?}");

    // Sessions: two browsers; one sees itself as current and ends the other.
    let laptop = browser(&server, "grace@account-api.example", PASSWORD);
    let phone = browser(&server, "grace@account-api.example", PASSWORD);
    let seen = items(&ok(grace.get("/api/v1/me/sessions")));
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.iter().all(|s| s["current"] == false), "a token is no session");
    let own = items(&ok(laptop.get("/api/v1/me/sessions")));
    let current: Vec<&Value> = own.iter().filter(|s| s["current"] == true).collect();
    assert_eq!(current.len(), 1, "{own:?}");
    let laptop_session = current[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(ok(laptop.delete("/api/v1/me/sessions"))["ended"], 1);
    assert_eq!(phone.get("/api/v1/me").status, 401, "the other session ended");
    assert_eq!(laptop.get("/api/v1/me").status, 200, "not this one");
    assert_eq!(grace.delete("/api/v1/me/sessions/unknown-session").status, 404);
    let admin_browser = browser(&server, "admin@passerelle.example", &demo_password(&server, "admin"));
    let admin_session = items(&ok(admin_browser.get("/api/v1/me/sessions")))
        .into_iter()
        .find(|s| s["current"] == true)
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .unwrap();
    assert_eq!(grace.delete(&format!("/api/v1/me/sessions/{admin_session}")).status, 404, "not hers");
    assert_eq!(grace.delete(&format!("/api/v1/me/sessions/{laptop_session}")).status, 204);
    assert_eq!(laptop.get("/api/v1/me").status, 401);
    let own_end = admin_browser.delete(&format!("/api/v1/me/sessions/{admin_session}"));
    assert_eq!(own_end.status, 204, "{}", own_end.body);
    assert!(own_end.headers_named("set-cookie").iter().any(|c| c.contains("Max-Age=0")), "signed out");
    assert_eq!(admin_browser.get("/api/v1/me").status, 401);

    // The password: only with the current one, by the rules; the other sessions end.
    let changes = "/api/v1/me/password";
    let wrong = json!({"current": "not my password at all", "password": "short"});
    assert_eq!(problems(grace.put_json(changes, &wrong)), ["current password.wrong", "password password.too_short"]);
    let as_email = json!({"current": PASSWORD, "password": "grace@account-api.example"});
    assert_eq!(problems(grace.put_json(changes, &as_email)), ["password password.is_email"]);
    let long = json!({"current": "c".repeat(257), "password": "p".repeat(257)});
    assert_eq!(problems(grace.put_json(changes, &long)), ["current too_long", "password password.too_long"]);
    assert_eq!(grace.put_json(changes, &json!({"current": PASSWORD, "password": "x", "confirm": "x"})).status, 422);
    let new_password = "imihigo y'umwaka 2027";
    let (desk, tablet) = (
        browser(&server, "grace@account-api.example", PASSWORD),
        browser(&server, "grace@account-api.example", PASSWORD),
    );
    let changed = desk.put_json(changes, &json!({"current": PASSWORD, "password": new_password}));
    assert_eq!(changed.status, 204, "{}", changed.body);
    assert_eq!(desk.get("/api/v1/me").status, 200, "the session that changed it stays");
    assert_eq!(tablet.get("/api/v1/me").status, 401, "the others end");
    assert_eq!(grace.get("/api/v1/me").status, 200, "tokens keep working");
    assert_eq!(sign_in(&server.client(), "grace@account-api.example", PASSWORD).status, 422);
    assert_eq!(sign_in(&server.client(), "grace@account-api.example", new_password).status, 303);
    // Changed with a token: every session ends.
    let back = json!({"current": new_password, "password": PASSWORD});
    assert_eq!(grace.put_json(changes, &back).status, 204);
    assert_eq!(desk.get("/api/v1/me").status, 401);
    assert!(items(&ok(grace.get("/api/v1/me/sessions"))).is_empty());

    // Verified already: nothing to send.
    assert_eq!(ok(grace.post_json("/api/v1/me/verification", &json!({}))), json!({"sent": false}));

    // Guessing the current password with a token is guessing it at sign-in: throttled alike,
    // counted before the check (the right one is refused too while the account is blocked).
    let guess = json!({"current": "a wrong guess", "password": "imihigo y'umwaka 2028"});
    let answers: Vec<u16> = (0..8).map(|_| grace.put_json(changes, &guess).status).collect();
    assert_eq!(answers[0], 422, "{answers:?}");
    assert_eq!(answers.last(), Some(&429), "{answers:?}");
    let blocked = grace.put_json(changes, &json!({"current": PASSWORD, "password": "imihigo y'umwaka 2028"}));
    assert_eq!(blocked.status, 429);
    assert!(blocked.header("retry-after").is_some_and(|s| s.parse::<u64>().is_ok()), "{:?}", blocked.headers);
    assert_eq!(sign_in(&server.client(), "grace@account-api.example", PASSWORD).status, 429, "the same count");
}

/// The later of the two verification emails to `to` (the second link made voids the first).
fn newest_of_two(server: &Server, to: &str) -> String {
    email_in_outbox(&server.data_dir, to);
    let started = std::time::Instant::now();
    loop {
        let mut found: Vec<(u64, String)> = std::fs::read_dir(server.data_dir.join("outbox"))
            .unwrap()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                // `{unix seconds}-{outbox id}.eml`: the id tells the order.
                let id = name.strip_suffix(".eml")?.rsplit('-').next()?.parse().ok()?;
                let text = std::fs::read_to_string(entry.path()).ok()?;
                let decoded = crate::accounts::quoted_printable(&text);
                (decoded.contains(to) && decoded.contains("/verify-email?")).then_some((id, text))
            })
            .collect();
        if found.len() >= 2 {
            found.sort();
            return found.pop().unwrap().1;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "no second email to {to}");
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

/// An imported profile without an account, its id.
fn imported(api: &Client, name: &str, email: Option<&str>) -> String {
    let mut body = json!({
        "name": name,
        "headline": "Midwife, neonatal care",
        "residence_country": "BE",
        "origin_countries": ["BI"],
        "languages": [{"code": "fr", "spoken": "C2", "written": "C1"}],
    });
    if let Some(email) = email {
        body["email"] = json!(email);
    }
    ok(api.post_json("/api/v1/experts", &body))["id"].as_str().unwrap().to_owned()
}

#[test]
fn staff_invite_to_join_and_experts_claim_their_profile_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = api_as(&server, "coordinator@passerelle.example");
    let expert = api_as(&server, "expert@passerelle.example");
    let member = api_as(&server, "institution@passerelle.example");
    let with_email = imported(&coordinator, "Claudine Ndayizeye", Some("claudine.ndayizeye@example.org"));
    let without = imported(&coordinator, "Diane Ndayizeye", None);
    let segment = json!({"q": "Ndayizeye", "origin": "BI", "consent": false});

    // Staff only: the others are refused, whatever the body.
    for outsider in [&expert, &member] {
        assert_eq!(outsider.post_json("/api/v1/experts/join-invitations", &segment).status, 403);
        assert_eq!(
            outsider.post_json(&format!("/api/v1/experts/{with_email}/join-invitation"), &json!({})).status,
            403
        );
    }

    // Each invalid filter is named.
    let bad = json!({"q": "q".repeat(201), "origin": "BDI", "residence": "XX", "language": "1", "level": "D1",
        "from": "2027-02-30", "credentials": "all", "freshness": "old"});
    assert_eq!(
        problems(coordinator.post_json("/api/v1/experts/join-invitations", &bad)),
        [
            "q too_long",
            "origin too_long",
            "residence country.unknown",
            "language language.format",
            "level cefr.unknown",
            "from date.format",
            "credentials credentials.unknown",
            "freshness freshness.unknown"
        ]
    );
    let backwards = json!({"from": "2027-03-10", "to": "2027-03-01"});
    assert_eq!(
        problems(coordinator.post_json("/api/v1/experts/join-invitations", &backwards)),
        ["to date_range.end_before_start"]
    );
    assert_eq!(coordinator.post_json("/api/v1/experts/join-invitations", &json!({"consent": "no"})).status, 422);
    assert_eq!(coordinator.post_json("/api/v1/experts/join-invitations", &json!({"page": 1})).status, 422);
    let array = json!([null, null]);
    assert_eq!(problems(coordinator.post_json("/api/v1/experts/join-invitations", &array)), ["body json.invalid"]);

    // The segment: the one with an email is invited, once; the other has no email.
    let sent = ok(coordinator.post_json("/api/v1/experts/join-invitations", &segment));
    assert_eq!(
        sent,
        json!({"queued": 1, "has_account": 0, "no_email": 1, "already_invited": 0, "most_per_sending": 2000})
    );
    let again = ok(coordinator.post_json("/api/v1/experts/join-invitations", &segment));
    assert_eq!((&again["queued"], &again["already_invited"]), (&json!(0), &json!(1)));
    let email = email_in_outbox(&server.data_dir, "claudine.ndayizeye@example.org");
    assert!(link_in(&email, "/join").starts_with("/join?token="));

    // One profile at a time: queued, or why not.
    let one = |id: &str| coordinator.post_json(&format!("/api/v1/experts/{id}/join-invitation"), &json!({}));
    assert_eq!(ok(one(&with_email)), json!({"queued": false, "skipped": "already_invited"}));
    assert_eq!(ok(one(&without)), json!({"queued": false, "skipped": "no_email"}));
    let has_account = ok(expert.get("/api/v1/me"))["expert_id"].as_str().unwrap().to_owned();
    assert_eq!(ok(one(&has_account)), json!({"queued": false, "skipped": "has_account"}));
    for unknown in ["01900000-0000-7000-8000-000000000000", "nobody"] {
        assert_eq!(one(unknown).status, 404);
    }
    let fresh = imported(&coordinator, "Aimée Irakoze", Some("aimee.irakoze@example.org"));
    assert_eq!(ok(one(&fresh)), json!({"queued": true, "skipped": null}));
    email_in_outbox(&server.data_dir, "aimee.irakoze@example.org");

    // Someone signs up with the email of an imported profile: offered once it is verified.
    let paul = imported(&coordinator, "Paul Niyonzima", Some("paul.niyonzima@example.org"));
    let browser = server.client();
    assert_eq!(sign_up_expert(&browser, "Paul Niyonzima", "paul.niyonzima@example.org").status, 200);
    let paul_api = api_as(&server, "paul.niyonzima@example.org");
    assert_eq!(ok(paul_api.get("/api/v1/me/claimable-profiles")), json!({"email_verified": false, "items": []}));
    let claim = json!({"expert_id": paul, "consent": true});
    assert_eq!(problems(paul_api.post_json("/api/v1/me/profile/claim", &claim)), ["expert_id claim.unknown"]);
    for staff_or_host in [&coordinator, &member] {
        assert_eq!(staff_or_host.get("/api/v1/me/claimable-profiles").status, 403);
        assert_eq!(staff_or_host.post_json("/api/v1/me/profile/claim", &claim).status, 403);
    }
    // A second link to verify the email, on asking; the first one verifies it.
    assert_eq!(ok(paul_api.post_json("/api/v1/me/verification", &json!({}))), json!({"sent": true}));
    let verify = link_in(&newest_of_two(&server, "paul.niyonzima@example.org"), "/verify-email");
    let page = browser.get(&verify);
    let token = verify.trim_start_matches("/verify-email?token=");
    assert_eq!(browser.post_form("/verify-email", &[("csrf", &csrf(&page)), ("token", token)]).status, 200);
    assert_eq!(ok(paul_api.post_json("/api/v1/me/verification", &json!({}))), json!({"sent": false}));

    // His own (empty) profile, made by asking who he is, gives way to the one he claims.
    let own = ok(paul_api.get("/api/v1/me"))["expert_id"].as_str().unwrap().to_owned();
    assert_ne!(own, paul);
    let offered = ok(paul_api.get("/api/v1/me/claimable-profiles"));
    assert_eq!(offered["email_verified"], true);
    assert_eq!(items(&offered).iter().map(|p| p["id"].as_str().unwrap()).collect::<Vec<_>>(), [paul.as_str()]);
    assert_eq!(items(&offered)[0]["name"], "Paul Niyonzima");
    for wrong in [json!({"expert_id": with_email}), json!({"expert_id": "x".repeat(37)}), json!({"consent": true})] {
        assert_eq!(paul_api.post_json("/api/v1/me/profile/claim", &wrong).status, 422, "{wrong}");
    }
    assert_eq!(ok(paul_api.post_json("/api/v1/me/profile/claim", &claim)), json!({"expert_id": paul, "consent": true}));
    assert_eq!(ok(paul_api.get("/api/v1/me"))["expert_id"], json!(paul));
    let profile = ok(paul_api.get(&format!("/api/v1/experts/{paul}")));
    assert!(profile["consent_given"].is_object(), "consent confirmed at claim: {profile}");
    assert_eq!(paul_api.get(&format!("/api/v1/experts/{own}")).status, 404, "the empty one is gone");
    assert_eq!(ok(paul_api.get("/api/v1/me/claimable-profiles"))["items"], json!([]));
    assert_eq!(problems(paul_api.post_json("/api/v1/me/profile/claim", &claim)), ["expert_id claim.unknown"]);
}
