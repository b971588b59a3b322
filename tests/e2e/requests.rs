//! Mission requests over HTTP against the real server with its demonstration data: an
//! institution member writes and submits a request, a coordinator asks for changes, the member
//! edits and resubmits, the coordinator approves; illegal steps answer 409, other institutions
//! get 404, and every step is in the audit log.

use crate::accounts::{csrf, query_strings};
use crate::harness::{Client, Reply, Server, programme_id};
pub(crate) use crate::harness::{api_as, signed_in};
use serde_json::json;

/// The id in a `Location: /requests/{id}?…` answer.
fn request_id(reply: &Reply) -> String {
    let location = reply.header("location").unwrap_or_else(|| panic!("no redirect: {} {}", reply.status, reply.body));
    location.trim_start_matches("/requests/").split(['?', '/']).next().unwrap().to_owned()
}

fn status_of(api: &Client, id: &str) -> String {
    let reply = api.get(&format!("/api/v1/requests/{id}"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["status"].as_str().unwrap().to_owned()
}

fn step(client: &Client, id: &str, to: &str, comment: &str) -> Reply {
    let page = client.get(&format!("/requests/{id}"));
    assert_eq!(page.status, 200, "{}", page.body);
    client
        .post_form(&format!("/requests/{id}/transitions"), &[("csrf", &csrf(&page)), ("to", to), ("comment", comment)])
}

#[test]
fn a_request_is_written_reviewed_changed_and_approved() {
    let server = Server::start_with(&["--demo"], &[]);
    let member = signed_in(&server, "institution");
    let member_api = api_as(&server, "institution@passerelle.example");
    let programme = programme_id(&member_api, "TVET-TOT-RP");

    // A form with problems comes back with each problem at its field and nothing typed lost.
    let form = member.get("/requests/new");
    assert_eq!(form.status, 200);
    assert!(form.body.contains(r#"<datalist id="skill-labels">"#), "the skill picker offers the taxonomy");
    let token = csrf(&form);
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("programme_id", programme.as_str()),
        ("title", ""),
        ("sector", "tvet"),
        ("description", "The electrical department opens a solar PV option next term."),
        ("objectives", "Teachers design and install PV systems and teach them."),
        ("deliverables", "Ten teachers trained; a PV module; a demonstration installation."),
        ("skills[0].skill", "solar PV installation"),
        ("skills[0].requirement", "must_have"),
        ("skills[0].level", "4"),
        ("skills[1].skill", "underwater basket weaving"),
        ("skills[1].requirement", "nice_to_have"),
        ("skills[1].level", "2"),
        ("languages[0].language", "en"),
        ("languages[0].level", "B2"),
        ("mode", "on_site"),
        ("country", "RW"),
        ("city", "Kigali"),
        ("timing", "flexible"),
        ("window.start", "2027-03-01"),
        ("window.end", "2027-03-10"),
        ("window.duration_days", "15"),
        ("urgency", "normal"),
        ("positions", "2"),
        ("host_provides", "Guest house on campus."),
    ];
    let refused = member.post_form("/requests/new", &fields);
    assert_eq!(refused.status, 422, "{}", refused.body);
    for expected in [
        r##"href="#f-title""##,
        r##"href="#f-window.duration_days""##,
        r#"value="underwater basket weaving""#,
        "The electrical department opens a solar PV option next term.",
        "The duration does not fit in the window",
    ] {
        assert!(refused.body.contains(expected), "missing {expected:?} in the form shown again");
    }

    // Corrected, it is saved as a draft; then submitted.
    for (name, value) in &mut fields {
        match *name {
            "title" => *value = "Training of trainers in solar PV installation",
            "skills[1].skill" => *value = "installation électrique",
            "window.end" => *value = "2027-04-30",
            _ => {}
        }
    }
    let created = member.post_form("/requests/new", &fields);
    assert_eq!(created.status, 303, "{}", created.body);
    let id = request_id(&created);
    assert_eq!(status_of(&member_api, &id), "draft");
    let page = member.get(&format!("/requests/{id}"));
    assert!(page.body.contains("15 days between 1 March 2027 and 30 April 2027"), "the window is shown");
    assert!(page.body.contains("electrical installation"), "the French label found its skill");
    assert_eq!(step(&member, &id, "submitted", "").status, 303);

    // The coordinator finds it in the review queue and asks for changes, saying why.
    let coordinator = signed_in(&server, "coordinator");
    let queue = coordinator.get("/requests");
    assert!(queue.body.contains("Training of trainers in solar PV installation"), "in the queue");
    let no_reason = step(&coordinator, &id, "changes_requested", "  ");
    assert_eq!(no_reason.status, 422, "a reason is required");
    assert_eq!(status_of(&member_api, &id), "submitted", "nothing changed");
    let asked = step(&coordinator, &id, "changes_requested", "Please say how many teachers and which equipment.");
    assert_eq!(asked.status, 303);

    // The member reads why, edits and submits again.
    let page = member.get(&format!("/requests/{id}"));
    assert!(page.body.contains("Please say how many teachers and which equipment."));
    let edit = member.get(&format!("/requests/{id}/edit"));
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains(r#"value="solar PV installation""#), "skills are shown by their label");
    let edit_token = csrf(&edit);
    for (name, value) in &mut fields {
        match *name {
            "csrf" => *value = &edit_token,
            "positions" => *value = "3",
            "deliverables" => *value = "Twelve teachers trained on the lab's two inverters; a PV module.",
            _ => {}
        }
    }
    let mut resubmit = fields.clone();
    resubmit.push(("then", "submit"));
    let saved = member.post_form(&format!("/requests/{id}/edit"), &resubmit);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(status_of(&member_api, &id), "submitted");
    let locked = member.get(&format!("/requests/{id}/edit"));
    assert_eq!(locked.status, 409, "submitted: the member waits for the review");

    // A member cannot approve: 409, and the page says why.
    let not_yours = step(&member, &id, "approved", "");
    assert_eq!(not_yours.status, 409);
    assert!(not_yours.body.contains("is not yours to do"), "{}", not_yours.body);

    assert_eq!(step(&coordinator, &id, "approved", "Good to go.").status, 303);
    let approved = member_api.get(&format!("/api/v1/requests/{id}")).json();
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["positions"], 3);
    assert_eq!(approved["allowed_transitions"], json!(["cancelled"]));

    // An illegal transition answers 409 naming the current state and the allowed ones.
    let illegal = member_api.post_json(&format!("/api/v1/requests/{id}/transitions"), &json!({"to": "submitted"}));
    assert_eq!(illegal.status, 409);
    assert_eq!(illegal.header("content-type"), Some("application/problem+json"));
    let problem = illegal.json();
    assert_eq!(problem["allowed"], json!(["cancelled"]));
    assert!(problem["detail"].as_str().unwrap().contains("the request is approved"), "{problem}");

    // A member of another institution learns nothing of it.
    let other = api_as(&server, "chu-kamenge@members.passerelle.example");
    assert_eq!(other.get(&format!("/api/v1/requests/{id}")).status, 404);
    assert_eq!(other.get(&format!("/api/v1/requests/{id}/history")).status, 404);
    let cancel = json!({"to": "cancelled", "comment": "not mine"});
    assert_eq!(other.post_json(&format!("/api/v1/requests/{id}/transitions"), &cancel).status, 404);
    let theirs = other.get("/api/v1/requests").json();
    assert!(theirs["items"].as_array().unwrap().iter().all(|r| r["id"] != id.as_str()));
    assert_eq!(api_as(&server, "expert@passerelle.example").get(&format!("/api/v1/requests/{id}")).status, 404);

    // Every step is in the audit log, with its actor and comment.
    let history = member_api.get(&format!("/api/v1/requests/{id}/history")).json();
    let steps: Vec<_> = history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap().to_owned(), e["actor"].as_str().unwrap().to_owned()))
        .collect();
    let by = |action: &str, who: &str| (action.to_owned(), format!("{who}@passerelle.example"));
    assert_eq!(
        steps,
        [
            by("request.create", "institution"),
            by("request.submit", "institution"),
            by("request.request_changes", "coordinator"),
            by("request.edit", "institution"),
            by("request.submit", "institution"),
            by("request.approve", "coordinator"),
        ]
    );
    assert_eq!(history["entries"][2]["comment"], "Please say how many teachers and which equipment.");
    let logged = query_strings(
        &server.data_dir,
        &format!("SELECT action FROM audit_log WHERE target_kind = 'request' AND target_id = '{id}' ORDER BY id"),
    );
    assert_eq!(logged.len(), 6, "{logged:?}");
}

#[test]
fn the_api_validates_guards_and_waits_for_verification() {
    let server = Server::start_with(&["--demo"], &[]);
    let member = api_as(&server, "institution@passerelle.example");
    let coordinator = api_as(&server, "coordinator@passerelle.example");
    let programme = programme_id(&member, "TVET-TOT-RP");

    let bad = json!({
        "programme_id": programme,
        "title": "",
        "sector": "tvet",
        "skills": [{"skill": "welding-fabrication", "requirement": "nice_to_have", "level": 7}],
        "languages": [{"language": "xx", "level": "B2"}],
        "mode": "hybrid",
        "days_on_site": 30,
        "timing": "fixed",
        "dates": {"start": "2027-05-10", "end": "2027-05-01"},
        "urgency": "normal",
        "positions": 0
    });
    let refused = member.post_json("/api/v1/requests", &bad);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.header("content-type"), Some("application/problem+json"));
    let fields: Vec<String> =
        refused.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    for expected in ["title", "description", "skills[0].level", "languages[0].language", "dates.end", "positions"] {
        assert!(fields.iter().any(|f| f == expected), "{expected} missing in {fields:?}");
    }

    let good = json!({
        "programme_id": programme,
        "title": "Welding trainers for the new workshop",
        "description": "The welding workshop was refurbished.",
        "objectives": "Teachers weld to international standards.",
        "deliverables": "Six teachers certified.",
        "sector": "tvet",
        "skills": [{"skill": "welding-fabrication", "requirement": "must_have", "level": 4}],
        "languages": [{"language": "en", "level": "B2"}],
        "preferred_origins": ["RW"],
        "country": "RW",
        "city": "Kigali",
        "mode": "hybrid",
        "days_on_site": 10,
        "timing": "flexible",
        "window": {"start": "2027-03-01", "end": "2027-04-30", "duration_days": 15},
        "urgency": "urgent",
        "positions": 2,
        "host_provides": "Guest house."
    });
    let created = member.post_json("/api/v1/requests", &good);
    assert_eq!(created.status, 201, "{}", created.body);
    let request = created.json();
    let id = request["id"].as_str().unwrap().to_owned();
    assert_eq!(created.header("location"), Some(format!("/api/v1/requests/{id}").as_str()));
    assert_eq!(request["skills"][0]["label"], "welding and metal fabrication");
    assert_eq!(request["window"]["duration_days"], 15);
    assert_eq!(request["editable"], true);

    let mut changed = good.clone();
    changed["positions"] = json!(3);
    let put = member.put_json(&format!("/api/v1/requests/{id}"), &changed);
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.json()["positions"], 3);
    let submitted = member.post_json(&format!("/api/v1/requests/{id}/transitions"), &json!({"to": "submitted"}));
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let locked = member.put_json(&format!("/api/v1/requests/{id}"), &good);
    assert_eq!(locked.status, 409, "a member edits only drafts and requests sent back");

    // Coordinators see it, in the queue of submitted requests of its programme.
    let queue = coordinator.get(&format!("/api/v1/requests?status=submitted&programme={programme}")).json();
    assert!(queue["items"].as_array().unwrap().iter().any(|r| r["id"] == id.as_str()));
    assert_eq!(coordinator.get("/api/v1/requests?status=open").status, 422);

    // Only a verified institution's requests can be approved.
    let pending = coordinator.get("/api/v1/requests?status=submitted&q=Tanger").json();
    let unverified = pending["items"][0]["id"].as_str().expect("the demo's unverified institution has one").to_owned();
    let approve = json!({"to": "approved"});
    let refused = coordinator.post_json(&format!("/api/v1/requests/{unverified}/transitions"), &approve);
    assert_eq!(refused.status, 409);
    let problem = refused.json();
    assert!(problem["detail"].as_str().unwrap().contains("not verified"), "{problem}");
    assert_eq!(problem["allowed"], json!(["changes_requested", "cancelled"]));
    let approved = coordinator.post_json(&format!("/api/v1/requests/{id}/transitions"), &approve);
    assert_eq!(approved.status, 200, "{}", approved.body);

    // Experts see no requests here.
    let expert = api_as(&server, "expert@passerelle.example");
    assert_eq!(expert.get("/api/v1/requests").status, 403);
    assert_eq!(expert.get(&format!("/api/v1/requests/{id}")).status, 404);
    // Staff write a request only for an institution they name, on its behalf (issue 13 item
    // 3; tests/e2e/on_behalf.rs follows one through).
    let nameless = coordinator.post_json("/api/v1/requests", &good);
    assert_eq!(nameless.status, 422, "{}", nameless.body);
    assert_eq!(nameless.json()["errors"][0]["field"], "institution_id");
}

