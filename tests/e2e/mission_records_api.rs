//! What a mission's page shows and changes, through the JSON API (issue 15 item 5), against the
//! real server with its demonstration data: the filed report and evaluation read by the
//! parties and by no one else, the schedule set by a coordinator, an extension asked for and
//! decided; the expert's consent read, withdrawn and given again; a credential verified by
//! staff and not by its holder; the consent shown to a host withdrawn by the expert.

use crate::harness::{Reply, Server, api_as, ok};
use passerelle_core::parse_date;
use serde_json::{Value, json};

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().unwrap().clone()
}

/// The fields named by a 422 answer.
fn invalid_fields(reply: Reply) -> Vec<String> {
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    let errors = reply.json()["errors"].as_array().unwrap().clone();
    errors.iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect()
}

fn day(value: &Value) -> time::Date {
    parse_date(value.as_str().unwrap()).unwrap()
}

#[test]
fn reports_evaluations_schedules_and_extensions_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let staff = api_as(&server, "coordinator@passerelle.example");
    let host = api_as(&server, "institution@passerelle.example");

    // A mission whose host filed an evaluation: the report and the evaluation read back.
    let evaluated = items(&ok(staff.get("/api/v1/missions?status=evaluated&limit=200")));
    let closed = items(&ok(staff.get("/api/v1/missions?status=closed&limit=200")));
    let done = evaluated.iter().chain(&closed).next().expect("the demo has an evaluated mission").clone();
    let id = done["id"].as_str().unwrap();
    let report = ok(staff.get(&format!("/api/v1/missions/{id}/report")));
    assert!(!report["activities"].as_str().unwrap().is_empty(), "{report}");
    let people = report["people"].as_array().unwrap();
    assert_eq!(people.len(), 4, "one entry per role: {report}");
    let direct: u64 = people
        .iter()
        .filter(|p| p["role"] != "students")
        .map(|p| p["women"].as_u64().unwrap() + p["men"].as_u64().unwrap() + p["unspecified"].as_u64().unwrap())
        .sum();
    assert_eq!(report["trained"].as_u64().unwrap(), direct, "{report}");
    let evaluation = ok(staff.get(&format!("/api/v1/missions/{id}/evaluation")));
    let ratings = evaluation["ratings"].as_object().unwrap();
    assert_eq!(ratings.len(), 5, "{evaluation}");
    let mean = ratings.values().map(|r| r.as_f64().unwrap()).sum::<f64>() / 5.0;
    assert!((evaluation["average"].as_f64().unwrap() - mean).abs() < 1e-9, "{evaluation}");

    // The host reads its own missions' records, and learns nothing of another institution's.
    let hosts: Vec<String> =
        items(&ok(host.get("/api/v1/missions?limit=200"))).iter().map(|m| m["id"].as_str().unwrap().into()).collect();
    let foreign = evaluated.iter().chain(&closed).find(|m| !hosts.iter().any(|h| h == &m["id"]));
    if let Some(foreign) = foreign {
        let path = format!("/api/v1/missions/{}/report", foreign["id"].as_str().unwrap());
        assert_eq!(host.get(&path).status, 404);
    }
    // A mission not yet reported has no report to read.
    let planned = items(&ok(staff.get("/api/v1/missions?status=planned&limit=200")));
    let open = items(&ok(staff.get("/api/v1/missions?status=preparing&limit=200")));
    let mission = planned
        .iter()
        .chain(&open)
        .find(|m| (day(&m["ends_on"]) - day(&m["starts_on"])).whole_days() >= 3)
        .expect("a mission of several days whose dates may change")
        .clone();
    let id = mission["id"].as_str().unwrap().to_owned();
    assert_eq!(staff.get(&format!("/api/v1/missions/{id}/report")).status, 404);

    // The schedule: invalid rows are named; the host may not set it; a coordinator ends the
    // mission a day earlier.
    let schedule = format!("/api/v1/missions/{id}/schedule");
    let (start, end) = (day(&mission["starts_on"]), day(&mission["ends_on"]));
    let fields = invalid_fields(staff.put_json(
        &schedule,
        &json!({"starts_on": start.to_string(), "ends_on": "2026-02-30", "phases": [{"kind": "abroad", "starts_on": start.to_string(), "ends_on": end.to_string()}]}),
    ));
    assert!(fields.contains(&"ends_on".to_owned()), "{fields:?}");
    assert!(fields.contains(&"phases[0].kind".to_owned()), "{fields:?}");
    let earlier = end - time::Duration::days(1);
    let phases: Vec<Value> = if mission["mode"] == "hybrid" {
        let middle = start + time::Duration::days(1);
        vec![
            json!({"kind": "on_site", "starts_on": start.to_string(), "ends_on": middle.to_string()}),
            json!({"kind": "remote", "starts_on": (middle + time::Duration::days(1)).to_string(), "ends_on": earlier.to_string()}),
        ]
    } else {
        vec![json!({"kind": mission["mode"], "starts_on": start.to_string(), "ends_on": earlier.to_string()})]
    };
    let body = json!({"starts_on": start.to_string(), "ends_on": earlier.to_string(), "phases": phases});
    let host_may = host.put_json(&schedule, &body).status;
    assert!(host_may == 403 || host_may == 404, "the host does not set the schedule: {host_may}");
    let moved = ok(staff.put_json(&schedule, &body));
    assert_eq!(moved["ends_on"], earlier.to_string(), "{moved}");
    assert_eq!(moved["phases"].as_array().unwrap().len(), phases.len(), "{moved}");

    // An extension back to the old end: asked, asked again (409), decided with a wrong word
    // (422), approved.
    let extensions = format!("/api/v1/missions/{id}/extensions");
    assert_eq!(invalid_fields(staff.post_json(&extensions, &json!({"ends_on": "soon", "reason": "x"}))), ["ends_on"]);
    let asked = ok(staff.post_json(&extensions, &json!({"ends_on": end.to_string(), "reason": "Exams moved."})));
    let pending: Vec<&Value> =
        asked["extensions"].as_array().unwrap().iter().filter(|e| e["status"] == "requested").collect();
    assert_eq!(pending.len(), 1, "{asked}");
    assert_eq!(pending[0]["ends_on"], end.to_string());
    assert_eq!(staff.post_json(&extensions, &json!({"ends_on": end.to_string(), "reason": "Again."})).status, 409);
    let decision = format!("/api/v1/missions/{id}/extensions/decision");
    assert_eq!(invalid_fields(staff.post_json(&decision, &json!({"decision": "maybe"}))), ["decision"]);
    let decided = ok(staff.post_json(&decision, &json!({"decision": "approve", "note": "Fine."})));
    assert_eq!(decided["ends_on"], end.to_string(), "{decided}");
    assert!(decided["extensions"].as_array().unwrap().iter().any(|e| e["status"] == "approved"), "{decided}");
    assert_eq!(staff.post_json(&decision, &json!({"decision": "approve"})).status, 409, "nothing waits any more");
}

