//! A programme's name and description in English, in French or in both (issue 13, item 9):
//! written through the form and through the API, each reader reads them in their language, else
//! in the other one (marked with its `lang`), on the programme's pages, the request pages, the
//! dashboard and in the API; clients of the API written before languages (`name`,
//! `description`) go on working; and the demonstration's programmes read in French in French.

use crate::accounts::csrf;
use crate::harness::{Client, Reply, Server, api_as, ok, signed_in};
use crate::pages::{Role, client_for};
use serde_json::{Value, json};

/// Posts the programme form with the fields every programme needs, then `fields`.
fn post_programme(coordinator: &Client, path: &str, fields: &[(&str, &str)]) -> Reply {
    let form = coordinator.get(path);
    assert_eq!(form.status, 200, "{}", form.body);
    let token = csrf(&form);
    let mut all = vec![
        ("csrf", token.as_str()),
        ("starts_on", "2026-01-01"),
        ("ends_on", "2027-12-31"),
        ("status", "active"),
        ("kind", "skills_transfer"),
        ("currency", "EUR"),
    ];
    all.extend_from_slice(fields);
    coordinator.post_form(path, &all)
}

/// The id in the `Location` of a programme just saved through its form.
fn saved_id(reply: &Reply) -> String {
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.header("location").expect("a redirection to the programme");
    location.trim_start_matches("/programmes/").split('?').next().unwrap().to_owned()
}

fn names(programme: &Value) -> (Value, Value, Value) {
    (programme["name"].clone(), programme["name_en"].clone(), programme["name_fr"].clone())
}

