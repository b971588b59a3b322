//! English words, from ESCO's skills and occupations (`search-index/taxonomy/english-words.txt`,
//! written by `tools/english_words.py`; ESCO is the European Skills, Competences, Qualifications
//! and Occupations classification of the European Commission). A typed word found here is a
//! word the writer meant, not a typo of a skill's word: "podiatry" is not a misspelt
//! "paediatrics", nor "sericulture" what a host wants who typed "héliciculture".

use super::fold;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

const WORDS: &str = include_str!("../../../../search-index/taxonomy/english-words.txt");

/// Folded as the linker folds what it reads, so that "podiatries" is known too.
static KNOWN: LazyLock<FxHashSet<String>> = LazyLock::new(|| WORDS.lines().map(fold::fold).collect());

/// Whether `word` (normalised and folded) is a known English word.
pub fn knows(word: &str) -> bool {
    KNOWN.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_words_are_known_and_typos_are_not() {
        for word in ["podiatry", "welding", "midwifery", "statistics"] {
            assert!(knows(&fold::fold(word)), "{word}");
        }
        for typo in ["cybersecuirty", "refrigiration", "anaesthesiolgy", "geotechincal"] {
            assert!(!knows(&fold::fold(typo)), "{typo}");
        }
    }
}
