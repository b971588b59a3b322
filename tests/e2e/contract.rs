//! The OpenAPI document is the contract (issue 11, item 7; ARCHITECTURE decision 8):
//! schemathesis, from PyPI at pinned versions (`scripts/install-schemathesis`), runs every
//! operation of `/api/openapi.json` against the real server with the demo data, authenticated
//! in turn as each role, with its checks on, and must find nothing. Operations on one record
//! get a real id of that role's (its profile, its institution, an approved request…), so that
//! they reach what they do rather than the 404 of a made-up id.
//!
//! Its run time is bounded so that the four runs stay within a few minutes on two cores: at
//! most [`MAX_EXAMPLES`] cases per operation and phase, generated deterministically (the same
//! cases on every run, so a failure is reproducible and CI cannot pass by luck), no database of
//! past examples (a run does not depend on the one before).

use crate::harness::{Server, run};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// Cases per operation and phase. 39 operations, four phases (examples, coverage, fuzzing,
/// stateful): a few thousand requests per role, about a minute each on a debug build.
const MAX_EXAMPLES: &str = "10";

/// What schemathesis checks on every answer: no server error; status codes, content types,
/// headers and bodies as documented; input the schema forbids refused; and an operation called
/// without credentials answered 401.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
response_headers_conformance,response_schema_conformance,negative_data_rejection,ignored_auth";

