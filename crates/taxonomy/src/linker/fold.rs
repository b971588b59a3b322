//! How words are compared when text is linked to skills: beyond `normalize` (case, accents,
//! punctuation), the words people vary without changing the skill — French gender and plural
//! ("infirmières" / "infirmier"), English plural ("midwives"), UK and US spellings
//! ("anaesthesia" / "anesthesia", "organisation" / "organization", "centre" / "center") — are
//! folded to one form, and the little words of both languages ("de", "and") are set aside.
//!
//! The folded form is a key, not a word anyone reads: what matters is that a label and what
//! people type fold the same way. Short words (acronyms like "ICU", "SIG") are kept as they are.

/// Words that carry no skill on their own, in English and French (after `normalize`, which
/// turns "d'" and "l'" into "d" and "l").
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "au",
    "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "sur",
    "un", "une",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Words a CV or a request wraps around a skill ("5 years of experience in", "solides
/// connaissances en"), in English and French, after `normalize`. They weigh nothing when no
/// label uses them: "strong background in epidemiology" is epidemiology.
const FILLER_WORDS: &str = "\
    ability able advanced background certified competence competences competencies competency confirmed \
    demonstrated excellent experience experienced expertise extensive familiar familiarity good hands \
    including knowledge level proficiency proficient proven senior skill skilled skills solid specialist \
    strong track record working year years yrs ans annee annees aptitude aptitudes bon bonne bonnes bons \
    capacite competent confirme confirmee connaissance connaissances experimente experimentee maitrise \
    niveau solide solides specialiste tres";

/// Whether a folded word is one of the [`FILLER_WORDS`] (numbers too: "5 years").
pub fn is_filler(folded: &str) -> bool {
    static FOLDED: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| FILLER_WORDS.split_whitespace().map(fold).collect());
    folded.bytes().all(|b| b.is_ascii_digit()) || FOLDED.iter().any(|w| w == folded)
}

