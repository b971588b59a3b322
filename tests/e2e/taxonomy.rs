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
