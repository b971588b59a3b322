//! How long reading the skills named in experts' own words takes: the headline, summary, roles,
//! education and credentials of synthetic experts, read with the shipped taxonomy's extractor as
//! the index reads them when it writes each expert. The rebuild's rate depends on it.
//!
//! `cargo run --release -p passerelle-profiles --example extract_speed -- 20000`

use passerelle_profiles::synthetic::Generator;
use passerelle_taxonomy::{Linker, extract, label_inputs, shipped_rows};
use std::time::Instant;

fn main() {
    let count: u64 = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let linker = Linker::new(label_inputs(&shipped_rows()));
    let generator = Generator::new(7);
    let experts: Vec<Vec<String>> = (0..count)
        .map(|index| {
            let e = generator.expert(index);
            let mut texts: Vec<String> = e.headline.into_iter().chain(e.summary).collect();
            texts.extend(e.work_history.into_iter().map(|w| w.role));
            texts.extend(e.education.into_iter().map(|e| e.field));
            texts.extend(e.credentials.into_iter().map(|c| c.title));
            texts
        })
        .collect();
    let words: usize = experts.iter().flatten().map(|t| t.split_whitespace().count()).sum();
    // Twice: the first pass is the rebuild of a fresh process, the second what follows it.
    for pass in ["first", "second"] {
        let started = Instant::now();
        let found: usize = experts.iter().flatten().map(|text| extract(&linker, text).len()).sum();
        let elapsed = started.elapsed();
        println!(
            "{pass} pass: {count} experts, {words} words, {found} skills found: {:.1} µs an expert, {:.0} ns a word",
            elapsed.as_secs_f64() * 1e6 / count as f64,
            elapsed.as_secs_f64() * 1e9 / words as f64
        );
    }
}
