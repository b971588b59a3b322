//! What an attacker or a careless client tries (issue 11): concurrent password guessing, return
//! paths that leave the site, transport security, readiness while the index catches up.

use crate::accounts::{csrf, query_strings};
use crate::harness::{Client, Server, run};
use std::sync::{Arc, Barrier};

/// Adds an account through the command line; returns its generated password.
fn add_user(server: &Server, email: &str, role: &str) -> String {
    let data = server.data_dir.to_str().unwrap().to_owned();
    let (code, stdout, stderr) =
        run(&["user", "add", "--data-dir", &data, "--email", email, "--name", "Test Person", "--role", role], &[]);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().find_map(|l| l.strip_prefix("Password (shown once): ")).unwrap().to_owned()
}

/// Percent-encodes every byte but letters and digits, for a query string.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn count(server: &Server, sql: &str) -> usize {
    query_strings(&server.data_dir, sql)[0].parse().unwrap()
}

#[test]
fn concurrent_wrong_passwords_are_counted_before_the_check_and_audited_per_block() {
    let server = Server::start();
    add_user(&server, "victim@example.org", "coordinator");
    let client = server.client();
    let token = csrf(&client.get("/login"));
    let audit_rows = "SELECT CAST(count(*) AS TEXT) FROM audit_log";
    let before = count(&server, audit_rows);

    const ATTEMPTS: usize = 200;
    let began = std::time::Instant::now();
    let start = Arc::new(Barrier::new(ATTEMPTS));
    let threads: Vec<_> = (0..ATTEMPTS)
        .map(|n| {
            let (client, start, token) = (client.clone(), start.clone(), token.clone());
            std::thread::spawn(move || {
                start.wait();
                let password = format!("not the password {n}");
                let fields =
                    [("csrf", token.as_str()), ("email", "victim@example.org"), ("password", &password), ("next", "")];
                client.post_form("/login", &fields).status
            })
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let elapsed = began.elapsed().as_secs_f64();
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let throttled = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + throttled, ATTEMPTS, "only 422 and 429: {statuses:?}");
    // Five free failures, and the one that starts the first block (1 s). A slow machine may
    // outlast blocks: each later admission needs the one before it to have ended, and the blocks
    // double (1 s, 2 s, 4 s…), so `extra` admissions take at least 2^extra - 1 seconds.
    // Counting after the check instead lets most of the 200 through at once.
    assert!(checked >= 6, "five free failures and the one that starts the block: {checked}");
    let extra = checked - 6;
    assert!(
        extra < 8 && f64::from((1u32 << extra) - 1) <= elapsed,
        "each attempt is counted before its password is checked: {checked} checked in {elapsed:.1} s"
    );

    let failures = count(&server, "SELECT CAST(count(*) AS TEXT) FROM audit_log WHERE action = 'login.failure'");
    assert_eq!(failures, checked, "every checked attempt is audited");
    let blocks = count(&server, "SELECT CAST(count(*) AS TEXT) FROM audit_log WHERE action = 'login.throttled'");
    assert!((1..=extra + 1).contains(&blocks), "one row per block, not one per refused attempt: {blocks}");
    let grown = count(&server, audit_rows) - before;
    assert!(grown <= checked + 2 * blocks, "the audit log grew by {grown} rows for {ATTEMPTS} attempts");
}

#[test]
fn next_from_the_login_form_never_leaves_the_site_and_https_is_pinned() {
    let server = Server::start_with(&[], &[("PASSERELLE_INSECURE_COOKIES", "false")]);
    let password = add_user(&server, "coordinator@example.org", "coordinator");
    let hostile = ["/\t/evil.example", "/\t/evil", "/ /evil", "/\\evil", "/\\\\evil", "//evil.example", "/\n/evil"];
    for next in hostile {
        let client = server.client();
        let form = client.get(&format!("/login?next={}", encode(next)));
        assert!(form.body.contains(r#"name="next" value="/""#), "{next:?} is not offered back by the form");
        let fields = [
            ("csrf", csrf(&form)),
            ("email", "coordinator@example.org".into()),
            ("password", password.clone()),
            ("next", next.into()),
        ];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let signed_in = client.post_form("/login", &fields);
        assert_eq!(signed_in.status, 303, "{}", signed_in.body);
        assert_eq!(signed_in.header("location"), Some("/"), "{next:?}");
        // Signed in, the sign-in page sends on to `next` at once: the same rule holds.
        let again = client.get("/login?next=%2F%09%2Fevil.example");
        assert_eq!((again.status, again.header("location")), (303, Some("/")));
    }
    let ours = Client::new(&server.base);
    let form = ours.get("/login?next=/account");
    let fields = [
        ("csrf", csrf(&form)),
        ("email", "coordinator@example.org".into()),
        ("password", password),
        ("next", "/account".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(ours.post_form("/login", &fields).header("location"), Some("/account"), "our own paths still work");

    // Cookies are `Secure`, so we are behind HTTPS: browsers are told to stay on it.
    for reply in [form, ours.get("/healthz"), ours.get("/no-such-page")] {
        assert_eq!(reply.header("strict-transport-security"), Some("max-age=63072000; includeSubDomains"));
    }
}

#[test]
fn readyz_waits_for_the_changes_made_while_the_server_was_stopped() {
    let temp = tempfile::tempdir().unwrap();
    let data_dir = temp.path().join("data");
    let server = Server::start_in(&data_dir, &[], &[]);
    assert!(server.stop().success());

    // An import while the server is stopped: its changes are in the change log, not the index.
    const EXPERTS: usize = 1500;
    let lines: Vec<String> = (0..EXPERTS)
        .map(|n| {
            serde_json::json!({"external_id": format!("readyz-{n}"), "name": format!("Expert {n}"),
                "origin_countries": ["RW"], "sectors": ["health"], "headline": "Nurse anaesthetist"})
            .to_string()
        })
        .collect();
    let file = temp.path().join("experts.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let data = data_dir.to_str().unwrap();
    let (code, _, stderr) = run(&["import", "experts", file.to_str().unwrap(), "--data-dir", data], &[]);
    assert_eq!(code, 0, "{stderr}");

    // `start_in` returns at the first ready answer: by then every imported profile is searchable,
    // although the index is behind by fewer changes than the tolerance.
    let server = Server::start_in(&data_dir, &[], &[("PASSERELLE_SEARCH__READY_MAX_LAG", "5000")]);
    let ready = server.client().get("/readyz");
    assert_eq!(ready.status, 200, "{}", ready.body);
    let ready = ready.json();
    assert_eq!(ready["index_lag"], 0, "{ready}");
    assert_eq!(ready["index_documents"], EXPERTS, "{ready}");
    assert_eq!(ready["index"], "ok");
    assert!(!server.log().contains("ready_max_lag"), "the key is known: {}", server.log());
    assert_eq!(server.client().get("/healthz").status, 200);
}

#[test]
fn control_characters_are_refused_with_the_field_named() {
    let server = Server::start();
    let client = server.client();
    let form = client.get("/signup?as=expert");
    let reply = client.post_form(
        "/signup",
        &[
            ("csrf", &csrf(&form)),
            ("account_type", "expert"),
            ("name", "Aline \u{202e}esawU"),
            ("email", "aline@example.be"),
            ("password", "umuganda ya kabiri 2026"),
            ("locale", "en"),
        ],
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(reply.body.contains("holds a control character"), "{}", reply.body);
    assert!(reply.body.contains(r##"href="#f-name""##), "the summary links to the name field: {}", reply.body);

    let data = server.data_dir.to_str().unwrap().to_owned();
    let (code, _, stderr) = run(
        &["user", "add", "--data-dir", &data, "--email", "x@example.org", "--name", "X\u{1b}[2J", "--role", "admin"],
        &[],
    );
    assert_ne!(code, 0);
    assert!(stderr.contains("--name") && stderr.contains("U+001B"), "{stderr}");
}
