//! A crash in the middle of concurrent writes (issue 11): eight API clients create profiles
//! while the server is killed with SIGKILL; restarted on the same data, every profile it
//! acknowledged (201) is there, and the search index has caught up with all of them. On SQLite
//! this is the group commit's promise: an answer is sent only after the batch holding the write
//! is durable.

use crate::backup::token;
use crate::harness::Server;
use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn a_kill_during_concurrent_writes_loses_no_acknowledged_profile() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    let server = Server::start_in(&dir, &[], &[]);
    let token = token(dir.to_str().unwrap());
    let api = server.client().with_header("authorization", &format!("Bearer {token}"));
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let api = api.clone();
            let acknowledged = acknowledged.clone();
            std::thread::spawn(move || {
                for n in 0..2000 {
                    let body = json!({
                        "name": format!("Writer {w} number {n}"),
                        "headline": "Crashproof hydrology trainer",
                        "skills": [{"label": "irrigation", "level": 3}],
                        "languages": [{"code": "fr", "spoken": "C1", "written": "C1"}],
                        "consent": {"matching": true, "version": "2026-11-01"},
                    });
                    match api.try_post_json("/api/v1/experts", &body) {
                        Some(reply) if reply.status == 201 => {
                            acknowledged.lock().unwrap().push(reply.json()["id"].as_str().unwrap().to_owned());
                        }
                        // The server is gone: stop writing.
                        _ => return,
                    }
                }
            })
        })
        .collect();
    while acknowledged.lock().unwrap().len() < 150 {
        std::thread::sleep(Duration::from_millis(2));
    }
    server.kill();
    for writer in writers {
        writer.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let restarted = Server::start_in(&dir, &[], &[]);
    let api = restarted.client().with_header("authorization", &format!("Bearer {token}"));
    for id in &acknowledged {
        assert_eq!(api.get(&format!("/api/v1/experts/{id}")).status, 200, "acknowledged, then lost: {id}");
    }
    // The index follows the database after the restart: every acknowledged profile is found.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let total = api.get("/api/v1/search/experts?q=crashproof").json()["total"].as_u64().unwrap();
        if total >= acknowledged.len() as u64 {
            break;
        }
        assert!(Instant::now() < deadline, "the index has {total} of {} acknowledged profiles", acknowledged.len());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(restarted.client().get("/readyz").status, 200);
}