/// The command, installed when missing (or the one `PASSERELLE_SCHEMATHESIS` names).
fn schemathesis() -> PathBuf {
    if let Some(path) = std::env::var_os("PASSERELLE_SCHEMATHESIS") {
        return path.into();
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install-schemathesis");
    let output = Command::new(&script).output().unwrap_or_else(|e| panic!("cannot run {script:?}: {e}"));
    assert!(output.status.success(), "cannot install schemathesis: {}", String::from_utf8_lossy(&output.stderr));
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

/// A real id for each collection's `{id}`, as the token's owner sees it (their own profile,
/// institution, invitations…), so that operations on one record get past the 404 of a made-up
/// id and reach what they do.
fn known_ids(server: &Server, token: &str) -> Vec<(&'static str, String)> {
    let client = server.client().with_header("authorization", &format!("Bearer {token}"));
    let first = |path: &str, list: &str| -> Option<String> {
        let reply = client.get(path);
        (reply.status == 200).then(|| reply.json()[list][0]["id"].as_str().map(str::to_owned)).flatten()
    };
    let me = client.get("/api/v1/me").json();
    let mine = |key: &str| me[key].as_str().map(str::to_owned);
    let request = first("/api/v1/requests?status=approved&limit=1", "items")
        .or_else(|| first("/api/v1/requests?limit=1", "items"));
    let candidate = first("/api/v1/invitations", "items")
        .or_else(|| request.as_ref().and_then(|r| first(&format!("/api/v1/requests/{r}/candidates"), "items")));
    let found = [
        ("experts", mine("expert_id").or_else(|| first("/api/v1/experts?per_page=1", "experts"))),
        ("institutions", mine("institution_id").or_else(|| first("/api/v1/institutions?limit=1", "items"))),
        ("programmes", first("/api/v1/programmes", "items")),
        ("requests", request),
        ("missions", first("/api/v1/missions?limit=1", "items")),
        ("candidates", candidate),
        ("calls", first("/api/v1/calls?limit=1", "items")),
        ("saved-searches", first("/api/v1/saved-searches?limit=1", "items")),
    ];
    found.into_iter().filter_map(|(collection, id)| id.map(|id| (collection, id))).collect()
}

/// schemathesis's configuration: the known ids as the `{id}` of their collection's operations.
fn config(ids: &[(&str, String)]) -> String {
    ids.iter()
        .map(|(collection, id)| {
            format!("[[operations]]\ninclude-path-regex = '^/api/v1/{collection}/\\{{id\\}}'\nparameters = {{ \"path.id\" = \"{id}\" }}\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The summary line of a run: "Test cases: N generated, …".
fn cases(report: &str) -> String {
    let mut lines = report.lines().skip_while(|l| !l.starts_with("Test cases:"));
    lines.nth(1).map(|l| l.trim().to_owned()).unwrap_or_default()
}

#[test]
fn the_api_keeps_its_openapi_contract_for_every_role() {
    let tool = schemathesis();
    let mut failures = Vec::new();
    for role in ["coordinator", "admin", "expert", "institution"] {
        // A fresh demo for each role: what one run changes (an erased expert, a cancelled
        // request) does not decide what the next one finds.
        let server = Server::start_with(&["--demo"], &[]);
        let data_dir = server.data_dir.to_string_lossy().into_owned();
        let email = format!("{role}@passerelle.example");
        let (code, token, error) =
            run(&["token", "create", "--email", &email, "--name", "contract", "--data-dir", &data_dir], &[]);
        assert_eq!(code, 0, "token for {role}: {error}");
        let work = tempfile::tempdir().expect("temp dir");
        let config_file = work.path().join("schemathesis.toml");
        std::fs::write(&config_file, config(&known_ids(&server, token.trim()))).expect("write the configuration");
        let started = Instant::now();
        let output = Command::new(&tool)
            .current_dir(work.path())
            .arg("--config-file")
            .arg(&config_file)
            .args(["run", &server.url("/api/openapi.json")])
            .args(["--checks", CHECKS])
            .args(["--header", &format!("Authorization: Bearer {}", token.trim())])
            .args(["--max-examples", MAX_EXAMPLES, "--generation-deterministic"])
            // One worker: with two threads, hypothesis describing its filters parses Python
            // source concurrently, which CPython 3.11 can fail on ("AST constructor recursion
            // depth mismatch", a runtime error of the tool, not an answer of the server).
            .args(["--workers", "1", "--request-timeout", "60", "--no-color"])
            .env("NO_COLOR", "1")
            .output()
            .expect("run schemathesis");
        let report = String::from_utf8_lossy(&output.stdout).into_owned();
        println!("schemathesis as {role}: {} in {:.0?}", cases(&report), started.elapsed());
        if !output.status.success() {
            failures.push(format!(
                "== as {role}:\n{report}\n{}\n== server log:\n{}",
                String::from_utf8_lossy(&output.stderr),
                server.log()
            ));
        }
    }
    assert!(failures.is_empty(), "the API breaks its OpenAPI contract:\n{}", failures.join("\n"));
}

/// What schemathesis also checks, said plainly: a write to the API takes JSON only, and a
/// write without credentials learns that it lacks them (not that "the form has expired").
#[test]
fn api_writes_take_json_only_and_anonymous_ones_get_401() {
    let server = Server::start_with(&["--demo"], &[]);
    let data_dir = server.data_dir.to_string_lossy().into_owned();
    let email = "coordinator@passerelle.example";
    let (code, token, error) = run(&["token", "create", "--email", email, "--name", "t", "--data-dir", &data_dir], &[]);
    assert_eq!(code, 0, "{error}");
    let coordinator = server.client().with_header("authorization", &format!("Bearer {}", token.trim()));

    let form = coordinator.post_form("/api/v1/programmes", &[("code", "X"), ("name", "X")]);
    assert_eq!(form.status, 415, "{}", form.body);
    assert_eq!(form.header("content-type"), Some("application/problem+json"));

    // A visitor with the CSRF cookie of a browser; a fresh one per request, so that a
    // connection the server closed after its answer is never reused for the next request (the
    // answer, not the connection, is under test: a reused closed connection once failed here).
    let anonymous = || {
        let client = server.client();
        let _ = client.get("/login");
        client
    };
    for reply in [
        anonymous().post_json("/api/v1/programmes", &serde_json::json!({"code": "X", "name": "X"})),
        anonymous().put_json("/api/v1/programmes/01900000-0000-7000-8000-000000000000", &serde_json::json!({})),
        anonymous().delete("/api/v1/experts/01900000-0000-7000-8000-000000000000"),
    ] {
        assert_eq!(reply.status, 401, "{}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/problem+json"));
        assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    }
}
