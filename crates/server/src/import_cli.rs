//! `passerelle import experts FILE.jsonl` and `passerelle import mapping-survey FILE.csv --map
//! MAP.toml`: bulk loading of profiles, with a progress bar on a terminal and every refused
//! line reported with its number and field.

use crate::cli::{Failure, open_database};
use crate::config::Config;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use passerelle_profiles::import::{self, Options, Report};
use passerelle_profiles::survey::SurveyMap;
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Profiles from JSON Lines: one object per line, in the shape of the API's create-expert
    /// body. A line with the external_id of an earlier import updates that profile.
    Experts {
        file: PathBuf,
        /// Write nothing unless every line is valid (default: keep the valid lines).
        #[arg(long)]
        all_or_nothing: bool,
    },
    /// A diaspora-mapping survey's CSV export: only the rows whose consent column says yes.
    MappingSurvey {
        file: PathBuf,
        /// Which column holds what (TOML; see `passerelle_profiles::survey`).
        #[arg(long)]
        map: PathBuf,
        #[arg(long)]
        all_or_nothing: bool,
    },
}

fn open(path: &Path) -> Result<std::fs::File, Failure> {
    std::fs::File::open(path).map_err(|e| Failure::Other(anyhow::anyhow!("cannot read {}: {e}", path.display())))
}

/// A progress bar over the file's lines, on a terminal only.
fn progress(path: &Path) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let lines = std::fs::File::open(path).map(|f| BufReader::new(f).lines().count()).unwrap_or(0) as u64;
    let bar = ProgressBar::new(lines);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} lines  {per_sec}  eta {eta}") {
        bar.set_style(style);
    }
    Some(bar)
}

pub async fn run(command: ImportCommand, config: Config) -> Result<(), Failure> {
    let db = open_database(&config).await?;
    db.migrate().await.map_err(anyhow::Error::from)?;
    passerelle_taxonomy::sync_shipped(&db).await?;
    let started = Instant::now();
    let (file, report) = match command {
        ImportCommand::Experts { file, all_or_nothing } => {
            let bar = progress(&file);
            let reader = BufReader::new(open(&file)?);
            let options = Options { all_or_nothing, by: None };
            let report = import::import_jsonl(&db, reader, options, |n| {
                if let Some(bar) = &bar {
                    bar.set_position(n as u64);
                }
            })
            .await;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            (file, report?)
        }
        ImportCommand::MappingSurvey { file, map, all_or_nothing } => {
            let map_text = std::fs::read_to_string(&map)
                .map_err(|e| Failure::Other(anyhow::anyhow!("cannot read {}: {e}", map.display())))?;
            let map = SurveyMap::parse(&map_text)
                .map_err(|e| Failure::Other(anyhow::anyhow!("the map {}: {e}", map.display())))?;
            let options = Options { all_or_nothing, by: None };
            let report = import::import_survey(&db, open(&file)?, &map, options, |_| {}).await?;
            (file, report)
        }
    };
    db.close().await;
    print_report(&file, &report, started.elapsed());
    if report.refused.is_empty() {
        Ok(())
    } else {
        Err(Failure::Other(anyhow::anyhow!("{} line(s) refused", lines(&report))))
    }
}

fn lines(report: &Report) -> usize {
    let mut numbers: Vec<usize> = report.refused.iter().map(|e| e.line).collect();
    numbers.dedup();
    numbers.len()
}

fn print_report(file: &Path, report: &Report, elapsed: std::time::Duration) {
    for error in &report.refused {
        let field = if error.field.is_empty() { String::new() } else { format!("{}: ", error.field) };
        eprintln!("{}:{}: {field}{}", file.display(), error.line, error.message);
    }
    let rate = report.lines as f64 / elapsed.as_secs_f64().max(0.001);
    if report.rolled_back {
        println!("{} lines read, {} refused: nothing written (--all-or-nothing)", report.lines, lines(report));
    } else {
        println!(
            "{} lines read: {} profiles created, {} updated, {} lines refused ({:.0} lines/s)",
            report.lines,
            report.created,
            report.updated,
            lines(report),
            rate
        );
    }
}
