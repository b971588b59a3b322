//! Finding labels inside running text ("Nous recherchons un formateur en soudure TIG pour…"),
//! with where each occurs: the words of the text are folded one by one, and the longest run of
//! words that is a whole label wins, left to right, without overlaps.
//!
//! Every expert's headline, summary and roles are read this way when the index is built, so
//! reading is kept cheap: the words labels are made of are numbered, a label is a sequence of
//! numbers, and a run of letters once read (normalised, folded, numbered) is remembered, since a
//! roster writes the same few tens of thousands of words again and again.

use super::fold;
use crate::normalize;
use crate::store::SkillId;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// A label found in a text: the skill, the label as written in the taxonomy, and the byte range
/// of the text that named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub skill: SkillId,
    pub label: String,
    pub lang: String,
    pub start: usize,
    pub end: usize,
}

/// A word of a text as the linker reads it: folded, and its number among the words of labels
/// (none when no label has it).
#[derive(Debug)]
pub(crate) struct Word {
    pub(crate) folded: Box<str>,
    number: Option<u32>,
    /// Written with two capitals or more ("ICU", "SAFe"), as an acronym is.
    cased: bool,
    /// Written as a little word of running text that folds onto a skill's word ("mais", "but",
    /// folds as "maïs", maize does).
    function: bool,
}

/// The words of one run of letters and digits ("Infirmière" is one; "½" normalises to two).
type Run = Arc<[Word]>;

/// The words of a text, in order, each with the byte range of the run of letters it came from
/// and what separates that run from the one before.
pub(crate) struct TextWords {
    runs: Vec<(Run, usize, usize, Gap)>,
}

impl TextWords {
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Word, usize, usize)> {
        self.with_gaps().map(|(word, from, to, _)| (word, from, to))
    }

    /// The words, each with what separates it from the word before.
    fn with_gaps(&self) -> impl Iterator<Item = (&Word, usize, usize, Gap)> {
        self.runs.iter().flat_map(|(run, from, to, gap)| {
            run.iter().enumerate().map(move |(i, word)| (word, *from, *to, if i == 0 { *gap } else { Gap::Space }))
        })
    }
}

/// What lies between two words of a text, as far as a label may run across it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Spaces, a hyphen, a slash, a line wrapped inside a sentence.
    Space,
    /// A comma: only a label written with one runs across it ("water, sanitation and hygiene").
    Comma,
    /// The end of a sentence or a clause, a colon, a list's bullet, a blank line: no label runs
    /// across it ("Nursing; midwifery" is not midwifery teaching, "in public. Health" not
    /// public health).
    Break,
}

impl Gap {
    fn of(between: &str) -> Gap {
        let lines = between.matches('\n').count();
        // Inside a word ("Node.js", "ASP.NET") a dot ends nothing: only followed by a space.
        let spaced = between.contains(char::is_whitespace);
        // A bullet starts a line ("- Midwifery"); a hyphen ending one joins a word ("sages-\nfemmes").
        let bullet = between.rsplit('\n').next().filter(|_| lines > 0).is_some_and(|line| line.contains(['-', '*']));
        // A dash or a bar between spaces separates ("Nurse | Midwifery", "Midwifery – teaching").
        let separator = (spaced && between.contains(['|', '–', '—'])) || between.contains(" - ");
        if (spaced && between.contains('.'))
            || between.contains([';', ':', '!', '?', '•', '·'])
            || lines > 1
            || bullet
            || separator
        {
            Gap::Break
        } else if between.contains(',') {
            Gap::Comma
        } else {
            Gap::Space
        }
    }
}

/// Words that, written so in running text, are little words of the language, though folded
/// they meet a skill's word: "mais" is "but", "maïs" is maize.
const FUNCTION_WORDS_AS_WRITTEN: &[&str] = &["mais"];

/// Whether a text or a label is written with two capitals or more, as an acronym is.
pub(super) fn cased(text: &str) -> bool {
    text.chars().filter(|c| c.is_uppercase()).nth(1).is_some()
}

/// Runs remembered before the memory is emptied: some megabytes, more words than a roster of a
/// million experts uses in its texts.
const REMEMBERED_RUNS: usize = 200_000;

#[derive(Debug, Default)]
pub(super) struct Sequences {
    /// Each word labels are made of, numbered.
    numbers: FxHashMap<Box<str>, u32>,
    /// By number: the most words a label starting with that word has (0: none starts with it),
    /// so that most words of a running text are passed over with one lookup.
    longest: Vec<usize>,
    stop: Vec<bool>,
    /// By label: a one-word label written as an acronym ("MIS", "AI", "LED"), which running
    /// text names only in capitals ("mise", "j'ai" and "led" do not).
    acronym: Vec<bool>,
    /// By label: written with a comma, so that it runs across one in a text.
    comma: Vec<bool>,
    by_words: FxHashMap<Box<[u32]>, Vec<usize>>,
    /// Runs of text already read. Taken only when free: a reader never waits for another.
    remembered: Mutex<FxHashMap<Box<str>, Run>>,
}

/// A copy knows the same labels and starts with nothing remembered.
impl Clone for Sequences {
    fn clone(&self) -> Self {
        Sequences {
            numbers: self.numbers.clone(),
            longest: self.longest.clone(),
            stop: self.stop.clone(),
            acronym: self.acronym.clone(),
            comma: self.comma.clone(),
            by_words: self.by_words.clone(),
            remembered: Mutex::default(),
        }
    }
}