/// French and English endings folded to one form, first match wins: feminine to masculine,
/// plural to singular. The stem left must keep at least three letters.
const ENDINGS: &[(&str, &str)] = &[
    ("trices", "teur"),
    ("trice", "teur"),
    ("teurs", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("eurs", "eur"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("iens", "ien"),
    ("ennes", "en"),
    ("enne", "en"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("iers", "ier"),
    ("eres", "er"),
    ("ere", "er"),
    ("elles", "el"),
    ("elle", "el"),
    ("ives", "if"),
    ("ive", "if"),
    ("ifs", "if"),
    ("eaux", "eau"),
    ("aux", "al"),
    ("wives", "wife"),
    ("ies", "y"),
    ("sses", "ss"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("xes", "x"),
];

/// One word, folded (see the module's documentation). `word` is already normalised.
pub fn fold(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    let mut w = spelling(word);
    // A plural takes the singular's spelling ("centres" as "centre", "entreprises" as
    // "entreprise"): the endings those rules look at come before the `s`.
    if let Some(singular) = word.strip_suffix('s')
        && !singular.ends_with('s')
    {
        let spelled = spelling(singular);
        if spelled != singular {
            w = format!("{spelled}s");
        }
    }
    for (ending, replacement) in ENDINGS {
        if let Some(stem) = w.strip_suffix(ending)
            && stem.len() >= 3
        {
            w = format!("{stem}{replacement}");
            return drop_final_e(w);
        }
    }
    if loses_plural_s(&w) {
        w.pop();
    } else if let Some(stem) = w.strip_suffix('x')
        && stem.ends_with("eau")
    {
        w = stem.to_owned();
    }
    drop_final_e(w)
}

/// French feminine adjectives and nouns add an `e` ("avocate", "experte"); English words end in
/// a silent one ("nurse", "practice"): dropped on both sides, so that they meet.
/// Kept when the stem would then lose a plural `s` ("phase" stays, as "phases" does), so that
/// folding a folded word changes nothing; kept on words of four letters, where it tells words
/// and acronyms apart ("mise" is not MIS, "SIGE" not SIG, "TICE" not TIC).
fn drop_final_e(word: String) -> String {
    match word.strip_suffix('e') {
        Some(stem) if stem.len() >= 4 && !stem.ends_with('e') && !loses_plural_s(stem) => stem.to_owned(),
        _ => word,
    }
}

/// Whether the plural rule of [`fold`] takes a final `s` off `word`.
fn loses_plural_s(word: &str) -> bool {
    word.strip_suffix('s')
        .is_some_and(|stem| stem.len() >= 3 && !stem.ends_with('s') && !stem.ends_with('u') && !stem.ends_with('i'))
}

/// UK and US spellings to one: `ae` before a consonant inside a word ("anaesthesia",
/// "paediatrics", "haematology"), a leading `oe` ("oedema", "oesophagus"), `foet`, `-rrhoea`,
/// `-isation`/`-ise` ("organisation"), `-our` ("labour"), `-tre` ("centre").
fn spelling(word: &str) -> String {
    let bytes = word.as_bytes();
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < bytes.len() {
        let next = bytes.get(i + 2).copied();
        // Not after another `a`: "aae" would become "ae", which a second folding would change.
        let ae_inside = bytes[i] == b'a'
            && bytes.get(i + 1) == Some(&b'e')
            && i > 0
            && bytes[i - 1] != b'a'
            && next.is_some_and(|c| !vowel(c));
        let oe_first = bytes[i] == b'o' && bytes.get(i + 1) == Some(&b'e') && i == 0 && next.is_some_and(|c| !vowel(c));
        if ae_inside || oe_first {
            out.push('e');
            i += 2;
        } else {
            out.push(char::from(bytes[i]));
            i += 1;
        }
    }
    if let Some(rest) = out.strip_prefix("foet") {
        out = format!("fet{rest}");
    }
    if let Some(stem) = out.strip_suffix("rrhoea") {
        out = format!("{stem}rrhea");
    }
    if let Some(stem) = out.strip_suffix("isation") {
        out = format!("{stem}ization");
    } else if let Some(stem) = out.strip_suffix("ise")
        && stem.len() >= 4
    {
        out = format!("{stem}ize");
    } else if let Some(stem) = out.strip_suffix("our")
        && stem.len() >= 3
    {
        out = format!("{stem}or");
    } else if let Some(stem) = out.strip_suffix("tre")
        && stem.len() >= 3
    {
        out = format!("{stem}ter");
    }
    out
}

/// The folded words of a normalised text, little words kept (for finding labels in running
/// text, where "soins infirmiers en anesthésie" keeps its "en").
pub fn words(normalized: &str) -> Vec<String> {
    normalized.split(' ').filter(|w| !w.is_empty()).map(fold).collect()
}

/// The folded words that carry meaning: little words set aside (unless that leaves nothing).
pub fn content_words(normalized: &str) -> Vec<String> {
    let all: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let content: Vec<String> = all.iter().filter(|w| !is_stop_word(w)).map(|w| fold(w)).collect();
    if content.is_empty() { all.into_iter().map(fold).collect() } else { content }
}

/// The key under which two wordings of one skill meet: content words, folded, deduplicated and
/// sorted ("soins intensifs (USI)" and "USI soins intensif" have one key).
pub fn key(normalized: &str) -> String {
    let mut words = content_words(normalized);
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn k(text: &str) -> String {
        key(&normalize(text))
    }

    #[test]
    fn gender_plural_and_spelling_variants_meet() {
        for (a, b) in [
            ("infirmière anesthésiste", "infirmier anesthésiste"),
            ("Infirmières anesthésistes", "infirmier anesthésiste"),
            ("formatrice en soudure", "formateur soudure"),
            ("chirurgienne", "chirurgien"),
            ("avocate", "avocat"),
            ("conseillère d'orientation", "conseiller orientation"),
            ("anaesthesia", "anesthesia"),
            ("paediatrics", "pediatrics"),
            ("organisation development", "organization development"),
            ("health centre", "health center"),
            ("midwives", "midwife"),
            ("soins intensifs (USI)", "USI soins intensif"),
            ("TIG/MIG welding", "welding mig tig"),
            ("studies", "study"),
            ("nurses", "nurse"),
            ("analyses", "analyse"),
            ("health centres", "health centre"),
            ("civil society organisations", "civil society organization"),
            ("petites entreprises", "petite entreprise"),
            ("labours", "labor"),
        ] {
            assert_eq!(k(a), k(b), "{a} / {b}");
        }
    }

    #[test]
    fn distinct_words_stay_distinct_and_short_words_stay_as_they_are() {
        assert_ne!(k("nursing"), k("surgery"));
        assert_ne!(k("statistics"), k("biostatistics"));
        assert_eq!(fold("icu"), "icu");
        assert_eq!(fold("sig"), "sig");
        assert_eq!(k("de la"), "de la", "little words alone are kept");
        assert_eq!(k("the"), "the");
        assert_eq!(fold("bureaux"), fold("bureau"));
        assert_eq!(fold("phases"), fold("phase"));
        assert_eq!(fold(&fold("analyse")), fold("analyse"));
        for (word, acronym) in [("mise", "mis"), ("sige", "sig"), ("tice", "tic"), ("osce", "osc")] {
            assert_ne!(fold(word), fold(acronym), "{word}");
        }
    }

    #[test]
    fn a_folded_spelling_is_not_folded_again() {
        // Found by the property below: "ae" after an "a" used to leave a new "ae".
        let once = key(&normalize("AàAef"));
        assert_eq!(key(&once), once);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// Folding a folded word changes nothing, so a label and a text meet whichever was
        /// folded first; the same holds for a whole wording's key.
        #[test]
        fn folding_is_idempotent(word in "[a-zà-ÿ]{1,14}", text in "\\PC{0,50}") {
            let once = fold(&word);
            proptest::prop_assert_eq!(fold(&once), once.clone());
            let keyed = k(&text);
            proptest::prop_assert_eq!(key(&keyed), keyed.clone());
        }
    }
}
