//! The skill linker: the one place where typed text becomes skills of the taxonomy, for every
//! form, import and query (ARCHITECTURE decision 2). Pure: built from the taxonomy's labels, it
//! does no IO.
//!
//! It answers ranked candidates, each with the kind of match and a confidence, in this order:
//! the exact preferred label, the exact alternative label, the same words in another form
//! (gender, plural, spelling, word order — see `fold`), a label that starts with what was typed
//! (suggestions only), a label contained in the text, a label that contains the text, some words
//! in common, and typos — in both languages whatever the reader's. Rare words weigh more than
//! common ones ("anesthésie" says more than "gestion"). What it cannot link well enough is kept
//! as text by its callers, never refused.

pub mod fold;
mod fuzzy;
mod lexicon;
mod reading;
mod spans;

use crate::normalize;
use crate::store::SkillId;
use serde::Serialize;
use std::collections::HashMap;

pub use spans::Span;
pub(crate) use spans::TextWords;

/// Links at least this confident are taken without asking (a form, an import, a request);
/// below, the text stays free text and the candidates are suggestions.
pub const AUTO_LINK: f32 = 0.75;

/// How a text met a skill's label, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Preferred,
    Alternative,
    Variant,
    Prefix,
    Contains,
    Within,
    Words,
    Fuzzy,
}

/// A candidate skill for a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub skill: SkillId,
    pub kind: MatchKind,
    /// From 0 to 1.
    pub confidence: f32,
    /// The label that matched, as written, and its language.
    pub label: String,
    pub lang: String,
}

/// One label of a skill, as the linker is built from it.
#[derive(Debug, Clone)]
pub struct LabelInput {
    pub skill: SkillId,
    pub lang: String,
    pub text: String,
    pub preferred: bool,
    /// Curated skills win over ones imported from ESCO when labels tie.
    pub curated: bool,
}

#[derive(Debug, Clone)]
struct Label {
    concept: usize,
    lang: String,
    text: String,
    normalized: String,
    preferred: bool,
    /// Content words, folded and deduplicated.
    words: Vec<String>,
    weight: f32,
    /// One word written in capitals ("MIS", "SEN"): in a text of several words it counts only
    /// when written in capitals there too ("mise en place", "sens de l'organisation"). Names
    /// written in mixed case ("ArcGIS", "MongoDB") are typed in lower case in a search box.
    acronym: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Linker {
    concepts: Vec<(SkillId, bool)>,
    index: HashMap<SkillId, usize>,
    labels: Vec<Label>,
    by_normalized: HashMap<String, Vec<usize>>,
    by_key: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
    word_weight: HashMap<String, f32>,
    /// Distinct content words, sorted (for typos and for words being typed).
    vocabulary: Vec<String>,
    spans: spans::Sequences,
}

impl Linker {
    pub fn new(inputs: impl IntoIterator<Item = LabelInput>) -> Linker {
        let mut linker = Linker::default();
        for input in inputs {
            let normalized = normalize(&input.text);
            if normalized.is_empty() {
                continue;
            }
            let concept = *linker.index.entry(input.skill.clone()).or_insert_with(|| {
                linker.concepts.push((input.skill.clone(), input.curated));
                linker.concepts.len() - 1
            });
            let mut words = fold::content_words(&normalized);
            words.sort_unstable();
            words.dedup();
            let label = linker.labels.len();
            linker.by_normalized.entry(normalized.clone()).or_default().push(label);
            linker.by_key.entry(words.join(" ")).or_default().push(label);
            for word in &words {
                linker.by_word.entry(word.clone()).or_default().push(label);
            }
            linker.spans.add(&input.text, &normalized, label);
            let acronym = fold::words(&normalized).len() == 1 && in_capitals(&input.text);
            linker.labels.push(Label {
                acronym,
                concept,
                lang: input.lang,
                text: input.text,
                normalized,
                preferred: input.preferred,
                words,
                weight: 0.0,
            });
        }
        // A word's weight: how few skills use it (inverse document frequency over skills).
        let skills = linker.concepts.len().max(1) as f32;
        for (word, labels) in &linker.by_word {
            let mut concepts: Vec<usize> = labels.iter().map(|l| linker.labels[*l].concept).collect();
            concepts.sort_unstable();
            concepts.dedup();
            linker.word_weight.insert(word.clone(), (1.0 + skills / concepts.len() as f32).ln());
        }
        for label in &mut linker.labels {
            label.weight = label.words.iter().map(|w| linker.word_weight.get(w).copied().unwrap_or(0.0)).sum();
        }
        linker.vocabulary = linker.by_word.keys().cloned().collect();
        linker.vocabulary.sort_unstable();
        linker
    }

    /// How many skills the linker knows.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    pub fn knows(&self, skill: &SkillId) -> bool {
        self.index.contains_key(skill)
    }

    /// The candidate skills for `text`, best first, one link per skill (the first 50).
    pub fn link(&self, text: &str) -> Vec<Link> {
        self.candidates(text, false, 50)
    }

