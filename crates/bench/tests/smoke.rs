//! The benchmark's smoke run (10,000 profiles, in the test suite): it must work end to end,
//! with PostgreSQL and SQLite FTS5 beside Passerelle, and every engine must answer. Figures
//! come from release runs (BENCHMARKS.md), not from here.

use std::process::Command;

#[test]
fn the_benchmark_runs_and_every_engine_answers() {
    let output = Command::new(env!("CARGO_BIN_EXE_passerelle-bench"))
        .args(["--profiles", "10000", "--requests", "40", "--passes", "2", "--skip-server"])
        .output()
        .expect("run passerelle-bench");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the benchmark failed:\n{stderr}");
    let row = |name: &str| -> Vec<String> {
        stdout
            .lines()
            .find(|l| l.starts_with(&format!("| {name}")))
            .unwrap_or_else(|| panic!("no {name} row in:\n{stdout}"))
            .split('|')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect()
    };
    let header = row("measure");
    assert_eq!(header[1..], ["Passerelle (tantivy)", "SQLite FTS5", "PostgreSQL FTS"]);
    assert_eq!(row("profiles")[1], "10,000");
    for cell in &row("requests with results")[1..] {
        let answered: usize = cell.split('/').next().unwrap().parse().unwrap();
        assert!(answered >= 30, "an engine answered too few requests: {cell}\n{stdout}");
    }
    for cell in &row("top-20 overlap with Passerelle")[2..] {
        let percent: f64 = cell.trim_end_matches('%').parse().unwrap();
        assert!(percent > 0.0, "nobody measured an empty answer: {cell}");
    }
    let p99: f64 = row("match p99 (ms)")[1].parse().unwrap();
    assert!(p99 > 0.0);
}