#[test]
fn consent_and_credentials_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let staff = api_as(&server, "coordinator@passerelle.example");
    let expert = api_as(&server, "expert@passerelle.example");

    // The expert's consent: read, withdrawn, refused for a text not in force, given again.
    assert_eq!(staff.get("/api/v1/me/consent").status, 403, "staff have no consent of their own");
    let consent = ok(expert.get("/api/v1/me/consent"));
    let version = consent["version"].as_str().unwrap().to_owned();
    assert!(!consent["text_fr"].as_str().unwrap().is_empty());
    let withdrawn = ok(expert.put_json("/api/v1/me/consent", &json!({"choice": "withdraw"})));
    assert_eq!(withdrawn["given"], false, "{withdrawn}");
    let me = ok(expert.get("/api/v1/me"));
    let profile = format!("/api/v1/experts/{}", me["expert_id"].as_str().unwrap());
    assert!(ok(staff.get(&profile))["consent_given"].is_null(), "the withdrawal shows at once");
    assert_eq!(invalid_fields(expert.put_json("/api/v1/me/consent", &json!({"choice": "maybe"}))), ["choice"]);
    let stale = expert.put_json("/api/v1/me/consent", &json!({"choice": "grant", "version": "0-old"}));
    assert_eq!(stale.status, 409, "{}", stale.body);
    let given = ok(expert.put_json("/api/v1/me/consent", &json!({"choice": "grant", "version": version})));
    assert_eq!(given["given"], true, "{given}");
    let history = given["history"].as_array().unwrap();
    assert!(history.len() >= 2, "{given}");
    assert_eq!(history.last().unwrap()["granted"], true);

    // A credential: its holder may not verify it, a coordinator does; an unknown one is 404.
    let credentials = ok(staff.get(&profile))["credential_checks"].as_array().unwrap().clone();
    let (with_credential, credential) = if let Some(first) = credentials.first() {
        (profile.clone(), first["id"].as_str().unwrap().to_owned())
    } else {
        let list = items(&ok(staff.get("/api/v1/experts?limit=100")));
        let holder =
            list.iter().find(|e| !e["credential_checks"].as_array().unwrap().is_empty()).expect("a credential");
        let path = format!("/api/v1/experts/{}", holder["id"].as_str().unwrap());
        (path, holder["credential_checks"][0]["id"].as_str().unwrap().to_owned())
    };
    let status = format!("{with_credential}/credentials/{credential}/status");
    if with_credential == profile {
        assert_eq!(expert.put_json(&status, &json!({"status": "verified"})).status, 403);
    }
    assert_eq!(invalid_fields(staff.put_json(&status, &json!({"status": "probably"}))), ["status"]);
    let verified = ok(staff.put_json(&status, &json!({"status": "verified"})));
    assert_eq!(verified["status"], "verified");
    let checks = ok(staff.get(&with_credential))["credential_checks"].clone();
    let check = checks.as_array().unwrap().iter().find(|c| c["id"] == credential.as_str()).unwrap().clone();
    assert_eq!(check["status"], "verified", "{checks}");
    assert!(check["verified_at"].is_string(), "{checks}");
    let unknown = format!("{with_credential}/credentials/no-such-credential/status");
    assert_eq!(staff.put_json(&unknown, &json!({"status": "verified"})).status, 404);
}

