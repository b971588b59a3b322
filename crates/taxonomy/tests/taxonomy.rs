//! The taxonomy against a real database: the shipped list is loaded once, labels match with
//! accents and either gender, suggestions come in the asked language, and ESCO imports work.

use passerelle_core::Locale;
use passerelle_db::Db;
use passerelle_taxonomy::{SkillId, Taxonomy, get, import_esco_csv, sync_shipped};

/// The skill the linker is sure enough of to link `text` to, as every form does.
async fn find_by_label(db: &Db, text: &str) -> Result<Option<SkillId>, sqlx::Error> {
    Ok(Taxonomy::load(db).await?.linker.best(text).map(|link| link.skill))
}

async fn suggest(
    db: &Db,
    typed: &str,
    locale: Locale,
    limit: usize,
) -> Result<Vec<passerelle_taxonomy::Suggestion>, sqlx::Error> {
    Ok(Taxonomy::load(db).await?.suggest(typed, locale, limit))
}

async fn loaded() -> (tempfile::TempDir, Db) {
    let (dir, db) = passerelle_db::testing::fresh().await;
    assert!(sync_shipped(&db).await.unwrap() >= 400);
    assert_eq!(sync_shipped(&db).await.unwrap(), 0, "unchanged: not loaded again");
    (dir, db)
}

fn id(text: &str) -> SkillId {
    SkillId::parse(text).unwrap()
}

#[tokio::test]
async fn labels_match_in_both_languages_and_genders() {
    let (_dir, db) = loaded().await;
    let nurse = Some(id("nurse-anaesthesia"));
    assert_eq!(find_by_label(&db, "nurse anaesthetist").await.unwrap(), nurse);
    assert_eq!(find_by_label(&db, "Infirmière anesthésiste").await.unwrap(), nurse);
    assert_eq!(find_by_label(&db, "infirmier anesthesiste").await.unwrap(), nurse);
    assert_eq!(find_by_label(&db, "sage-femme").await.unwrap(), Some(id("midwifery")));
    assert_eq!(find_by_label(&db, "underwater basket weaving").await.unwrap(), None);

    let skill = get(&db, &id("nurse-anaesthesia")).await.unwrap().unwrap();
    assert_eq!(skill.label(Locale::Fr), "soins infirmiers en anesthésie");
    assert_eq!(skill.label(Locale::En), "nurse anaesthesia");
}

#[tokio::test]
async fn suggestions_follow_the_language_and_show_the_synonym_that_matched() {
    let (_dir, db) = loaded().await;
    let french = suggest(&db, "soud", Locale::Fr, 5).await.unwrap();
    assert!(!french.is_empty());
    assert!(french.iter().any(|s| s.id == id("welding-fabrication")), "{french:?}");
    let midwife = suggest(&db, "sage", Locale::En, 5).await.unwrap();
    let hit = midwife.iter().find(|s| s.id == id("midwifery")).unwrap();
    assert_eq!(hit.label, "midwifery");
    assert!(hit.matched.as_deref().is_some_and(|m| m.to_lowercase().contains("sage")));
    assert!(suggest(&db, "  ", Locale::En, 5).await.unwrap().is_empty());
    assert!(suggest(&db, "%_\\", Locale::En, 5).await.unwrap().is_empty(), "LIKE wildcards are literal");
}

#[tokio::test]
async fn esco_csv_imports_labels_and_new_skills_idempotently() {
    let (_dir, db) = loaded().await;
    let fixture = include_str!("fixtures/esco_skills_fr.csv");
    let report = import_esco_csv(&db, fixture.as_bytes(), "fr").await.unwrap();
    assert_eq!((report.read, report.created, report.enriched), (2, 1, 1), "{report:?}");
    assert_eq!(report.refused.len(), 2, "{:?}", report.refused);
    assert!(report.refused.iter().any(|(_, why)| why.contains("not an ESCO skill URI")));

    // The curated skill keeps its French label and gains ESCO's as synonyms.
    let surgery = get(&db, &id("general-surgery")).await.unwrap().unwrap();
    assert_eq!(surgery.label_fr, "chirurgie générale");
    assert_eq!(find_by_label(&db, "opérer en chirurgie générale").await.unwrap(), Some(id("general-surgery")));
    // The new concept is a skill of its own.
    let bees = find_by_label(&db, "élever des abeilles").await.unwrap().unwrap();
    assert_eq!(bees.as_str(), "esco:00000000-1111-2222-3333-444444444444");
    assert_eq!(get(&db, &bees).await.unwrap().unwrap().label(Locale::Fr), "gérer un rucher");

    let again = import_esco_csv(&db, fixture.as_bytes(), "fr").await.unwrap();
    assert_eq!((again.created, again.enriched), (0, 2));
    assert!(import_esco_csv(&db, "a,b\n1,2\n".as_bytes(), "fr").await.is_err(), "not an ESCO file");
}

#[tokio::test]
async fn words_naming_another_sectors_skill_mean_its_neighbour_in_the_asked_sector() {
    use passerelle_core::Sector;
    let (_dir, db) = loaded().await;
    let taxonomy = Taxonomy::load(&db).await.unwrap();
    let link = |typed: &str, sector: Option<Sector>| taxonomy.link_in(typed, sector).map(|l| l.skill);
    // Without a sector, and in the skill's own sector, the words mean what they say.
    assert_eq!(link("comptabilité", None), Some(id("accounting")));
    assert_eq!(link("comptabilité", Some(Sector::Finance)), Some(id("accounting")));
    assert_eq!(link("epidemiology", Some(Sector::Health)), Some(id("epidemiology")));
    // A ministry asking for accounting, a livestock service for epidemiology.
    assert_eq!(link("comptabilité", Some(Sector::PublicAdministration)), Some(id("public-sector-accounting")));
    assert_eq!(link("épidémiologie", Some(Sector::RuralDevelopment)), Some(id("veterinary-epidemiology")));
    // The general skill stays close to the chosen one: its holders keep a share.
    let close = taxonomy.graph.close(&id("public-sector-accounting"));
    assert!(close.iter().any(|(skill, _)| skill == &id("accounting")), "{close:?}");
    // A sector without a neighbour of the skill changes nothing; unknown words stay unknown.
    assert_eq!(link("comptabilité", Some(Sector::Tvet)), Some(id("accounting")));
    assert_eq!(link("underwater basket weaving", Some(Sector::Health)), None);
}
