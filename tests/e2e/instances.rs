//! Two `passerelle serve` instances on one PostgreSQL database, as behind a load balancer
//! (issue 12): each keeps its own index in its own data directory and follows the shared change
//! log; a profile written through one is found on the other within a second; killing one
//! (SIGKILL) loses nothing it acknowledged and the other keeps serving; emails go out once.
//! SQLite keeps its data inside one instance's data directory: there this test has nothing to
//! run and says so.

use crate::accounts::sign_up_expert;
use crate::harness::{Client, Server, database_url_for, run, within};
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

    // Written through A, found by a search on B.
    let written = on_a.post_json("/api/v1/experts", &expert("Aline Uwase", "Heliotrope photovoltaics trainer"));
    assert_eq!(written.status, 201, "{}", written.body);
    let id = written.json()["id"].as_str().unwrap().to_owned();
    // B hears of A's change (NOTIFY on PostgreSQL, a 500 ms poll otherwise): well within a second
    // on an idle machine; the deadline leaves room for a loaded CI runner, the delay itself is
    // not what this test is about.
    let since = Instant::now();
    let searchable = within(Duration::from_secs(20), || {
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

/// A word no other profile holds, letters only (the analysers keep it whole).
fn probe_word(n: usize) -> String {
    format!("{n:04}").bytes().map(|d| char::from(b'a' + (d - b'0'))).collect::<String>() + "quillwort"
}

/// Whether B's search for `word` finds `id`.
fn finds(on_b: &Client, word: &str, id: &str) -> bool {
    let found = on_b.get(&format!("/api/v1/search/experts?q={word}"));
    assert_eq!(found.status, 200, "{}", found.body);
    found.json()["hits"].as_array().is_some_and(|hits| hits.iter().any(|h| h["id"] == id))
}

/// Polls B's search for every probe (number, id) from `since` until it finds them all or a
/// second has passed; answers how long each took (`None`: not found within the second).
fn found_by(on_b: &Client, probes: &[(usize, String)], since: Instant) -> Vec<Option<Duration>> {
    let mut took = vec![None; probes.len()];
    loop {
        for ((n, id), took) in probes.iter().zip(&mut took) {
            if took.is_none() && finds(on_b, &probe_word(*n), id) {
                *took = Some(since.elapsed());
            }
        }
        if took.iter().all(Option::is_some) || since.elapsed() >= Duration::from_secs(1) {
            return took;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// An instance that starts while another takes writes (issue 12): it says ready only once it
/// follows the change log, and from then on every write acknowledged by the other — those made
/// while it was starting too — is found by its search within a second.
#[test]
fn a_starting_instance_finds_writes_made_while_it_started_within_a_second() {
    let temp = tempfile::tempdir().unwrap();
    let (data_a, data_b) = (temp.path().join("a"), temp.path().join("b"));
    let Some(url) = database_url_for(&data_a) else {
        eprintln!("two instances need PostgreSQL: set PASSERELLE_TEST_DATABASE_URL (scripts/test does)");
        return;
    };
    let a = Server::start_in(&data_a, &[], &[]);
    let token = token(&data_a, "coordinator@starting.example");
    let on_a = a.client().with_header("authorization", &format!("Bearer {token}"));
    // Profiles for B's first index build, so that B takes a moment to start.
    for n in 0..60 {
        let written = on_a.post_json("/api/v1/experts", &expert(&format!("Earlier {n}"), "Earlier profile"));
        assert_eq!(written.status, 201, "{}", written.body);
    }
    let write = |n: usize| {
        let written = on_a.post_json("/api/v1/experts", &expert(&format!("Probe {n}"), &probe_word(n)));
        assert_eq!(written.status, 201, "{}", written.body);
        (n, written.json()["id"].as_str().unwrap().to_owned(), Instant::now())
    };

    // Other clients keep A busy all along: their transactions overlap the probes' (a probe's
    // change may commit while an older one is still open), as behind a load balancer.
    let busy = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let background: Vec<_> = (0..2)
        .map(|w| {
            let (client, busy) = (on_a.clone(), busy.clone());
            std::thread::spawn(move || {
                let mut n = 0;
                while busy.load(std::sync::atomic::Ordering::Relaxed) {
                    let reply = client.post_json("/api/v1/experts", &expert(&format!("Busy {w} {n}"), "Busy profile"));
                    assert_eq!(reply.status, 201, "{}", reply.body);
                    n += 1;
                }
            })
        })
        .collect();

    // B starts (Server::start_in returns once its /readyz says ready) while A takes writes.
    let starting = {
        let (data_b, url) = (data_b.clone(), url.clone());
        std::thread::spawn(move || Server::start_in(&data_b, &[], &[("PASSERELLE_DATABASE_URL", &url)]))
    };
    let mut while_starting = Vec::new();
    while !starting.is_finished() {
        while_starting.push(write(while_starting.len()));
    }
    let b = starting.join().unwrap();
    let ready = Instant::now();
    let on_b = b.client().with_header("authorization", &format!("Bearer {token}"));
    // Those written while B started: found within a second of B's readiness.
    let (mut late, mut slowest) = (Vec::new(), Duration::ZERO);
    let probes: Vec<(usize, String)> = while_starting.iter().map(|(n, id, _)| (*n, id.clone())).collect();
    for ((n, _), took) in probes.iter().zip(found_by(&on_b, &probes, ready)) {
        match took {
            Some(took) => slowest = slowest.max(took),
            None => late.push(format!("probe {n}, written while B started")),
        }
    }
    // Then writes on A one after another, each looked for on B at once.
    let first = while_starting.len();
    for n in first..first + 15 {
        let (n, id, acknowledged) = write(n);
        match found_by(&on_b, &[(n, id)], acknowledged)[0] {
            Some(took) => slowest = slowest.max(took),
            None => late.push(format!("probe {n}, written {:?} after B was ready", acknowledged - ready)),
        }
    }
    busy.store(false, std::sync::atomic::Ordering::Relaxed);
    eprintln!("slowest found on B: {slowest:?} ({} probes written while B started)", while_starting.len());
    for writer in background {
        writer.join().unwrap();
    }
    assert!(
        late.is_empty(),
        "not searchable on B within a second of A's acknowledgement (or of B's readiness): {late:?} \
         ({} written while B started)",
        while_starting.len()
    );
}
