//! Skills named in a running text (terms of reference, a summary, a work history), read the
//! way a coordinator reads them: each label of the taxonomy found in the text with the words
//! that named it, whether the sentence asks for it or only welcomes it ("… would be an asset",
//! "… souhaitée"), and whether it is said *not* to be needed ("pas d'expérience en chirurgie
//! requise", "no surgery"). Built on the linker's spans, so a word is read the same way here
//! as in every form. Pure: no IO.

use crate::linker::{Linker, Span, fold};
use crate::store::SkillId;
use serde::Serialize;
use std::sync::LazyLock;

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

/// Words that say what follows them in a clause is not needed ("pas de", "sans", "no", "not"),
/// up to a colon ("Not a software engineer by training: my background is econometrics").
const NEGATION_BEFORE: &[&str] =
    &["pas", "sans", "aucun", "aucune", "ni", "no", "not", "without", "nor", "neither", "except", "excluding"];
/// Words after a negation that do not turn it into something else: "not only" and "pas
/// seulement" add, they do not refuse ("not only nursing but also midwifery").
const NOT_A_NEGATION_AFTER: &[&str] = &["only", "just", "merely", "seulement", "uniquement"];
/// Words a negation reaches over on its way to the skills it refuses, beside little words,
/// other skills of the list and the words around a skill ("Without any prior experience in
/// accounting, budgeting or audit"). Any other word ends its reach: "sans emploi" says nothing
/// of the "menuiserie" taught to young people without work.
const NEGATION_REACHES_OVER: &str = "\
    any prior previous formal particular specific real much training qualification qualifications \
    prealable particulier particuliere specifique reelle formation notion notions besoin need needed \
    know knowing have having looking seeking connaitre maitriser avoir etre require requires required \
    requiring involve involves include includes requis requise requises exige exigee exiges exigees \
    necessaire necessaires necessite";
/// Words that negate only what comes right after them (little words aside): "non invasive"
/// says nothing of the rest of its sentence.
const NEGATION_JUST_BEFORE: &[&str] = &["non", "hors"];
/// Words that say what comes before them is not needed ("… non requise", "… not required",
/// "… n'est pas demandée", "… is outside the scope"), or, before a colon, what follows it
/// ("Not required: surgery").
const NEGATION_AFTER: &[&str] = &[
    "non requis",
    "non requise",
    "pas requis",
    "pas requise",
    "pas necessaire",
    "pas demande",
    "pas demandee",
    "pas exige",
    "pas exigee",
    "pas prevu",
    "pas prevue",
    "hors perimetre",
    "hors du champ",
    "exclu",
    "exclue",
    "not required",
    "not needed",
    "not requested",
    "not expected",
    "not part of",
    "unnecessary",
    "outside the scope",
    "out of scope",
    "excluded",
];
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
    let words = linker.words_of(text);
    let spans = linker.find_in_words(&words, true);
    // Most texts an index reads (a profile's roles, a credential's title) name nothing: their
    // clauses are not read.
    let words: Vec<TextWord<'_>> =
        if spans.is_empty() { vec![] } else { words.iter().map(|(w, from, to)| (&*w.folded, from, to)).collect() };
    let clauses = if spans.is_empty() { vec![] } else { clauses(text, &words) };
    let mut found: Vec<Found> = Vec::new();
    let reaches: Vec<Vec<bool>> =
        clauses.iter().map(|clause| clause.negation_reach(&named_words(clause.words, &spans))).collect();
    for span in spans.iter().cloned() {
        let stance = clauses
            .iter()
            .zip(&reaches)
            .find(|(c, _)| c.start <= span.start && span.end <= c.end)
            .map_or(Stance::Required, |(clause, reach)| clause.stance_of(&span, reach));
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

/// The cues, folded once as a text's words are, each as its words.
struct Cues {
    negation_before: Vec<Vec<String>>,
    negation_just_before: Vec<Vec<String>>,
    negation_after: Vec<Vec<String>>,
    not_a_negation: Vec<Vec<String>>,
    reaches_over: Vec<Vec<String>>,
    welcome: Vec<Vec<String>>,
    clause_break: Vec<Vec<String>>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let fold_all = |cues: &[&str]| {
        cues.iter()
            .map(|cue| crate::normalize(cue).split(' ').filter(|w| !w.is_empty()).map(fold::fold).collect())
            .collect()
    };
    Cues {
        negation_before: fold_all(NEGATION_BEFORE),
        negation_just_before: fold_all(NEGATION_JUST_BEFORE),
        negation_after: fold_all(NEGATION_AFTER),
        not_a_negation: fold_all(NOT_A_NEGATION_AFTER),
        reaches_over: fold_all(&NEGATION_REACHES_OVER.split_whitespace().collect::<Vec<_>>()),
        welcome: fold_all(WELCOME),
        clause_break: fold_all(CLAUSE_BREAK),
    }
});

