use unicode_normalization::UnicodeNormalization;

/// The form labels are compared in: lower case, accents and other marks removed, ligatures
/// spelled out, anything but letters and digits turned into single spaces.
/// `"Infirmière  anesthésiste"` and `"infirmiere-anesthesiste"` both become
/// `"infirmiere anesthesiste"`.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() { normalize_ascii(text) } else { normalize_unicode(text) }
}

fn normalize_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    // Lower-casing can produce a character that decomposes further or folds again (ẞ → ß → ss,
    // İ → i + dot), so each character is decomposed, lowered and decomposed once more: the
    // result is then a fixed point, which the labels index relies on.
    let folded =
        text.nfkd().flat_map(char::to_lowercase).nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c));
    for c in folded {
        let spelled: &str = match c {
            'œ' => "oe",
            'æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        if !spelled.is_empty() {
            out.push_str(spelled);
            space = false;
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space && !out.is_empty() {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The same for ASCII text, which has no marks to remove nor ligatures to spell out: most words
/// of what experts write, read when every profile is indexed.
fn normalize_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
            space = false;
        } else if !space && !out.is_empty() {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_case_accents_ligatures_and_punctuation() {
        assert_eq!(normalize("Infirmière  anesthésiste"), "infirmiere anesthesiste");
        assert_eq!(normalize("infirmiere-anesthesiste"), "infirmiere anesthesiste");
        assert_eq!(normalize("Œnologie & Maïs"), "oenologie mais");
        assert_eq!(normalize("  OB/GYN "), "ob gyn");
        assert_eq!(normalize("Sage-femme"), "sage femme");
        assert_eq!(normalize("!!!"), "");
        assert_eq!(normalize("STRAẞE"), "strasse");
        assert_eq!(normalize("İzmir"), "izmir");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn is_idempotent(text in "\\PC{0,40}") {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        }

        #[test]
        fn the_ascii_path_reads_ascii_as_the_general_one(text in "[ -~]{0,40}") {
            prop_assert_eq!(normalize_ascii(&text), normalize_unicode(&text));
        }
    }
}
