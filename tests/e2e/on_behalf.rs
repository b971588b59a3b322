//! Requests entered on a host's behalf (issue 13 item 3), over HTTP against the real server with
//! its demonstration data: a coordinator types a request that came by email for IPRC Kigali;
//! the institution's member is told, sees who entered it and when, and takes it over; from then
//! on the institution submits it, and hears the outcome of the review (item 4).

use crate::accounts::csrf;
use crate::harness::{Client, Server};
use crate::harness::{api_as, ok, programme_id, signed_in};
use serde_json::{Value, json};

/// The kinds of the caller's notifications about `subject`, newest first.
fn told(api: &Client, subject: &str) -> Vec<(String, String)> {
    let inbox = ok(api.get("/api/v1/notifications"));
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["subject_id"] == subject)
        .map(|n| (n["kind"].as_str().unwrap().to_owned(), n["text"].as_str().unwrap().to_owned()))
        .collect()
}

fn request_body(programme: &str) -> Value {
    json!({
        "programme_id": programme,
        "title": "Training of trainers in hydraulics (received by email)",
        "description": "The civil engineering department asked by email for help with its new hydraulics lab.",
        "objectives": "Teachers run the lab's experiments and teach them.",
        "deliverables": "Eight teachers trained; lab sheets.",
        "sector": "tvet",
        "skills": [{"skill": "hydraulics", "requirement": "must_have", "level": 3}],
        "languages": [{"language": "en", "level": "B2"}],
        "country": "RW",
        "city": "Kigali",
        "mode": "on_site",
        "timing": "fixed",
        "dates": {"start": "2027-05-03", "end": "2027-05-21"},
        "urgency": "normal",
        "positions": 1
    })
}

