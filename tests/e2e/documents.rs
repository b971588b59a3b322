//! Documents and conversations against the real server and its demonstration data, with the
//! files in the local store: a terms of reference uploaded, downloaded (as an attachment, in
//! its type, named safely), refused as HTML named .pdf, refused past the size limit (413,
//! nothing stored), replaced and deleted (its object leaves the store); a CV the host sees
//! only while the expert's consent lasts; conversations with read marks; erasure removing the
//! expert's stored objects and showing their messages as erased while the others' stay.
//! `s3.rs` runs the same flows against an S3-compatible server.

use crate::accounts::{email_in_outbox, query_strings, quoted_printable};
use crate::harness::{Client, Part, Reply, Server};
use crate::pipeline::{api_as, day, ok, signed_in, submit};
use passerelle_files::samples;
use serde_json::{Value, json};
use std::path::Path;

/// The largest file the servers of these tests accept: small, so that "too large" is cheap.
pub(crate) const MAX_FILE_BYTES: usize = 64 * 1024;

/// The object names (content hashes) the store holds now.
pub(crate) type Objects<'a> = &'a dyn Fn() -> Vec<String>;

/// The objects of a local store: the files under `data/files/objects`, named by their hash.
fn local_objects(data_dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                found.push(name.to_owned());
            }
        }
    }
    let mut found = Vec::new();
    walk(&data_dir.join("files").join("objects"), &mut found);
    found
}

/// The files left in the directory uploads are received in (none once an upload is answered).
fn received_leftovers(data_dir: &Path) -> usize {
    std::fs::read_dir(data_dir.join("tmp").join("uploads")).map(|d| d.count()).unwrap_or(0)
}

fn hash_of(server: &Server, document: &str) -> String {
    query_strings(&server.data_dir, &format!("SELECT object_hash FROM documents WHERE id = '{document}'")).remove(0)
}

fn count(server: &Server, sql: &str) -> usize {
    query_strings(&server.data_dir, &format!("SELECT CAST(count(*) AS TEXT) FROM ({sql}) AS q"))[0].parse().unwrap()
}

fn upload(client: &Client, path: &str, category: &str, name: &str, bytes: &[u8]) -> Reply {
    client.send_multipart("POST", path, &[Part::Text("category", category), Part::File("file", name, bytes)])
}

fn field_of_problem(reply: &Reply) -> String {
    assert_eq!(reply.header("content-type"), Some("application/problem+json"), "{}", reply.body);
    reply.json()["errors"][0]["field"].as_str().unwrap_or_default().to_owned()
}

/// An approved request of IPRC Kigali, as its member.
pub(crate) fn approved_request(member: &Client, coordinator: &Client, title: &str) -> String {
    approved_request_on(member, coordinator, title, (day(40), day(50)))
}

/// An approved request of IPRC Kigali over `dates` (first and last day).
pub(crate) fn approved_request_on(
    member: &Client,
    coordinator: &Client,
    title: &str,
    dates: (String, String),
) -> String {
    let programmes = ok(member.get("/api/v1/programmes"));
    let programme = programmes["items"].as_array().unwrap().iter().find(|p| p["code"] == "MIDA-GL").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let request = ok(member.post_json(
        "/api/v1/requests",
        &json!({
            "programme_id": programme, "title": title,
            "description": "Nursing students learn anaesthesia safety on the simulation lab's mannequins.",
            "objectives": "Teachers run the scenarios on their own.", "deliverables": "Six scenarios.",
            "sector": "health", "skills": [{"skill": "nurse-anaesthesia", "requirement": "must_have", "level": 3}],
            "country": "RW", "city": "Kigali", "mode": "on_site", "timing": "fixed",
            "dates": {"start": dates.0, "end": dates.1}, "urgency": "normal", "positions": 1
        }),
    ));
    let id = request["id"].as_str().unwrap().to_owned();
    ok(member.post_json(&format!("/api/v1/requests/{id}/transitions"), &json!({"to": "submitted"})));
    ok(coordinator.post_json(&format!("/api/v1/requests/{id}/transitions"), &json!({"to": "approved"})));
    id
}