#[test]
fn an_expert_withdraws_through_the_api_the_consent_given_to_a_host() {
    let server = Server::start_with(&["--demo"], &[]);
    let staff = api_as(&server, "coordinator@passerelle.example");
    let expert = api_as(&server, "expert@passerelle.example");
    let me = ok(expert.get("/api/v1/me"));
    let expert_id = me["expert_id"].as_str().unwrap();

    // The demo expert shortlisted on an approved request they are not yet a candidate for,
    // invited, and accepting (which gives the host their consent).
    let approved = items(&ok(staff.get("/api/v1/requests?status=approved&limit=200")));
    let candidate = approved
        .iter()
        .map(|r| format!("/api/v1/requests/{}/candidates", r["id"].as_str().unwrap()))
        .map(|path| staff.post_json(&path, &json!({"expert_id": expert_id})))
        .find(|reply| reply.status == 201)
        .expect("an approved request the demo expert is not a candidate for")
        .json();
    let id = candidate["id"].as_str().unwrap();
    let steps = format!("/api/v1/candidates/{id}/transitions");
    let reply_by = (time::OffsetDateTime::now_utc().date() + time::Duration::days(5)).to_string();
    ok(staff.post_json(&steps, &json!({"to": "invited", "reply_by": reply_by})));
    let accepted = ok(expert.post_json(&steps, &json!({"to": "accepted"})));
    assert_eq!(accepted["consent"]["active"], true, "{accepted}");

    let path = format!("/api/v1/candidates/{id}/consent/withdraw");
    assert_eq!(staff.post_json(&path, &json!({})).status, 403, "staff do not withdraw it for the expert");
    let other = api_as(&server, "institution@passerelle.example");
    assert_eq!(other.post_json(&path, &json!({})).status, 404, "the host learns nothing");
    let withdrawn = ok(expert.post_json(&path, &json!({})));
    assert_eq!(withdrawn["consent"]["active"], false, "{withdrawn}");
    assert!(withdrawn["consent"]["ended_at"].is_string(), "{withdrawn}");
    let again = expert.post_json(&path, &json!({}));
    assert_eq!(again.status, 409, "{}", again.body);
}

#[test]
fn skills_in_an_experts_words_are_confirmed_or_dismissed_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let staff = api_as(&server, "coordinator@passerelle.example");
    let expert = api_as(&server, "expert@passerelle.example");
    let me = ok(expert.get("/api/v1/me"));
    let profile = format!("/api/v1/experts/{}", me["expert_id"].as_str().unwrap());

    // The expert writes, in French, of skills that are not in their list.
    let mut body = ok(expert.get(&profile));
    for added in
        ["id", "user_id", "skill_ids", "credential_checks", "consent_given", "confirmed_at", "stale", "completeness"]
    {
        body.as_object_mut().unwrap().remove(added);
    }
    body.as_object_mut().unwrap().retain(|key, _| key != "created_at" && key != "updated_at");
    body["summary"] = json!("Quinze ans en soins intensifs au CHU de Liège, puis en néonatologie.");
    ok(expert.put_json(&profile, &body));
    let suggestions = format!("{profile}/suggestions");
    let offered: Vec<String> =
        items(&ok(expert.get(&suggestions))).iter().map(|s| s["skill"].as_str().unwrap().to_owned()).collect();
    let intensive = offered.iter().find(|s| s.contains("intensive")).expect("intensive care suggested").clone();
    let other = offered.iter().find(|s| **s != intensive).expect("a second skill suggested").clone();

    // Confirming needs a level in range; a skill not suggested is refused.
    let confirm = format!("{suggestions}/confirm");
    assert_eq!(invalid_fields(expert.post_json(&confirm, &json!({"skill": intensive, "level": 9}))), ["level"]);
    assert_eq!(invalid_fields(expert.post_json(&confirm, &json!({"skill": "general-surgery", "level": 3}))), ["skill"]);
    let left = ok(expert.post_json(&confirm, &json!({"skill": intensive, "level": 3, "years": 15})));
    assert!(!left["items"].as_array().unwrap().iter().any(|s| s["skill"] == intensive.as_str()), "{left}");
    assert!(ok(staff.get(&profile))["skill_ids"].as_array().unwrap().iter().any(|s| s == intensive.as_str()));

    // A coordinator dismisses the other for the expert: it does not come back.
    let left = ok(staff.post_json(&format!("{suggestions}/dismiss"), &json!({"skill": other})));
    assert!(!left["items"].as_array().unwrap().iter().any(|s| s["skill"] == other.as_str()), "{left}");
    assert!(!items(&ok(expert.get(&suggestions))).iter().any(|s| s["skill"] == other.as_str()));
    let host = api_as(&server, "institution@passerelle.example");
    assert_eq!(host.get(&suggestions).status, 404, "a host learns nothing of the profile");

    // The expert confirms the profile is still true.
    let confirmed = ok(expert.post_json("/api/v1/me/profile/confirmation", &json!({})));
    assert!(confirmed["confirmed_at"].as_str().is_some_and(|t| !t.is_empty()), "{confirmed}");
    assert_eq!(staff.post_json("/api/v1/me/profile/confirmation", &json!({})).status, 403);
}

