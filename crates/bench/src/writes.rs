//! The write benchmark: the real server creating profiles through its API for one client and
//! for many at once (group commit on SQLite, concurrent transactions on PostgreSQL), the
//! command-line import of JSON lines, and — with two instances on PostgreSQL — how long a
//! profile written through one takes to be found by a search on the other.

use crate::report::{Latencies, ms, render, thousands};
use passerelle_profiles::synthetic::Generator;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Throughput {
    pub clients: usize,
    pub creates: usize,
    pub per_second: f64,
    pub latencies: Latencies,
}

#[derive(Debug, Clone)]
pub struct Writes {
    pub engine: &'static str,
    pub throughput: Vec<Throughput>,
    pub import_rate: f64,
    pub import_lines: usize,
    /// PostgreSQL with two instances: write on one, found by a search on the other.
    pub searchable_elsewhere: Option<Latencies>,
}

impl Writes {
    pub fn table(&self) -> String {
        let header = vec!["writes".to_owned(), format!("Passerelle on {}", self.engine)];
        let mut rows = Vec::new();
        for t in &self.throughput {
            rows.push(vec![
                format!("API creates, {} client(s), {} profiles (profiles/s)", t.clients, t.creates),
                thousands(t.per_second),
            ]);
            rows.push(vec![
                format!("API create latency, {} client(s), p50 / p99 (ms)", t.clients),
                format!("{} / {}", ms(t.latencies.percentile(0.5)), ms(t.latencies.percentile(0.99))),
            ]);
        }
        rows.push(vec![format!("import experts, {} lines (lines/s)", self.import_lines), thousands(self.import_rate)]);
        if let Some(elsewhere) = &self.searchable_elsewhere {
            rows.push(vec![
                "write on A → searchable on B p50 / p99 (ms)".to_owned(),
                format!("{} / {}", ms(elsewhere.percentile(0.5)), ms(elsewhere.percentile(0.99))),
            ]);
        }
        render(&header, &rows)
    }
}

/// Where the benchmark's server keeps its data: a directory, and on PostgreSQL a database.
struct Place {
    dir: PathBuf,
    database_url: Option<String>,
}

impl Place {
    async fn fresh(root: &Path, name: &str, postgres: Option<&str>) -> anyhow::Result<Place> {
        let dir = root.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let database_url = match postgres {
            Some(server) => Some(passerelle_db::testing::new_database(server).await),
            None => None,
        };
        Ok(Place { dir, database_url })
    }

    fn command(&self, binary: &Path) -> Command {
        let mut command = Command::new(binary);
        command.env_remove("RUST_LOG").env_remove("PASSERELLE_DATABASE_URL");
        if let Some(url) = &self.database_url {
            command.env("PASSERELLE_DATABASE_URL", url);
        }
        command
    }

    fn run(&self, binary: &Path, args: &[&str]) -> anyhow::Result<String> {
        let output = self.command(binary).args(args).arg("--data-dir").arg(&self.dir).output()?;
        anyhow::ensure!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }
}

/// A running `passerelle serve`.
struct Served {
    child: Child,
    base: String,
}