#[test]
fn a_coordinator_enters_a_request_for_a_host_which_takes_it_over() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = signed_in(&server, "coordinator");
    let coordinator_api = api_as(&server, "coordinator@passerelle.example");
    let member = signed_in(&server, "institution");
    let member_api = api_as(&server, "institution@passerelle.example");
    let iprc = ok(member_api.get("/api/v1/me"))["institution_id"].as_str().unwrap().to_owned();
    let programme = programme_id(&coordinator_api, "TVET-TOT-RP");
    let skill = ok(coordinator_api.get("/api/v1/skills?q=hydraulics&limit=1"));
    let hydraulics = skill["skills"][0]["id"].as_str().unwrap().to_owned();

    // The form asks a coordinator for which institution; without one it says so at the field.
    let form = coordinator.get("/requests/new");
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains(r#"<select id="f-institution_id" name="institution_id""#));
    let token = csrf(&form);
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("programme_id", programme.as_str()),
        ("title", "Solar PV for the electrical department (received on paper)"),
        ("sector", "tvet"),
        ("description", "A letter from the head of department asks for a solar PV trainer."),
        ("objectives", "Teachers design and install PV systems and teach them."),
        ("deliverables", "Ten teachers trained; a demonstration installation."),
        ("skills[0].skill", "solar PV installation"),
        ("skills[0].requirement", "must_have"),
        ("skills[0].level", "3"),
        ("languages[0].language", "en"),
        ("languages[0].level", "B2"),
        ("mode", "on_site"),
        ("country", "RW"),
        ("city", "Kigali"),
        ("timing", "fixed"),
        ("dates.start", "2027-06-07"),
        ("dates.end", "2027-06-25"),
        ("urgency", "normal"),
        ("positions", "1"),
    ];
    let refused = coordinator.post_form("/requests/new", &fields);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains(r##"href="#f-institution_id""##), "the problem is named at its field");
    assert!(refused.body.contains("A letter from the head of department"), "nothing typed is lost");

    fields.push(("institution_id", iprc.as_str()));
    let created = coordinator.post_form("/requests/new", &fields);
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.header("location").unwrap().to_owned();
    let id = location.trim_start_matches("/requests/").split('?').next().unwrap().to_owned();

    // Recorded as entered on the institution's behalf: who and when, on the request and in its
    // history; the host is told and sees it among its own.
    let view = ok(member_api.get(&format!("/api/v1/requests/{id}")));
    let coordinator_id = ok(coordinator_api.get("/api/v1/me"))["id"].clone();
    assert_eq!((view["status"].clone(), view["on_behalf"].clone()), (json!("draft"), json!(true)));
    assert_eq!(view["entered_by"], coordinator_id);
    assert_eq!(view["institution_id"], json!(iprc));
    let history = ok(member_api.get(&format!("/api/v1/requests/{id}/history")));
    assert_eq!(history["entries"][0]["action"], "request.create_on_behalf");
    assert_eq!(history["entries"][0]["actor"], "coordinator@passerelle.example");
    let ours = ok(member_api.get("/api/v1/requests"));
    assert!(ours["items"].as_array().unwrap().iter().any(|r| r["id"] == json!(id)), "the host sees it");
    let page = member.get(&format!("/requests/{id}"));
    assert!(page.body.contains("Entered on behalf of IPRC Kigali — Rwanda Polytechnic by"), "{}", page.body);
    assert!(page.body.contains("Entered on the institution&#39;s behalf"), "in the history");
    // Times are on the reader's clock: the member's institution is in Rwanda (item 4).
    assert!(page.body.contains(" CAT</span>") && !page.body.contains(" UTC</span>"), "Kigali time");
    assert!(page.body.contains(r#"action="/requests/"#) && page.body.contains("/take-over"), "offered to take it over");
    let kinds: Vec<String> = told(&member_api, &id).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["request_on_behalf"]);

    // While the coordinator holds it, the coordinator may submit it; once the member takes it
    // over, that is the institution's to do.
    let staff_view = ok(coordinator_api.get(&format!("/api/v1/requests/{id}")));
    assert!(staff_view["allowed_transitions"].as_array().unwrap().contains(&json!("submitted")));
    assert_eq!(coordinator_api.post_json(&format!("/api/v1/requests/{id}/take-over"), &json!({})).status, 403);
    let taken = member.post_form(&format!("/requests/{id}/take-over"), &[("csrf", &csrf(&page))]);
    assert_eq!(taken.status, 303, "{}", taken.body);
    let page = member.get(&format!("/requests/{id}"));
    assert!(page.body.contains("Taken over by"), "{}", page.body);
    assert!(!page.body.contains("/take-over\""), "nothing left to take over");
    let again = member_api.post_json(&format!("/api/v1/requests/{id}/take-over"), &json!({}));
    assert_eq!(again.status, 409, "{}", again.body);
    let staff_view = ok(coordinator_api.get(&format!("/api/v1/requests/{id}")));
    assert!(!staff_view["allowed_transitions"].as_array().unwrap().contains(&json!("submitted")));
    let history = ok(member_api.get(&format!("/api/v1/requests/{id}/history")));
    assert_eq!(history["entries"][1]["action"], "request.take_over");
    assert_eq!(history["entries"][1]["actor"], "institution@passerelle.example");

    // The institution submits; the review's outcomes reach its member.
    let submit = json!({"to": "submitted"});
    assert_eq!(member_api.post_json(&format!("/api/v1/requests/{id}/transitions"), &submit).status, 200);
    let changes = json!({"to": "changes_requested", "comment": "Please give the number of teachers."});
    assert_eq!(coordinator_api.post_json(&format!("/api/v1/requests/{id}/transitions"), &changes).status, 200);
    let news = told(&member_api, &id);
    assert_eq!(news[0].0, "request_changes_requested");
    assert!(news[0].1.contains("Please give the number of teachers."), "{news:?}");
    assert_eq!(member_api.post_json(&format!("/api/v1/requests/{id}/transitions"), &submit).status, 200);
    let approve = json!({"to": "approved"});
    assert_eq!(coordinator_api.post_json(&format!("/api/v1/requests/{id}/transitions"), &approve).status, 200);
    assert_eq!(told(&member_api, &id)[0].0, "request_approved");

    // Through the API: staff must name the institution; a request they hold they may submit.
    let mut body = request_body(&programme);
    body["skills"][0]["skill"] = json!(hydraulics);
    let nameless = coordinator_api.post_json("/api/v1/requests", &body);
    assert_eq!(nameless.status, 422, "{}", nameless.body);
    assert_eq!(nameless.json()["errors"][0]["field"], "institution_id");
    body["institution_id"] = json!(iprc);
    let made = ok(coordinator_api.post_json("/api/v1/requests", &body));
    assert_eq!(made["on_behalf"], true);
    let held = made["id"].as_str().unwrap();
    // The coordinator edits what they entered (a second letter corrects the title).
    body["title"] = json!("Solar PV and batteries for the electrical department");
    let edited = ok(coordinator_api.put_json(&format!("/api/v1/requests/{held}"), &body));
    assert_eq!((edited["title"].clone(), edited["on_behalf"].clone()), (body["title"].clone(), json!(true)));
    let history = ok(member_api.get(&format!("/api/v1/requests/{held}/history")));
    let edit = history["entries"].as_array().unwrap().iter().find(|e| e["action"] == "request.edit").cloned();
    assert_eq!(edit.map(|e| e["actor"].clone()), Some(json!("coordinator@passerelle.example")), "{history}");
    let submitted = ok(coordinator_api.post_json(&format!("/api/v1/requests/{held}/transitions"), &submit));
    assert_eq!(submitted["status"], "submitted", "{submitted}");
    let members_own = json!({"institution_id": iprc, "title": "x"});
    let refused = member_api.post_json("/api/v1/requests", &members_own);
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("institution_id"));
}
