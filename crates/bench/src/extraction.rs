//! `passerelle-bench --extraction`: how well the taxonomy's extractor finds the skills that
//! terms of reference and experts' CVs name in running text, and how fast it reads a two-page
//! ToR (issue 16).
//!
//! The judged texts are written by hand (`data/extraction.json`, checked by
//! `tests/extraction_corpus.rs`): short ToR of host institutions and CV or summary paragraphs of
//! experts, in French and English, written as people write them (abbreviations, typos, lists,
//! gender and plural forms, synonyms, words the taxonomy does not know), some saying that a
//! skill is not needed. Each text carries the skills a coordinator would tag (`gold`), the ones
//! a ToR only wishes for (`welcome`, a subset of gold) and the ones it says are not needed
//! (`negated`). The gold was written from the text and the taxonomy file, not from the
//! extractor's output.
//!
//! A skill the extractor finds as asked or welcome is a positive; one it finds as negated is
//! not. Precision and recall are micro-averaged over the texts. A skill the text says is not
//! needed and that the extractor reads as asked is a false positive, counted apart too. The
//! extractor reads the shipped taxonomy, as the server does on a fresh database.

use crate::report::{Latencies, ms};
use passerelle_taxonomy::{Found, Linker, Stance, extract, label_inputs, shipped_rows};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::hint::black_box;
use std::time::{Duration, Instant};

const JUDGED: &str = include_str!("../data/extraction.json");

/// Runs of the two-page ToR that are timed, after as many not timed.
const TIMED_RUNS: usize = 2_000;
/// Passes over the whole corpus for the mean time per text.
const CORPUS_PASSES: usize = 50;
/// Reads of the two-page ToR by a linker that has read nothing yet (its memory of words empty).
const COLD_RUNS: usize = 100;

/// One judged text.
pub struct Judged {
    pub id: String,
    pub lang: String,
    pub kind: String,
    pub text: String,
    pub timing: bool,
    pub gold: BTreeSet<String>,
    pub welcome: BTreeSet<String>,
    pub negated: BTreeSet<String>,
}

pub fn parse(json: &str) -> anyhow::Result<Vec<Judged>> {
    let doc: Value = serde_json::from_str(json)?;
    let texts = doc.get("texts").and_then(Value::as_array).ok_or_else(|| anyhow::anyhow!("no \"texts\" array"))?;
    texts
        .iter()
        .map(|t| {
            let string = |key: &str| {
                t.get(key)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| anyhow::anyhow!("a text without {key}"))
            };
            let ids = |key: &str| -> anyhow::Result<BTreeSet<String>> {
                match t.get(key) {
                    None => Ok(BTreeSet::new()),
                    Some(list) => list
                        .as_array()
                        .ok_or_else(|| anyhow::anyhow!("{key} is not a list"))?
                        .iter()
                        .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| anyhow::anyhow!("{key}: not a string")))
                        .collect(),
                }
            };
            Ok(Judged {
                id: string("id")?,
                lang: string("lang")?,
                kind: string("kind")?,
                text: string("text")?,
                timing: t.get("timing").and_then(Value::as_bool).unwrap_or(false),
                gold: ids("gold")?,
                welcome: ids("welcome")?,
                negated: ids("negated")?,
            })
        })
        .collect()
}

/// Counts over a set of texts.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub texts: usize,
    pub gold: usize,
    pub found: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, s: &Scored) {
        self.texts += 1;
        self.gold += s.gold;
        self.found += s.tp + s.false_positives.len();
        self.tp += s.tp;
        self.fp += s.false_positives.len();
        self.fn_ += s.misses.len();
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }
}

/// One text's result.
pub struct Scored {
    pub id: String,
    pub gold: usize,
    pub tp: usize,
    /// Gold skills not found as asked: (skill, found but read as not needed).
    pub misses: Vec<(String, bool)>,
    /// Skills found as asked that are not gold: (skill, the words that named it, the text says
    /// it is not needed).
    pub false_positives: Vec<(String, String, bool)>,
    /// Skills the text says are not needed: read as not needed, read as asked, not found.
    pub negated: (usize, usize, usize),
    /// Gold welcome skills read as welcome, of; gold required skills (of a ToR) read as required, of.
    pub welcome_read: (usize, usize),
    pub required_read: (usize, usize),
}

