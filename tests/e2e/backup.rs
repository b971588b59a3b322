//! `passerelle backup` while the server runs, `passerelle restore` into a fresh data directory,
//! and every profile of the backup searchable there once the index is rebuilt (issue 12).
//! PostgreSQL is backed up with its own tools: there the command refuses and says so.

use crate::harness::{Server, database_url_for, run};
use serde_json::json;
use std::time::{Duration, Instant};

/// A coordinator added by the command line to the data directory `data`, and a token of theirs.
pub(crate) fn token(data: &str) -> String {
    let email = "coordinator@backup.example";
    let add = ["user", "add", "--data-dir", data, "--email", email, "--name", "Coordinator", "--role", "coordinator"];
    assert_eq!(run(&add, &[]).0, 0);
    let (code, stdout, stderr) = run(&["token", "create", "--data-dir", data, "--email", email, "--name", "t"], &[]);
    assert_eq!(code, 0, "{stderr}");
    stdout.trim().to_owned()
}

fn searched(server: &Server, token: &str, word: &str) -> u64 {
    let client = server.client().with_header("authorization", &format!("Bearer {token}"));
    client.get(&format!("/api/v1/search/experts?q={word}")).json()["total"].as_u64().unwrap()
}

#[test]
fn a_backup_taken_while_serving_restores_into_a_fresh_data_directory() {
    let temp = tempfile::tempdir().unwrap();
    let (first, second) = (temp.path().join("first"), temp.path().join("second"));
    let file = temp.path().join("passerelle-backup.db");
    let server = Server::start_in(&first, &[], &[]);
    let data = first.to_str().unwrap();
    let token = token(data);
    let client = server.client().with_header("authorization", &format!("Bearer {token}"));
    let profile = |name: String, headline: &str| json!({"name": name, "headline": headline, "consent": {"matching": true, "version": "2026-11-01"}});
    for n in 0..30 {
        assert_eq!(
            client.post_json("/api/v1/experts", &profile(format!("Kept {n}"), "Cartography trainer")).status,
            201
        );
    }

    let (code, stdout, stderr) = run(&["backup", file.to_str().unwrap(), "--data-dir", data], &[]);
    if database_url_for(&first).is_some() {
        assert_ne!(code, 0, "PostgreSQL is backed up with pg_dump");
        assert!(stderr.contains("pg_dump"), "{stderr}");
        return;
    }
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("backup written"), "{stdout}");
    let (code, _, stderr) = run(&["backup", file.to_str().unwrap(), "--data-dir", data], &[]);
    assert_ne!(code, 0, "an existing file is never overwritten");
    assert!(stderr.contains("exists already"), "{stderr}");
    // Written after the backup: not in it.
    assert_eq!(client.post_json("/api/v1/experts", &profile("Later".into(), "Cartography trainer")).status, 201);
    assert_eq!(server.stop().code(), Some(0));

    let (code, _, stderr) = run(&["restore", file.to_str().unwrap(), "--data-dir", second.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(&["restore", file.to_str().unwrap(), "--data-dir", second.to_str().unwrap()], &[]);
    assert_eq!(code, 2, "a data directory with a database is never overwritten: {stderr}");

    let restored = Server::start_in(&second, &[], &[]);
    let started = Instant::now();
    while searched(&restored, &token, "cartography") < 30 {
        assert!(started.elapsed() < Duration::from_secs(30), "the restored profiles never became searchable");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(searched(&restored, &token, "cartography"), 30, "the profile written after the backup is not in it");
    assert_eq!(restored.stop().code(), Some(0));
}