impl Sequences {
    /// Adds label number `label`, written `text`, whose normalised form is `normalized`.
    pub(super) fn add(&mut self, text: &str, normalized: &str, label: usize) {
        let words = fold::words(normalized);
        if self.acronym.len() <= label {
            self.acronym.resize(label + 1, false);
            self.comma.resize(label + 1, false);
        }
        self.acronym[label] = words.len() == 1 && cased(text);
        self.comma[label] = text.contains(',');
        // A label of little words only ("de la") is never looked for in running text.
        if words.iter().all(|w| fold::is_stop_word(w)) {
            return;
        }
        let numbers: Box<[u32]> = words.iter().map(|w| self.number(w)).collect();
        let first = numbers[0] as usize;
        self.longest[first] = self.longest[first].max(numbers.len());
        self.by_words.entry(numbers).or_default().push(label);
        // Numbers of words read before this label was added may be missing: forget them.
        if let Ok(runs) = self.remembered.get_mut() {
            runs.clear();
        }
    }

    fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = u32::try_from(self.longest.len()).expect("fewer than four billion words in labels");
        self.numbers.insert(word.into(), n);
        self.longest.push(0);
        self.stop.push(fold::is_stop_word(word));
        n
    }

    /// The words of `text`: split where `normalize` would put a space, folded and numbered.
    pub(super) fn words(&self, text: &str) -> TextWords {
        let mut remembered = self.remembered.try_lock().ok();
        let mut runs = Vec::new();
        let mut start = None;
        let mut last_end = 0;
        let mut read = |from: usize, to: usize| {
            let gap = Gap::of(&text[last_end..from]);
            last_end = to;
            let raw = &text[from..to];
            let known = remembered.as_deref().and_then(|r| r.get(raw).cloned());
            let run = known.unwrap_or_else(|| {
                let run = self.read(raw);
                if let Some(r) = remembered.as_deref_mut() {
                    if r.len() >= REMEMBERED_RUNS {
                        r.clear();
                    }
                    r.insert(raw.into(), Arc::clone(&run));
                }
                run
            });
            runs.push((run, from, to, gap));
        };
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(from) = start.take() {
                read(from, i);
            }
        }
        if let Some(from) = start {
            read(from, text.len());
        }
        TextWords { runs }
    }

    fn read(&self, raw: &str) -> Run {
        let cased = cased(raw);
        let function = FUNCTION_WORDS_AS_WRITTEN.iter().any(|w| raw.eq_ignore_ascii_case(w));
        normalize(raw)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| {
                let folded = fold::fold(w);
                Word { number: self.numbers.get(folded.as_str()).copied(), folded: folded.into(), cased, function }
            })
            .collect()
    }

    /// Whether running text written as `word` may name label number `label` on its own: an
    /// acronym only in capitals, and never a little word of the language.
    fn names_alone(&self, word: &Word, label: usize) -> bool {
        !word.function && (word.cased || !self.acronym.get(label).copied().unwrap_or(false))
    }

    /// The labels found in `text`, longest first. `as_written` reads it as running text (terms
    /// of reference, a summary): a one-word label is then found only where the text's word is
    /// written as the label would be (see [`Sequences::names_alone`]); a search box's words are
    /// read without it, since people type "icu" for ICU there.
    pub(super) fn find(
        &self,
        text: &TextWords,
        as_written: bool,
        describe: impl Fn(usize) -> (SkillId, String, String),
    ) -> Vec<Span> {
        let words: Vec<(&Word, usize, usize, Gap)> = text.with_gaps().collect();
        let mut spans: Vec<Span> = Vec::new();
        let mut sequence: Vec<u32> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let longest = words[i].0.number.map_or(0, |n| self.longest[n as usize]).min(words.len() - i);
            sequence.clear();
            // A label does not run across the end of a sentence, a colon or a bullet.
            sequence.extend(
                words[i..i + longest]
                    .iter()
                    .enumerate()
                    .map_while(|(k, (w, _, _, gap))| if k > 0 && *gap == Gap::Break { None } else { w.number }),
            );
            let mut matched = 0;
            for length in (1..=sequence.len()).rev() {
                let run = &sequence[..length];
                if self.stop[run[0] as usize] || self.stop[run[length - 1] as usize] {
                    continue;
                }
                if let Some(labels) = self.by_words.get(run) {
                    let (start, end) = (words[i].1, words[i + length - 1].2);
                    let comma = words[i + 1..i + length].iter().any(|w| w.3 == Gap::Comma);
                    let named = |label: &usize| {
                        (length > 1 || !as_written || self.names_alone(words[i].0, *label))
                            && (!comma || self.comma[*label])
                    };
                    if !labels.iter().any(named) {
                        continue;
                    }
                    for &label in labels.iter().filter(|l| named(l)) {
                        let (skill, label, lang) = describe(label);
                        if !spans.iter().any(|s| s.skill == skill && s.start == start) {
                            spans.push(Span { skill, label, lang, start, end });
                        }
                    }
                    matched = length;
                    break;
                }
            }
            i += matched.max(1);
        }
        spans
    }
}
