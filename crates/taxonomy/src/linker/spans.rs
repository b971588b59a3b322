//! Finding labels inside running text ("Nous recherchons un formateur en soudure TIG pour…"),
//! with where each occurs: the words of the text are folded one by one, and the longest run of
//! words that is a whole label wins, left to right, without overlaps.

use super::fold;
use crate::normalize;
use crate::store::SkillId;
use serde::Serialize;
use std::collections::HashMap;

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

#[derive(Debug, Clone, Default)]
pub(super) struct Sequences {
    by_words: HashMap<String, Vec<usize>>,
    /// For each word a label starts with, the most words such a label has: most words of a
    /// running text start none, and are passed over with one lookup.
    starts: HashMap<String, usize>,
}

/// The words of a text with their byte ranges: split where `normalize` would put a space.
pub(crate) fn words_of(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let flush = |out: &mut Vec<(String, usize, usize)>, from: usize, to: usize| {
        for word in normalize(&text[from..to]).split(' ').filter(|w| !w.is_empty()) {
            out.push((fold::fold(word), from, to));
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(from) = start.take() {
            flush(&mut out, from, i);
        }
    }
    if let Some(from) = start {
        flush(&mut out, from, text.len());
    }
    out
}

impl Sequences {
    pub(super) fn add(&mut self, normalized: &str, label: usize) {
        let words = fold::words(normalized);
        // A label of little words only ("de la") is never looked for in running text.
        if words.iter().all(|w| fold::is_stop_word(w)) {
            return;
        }
        let longest = self.starts.entry(words[0].clone()).or_default();
        *longest = (*longest).max(words.len());
        self.by_words.entry(words.join(" ")).or_default().push(label);
    }

    pub(super) fn find(&self, text: &str, describe: impl Fn(usize) -> (SkillId, String, String)) -> Vec<Span> {
        let words = words_of(text);
        let mut spans: Vec<Span> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut matched = 0;
            let longest = self.starts.get(&words[i].0).copied().unwrap_or(0);
            for length in (1..=longest.min(words.len() - i)).rev() {
                let run: Vec<&str> = words[i..i + length].iter().map(|(w, ..)| w.as_str()).collect();
                if fold::is_stop_word(run[0]) || fold::is_stop_word(run[length - 1]) {
                    continue;
                }
                if let Some(labels) = self.by_words.get(&run.join(" ")) {
                    let (start, end) = (words[i].1, words[i + length - 1].2);
                    for &label in labels {
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
