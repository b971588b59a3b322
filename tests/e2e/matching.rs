//! Matching from the outside: every approved demo request shows explained candidates to a
//! coordinator, the API answers the documented shape, and members of the host cannot see the
//! candidates before they are proposed to them.

use crate::accounts::{demo_password, sign_in};
use crate::harness::{Client, Server, run};

fn token(server: &Server, email: &str) -> Client {
    let data = server.data_dir.to_str().unwrap();
    let (_, token, _) = run(&["token", "create", "--data-dir", data, "--email", email, "--name", "t"], &[]);
    Client::new(&server.base).with_header("Authorization", &format!("Bearer {}", token.trim()))
}

#[test]
fn every_approved_demo_request_has_explained_candidates() {
    let server = Server::start_with(&["--demo"], &[]);
    let api = token(&server, "coordinator@passerelle.example");
    let approved = api.get("/api/v1/requests?status=approved&limit=200").json();
    let requests = approved["items"].as_array().expect("a list of requests").clone();
    assert!(requests.len() >= 3, "the demo has approved requests: {approved}");

    let browser = server.client().with_header("Accept-Language", "fr");
    assert_eq!(sign_in(&browser, "coordinator@passerelle.example", &demo_password(&server, "coordinator")).status, 303);
    let mut without = Vec::new();
    for request in &requests {
        let id = request["id"].as_str().unwrap();
        let page = browser.get(&format!("/requests/{id}"));
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Meilleurs candidats"));
        if !page.body.contains(r#"<li class="match""#) {
            without.push(request["title"].as_str().unwrap_or(id).to_owned());
            continue;
        }
        assert!(page.body.contains("Compétences indispensables"), "the explanation is in French");

        let matches = api.get(&format!("/api/v1/requests/{id}/matches?limit=5"));
        assert_eq!(matches.status, 200, "{}", matches.body);
        let body = matches.json();
        let first = &body["candidates"][0];
        assert!(first["expert_id"].is_string() && first["score"].is_number(), "{body}");
        let title = request["title"].as_str().unwrap_or(id);
        assert!(body["full_matches"].as_u64().unwrap() >= 3, "{title}: fewer than 3 full matches: {body}");
        assert_eq!(first["meets_must_haves"], true, "{title}: the first candidate meets every must-have");
        assert!(
            !page.body.contains("Personne ne possède toutes"),
            "{title}: the page says nobody meets the must-haves"
        );
        let contributions = first["explanation"]["contributions"].as_array().unwrap();
        let total: f64 = contributions.iter().map(|c| c["points"].as_f64().unwrap()).sum();
        assert!((total - first["score"].as_f64().unwrap()).abs() < 0.01, "the score is the sum of its parts");
        let scores: Vec<f64> =
            body["candidates"].as_array().unwrap().iter().map(|c| c["score"].as_f64().unwrap()).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
    }
    assert!(without.is_empty(), "approved requests without candidates: {without:?}");

    let adjusted = browser.get(&format!(
        "/requests/{}/matches?limit=3&relax_languages=on&widen_days=14",
        requests[0]["id"].as_str().unwrap()
    ));
    assert_eq!(adjusted.status, 200);
    assert!(adjusted.body.matches(r#"<li class="match""#).count() <= 3);
    let bad = api.get(&format!("/api/v1/requests/{}/matches?limit=1000", requests[0]["id"].as_str().unwrap()));
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["errors"][0]["field"], "limit");

    let member = token(&server, "institution@passerelle.example");
    let theirs = member.get("/api/v1/requests?limit=200").json();
    if let Some(own) = theirs["items"].as_array().and_then(|r| r.first()) {
        let status = member.get(&format!("/api/v1/requests/{}/matches", own["id"].as_str().unwrap())).status;
        assert_eq!(status, 403, "the host does not see candidates before they are proposed");
    }
}
