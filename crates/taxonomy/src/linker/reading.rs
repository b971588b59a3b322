//! How the linker reads a text's words against the labels' (for [`Linker::link`],
//! [`Linker::best`] and [`Linker::suggest`]): compounds, the same words in another form, typos,
//! and the weight of the words a text shares with each label.

use super::{AUTO_LINK, Found, Linker, MatchKind, fold, fuzzy, lexicon, spans};
use crate::normalize;
use std::collections::HashMap;

impl Linker {
    /// Labels met through the words of `normalized` (the normalised `text`): the same words in
    /// another form or order, then words corrected for typos, then words shared.
    pub(super) fn by_words(&self, text: &str, normalized: &str, typing: bool, found: &mut Found) {
        let key = fold::key(normalized);
        for &label in self.by_key.get(&key).map_or(&[][..], Vec::as_slice) {
            found.offer(self, label, MatchKind::Variant, 0.9);
        }
        let mut words = fold::content_words(normalized);
        words.sort_unstable();
        words.dedup();
        let (corrected, typos) = self.corrected(&words, typing);
        if typos.count > 0 {
            let key = corrected.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ");
            let confidence = if typos.doubtful { AUTO_LINK - 0.01 } else { 0.85 };
            for &label in self.by_key.get(&key).map_or(&[][..], Vec::as_slice) {
                found.offer(self, label, MatchKind::Fuzzy, confidence);
            }
        }
        let capitals = (corrected.len() > 1).then(|| written_in_capitals(text));
        self.shared_words(&corrected, &typos, capitals.as_deref(), found);
    }