fn score(judged: &Judged, found: &[Found]) -> Scored {
    let asked: HashMap<&str, &Found> =
        found.iter().filter(|f| f.stance != Stance::Negated).map(|f| (f.skill.as_str(), f)).collect();
    let not_needed: BTreeSet<&str> =
        found.iter().filter(|f| f.stance == Stance::Negated).map(|f| f.skill.as_str()).collect();
    let tp = judged.gold.iter().filter(|g| asked.contains_key(g.as_str())).count();
    let misses = judged
        .gold
        .iter()
        .filter(|g| !asked.contains_key(g.as_str()))
        .map(|g| (g.clone(), not_needed.contains(g.as_str())))
        .collect();
    let false_positives = found
        .iter()
        .filter(|f| f.stance != Stance::Negated && !judged.gold.contains(f.skill.as_str()))
        .map(|f| {
            let words = judged.text.get(f.start..f.end).unwrap_or_default().replace('\n', " ");
            (f.skill.to_string(), words, judged.negated.contains(f.skill.as_str()))
        })
        .collect();
    let negated = judged.negated.iter().fold((0, 0, 0), |(read, asked_, missing), n| {
        if not_needed.contains(n.as_str()) {
            (read + 1, asked_, missing)
        } else if asked.contains_key(n.as_str()) {
            (read, asked_ + 1, missing)
        } else {
            (read, asked_, missing + 1)
        }
    });
    let (mut welcome_read, mut required_read) = ((0, 0), (0, 0));
    if judged.kind == "tor" {
        for g in &judged.gold {
            let Some(f) = asked.get(g.as_str()) else { continue };
            if judged.welcome.contains(g) {
                welcome_read.1 += 1;
                welcome_read.0 += usize::from(f.stance == Stance::Welcome);
            } else {
                required_read.1 += 1;
                required_read.0 += usize::from(f.stance == Stance::Required);
            }
        }
    }
    Scored {
        id: judged.id.clone(),
        gold: judged.gold.len(),
        tp,
        misses,
        false_positives,
        negated,
        welcome_read,
        required_read,
    }
}

pub struct Extraction {
    /// (row name, counts): all, by language, by kind.
    pub rows: Vec<(String, Counts)>,
    pub scored: Vec<Scored>,
    /// (id, words) of the timed ToR.
    pub long: (String, usize),
    pub long_runs: Latencies,
    pub long_cold: Latencies,
    pub per_text_mean: Duration,
    /// A hostile text's length in characters, and how long it took to read once.
    pub hostile: (usize, Duration),
    pub corpus_texts: usize,
    pub corpus_words: usize,
    pub linker_build: Duration,
    labels: HashMap<String, String>,
}

pub fn measure() -> anyhow::Result<Extraction> {
    let judged = parse(JUDGED)?;
    let rows = shipped_rows();
    let started = Instant::now();
    let linker = Linker::new(label_inputs(&rows));
    let linker_build = started.elapsed();
    let labels: HashMap<String, String> = rows.iter().map(|r| (r.id.clone(), r.label_en.clone())).collect();
    for j in &judged {
        for id in j.gold.iter().chain(&j.negated) {
            anyhow::ensure!(labels.contains_key(id), "{}: {id} is not a skill of the taxonomy", j.id);
        }
    }

    // What is found in each text, scored against its gold.
    let scored: Vec<Scored> = judged.iter().map(|j| score(j, &extract(&linker, &j.text))).collect();
    // (row, language, kind): all, by language, by kind, and by both.
    let groups = [
        ("all", None, None),
        ("English", Some("en"), None),
        ("French", Some("fr"), None),
        ("terms of reference", None, Some("tor")),
        ("CVs and summaries", None, Some("cv")),
        ("ToR, English", Some("en"), Some("tor")),
        ("ToR, French", Some("fr"), Some("tor")),
        ("CV, English", Some("en"), Some("cv")),
        ("CV, French", Some("fr"), Some("cv")),
    ];
    let table = groups
        .into_iter()
        .map(|(name, lang, kind)| {
            let mut counts = Counts::default();
            for (j, s) in judged.iter().zip(&scored) {
                if lang.is_none_or(|l| j.lang == l) && kind.is_none_or(|k| j.kind == k) {
                    counts.add(s);
                }
            }
            (name.to_owned(), counts)
        })
        .collect();

    // Timing: the two-page ToR, warm (the linker has read it before, as a server's has read
    // most words), then cold (a linker that has read nothing), then the whole corpus.
    let long = judged.iter().find(|j| j.timing).ok_or_else(|| anyhow::anyhow!("no text marked for timing"))?;
    for _ in 0..TIMED_RUNS {
        black_box(extract(&linker, black_box(&long.text)));
    }
    let mut long_runs = Latencies::default();
    for _ in 0..TIMED_RUNS {
        let started = Instant::now();
        black_box(extract(&linker, black_box(&long.text)));
        long_runs.0.push(started.elapsed());
    }
    let mut long_cold = Latencies::default();
    for _ in 0..COLD_RUNS {
        let fresh = linker.clone();
        let started = Instant::now();
        black_box(extract(&fresh, black_box(&long.text)));
        long_cold.0.push(started.elapsed());
    }
    let started = Instant::now();
    for _ in 0..CORPUS_PASSES {
        for j in &judged {
            black_box(extract(&linker, black_box(&j.text)));
        }
    }
    let per_text_mean = started.elapsed() / (CORPUS_PASSES * judged.len()) as u32;
    // The worst a caller may send: the longest text read, one clause of negation cues and skills
    // (each skill's stance once looked back over every cue before it).
    let hostile = format!("{}{}", "no ".repeat(3_000), "x welding ".repeat(1_100));
    let started = Instant::now();
    black_box(extract(&linker, black_box(&hostile)));
    let hostile = (hostile.chars().count(), started.elapsed());

    Ok(Extraction {
        rows: table,
        scored,
        long: (long.id.clone(), words(&long.text)),
        long_runs,
        long_cold,
        per_text_mean,
        hostile,
        corpus_texts: judged.len(),
        corpus_words: judged.iter().map(|j| words(&j.text)).sum(),
        linker_build,
        labels,
    })
}