impl Served {
    fn start(binary: &Path, place: &Place, data_dir: &Path) -> anyhow::Result<Served> {
        let mut child = place
            .command(binary)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines.next().ok_or_else(|| anyhow::anyhow!("the server stopped"))??;
            if let Some(address) = line.strip_prefix("Passerelle is listening on ") {
                break address.to_owned();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let served = Served { child, base };
        let agent = agent();
        let started = Instant::now();
        // Ready is a 200 (the agent takes a 503 for an answer, not an error): until then the
        // index is being built and a load balancer sends the server nothing.
        while agent.get(format!("{}/readyz", served.base)).call().map_or(true, |r| r.status() != 200) {
            anyhow::ensure!(started.elapsed() < Duration::from_secs(600), "the server never became ready");
            std::thread::sleep(Duration::from_millis(20));
        }
        eprintln!("bench: server ready {:.0} ms after it listened", started.elapsed().as_secs_f64() * 1000.0);
        Ok(served)
    }

    fn stop(mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn token(binary: &Path, place: &Place) -> anyhow::Result<String> {
    let email = "bench.writes@bench.example";
    place.run(binary, &["user", "add", "--email", email, "--name", "Bench", "--role", "coordinator"])?;
    Ok(place.run(binary, &["token", "create", "--email", email, "--name", "bench"])?.trim().to_owned())
}

/// `clients` threads creating `each` profiles through the API, each on its own connection.
fn creates(base: &str, token: &str, clients: usize, each: usize, first: u64) -> anyhow::Result<Throughput> {
    let generator = Generator::new(first);
    let bodies: Vec<Vec<String>> = (0..clients)
        .map(|c| {
            (0..each)
                .map(|n| {
                    let mut input = generator.expert(first + (c * each + n) as u64);
                    input.external_id = None;
                    serde_json::to_string(&input).unwrap_or_default()
                })
                .collect()
        })
        .collect();
    let started = Instant::now();
    let threads: Vec<_> = bodies
        .into_iter()
        .map(|bodies| {
            let url = format!("{base}/api/v1/experts");
            let auth = format!("Bearer {token}");
            std::thread::spawn(move || -> anyhow::Result<Vec<Duration>> {
                let agent = agent();
                let mut latencies = Vec::with_capacity(bodies.len());
                for body in bodies {
                    let t0 = Instant::now();
                    let response = agent
                        .post(&url)
                        .header("authorization", &auth)
                        .header("content-type", "application/json")
                        .send(body.as_bytes())?;
                    anyhow::ensure!(response.status() == 201, "create answered {}", response.status());
                    latencies.push(t0.elapsed());
                }
                Ok(latencies)
            })
        })
        .collect();
    let mut all = Vec::new();
    for thread in threads {
        all.extend(thread.join().map_err(|_| anyhow::anyhow!("a client panicked"))??);
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(Throughput { clients, creates: all.len(), per_second: all.len() as f64 / seconds, latencies: Latencies(all) })
}

/// Writes through `a`, then asks `b`'s roster search until the profile is there.
fn searchable_elsewhere(a: &Served, b: &Served, token: &str, first: usize, writes: usize) -> anyhow::Result<Latencies> {
    let agent = agent();
    let auth = format!("Bearer {token}");
    let mut latencies = Vec::new();
    for n in first..first + writes {
        // A word no other profile holds: letters only, so that the analysers keep it whole.
        let word: String =
            format!("{n:04}").bytes().map(|d| char::from(b'a' + (d - b'0'))).collect::<String>() + "quillwort";
        let body = serde_json::json!({"name": format!("Probe {n}"), "headline": word,
            "consent": {"matching": true, "version": "2026-11-01"}});
        let response = agent
            .post(format!("{}/api/v1/experts", a.base))
            .header("authorization", &auth)
            .header("content-type", "application/json")
            .send(body.to_string().as_bytes())?;
        anyhow::ensure!(response.status() == 201, "create answered {}", response.status());
        let t0 = Instant::now();
        loop {
            let mut found = agent
                .get(format!("{}/api/v1/search/experts?q={word}", b.base))
                .header("authorization", &auth)
                .call()?;
            let text = found.body_mut().read_to_string()?;
            if text.contains("\"total\":1") {
                break;
            }
            anyhow::ensure!(t0.elapsed() < Duration::from_secs(30), "never searchable on the other instance");
            std::thread::sleep(Duration::from_millis(1));
        }
        latencies.push(t0.elapsed());
    }
    Ok(Latencies(latencies))
}

pub async fn measure(
    root: &Path,
    postgres: Option<&str>,
    clients: usize,
    total: usize,
    import_lines: usize,
) -> anyhow::Result<Writes> {
    let binary = std::env::current_exe()?.with_file_name("passerelle");
    anyhow::ensure!(binary.exists(), "{} is missing: cargo build --release -p passerelle", binary.display());
    let engine = if postgres.is_some() { "PostgreSQL" } else { "SQLite" };

    let place = Place::fresh(root, "writes", postgres).await?;
    let token = token(&binary, &place)?;
    let served = Served::start(&binary, &place, &place.dir)?;
    // A warm-up, not counted: the first requests pay for caches and connections.
    creates(&served.base, &token, 4, 25, 900_000)?;
    let one = creates(&served.base, &token, 1, total.min(500), 1_000_000)?;
    eprintln!("bench: API creates, 1 client: {:.0}/s", one.per_second);
    let clients = clients.max(1);
    let many = creates(&served.base, &token, clients, (total / clients).max(1), 2_000_000)?;
    eprintln!("bench: API creates, {clients} clients: {:.0}/s", many.per_second);
    let searchable_elsewhere = if postgres.is_some() {
        let other = Served::start(&binary, &place, &root.join("writes-b"))?;
        // Not counted but printed: the first probes after B said ready (B just started, A's
        // indexer perhaps still catching up with the concurrent creates).
        let first = searchable_elsewhere(&served, &other, &token, 0, 5)?;
        eprintln!(
            "bench: write on A → searchable on B, first 5 after B was ready: max {:.1} ms",
            first.0.iter().max().copied().unwrap_or_default().as_secs_f64() * 1000.0
        );
        let latencies = searchable_elsewhere(&served, &other, &token, 5, 50)?;
        other.stop();
        Some(latencies)
    } else {
        None
    };
    served.stop();

    let import = Place::fresh(root, "import", postgres).await?;
    let file = root.join("import.jsonl");
    let generator = Generator::new(11);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file)?);
    for n in 0..import_lines {
        writeln!(out, "{}", serde_json::to_string(&generator.expert(3_000_000 + n as u64))?)?;
    }
    out.flush()?;
    drop(out);
    import.run(&binary, &["migrate"])?;
    let started = Instant::now();
    import.run(&binary, &["import", "experts", file.to_str().unwrap_or_default()])?;
    let import_rate = import_lines as f64 / started.elapsed().as_secs_f64();
    eprintln!("bench: import experts: {import_rate:.0} lines/s");
    Ok(Writes { engine, throughput: vec![one, many], import_rate, import_lines, searchable_elsewhere })
}
