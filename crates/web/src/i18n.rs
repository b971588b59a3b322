//! Translations: the Fluent catalogues under `templates/i18n/{en,fr}`, compiled into the binary,
//! and how a request's language is chosen (see [`locale_for`]).

use axum::extract::Request;
use axum::http::{HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use passerelle_core::Locale;
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../templates/i18n",
        fallback_language: "en",
        // Unicode isolation marks around arguments would end up in HTML attributes and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");

fn language_id(locale: Locale) -> &'static LanguageIdentifier {
    match locale {
        Locale::En => &EN,
        Locale::Fr => &FR,
    }
}

/// The message `key` in `locale`. A missing key shows as the key itself (and a test makes sure
/// none is missing), never as a crash.
pub fn text(locale: Locale, key: &str) -> String {
    LOCALES.try_lookup(language_id(locale), key).unwrap_or_else(|| missing(key))
}

/// The message `key` in `locale`, if a catalogue has it (for words chosen by a code, where a
/// code without words has a fallback of its own).
pub fn lookup(locale: Locale, key: &str) -> Option<String> {
    LOCALES.try_lookup(language_id(locale), key)
}

/// The message `key` with named arguments. An argument written only with digits is passed as a
/// number, so that plural selectors (`[one]`, `*[other]`) choose by it.
pub fn text_with(locale: Locale, key: &str, args: &[(&str, String)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let number = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
            let value = if number { FluentValue::try_number(value.as_str()) } else { FluentValue::from(value.clone()) };
            (Cow::Owned((*name).to_owned()), value)
        })
        .collect();
    LOCALES.try_lookup_with_args(language_id(locale), key, &args).unwrap_or_else(|| missing(key))
}

fn missing(key: &str) -> String {
    tracing::warn!(key, "missing translation");
    key.to_owned()
}

pub const LANG_COOKIE: &str = "lang";

/// The language `?lang=` asks for, if any.
pub(crate) fn from_query(uri: &Uri) -> Option<Locale> {
    uri.query()?.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(|v| Locale::parse(v).ok())
}

/// Middleware: remembers an explicit `?lang=` choice in a cookie; responses vary on what the
/// choice is made from.
pub async fn remember_choice(request: Request, next: Next) -> Response {
    let chosen = from_query(request.uri());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("accept-language, cookie"));
    if let Some(chosen) = chosen {
        let cookie = cookie::Cookie::build((LANG_COOKIE, chosen.code()))
            .path("/")
            .max_age(time::Duration::days(365))
            .same_site(cookie::SameSite::Lax)
            .http_only(true)
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(catalogue: &str) -> BTreeSet<String> {
        catalogue
            .lines()
            .filter(|l| !l.starts_with(['#', ' ']) && l.contains(" = "))
            .filter_map(|l| l.split(" = ").next().map(str::to_owned))
            .collect()
    }

    fn catalogues() -> Vec<(Locale, String)> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates/i18n");
        Locale::ALL
            .into_iter()
            .map(|locale| {
                let dir = format!("{root}/{}", locale.code());
                let mut all = String::new();
                for entry in std::fs::read_dir(dir).unwrap() {
                    all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
                    all.push('\n');
                }
                (locale, all)
            })
            .collect()
    }

    #[test]
    fn no_key_is_defined_twice() {
        // Two files defining one key make the catalogue fail to load at start.
        for (locale, text) in catalogues() {
            let mut seen = BTreeSet::new();
            for line in text.lines().filter(|l| !l.starts_with(['#', ' ']) && l.contains(" = ")) {
                let key = line.split(" = ").next().unwrap_or_default();
                assert!(seen.insert(key.to_owned()), "{locale}: {key} is defined twice");
            }
        }
    }

    #[test]
    fn english_and_french_catalogues_have_the_same_keys() {
        let sets: Vec<_> = catalogues().into_iter().map(|(l, text)| (l, keys(&text))).collect();
        let (_, en) = &sets[0];
        for (locale, set) in &sets[1..] {
            let only_en: Vec<_> = en.difference(set).collect();
            let only_other: Vec<_> = set.difference(en).collect();
            assert!(only_en.is_empty() && only_other.is_empty(), "{locale}: missing {only_en:?}, extra {only_other:?}");
        }
        assert!(en.len() > 20);
    }

    #[test]
    fn every_key_used_in_templates_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates");
        let en = keys(&catalogues()[0].1);
        let mut used = BTreeSet::new();
        for entry in walk(std::path::Path::new(dir)) {
            let text = std::fs::read_to_string(&entry).unwrap();
            for call in ["page.t(\"", "page.t1(\"", "page.t2(\""] {
                for piece in text.split(call).skip(1) {
                    used.insert(piece.split('"').next().unwrap().to_owned());
                }
            }
        }
        let missing: Vec<_> = used.iter().filter(|k| !en.contains(*k)).collect();
        assert!(missing.is_empty(), "keys used in templates but not in the catalogue: {missing:?}");
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = vec![];
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(walk(&path));
            } else if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
        files
    }

    #[test]
    fn plurals_are_chosen_never_written_in_brackets() {
        for (locale, text) in catalogues() {
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                for bracket in ["(s)", "(x)", "(e)", "(es)", "·s "] {
                    assert!(!line.contains(bracket), "{locale}: a plural in brackets: {line}");
                }
            }
        }
    }

    #[test]
    fn counts_choose_their_plural() {
        let one = [("count", "1".to_owned())];
        let many = [("count", "12".to_owned())];
        assert_eq!(text_with(Locale::En, "candidates-count", &one), "One candidate");
        assert_eq!(text_with(Locale::En, "candidates-count", &many), "12 candidates");
        assert_eq!(text_with(Locale::Fr, "missions-count", &one), "Une mission");
        assert_eq!(text_with(Locale::En, "notifications-unread", &[("count", "0".to_owned())]), "Nothing new.");
        // French says "Aucune" for none (CLDR puts 0 with 1), and nothing reads "(s)".
        let zero = [("count", "0".to_owned())];
        assert_eq!(text_with(Locale::Fr, "admin-audit-count", &zero), "Aucune entrée");
        assert_eq!(text_with(Locale::Fr, "admin-audit-count", &one), "Une entrée");
        assert_eq!(text_with(Locale::En, "request-positions-count", &one), "one expert");
        assert_eq!(text_with(Locale::Fr, "request-positions-count", &many), "12 experts");
        let trained = [("trained", "1".to_owned()), ("reached", "0".to_owned())];
        assert_eq!(
            text_with(Locale::Fr, "report-people-caption", &trained),
            "une personne formée, aucune atteinte par leur intermédiaire"
        );
        assert_eq!(
            text_with(Locale::En, "error-text-429", &[("seconds", "1".to_owned())]),
            "Please wait one second before trying again."
        );
        let phone = [("name", "+32470123456".to_owned())];
        assert_eq!(text_with(Locale::En, "email-greeting", &phone), "Hello +32470123456,");
    }

    #[test]
    fn lookups_translate_and_interpolate() {
        assert_eq!(text(Locale::Fr, "error-title-404"), "Page introuvable");
        assert_eq!(text(Locale::En, "error-title-404"), "Page not found");
        assert_eq!(
            text_with(Locale::Fr, "error-text-429", &[("seconds", "30".into())]),
            "Veuillez patienter 30 secondes avant de réessayer."
        );
    }
}
