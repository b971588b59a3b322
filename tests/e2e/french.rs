//! Every page in French, for every kind of person: the walk follows the links of each one's
//! pages and fails on any English of the interface. The English to look for is the English
//! catalogue itself: each message whose French differs, cut into the words written between its
//! arguments.

use crate::harness::Server;
use crate::pages::{Role, client_for, crawl};
use passerelle_core::Locale;
use passerelle_web::i18n;
use std::collections::BTreeSet;

/// The keys of the English catalogue.
fn keys() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates/i18n/en");
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| !l.starts_with(['#', ' ', '}']) && l.contains(" = ")) {
            keys.push(line.split(" = ").next().unwrap().to_owned());
        }
    }
    keys
}

/// The pieces of text of a message between its arguments (which show as `{$name}` when none
/// is given; a choice by an argument shows its default variant).
fn pieces(text: &str) -> Vec<String> {
    text.split(['{', '}'])
        .filter(|p| !p.starts_with('$'))
        .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect()
}

/// The English of the interface: (phrases of two words or more, looked for anywhere in a
/// text; single words, looked for as a whole text).
fn english() -> (Vec<String>, BTreeSet<String>) {
    let mut french = BTreeSet::new();
    let mut candidates = BTreeSet::new();
    for key in keys() {
        let en = i18n::text(Locale::En, &key);
        let fr = i18n::text(Locale::Fr, &key);
        french.extend(pieces(&fr));
        if en != fr {
            candidates.extend(pieces(&en));
        }
    }
    // What reads the same in both languages ("Programme", "Score", "Passerelle") is not English.
    let english: Vec<String> = candidates.into_iter().filter(|p| !french.contains(p)).collect();
    let (phrases, words): (Vec<String>, Vec<String>) = english.into_iter().partition(|p| p.contains(' '));
    (phrases, words.into_iter().collect())
}

fn decode(text: &str) -> String {
    text.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// What a person reads on a page: its text (without scripts and styles, nor what is marked as
/// another language, such as the language switch) and the texts of attributes that are read
/// (labels, titles, placeholders, column names of stacked tables).
fn readable(html: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let body = html.split("<body").nth(1).unwrap_or(html);
    let mut skip_until: Option<&str> = None;
    for (i, chunk) in body.split('<').enumerate() {
        let (tag, text) = chunk.split_once('>').unwrap_or((chunk, ""));
        if i == 0 {
            continue;
        }
        if let Some(end) = skip_until {
            if tag.starts_with(end) {
                skip_until = None;
            }
            continue;
        }
        if tag.starts_with("script") {
            skip_until = Some("/script");
        } else if tag.starts_with("style") {
            skip_until = Some("/style");
        } else if tag.contains(" lang=\"en\"") {
            continue;
        }
        for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\"", "data-label=\""] {
            if let Some(value) = tag.split(attribute).nth(1).and_then(|v| v.split('"').next()) {
                texts.push(decode(value));
            }
        }
        let text = decode(text.trim());
        if !text.is_empty() {
            texts.push(text);
        }
    }
    texts
}

#[test]
fn every_page_reads_in_french_for_each_role() {
    let (phrases, words) = english();
    assert!(
        phrases.len() > 300 && words.len() > 50,
        "the English of the interface: {} phrases, {} words",
        phrases.len(),
        words.len()
    );
    assert!(
        phrases.iter().any(|p| p == "Sign out") && !words.contains("Missions"),
        "same words in both languages are not English"
    );
    let server = Server::start_with(&["--demo"], &[]);
    let mut found = Vec::new();
    let mut visited = 0;
    for role in Role::ALL {
        let client = client_for(&server, role, "fr");
        let pages = crawl(&client, role, 3, 80);
        assert!(pages.len() >= 5, "{role:?} walked {} pages", pages.len());
        for (path, html) in &pages {
            visited += 1;
            assert!(html.contains("<html lang=\"fr\">"), "{role:?} {path} is in French");
            for text in readable(html) {
                // A phrase of the interface is most of the text it is in; two words inside a
                // long text someone wrote (a programme's description) are that text's.
                let english = phrases
                    .iter()
                    .find(|p| text.contains(p.as_str()) && (p.split(' ').count() >= 4 || p.len() * 5 >= text.len() * 2))
                    .or_else(|| words.get(text.trim()));
                if let Some(english) = english {
                    found.push(format!("{role:?} {path}: “{english}” in “{text}”"));
                }
            }
        }
    }
    assert!(visited >= 150, "the walk read {visited} pages");
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "{} English texts on French pages:\n{}", found.len(), found.join("\n"));
}

/// Names sort where a French reader looks for them, and numbers take the decimal comma.
#[test]
fn french_pages_sort_names_and_write_numbers_the_french_way() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = client_for(&server, Role::Coordinator, "fr");
    let requests = coordinator.get("/requests");
    assert_eq!(requests.status, 200);
    let at = |name: &str| {
        requests.body.find(&format!(">{name}</option>")).unwrap_or_else(|| panic!("{name} among the countries"))
    };
    assert!(at("Égypte") < at("Estonie") && at("Estonie") < at("Zimbabwe"), "not after Zimbabwe");
    assert!(at("Danemark") < at("Égypte") && at("Égypte") < at("France"));

    let dashboard = coordinator.get("/dashboard");
    assert_eq!(dashboard.status, 200);
    let text = readable(&dashboard.body).join("\n");
    let rating = text.split("/5").next().and_then(|before| before.rsplit(|c: char| c.is_whitespace()).next());
    let rating = rating.expect("an average rating on the dashboard");
    assert!(rating.contains(',') && !rating.contains('.'), "a decimal comma: “{rating}/5”");
    let days = text.split(" jours (").next().and_then(|before| before.rsplit(|c: char| c.is_whitespace()).next());
    let days = days.expect("the days to staff a request, in French");
    assert!(days.contains(',') && !days.contains('.'), "a decimal comma: “{days} jours”");
}