#[test]
fn coordinators_verify_institutions_and_manage_programmes() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = api_as(&server, "coordinator@passerelle.example");
    let member = api_as(&server, "institution@passerelle.example");

    let unverified = coordinator.get("/api/v1/institutions?verification=unverified&q=Tanger").json();
    let institution = unverified["items"][0]["id"].as_str().unwrap().to_owned();
    let verdict = json!({"status": "verified", "comment": "Registered association; called the president."});
    let verified = coordinator.post_json(&format!("/api/v1/institutions/{institution}/verification"), &verdict);
    assert_eq!(verified.status, 200, "{}", verified.body);
    assert_eq!(verified.json()["verification"], "verified");
    assert!(verified.json()["verified_at"].is_string());
    let mine = member.get("/api/v1/me").json()["institution_id"].as_str().unwrap().to_owned();
    let by_member = member.post_json(&format!("/api/v1/institutions/{mine}/verification"), &verdict);
    assert_eq!(by_member.status, 403, "members do not verify their own institution");
    assert_eq!(member.get(&format!("/api/v1/institutions/{institution}")).status, 404);

    let programme = json!({
        "code": "gn-health-2027",
        "name": "Guinea health workforce",
        "funder": "European Union",
        "countries": ["GN"],
        "sectors": ["health"],
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31"
    });
    let created = coordinator.post_json("/api/v1/programmes", &programme);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json()["code"], "GN-HEALTH-2027");
    let again = coordinator.post_json("/api/v1/programmes", &programme);
    assert_eq!(again.status, 422);
    assert_eq!(again.json()["errors"][0]["code"], "programme.code_taken");
    assert_eq!(member.post_json("/api/v1/programmes", &programme).status, 403);
    assert!(member.get("/api/v1/programmes").json()["items"].as_array().unwrap().len() >= 6);

    // The pages, in French: the programme, and the institution with its verdict.
    let client = signed_in(&server, "coordinator");
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let page = client.get(&format!("/programmes/{id}?lang=fr"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Guinea health workforce") && page.body.contains("Pays couverts"));
    let profile = client.get(&format!("/institutions/{institution}"));
    assert!(profile.body.contains("Vérifiée") && profile.body.contains("Jean-Pierre Habimana"), "by whom");
}
