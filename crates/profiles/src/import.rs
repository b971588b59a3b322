//! Bulk import of experts from JSON Lines (`passerelle import experts FILE.jsonl`): one object
//! per line in the shape of the API's create-expert body. A line with the `external_id` of an
//! earlier import updates that profile. Invalid lines are reported with their number and the
//! field; nothing of a refused line is written. Per line (the default: valid lines are kept)
//! or all-or-nothing (one invalid line and nothing is written).

use crate::consent::Source;
use crate::input::ExpertInput;
use crate::resolve::SkillResolver;
use crate::service::{self, Target, WriteError};
use crate::store;
use passerelle_core::{FieldError, UserId};
use passerelle_db::{Db, Tx};
use std::io::BufRead;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Write nothing unless every line is valid.
    pub all_or_nothing: bool,
    /// Recorded as the creator of new profiles.
    pub by: Option<UserId>,
}

/// A refused line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub lines: usize,
    pub created: usize,
    pub updated: usize,
    pub refused: Vec<LineError>,
    /// All-or-nothing and something was refused: nothing was written.
    pub rolled_back: bool,
}

impl Report {
    /// Counts what a batch wrote.
    fn add(&mut self, written: Report) {
        self.created += written.created;
        self.updated += written.updated;
        self.refused.extend(written.refused);
    }
}

/// Lines written per transaction.
const BATCH: usize = 500;

/// Parses one line into an input, naming the field of a type error.
pub fn parse_line(text: &str) -> Result<ExpertInput, FieldError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." { String::new() } else { path };
        FieldError::new(field, "json.invalid", error.into_inner().to_string())
    })
}

fn refusals(line: usize, errors: Vec<FieldError>) -> impl Iterator<Item = LineError> {
    errors.into_iter().map(move |e| LineError { line, field: e.field, message: e.message })
}

/// Imports every line of `reader`; `progress` is told how many lines were read so far.
pub async fn import_jsonl(
    db: &Db,
    reader: impl BufRead,
    options: Options,
    progress: impl FnMut(usize),
) -> anyhow::Result<Report> {
    let lines = reader.lines().enumerate().filter_map(|(index, line)| {
        let number = index + 1;
        match line {
            Ok(text) if text.trim().is_empty() => None,
            Ok(text) => Some(Ok((number, parse_line(&text).map_err(|e| vec![e])))),
            Err(error) => Some(Err(anyhow::Error::from(error))),
        }
    });
    import_inputs(db, lines, options, progress).await
}

/// Imports a mapping survey's CSV: the rows whose consent column says yes. Line numbers are
/// the file's (the header is line 1).
pub async fn import_survey<'a>(
    db: &Db,
    reader: impl std::io::Read + 'a,
    map: &'a crate::survey::SurveyMap,
    options: Options,
    progress: impl FnMut(usize),
) -> anyhow::Result<Report> {
    let taxonomy = match map.skills_text {
        Some(_) => Some(passerelle_taxonomy::Taxonomy::load(db).await?),
        None => None,
    };
    let rows =
        crate::survey::rows(reader, map, taxonomy.as_ref())?.map(|row| row.map(|(line, input)| (line, Ok(input))));
    import_inputs(db, rows, options, progress).await
}

type Numbered = (usize, Result<ExpertInput, Vec<FieldError>>);

async fn import_inputs(
    db: &Db,
    inputs: impl Iterator<Item = anyhow::Result<Numbered>>,
    options: Options,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<Report> {
    let resolver = SkillResolver::load(db).await?;
    let mut report = Report::default();
    let mut valid = Vec::new();
    // Per line, batches are written as the file is read, so that memory stays flat on big
    // files; each is written while the next is read and checked (SQLite writes on its own
    // thread), one at a time and in order, so that a line updating a profile created by an
    // earlier one finds it.
    let mut writing: Option<tokio::task::JoinHandle<anyhow::Result<Report>>> = None;
    for item in inputs {
        let (number, input) = item?;
        progress(number);
        report.lines += 1;
        match input.and_then(|input| service::check(&input, &resolver)) {
            Ok(checked) => valid.push((number, checked)),
            Err(errors) => report.refused.extend(refusals(number, errors)),
        }
        if !options.all_or_nothing && valid.len() >= BATCH {
            if let Some(previous) = writing.take() {
                report.add(previous.await??);
            }
            let (db, lines) = (db.clone(), std::mem::take(&mut valid));
            writing = Some(tokio::spawn(async move { write_batch(&db, &lines, &options).await }));
        }
    }
    if let Some(previous) = writing.take() {
        report.add(previous.await??);
    }
    if options.all_or_nothing {
        write_all(db, valid, &options, &mut report).await?;
    } else if !valid.is_empty() {
        report.add(write_batch(db, &valid, &options).await?);
    }
    report.refused.sort_by_key(|e| e.line);
    Ok(report)
}

/// All or nothing: one transaction for the whole file, committed only if nothing was refused.
async fn write_all(
    db: &Db,
    valid: Vec<(usize, crate::input::Checked)>,
    options: &Options,
    report: &mut Report,
) -> anyhow::Result<()> {
    if !report.refused.is_empty() {
        report.rolled_back = true;
        return Ok(());
    }
    let mut tx = db.begin().await?;
    let mut written = Report::default();
    write_lines(&mut tx, &valid, options, &mut written).await?;
    if written.refused.is_empty() {
        tx.commit().await?;
        report.created = written.created;
        report.updated = written.updated;
    } else {
        report.refused.extend(written.refused);
        report.rolled_back = true;
    }
    Ok(())
}

/// Writes lines in one transaction; answers what became of them.
async fn write_batch(db: &Db, lines: &[(usize, crate::input::Checked)], options: &Options) -> anyhow::Result<Report> {
    let mut written = Report::default();
    let mut tx = db.begin().await?;
    write_lines(&mut tx, lines, options, &mut written).await?;
    tx.commit().await?;
    Ok(written)
}

/// New profiles are created all at once; a line whose external id is already taken (before
/// the batch, or by an earlier line of it) updates that profile, one by one, after them. A line
/// can only be refused before anything of it is written (its consent version is checked first),
/// so a refusal leaves nothing behind.
async fn write_lines(
    tx: &mut Tx,
    lines: &[(usize, crate::input::Checked)],
    options: &Options,
    report: &mut Report,
) -> anyhow::Result<()> {
    let externals: Vec<&str> = lines.iter().filter_map(|(_, c)| c.external_id.as_deref()).collect();
    let mut taken = store::taken_external_ids(tx, &externals).await?;
    let (fresh, updates): (Vec<_>, Vec<_>) = lines.iter().partition(|(_, checked)| match &checked.external_id {
        None => true,
        Some(external) => taken.insert(external.clone()),
    });
    let checked: Vec<_> = fresh.iter().map(|(_, checked)| checked).collect();
    for ((number, _), outcome) in
        fresh.iter().zip(service::create_many(tx, &checked, options.by, Source::Import).await?)
    {
        match outcome {
            Ok(_) => report.created += 1,
            Err(error) => report.refused.extend(refusals(*number, vec![error])),
        }
    }
    for (number, checked) in updates {
        match service::write(tx, checked, Target::ByExternalId, options.by, Source::Import).await {
            Ok(w) if w.created => report.created += 1,
            Ok(_) => report.updated += 1,
            Err(WriteError::Invalid(errors)) => report.refused.extend(refusals(*number, errors)),
            Err(WriteError::Database(e)) => return Err(e.into()),
        }
    }
    Ok(())
}
