//! Skills named in a running text (terms of reference, a summary, a work history), read the
//! way a coordinator reads them: each label of the taxonomy found in the text with the words
//! that named it, whether the sentence asks for it or only welcomes it ("… would be an asset",
//! "… souhaitée"), and whether it is said *not* to be needed ("pas d'expérience en chirurgie
//! requise", "no surgery"). Built on the linker's spans, so a word is read the same way here
//! as in every form. Pure: no IO.

use crate::linker::{Linker, Span, fold, words_of};
use crate::store::SkillId;
use serde::Serialize;

/// What a sentence says of a skill it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Asked for: a must-have.
    Required,
    /// Welcome but not required: a nice-to-have.
    Welcome,
    /// Said not to be needed, or excluded.
    Negated,
}

/// A skill found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub skill: SkillId,
    /// The taxonomy's label that matched, as written there, and its language.
    pub label: String,
    pub lang: String,
    /// The byte range of the text that named it (the first time it is named).
    pub start: usize,
    pub end: usize,
    pub stance: Stance,
    /// From 0 to 1: a label of several words is surer than a single word, a short word (an
    /// abbreviation) less sure.
    pub confidence: f32,
}

/// Words that say what follows them in a clause is not needed ("pas de", "sans", "no", "not").
const NEGATION_BEFORE: &[&str] =
    &["pas", "sans", "aucun", "aucune", "ni", "non", "hors", "no", "not", "without", "nor", "except", "excluding"];
/// Words that say what comes before them is not needed ("… non requise", "… not required").
const NEGATION_AFTER: &[&str] =
    &["non requis", "pas requis", "pas necessaire", "not required", "not needed", "unnecessary"];
/// Words that make a clause a wish rather than a requirement.
const WELCOME: &[&str] = &[
    "souhaite",
    "souhaitable",
    "atout",
    "apprecie",
    "un plus",
    "de preference",
    "idealement",
    "eventuellement",
    "asset",
    "a plus",
    "nice to have",
    "desirable",
    "preferably",
    "preferred",
    "ideally",
    "advantage",
    "optional",
    "facultatif",
    "bonus",
];
/// Words that end a clause's negation even inside one sentence ("sans chirurgie, mais avec…").
const CLAUSE_BREAK: &[&str] = &["mais", "but", "however", "cependant", "toutefois", "whereas", "alors"];

/// The most of a text that is read: some twenty pages of terms of reference. The API refuses a
/// longer text at its field; a form's find-the-skills step and an index read its beginning, so
/// that no text, however long, holds a worker for long.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The skills `text` names, first named first, each once: if any mention asks for a skill it is
/// required; else welcome if any mention welcomes it; negated only when every mention negates it.
/// Only the first [`MAX_TEXT_CHARS`] characters are read.
pub fn extract(linker: &Linker, text: &str) -> Vec<Found> {
    let text = match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let spans = linker.find_in(text);
    // Most texts an index reads (a profile's roles, a credential's title) name nothing: their
    // clauses are not read.
    let clauses = if spans.is_empty() { vec![] } else { clauses(text) };
    let mut found: Vec<Found> = Vec::new();
    for span in spans {
        let stance = clauses
            .iter()
            .find(|c| c.start <= span.start && span.end <= c.end)
            .map_or(Stance::Required, |clause| clause.stance_of(&span));
        let confidence = confidence(&span, text);
        match found.iter_mut().find(|f| f.skill == span.skill) {
            Some(known) => {
                known.stance = stronger(known.stance, stance);
                known.confidence = known.confidence.max(confidence);
            }
            None => found.push(Found {
                skill: span.skill,
                label: span.label,
                lang: span.lang,
                start: span.start,
                end: span.end,
                stance,
                confidence,
            }),
        }
    }
    found
}

fn stronger(a: Stance, b: Stance) -> Stance {
    let rank = |s| match s {
        Stance::Required => 2,
        Stance::Welcome => 1,
        Stance::Negated => 0,
    };
    if rank(a) >= rank(b) { a } else { b }
}

fn confidence(span: &Span, text: &str) -> f32 {
    let named = &text[span.start..span.end];
    let words = named.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
    match (words, named.chars().count()) {
        (1, chars) if chars <= 4 => 0.6,
        (1, _) => 0.75,
        (2, _) => 0.9,
        _ => 0.95,
    }
}

/// A clause: a stretch of one sentence between breaks, with its words folded and where each is.
struct Clause {
    start: usize,
    end: usize,
    /// Folded words with their byte ranges in the text.
    words: Vec<(String, usize, usize)>,
    welcome: bool,
}

impl Clause {
    fn stance_of(&self, span: &Span) -> Stance {
        let before: Vec<&str> = self.words.iter().filter(|w| w.2 <= span.start).map(|w| w.0.as_str()).collect();
        let after: Vec<&str> = self.words.iter().filter(|w| w.1 >= span.end).map(|w| w.0.as_str()).collect();
        let negated_before = before.iter().any(|w| NEGATION_BEFORE.iter().any(|cue| folded(cue) == *w));
        let tail = after.iter().take(4).copied().collect::<Vec<_>>().join(" ");
        let negated_after = NEGATION_AFTER.iter().any(|cue| contains_words(&tail, &folded(cue)));
        if negated_before || negated_after {
            Stance::Negated
        } else if self.welcome {
            Stance::Welcome
        } else {
            Stance::Required
        }
    }
}

