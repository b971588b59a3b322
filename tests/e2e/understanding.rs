//! Skills in words from the outside (issue 10): a request whose must-have the taxonomy does not
//! know is created (not refused) and matched against what experts wrote; once an ESCO import
//! teaches the taxonomy the word, the experts' and the request's skills are linked to it and
//! search follows; the match list says which candidates meet every must-have.

use crate::harness::{Client, Server, run, within};
use crate::requests::api_as;
use serde_json::json;
use std::time::Duration;

const WORDS: &str = "protection cathodique";

#[test]
fn an_unknown_must_have_is_kept_matched_and_linked_after_an_import() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = api_as(&server, "coordinator@passerelle.example");
    let member = api_as(&server, "institution@passerelle.example");
    let unknown = coordinator.get("/api/v1/skills?q=protection%20cathodique").json();
    assert!(
        unknown["skills"].as_array().unwrap().iter().all(|s| !s["label"].as_str().unwrap().contains("cathodique")),
        "the shipped taxonomy does not know it: {unknown}"
    );

    let expert = json!({
        "name": "Béatrice Nshimiyimana",
        "headline": "Ingénieure anticorrosion",
        "residence_country": "BE",
        "origin_countries": ["RW"],
        "skills": [{"label": WORDS, "level": 4}],
        "languages": [{"code": "en", "spoken": "C1", "written": "C1"}, {"code": "fr", "spoken": "C2", "written": "C2"}],
        "availability": [{"start": "2027-01-01", "end": "2027-12-31", "mode": "either"}],
        "consent": {"matching": true, "version": "2026-11-01"},
    });
    let created = coordinator.post_json("/api/v1/experts", &expert);
    assert_eq!(created.status, 201, "{}", created.body);
    let expert_id = created.json()["id"].as_str().unwrap().to_owned();
    let stored = coordinator.get(&format!("/api/v1/experts/{expert_id}")).json();
    assert_eq!(stored["skills"][0]["label"], WORDS, "{stored}");
    assert_eq!(stored["skill_ids"], json!([null]), "kept in words: {stored}");

    let programmes = member.get("/api/v1/programmes").json();
    let programme = programmes["items"].as_array().unwrap().iter().find(|p| p["code"] == "TVET-TOT-RP").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let request = json!({
        "programme_id": programme,
        "title": "Corrosion protection of the water mains",
        "description": "The utility's steel mains corrode; its technicians need training.",
        "objectives": "Technicians design and inspect cathodic protection.",
        "deliverables": "A maintenance plan; twelve technicians trained.",
        "sector": "engineering",
        "skills": [{"skill": WORDS, "requirement": "must_have", "level": 3}],
        "languages": [{"language": "en", "level": "B2"}],
        "country": "RW",
        "city": "Kigali",
        "mode": "on_site",
        "timing": "fixed",
        "dates": {"start": "2027-05-03", "end": "2027-05-21"},
        "urgency": "normal",
        "positions": 1
    });
    let created = member.post_json("/api/v1/requests", &request);
    assert_eq!(created.status, 201, "an unknown word is no reason to refuse: {}", created.body);
    let body = created.json();
    let id = body["id"].as_str().unwrap().to_owned();
    assert!(body["skills"][0]["skill"].is_null() && body["skills"][0]["label"] == WORDS, "{body}");
    let to = |client: &Client, status: &str| {
        let reply = client.post_json(&format!("/api/v1/requests/{id}/transitions"), &json!({"to": status}));
        assert_eq!(reply.status, 200, "{}", reply.body);
    };
    to(&member, "submitted");
    to(&coordinator, "approved");

    // The profile is searchable once the index has applied its change (at once on an idle
    // machine; the demo's own profiles may still be going in).
    let matches = within(Duration::from_secs(15), || {
        let matches = coordinator.get(&format!("/api/v1/requests/{id}/matches?limit=10")).json();
        (matches["candidates"][0]["expert_id"] == expert_id.as_str(), matches)
    });
    let first = &matches["candidates"][0];
    assert_eq!(first["expert_id"], expert_id.as_str(), "the expert who listed the words first: {matches}");
    assert_eq!(first["meets_must_haves"], true);
    assert_eq!(first["explanation"]["skills"][0]["evidence"], "listed");
    assert!(matches["full_matches"].as_u64().unwrap() >= 1);

    // The taxonomy learns the words: both sides are linked, and an English search finds her.
    let data = server.data_dir.to_str().unwrap();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/e2e/fixtures/esco_cathodic.csv");
    let (code, stdout, stderr) = run(&["taxonomy", "import", fixture, "--lang", "fr", "--data-dir", data], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("1 new skills"), "{stdout}");
    assert!(stdout.contains("1 skills of experts and 1 skills of requests"), "{stdout}");
    let concept = "esco:cafe0000-1111-2222-3333-444444444444";
    let stored = coordinator.get(&format!("/api/v1/experts/{expert_id}")).json();
    assert_eq!(stored["skill_ids"], json!([concept]), "{stored}");
    assert_eq!(coordinator.get(&format!("/api/v1/requests/{id}")).json()["skills"][0]["skill"], concept);
    // The index follows: the matcher reads her skill from it, now the concept itself.
    let (followed, matches) = within(Duration::from_secs(15), || {
        let matches = coordinator.get(&format!("/api/v1/requests/{id}/matches?limit=10")).json();
        let first = &matches["candidates"][0];
        let followed =
            first["expert_id"] == expert_id.as_str() && first["explanation"]["skills"][0]["evidence"] == "held";
        (followed, (followed, matches))
    });
    assert!(followed, "the index never followed the relinking: {matches}");
}
