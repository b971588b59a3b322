//! The demonstration runs each kind of programme of the diaspora-engagement page: skills
//! transfer (MIDA Great Lakes, MEDMA), training of trainers at the IPRCs, the Mauritanian
//! placements toward their target of twenty, medical relief with the licence check, Women4Dev
//! capacity building, and a diaspora-mapping survey imported from its CSV with respondents
//! invited to claim their profiles (one has).
use crate::accounts::{email_in_outbox, query_strings};
use crate::harness::{Server, api_as, ok};

#[test]
fn the_demonstration_runs_every_programme_of_the_seed_page() {
    let server = Server::start_with(&["--demo"], &[]);
    let api = api_as(&server, "coordinator@passerelle.example");
    let programmes = ok(api.get("/api/v1/programmes"));
    let programme = |code: &str| {
        programmes["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == code)
            .unwrap_or_else(|| panic!("programme {code} in the demonstration"))
            .clone()
    };
    for code in ["MIDA-GL", "MEDMA", "TVET-TOT-RP", "MR-PLACE-20", "COVID19-MED", "WOMEN4DEV", "DIASPORA-MAP"] {
        let p = programme(code);
        let requests = ok(api.get(&format!("/api/v1/requests?programme={}&limit=100", p["id"].as_str().unwrap())));
        if code == "DIASPORA-MAP" {
            continue; // a survey, not missions
        }
        assert!(!requests["items"].as_array().unwrap().is_empty(), "{code} has requests: {requests}");
    }
    // The placements count toward their target of twenty.
    let placements = programme("MR-PLACE-20");
    let progress = ok(api.get(&format!("/api/v1/programmes/{}/progress", placements["id"].as_str().unwrap())));
    assert_eq!(progress["targets"]["experts"], 20, "{progress}");
    assert!(progress["experts"].as_u64().is_some());

    // The mapping survey: only the respondents who agreed to be contacted, their skills typed in
    // French linked to the taxonomy, one profile claimed and the others invited to join.
    let respondents = query_strings(
        &server.data_dir,
        "SELECT name || '|' || CASE WHEN user_id IS NULL THEN 'invited' ELSE 'claimed' END FROM experts \
         WHERE external_id LIKE 'survey:%' ORDER BY name",
    );
    assert_eq!(respondents.len(), 6, "{respondents:?}");
    assert!(respondents.contains(&"Diane Mukamana|claimed".to_owned()), "{respondents:?}");
    assert!(respondents.contains(&"Fatou Ndiaye|invited".to_owned()), "{respondents:?}");
    assert!(!respondents.iter().any(|r| r.starts_with("Eric Habimana")), "no consent, not imported");
    let skills = query_strings(
        &server.data_dir,
        "SELECT s.skill_id FROM expert_skills s JOIN experts e ON e.id = s.expert_id \
         WHERE e.external_id = 'survey:DMB-2026-003' AND s.skill_id IS NOT NULL ORDER BY s.position",
    );
    assert!(skills.contains(&"women-entrepreneurship".to_owned()), "«entrepreneuriat féminin» is linked: {skills:?}");
    let invitation = email_in_outbox(&server.data_dir, "fatou.ndiaye@survey.passerelle.example");
    assert!(invitation.contains("/join?token="), "a join link: {invitation}");

    // A respondent is in the roster at once; one who said she is available this year is matched
    // from the day of the import, and the skills her own words name are hers (not the one they
    // say she lacks), at the survey's level.
    let fatou = query_strings(
        &server.data_dir,
        "SELECT CAST(id AS TEXT) FROM experts WHERE external_id = 'survey:DMB-2026-003'",
    );
    let roster = ok(api.get("/api/v1/search/experts?q=microfinance"));
    let found: Vec<&str> = roster["hits"].as_array().unwrap().iter().filter_map(|h| h["id"].as_str()).collect();
    assert!(found.contains(&fatou[0].as_str()), "{roster}");
    assert!(skills.len() > 3, "the three typed skills and those of her words: {skills:?}");
    assert!(!skills.iter().any(|s| s.contains("accounting")), "her words say she lacks it: {skills:?}");
    let windows = query_strings(
        &server.data_dir,
        "SELECT w.mode FROM expert_availability w JOIN experts e ON e.id = w.expert_id \
         WHERE e.external_id IN ('survey:DMB-2026-003', 'survey:DMB-2026-004') ORDER BY e.external_id",
    );
    assert_eq!(windows, ["either"], "a yes is a window, a no none: {windows:?}");

    // Women4Dev: the approved request in Thiès has experts who meet all of it.
    let women = programme("WOMEN4DEV");
    let requests = ok(api.get(&format!("/api/v1/requests?programme={}&limit=100", women["id"].as_str().unwrap())));
    let approved = requests["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "approved")
        .expect("an approved Women4Dev request")
        .clone();
    let matches = ok(api.get(&format!("/api/v1/requests/{}/matches", approved["id"].as_str().unwrap())));
    assert!(matches["full_matches"].as_u64().unwrap() >= 1, "{matches}");
    assert!(matches.to_string().contains(&fatou[0]), "the respondent available this year is matched: {matches}");
}
