//! The peak memory of the real server holding the roster: `passerelle serve` started on the
//! benchmark's data directory, asked the requests' words through the roster-search API, and
//! its peak resident set read from /proc.

use crate::corpus::{Corpus, query_words};
use crate::report::peak_rss_of;
use crate::requests::Request;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(address: &str, path: &str, token: &str) -> anyhow::Result<(u16, String)> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, answer))
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

pub async fn peak_rss(data: &Path, requests: &[Request], _corpus: &Corpus) -> anyhow::Result<u64> {
    let binary = std::env::current_exe()?.with_file_name("passerelle");
    anyhow::ensure!(
        binary.exists(),
        "{} is missing: build it with the bench (cargo build --release -p passerelle)",
        binary.display()
    );
    let data_arg = data.to_str().unwrap_or_default();
    let run = |args: &[&str]| -> anyhow::Result<String> {
        let output = Command::new(&binary).args(args).args(["--data-dir", data_arg]).output()?;
        anyhow::ensure!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let _ = run(&["user", "add", "--email", "bench@bench.example", "--name", "Bench", "--role", "coordinator"]);
    let token = run(&["token", "create", "--email", "bench@bench.example", "--name", "bench"])?.trim().to_owned();

    let mut child = Command::new(&binary)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir", data_arg])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().ok_or_else(|| anyhow::anyhow!("the server stopped"))??;
        if let Some(url) = line.strip_prefix("Passerelle is listening on http://") {
            break url.to_owned();
        }
    };
    let started = Instant::now();
    while get(&address, "/readyz", "")?.0 != 200 {
        anyhow::ensure!(started.elapsed() < Duration::from_secs(600), "the server never became ready");
        std::thread::sleep(Duration::from_millis(100));
    }
    for pass in 0..2 {
        for request in requests {
            let q = query_words(&request.words).join(" ");
            let (status, answer) =
                get(&address, &format!("/api/v1/search/experts?q={}&quarter=on", encode(&q)), &token)?;
            anyhow::ensure!(
                status == 200,
                "roster search answered {status}: {}",
                answer.lines().last().unwrap_or_default()
            );
        }
        let _ = pass;
    }
    let rss = peak_rss_of(&child.id().to_string());
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let _ = child.wait();
    Ok(rss)
}
