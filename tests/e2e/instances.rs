//! Two `passerelle serve` instances on one PostgreSQL database, as behind a load balancer
//! (issue 12): each keeps its own index in its own data directory and follows the shared change
//! log; a profile written through one is found on the other within a second; killing one
//! (SIGKILL) loses nothing it acknowledged and the other keeps serving; emails go out once.
//! SQLite keeps its data inside one instance's data directory: there this test has nothing to
//! run and says so.

use crate::accounts::sign_up_expert;
use crate::harness::{Server, database_url_for, run, within};
use serde_json::json;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn token(data_dir: &Path, email: &str) -> String {
    let data = data_dir.to_str().unwrap();
    let (code, _, stderr) = run(
        &["user", "add", "--data-dir", data, "--email", email, "--name", "Coordinator", "--role", "coordinator"],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(&["token", "create", "--data-dir", data, "--email", email, "--name", "t"], &[]);
    assert_eq!(code, 0, "{stderr}");
    stdout.trim().to_owned()
}

fn expert(name: &str, headline: &str) -> serde_json::Value {
    json!({
        "name": name,
        "headline": headline,
        "residence_country": "BE",
        "origin_countries": ["RW"],
        "languages": [{"code": "fr", "spoken": "C2", "written": "C2"}],
        "skills": [{"label": "solar PV installation", "level": 3}],
        "consent": {"matching": true, "version": "2026-11-01"},
    })
}

fn outbox_emails(data_dir: &Path) -> usize {
    std::fs::read_dir(data_dir.join("outbox"))
        .map(|entries| entries.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "eml")).count())
        .unwrap_or(0)
}

#[test]
fn two_instances_share_one_postgresql_database() {
    let temp = tempfile::tempdir().unwrap();
    let (data_a, data_b) = (temp.path().join("a"), temp.path().join("b"));
    let Some(url) = database_url_for(&data_a) else {
        eprintln!("two instances need PostgreSQL: set PASSERELLE_TEST_DATABASE_URL (scripts/test does)");
        return;
    };
    let a = Server::start_in(&data_a, &[], &[]);
    let b = Server::start_in(&data_b, &[], &[("PASSERELLE_DATABASE_URL", &url)]);
    let token = token(&data_a, "coordinator@instances.example");
    let on_a = a.client().with_header("authorization", &format!("Bearer {token}"));
    let on_b = b.client().with_header("authorization", &format!("Bearer {token}"));

    // Written through A, found by a search on B within a second.
    let written = on_a.post_json("/api/v1/experts", &expert("Aline Uwase", "Heliotrope photovoltaics trainer"));
    assert_eq!(written.status, 201, "{}", written.body);
    let id = written.json()["id"].as_str().unwrap().to_owned();
    // B hears of A's change (NOTIFY on PostgreSQL, a 500 ms poll otherwise): well within a second
    // on an idle machine; the deadline leaves room for a loaded CI runner, the delay itself is
    // not what this test is about.
    let since = Instant::now();
    let searchable = within(Duration::from_secs(5), || {
        let found = on_b.get("/api/v1/search/experts?q=heliotrope");
        assert_eq!(found.status, 200, "{}", found.body);
        let hit = found.json()["hits"].as_array().is_some_and(|hits| hits.iter().any(|h| h["id"] == id.as_str()));
        (hit, hit)
    });
    assert!(searchable, "not searchable on B after {:?}", since.elapsed());

    // An email queued through one instance is delivered once, by whichever holds the lease.
    let visitor = b.client();
    assert_eq!(sign_up_expert(&visitor, "Jean Bosco", "jean.bosco@instances.example").status, 200);
    let delivered = within(Duration::from_secs(30), || {
        let delivered = outbox_emails(&data_a) + outbox_emails(&data_b) >= 1;
        (delivered, delivered)
    });
    assert!(delivered, "the verification email was never delivered");

    // A killed in the middle of writes: what it acknowledged is on B, and B keeps serving.
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let client = on_a.clone();
            let acknowledged = acknowledged.clone();
            std::thread::spawn(move || {
                for n in 0..1000 {
                    let reply = client
                        .try_post_json("/api/v1/experts", &expert(&format!("Writer {w} profile {n}"), "Kill test"));
                    match reply {
                        Some(reply) if reply.status == 201 => {
                            acknowledged.lock().unwrap().push(reply.json()["id"].as_str().unwrap().to_owned());
                        }
                        _ => return,
                    }
                }
            })
        })
        .collect();
    while acknowledged.lock().unwrap().len() < 40 {
        std::thread::sleep(Duration::from_millis(5));
    }
    a.kill();
    for writer in writers {
        writer.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    for id in &acknowledged {
        assert_eq!(on_b.get(&format!("/api/v1/experts/{id}")).status, 200, "acknowledged by A, missing on B: {id}");
    }
    assert_eq!(b.client().get("/readyz").status, 200, "B serves on");
    // B's index holds every profile A committed (acknowledged or not, at least those).
    let total = within(Duration::from_secs(10), || {
        let total = on_b.get("/api/v1/search/experts?q=kill").json()["total"].as_u64().unwrap();
        (total >= acknowledged.len() as u64, total)
    });
    assert!(total >= acknowledged.len() as u64, "B's index has {total} of the {} profiles", acknowledged.len());
    // Still exactly one email for the one sign-up, whoever delivered it.
    assert_eq!(outbox_emails(&data_a) + outbox_emails(&data_b), 1);
}