/// A folded word of a text and the byte range it came from.
type TextWord<'w> = (&'w str, usize, usize);

/// Whether one of `cues` occurs in `words`, as whole words in a row.
fn says(words: &[TextWord<'_>], cues: &[Vec<String>]) -> bool {
    cues.iter().any(|cue| words.windows(cue.len()).any(|run| run.iter().zip(cue).all(|(w, c)| w.0 == c)))
}

/// For each of `words`, whether a span covers it. `spans` come in the text's order, without
/// overlapping one another (several skills may share one range): one walk along both.
fn named_words(words: &[TextWord<'_>], spans: &[Span]) -> Vec<bool> {
    let mut k = spans.partition_point(|s| s.end <= words.first().map_or(0, |w| w.1));
    words
        .iter()
        .map(|w| {
            while k < spans.len() && spans[k].end < w.2 {
                k += 1;
            }
            spans[k..].iter().take_while(|s| s.start <= w.1).any(|s| w.2 <= s.end)
        })
        .collect()
}

/// A clause: a stretch of one sentence between breaks, with its folded words and where each is.
struct Clause<'w> {
    start: usize,
    end: usize,
    words: &'w [TextWord<'w>],
    welcome: bool,
    /// Where the clause's colons are.
    colons: Vec<usize>,
}

impl Clause<'_> {
    /// For each word of the clause, whether a negation before it still reaches it: a cue
    /// reaches over little words, words around a skill, other skills (`named`, by word) and
    /// [`NEGATION_REACHES_OVER`], and a colon ends it. One pass, so that a long clause full of
    /// cues and skills costs its length, not its length squared.
    fn negation_reach(&self, named: &[bool]) -> Vec<bool> {
        let cues = &*CUES;
        let mut reach = Vec::with_capacity(self.words.len());
        let mut open = false;
        let mut colons = self.colons.iter().peekable();
        for (at, word) in self.words.iter().enumerate() {
            if colons.next_if(|&&c| c < word.1).is_some() {
                while colons.next_if(|&&c| c < word.1).is_some() {}
                open = false;
            }
            let next = self.words.get(at + 1);
            // "not only", and "No 12" (a number, not a refusal).
            let cue = says(&[*word], &cues.negation_before)
                && !next.is_some_and(|n| says(&[*n], &cues.not_a_negation) || n.0.bytes().all(|b| b.is_ascii_digit()));
            let reached_over = fold::is_stop_word(word.0)
                || fold::is_filler(word.0)
                || says(&[*word], &cues.reaches_over)
                || says(&[*word], &cues.negation_before)
                || named[at];
            open = cue || (open && reached_over);
            reach.push(open);
        }
        reach
    }

    fn stance_of(&self, span: &Span, reach: &[bool]) -> Stance {
        let cues = &*CUES;
        let before = self.words.iter().take_while(|w| w.2 <= span.start).count();
        // A colon ends what a negation before it says, unless the words before the colon are a
        // heading that negates what follows ("Non requis : chirurgie").
        let colon = self.colons.iter().rev().find(|&&c| c < span.start);
        let heard_from = colon.map_or(0, |&c| self.words[..before].iter().take_while(|w| w.1 < c).count());
        let heading = &self.words[heard_from.saturating_sub(4)..heard_from];
        let negated_heading = colon.is_some() && says(heading, &cues.negation_after);
        let negated_before = before > heard_from && reach[before - 1]
            || self.words[..before]
                .iter()
                .rev()
                .find(|w| !fold::is_stop_word(w.0))
                .is_some_and(|w| says(&[*w], &cues.negation_just_before));
        let after = self.words.iter().position(|w| w.1 >= span.end).unwrap_or(self.words.len());
        let tail = &self.words[after..self.words.len().min(after + 4)];
        if negated_heading || negated_before || says(tail, &cues.negation_after) {
            Stance::Negated
        } else if self.welcome {
            Stance::Welcome
        } else {
            Stance::Required
        }
    }
}

/// The text cut into clauses: at the ends of sentences, lines and list items, and before the
/// words that turn a sentence around ("mais", "but"). `words` are the text's words, in order.
fn clauses<'w>(text: &str, words: &'w [TextWord<'w>]) -> Vec<Clause<'w>> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | ';' | '!' | '?' | '\n' | '•' | '(' | ')') {
            cuts.push((start, i));
            start = i + c.len_utf8();
        }
    }
    cuts.push((start, text.len()));
    let mut out = Vec::new();
    let mut first = 0;
    for (from, to) in cuts.into_iter().filter(|(from, to)| from < to) {
        // The clause's words: those after the previous clause's, up to its end.
        first += words[first..].iter().take_while(|w| w.1 < from).count();
        let count = words[first..].iter().take_while(|w| w.2 <= to).count();
        let sentence = &words[first..first + count];
        first += count;
        // Within a sentence, "mais" / "but" starts a new clause.
        let mut piece_from = from;
        let mut piece_first = 0;
        for (k, word) in sentence.iter().enumerate() {
            if k > 0 && says(&[*word], &CUES.clause_break) {
                out.push(clause(text, piece_from, word.1, &sentence[piece_first..k]));
                (piece_from, piece_first) = (word.1, k);
            }
        }
        out.push(clause(text, piece_from, to, &sentence[piece_first..]));
    }
    out
}

