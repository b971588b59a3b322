//! The linker against the shipped taxonomy: every label finds its skill, in both languages,
//! and the wordings people type — gender, plural, order, abbreviations, typos, a label inside a
//! longer phrase — find the skill they mean.

use super::*;
use crate::shipped::shipped_rows;
use proptest::prelude::*;
use std::sync::LazyLock;

static SHIPPED: LazyLock<Linker> = LazyLock::new(|| Linker::new(crate::shipped::label_inputs(&shipped_rows())));

fn best(text: &str) -> Option<String> {
    SHIPPED.best(text).map(|l| l.skill.as_str().to_owned())
}

fn top(text: &str) -> String {
    SHIPPED.link(text).first().map(|l| l.skill.as_str().to_owned()).unwrap_or_default()
}

#[test]
fn every_label_of_every_skill_links_to_it_in_both_languages() {
    let rows = shipped_rows();
    assert!(rows.len() >= 1500);
    for row in &rows {
        let labels = [&row.label_en, &row.label_fr]
            .into_iter()
            .cloned()
            .chain(row.alt_en.split('|').map(str::to_owned))
            .chain(row.alt_fr.split('|').map(str::to_owned))
            .filter(|l| !l.trim().is_empty());
        for label in labels {
            let links = SHIPPED.link(&label);
            let first = links.first().unwrap_or_else(|| panic!("{label:?} links to nothing"));
            let mine = links.iter().find(|l| l.skill.as_str() == row.id);
            let mine = mine.unwrap_or_else(|| panic!("{label:?} does not link to {}", row.id));
            assert!(mine.confidence >= 0.95, "{label:?} → {} at {}", row.id, mine.confidence);
            assert!(mine.confidence >= first.confidence, "{label:?}: {} before {}", first.skill, row.id);
        }
        // Both preferred labels name the same skill.
        assert_eq!(best(&row.label_en).as_deref(), Some(row.id.as_str()), "{}", row.label_en);
        assert_eq!(best(&row.label_fr).as_deref(), Some(row.id.as_str()), "{}", row.label_fr);
    }
}

#[test]
fn wordings_people_type_find_the_skill_they_mean() {
    for (typed, skill) in [
        ("infirmières anesthésistes", "nurse-anaesthesia"),
        ("Infirmier anesthésiste", "nurse-anaesthesia"),
        ("nurse anesthetist", "nurse-anaesthesia"),
        ("anesthesiologist", "anaesthesiology"),
        ("ANESTHÉSIE", "anaesthesiology"),
        ("sage-femme", "midwifery"),
        ("sages femmes", "midwifery"),
        ("pharmacy management", "pharmacy-management"),
        ("ICU nursing", "critical-care-nursing"),
        ("data science", "data-science"),
        ("statistiques officielles", "official-statistics"),
        ("transformation agroalimentaire", "agro-processing"),
        ("food processing", "agro-processing"),
        ("mental health counselling", "mental-health-counselling"),
        ("mental health counseling", "mental-health-counselling"),
        ("surveillance en santé publique", "disease-surveillance"),
    ] {
        assert_eq!(best(typed).as_deref(), Some(skill), "{typed}: {:?}", SHIPPED.link(typed).first());
    }
}

#[test]
fn longer_phrases_typos_and_abbreviations() {
    // A label inside a longer phrase.
    let welding = top("soudage TIG/MIG");
    assert!(welding.contains("weld") || welding.contains("tig") || welding.contains("mig"), "{welding}");
    assert!(
        top("experienced TIG welding instructor").contains("weld"),
        "{}",
        top("experienced TIG welding instructor")
    );
    // Typos on longer words.
    assert_eq!(top("anestesiology"), "anaesthesiology");
    assert_eq!(top("midwiffery"), "midwifery");
    // Two letters swapped, a letter doubled or dropped.
    assert_eq!(top("cybersecuirty"), "cybersecurity");
    assert_eq!(top("geotechincal engineering"), "geotechnical-engineering");
    assert_eq!(top("refrigiration and air conditioning"), "refrigeration-air-conditioning");
    // A real word is not a typo of another, nor is a word whose first letter differs: kept as
    // written rather than linked to the nearest skill.
    assert_eq!(best("podiatry"), None, "{:?}", SHIPPED.link("podiatry").first());
    assert_eq!(best("héliciculture"), None, "{:?}", SHIPPED.link("héliciculture").first());
    // Equally near words: the one a label uses with the other words typed.
    assert_eq!(best("radiologie interventionelle").as_deref(), Some("interventional-radiology"));
    // Two edits make another real word too often: offered, not taken without asking.
    assert_eq!(best("astronomie"), None, "{:?}", SHIPPED.link("astronomie").first());
    assert_eq!(top("astronomie"), "agronomy", "still offered");
    // On a long word, two edits are still a typo ("-istion" for "-isation", then s for z).
    assert_eq!(best("décentralistion").as_deref(), Some("decentralisation-local-governance"));
    // An unknown word links to nothing sure.
    assert_eq!(best("griot storytelling"), None);
    assert_eq!(best("zzzz"), None);
    assert!(SHIPPED.link("").is_empty());
}

