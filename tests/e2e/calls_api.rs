//! Calls for experts through the JSON API, against the real server with its demonstration
//! data: a coordinator saves a roster search and sends a call with it, the demo expert (Aline
//! Uwase, a Rwandan nurse anaesthetist) reads it and answers, the coordinator reads the answer
//! and closes the call. Invalid bodies are named field by field; an expert the call was not
//! sent to, and the host institution, do not learn it exists.

use crate::harness::{Client, Reply, Server, api_as, ok};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The fields of the problems of a 422 answer, as `field code`.
fn problems(reply: Reply) -> Vec<String> {
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    let errors = reply.json()["errors"].as_array().unwrap().clone();
    errors.iter().map(|e| format!("{} {}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect()
}

/// The status of a refusal, checked to be problem details.
fn refused(reply: Reply) -> u16 {
    assert!(reply.status >= 400, "{} {}", reply.status, reply.body);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"), "{}", reply.body);
    reply.status
}

fn day(offset: i64) -> String {
    (passerelle_core::Timestamp::now().date() + time::Duration::days(offset)).to_string()
}

/// Waits until the search index holds every profile of the demonstration.
fn wait_indexed(server: &Server) {
    let started = Instant::now();
    loop {
        let ready = server.client().get("/readyz").json();
        if ready["index_lag"] == 0 {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the index never caught up: {ready}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn expert_id(api: &Client) -> String {
    ok(api.get("/api/v1/me"))["expert_id"].as_str().unwrap().to_owned()
}

fn ids(list: &Value) -> Vec<String> {
    list["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_coordinator_sends_a_call_through_the_api_and_reads_the_answers() {
    let server = Server::start_with(&["--demo"], &[]);
    wait_indexed(&server);
    let staff = api_as(&server, "coordinator@passerelle.example");
    let aline = api_as(&server, "expert@passerelle.example");
    let host = api_as(&server, "institution@passerelle.example");
    let aline_id = expert_id(&aline);

    // Only coordinators and admins save searches and send calls; the body is not even read.
    let search = json!({"name": "Rwandan nurse anaesthetists", "text": "infirmière anesthésiste", "origin": "RW",
        "language": "rw"});
    assert_eq!(refused(aline.post_json("/api/v1/saved-searches", &search)), 403);
    assert_eq!(refused(host.get("/api/v1/saved-searches")), 403);
    assert_eq!(refused(aline.post_json("/api/v1/calls", &json!({"oops": true}))), 403);

    // Every invalid field of a search is named at once, and nothing is saved.
    let before = ok(staff.get("/api/v1/saved-searches"))["total"].as_u64().unwrap();
    let bad =
        json!({"name": " ", "text": "x".repeat(501), "sector": "astrology", "origin": "XX", "language": "zz-top"});
    let named = problems(staff.post_json("/api/v1/saved-searches", &bad));
    let fields: Vec<&str> = named.iter().map(|p| p.split(' ').next().unwrap()).collect();
    assert_eq!(fields, ["name", "text", "sector", "origin", "language"], "{named:?}");
    assert_eq!(problems(staff.post_json("/api/v1/saved-searches", &json!({"name": "x", "q": "nurse"}))).len(), 1);
    assert_eq!(problems(staff.post_json("/api/v1/saved-searches", &json!({"name": 7}))), ["name json.invalid"]);
    assert_eq!(ok(staff.get("/api/v1/saved-searches"))["total"].as_u64().unwrap(), before);

    // The search, kept.
    let saved = staff.post_json("/api/v1/saved-searches", &search);
    assert_eq!(saved.status, 201, "{}", saved.body);
    let kept = saved.json();
    let search_id = kept["id"].as_str().unwrap().to_owned();
    assert_eq!(saved.header("location"), Some(format!("/api/v1/saved-searches/{search_id}").as_str()));
    assert_eq!(
        (&kept["name"], &kept["text"], &kept["origin"], &kept["language"], &kept["sector"], &kept["available_from"]),
        (
            &json!("Rwandan nurse anaesthetists"),
            &json!("infirmière anesthésiste"),
            &json!("RW"),
            &json!("rw"),
            &Value::Null,
            &Value::Null
        )
    );
    let listed = ok(staff.get("/api/v1/saved-searches?limit=200"));
    assert_eq!(listed["total"].as_u64().unwrap(), before + 1);
    assert!(listed["items"].as_array().unwrap().contains(&kept), "{listed}");
    assert_eq!(problems(staff.get("/api/v1/saved-searches?limit=0")), ["limit number.range"]);

    // A call is checked field by field before anything is sent.
    let bad = json!({"title": "", "saved_search_id": "nope", "reply_by": day(61)});
    assert_eq!(
        problems(staff.post_json("/api/v1/calls", &bad)),
        [
            "title required",
            "message required",
            "saved_search_id call.search_required",
            "reply_by call.reply_by_out_of_range"
        ]
    );
    let unknown = json!({"title": "Urgent", "message": "Who?", "saved_search_id": "00000000-0000-4000-8000-000000000000",
        "reply_by": day(3)});
    assert_eq!(problems(staff.post_json("/api/v1/calls", &unknown)), ["saved_search_id call.search_required"]);

    // The call reaches the consenting experts the search finds, Aline among them.
    let body = json!({
        "title": "Urgent: anaesthesia in Rubavu after the floods",
        "message": "Two weeks at Gisenyi district hospital, from next Monday.",
        "saved_search_id": search_id,
        "reply_by": day(5),
    });
    let sent = staff.post_json("/api/v1/calls", &body);
    assert_eq!(sent.status, 201, "{}", sent.body);
    let call = sent.json();
    let id = call["id"].as_str().unwrap().to_owned();
    let at = format!("/api/v1/calls/{id}");
    assert_eq!(sent.header("location"), Some(at.as_str()));
    assert_eq!(
        (&call["status"], &call["accepting_answers"], &call["reply_by"]),
        (&json!("open"), &json!(true), &json!(day(5)))
    );
    assert!(call.get("your_answer").is_none(), "{call}");
    let coordination = &call["coordination"];
    assert_eq!(coordination["saved_search_id"], json!(search_id));
    assert_eq!(coordination["saved_search_name"], json!("Rwandan nurse anaesthetists"));
    let recipients = coordination["recipients"].as_array().unwrap().clone();
    assert!(!recipients.is_empty() && recipients.len() <= 200, "{call}");
    assert_eq!(coordination["answers"]["recipients"], json!(recipients.len()));
    assert_eq!(coordination["answers"]["pending"], json!(recipients.len()));
    assert!(recipients.iter().all(|r| r["answer"] == "pending" && r["answered_at"].is_null()), "{call}");
    let recipient_ids: Vec<&str> = recipients.iter().map(|r| r["expert_id"].as_str().unwrap()).collect();
    assert!(recipient_ids.contains(&aline_id.as_str()), "Aline is a recipient: {call}");
    assert!(ids(&ok(staff.get("/api/v1/calls?limit=200"))).contains(&id));

    // An expert the call did not reach, and the host, do not learn it exists.
    let other = (1..=10)
        .map(|n| api_as(&server, &format!("demo.expert.{n:02}@experts.passerelle.example")))
        .find(|api| !recipient_ids.contains(&expert_id(api).as_str()))
        .expect("a demo expert the call did not reach");
    assert_eq!(refused(other.get(&at)), 404);
    assert_eq!(refused(other.post_json(&format!("{at}/answer"), &json!({"answer": "interested"}))), 404);
    assert!(!ids(&ok(other.get("/api/v1/calls"))).contains(&id));
    assert_eq!(refused(host.get(&at)), 404);
    assert_eq!(refused(host.get("/api/v1/calls")), 403);
    assert_eq!(refused(staff.get("/api/v1/calls/not-a-call")), 404);

    // Aline finds it among her calls, and reads it without the other recipients.
    let mine = ok(aline.get("/api/v1/calls"));
    let line = mine["items"].as_array().unwrap().iter().find(|c| c["id"] == json!(id)).expect("Aline's call").clone();
    assert_eq!((&line["your_answer"], &line["accepting_answers"]), (&json!("pending"), &json!(true)));
    assert!(line.get("answers").is_none(), "{line}");
    let read = ok(aline.get(&at));
    assert_eq!(read["message"], body["message"]);
    assert!(read.get("coordination").is_none(), "an expert does not see the recipients: {read}");
    assert_eq!(read["your_answer"]["answer"], "pending");

    // Her answer is checked; staff do not answer calls; nor does she close them.
    let answer = format!("{at}/answer");
    assert_eq!(problems(aline.post_json(&answer, &json!({"answer": "maybe"}))), ["answer call.answer_unknown"]);
    assert_eq!(problems(aline.post_json(&answer, &json!({"answer": "pending"}))), ["answer call.answer_required"]);
    let long = json!({"answer": "interested", "note": "x".repeat(501)});
    assert_eq!(problems(aline.post_json(&answer, &long)).len(), 1);
    assert_eq!(refused(staff.post_json(&answer, &json!({"answer": "interested"}))), 403);
    assert_eq!(refused(aline.post_json(&format!("{at}/close"), &json!({}))), 403);

    // She is interested.
    let note = "Free from Monday; I have trained district teams before.";
    let answered = ok(aline.post_json(&answer, &json!({"answer": "interested", "note": note})));
    assert_eq!(
        (&answered["your_answer"]["answer"], &answered["your_answer"]["note"]),
        (&json!("interested"), &json!(note))
    );
    assert!(answered["your_answer"]["answered_at"].is_string(), "{answered}");
    assert_eq!(ok(aline.get("/api/v1/calls"))["items"][0]["your_answer"], "interested", "newest first");

    // The coordinator reads her answer, then closes the call.
    let seen = ok(staff.get(&at));
    let answers = &seen["coordination"]["answers"];
    assert_eq!((&answers["interested"], &answers["pending"]), (&json!(1), &json!(recipients.len() - 1)));
    let first = &seen["coordination"]["recipients"][0];
    assert_eq!(
        (&first["expert_id"], &first["answer"], &first["note"]),
        (&json!(aline_id), &json!("interested"), &json!(note))
    );
    let closed = ok(staff.post_json(&format!("{at}/close"), &json!({})));
    assert_eq!((&closed["status"], &closed["accepting_answers"]), (&json!("closed"), &json!(false)));
    assert_eq!(refused(staff.post_json(&format!("{at}/close"), &json!({}))), 409);
    let late = aline.post_json(&answer, &json!({"answer": "not_available"}));
    assert_eq!(refused(late), 409);
    assert_eq!(ok(aline.get(&at))["your_answer"]["answer"], "interested", "the answer stands");

    // The saved search is forgotten; the call keeps its recipients.
    let search_at = format!("/api/v1/saved-searches/{search_id}");
    assert_eq!(refused(aline.delete(&search_at)), 403);
    assert_eq!(staff.delete(&search_at).status, 204);
    assert_eq!(refused(staff.delete(&search_at)), 404);
    assert_eq!(refused(staff.delete("/api/v1/saved-searches/garbage")), 404);
    let after = ok(staff.get(&at));
    assert!(after["coordination"]["saved_search_id"].is_null(), "{after}");
    assert_eq!(after["coordination"]["recipients"].as_array().unwrap().len(), recipients.len());
}
