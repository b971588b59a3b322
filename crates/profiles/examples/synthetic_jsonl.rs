//! Writes synthetic expert profiles as JSON Lines, for trying `passerelle import experts` at
//! scale: `cargo run --release -p passerelle-profiles --example synthetic_jsonl -- 100000 > experts.jsonl`.

use passerelle_profiles::synthetic::Generator;
use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let generator = Generator::new(seed);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for index in 0..count {
        let line = serde_json::to_string(&generator.expert(index)).map_err(std::io::Error::other)?;
        writeln!(out, "{line}")?;
    }
    out.flush()
}
