//! A whole mission over HTTP against the real server with its demonstration data: an approved
//! request, its matches, a shortlist, an invitation the expert accepts (consent recorded), the
//! host's approval, the selection, the mission signed off, prepared, run, completed, reported,
//! evaluated and closed; the host sees the expert's contact details only after the acceptance;
//! the dashboard counts the mission; CSV exports read back with a standard CSV reader.

use crate::accounts::{csrf, email_in_outbox, query_strings};
use crate::harness::{Client, Reply, Server};
pub(crate) use crate::harness::{api_as, ok, signed_in};
use serde_json::json;

pub(crate) fn day(offset: i64) -> String {
    let today = time::OffsetDateTime::now_utc().date();
    (today + time::Duration::days(offset)).to_string()
}

/// Submits a form of `page` (its CSRF token added) and expects a redirect.
pub(crate) fn submit(client: &Client, page: &str, action: &str, fields: &[(&str, &str)]) -> Reply {
    let form = client.get(page);
    assert_eq!(form.status, 200, "{page}: {}", form.body);
    let token = csrf(&form);
    let mut all = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    let reply = client.post_form(action, &all);
    assert_eq!(reply.status, 303, "{action}: {} {}", reply.status, reply.body);
    reply
}

fn csv_rows(reply: &Reply) -> (Vec<String>, Vec<Vec<String>>) {
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.header("content-type").unwrap_or_default().starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(reply.body.as_bytes());
    let header = reader.headers().expect("a header row").iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.expect("an RFC 4180 row").iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn a_whole_mission_from_the_request_to_its_closing() {
    let server = Server::start_with(&["--demo"], &[]);
    let member_api = api_as(&server, "institution@passerelle.example");
    let coordinator_api = api_as(&server, "coordinator@passerelle.example");
    let expert_api = api_as(&server, "expert@passerelle.example");
    let programmes = ok(member_api.get("/api/v1/programmes"));
    let programme = programmes["items"].as_array().unwrap().iter().find(|p| p["code"] == "MIDA-GL").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // An approved request of IPRC Kigali, over the last three days (so it can end today).
    let title = "Anaesthesia safety for the simulation lab";
    let request = ok(member_api.post_json(
        "/api/v1/requests",
        &json!({
            "programme_id": programme, "title": title,
            "description": "The new simulation lab teaches anaesthesia safety to nursing students.",
            "objectives": "Teachers run anaesthesia safety scenarios on their own.",
            "deliverables": "Six scenarios; eight teachers trained.",
            "sector": "health",
            "skills": [{"skill": "nurse-anaesthesia", "requirement": "must_have", "level": 3}],
            "languages": [{"language": "fr", "level": "B2"}],
            "country": "RW", "city": "Kigali", "mode": "on_site", "timing": "fixed",
            "dates": {"start": day(-2), "end": day(0)}, "urgency": "normal", "positions": 1
        }),
    ));
    let request_id = request["id"].as_str().unwrap().to_owned();
    ok(member_api.post_json(&format!("/api/v1/requests/{request_id}/transitions"), &json!({"to": "submitted"})));
    ok(coordinator_api.post_json(&format!("/api/v1/requests/{request_id}/transitions"), &json!({"to": "approved"})));

    // Matches, then the demo expert on the shortlist.
    let matches = coordinator_api.get(&format!("/api/v1/requests/{request_id}/matches?limit=5"));
    assert_eq!(matches.status, 200, "{}", matches.body);
    let coordinator = signed_in(&server, "coordinator");
    let page = coordinator.get(&format!("/requests/{request_id}/matches"));
    assert_eq!(page.status, 200);
    let aline = query_strings(
        &server.data_dir,
        "SELECT e.id FROM experts e JOIN users u ON u.id = e.user_id WHERE u.email = 'expert@passerelle.example'",
    )
    .remove(0);
    let candidate = ok(coordinator_api.post_json(
        &format!("/api/v1/requests/{request_id}/candidates"),
        &json!({"expert_id": aline, "source": "search"}),
    ));
    let candidate_id = candidate["id"].as_str().unwrap().to_owned();
    assert_eq!(candidate["status"], "shortlisted");
    let again =
        coordinator_api.post_json(&format!("/api/v1/requests/{request_id}/candidates"), &json!({"expert_id": aline}));
    assert_eq!(again.status, 409, "already a candidate");

    // Invited: the expert is told; the host still sees nothing of the candidate.
    let invited = ok(coordinator_api.post_json(
        &format!("/api/v1/candidates/{candidate_id}/transitions"),
        &json!({"to": "invited", "reply_by": day(5)}),
    ));
    assert_eq!(invited["status"], "invited");
    let email = email_in_outbox(&server.data_dir, &format!("Vous êtes invité à une mission : « {title} »"));
    assert!(email.contains("expert@passerelle.example"), "the invitation goes to the expert");
    let member = signed_in(&server, "institution");
    assert_eq!(member.get(&format!("/candidates/{candidate_id}")).status, 404, "no consent yet: nothing to see");
    assert_eq!(member_api.get(&format!("/api/v1/candidates/{candidate_id}")).status, 404);
    let listed = ok(member_api.get(&format!("/api/v1/requests/{request_id}/candidates")));
    assert!(listed["items"].as_array().unwrap().is_empty(), "{listed}");
    let early = coordinator_api
        .post_json(&format!("/api/v1/candidates/{candidate_id}/transitions"), &json!({"to": "proposed"}));
    assert_eq!(early.status, 409, "not before the expert's answer");
    assert_eq!(early.json()["allowed"], json!(["withdrawn"]));

    // The expert accepts, with one click and a confirmation that records the consent.
    let expert = signed_in(&server, "expert");
    let invitations = expert.get("/invitations");
    assert!(invitations.body.contains(title));
    let form = expert.get(&format!("/invitations/{candidate_id}/answer?answer=accept"));
    assert!(form.body.contains("IPRC Kigali"), "the confirmation names the host");
    let unconfirmed = expert
        .post_form(&format!("/invitations/{candidate_id}/answer"), &[("csrf", &csrf(&form)), ("answer", "accept")]);
    assert_eq!(unconfirmed.status, 422, "accepting needs the confirmation");
    submit(
        &expert,
        &format!("/invitations/{candidate_id}/answer?answer=accept"),
        &format!("/invitations/{candidate_id}/answer"),
        &[("answer", "accept"), ("confirm", "on")],
    );
    let accepted = ok(expert_api.get(&format!("/api/v1/candidates/{candidate_id}")));
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["consent"]["active"], true, "{accepted}");
    let consents = query_strings(
        &server.data_dir,
        &format!("SELECT granted_at FROM candidate_consents WHERE candidate_id = '{candidate_id}'"),
    );
    assert_eq!(consents.len(), 1, "the consent is recorded");

    // Now the host sees who it is, with contact details and the full profile.
    let seen = member.get(&format!("/candidates/{candidate_id}"));
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains("Aline Uwase") && seen.body.contains("expert@passerelle.example"));
    assert!(seen.body.contains("+32470123456") || seen.body.contains("+32 470"), "the phone is shown");
    let through_api = ok(member_api.get(&format!("/api/v1/candidates/{candidate_id}")));
    assert_eq!(through_api["expert"]["email"], "expert@passerelle.example");

    // Proposed, approved by the host on its page, selected: the mission exists, the request is staffed.
    ok(coordinator_api
        .post_json(&format!("/api/v1/candidates/{candidate_id}/transitions"), &json!({"to": "proposed"})));
    assert!(member.get("/candidates").body.contains("Aline Uwase"), "a candidate to approve");
    submit(
        &member,
        &format!("/candidates/{candidate_id}"),
        &format!("/candidates/{candidate_id}/transitions"),
        &[("to", "host_approved")],
    );
    let selected = ok(coordinator_api
        .post_json(&format!("/api/v1/candidates/{candidate_id}/transitions"), &json!({"to": "selected"})));
    let mission_id = selected["mission_id"].as_str().expect("a mission").to_owned();
    assert_eq!(ok(member_api.get(&format!("/api/v1/requests/{request_id}")))["status"], "staffed");

    // The mission: signed off, prepared (checklist), started, completed.
    let step =
        |to: &str| coordinator_api.post_json(&format!("/api/v1/missions/{mission_id}/transitions"), &json!({"to": to}));
    let refused = step("closed");
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert_eq!(refused.header("content-type"), Some("application/problem+json"));
    assert_eq!(refused.json()["allowed"], json!(["approved", "cancelled"]));
    ok(step("approved"));
    ok(step("preparing"));
    let blocked = step("in_progress");
    assert_eq!(blocked.status, 409, "the checklist is not done");
    for item in ["visa", "travel", "insurance", "per_diem", "accommodation", "security_briefing", "focal_point"] {
        // The visa, ticket and insurance would need their documents (tests/e2e/proofs.rs).
        let state = if matches!(item, "visa" | "travel" | "insurance") { "not_applicable" } else { "done" };
        ok(coordinator_api.put_json(
            &format!("/api/v1/missions/{mission_id}/checklist/{item}"),
            &json!({"state": state, "note": "checked"}),
        ));
    }
    ok(coordinator_api.post_json(
        &format!("/api/v1/missions/{mission_id}/transitions"),
        &json!({"to": "in_progress", "date": day(-2)}),
    ));
    let completed = ok(step("completed"));
    assert_eq!(completed["report_due"], day(14));

    // The expert's report (API), the host's evaluation (its page), the coordinator's sign-off.
    let by_member = member_api.put_json(&format!("/api/v1/missions/{mission_id}/report"), &json!({"activities": "x"}));
    assert_eq!(by_member.status, 403);
    ok(expert_api.put_json(
        &format!("/api/v1/missions/{mission_id}/report"),
        &json!({
            "activities": "Six simulation scenarios written and run with the teachers.",
            "recommendations": "Run the scenarios every term.",
            "institutions_reached": 1,
            "people": [{"role": "trainers", "women": 5, "men": 3}, {"role": "students", "women": 40, "men": 35, "unspecified": 2}]
        }),
    ));
    let mut fields: Vec<(String, String)> = ["quality", "transfer", "communication", "reliability", "relevance"]
        .iter()
        .map(|c| (format!("ratings.{c}"), "5".to_owned()))
        .collect();
    fields.push(("comments".into(), "Our teachers now run the scenarios alone.".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    submit(
        &member,
        &format!("/missions/{mission_id}/evaluation"),
        &format!("/missions/{mission_id}/evaluation"),
        &refs,
    );
    let closed = ok(step("closed"));
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["host_rating"], 5.0);

    // Every step is in the history.
    let history = ok(coordinator_api.get(&format!("/api/v1/missions/{mission_id}/history")));
    let actions: Vec<&str> =
        history["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in [
        "mission.create",
        "mission.approve",
        "mission.prepare",
        "mission.checklist",
        "mission.start",
        "mission.complete",
        "mission.report",
        "mission.evaluate",
        "mission.close",
    ] {
        assert!(actions.contains(&expected), "{expected} missing from {actions:?}");
    }
    let candidate_log = query_strings(
        &server.data_dir,
        &format!(
            "SELECT action FROM audit_log WHERE target_kind = 'candidate' AND target_id = '{candidate_id}' ORDER BY id"
        ),
    );
    assert_eq!(
        candidate_log,
        [
            "candidate.shortlist",
            "candidate.invite",
            "candidate.accept",
            "consent.share",
            "candidate.propose",
            "candidate.host_approve",
            "candidate.select"
        ]
    );

    // The dashboard counts it, and so does the programme report.
    let stats = ok(coordinator_api.get(&format!("/api/v1/stats?programme={programme}")));
    assert!(stats["missions_by_status"]["closed"].as_u64().unwrap() >= 1, "{stats}");
    assert!(
        stats["people_trained"].as_u64().unwrap() >= 8 && stats["people_reached"].as_u64().unwrap() >= 77,
        "{stats}"
    );
    let dashboard = coordinator.get(&format!("/dashboard?programme={programme}"));
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.body.contains(r#"role="img""#) && dashboard.body.contains("<caption>"));
    let report = coordinator.get(&format!("/dashboard/report?programme={programme}"));
    assert!(report.body.contains(title), "the programme report lists the mission");
    // A programme's whole life is counted year by year, the same figures; beyond fifty years
    // the period is refused on `to`, by the pages and the API alike.
    let decade = format!("/dashboard?programme={programme}&from=2020-01-01&to=2030-12-31");
    let by_year = coordinator.get(&decade);
    assert_eq!(by_year.status, 200);
    let over_time = by_year.body.split(r#"id="per-month""#).nth(1).unwrap_or_default();
    assert!(over_time.contains("Année par année") && over_time.contains(">2027</th>"), "one row a year: {over_time}");
    let long = ok(coordinator_api.get(&format!("/api/v1/stats?programme={programme}&from=2020-01-01&to=2030-12-31")));
    assert_eq!(long["missions_by_status"]["closed"], stats["missions_by_status"]["closed"], "{long}");
    for path in ["/dashboard?from=2000-01-01&to=2060-01-01", "/dashboard/report.pdf?from=2000-01-01&to=2060-01-01"] {
        assert_eq!(coordinator.get(path).status, 422, "{path}");
    }
    let refused = coordinator_api.get("/api/v1/stats?from=2000-01-01&to=2060-01-01");
    assert_eq!((refused.status, refused.json()["errors"][0]["field"].as_str()), (422, Some("to")));
    let certificate = expert.get(&format!("/missions/{mission_id}/certificate"));
    assert_eq!(certificate.status, 200);
    assert!(certificate.body.contains("Aline Uwase") && certificate.body.contains("IPRC Kigali"));

    // CSV exports read back with a standard reader; the mission's row has its figures.
    let (header, rows) = csv_rows(&coordinator.get(&format!("/exports/missions.csv?programme={programme}")));
    let column =
        |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} in {header:?}"));
    let row = rows.iter().find(|r| r[column("mission_id")] == mission_id).expect("the mission's row");
    assert_eq!(row[column("status")], "closed");
    assert_eq!(row[column("people_trained")], "8");
    assert_eq!(row[column("people_reached")], "77");
    assert_eq!(row[column("expert_days_on_site")], "3");
    assert_eq!(coordinator.get("/exports/missions.csv").status, 200);
    assert_eq!(member.get("/exports/missions.csv").status, 403, "coordinators only");

    // After the consent is withdrawn, the host keeps only the mission's record.
    submit(
        &expert,
        &format!("/invitations/{candidate_id}"),
        &format!("/invitations/{candidate_id}/consent/withdraw"),
        &[],
    );
    let record = member.get(&format!("/candidates/{candidate_id}"));
    assert_eq!(record.status, 200);
    assert!(record.body.contains("Aline Uwase") && !record.body.contains("expert@passerelle.example"));
    assert!(member_api.get(&format!("/api/v1/candidates/{candidate_id}")).json()["expert"]["email"].is_null());
}

#[test]
fn exports_are_rfc_4180_and_neutralise_formulas() {
    let server = Server::start_with(&["--demo"], &[]);
    let member_api = api_as(&server, "institution@passerelle.example");
    let programmes = ok(member_api.get("/api/v1/programmes"));
    let programme = programmes["items"][0]["id"].as_str().unwrap().to_owned();
    let hostile_city = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    let created = member_api.post_json(
        "/api/v1/requests",
        &json!({
            "programme_id": programme, "title": "@SUM(1+1), \"quoted\"", "description": "A request with a hostile title.",
            "objectives": "-2+3", "deliverables": "+1", "sector": "tvet",
            "skills": [{"skill": "welding-fabrication", "requirement": "must_have", "level": 2}],
            "country": "RW", "city": hostile_city, "mode": "on_site", "timing": "fixed",
            "dates": {"start": day(30), "end": day(40)}, "urgency": "normal", "positions": 1
        }),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let coordinator = signed_in(&server, "coordinator");
    let (header, rows) = csv_rows(&coordinator.get("/exports/requests.csv?status=draft"));
    let title = header.iter().position(|h| h == "title").unwrap();
    let city = header.iter().position(|h| h == "city").unwrap();
    let row = rows.iter().find(|r| r[title] == "'@SUM(1+1), \"quoted\"").expect("the formula neutralised, quotes kept");
    assert_eq!(row[city], format!("'{hostile_city}"));
    for row in &rows {
        assert!(row.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\0'])), "{row:?}");
    }
    let (_, roster) = csv_rows(&coordinator.get("/exports/roster.csv?consent=yes"));
    assert!(roster.len() > 100, "the roster's consenting experts");
    let (header, missions) = csv_rows(&coordinator.get("/exports/missions.csv?status=closed"));
    let status = header.iter().position(|h| h == "status").unwrap();
    assert!(!missions.is_empty() && missions.iter().all(|r| r[status] == "closed"), "the filters apply");
}