/// A request's terms of reference: uploaded, downloaded, refused twice, replaced, deleted.
pub(crate) fn a_request_document_from_upload_to_deletion(server: &Server, objects: Objects<'_>) {
    let member = api_as(server, "institution@passerelle.example");
    let coordinator = api_as(server, "coordinator@passerelle.example");
    let expert = api_as(server, "expert@passerelle.example");
    let request = approved_request(&member, &coordinator, "Terms of reference for the simulation lab");
    let documents = format!("/api/v1/requests/{request}/documents");

    let terms = samples::pdf("Terms of reference: anaesthesia safety");
    let sent = upload(&member, &documents, "terms_of_reference", "Termes de référence v1.pdf", &terms);
    assert_eq!(sent.status, 201, "{}", sent.body);
    let document = sent.json();
    assert_eq!(document["media_type"], "application/pdf");
    assert_eq!(document["category"], "terms_of_reference");
    let id = document["id"].as_str().unwrap().to_owned();
    let first = hash_of(server, &id);
    assert!(objects().contains(&first), "stored under its content's hash");
    let listed = ok(coordinator.get(&documents));
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(expert.get(&documents).status, 404, "an expert not invited learns nothing of the request");

    // Downloaded as an attachment, in the type its content showed, the name safely quoted.
    let content = document["content"].as_str().unwrap().to_owned();
    let (status, headers, bytes) = coordinator.get_bytes(&content);
    assert_eq!(status, 200);
    assert_eq!(bytes, terms);
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(header("x-content-type-options"), "nosniff");
    let disposition = header("content-disposition");
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(disposition.contains("filename*=UTF-8''Termes%20de%20r%C3%A9f%C3%A9rence%20v1.pdf"), "{disposition}");
    assert_eq!(expert.get(&content).status, 404);

    // An HTML page named .pdf is refused, naming the field, and nothing of it is kept.
    let page = b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>";
    let refused = upload(&member, &documents, "annex", "invoice.pdf", page);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(field_of_problem(&refused), "file");
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    assert_eq!(upload(&member, &documents, "annex", "drawing.svg", svg).status, 422);
    assert_eq!(count(server, &format!("SELECT id FROM documents WHERE request_id = '{request}'")), 1);

    // Past the size limit: 413, and neither an object nor a received file is left.
    let before = objects();
    let mut large = samples::pdf("A long annex");
    large.resize(MAX_FILE_BYTES + 40 * 1024, b' ');
    let too_large = upload(&member, &documents, "annex", "annex.pdf", &large);
    assert_eq!(too_large.status, 413, "{}", too_large.body);
    assert_eq!(too_large.header("content-type"), Some("application/problem+json"));
    assert_eq!(objects(), before, "nothing stored");
    assert_eq!(count(server, &format!("SELECT id FROM documents WHERE request_id = '{request}'")), 1);
    if server.data_dir.join("files").exists() {
        assert_eq!(received_leftovers(&server.data_dir), 0, "the partial file is deleted");
    }

    // Replaced: the new content is served, the old object leaves the store.
    let second_version = samples::pdf("Terms of reference: anaesthesia safety, second version");
    let replaced =
        member.send_multipart("PUT", &content, &[Part::File("file", "Termes de référence v2.pdf", &second_version)]);
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert!(replaced.json()["replaced_at"].is_string());
    assert_eq!(coordinator.get_bytes(&content).2, second_version);
    let second = hash_of(server, &id);
    let now = objects();
    assert!(now.contains(&second) && !now.contains(&first), "the old content is gone: {now:?}");
    assert_eq!(expert.send_multipart("PUT", &content, &[Part::File("file", "x.pdf", &terms)]).status, 404);

    // Deleted by its uploader: gone from the list and from the store; the audit log keeps it.
    assert_eq!(expert.delete(&format!("/api/v1/documents/{id}")).status, 404);
    assert_eq!(member.delete(&format!("/api/v1/documents/{id}")).status, 204);
    assert_eq!(coordinator.get(&format!("/api/v1/documents/{id}")).status, 404);
    assert!(!objects().contains(&second), "its object leaves the store");
    let audit =
        query_strings(&server.data_dir, &format!("SELECT action FROM audit_log WHERE target_id = '{id}' ORDER BY id"));
    assert_eq!(audit, ["document.upload", "document.replace", "document.delete"]);
}

fn thread(client: &Client, path: &str) -> Value {
    ok(client.get(path))
}