    /// `normalized` with compounds written as the labels write them: two words that labels
    /// write as one are joined ("hydro power" → "hydropower"), and a word no label uses that is
    /// two words of labels is split ("agroforesterie" → "agro foresterie").
    pub(super) fn compounds(&self, normalized: &str) -> String {
        let known = |word: &str| self.by_word.contains_key(&fold::fold(word));
        let words: Vec<&str> = normalized.split(' ').collect();
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let word = words[i];
            let content = |w: &str| !fold::is_stop_word(w) && w.len() >= 2;
            if let Some(next) = words.get(i + 1)
                && content(word)
                && content(next)
                && known(&format!("{word}{next}"))
            {
                out.push(format!("{word}{next}"));
                i += 2;
                continue;
            }
            let real = |w: &str| lexicon::knows(&fold::fold(w)) || fold::is_filler(&fold::fold(w));
            // No word of a label is 40 letters long: a longer one is not split (nor costs).
            let split = ((8..=40).contains(&word.len()) && word.is_ascii() && !known(word) && !real(word))
                .then(|| (4..=word.len() - 4).find(|&at| known(&word[..at]) && known(&word[at..])))
                .flatten();
            match split {
                Some(at) => {
                    out.push(word[..at].to_owned());
                    out.push(word[at..].to_owned());
                }
                None => out.push(word.to_owned()),
            }
            i += 1;
        }
        out.join(" ")
    }

    /// The words of the text as the taxonomy knows them: a word it does not know, long enough,
    /// replaced by the nearest known word within the edits allowed; with `typing`, an unfinished
    /// last word stands for the known words it starts. Returns (word, weight factor) and how
    /// many typos were corrected.
    fn corrected(&self, words: &[String], typing: bool) -> (Vec<(String, f32)>, Typos) {
        let mut out = Vec::with_capacity(words.len());
        let mut typos = Typos::default();
        for (i, word) in words.iter().enumerate() {
            if self.by_word.contains_key(word) {
                out.push((word.clone(), 1.0));
                continue;
            }
            if typing && i + 1 == words.len() && word.len() >= 2 {
                let from = self.vocabulary.partition_point(|w| w.as_str() < word.as_str());
                let completions: Vec<&String> =
                    self.vocabulary[from..].iter().take_while(|w| w.starts_with(word.as_str())).take(20).collect();
                if !completions.is_empty() {
                    out.extend(completions.into_iter().map(|w| (w.clone(), 0.8)));
                    continue;
                }
            }
            // A typo keeps its first letter; a real word (known to the English lexicon) is only
            // another spelling of a skill's word when they differ by doubled letters.
            let allowed = fuzzy::allowed_edits(word.chars().count());
            let real = lexicon::knows(word);
            let first = word.chars().next();
            let nearest = (allowed > 0)
                .then(|| {
                    self.vocabulary
                        .iter()
                        .filter(|known| known.chars().next() == first)
                        .filter(|known| !real || fuzzy::same_but_doubled_letters(word, known))
                        .filter_map(|known| fuzzy::within(word, known, allowed).map(|d| (d, known)))
                        // Equally near words: the one a label uses with the text's other words
                        // ("radiologie interventionelle" is "interventionnelle", not the
                        // English "interventional"), then the rarer.
                        .min_by(|a, b| {
                            a.0.cmp(&b.0)
                                .then_with(|| self.beside(b.1, words).cmp(&self.beside(a.1, words)))
                                .then_with(|| self.weight(b.1).total_cmp(&self.weight(a.1)))
                        })
                })
                .flatten();
            match nearest {
                Some((edits, known)) => {
                    typos.count += 1;
                    typos.doubtful |= edits > 1 && word.chars().count() < SURE_WITH_TWO_EDITS;
                    out.push((known.clone(), 0.9));
                }
                None => out.push((word.clone(), 1.0)),
            }
        }
        (out, typos)
    }

    /// How many labels use `known` together with one of `words`.
    fn beside(&self, known: &str, words: &[String]) -> usize {
        let labels = self.by_word.get(known).map_or(&[][..], Vec::as_slice);
        labels.iter().filter(|l| self.labels[**l].words.iter().any(|w| w != known && words.contains(w))).count()
    }

    fn weight(&self, word: &str) -> f32 {
        match self.word_weight.get(word) {
            Some(weight) => *weight,
            // Words around a skill ("experience", "5 years") are not what the text is about.
            None if fold::is_filler(word) => 0.0,
            // Any other word no skill uses weighs like the rarest: it is what the text is about.
            None => (1.0 + self.concepts.len() as f32).ln(),
        }
    }

    /// Labels sharing words with the text: the label inside the text, the text inside the
    /// label, or some words in common, scored by the weight of what they share. `capitals`:
    /// for a text of several words, its words written in capitals (an acronym label counts
    /// only through them).
    fn shared_words(&self, words: &[(String, f32)], typos: &Typos, capitals: Option<&[String]>, found: &mut Found) {
        let text_weight: f32 = words.iter().map(|(w, f)| self.weight(w) * f).sum();
        if text_weight <= 0.0 {
            return;
        }
        let mut shared: HashMap<usize, f32> = HashMap::new();
        for (word, factor) in words {
            for &label in self.by_word.get(word).map_or(&[][..], Vec::as_slice) {
                *shared.entry(label).or_default() += self.weight(word) * factor;
            }
        }
        // Words that weigh nothing need not be in a label for the text to be inside it.
        let meant = |t: &String| self.weight(t) > 0.0;
        let typed = |kind: MatchKind, confidence: f32| match (typos.count, typos.doubtful) {
            (0, _) => (kind, confidence),
            (_, false) => (MatchKind::Fuzzy, confidence * 0.9),
            (_, true) => (MatchKind::Fuzzy, (confidence * 0.9).min(AUTO_LINK - 0.01)),
        };
        // By concept, its labels inside the text: together they may say more than each
        // ("WASH/EHA", "soudure/chaudronnerie", "EPI vaccination").
        let mut inside: HashMap<usize, Vec<usize>> = HashMap::new();
        for (label, common) in shared {
            let l = &self.labels[label];
            if l.weight <= 0.0 {
                continue;
            }
            if l.acronym && capitals.is_some_and(|c| !c.contains(&l.words[0])) {
                continue;
            }
            let label_inside = l.words.iter().all(|w| words.iter().any(|(t, _)| t == w));
            let text_inside = words.iter().all(|(t, _)| l.words.contains(t) || !meant(t));
            let (kind, confidence) = if label_inside && text_inside {
                (MatchKind::Variant, 0.88)
            } else if label_inside {
                (MatchKind::Contains, 0.55 + 0.35 * (l.weight / text_weight).min(1.0))
            } else if text_inside {
                (MatchKind::Within, 0.5 + 0.35 * (text_weight / l.weight).min(1.0))
            } else {
                (MatchKind::Words, 0.6 * common / (l.weight + text_weight - common).max(f32::EPSILON))
            };
            if label_inside && !text_inside {
                inside.entry(l.concept).or_default().push(label);
            }
            let (kind, confidence) = typed(kind, confidence);
            found.offer(self, label, kind, confidence);
        }
        for labels in inside.into_values().filter(|labels| labels.len() > 1) {
            let mut covered: Vec<&String> = labels.iter().flat_map(|l| &self.labels[*l].words).collect();
            covered.sort_unstable();
            covered.dedup();
            let weight: f32 = words.iter().filter(|(t, _)| covered.contains(&t)).map(|(t, f)| self.weight(t) * f).sum();
            let whole = words.iter().all(|(t, _)| covered.contains(&t) || !meant(t));
            let (kind, confidence) = if whole {
                (MatchKind::Variant, 0.88)
            } else {
                (MatchKind::Contains, 0.55 + 0.35 * (weight / text_weight).min(1.0))
            };
            let heaviest =
                labels.iter().copied().max_by(|a, b| self.labels[*a].weight.total_cmp(&self.labels[*b].weight));
            let (kind, confidence) = typed(kind, confidence);
            found.offer(self, heaviest.unwrap_or(labels[0]), kind, confidence);
        }
    }
}

/// The typos [`Linker::corrected`] took out of a text.
#[derive(Debug, Default)]
struct Typos {
    count: usize,
    /// A word shorter than [`SURE_WITH_TWO_EDITS`] needed two edits: such a word is too often
    /// another real word ("astronomie" is not a misspelt "agronomie"), so what it links to is
    /// offered, never taken without asking.
    doubtful: bool,
}

/// From this length a word two edits from a skill's word is taken as a typo of it
/// ("décentralistion", "vulgarisaton", "entreprenariat").
const SURE_WITH_TWO_EDITS: usize = 11;

/// The words of `text` written with two capitals or more ("ICU", "SIGE"), normalised and
/// folded as labels' words are.
fn written_in_capitals(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| spans::cased(w))
        .flat_map(|w| fold::words(&normalize(w)))
        .collect()
}
