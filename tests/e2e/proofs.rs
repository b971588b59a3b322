//! The visa, travel and insurance items of a mission's checklist point at their proof: a
//! mission does not start while one is done without its document, unless a coordinator
//! overrides with a reason, which the audit log keeps.

use crate::accounts::query_strings;
use crate::documents::approved_request_on;
use crate::harness::Part;
use crate::harness::Server;
use crate::pipeline::{api_as, day, ok, signed_in, submit};
use passerelle_files::samples;
use serde_json::json;

#[test]
fn a_mission_starts_once_its_proofs_are_attached_or_on_a_recorded_override() {
    let server = Server::start_with(&["--demo"], &[]);
    let member_api = api_as(&server, "institution@passerelle.example");
    let coordinator_api = api_as(&server, "coordinator@passerelle.example");
    let expert_api = api_as(&server, "expert@passerelle.example");
    let request = approved_request_on(&member_api, &coordinator_api, "Proofs before the start", (day(-2), day(0)));
    let aline = query_strings(
        &server.data_dir,
        "SELECT e.id FROM experts e JOIN users u ON u.id = e.user_id WHERE u.email = 'expert@passerelle.example'",
    )
    .remove(0);
    let candidate = ok(coordinator_api.post_json(
        &format!("/api/v1/requests/{request}/candidates"),
        &json!({"expert_id": aline, "source": "search"}),
    ));
    let candidate = candidate["id"].as_str().unwrap().to_owned();
    let step = |client: &crate::harness::Client, to: &str| {
        let body = if to == "invited" { json!({"to": to, "reply_by": day(5)}) } else { json!({"to": to}) };
        ok(client.post_json(&format!("/api/v1/candidates/{candidate}/transitions"), &body))
    };
    step(&coordinator_api, "invited");
    let expert = signed_in(&server, "expert");
    submit(
        &expert,
        &format!("/invitations/{candidate}/answer?answer=accept"),
        &format!("/invitations/{candidate}/answer"),
        &[("answer", "accept"), ("confirm", "on")],
    );
    step(&coordinator_api, "proposed");
    step(&member_api, "host_approved");
    let mission = step(&coordinator_api, "selected")["mission_id"].as_str().unwrap().to_owned();
    let move_to =
        |body: serde_json::Value| coordinator_api.post_json(&format!("/api/v1/missions/{mission}/transitions"), &body);
    ok(move_to(json!({"to": "approved"})));
    ok(move_to(json!({"to": "preparing"})));
    let set = |item: &str, document: &str| {
        coordinator_api.put_json(
            &format!("/api/v1/missions/{mission}/checklist/{item}"),
            &json!({"state": "done", "note": "checked", "document": document}),
        )
    };
    for item in ["visa", "travel", "insurance", "per_diem", "accommodation", "security_briefing", "focal_point"] {
        ok(set(item, ""));
    }

    // Done without its document: the visa blocks the start.
    let blocked = move_to(json!({"to": "in_progress", "date": day(-2)}));
    assert_eq!(blocked.status, 409, "{}", blocked.body);
    assert!(blocked.json()["detail"].as_str().unwrap().contains("visa"), "{}", blocked.body);

    // The expert attaches the visa; the coordinator points the item at it.
    let visa = expert_api.send_multipart(
        "POST",
        &format!("/api/v1/missions/{mission}/documents"),
        &[Part::Text("category", "visa"), Part::File("file", "visa.pdf", &samples::pdf("Visa"))],
    );
    assert_eq!(visa.status, 201, "{}", visa.body);
    let visa = visa.json()["id"].as_str().unwrap().to_owned();
    let elsewhere = set("visa", "not-a-document");
    assert_eq!(elsewhere.status, 422, "{}", elsewhere.body);
    assert_eq!(elsewhere.json()["errors"][0]["field"], "document");
    let proved = ok(set("visa", &visa));
    assert!(proved.to_string().contains(&visa), "the item points at its proof: {proved}");
    let next = move_to(json!({"to": "in_progress", "date": day(-2)}));
    assert_eq!(next.status, 409);
    assert!(next.json()["detail"].as_str().unwrap().contains("travel"), "then the ticket: {}", next.body);

    // A coordinator overrides, with a reason; without one, the override is refused.
    let no_reason = move_to(json!({"to": "in_progress", "date": day(-2), "override_proof": true}));
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    let reason = "The host bought the ticket; the paper copy waits at the airport.";
    let started = ok(move_to(json!({"to": "in_progress", "date": day(-2), "override_proof": true, "comment": reason})));
    assert_eq!(started["status"], "in_progress");
    let overrides = query_strings(
        &server.data_dir,
        &format!("SELECT detail FROM audit_log WHERE action = 'mission.proof_override' AND target_id = '{mission}'"),
    );
    assert_eq!(overrides.len(), 1);
    assert!(overrides[0].contains("travel") && overrides[0].contains(reason), "{overrides:?}");
}