    /// The skill `text` names, when the linker is sure enough ([`AUTO_LINK`]) and no other skill
    /// is as good.
    pub fn best(&self, text: &str) -> Option<Link> {
        // Most texts are a label as written: then nothing else needs weighing. Labels of
        // several skills that normalise alike may differ in case ("EiE", "EIE"): then the one
        // written exactly so decides.
        if let Some(all) = self.by_normalized.get(&normalize(text)) {
            let as_written: Vec<usize> = all.iter().copied().filter(|l| self.written_so(*l, text)).collect();
            let labels = if as_written.is_empty() { all.as_slice() } else { as_written.as_slice() };
            let concept = self.labels[labels[0]].concept;
            if labels.iter().all(|l| self.labels[*l].concept == concept) {
                let l = &self.labels[labels.iter().copied().find(|l| self.labels[*l].preferred).unwrap_or(labels[0])];
                let (kind, confidence) =
                    if l.preferred { (MatchKind::Preferred, 1.0) } else { (MatchKind::Alternative, 0.95) };
                return Some(Link {
                    skill: self.concepts[concept].0.clone(),
                    kind,
                    confidence,
                    label: l.text.clone(),
                    lang: l.lang.clone(),
                });
            }
        }
        let mut links = self.candidates(text, false, 2).into_iter();
        let first = links.next().filter(|l| l.confidence >= AUTO_LINK)?;
        match links.next() {
            Some(second) if second.confidence >= first.confidence && second.kind == first.kind => None,
            _ => Some(first),
        }
    }

    /// Whether label number `label` is written exactly as `text` (case and accents included).
    fn written_so(&self, label: usize, text: &str) -> bool {
        self.labels[label].text == text.trim()
    }

    /// Candidates for what someone is typing: the last word may be unfinished.
    pub fn suggest(&self, typed: &str, limit: usize) -> Vec<Link> {
        self.candidates(typed, true, limit)
    }

    /// Where labels of skills occur in a running text (longest first, without overlaps).
    pub fn find_in(&self, text: &str) -> Vec<Span> {
        self.find_in_words(&self.words_of(text), false)
    }

    /// The words of a text as [`Linker::find_in`] reads them.
    pub(crate) fn words_of(&self, text: &str) -> TextWords {
        self.spans.words(text)
    }

    /// `as_written`: read as running text, where an acronym counts only in capitals.
    pub(crate) fn find_in_words(&self, words: &TextWords, as_written: bool) -> Vec<Span> {
        self.spans.find(words, as_written, |label| {
            let l = &self.labels[label];
            (self.concepts[l.concept].0.clone(), l.text.clone(), l.lang.clone())
        })
    }

    fn candidates(&self, text: &str, typing: bool, limit: usize) -> Vec<Link> {
        let normalized = normalize(text);
        if normalized.is_empty() {
            return vec![];
        }
        let mut found = Found::default();
        for &label in self.by_normalized.get(&normalized).map_or(&[][..], Vec::as_slice) {
            let l = &self.labels[label];
            // Written exactly so, an alternative label goes before one that differs in case
            // ("EIE" and "EiE" name two skills), as in `best`.
            let (kind, confidence) = match (l.preferred, self.written_so(label, text)) {
                (true, _) => (MatchKind::Preferred, 1.0),
                (false, true) => (MatchKind::Alternative, 0.96),
                (false, false) => (MatchKind::Alternative, 0.95),
            };
            found.offer(self, label, kind, confidence);
        }
        if typing {
            self.prefixes(&normalized, &mut found);
        }
        self.by_words(text, &normalized, typing, &mut found);
        // Compounds written apart or together ("hydro power", "agroforesterie") are also read
        // as the labels write them; the reading as typed still counts ("post harvest").
        let compounded = self.compounds(&normalized);
        if compounded != normalized {
            self.by_words(text, &compounded, typing, &mut found);
        }
        found.ranked(self, limit)
    }

    /// Labels that start with what was typed.
    fn prefixes(&self, normalized: &str, found: &mut Found) {
        for (label, l) in self.labels.iter().enumerate() {
            if l.normalized.starts_with(normalized) && l.normalized != normalized {
                let share = normalized.len() as f32 / l.normalized.len() as f32;
                found.offer(self, label, MatchKind::Prefix, 0.6 + 0.3 * share);
            }
        }
    }
}

/// The best label of each concept met so far.
#[derive(Default)]
struct Found {
    best: HashMap<usize, (usize, MatchKind, f32)>,
}

impl Found {
    fn offer(&mut self, linker: &Linker, label: usize, kind: MatchKind, confidence: f32) {
        let concept = linker.labels[label].concept;
        let better = match self.best.get(&concept) {
            None => true,
            Some((_, k, c)) => confidence > *c || (confidence == *c && kind < *k),
        };
        if better {
            self.best.insert(concept, (label, kind, confidence.clamp(0.0, 1.0)));
        }
    }

    /// The `limit` best, as links (built only for those kept).
    fn ranked(self, linker: &Linker, limit: usize) -> Vec<Link> {
        let mut found: Vec<(usize, MatchKind, f32)> = self.best.into_values().collect();
        let order = |&(label, kind, confidence): &(usize, MatchKind, f32)| {
            let l = &linker.labels[label];
            (confidence, kind, linker.concepts[l.concept].1, l.normalized.len(), l.concept)
        };
        found.sort_unstable_by(|a, b| {
            let (a, b) = (order(a), order(b));
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(b.2.cmp(&a.2))
                .then(a.3.cmp(&b.3))
                .then(linker.concepts[a.4].0.cmp(&linker.concepts[b.4].0))
        });
        found
            .into_iter()
            .take(limit)
            .map(|(label, kind, confidence)| {
                let l = &linker.labels[label];
                Link {
                    skill: linker.concepts[l.concept].0.clone(),
                    kind,
                    confidence,
                    label: l.text.clone(),
                    lang: l.lang.clone(),
                }
            })
            .collect()
    }
}

/// Whether `text` is written in capitals only, two letters or more ("ICU", "DHIS2").
fn in_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests;
