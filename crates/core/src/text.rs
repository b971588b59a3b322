//! Text typed by people or sent by programs: what it may hold.
//!
//! Control characters have no place in a name, a title or a report. NUL cuts strings short in
//! other programs, ESC starts terminal sequences when a log or an export is shown in a terminal,
//! BEL and the like are invisible, and the bidirectional overrides (U+202A–U+202E, U+2066–U+2069)
//! make text display in another order than it is stored ("Trojan Source"), so that a name or a
//! file name can pass for another. Every text field refuses them at validation, naming the
//! field; only multi-line fields keep line breaks (CR, LF) and tabs.

use crate::FieldError;

/// Whether a field holds one line or paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A name, a title, a code: no line breaks, no tabs.
    One,
    /// A description, a comment, a report: line breaks and tabs allowed.
    Many,
}

/// The first character of `text` that a field of this kind refuses, if any.
pub fn refused_char(text: &str, lines: Lines) -> Option<char> {
    text.chars().find(|&c| refused(c, lines))
}

fn refused(c: char, lines: Lines) -> bool {
    match c {
        '\n' | '\r' | '\t' => lines == Lines::One,
        // Line and paragraph separators break lines where no line break is allowed, and
        // confuse the parsers of JSON-in-HTML and CSV readers alike.
        '\u{2028}' | '\u{2029}' => true,
        // Bidirectional embeddings, overrides and isolates.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        // C0, DEL and C1.
        c => c.is_control(),
    }
}

/// `Err` naming `field` when `text` holds a character such a field refuses.
pub fn check_text(field: &str, text: &str, lines: Lines) -> Result<(), FieldError> {
    match refused_char(text, lines) {
        None => Ok(()),
        Some(c) => Err(FieldError::control_character(field, c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn control_characters_are_refused_and_named() {
        for bad in [
            "Aline\0",
            "\u{1b}[31mred",
            "ring\u{7}",
            "\u{202e}gpj.exe",
            "a\u{2066}b",
            "x\u{85}",
            "\u{9f}",
            "a\u{2028}b",
        ] {
            for lines in [Lines::One, Lines::Many] {
                let error = check_text("name", bad, lines).unwrap_err();
                assert_eq!((error.field.as_str(), error.code.as_str()), ("name", "text.control"), "{bad:?}");
            }
        }
        let error = check_text("summary", "ok\u{1b}", Lines::Many).unwrap_err();
        assert!(error.message.contains("U+001B"), "{}", error.message);
    }

    #[test]
    fn line_breaks_and_tabs_only_where_a_field_has_several_lines() {
        for text in ["two\nlines", "windows\r\nline", "a\ttab"] {
            assert!(check_text("summary", text, Lines::Many).is_ok(), "{text:?}");
            assert!(check_text("name", text, Lines::One).is_err(), "{text:?}");
        }
    }

    #[test]
    fn every_script_and_mark_people_write_is_kept() {
        for text in [
            "Aline Uwase",
            "Ngozi Okonkwo-Ébodé",
            "محمد ولد الشيخ",
            "Mohamed\u{200f} Lamine",
            "日本",
            "🙂",
            "l'Hôpital « Saint-Luc »",
            "a\u{a0}b",
        ] {
            assert!(check_text("name", text, Lines::One).is_ok(), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn what_passes_holds_no_control_character(text in any::<String>()) {
            if check_text("f", &text, Lines::Many).is_ok() {
                prop_assert!(!text.chars().any(|c| c.is_control() && !"\n\r\t".contains(c)));
            }
            if check_text("f", &text, Lines::One).is_ok() {
                prop_assert!(!text.chars().any(char::is_control));
            }
        }
    }
}