#[test]
fn words_around_a_skill_weigh_nothing_and_acronyms_count_in_capitals() {
    // What a CV wraps around a skill does not hide it.
    assert_eq!(best("strong background in epidemiology").as_deref(), Some("epidemiology"));
    assert_eq!(best("5 years experience as ICU nurse").as_deref(), Some("critical-care-nursing"));
    // Without the wrapping, the same words still weigh: a word no label uses is what the text
    // is about, and keeps it from being linked to a shorter skill.
    assert_eq!(best("griot storytelling"), None);
    // In a text of several words, a one-word acronym label counts only in capitals.
    assert_eq!(best("sens de l'organisation"), None, "{:?}", SHIPPED.link("sens de l'organisation").first());
    let state = SHIPPED.link("infirmier d'état");
    assert!(state.iter().all(|l| l.label != "ETAT"), "état is not the acronym ETAT: {state:?}");
    assert!(SHIPPED.link("cours de SIG").iter().any(|l| l.skill.as_str() == "gis"), "SIG in capitals still counts");
    // Two labels of one skill typed together say more than either.
    assert_eq!(best("WASH/EHA").as_deref(), Some("wash-programmes"));
    assert_eq!(best("soudure/chaudronnerie").as_deref(), Some("welding-fabrication"));
    // Compounds written apart or together, as the labels do not; as typed still counts.
    assert_eq!(best("hydro power").as_deref(), Some("hydropower-engineering"));
    assert_eq!(best("reducing post harvest losses").as_deref(), Some("post-harvest-management"));
    // Labels of two skills that differ only in case: the one written so, in `link` as in `best`.
    assert_eq!(best("EiE").as_deref(), Some("education-in-emergencies"));
    assert_eq!(best("EIE").as_deref(), Some("environmental-impact-assessment"));
    assert_eq!(top("EIE"), "environmental-impact-assessment");
    assert_eq!(top("EiE"), "education-in-emergencies");
    // Names written in mixed case are not acronyms: typed in lower case, they still count.
    assert!(
        SHIPPED.link("arcgis training").iter().any(|l| l.skill.as_str() == "gis"),
        "{:?}",
        SHIPPED.link("arcgis training")
    );
}

#[test]
fn suggestions_complete_the_word_being_typed() {
    let typed = SHIPPED.suggest("soud", 8);
    assert!(typed.iter().any(|l| l.skill.as_str().contains("weld")), "{typed:?}");
    let typed = SHIPPED.suggest("infirmi", 8);
    assert!(!typed.is_empty());
    assert!(typed.iter().all(|l| l.confidence > 0.0));
}

#[test]
fn labels_are_found_in_running_text_with_where_they_are() {
    let text = "Nous recherchons un formateur en soudure pour renforcer les compétences en anesthésie.";
    let spans = SHIPPED.find_in(text);
    let named: Vec<(&str, &str)> = spans.iter().map(|s| (s.skill.as_str(), &text[s.start..s.end])).collect();
    assert!(named.iter().any(|(_, t)| t.contains("soudure")), "{named:?}");
    assert!(named.iter().any(|(s, t)| *s == "anaesthesiology" && *t == "anesthésie"), "{named:?}");
}

#[test]
fn a_label_does_not_run_across_the_end_of_a_sentence_nor_a_comma_it_does_not_have() {
    let skills =
        |text: &str| SHIPPED.find_in(text).into_iter().map(|s| s.skill.as_str().to_owned()).collect::<Vec<_>>();
    for text in
        ["Nursing, midwifery, teaching.", "Midwifery; teaching", "Midwifery:\nteaching", "- Midwifery\n- Teaching"]
    {
        assert!(!skills(text).contains(&"midwifery-education".to_owned()), "{text}: {:?}", skills(text));
    }
    assert!(skills("Midwifery teaching at the school").contains(&"midwifery-education".to_owned()));
    assert!(!skills("I work in public. Health is my passion.").contains(&"public-health".to_owned()));
    for text in ["Midwifery;Teaching", "Nurse | Midwifery | Teaching", "Midwifery – teaching"] {
        assert!(!skills(text).contains(&"midwifery-education".to_owned()), "{text}: {:?}", skills(text));
    }
    assert!(
        skills("formation des sages-\nfemmes").contains(&"midwifery-education".to_owned()),
        "a word cut at a line end"
    );
    // A label written with a comma runs across one; a line wrapped inside a sentence is no end.
    assert!(skills("Eau, hygiène et assainissement dans les écoles").contains(&"wash-programmes".to_owned()));
    assert!(skills("Formation des\nsages-femmes").contains(&"midwifery-education".to_owned()));
    assert!(skills("ASP.NET Core, C#").contains(&"dotnet-programming".to_owned()), "a dot inside a word");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Whatever is typed: no panic, confidences within 0..=1, one link per skill, best first.
    #[test]
    fn any_text_gives_well_formed_links(text in "\\PC{0,60}") {
        let links = SHIPPED.link(&text);
        let mut seen = std::collections::HashSet::new();
        for pair in links.windows(2) {
            prop_assert!(pair[0].confidence >= pair[1].confidence);
        }
        for link in &links {
            prop_assert!((0.0..=1.0).contains(&link.confidence));
            prop_assert!(seen.insert(link.skill.clone()));
        }
        let _ = SHIPPED.find_in(&text);
        let _ = SHIPPED.suggest(&text, 5);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Runs of letters are remembered once read: a text read again, by a linker that has read
    /// many others, is found in as a linker reading it for the first time finds it.
    #[test]
    fn remembered_words_read_as_a_first_reading(
        text in "((Soudure|soudures|TIG|MIG|chirurgie|Chirurgiennes|pédiatrie|soins|intensifs|USI|nursing|ICU|de|en|pas|not|[a-zé]{1,7}|½)[ ,.;()/-]{1,2}){0,14}"
    ) {
        let remembered = SHIPPED.find_in(&text);
        prop_assert_eq!(&SHIPPED.find_in(&text), &remembered);
        // A copy starts with nothing remembered.
        let fresh = SHIPPED.clone();
        prop_assert_eq!(&fresh.find_in(&text), &remembered);
        prop_assert_eq!(crate::extract(&SHIPPED, &text), crate::extract(&SHIPPED.clone(), &text));
    }
}
