//! The first start with demonstration data (issue 13 item 10): the burst of seeded emails is
//! summed up in the log instead of a line per email, and the demo accounts come last, once the
//! start's work is done, where a person reads them.

use crate::accounts::demo_password;
use crate::harness::Server;

/// The number after `key=` in a log line.
fn field(line: &str, key: &str) -> usize {
    let start = line.find(&format!("{key}=")).unwrap_or_else(|| panic!("no {key} in {line}")) + key.len() + 1;
    line[start..].split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

#[test]
fn a_demo_start_sums_up_its_emails_and_ends_with_its_accounts() {
    let server = Server::start_with(&["--demo"], &[]);
    demo_password(&server, "admin");

    // The accounts are the last lines, after the one that says where to sign in.
    let stdout = server.stdout();
    let accounts = stdout.iter().filter(|l| l.starts_with("Demo account:")).count();
    assert_eq!(accounts, 4, "{stdout:?}");
    let tail = &stdout[stdout.len() - accounts - 1..];
    assert!(tail[0].starts_with(&format!("Ready. Sign in at {}/login", server.base)), "{stdout:?}");
    assert!(tail[1..].iter().all(|l| l.starts_with("Demo account:")), "{stdout:?}");

    // By then the seeded emails are in the outbox, and the log sums them up in a line per burst.
    let written = std::fs::read_dir(server.data_dir.join("outbox"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .count();
    assert!(written >= 20, "the demo's notifications are emailed: {written}");
    let log = server.log();
    let bursts: Vec<&str> = log.lines().filter(|l| l.contains("emails written to the outbox folder")).collect();
    let single = log.lines().filter(|l| l.contains("email written to the outbox folder")).count();
    assert!(!bursts.is_empty() && bursts.len() <= 3, "{bursts:?}");
    let summed: usize = bursts.iter().map(|l| field(l, "sent")).sum::<usize>() + single;
    assert_eq!(summed, written, "every email counted once:\n{log}");
}
