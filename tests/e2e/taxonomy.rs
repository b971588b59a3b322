//! The skill taxonomy from the outside: the shipped list is loaded at start, ESCO files import
//! from the command line, and the autocomplete API suggests skills in the asked language.

use crate::accounts::demo_password;
use crate::harness::{Client, Server, run, within};
use std::time::Duration;

#[test]
fn shipped_taxonomy_esco_import_and_suggestions() {
    let server = Server::start_with(&["--demo"], &[]);
    let data = server.data_dir.to_str().unwrap().to_owned();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy/tests/fixtures/esco_skills_fr.csv");
    let (code, stdout, stderr) = run(&["taxonomy", "import", fixture, "--lang", "fr", "--data-dir", &data], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2 concepts read: 1 new skills, 1 existing skills enriched, 2 lines refused"), "{stdout}");
    assert!(stderr.contains("line 7:") || stderr.contains("line 8:"), "refused lines are named: {stderr}");

    let (_, token, _) =
        run(&["token", "create", "--data-dir", &data, "--email", "expert@passerelle.example", "--name", "t"], &[]);
    let api = Client::new(&server.base).with_header("Authorization", &format!("Bearer {}", token.trim()));
    let french = api.get("/api/v1/skills?q=infirmiere%20anesth&lang=fr").json();
    assert_eq!(french["skills"][0]["id"], "nurse-anaesthesia", "{french}");
    assert_eq!(french["skills"][0]["label"], "soins infirmiers en anesthésie");
    // A running server sees a taxonomy imported beside it at its next recheck (seconds).
    let (imported, english) = within(Duration::from_secs(10), || {
        let english = api.get("/api/v1/skills?q=abeilles&lang=en").json();
        let imported = english["skills"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "esco:00000000-1111-2222-3333-444444444444");
        (imported, (imported, english))
    });
    assert!(imported, "the imported concept is suggested: {english}");
    let bad = api.get("/api/v1/skills?q=x&limit=500");
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["errors"][0]["field"], "limit");
    // What is typed is bounded like any search (each word is read against the taxonomy).
    let long = api.get(&format!("/api/v1/skills?q={}", "a".repeat(201)));
    assert_eq!(long.status, 422, "{}", long.body);
    assert_eq!(long.json()["errors"][0]["field"], "q");
    let _ = demo_password(&server, "expert");
}