fn write(client: &Client, path: &str, parts: &[Part<'_>]) -> Value {
    let reply = client.send_multipart("POST", path, parts);
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()
}

/// A CV on a candidacy and its conversation: the host sees them only while the expert's
/// consent lasts; then the expert's erasure takes their objects out of the store and blanks
/// their messages, while the coordinator's stay.
pub(crate) fn consent_conversations_and_erasure(server: &Server, objects: Objects<'_>) {
    let member_api = api_as(server, "institution@passerelle.example");
    let coordinator_api = api_as(server, "coordinator@passerelle.example");
    let expert_api = api_as(server, "expert@passerelle.example");
    let request = approved_request(&member_api, &coordinator_api, "Simulation lab: a second trainer");
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
    ok(coordinator_api.post_json(
        &format!("/api/v1/candidates/{candidate}/transitions"),
        &json!({"to": "invited", "reply_by": day(5)}),
    ));

    // The expert attaches a CV to the candidacy; the host sees nothing of it yet.
    let documents = format!("/api/v1/candidates/{candidate}/documents");
    let cv = samples::pdf("Aline Uwase, nurse anaesthetist");
    let sent = upload(&expert_api, &documents, "cv", "CV Aline Uwase.pdf", &cv);
    assert_eq!(sent.status, 201, "{}", sent.body);
    let cv_id = sent.json()["id"].as_str().unwrap().to_owned();
    let cv_content = format!("/api/v1/documents/{cv_id}/content");
    let cv_hash = hash_of(server, &cv_id);
    assert_eq!(member_api.get(&documents).status, 404, "no consent: the host sees nothing");
    assert_eq!(member_api.get(&cv_content).status, 404);
    let messages = format!("/api/v1/candidates/{candidate}/messages");
    assert_eq!(member_api.get(&messages).status, 404, "nor the conversation");

    // A conversation between the coordinator and the expert, read marks per person.
    write(&coordinator_api, &messages, &[Part::Text("body", "Bonjour Aline, the host asks about your availability.")]);
    let email = email_in_outbox(&server.data_dir, "a écrit au sujet de « Simulation lab: a second trainer »");
    assert!(email.contains("expert@passerelle.example"), "the expert is told by email, in French");
    assert!(quoted_printable(&email).contains(&format!("/candidates/{candidate}/messages")), "with a link back");
    let seen = thread(&expert_api, &messages);
    assert_eq!(seen["unread"], 1, "{seen}");
    assert_eq!(seen["messages"][0]["author_party"], "staff");
    assert_eq!(expert_api.post_json(&format!("{messages}/read"), &json!({})).status, 204);
    assert_eq!(thread(&expert_api, &messages)["unread"], 0);
    let refused = expert_api.send_multipart("POST", &messages, &[Part::Text("body", "bell\u{7}")]);
    assert_eq!(refused.status, 422, "control characters are refused");
    assert_eq!(field_of_problem(&refused), "body");

    // The expert accepts: consent given, the host sees the CV and joins the conversation.
    let expert = signed_in(server, "expert");
    submit(
        &expert,
        &format!("/invitations/{candidate}/answer?answer=accept"),
        &format!("/invitations/{candidate}/answer"),
        &[("answer", "accept"), ("confirm", "on")],
    );
    let listed = ok(member_api.get(&documents));
    assert_eq!(listed["items"][0]["name"], "CV Aline Uwase.pdf", "{listed}");
    let (status, _, bytes) = member_api.get_bytes(&cv_content);
    assert_eq!((status, bytes), (200, cv.clone()));
    let downloads = count(
        server,
        &format!("SELECT id FROM audit_log WHERE action = 'document.download' AND target_id = '{cv_id}'"),
    );
    assert_eq!(downloads, 1, "reading a candidacy's document is in the audit log");
    assert_eq!(thread(&member_api, &messages)["messages"].as_array().unwrap().len(), 1);

    // Withdrawn: the host loses the CV and the conversation at once.
    submit(&expert, &format!("/invitations/{candidate}"), &format!("/invitations/{candidate}/consent/withdraw"), &[]);
    assert_eq!(member_api.get(&documents).status, 404);
    assert_eq!(member_api.get(&cv_content).status, 404);
    assert_eq!(member_api.get(&messages).status, 404);

    // A mission of the expert: both write, the expert with a photo attached.
    let missions = ok(expert_api.get("/api/v1/missions"));
    let mission = missions["items"][0]["id"].as_str().expect("the demo expert has missions").to_owned();
    let mission_messages = format!("/api/v1/missions/{mission}/messages");
    write(&coordinator_api, &mission_messages, &[Part::Text("body", "Please send the boarding pass.")]);
    let photo = samples::png();
    let answer = write(
        &expert_api,
        &mission_messages,
        &[Part::Text("body", "Here it is."), Part::File("files", "boarding pass.png", &photo)],
    );
    let mine = answer["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(mine["attachments"][0]["media_type"], "image/png", "{mine}");
    let photo_hash = hash_of(server, mine["attachments"][0]["id"].as_str().unwrap());
    assert!(objects().contains(&cv_hash) && objects().contains(&photo_hash));

    // Erased: the expert's objects leave the store; their message stays, without its words.
    assert_eq!(expert_api.delete(&format!("/api/v1/experts/{aline}")).status, 204);
    let now = objects();
    assert!(!now.contains(&cv_hash) && !now.contains(&photo_hash), "the stored objects are removed: {now:?}");
    assert_eq!(count(server, &format!("SELECT id FROM documents WHERE id = '{cv_id}'")), 0);
    let after = thread(&coordinator_api, &mission_messages);
    let shown = after["messages"].as_array().unwrap();
    let erased = shown.iter().find(|m| m["erased"] == true).expect("the expert's message, erased");
    assert_eq!((erased["body"].as_str(), erased["author"].is_null()), (Some(""), true));
    assert!(erased["attachments"].as_array().unwrap().is_empty());
    assert!(shown.iter().any(|m| m["body"] == "Please send the boarding pass."), "the others' messages stay");
}

fn local_server() -> Server {
    let limit = MAX_FILE_BYTES.to_string();
    Server::start_with(&["--demo"], &[("PASSERELLE_DOCUMENTS__MAX_FILE_BYTES", &limit)])
}

#[test]
fn request_documents_in_the_local_store() {
    let server = local_server();
    let data_dir = server.data_dir.clone();
    a_request_document_from_upload_to_deletion(&server, &|| local_objects(&data_dir));
}

#[test]
fn consent_conversations_and_erasure_in_the_local_store() {
    let server = local_server();
    let data_dir = server.data_dir.clone();
    consent_conversations_and_erasure(&server, &|| local_objects(&data_dir));
}
