//! Percentiles, and the table the benchmark prints.

use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct Latencies(pub Vec<Duration>);

impl Latencies {
    pub fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort_unstable();
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted[index.min(sorted.len() - 1)]
    }
}

pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 { format!("{ms:.2}") } else { format!("{ms:.1}") }
}

fn bytes(n: u64) -> String {
    format!("{:.0} MiB", n as f64 / (1024.0 * 1024.0))
}

pub fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What one engine measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// Profiles loaded or indexed per second.
    pub index_rate: f64,
    pub size: u64,
    pub latencies: Latencies,
    /// The ids of each request's top results, for the overlap.
    pub tops: Vec<Vec<String>>,
    /// How many requests had at least one result.
    pub answered: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Ours {
    pub measured: Measured,
    pub write_to_searchable: Latencies,
}

/// A peer's figures with its p99 ratio to ours and the overlap of the top results with ours.
struct Peer {
    name: String,
    measured: Measured,
    ratio: f64,
    overlap: f64,
}

pub struct Report {
    /// The engine that holds the roster (the truth the index is built from).
    engine: &'static str,
    profiles: u64,
    load_rate: f64,
    peers: Vec<Peer>,
    ours: Option<Ours>,
    rss: Option<u64>,
}

impl Report {
    pub fn new(engine: &'static str, profiles: u64, load_rate: f64) -> Report {
        Report { engine, profiles, load_rate, peers: vec![], ours: None, rss: None }
    }

    pub fn ours(&mut self, ours: &Ours) {
        self.ours = Some(ours.clone());
    }

    pub fn server_rss(&mut self, rss: u64) {
        self.rss = Some(rss);
    }

    /// A peer's figures, with its p99 ratio to ours and the overlap of their top results.
    pub fn peer(&mut self, name: &str, peer: &Measured, ours: &Ours) {
        let ratio = peer.latencies.percentile(0.99).as_secs_f64()
            / ours.measured.latencies.percentile(0.99).as_secs_f64().max(1e-9);
        let mut shared = 0usize;
        let mut compared = 0usize;
        for (a, b) in ours.measured.tops.iter().zip(&peer.tops) {
            let n = a.len().min(b.len());
            if n == 0 {
                continue;
            }
            compared += n;
            shared += b.iter().take(n).filter(|id| a.iter().take(n).any(|x| x == *id)).count();
        }
        let overlap = if compared == 0 { 0.0 } else { shared as f64 / compared as f64 };
        self.peers.push(Peer { name: name.to_owned(), measured: peer.clone(), ratio, overlap });
    }

    pub fn table(&mut self) -> String {
        let Some(ours) = &self.ours else { return String::new() };
        let mut header = vec!["measure".to_owned(), "Passerelle (tantivy)".to_owned()];
        header.extend(self.peers.iter().map(|p| p.name.clone()));
        let mut rows: Vec<Vec<String>> = Vec::new();
        let peer_cells = |f: &dyn Fn(&Peer) -> String| self.peers.iter().map(f).collect::<Vec<_>>();
        let mut row = |name: &str, ours_cell: String, peers: Vec<String>| {
            let mut r = vec![name.to_owned(), ours_cell];
            r.extend(peers);
            rows.push(r);
        };
        let m = &ours.measured;
        row("profiles", thousands(self.profiles as f64), peer_cells(&|_| thousands(self.profiles as f64)));
        let load = if self.load_rate.is_nan() { "reused".to_owned() } else { thousands(self.load_rate) };
        row(&format!("load into {} (profiles/s)", self.engine), load, peer_cells(&|_| "—".into()));
        row(
            "index from the database (profiles/s)",
            thousands(m.index_rate),
            peer_cells(&|p| thousands(p.measured.index_rate)),
        );
        row("index size", bytes(m.size), peer_cells(&|p| bytes(p.measured.size)));
        for (label, q) in [("match p50 (ms)", 0.5), ("match p95 (ms)", 0.95), ("match p99 (ms)", 0.99)] {
            row(label, ms(m.latencies.percentile(q)), peer_cells(&|p| ms(p.measured.latencies.percentile(q))));
        }
        row("p99 ratio to Passerelle", "1×".into(), peer_cells(&|p| format!("{:.1}×", p.ratio)));
        row(
            "requests with results",
            format!("{}/{}", m.answered, m.tops.len()),
            peer_cells(&|p| format!("{}/{}", p.measured.answered, p.measured.tops.len())),
        );
        row("top-20 overlap with Passerelle", "—".into(), peer_cells(&|p| format!("{:.0}%", p.overlap * 100.0)));
        row(
            "write → searchable p50 / p99 (ms)",
            format!(
                "{} / {}",
                ms(ours.write_to_searchable.percentile(0.5)),
                ms(ours.write_to_searchable.percentile(0.99))
            ),
            peer_cells(&|_| "—".into()),
        );
        row(
            "peak RSS of the server",
            self.rss.map_or_else(|| "not measured".into(), bytes),
            peer_cells(&|_| "—".into()),
        );
        render(&header, &rows)
    }
}

/// A Markdown table, columns padded to their widest cell.
pub fn render(header: &[String], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}", w = *w)).collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut out = vec![line(header)];
    out.push(format!("|{}|", widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("|")));
    out.extend(rows.iter().map(|r| line(r)));
    out.join("\n")
}

/// Peak resident memory of a process (Linux), in bytes.
pub fn peak_rss_of(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or(0, |kb| kb * 1024)
}

pub fn dir_size(path: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else { return 0 };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() { dir_size(&p) } else { e.metadata().map_or(0, |m| m.len()) }
        })
        .sum()
}