#[test]
fn skills_are_read_from_terms_of_reference() {
    let server = Server::start_with(&["--demo"], &[]);
    let api = crate::requests::api_as(&server, "institution@passerelle.example");
    let text = "Nous recherchons un pédiatre pour former les équipes de l'hôpital de district.\n\
                Pas d'expérience en chirurgie générale requise. Une expérience en épidémiologie serait un atout.";
    let reply = api.post_json("/api/v1/skills/extract", &serde_json::json!({"text": text, "lang": "en"}));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let skills = reply.json()["skills"].as_array().unwrap().clone();
    let of = |id: &str| skills.iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("{id} in {skills:?}")).clone();
    let paediatrics = of("paediatrics");
    assert_eq!(paediatrics["requirement"], "must_have");
    assert_eq!(paediatrics["label"], "paediatrics");
    assert_eq!(paediatrics["words"], "pédiatre");
    let (start, end) = (paediatrics["start"].as_u64().unwrap() as usize, paediatrics["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[start..end], "pédiatre", "offsets are the text's bytes");
    assert_eq!(of("general-surgery")["stance"], "negated");
    assert!(of("general-surgery")["requirement"].is_null(), "a skill said not to be needed is no must-have");
    assert_eq!(of("epidemiology")["requirement"], "nice_to_have");

    let empty = api.post_json("/api/v1/skills/extract", &serde_json::json!({"text": "  "}));
    assert_eq!((empty.status, empty.json()["errors"][0]["field"].as_str()), (422, Some("text")));
    let long = "chirurgie ".repeat(2_001);
    let too_long = api.post_json("/api/v1/skills/extract", &serde_json::json!({"text": long}));
    assert_eq!((too_long.status, too_long.json()["errors"][0]["field"].as_str()), (422, Some("text")));
    let bad_lang = api.post_json("/api/v1/skills/extract", &serde_json::json!({"text": "pédiatrie", "lang": "xx"}));
    assert_eq!((bad_lang.status, bad_lang.json()["errors"][0]["field"].as_str()), (422, Some("lang")));
    let anonymous = server.client().post_json("/api/v1/skills/extract", &serde_json::json!({"text": "pédiatrie"}));
    assert_eq!(anonymous.status, 401);
}

/// The request form's second step, without JavaScript: "find the skills in the description"
/// adds rows from the text (asked → must-have, welcome → nice-to-have, excluded → none), saves
/// nothing, and the host saves the rows after clearing one.
#[test]
fn the_request_form_finds_the_skills_of_its_description() {
    let server = Server::start_with(&["--demo"], &[]);
    let member = crate::harness::signed_in(&server, "institution").with_header("Accept-Language", "fr");
    let programme =
        crate::harness::programme_id(&crate::harness::api_as(&server, "institution@passerelle.example"), "TVET-TOT-RP");
    let form = member.get("/requests/new");
    assert!(form.body.contains(r#"value="find_skills""#), "the step is offered");
    let token = crate::accounts::csrf(&form);
    let description = "Nous recherchons un formateur en soudage TIG pour les enseignants de l'IPRC. \
        Une expérience en maintenance industrielle serait un atout. Pas d'expérience en chirurgie requise.";
    let mut fields: Vec<(String, String)> = [
        ("csrf", token.as_str()),
        ("programme_id", programme.as_str()),
        ("title", "Formation de formateurs en soudage"),
        ("sector", "tvet"),
        ("description", description),
        ("objectives", "Dix enseignants formés."),
        ("deliverables", "Un module de formation."),
        ("languages[0].language", "fr"),
        ("languages[0].level", "B2"),
        ("mode", "on_site"),
        ("country", "RW"),
        ("city", "Kigali"),
        ("timing", "fixed"),
        ("dates.start", "2027-04-05"),
        ("dates.end", "2027-04-23"),
        ("urgency", "normal"),
        ("positions", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let post = |fields: &[(String, String)]| {
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        member.post_form("/requests/new", &refs)
    };
    let mut step = fields.clone();
    step.push(("then".into(), "find_skills".into()));
    let found = post(&step);
    assert_eq!(found.status, 200, "nothing saved, the form again: {}", found.body);
    let said = ["found in the description were added", "trouvées dans la description ont été ajoutées"];
    assert!(said.iter().any(|s| found.body.contains(s)), "the step says what it did: {}", found.body);
    // The rows, read back from the form as the browser would send them.
    let rows: Vec<(String, String)> = (0..10)
        .filter_map(|i| {
            let name = format!(r#"name="skills[{i}].skill" value=""#);
            let label = found.body.split(&name).nth(1)?.split('"').next()?.to_owned();
            let select = found.body.split(&format!(r#"name="skills[{i}].requirement">"#)).nth(1)?;
            let chosen = select.split(" selected").next()?.rsplit("value=\"").next()?.split('"').next()?.to_owned();
            (!label.is_empty()).then_some((label, chosen))
        })
        .collect();
    // In the account's language, whatever the text's.
    let tig = rows.iter().find(|(l, _)| l == "soudage TIG" || l == "tungsten inert gas welding");
    assert_eq!(tig.map(|t| t.1.as_str()), Some("must_have"), "{rows:?}");
    assert!(rows.iter().any(|(_, r)| r == "nice_to_have"), "the asset is a nice-to-have: {rows:?}");
    assert!(rows.iter().all(|(l, _)| !l.contains("chirurgie")), "excluded in the text: {rows:?}");
    let api = crate::harness::api_as(&server, "institution@passerelle.example");
    let listed = |api: &Client| api.get("/api/v1/requests?limit=100").body;
    assert!(!listed(&api).contains("Formation de formateurs en soudage"), "the step saved nothing");

    // The host keeps the must-have, clears the rest, and saves.
    fields.push(("skills[0].skill".into(), "soudage TIG".into()));
    fields.push(("skills[0].requirement".into(), "must_have".into()));
    fields.push(("skills[0].level".into(), "3".into()));
    let saved = post(&fields);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(listed(&api).contains("Formation de formateurs en soudage"));
}

/// A saved search made from a text: a coordinator pastes terms of reference on the search page;
/// the skills they ask for become the search's words (those they exclude do not), the page
/// says how many, and the search is saved like any other.
#[test]
fn a_saved_search_is_made_from_a_text() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = crate::harness::signed_in(&server, "coordinator").with_header("Accept-Language", "fr");
    let search = coordinator.get("/search");
    assert!(search.body.contains(r#"action="/search/from-text""#), "the form is offered");
    let token = crate::accounts::csrf(&search);
    let text = "Termes de référence : nous recherchons une sage-femme pour former les équipes à \
        l'échographie obstétricale. Une expérience en santé publique serait un atout. \
        La chirurgie n'est pas demandée.";
    let made = coordinator.post_form("/search/from-text", &[("csrf", &token), ("text", text)]);
    assert_eq!(made.status, 303, "{}", made.body);
    let target = made.header("location").expect("to the search").to_owned();
    let results = coordinator.get(&target);
    assert_eq!(results.status, 200);
    assert!(results.body.contains("compétences trouvées dans le texte"), "the page says what it did");
    // The search box, as the browser would send it on.
    let q = results.body.split(r#"name="q" value=""#).nth(1).and_then(|v| v.split('"').next()).unwrap().to_owned();
    assert!(q.contains("maïeutique") || q.contains("sage-femme"), "the asked skill, in French: {q}");
    assert!(q.contains("échographie obstétricale"), "{q}");
    assert!(!q.contains("chirurgie"), "what the text excludes is not searched for: {q}");
    let q = q.as_str();

    let name = "Sages-femmes, échographie (depuis des TdR)";
    let saved = coordinator.post_form("/saved-searches", &[("csrf", &token), ("q", q), ("name", name)]);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let api = crate::harness::api_as(&server, "coordinator@passerelle.example");
    let list = api.get("/api/v1/saved-searches").json();
    let kept = list.to_string();
    assert!(kept.contains(name) && kept.contains("échographie obstétricale"), "{kept}");

    // Bounded and named: an empty text and one past the bound are refused on the field.
    for text in [String::from("   "), "soudure ".repeat(3_000)] {
        let refused = coordinator.post_form("/search/from-text", &[("csrf", &token), ("text", &text)]);
        assert_eq!(refused.status, 422, "{}", refused.body);
    }
    // Only staff search the roster.
    let expert = crate::harness::signed_in(&server, "expert");
    let page = expert.get("/profile");
    let expert_token = crate::accounts::csrf(&page);
    assert_eq!(expert.post_form("/search/from-text", &[("csrf", &expert_token), ("text", text)]).status, 403);
}