fn clause<'w>(text: &str, start: usize, end: usize, words: &'w [TextWord<'w>]) -> Clause<'w> {
    let colons = text[start..end].match_indices(':').map(|(at, _)| start + at).collect();
    Clause { start, end, words, welcome: says(words, &CUES.welcome), colons }
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
            label("management-information-systems", "en", "MIS", false),
            label("artificial-intelligence", "en", "AI", false),
            label("maize-production", "fr", "maïs", false),
            label("econometrics", "en", "econometrics", true),
            label("airway-management", "fr", "gestion des voies aériennes", true),
            label("land-surveying", "fr", "topographie", true),
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
    fn a_negation_reaches_over_a_list_of_skills_and_stops_at_other_words() {
        // Over a list, with the words around a skill.
        assert_eq!(
            stances("Without any prior experience in surgery, welding or spreadsheets."),
            vec![
                ("general-surgery".into(), Stance::Negated),
                ("welding".into(), Stance::Negated),
                ("excel".into(), Stance::Negated)
            ]
        );
        assert_eq!(
            stances("Ni chirurgie ni soudure."),
            vec![("general-surgery".into(), Stance::Negated), ("welding".into(), Stance::Negated)]
        );
        assert_eq!(
            stances("Neither surgery nor welding"),
            vec![("general-surgery".into(), Stance::Negated), ("welding".into(), Stance::Negated)]
        );
        // Words that say what is refused are reached over.
        assert_eq!(stances("This post does not require surgery"), vec![("general-surgery".into(), Stance::Negated)]);
        assert_eq!(
            stances("Aucune expérience requise en chirurgie"),
            vec![("general-surgery".into(), Stance::Negated)]
        );
        // Other words end it: what comes after is not refused.
        assert_eq!(
            stances("Formation de jeunes sans emploi à la soudure et à la topographie."),
            vec![("welding".into(), Stance::Required), ("land-surveying".into(), Stance::Required)]
        );
        assert_eq!(
            stances("Able to work without supervision in paediatric surgery"),
            vec![("general-surgery".into(), Stance::Required)]
        );
        assert_eq!(
            stances("Available all year except in August, trainer in welding"),
            vec![("welding".into(), Stance::Required)]
        );
        // "Not only" adds; a number after "No" is a reference.
        assert_eq!(
            stances("Not only surgery but also welding"),
            vec![("general-surgery".into(), Stance::Required), ("welding".into(), Stance::Required)]
        );
        assert_eq!(stances("Tender No 12 welding works"), vec![("welding".into(), Stance::Required)]);
    }

    #[test]
    fn a_colon_ends_a_negation_and_a_negating_heading_reaches_past_it() {
        assert_eq!(
            stances("Not a software engineer by training: my background is econometrics."),
            vec![("econometrics".into(), Stance::Required)]
        );
        assert_eq!(stances("Non requis : chirurgie."), vec![("general-surgery".into(), Stance::Negated)]);
    }

    #[test]
    fn non_negates_only_the_words_right_after_it() {
        assert_eq!(
            stances("Ventilation invasive et non invasive, gestion des voies aériennes, pédiatrie."),
            vec![("airway-management".into(), Stance::Required), ("paediatrics".into(), Stance::Required)]
        );
        assert_eq!(stances("Une formation hors chirurgie."), vec![("general-surgery".into(), Stance::Negated)]);
    }

    #[test]
    fn what_is_not_asked_or_outside_the_scope_is_not_needed() {
        assert_eq!(
            stances("La topographie n'est pas demandée (équipe en place)."),
            vec![("land-surveying".into(), Stance::Negated)]
        );
        assert_eq!(
            stances("Surgery is outside the scope of this assignment."),
            vec![("general-surgery".into(), Stance::Negated)]
        );
    }

    #[test]
    fn acronyms_count_in_capitals_and_little_words_never() {
        // "mise" folds as "MIS" does, "j'ai" holds "ai", "mais" folds as "maïs": none is named.
        assert!(stances("Mise en œuvre du plan : j'ai formé les équipes, mais sans outils.").is_empty());
        assert_eq!(
            stances("Experience with MIS and AI; culture du maïs."),
            vec![
                ("management-information-systems".into(), Stance::Required),
                ("artificial-intelligence".into(), Stance::Required),
                ("maize-production".into(), Stance::Required)
            ]
        );
        // A search box is not running text: "ai" typed there still names AI.
        assert_eq!(linker().find_in("ai mis").len(), 2);
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
