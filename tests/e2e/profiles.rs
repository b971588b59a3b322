//! The profile service over HTTP: an expert fills the profile in French and sees it saved;
//! invalid input is refused with the field named (pages and API); the export holds what was
//! entered; erasure removes the person; bulk import reports its bad lines.

use crate::accounts::{csrf, demo_password, query_strings, sign_in, sign_up_expert};
use crate::harness::{Client, Server, run};
use serde_json::json;

const PASSWORD: &str = "umuganda ya kabiri 2026";

fn fr(client: &Client) -> Client {
    client.with_header("Accept-Language", "fr")
}

#[test]
fn an_expert_fills_the_profile_in_french_then_exports_and_erases_it() {
    let server = Server::start_with(&["--demo"], &[]);
    let client = fr(&server.client());
    assert_eq!(sign_up_expert(&client, "Jean-Bosco Nzeyimana", "jb.nzeyimana@example.be").status, 200);
    assert_eq!(sign_in(&client, "jb.nzeyimana@example.be", PASSWORD).status, 303);

    let profile = client.get("/profile");
    assert_eq!(profile.status, 200);
    assert!(profile.body.contains("Mon profil") && profile.body.contains("Il manque encore"));

    let form = client.get("/profile/edit/identity");
    let saved = client.post_form(
        "/profile/edit/identity",
        &[
            ("csrf", &csrf(&form)),
            ("name", "Jean-Bosco Nzeyimana"),
            ("phone", "+32 471 00 11 22"),
            ("city", "Liège"),
            ("residence_country", "BE"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);

    let form = client.get("/profile/edit/skills");
    let saved = client.post_form(
        "/profile/edit/skills",
        &[
            ("csrf", &csrf(&form)),
            ("skills[0].label", "soudure"),
            ("skills[0].level", "4"),
            ("skills[0].years", "15"),
            ("skills[1].label", ""),
            ("skills[2].label", "plomberie"),
            ("skills[2].level", "3"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);

    // Invalid input comes back with the message at the field and what was typed kept.
    let form = client.get("/profile/edit/availability");
    let refused = client.post_form(
        "/profile/edit/availability",
        &[
            ("csrf", &csrf(&form)),
            ("availability[0].start", "2027-05-10"),
            ("availability[0].end", "2027-04-01"),
            ("availability[0].mode", "on_site"),
            ("max_mission_days", "trente"),
        ],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(r#"id="e-availability[0].end""#), "{}", refused.body);
    assert!(refused.body.contains("La fin est avant le début."));
    assert!(
        refused.body.contains(r#"value="2027-05-10""#) && refused.body.contains(r#"value="trente""#),
        "typed values kept"
    );
    assert!(refused.body.contains(r##"href="#f-max_mission_days""##), "the summary links to the field");
    let fixed = client.post_form(
        "/profile/edit/availability",
        &[
            ("csrf", &csrf(&form)),
            ("availability[0].start", "2027-04-01"),
            ("availability[0].end", "2027-05-10"),
            ("availability[0].mode", "on_site"),
            ("max_mission_days", "30"),
        ],
    );
    assert_eq!(fixed.status, 303, "{}", fixed.body);

    let form = client.get("/profile/edit/languages");
    let saved = client.post_form(
        "/profile/edit/languages",
        &[
            ("csrf", &csrf(&form)),
            ("languages[0].code", "rn"),
            ("languages[0].spoken", "native"),
            ("languages[0].written", "C1"),
            ("languages[1].code", "fr"),
            ("languages[1].spoken", "C2"),
            ("languages[1].written", "C2"),
        ],
    );
    assert_eq!(saved.status, 303);

    let consent = client.get("/profile/consent");
    assert!(consent.body.contains("accepte que Passerelle répertorie mon profil"), "the French text of the consent");
    let version = consent.body.split(r#"name="version" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
    let given =
        client.post_form("/profile/consent", &[("csrf", &csrf(&consent)), ("choice", "grant"), ("version", &version)]);
    assert_eq!(given.status, 303);

    let profile = client.get("/profile");
    assert!(profile.body.contains("Liège, Belgique"));
    assert!(profile.body.contains("Kirundi"), "language names in French");
    assert!(profile.body.contains("Inscrit·e pour la mise en relation"));
    assert!(!profile.body.contains("hors taxonomie"), "soudure and plomberie are in the taxonomy");
    assert!(profile.body.contains("du 1er avril 2027 au 10 mai 2027"), "dates written the French way");

    let export = client.get("/profile/export");
    assert_eq!(export.status, 200);
    assert!(export.header("content-disposition").unwrap().starts_with("attachment"));
    let data = export.json();
    assert_eq!(data["account"]["email"], "jb.nzeyimana@example.be");
    assert_eq!(data["profile"]["data"]["skills"][0]["label"], "soudure");
    assert_eq!(data["profile"]["data"]["skills"][0]["skill"], "welding-fabrication");
    assert_eq!(data["profile"]["data"]["phone"], "+32471001122");
    assert_eq!(data["consents"][0]["granted"], true);
    let expert_id = data["profile"]["id"].as_str().unwrap().to_owned();

    let erase = client.get("/profile/erase");
    let refused = client.post_form("/profile/erase", &[("csrf", &csrf(&erase)), ("password", "wrong password here")]);
    assert_eq!(refused.status, 422, "no confirmation, wrong password");
    let erased =
        client.post_form("/profile/erase", &[("csrf", &csrf(&erase)), ("confirm", "on"), ("password", PASSWORD)]);
    assert_eq!(erased.status, 200, "{}", erased.body);

    // Gone from the database and from the export; the account cannot sign in.
    for (table, column) in [("users", "email"), ("experts", "email")] {
        let left = query_strings(
            &server.data_dir,
            &format!("SELECT {column} FROM {table} WHERE {column} = 'jb.nzeyimana@example.be'"),
        );
        assert!(left.is_empty(), "{table} still holds the person");
    }
    let names = query_strings(
        &server.data_dir,
        "SELECT name FROM experts WHERE name LIKE '%Nzeyimana%' AND name LIKE 'Jean-Bosco%'",
    );
    assert!(names.is_empty());
    let (_, token, _) = run(
        &[
            "token",
            "create",
            "--data-dir",
            server.data_dir.to_str().unwrap(),
            "--email",
            "coordinator@passerelle.example",
            "--name",
            "t",
        ],
        &[],
    );
    let api = Client::new(&server.base).with_header("Authorization", &format!("Bearer {}", token.trim()));
    assert_eq!(api.get(&format!("/api/v1/experts/{expert_id}/export")).status, 404);
    assert_eq!(sign_in(&Client::new(&server.base), "jb.nzeyimana@example.be", PASSWORD).status, 422);
}

#[test]
fn the_api_names_every_invalid_field_and_keeps_experts_apart() {
    let server = Server::start_with(&["--demo"], &[]);
    let data = server.data_dir.to_str().unwrap().to_owned();
    let token = |email: &str| {
        let (_, token, _) = run(&["token", "create", "--data-dir", &data, "--email", email, "--name", "t"], &[]);
        Client::new(&server.base).with_header("Authorization", &format!("Bearer {}", token.trim()))
    };
    let coordinator = token("coordinator@passerelle.example");
    let expert = token("expert@passerelle.example");

    let bad = coordinator.post_json(
        "/api/v1/experts",
        &json!({
            "name": "Awa Diop",
            "residence_country": "XX",
            "languages": [{"code": "wo", "spoken": "D1", "written": "C1"}],
            "availability": [{"start": "2027-05-01", "end": "2027-04-01", "mode": "remote"}],
        }),
    );
    assert_eq!(bad.status, 422);
    assert_eq!(bad.header("content-type"), Some("application/problem+json"));
    let fields: Vec<String> =
        bad.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    for field in ["residence_country", "languages[0].spoken", "availability[0].end"] {
        assert!(fields.contains(&field.to_owned()), "{field} not in {fields:?}");
    }
    let wrong_type = coordinator.post_json("/api/v1/experts", &json!({"name": "X", "years_experience": "many"}));
    assert_eq!(wrong_type.json()["errors"][0]["field"], "years_experience");

    let created = coordinator.post_json(
        "/api/v1/experts",
        &json!({
            "external_id": "mapping-2018-77",
            "name": "Awa Diop",
            "residence_country": "BE",
            "origin_countries": ["SN"],
            "languages": [{"code": "wo", "spoken": "native", "written": "B2"}, {"code": "fr", "spoken": "C2", "written": "C2"}],
            "skills": [{"label": "sage-femme", "level": 4, "years": 9}],
            "consent": {"matching": true, "version": "2026-11-01", "given_at": "2018-05-04T10:00:00Z"}
        }),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let awa = created.json();
    assert_eq!(awa["skill_ids"][0], "midwifery");
    assert_eq!(awa["consent_given"]["given_at"], "2018-05-04T10:00:00.000000Z");
    let id = awa["id"].as_str().unwrap();

    // An expert cannot read or change another's profile; coordinators can.
    assert_eq!(expert.get(&format!("/api/v1/experts/{id}")).status, 404);
    assert_eq!(expert.put_json(&format!("/api/v1/experts/{id}"), &json!({"name": "Mallory"})).status, 404);
    assert_eq!(expert.get("/api/v1/experts").status, 403);
    let me = expert.get("/api/v1/me").json();
    let own = me["expert_id"].as_str().unwrap();
    let mine = expert.get(&format!("/api/v1/experts/{own}"));
    assert_eq!(mine.status, 200);
    assert_eq!(mine.json()["name"], "Aline Uwase");
    let list = coordinator.get("/api/v1/experts?origin=SN&language=wo&level=C2&per_page=10").json();
    assert!(list["experts"].as_array().unwrap().iter().any(|e| e["id"] == id), "{list}");

    let erased = coordinator.delete(&format!("/api/v1/experts/{id}"));
    assert_eq!(erased.status, 204);
    assert_eq!(coordinator.get(&format!("/api/v1/experts/{id}")).status, 404);
}

#[test]
fn bulk_import_reports_bad_lines_and_surveys_need_consent() {
    let server = Server::start();
    let data = server.data_dir.to_str().unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("experts.jsonl");
    let good = json!({"external_id": "a-1", "name": "Yasmina El Amrani", "residence_country": "BE", "origin_countries": ["MA"]});
    let bad = json!({"external_id": "a-2", "name": "Karim Benali", "languages": [{"code": "ar", "spoken": "D1", "written": "C1"}]});
    std::fs::write(&file, format!("{good}\n{bad}\n\n{good}\n")).unwrap();
    let (code, stdout, stderr) = run(&["import", "experts", file.to_str().unwrap(), "--data-dir", &data], &[]);
    assert_ne!(code, 0, "a refused line fails the command");
    assert!(stderr.contains("experts.jsonl:2: languages[0].spoken:"), "{stderr}");
    assert!(stdout.contains("3 lines read: 1 profiles created, 1 updated, 1 lines refused"), "{stdout}");

    let survey = dir.path().join("survey.csv");
    std::fs::write(
        &survey,
        "ID,Nom,Pays de résidence,Pays d'origine,Compétences,Langues,Consentement\n\
         17,Diane Mukamana,Belgique,Rwanda,soins infirmiers;santé publique,rw:native;fr:C1,Oui\n\
         18,Eric Habimana,Pays-Bas,Rwanda,agronomie,rw:native,Non\n",
    )
    .unwrap();
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "external_id = \"ID\"\nname = \"Nom\"\nresidence_country = \"Pays de résidence\"\norigin_countries = \"Pays d'origine\"\n\
         skills = \"Compétences\"\nlanguages = \"Langues\"\n[consent]\ncolumn = \"Consentement\"\nyes = [\"oui\", \"yes\"]\nversion = \"2026-11-01\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(
        &["import", "mapping-survey", survey.to_str().unwrap(), "--map", map.to_str().unwrap(), "--data-dir", &data],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("1 lines read: 1 profiles created"), "only the consenting row: {stdout}");
    let names = query_strings(&server.data_dir, "SELECT name FROM experts ORDER BY name");
    assert_eq!(names, ["Diane Mukamana", "Yasmina El Amrani"]);
    let _ = demo_password;
}