#[test]
fn a_coordinator_shortlists_and_invites_several_experts_at_once_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let staff = api_as(&server, "coordinator@passerelle.example");
    let request =
        items(&ok(staff.get("/api/v1/requests?status=approved&limit=1")))[0]["id"].as_str().unwrap().to_owned();
    let bulk = format!("/api/v1/requests/{request}/candidates/bulk");
    let pipeline = |staff: &crate::harness::Client| -> Vec<Value> {
        items(&ok(staff.get(&format!("/api/v1/requests/{request}/candidates"))))
    };
    let already: Vec<String> =
        pipeline(&staff).iter().filter_map(|c| c["expert"]["expert_id"].as_str().map(str::to_owned)).collect();
    let roster = ok(staff.get("/api/v1/experts?per_page=50"));
    let experts: Vec<String> = roster["experts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["consent"] == true)
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .filter(|id| !already.contains(id))
        .take(3)
        .collect();
    assert_eq!(experts.len(), 3, "three consenting experts not yet candidates");

    // Refusals name their field; nothing is taken.
    assert_eq!(invalid_fields(staff.post_json(&bulk, &json!({"action": "maybe", "expert_ids": experts}))), ["action"]);
    assert_eq!(
        invalid_fields(staff.post_json(&bulk, &json!({"action": "invite", "expert_ids": experts}))),
        ["reply_by"]
    );
    let many: Vec<String> = (0..51).map(|_| uuid_like()).collect();
    assert_eq!(
        invalid_fields(staff.post_json(&bulk, &json!({"action": "shortlist", "expert_ids": many}))),
        ["expert_id"]
    );
    assert_eq!(pipeline(&staff).len(), already.len(), "a refused step takes no one");

    // Two shortlisted, then the same two and a third invited at once.
    let two = &experts[..2];
    let shortlisted = ok(staff.post_json(&bulk, &json!({"action": "shortlist", "expert_ids": two})));
    assert_eq!((shortlisted["done"].as_u64(), shortlisted["skipped"].as_u64()), (Some(2), Some(0)), "{shortlisted}");
    let again = ok(staff.post_json(&bulk, &json!({"action": "shortlist", "expert_ids": two})));
    assert_eq!((again["done"].as_u64(), again["skipped"].as_u64()), (Some(0), Some(2)), "{again}");
    let reply_by = (time::OffsetDateTime::now_utc().date() + time::Duration::days(7)).to_string();
    let invited = ok(staff.post_json(&bulk, &json!({"action": "invite", "expert_ids": experts, "reply_by": reply_by})));
    assert_eq!(invited["done"].as_u64(), Some(3), "{invited}");
    let statuses: Vec<Value> = pipeline(&staff)
        .into_iter()
        .filter(|c| c["expert"]["expert_id"].as_str().is_some_and(|id| experts.iter().any(|e| e == id)))
        .map(|c| c["status"].clone())
        .collect();
    assert_eq!(statuses, vec![json!("invited"); 3]);

    let host = api_as(&server, "institution@passerelle.example");
    let answer = host.post_json(&bulk, &json!({"action": "shortlist", "expert_ids": experts})).status;
    assert!(answer == 403 || answer == 404, "a host does not take experts: {answer}");
}

/// A well-formed id of nobody.
fn uuid_like() -> String {
    format!("01000000-0000-7000-8000-{:012x}", rand_suffix())
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