/// The text cut into clauses: at the ends of sentences, lines and list items, and before the
/// words that turn a sentence around ("mais", "but").
fn clauses(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut start = 0;
    let cut = |out: &mut Vec<Clause>, from: usize, to: usize| {
        if from < to {
            out.push(clause(text, from, to));
        }
    };
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | ';' | '!' | '?' | '\n' | '•' | '(' | ')') {
            cut(&mut out, start, i);
            start = i + c.len_utf8();
        }
    }
    cut(&mut out, start, text.len());
    // Within a sentence, "mais" / "but" starts a new clause.
    out.into_iter()
        .flat_map(|c| {
            let breaks: Vec<usize> =
                c.words.iter().filter(|w| CLAUSE_BREAK.iter().any(|cue| folded(cue) == w.0)).map(|w| w.1).collect();
            if breaks.is_empty() {
                return vec![c];
            }
            let mut pieces = Vec::new();
            let mut from = c.start;
            for at in breaks {
                if from < at {
                    pieces.push(clause(text, from, at));
                }
                from = at;
            }
            pieces.push(clause(text, from, c.end));
            pieces
        })
        .collect()
}

fn clause(text: &str, start: usize, end: usize) -> Clause {
    let words: Vec<(String, usize, usize)> =
        words_of(&text[start..end]).into_iter().map(|(word, from, to)| (word, start + from, start + to)).collect();
    let joined = words.iter().map(|w| w.0.as_str()).collect::<Vec<_>>().join(" ");
    let welcome = WELCOME.iter().any(|cue| contains_words(&joined, &folded(cue)));
    Clause { start, end, words, welcome }
}

/// A cue's words folded as a text's words are.
fn folded(cue: &str) -> String {
    crate::normalize(cue).split(' ').filter(|w| !w.is_empty()).map(fold::fold).collect::<Vec<_>>().join(" ")
}

/// Whether `cue` occurs in `joined` as whole words.
fn contains_words(joined: &str, cue: &str) -> bool {
    let padded = format!(" {joined} ");
    padded.contains(&format!(" {cue} "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linker::LabelInput;

    fn linker() -> Linker {
        let label = |skill: &str, lang: &str, text: &str, preferred: bool| LabelInput {
            skill: SkillId::parse(skill).unwrap(),
            lang: lang.into(),
            text: text.into(),
            preferred,
            curated: true,
        };
        Linker::new([
            label("welding", "fr", "soudure", true),
            label("welding", "en", "welding", true),
            label("tig-welding", "fr", "soudure TIG", true),
            label("general-surgery", "fr", "chirurgie", false),
            label("general-surgery", "en", "surgery", false),
            label("paediatrics", "fr", "pédiatrie", true),
            label("excel", "en", "spreadsheets", true),
            label("teaching", "fr", "pédagogie", true),
        ])
    }

    fn stances(text: &str) -> Vec<(String, Stance)> {
        extract(&linker(), text).into_iter().map(|f| (f.skill.to_string(), f.stance)).collect()
    }

    #[test]
    fn only_the_beginning_of_a_very_long_text_is_read() {
        // Multi-byte filler: the cut falls on a character, not inside one.
        let filler = "é ".repeat(MAX_TEXT_CHARS / 2 - 20);
        let text = format!("soudure {filler}{} chirurgie", "x ".repeat(30));
        let found: Vec<String> = extract(&linker(), &text).into_iter().map(|f| f.skill.to_string()).collect();
        assert_eq!(found, ["welding"], "what comes after the first {MAX_TEXT_CHARS} characters is not read");
        let short = format!("soudure {filler} chirurgie");
        assert_eq!(extract(&linker(), &short).len(), 2, "a text within the bound is read whole");
    }

    #[test]
    fn the_longest_label_is_taken_and_named_with_its_words() {
        let text = "Nous recherchons un formateur en soudure TIG pour l'IPRC.";
        let found = extract(&linker(), text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].skill.to_string(), "tig-welding");
        assert_eq!(&text[found[0].start..found[0].end], "soudure TIG");
        assert!(found[0].confidence >= 0.9);
    }

    #[test]
    fn negations_before_and_after_are_not_asked_for() {
        assert_eq!(
            stances("Pas d'expérience en chirurgie requise. Pédiatrie indispensable."),
            vec![("general-surgery".into(), Stance::Negated), ("paediatrics".into(), Stance::Required)]
        );
        assert_eq!(
            stances("Surgery not required; teaching in pédagogie."),
            vec![("general-surgery".into(), Stance::Negated), ("teaching".into(), Stance::Required)]
        );
        // "mais" ends the negation: what follows is asked for.
        assert_eq!(
            stances("Sans chirurgie, mais avec une solide pédiatrie."),
            vec![("general-surgery".into(), Stance::Negated), ("paediatrics".into(), Stance::Required)]
        );
    }

    #[test]
    fn wishes_are_welcome_and_a_required_mention_wins() {
        assert_eq!(
            stances("Welding trainer. Spreadsheets would be an asset."),
            vec![("welding".into(), Stance::Required), ("excel".into(), Stance::Welcome)]
        );
        assert_eq!(
            stances("La pédagogie est un atout.\nPédagogie exigée."),
            vec![("teaching".into(), Stance::Required)]
        );
    }

    #[test]
    fn lists_name_each_skill_once() {
        let found = stances("- soudure TIG\n- pédiatrie, chirurgie et pédiatrie");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|(_, s)| *s == Stance::Required));
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        for text in ["", "...", "é", "pas", "no\u{0}surgery", "chirurgie)(;", "a\u{202e}b soudure"] {
            let _ = extract(&linker(), text);
        }
    }
}
