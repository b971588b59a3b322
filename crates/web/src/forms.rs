//! Small helpers shared by the HTML forms (and the API bodies that do what they do).

use passerelle_core::{FieldError, Problems};

/// Percent-encodes a query-string value.
pub fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Where to go after signing in (or after a form that returns to the page it came from): only
/// a path of ours, never another site, never back to the sign-in page itself.
///
/// The value is judged exactly as received, with nothing removed first: a browser drops tabs and
/// line breaks from a URL and reads `\` as `/`, so `/\t/evil.example` (sent as `/%09/evil.example`)
/// and `/\evil.example` lead to another site although they start with one `/`. Hence: one `/`,
/// then a character that is neither `/` nor `\`, and no control or whitespace character anywhere.
pub fn safe_next(next: Option<&str>) -> String {
    let next = next.unwrap_or_default();
    let mut chars = next.chars();
    let ours = chars.next() == Some('/')
        && chars.next().is_some_and(|second| second != '/' && second != '\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace())
        && !next.starts_with("/login");
    if ours { next.to_owned() } else { "/".to_owned() }
}

/// Records `too_long` under `field` when `text`, as sent, is longer than `max` characters; the
/// bound the OpenAPI document publishes holds for the text as sent, before any trimming.
pub fn bounded(problems: &mut Problems, field: &str, text: &str, max: usize) -> bool {
    let fits = text.chars().count() <= max;
    if !fits {
        problems.push(FieldError::too_long(field, max));
    }
    fits
}

/// A submitted form as its (name, value) pairs, for forms whose fields repeat (checkboxes,
/// rows of a list).
pub(crate) struct FormPairs(pub Vec<(String, String)>);

impl FormPairs {
    /// The value of `name` (the last one if it repeats), or empty.
    pub fn one(&self, name: &str) -> String {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }
}

/// Splits a typed list of codes: `CD, RW;bi` → `["CD", "RW", "bi"]`.
pub(crate) fn split_codes(text: &str) -> Vec<String> {
    text.split([',', ';', ' ']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// `on` of a checkbox, or a few other ways of saying yes.
pub(crate) fn yes(text: &str) -> bool {
    matches!(text.trim(), "on" | "true" | "yes" | "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_goes_to_our_own_paths() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(safe_next(Some("/requests?status=open")), "/requests?status=open");
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\\\\evil",
            "evil",
            "",
            "/",
            "/login?next=/x",
            // `/%09/evil.example` as it arrives, decoded: browsers drop the tab.
            "/\t/evil.example",
            "/\t/evil",
            "/ /evil",
            "/\n/evil",
            "/\r\n/evil",
            " /account",
            "/account ",
            "/acc\u{7f}ount",
            "/\u{a0}/evil",
            "/\u{2028}/evil",
            "\t//evil.example",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
