//! Virus scanning against the real server: a clamd of the test's own (the INSTREAM protocol's
//! server side, on a free port: Debian's clamav-daemon would download signatures) answers when
//! the test lets it. Until then a new document waits as pending and cannot be downloaded; found
//! clean it can; found infected it stays unavailable and its object leaves the store.

use crate::accounts::query_strings;
use crate::documents::approved_request;
use crate::harness::{Part, Server};
use crate::pipeline::{api_as, ok};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Reads one INSTREAM request: the command, then chunks until an empty one.
fn read_stream(socket: &mut TcpStream) -> Vec<u8> {
    let mut command = [0u8; 10];
    socket.read_exact(&mut command).unwrap();
    assert_eq!(&command, b"zINSTREAM\0");
    let mut content = Vec::new();
    loop {
        let mut length = [0u8; 4];
        socket.read_exact(&mut length).unwrap();
        let length = u32::from_be_bytes(length) as usize;
        if length == 0 {
            return content;
        }
        let mut chunk = vec![0; length];
        socket.read_exact(&mut chunk).unwrap();
        content.extend(chunk);
    }
}

/// A clamd that answers each scan only when released; EICAR's test string is "found".
fn fake_clamd() -> (String, Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let (release, released): (Sender<()>, Receiver<()>) = channel();
    std::thread::spawn(move || {
        for socket in listener.incoming() {
            let Ok(mut socket) = socket else { return };
            let content = read_stream(&mut socket);
            if released.recv().is_err() {
                return;
            }
            let infected = content.windows(17).any(|w| w == b"EICAR-STANDARD-AN");
            let answer: &[u8] = if infected { b"stream: Eicar-Test-Signature FOUND\0" } else { b"stream: OK\0" };
            let _ = socket.write_all(answer);
        }
    });
    (address, release)
}

fn wait_for_scan(client: &crate::harness::Client, document: &str, want: &str) {
    let started = Instant::now();
    loop {
        let scan = ok(client.get(&format!("/api/v1/documents/{document}")))["scan"].as_str().unwrap().to_owned();
        if scan == want {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "still {scan}, never {want}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn files_wait_for_clamd_and_infected_ones_leave_the_store() {
    let (clamd, release) = fake_clamd();
    let server = Server::start_with(&["--demo"], &[("PASSERELLE_DOCUMENTS__CLAMD", &format!("tcp:{clamd}"))]);
    let member = api_as(&server, "institution@passerelle.example");
    let coordinator = api_as(&server, "coordinator@passerelle.example");
    let request = approved_request(&member, &coordinator, "Scanned terms of reference");
    let documents = format!("/api/v1/requests/{request}/documents");
    let upload = |name: &str, bytes: &[u8]| {
        let reply = member.send_multipart(
            "POST",
            &documents,
            &[Part::Text("category", "annex"), Part::File("file", name, bytes)],
        );
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.json()["id"].as_str().unwrap().to_owned()
    };

    // Pending until clamd answers: not downloadable.
    let clean = upload("terms.pdf", &passerelle_files::samples::pdf("Clean terms"));
    assert_eq!(ok(member.get(&format!("/api/v1/documents/{clean}")))["scan"], "pending");
    let waiting = member.get(&format!("/api/v1/documents/{clean}/content"));
    assert_eq!(waiting.status, 409, "{}", waiting.body);
    release.send(()).unwrap();
    wait_for_scan(&member, &clean, "clean");
    assert_eq!(member.get(&format!("/api/v1/documents/{clean}/content")).status, 200);

    // EICAR's test file (as plain text): refused by the scan, its object removed.
    let eicar = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    let infected = upload("eicar.txt", eicar);
    let hash = query_strings(&server.data_dir, &format!("SELECT object_hash FROM documents WHERE id = '{infected}'"))
        .remove(0);
    release.send(()).unwrap();
    wait_for_scan(&member, &infected, "infected");
    assert_eq!(member.get(&format!("/api/v1/documents/{infected}/content")).status, 409);
    let objects = server.data_dir.join("files/objects").join(&hash[..2]).join(&hash[2..4]).join(&hash);
    assert!(!objects.exists(), "the infected object leaves the store");
    let audit = query_strings(
        &server.data_dir,
        &format!("SELECT action FROM audit_log WHERE target_id = '{infected}' AND action = 'document.infected'"),
    );
    assert_eq!(audit.len(), 1);
}