#[test]
fn a_programme_reads_in_the_readers_language_else_in_the_other() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = signed_in(&server, "coordinator");
    let api = api_as(&server, "coordinator@passerelle.example");

    // The form asks for both languages, each field marked with its own; without any name it is
    // refused at the English name's field, a description too long at its own, what was typed kept.
    let form = coordinator.get("/programmes/new?lang=en");
    assert!(form.body.contains(r#"name="name_en" type="text" lang="en""#), "{}", form.body);
    assert!(form.body.contains(r#"name="description_fr" rows="4" lang="fr""#));
    assert!(form.body.contains("Name in French"));
    let too_long = "é".repeat(5001);
    let refused = post_programme(
        &coordinator,
        "/programmes/new",
        &[("code", "LANG-FORM"), ("name_en", "  "), ("name_fr", ""), ("description_fr", &too_long)],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains(r#"id="e-name_en-1""#), "the missing name is named at name_en");
    assert!(refused.body.contains(r#"id="e-description_fr-1""#), "the long description at its field");
    assert!(refused.body.contains(r##"href="#f-name_en""##), "the summary links to the field");
    assert!(refused.body.contains(&too_long), "what was typed is kept");

    // Both languages through the form.
    let saved = post_programme(
        &coordinator,
        "/programmes/new",
        &[
            ("code", "LANG-FORM"),
            ("name_en", "Health skills for Guinea"),
            ("name_fr", "Compétences en santé pour la Guinée"),
            ("description_en", "Nurses of the diaspora train nurses in Conakry."),
            ("description_fr", "Des infirmiers de la diaspora forment des infirmiers à Conakry."),
        ],
    );
    let both = saved_id(&saved);
    let page = coordinator.get(&format!("/programmes/{both}?lang=en"));
    assert!(page.body.contains("<span>Health skills for Guinea</span>"), "{}", page.body);
    assert!(page.body.contains("Nurses of the diaspora train nurses in Conakry."));
    assert!(!page.body.contains("Compétences en santé") && !page.body.contains("Des infirmiers"));
    let page = coordinator.get(&format!("/programmes/{both}?lang=fr"));
    assert!(page.body.contains("<title>Compétences en santé pour la Guinée"), "the title too");
    assert!(page.body.contains("<span>Compétences en santé pour la Guinée</span>"));
    assert!(page.body.contains("Des infirmiers de la diaspora forment des infirmiers à Conakry."));
    assert!(!page.body.contains("Health skills for Guinea") && !page.body.contains("Nurses of"));
    let edit = coordinator.get(&format!("/programmes/{both}/edit"));
    assert!(edit.body.contains(r#"value="Health skills for Guinea""#), "the edit form has each language");
    assert!(edit.body.contains(r#"value="Compétences en santé pour la Guinée""#));

    // One language only, through the form: the other language's readers read it, marked.
    let saved = post_programme(
        &coordinator,
        "/programmes/new",
        &[("code", "LANG-EN-ONLY"), ("name_en", "Water engineering in Burundi"), ("description_en", "Pumps.")],
    );
    let english_only = saved_id(&saved);
    let page = coordinator.get(&format!("/programmes/{english_only}?lang=fr"));
    assert!(page.body.contains(r#"<span lang="en">Water engineering in Burundi</span>"#), "{}", page.body);
    assert!(page.body.contains(r#"<p class="prose" lang="en">Pumps.</p>"#));
    let list = coordinator.get("/programmes?lang=fr");
    assert!(list.body.contains(&format!(r#"<a href="/programmes/{english_only}" lang="en">Water engineering"#)));
    assert!(list.body.contains(&format!(r#"<a href="/programmes/{both}">Compétences en santé pour la Guinée</a>"#)));

    // The API answers each language as written and `name` in the language asked (else the
    // account's, which the pages' last choice set to French), the other one when it is missing.
    let read = |id: &str, lang: &str| ok(api.get(&format!("/api/v1/programmes/{id}{lang}")));
    let fr = read(&both, "?lang=fr");
    let expected = (json!("Compétences en santé pour la Guinée"), json!("Health skills for Guinea"));
    assert_eq!(names(&fr), (expected.0.clone(), expected.1, expected.0));
    assert_eq!(fr["description"], "Des infirmiers de la diaspora forment des infirmiers à Conakry.");
    assert_eq!(fr["description_en"], "Nurses of the diaspora train nurses in Conakry.");
    assert_eq!(read(&both, "?lang=en")["name"], "Health skills for Guinea");
    assert_eq!(read(&both, "")["name"], "Compétences en santé pour la Guinée", "the account's language");
    let fallback = read(&english_only, "?lang=fr");
    assert_eq!(
        names(&fallback),
        (json!("Water engineering in Burundi"), json!("Water engineering in Burundi"), Value::Null)
    );
    assert_eq!((&fallback["description"], &fallback["description_fr"]), (&json!("Pumps."), &Value::Null));
    let bad = api.get(&format!("/api/v1/programmes/{both}?lang=de"));
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(bad.json()["errors"][0]["field"], "lang");
    let listed = ok(api.get("/api/v1/programmes?lang=fr"));
    let mine = listed["items"].as_array().unwrap().iter().find(|p| p["code"] == "LANG-FORM").unwrap().clone();
    assert_eq!(mine["name"], "Compétences en santé pour la Guinée");

    // Both languages through the API, then French only.
    let body = json!({
        "code": "LANG-API", "starts_on": "2026-01-01", "ends_on": "2027-12-31",
        "name_en": "Teacher training in Kigali", "name_fr": "Formation des enseignants à Kigali",
        "description_en": "Trainers train teachers.", "description_fr": "Des formateurs forment des enseignants.",
    });
    let created = ok(api.post_json("/api/v1/programmes", &body));
    let api_both = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["name_en"], "Teacher training in Kigali");
    assert_eq!(created["name_fr"], "Formation des enseignants à Kigali");
    assert_eq!(read(&api_both, "?lang=en")["description"], "Trainers train teachers.");
    assert_eq!(read(&api_both, "?lang=fr")["description"], "Des formateurs forment des enseignants.");
    let page = coordinator.get(&format!("/programmes/{api_both}?lang=fr"));
    assert!(page.body.contains("<span>Formation des enseignants à Kigali</span>"));
    let french_only = json!({
        "code": "LANG-FR-ONLY", "starts_on": "2026-01-01", "ends_on": "2027-12-31",
        "name_fr": "Appui aux coopératives de Thiès", "description_fr": "Des coopératives accompagnées.",
    });
    let created = ok(api.post_json("/api/v1/programmes", &french_only));
    let fr_only = created["id"].as_str().unwrap().to_owned();
    let en = read(&fr_only, "?lang=en");
    assert_eq!(
        names(&en),
        (json!("Appui aux coopératives de Thiès"), Value::Null, json!("Appui aux coopératives de Thiès"))
    );
    assert_eq!(en["description"], "Des coopératives accompagnées.");
    let page = coordinator.get(&format!("/programmes/{fr_only}?lang=en"));
    assert!(page.body.contains(r#"<span lang="fr">Appui aux coopératives de Thiès</span>"#), "{}", page.body);

    // A client of the API before languages: `name` and `description` are the English ones, and
    // its problems are named at the fields it sent.
    let old = json!({"code": "LANG-OLD", "name": "Old client programme", "description": "As before.",
                     "starts_on": "2026-01-01", "ends_on": "2027-12-31"});
    let created = ok(api.post_json("/api/v1/programmes", &old));
    let old_id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(names(&created), (json!("Old client programme"), json!("Old client programme"), Value::Null));
    assert_eq!((&created["description"], &created["description_en"]), (&json!("As before."), &json!("As before.")));
    let nameless = api.put_json(
        &format!("/api/v1/programmes/{old_id}"),
        &json!({"code": "LANG-OLD", "name": "",
        "starts_on": "2026-01-01", "ends_on": "2027-12-31"}),
    );
    assert_eq!(nameless.status, 422, "{}", nameless.body);
    assert_eq!(nameless.json()["errors"][0]["field"], "name");
    let long = api.put_json(
        &format!("/api/v1/programmes/{old_id}"),
        &json!({"code": "LANG-OLD", "name_en": "x",
        "name_fr": "n".repeat(201), "starts_on": "2026-01-01", "ends_on": "2027-12-31"}),
    );
    assert_eq!(long.status, 422, "{}", long.body);
    assert_eq!(long.json()["errors"][0]["field"], "name_fr");
    assert_eq!(long.json()["errors"][0]["code"], "too_long");
    // The texts the API answers, sent back with a French name added, keep the English one:
    // `name` (here the English name, the French one missing) is ignored beside the language
    // fields.
    let answer = read(&old_id, "?lang=fr");
    let mut body = json!({"code": "LANG-OLD", "starts_on": "2026-01-01", "ends_on": "2027-12-31"});
    for field in ["name", "name_en", "name_fr", "description", "description_en", "description_fr"] {
        body[field] = answer[field].clone();
    }
    body["name_fr"] = json!("Programme d'un ancien client");
    let saved = ok(api.put_json(&format!("/api/v1/programmes/{old_id}"), &body));
    assert_eq!(saved["name_en"], "Old client programme");
    assert_eq!(read(&old_id, "?lang=fr")["name"], "Programme d'un ancien client");

    // Where else a programme is named: a request's page, the dashboard's choices and plans,
    // the programme report.
    let requests = ok(api.get("/api/v1/requests?limit=1"));
    let request = &requests["items"][0];
    let programme = read(request["programme_id"].as_str().unwrap(), "");
    let name_fr = programme["name_fr"].as_str().expect("demo programmes are named in French");
    let name_en = programme["name_en"].as_str().expect("and in English");
    let request_id = request["id"].as_str().unwrap();
    let page = coordinator.get(&format!("/requests/{request_id}?lang=fr"));
    assert!(page.body.contains(&format!(">{}</a>", html(name_fr))), "{name_fr} on the request page");
    let page = coordinator.get(&format!("/requests/{request_id}?lang=en"));
    assert!(page.body.contains(&format!(">{}</a>", html(name_en))), "{name_en} on the request page");
    let dashboard = coordinator.get("/dashboard?lang=fr");
    assert!(dashboard.body.contains(">MIDA-GL — Transfert de compétences pour les Grands Lacs</option>"));
    assert!(dashboard.body.contains(">Transfert de compétences pour les Grands Lacs</a>"), "the plans' table");
    let id = programme["id"].as_str().unwrap();
    let report = coordinator.get(&format!("/dashboard/report?programme={id}&lang=fr"));
    assert!(report.body.contains(&format!("<span>{}</span>", html(name_fr))), "{}", report.body);
}

/// Text as askama writes it in HTML.
fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('\'', "&#39;").replace('"', "&#34;")
}

#[test]
fn the_demonstration_programmes_read_in_french_in_french() {
    let server = Server::start_with(&["--demo"], &[]);
    let api = api_as(&server, "admin@passerelle.example");
    let programmes = ok(api.get("/api/v1/programmes?lang=fr"));
    let items = programmes["items"].as_array().unwrap();
    assert!(items.len() >= 10, "{programmes}");
    for p in items {
        for field in ["name_en", "name_fr", "description_en", "description_fr"] {
            assert!(p[field].as_str().is_some_and(|t| !t.is_empty()), "{} has its {field}: {p}", p["code"]);
        }
        assert_ne!(p["name_en"], p["name_fr"], "{}", p["code"]);
        assert_eq!(p["name"], p["name_fr"]);
    }
    let english: Vec<&str> = items.iter().map(|p| p["name_en"].as_str().unwrap()).collect();

    // The programmes page in French, for a host institution's member and for a coordinator.
    for role in [Role::Institution, Role::Coordinator] {
        let page = client_for(&server, role, "fr").get("/programmes");
        assert_eq!(page.status, 200);
        for name in [
            "Transfert de compétences pour les Grands Lacs",
            "MEDMA — la diaspora marocaine pour le développement",
            "Formation de formateurs pour Rwanda Polytechnic",
            "Affectations temporaires dans les institutions publiques mauritaniennes",
            "Riposte à la COVID-19 et aux épidémies par les soignants de la diaspora",
            "Cartographie des compétences de la diaspora en Belgique",
            "Women4Dev — renforcement des capacités des organisations de femmes",
        ] {
            assert!(page.body.contains(&format!(">{name}</a>")), "{role:?}: {name} on the French page");
        }
        for name in &english {
            assert!(!page.body.contains(&html(name)), "{role:?}: no English name ({name}) on the French page");
        }
        // Active ones first, then by the French name.
        let at = |name: &str| page.body.find(&format!(">{name}</a>")).unwrap();
        assert!(
            at("Affectations temporaires dans les institutions publiques mauritaniennes")
                < at("Cartographie des compétences de la diaspora en Belgique")
        );
        assert!(
            at("Women4Dev — renforcement des capacités des organisations de femmes")
                < at("MIDA Grands Lacs, phases 1 à 4"),
            "closed last"
        );
    }
    let page = client_for(&server, Role::Coordinator, "en").get("/programmes");
    assert!(page.body.contains(">Skills transfer for the Great Lakes</a>"));
    assert!(!page.body.contains("Transfert de compétences pour les Grands Lacs"));
}
