//! The judged texts of `passerelle-bench --extraction` (`data/extraction.json`) are well formed:
//! enough texts, both languages and both kinds, every judged id a skill of the shipped
//! taxonomy, and a two-page ToR to time. Figures and timings come from release runs
//! (BENCHMARKS.md), not from here.

use passerelle_taxonomy::shipped_rows;
use serde_json::Value;
use std::collections::HashSet;

const JUDGED: &str = include_str!("../data/extraction.json");

fn texts() -> Vec<Value> {
    let doc: Value = serde_json::from_str(JUDGED).expect("data/extraction.json is JSON");
    doc["texts"].as_array().expect("a \"texts\" array").clone()
}

fn field<'a>(text: &'a Value, key: &str) -> &'a str {
    text[key].as_str().unwrap_or_else(|| panic!("a text without a string {key}: {text}"))
}

fn ids(text: &Value, key: &str) -> Vec<String> {
    text[key]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no {key} list", field(text, "id")))
        .iter()
        .map(|v| v.as_str().unwrap_or_else(|| panic!("{}: {key} holds a non-string", field(text, "id"))).to_owned())
        .collect()
}

fn words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count()
}

#[test]
fn there_are_enough_texts_in_both_languages_and_of_both_kinds() {
    let texts = texts();
    assert!(texts.len() >= 50, "{} texts", texts.len());
    let mut seen = HashSet::new();
    for text in &texts {
        let id = field(text, "id");
        assert!(seen.insert(id.to_owned()), "{id} twice");
        let (lang, kind) = (field(text, "lang"), field(text, "kind"));
        assert!(["en", "fr"].contains(&lang), "{id}: language {lang}");
        assert!(["tor", "cv"].contains(&kind), "{id}: kind {kind}");
        assert!(!field(text, "text").trim().is_empty(), "{id}: empty");
    }
    for lang in ["en", "fr"] {
        for kind in ["tor", "cv"] {
            let n = texts.iter().filter(|t| field(t, "lang") == lang && field(t, "kind") == kind).count();
            assert!(n >= 10, "only {n} texts in {lang} of kind {kind}");
        }
    }
}

#[test]
fn every_judged_id_is_a_skill_of_the_taxonomy_and_the_lists_agree() {
    let known: HashSet<String> = shipped_rows().into_iter().map(|r| r.id).collect();
    assert!(known.len() >= 1500);
    let mut judged = 0;
    for text in &texts() {
        let id = field(text, "id");
        let (gold, welcome, negated) = (ids(text, "gold"), ids(text, "welcome"), ids(text, "negated"));
        for skill in gold.iter().chain(&welcome).chain(&negated) {
            assert!(known.contains(skill), "{id}: {skill} is not a skill of search-index/taxonomy/skills.csv");
        }
        assert_eq!(gold.iter().collect::<HashSet<_>>().len(), gold.len(), "{id}: a gold skill twice");
        for skill in &welcome {
            assert!(gold.contains(skill), "{id}: welcome {skill} is not in gold");
        }
        for skill in &negated {
            assert!(!gold.contains(skill), "{id}: {skill} both asked and not needed");
        }
        judged += gold.len();
    }
    assert!(judged >= 200, "only {judged} gold skills");
}

#[test]
fn one_two_page_terms_of_reference_is_there_to_time() {
    let timed: Vec<Value> = texts().into_iter().filter(|t| t["timing"].as_bool() == Some(true)).collect();
    assert_eq!(timed.len(), 1, "exactly one text is timed");
    let text = &timed[0];
    assert_eq!(field(text, "kind"), "tor");
    let n = words(field(text, "text"));
    assert!(n >= 800, "{}: {n} words, a two-page ToR has at least 800", field(text, "id"));
}
