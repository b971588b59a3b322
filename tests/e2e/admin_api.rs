//! Accounts, institution members and notifications through the JSON API, against the real
//! server with its demonstration data: an admin creates a coordinator, changes her role,
//! disables her (her token stops working) and enables her again, and is kept from doing so to
//! themself; a host institution's member lets in someone who asked to join, who is told by
//! email, and removes them; a person marks their notifications read and chooses how they are
//! told, and reads it all back, without touching anyone else's.

use crate::accounts::{PASSWORD, csrf, email_in_outbox, quoted_printable};
use crate::harness::{Client, Reply, Server, api_as, ok};
use serde_json::{Value, json};

/// The fields of the problems of a 422 answer, as `field code`.
fn problems(reply: Reply) -> Vec<String> {
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    let errors = reply.json()["errors"].as_array().unwrap().clone();
    errors.iter().map(|e| format!("{} {}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect()
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().unwrap_or_else(|| panic!("no items in {list}")).clone()
}

fn ids(list: &Value) -> Vec<String> {
    items(list).iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

/// No answer about accounts carries a password or its hash.
fn no_secret(reply: &Reply) {
    for secret in ["password", "argon2", PASSWORD] {
        assert!(!reply.body.contains(secret), "{secret} in {}", reply.body);
    }
}

#[test]
fn admins_create_change_disable_and_enable_accounts_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let admin = api_as(&server, "admin@passerelle.example");
    let coordinator = api_as(&server, "coordinator@passerelle.example");
    let admin_id = ok(admin.get("/api/v1/me"))["id"].as_str().unwrap().to_owned();
    let grace_body = json!({
        "name": "Grace Mukamana", "email": "Grace.Mukamana@Admin-API.example", "role": "coordinator", "password": PASSWORD,
    });

    // Accounts are the admins': a coordinator is refused, whatever the body.
    assert_eq!(coordinator.get("/api/v1/users").status, 403);
    assert_eq!(coordinator.post_json("/api/v1/users", &grace_body).status, 403);
    assert_eq!(coordinator.get(&format!("/api/v1/users/{admin_id}")).status, 403);
    assert_eq!(coordinator.post_json(&format!("/api/v1/users/{admin_id}/disable"), &json!({})).status, 403);
    assert_eq!(ok(admin.get("/api/v1/users?q=admin-api.example"))["total"], 0, "nothing was created");

    // Every invalid field is named at once; experts and host institutions sign up themselves.
    let bad = json!({"name": " ", "email": "grace at example.org", "role": "expert", "password": "short"});
    assert_eq!(
        problems(admin.post_json("/api/v1/users", &bad)),
        ["name required", "email email.invalid", "role role.unknown", "password password.too_short"]
    );
    let long = json!({"name": "n".repeat(201), "email": "a@example.org", "role": "admin", "password": "x".repeat(257)});
    assert_eq!(problems(admin.post_json("/api/v1/users", &long)), ["name too_long", "password password.too_long"]);
    let mut unknown = grace_body.clone();
    unknown["disabled"] = json!(false);
    assert_eq!(admin.post_json("/api/v1/users", &unknown).status, 422);

    // A coordinator's account, its email taken as verified; nothing secret is answered.
    let created = admin.post_json("/api/v1/users", &grace_body);
    assert_eq!(created.status, 201, "{}", created.body);
    no_secret(&created);
    let grace = created.json();
    let id = grace["id"].as_str().unwrap().to_owned();
    let at = format!("/api/v1/users/{id}");
    assert_eq!(created.header("location"), Some(at.as_str()));
    assert_eq!(
        (&grace["email"], &grace["name"], &grace["role"]),
        (&json!("grace.mukamana@admin-api.example"), &json!("Grace Mukamana"), &json!("coordinator"))
    );
    assert_eq!(
        (&grace["email_verified"], &grace["disabled"], &grace["is_self"]),
        (&json!(true), &json!(false), &json!(false))
    );
    assert_eq!(problems(admin.post_json("/api/v1/users", &grace_body)), ["email email.taken"]);
    let read = admin.get(&at);
    no_secret(&read);
    assert_eq!(read.json(), grace);

    // Found by the list's filters, bounded.
    assert_eq!(ids(&ok(admin.get("/api/v1/users?q=ADMIN-API.EXAMPLE"))), [id.as_str()]);
    let coordinators = ok(admin.get("/api/v1/users?role=coordinator&limit=200"));
    assert!(ids(&coordinators).contains(&id), "{coordinators}");
    assert!(items(&coordinators).iter().all(|u| u["role"] == "coordinator"));
    assert!(!ids(&ok(admin.get("/api/v1/users?role=expert&limit=200"))).contains(&id));
    let first = ok(admin.get("/api/v1/users?limit=1"));
    assert_eq!(items(&first).len(), 1);
    assert!(first["total"].as_u64().unwrap() > 4, "the demo's accounts and hers: {first}");
    assert_eq!(ids(&first), [id.as_str()], "newest first");
    assert_eq!(ids(&ok(admin.get("/api/v1/users?offset=1&limit=200"))).iter().filter(|u| **u == id).count(), 0);
    assert_eq!(problems(admin.get("/api/v1/users?role=chief")), ["role role.unknown"]);
    assert_eq!(problems(admin.get("/api/v1/users?limit=201")), ["limit number.range"]);
    assert_eq!(problems(admin.get(&format!("/api/v1/users?q={}", "q".repeat(201)))), ["q too_long"]);
    let mine = ok(admin.get("/api/v1/users?role=admin&limit=200"));
    assert!(items(&mine).iter().any(|u| u["id"] == admin_id.as_str() && u["is_self"] == true), "{mine}");

    // Her token works, with a coordinator's rights.
    let hers = api_as(&server, "grace.mukamana@admin-api.example");
    assert_eq!(ok(hers.get("/api/v1/me"))["role"], "coordinator");
    assert_eq!(hers.get("/api/v1/institutions").status, 200);

    // Another role: her rights follow at once.
    assert_eq!(problems(admin.put_json(&format!("{at}/role"), &json!({"role": "chief"}))), ["role role.unknown"]);
    assert_eq!(problems(admin.put_json(&format!("{at}/role"), &json!({}))), ["role role.unknown"]);
    let changed = ok(admin.put_json(&format!("{at}/role"), &json!({"role": "expert"})));
    assert_eq!(changed["role"], "expert");
    assert_eq!(ok(admin.get(&at))["role"], "expert");
    assert_eq!(ok(hers.get("/api/v1/me"))["role"], "expert");
    assert_eq!(hers.get("/api/v1/institutions").status, 403);

    // An admin keeps their own role and access; an unknown or malformed id is not found.
    let own = format!("/api/v1/users/{admin_id}");
    assert_eq!(admin.put_json(&format!("{own}/role"), &json!({"role": "expert"})).status, 409);
    assert_eq!(admin.post_json(&format!("{own}/disable"), &json!({})).status, 409);
    let me = ok(admin.get(&own));
    assert_eq!((&me["role"], &me["disabled"], &me["is_self"]), (&json!("admin"), &json!(false), &json!(true)));
    assert_eq!(ok(admin.get("/api/v1/me"))["role"], "admin");
    for unknown in ["01900000-0000-7000-8000-000000000000", "nobody"] {
        assert_eq!(admin.get(&format!("/api/v1/users/{unknown}")).status, 404);
        assert_eq!(admin.put_json(&format!("/api/v1/users/{unknown}/role"), &json!({"role": "expert"})).status, 404);
        assert_eq!(admin.post_json(&format!("/api/v1/users/{unknown}/disable"), &json!({})).status, 404);
    }

    // Disabled: her token stops working, and the list leaves her out unless asked.
    let disabled = ok(admin.post_json(&format!("{at}/disable"), &json!({})));
    assert_eq!(disabled["disabled"], true);
    assert!(disabled["disabled_at"].is_string(), "{disabled}");
    let refused = hers.get("/api/v1/me");
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert_eq!(ok(admin.get("/api/v1/users?q=admin-api.example"))["total"], 0);
    let listed = ok(admin.get("/api/v1/users?q=admin-api.example&include_disabled=true"));
    assert_eq!(items(&listed)[0]["disabled"], true, "{listed}");

    // Enabled again: the same token works, with the role she was given.
    let enabled = ok(admin.post_json(&format!("{at}/enable"), &json!({})));
    assert_eq!((&enabled["disabled"], &enabled["disabled_at"]), (&json!(false), &Value::Null));
    assert_eq!(ok(hers.get("/api/v1/me"))["role"], "expert");
    assert_eq!(ids(&ok(admin.get("/api/v1/users?q=admin-api.example"))), [id]);
}

#[test]
fn members_let_in_and_remove_those_who_asked_to_join_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let member = api_as(&server, "institution@passerelle.example");
    let me = ok(member.get("/api/v1/me"));
    let (member_id, institution) = (me["id"].as_str().unwrap(), me["institution_id"].as_str().unwrap());
    let name = ok(member.get(&format!("/api/v1/institutions/{institution}")))["name"].as_str().unwrap().to_owned();
    let members = format!("/api/v1/institutions/{institution}/members");

    // Someone asks to join the institution when signing up.
    let browser = server.client();
    let form = browser.get("/signup?as=institution");
    let signed_up = browser.post_form(
        "/signup",
        &[
            ("csrf", &csrf(&form)),
            ("account_type", "institution"),
            ("name", "Jean Habimana"),
            ("email", "jean.habimana@example.org"),
            ("password", PASSWORD),
            ("locale", "en"),
            ("institution_mode", "existing"),
            ("institution_id", institution),
        ],
    );
    assert_eq!(signed_up.status, 200, "{}", signed_up.body);
    let jean = api_as(&server, "jean.habimana@example.org");
    let jean_id = ok(jean.get("/api/v1/me"))["id"].as_str().unwrap().to_owned();
    assert_eq!(ok(jean.get("/api/v1/me"))["institution_id"], Value::Null, "not in yet");

    // The member sees him waiting, first; herself in, and flagged as herself.
    let all = ok(member.get(&members));
    let listed = items(&all);
    assert_eq!(all["total"], listed.len());
    assert_eq!(listed[0]["id"], jean_id.as_str(), "those waiting come first: {all}");
    assert_eq!((&listed[0]["membership"], &listed[0]["is_self"]), (&json!("pending"), &json!(false)));
    let herself = listed.iter().find(|m| m["id"] == member_id).unwrap_or_else(|| panic!("{all}"));
    assert_eq!((&herself["membership"], &herself["is_self"]), (&json!("active"), &json!(true)));
    assert_eq!(ids(&ok(member.get(&format!("{members}?membership=pending")))), [jean_id.as_str()]);
    assert!(!ids(&ok(member.get(&format!("{members}?membership=active")))).contains(&jean_id));
    assert_eq!(items(&ok(member.get(&format!("{members}?offset=1&limit=1"))))[0]["id"], listed[1]["id"]);
    assert_eq!(problems(member.get(&format!("{members}?membership=gone"))), ["membership membership.unknown"]);

    // Strangers learn nothing of the institution: an expert, the applicant himself.
    let approval = format!("{members}/{jean_id}/approval");
    let expert = api_as(&server, "expert@passerelle.example");
    for outsider in [&expert, &jean] {
        assert_eq!(outsider.get(&members).status, 404);
        assert_eq!(outsider.post_json(&approval, &json!({})).status, 404);
        assert_eq!(outsider.delete(&format!("{members}/{member_id}")).status, 404);
    }
    // Staff may look; someone not in the institution is not found in it.
    let coordinator = api_as(&server, "coordinator@passerelle.example");
    assert!(ids(&ok(coordinator.get(&members))).contains(&jean_id));
    let coordinator_id = ok(coordinator.get("/api/v1/me"))["id"].as_str().unwrap().to_owned();
    for stranger in [coordinator_id.as_str(), "01900000-0000-7000-8000-000000000000", "someone"] {
        assert_eq!(member.post_json(&format!("{members}/{stranger}/approval"), &json!({})).status, 404);
        assert_eq!(member.delete(&format!("{members}/{stranger}")).status, 404);
    }

    // Let in: he is told by email, and his token now speaks for the institution.
    let approved = ok(member.post_json(&approval, &json!({})));
    assert_eq!((&approved["id"], &approved["membership"]), (&json!(jean_id), &json!("active")));
    assert_eq!(ok(jean.get("/api/v1/me"))["institution_id"], institution);
    assert_eq!(ok(jean.get(&members))["total"], all["total"], "a member sees his institution's members");
    let email = quoted_printable(&email_in_outbox(&server.data_dir, "Your membership of"));
    assert!(email.contains("jean.habimana@example.org") && email.contains(&name), "{email}");
    let again = member.post_json(&approval, &json!({}));
    assert_eq!(again.status, 409, "{}", again.body);
    assert_eq!(again.header("content-type"), Some("application/problem+json"));

    // A member does not remove herself; she removes him, once.
    assert_eq!(member.delete(&format!("{members}/{member_id}")).status, 409);
    assert!(ids(&ok(member.get(&format!("{members}?membership=active")))).contains(&member_id.to_owned()));
    assert_eq!(member.delete(&format!("{members}/{jean_id}")).status, 204);
    assert_eq!(member.delete(&format!("{members}/{jean_id}")).status, 404);
    assert!(!ids(&ok(member.get(&members))).contains(&jean_id));
    assert_eq!(ok(jean.get("/api/v1/me"))["institution_id"], Value::Null);
    assert_eq!(jean.get(&members).status, 404);
}

/// The demo account of `role`'s API client, its inbox and its unread notifications' ids.
fn inbox_of(server: &Server, role: &str) -> (Client, Value, Vec<i64>) {
    let client = api_as(server, &format!("{role}@passerelle.example"));
    let inbox = ok(client.get("/api/v1/notifications"));
    let unread = items(&inbox).iter().filter(|n| n["read"] == false).map(|n| n["id"].as_i64().unwrap()).collect();
    (client, inbox, unread)
}

#[test]
fn notifications_are_marked_read_and_their_delivery_chosen_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    // Two people of the demo with unread notifications.
    let mut people: Vec<(Client, Value, Vec<i64>)> = ["expert", "institution", "coordinator", "admin"]
        .iter()
        .map(|role| inbox_of(&server, role))
        .filter(|(_, _, unread)| unread.len() >= 2)
        .collect();
    assert!(people.len() >= 2, "the demo has two people with unread notifications");
    let (other, other_inbox, other_unread) = people.remove(1);
    let (reader, inbox, unread) = people.remove(0);
    assert_eq!(inbox["unread"], unread.len(), "{inbox}");

    // Another person's notification is never touched.
    let theirs = ok(reader.post_json("/api/v1/notifications/read", &json!({"id": other_unread[0]})));
    assert_eq!((&theirs["marked"], &theirs["unread"]), (&json!(0), &json!(unread.len())));
    assert_eq!(ok(other.get("/api/v1/notifications"))["unread"], other_inbox["unread"]);

    // Invalid bodies name their field.
    assert_eq!(problems(reader.post_json("/api/v1/notifications/read", &json!({"id": "seven"}))), ["id json.invalid"]);
    assert_eq!(reader.post_json("/api/v1/notifications/read", &json!({"ids": [1]})).status, 422);

    // One: it reads as read, the others do not.
    let one = ok(reader.post_json("/api/v1/notifications/read", &json!({"id": unread[0]})));
    assert_eq!((&one["marked"], &one["unread"]), (&json!(1), &json!(unread.len() - 1)));
    let after = ok(reader.get("/api/v1/notifications"));
    assert_eq!(after["unread"], unread.len() - 1);
    let read_now = |inbox: &Value, id: i64| items(inbox).iter().find(|n| n["id"] == id).map(|n| n["read"] == true);
    assert_eq!(read_now(&after, unread[0]), Some(true));
    assert_eq!(read_now(&after, unread[1]), Some(false));
    let twice = ok(reader.post_json("/api/v1/notifications/read", &json!({"id": unread[0]})));
    assert_eq!(twice["marked"], 0);

    // All of them.
    let all = ok(reader.post_json("/api/v1/notifications/read", &json!({"id": null})));
    assert_eq!((&all["marked"], &all["unread"]), (&json!(unread.len() - 1), &json!(0)));
    let after = ok(reader.get("/api/v1/notifications"));
    assert_eq!(after["unread"], 0);
    assert!(items(&after).iter().all(|n| n["read"] == true), "{after}");
    let none_left = ok(reader.post_json("/api/v1/notifications/read", &Value::Null));
    assert_eq!((&none_left["marked"], &none_left["unread"]), (&json!(0), &json!(0)));
    assert_eq!(ok(other.get("/api/v1/notifications"))["unread"], other_inbox["unread"], "theirs untouched");

    // The delivery: email until they choose the app only; a wrong choice changes nothing.
    let settings = "/api/v1/notifications/settings";
    assert_eq!(ok(reader.get(settings)), json!({"delivery": "email"}));
    assert_eq!(ok(reader.put_json(settings, &json!({"delivery": "in_app"}))), json!({"delivery": "in_app"}));
    assert_eq!(ok(reader.get(settings)), json!({"delivery": "in_app"}));
    assert_eq!(problems(reader.put_json(settings, &json!({"delivery": "sms"}))), ["delivery notification.delivery"]);
    assert_eq!(problems(reader.put_json(settings, &json!({}))), ["delivery notification.delivery"]);
    assert_eq!(reader.put_json(settings, &json!({"delivery": "email", "sms": true})).status, 422);
    assert_eq!(ok(reader.get(settings)), json!({"delivery": "in_app"}));
    assert_eq!(ok(other.get(settings)), json!({"delivery": "email"}), "theirs untouched");
    assert_eq!(ok(reader.put_json(settings, &json!({"delivery": "email"}))), json!({"delivery": "email"}));
    assert_eq!(ok(reader.get(settings)), json!({"delivery": "email"}));
}