/// Words as a reader counts them: runs of letters or digits.
pub fn words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count()
}

impl Extraction {
    fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.labels.get(id).map_or(id, String::as_str)
    }

    pub fn table(&self) -> String {
        let mut out = format!(
            "Skill extraction: {} judged texts ({} words), EN and FR, terms of reference and CVs\n\n",
            self.corpus_texts, self.corpus_words
        );
        out.push_str(
            "| texts | n | gold skills | found as asked | true pos. | false pos. | missed | precision | recall | F1 |\n",
        );
        out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (name, c) in &self.rows {
            out.push_str(&format!(
                "| {name} | {} | {} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
                c.texts,
                c.gold,
                c.found,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            ));
        }
        let sum = |f: fn(&Scored) -> usize| self.scored.iter().map(f).sum::<usize>();
        let negated_total = sum(|s| s.negated.0 + s.negated.1 + s.negated.2);
        let gold_read_negated = self.scored.iter().flat_map(|s| &s.misses).filter(|m| m.1).count();
        out.push_str("\n| negation and stance | count |\n|---|---:|\n");
        out.push_str(&format!("| skills the texts say are not needed | {negated_total} |\n"));
        out.push_str(&format!("| … read as not needed | {} |\n", sum(|s| s.negated.0)));
        out.push_str(&format!(
            "| … read as asked: false positives from negated mentions | {} |\n",
            sum(|s| s.negated.1)
        ));
        out.push_str(&format!("| … not found at all | {} |\n", sum(|s| s.negated.2)));
        out.push_str(&format!("| gold skills read as not needed (counted as missed) | {gold_read_negated} |\n"));
        out.push_str(&format!(
            "| ToR nice-to-haves found, read as welcome | {} / {} |\n",
            sum(|s| s.welcome_read.0),
            sum(|s| s.welcome_read.1)
        ));
        out.push_str(&format!(
            "| ToR must-haves found, read as required | {} / {} |\n",
            sum(|s| s.required_read.0),
            sum(|s| s.required_read.1)
        ));

        out.push_str(&format!(
            "\n| time | ms |\n|---|---:|\n\
             | two-page ToR `{}` ({} words), p50 over {} runs after {} warm-up runs | {} |\n\
             | … p99 | {} |\n\
             | … first read by a fresh linker (nothing remembered), p50 over {} | {} |\n\
             | mean per text of the corpus ({} passes) | {:.3} |\n\
             | {} characters of negation cues and skills in one clause, once | {} |\n\
             | building the linker from the shipped taxonomy (once per load) | {} |\n",
            self.long.0,
            self.long.1,
            self.long_runs.0.len(),
            TIMED_RUNS,
            precise(self.long_runs.percentile(0.5)),
            precise(self.long_runs.percentile(0.99)),
            self.long_cold.0.len(),
            precise(self.long_cold.percentile(0.5)),
            CORPUS_PASSES,
            self.per_text_mean.as_secs_f64() * 1000.0,
            self.hostile.0,
            precise(self.hostile.1),
            ms(self.linker_build),
        ));

        out.push_str(
            "\nMisses (gold skill not found as asked) and false positives (found as asked, not gold), by text:\n",
        );
        for s in &self.scored {
            if s.misses.is_empty() && s.false_positives.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{}\n", s.id));
            for (skill, read_negated) in &s.misses {
                let how = if *read_negated { " — found but read as not needed" } else { "" };
                out.push_str(&format!("  - missed {skill} ({}){how}\n", self.label(skill)));
            }
            for (skill, words, negated) in &s.false_positives {
                let how = if *negated { " — the text says it is NOT needed" } else { "" };
                out.push_str(&format!("  + false positive {skill} ({}) from \"{words}\"{how}\n", self.label(skill)));
            }
        }
        out
    }
}

/// Milliseconds with three decimals: extraction is well under a millisecond.
fn precise(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}
