use unicode_normalization::UnicodeNormalization;

/// The form labels are compared in: lower case, accents and other marks removed, ligatures
/// spelled out, anything but letters and digits turned into single spaces.
/// `"Infirmière  anesthésiste"` and `"infirmiere-anesthesiste"` both become
/// `"infirmiere anesthesiste"`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let lowered: &str = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        if !lowered.is_empty() {
            out.push_str(lowered);
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
    }

    proptest! {
        #[test]
        fn is_idempotent(text in "\\PC{0,40}") {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        }
    }
}
