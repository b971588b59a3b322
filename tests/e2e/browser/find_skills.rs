//! Skills from text in a real browser. On the request form, "find the skills in the
//! description" adds the skills the terms of reference name as rows: without JavaScript (in
//! French) by the server's second step, with it (in English, at a phone's width) in place
//! through static/find-skills.js, which falls back to the server's step when its call fails.
//! On the profile page, a skill the expert's summary names is suggested; the expert confirms
//! one with a level and dismisses another, which does not come back. Screenshots in
//! `target/tmp/screenshots` (find-skills-*).

use super::{PHONE, browser, browser_at, browser_without_javascript, by_id, chromedriver, shoot, sign_in_browser};
use crate::accounts::demo_password;
use crate::harness::{Server, ok, programme_id};
use crate::requests::api_as;
use fantoccini::{Client, Locator};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);
const HOST: &str = "institution@passerelle.example";
const EXPERT: &str = "expert@passerelle.example";
const FIND: &str = r#"button[name="then"][value="find_skills"]"#;
/// The form's first button: save (as a draft), without a `then`.
const SAVE: &str = "main form .actions button[type=submit]:not([name])";
const FOUND: &str = "#skills-found .notice";

/// The terms of reference, in the form's language: a title, a description naming two skills
/// asked for, one welcome ("an asset") and one not needed, and objectives and deliverables that
/// name none.
struct Terms {
    title: &'static str,
    description: &'static str,
    objectives: &'static str,
    deliverables: &'static str,
}

const FRENCH: Terms = Terms {
    title: "Atelier de métallerie de l'IPRC Kigali",
    description: "L'atelier ouvre une option au prochain semestre. Nous recherchons un expert en soudage TIG \
        et en installation électrique. Une expérience en maintenance industrielle serait un atout. \
        Pas d'expérience en chirurgie requise.",
    objectives: "L'atelier tourne à plein régime avant la rentrée.",
    deliverables: "Un guide pratique et une démonstration.",
};

const ENGLISH: Terms = Terms {
    title: "IPRC Kigali metalwork workshop",
    description: "The workshop opens an option next term. We are looking for an expert in welding and \
        electrical installation. Experience in industrial maintenance would be an asset. \
        No surgery experience required.",
    objectives: "The workshop runs at full capacity before the new year.",
    deliverables: "A practical guide and a demonstration.",
};

async fn type_into(client: &Client, id: &str, text: &str) {
    let field = client.find(Locator::Css(&by_id(id))).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// The part of the form the find-skills step reads, and the programme and sector.
async fn describe(client: &Client, programme: &str, terms: &Terms) {
    client.wait().at_most(WAIT).for_element(Locator::Css(&by_id("f-title"))).await.unwrap();
    client.find(Locator::Css(&by_id("f-programme_id"))).await.unwrap().select_by_value(programme).await.unwrap();
    type_into(client, "f-title", terms.title).await;
    client.find(Locator::Css(&by_id("f-sector"))).await.unwrap().select_by_value("tvet").await.unwrap();
    type_into(client, "f-description", terms.description).await;
    type_into(client, "f-objectives", terms.objectives).await;
    type_into(client, "f-deliverables", terms.deliverables).await;
}

/// The rest of what saving needs: on site in Kigali, fixed dates, one expert. The dates have
/// their day equal to their month, so that they type the same in a dd/mm and a mm/dd browser.
async fn place_and_dates(client: &Client) {
    client.find(Locator::Css(&by_id("mode-on_site"))).await.unwrap().click().await.unwrap();
    client.find(Locator::Css(&by_id("f-country"))).await.unwrap().select_by_value("RW").await.unwrap();
    type_into(client, "f-city", "Kigali").await;
    client.find(Locator::Css(&by_id("timing-fixed"))).await.unwrap().click().await.unwrap();
    for (id, typed, value) in [("f-dates.start", "03032027", "2027-03-03"), ("f-dates.end", "04042027", "2027-04-04")] {
        let field = client.find(Locator::Css(&by_id(id))).await.unwrap();
        field.send_keys(typed).await.unwrap();
        assert_eq!(field.prop("value").await.unwrap().as_deref(), Some(value), "{id} typed");
    }
    type_into(client, "f-positions", "1").await;
}

/// The skill rows as shown: (field name, skill typed, requirement).
async fn rows(client: &Client) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    for input in client.find_all(Locator::Css(r#"#f-skills input[name$=".skill"]"#)).await.unwrap() {
        let name = input.attr("name").await.unwrap().unwrap_or_default();
        let skill = input.prop("value").await.unwrap().unwrap_or_default();
        let select = client.find(Locator::Css(&by_id(&format!("f-{}", name.replace(".skill", ".requirement"))))).await;
        let requirement = select.unwrap().prop("value").await.unwrap().unwrap_or_default();
        rows.push((name, skill, requirement));
    }
    rows
}

fn filled(rows: &[(String, String, String)]) -> Vec<(&str, &str)> {
    rows.iter().filter(|r| !r.1.is_empty()).map(|r| (r.1.as_str(), r.2.as_str())).collect()
}

/// Waits until the browser is on a page whose path `wanted` accepts; answers the path.
async fn wait_for_path(client: &Client, wanted: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let url = client.current_url().await.unwrap();
        if wanted(url.path()) {
            return url.path().to_owned();
        }
        assert!(started.elapsed() < WAIT, "still at {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves the form; answers the new request's id, from the page it leads to.
async fn save(client: &Client) -> String {
    client.find(Locator::Css(SAVE)).await.unwrap().click().await.unwrap();
    let path = wait_for_path(client, |path| path != "/requests/new").await;
    path.trim_start_matches("/requests/").to_owned()
}

/// (skill id, requirement) of a saved request, through the API.
fn saved_skills(server: &Server, id: &str) -> Vec<(String, String)> {
    let request = ok(api_as(server, HOST).get(&format!("/api/v1/requests/{id}")));
    let skills = request["skills"].as_array().unwrap_or_else(|| panic!("{request}"));
    let mut held: Vec<_> = skills
        .iter()
        .map(|s| (s["skill"].as_str().unwrap_or_default().to_owned(), s["requirement"].as_str().unwrap().to_owned()))
        .collect();
    held.sort();
    held
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut list: Vec<_> = list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    list.sort();
    list
}

/// Without JavaScript, in French: the server's step adds the rows (the welcome skill as a
/// nice-to-have, the negated one not at all); the host clears one and saves.
#[test]
fn find_skills_without_javascript_in_french_adds_rows_the_host_checks_then_saves() {
    let server = Server::start_with(&["--demo"], &[]);
    let password = demo_password(&server, "institution");
    let programme = programme_id(&api_as(&server, HOST), "TVET-TOT-RP");
    let driver = chromedriver();
    let profile_dir = tempfile::tempdir().unwrap();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let id = runtime.block_on(async move {
        let client = browser_without_javascript(&driver, profile_dir.path()).await;
        sign_in_browser(&client, &base, HOST, &password).await;
        client.goto(&format!("{base}/requests/new?lang=fr")).await.unwrap();
        describe(&client, &programme, &FRENCH).await;
        shoot(&client, "find-skills-fr-1-described").await;
        client.find(Locator::Css(FIND)).await.unwrap().click().await.unwrap();

        let notice = client.wait().at_most(WAIT).for_element(Locator::Css(FOUND)).await.unwrap();
        let said = notice.text().await.unwrap();
        assert!(said.starts_with("3 compétences trouvées dans la description"), "{said}");
        let shown = rows(&client).await;
        assert_eq!(
            filled(&shown),
            [
                ("soudage TIG", "must_have"),
                ("installation électrique", "must_have"),
                ("maintenance industrielle", "nice_to_have")
            ],
            "asked skills as must-haves, the asset as a nice-to-have, surgery not at all: {shown:?}"
        );
        assert!(shown.len() >= 6 && shown.iter().skip(3).all(|r| r.1.is_empty()), "empty rows left: {shown:?}");
        let description = client.find(Locator::Css(&by_id("f-description"))).await.unwrap();
        assert_eq!(description.prop("value").await.unwrap().as_deref(), Some(FRENCH.description.trim()));
        let url = client.current_url().await.unwrap();
        assert_eq!(url.fragment(), Some("f-skills"), "the page opens at the rows: {url}");
        shoot(&client, "find-skills-fr-2-found").await;

        // The host keeps welding and maintenance, clears the electrical installation, saves.
        client.find(Locator::Css(&by_id("f-skills[1].skill"))).await.unwrap().clear().await.unwrap();
        place_and_dates(&client).await;
        shoot(&client, "find-skills-fr-3-checked").await;
        let id = save(&client).await;
        shoot(&client, "find-skills-fr-4-saved").await;
        client.close().await.unwrap();
        id
    });
    assert_eq!(
        saved_skills(&server, &id),
        pairs(&[("tig-welding", "must_have"), ("industrial-maintenance", "nice_to_have")]),
        "the rows kept, as checked; nothing the host cleared"
    );
}

/// With JavaScript, in English, at a phone's width: the script fills the rows in place (the
/// page is not loaded again), adding rows past the form's own, and says how many; when its call
/// fails, the click is the server's step after all.
#[test]
fn find_skills_with_javascript_in_english_fills_the_rows_in_place() {
    let server = Server::start_with(&["--demo"], &[]);
    let password = demo_password(&server, "institution");
    let programme = programme_id(&api_as(&server, HOST), "TVET-TOT-RP");
    let driver = chromedriver();
    let profile_dir = tempfile::tempdir().unwrap();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let id = runtime.block_on(async move {
        let client = browser_at(&driver, profile_dir.path(), Some(PHONE)).await;
        sign_in_browser(&client, &base, HOST, &password).await;
        let marker = "window.findSkillsMarker";
        let on = &client;
        let marked = move || async move { on.execute(&format!("return {marker} === 'here';"), vec![]).await.unwrap() };

        // The call fails (as offline): the click is the server's step, a new page.
        client.goto(&format!("{base}/requests/new?lang=en")).await.unwrap();
        describe(&client, &programme, &ENGLISH).await;
        let offline = format!("{marker} = 'here'; window.fetch = () => Promise.reject(new Error('offline'));");
        client.execute(&offline, vec![]).await.unwrap();
        client.find(Locator::Css(FIND)).await.unwrap().click().await.unwrap();
        let notice = client.wait().at_most(WAIT).for_element(Locator::Css(FOUND)).await.unwrap();
        assert!(notice.text().await.unwrap().starts_with("3 skills found"), "{}", notice.text().await.unwrap());
        assert_eq!(marked().await, false, "a page from the server");
        shoot(&client, "find-skills-en-0-fallback-phone").await;

        // Five rows typed first, the first one a skill the text names too.
        client.goto(&format!("{base}/requests/new?lang=en")).await.unwrap();
        describe(&client, &programme, &ENGLISH).await;
        let typed = [
            "electrical installation",
            "solar PV installation",
            "electrical safety",
            "industrial electricity",
            "home automation",
        ];
        for (i, skill) in typed.iter().enumerate() {
            type_into(&client, &format!("f-skills[{i}].skill"), skill).await;
        }
        assert_eq!(rows(&client).await.len(), 6, "the form's own rows");
        client.execute(&format!("{marker} = 'here';"), vec![]).await.unwrap();
        client.find(Locator::Css(FIND)).await.unwrap().click().await.unwrap();

        let notice = client.wait().at_most(WAIT).for_element(Locator::Css(FOUND)).await.unwrap();
        let said = notice.text().await.unwrap();
        assert!(said.starts_with("2 skills found in the description were added below"), "{said}");
        assert_eq!(marked().await, true, "the same page, filled in place");
        let status = client.find(Locator::Css("#skills-found")).await.unwrap();
        assert_eq!(status.attr("role").await.unwrap().as_deref(), Some("status"), "announced");
        let shown = rows(&client).await;
        let mut expected: Vec<(&str, &str)> =
            typed.iter().enumerate().map(|(i, s)| (*s, if i == 0 { "must_have" } else { "nice_to_have" })).collect();
        expected.extend([("welding and metal fabrication", "must_have"), ("industrial maintenance", "nice_to_have")]);
        assert_eq!(filled(&shown), expected, "electrical installation once; surgery not at all: {shown:?}");
        assert_eq!(shown.len(), 8, "a row added for the second skill, and an empty one: {shown:?}");
        assert_eq!(shown[6].0, "skills[6].skill", "a new row is numbered after the last");
        let label = client.find(Locator::Css(r#"label[for="f-skills[6].skill"]"#)).await.unwrap();
        assert_eq!(label.text().await.unwrap(), "Skill 7");
        let level = client.find(Locator::Css(&by_id("f-skills[6].level"))).await.unwrap();
        assert_eq!(level.prop("value").await.unwrap().as_deref(), Some("3"));
        let overflow = client.execute("return document.documentElement.scrollWidth > window.innerWidth + 1;", vec![]);
        assert_eq!(overflow.await.unwrap(), false, "nothing wider than the phone's screen");
        client.execute("document.getElementById('skills-found').scrollIntoView();", vec![]).await.unwrap();
        shoot(&client, "find-skills-en-1-said-phone").await;
        client.find(Locator::Css(&by_id("f-skills[4].skill"))).await.unwrap().click().await.unwrap();
        shoot(&client, "find-skills-en-2-found-phone").await;

        place_and_dates(&client).await;
        let id = save(&client).await;
        shoot(&client, "find-skills-en-3-saved-phone").await;
        client.close().await.unwrap();
        id
    });
    assert_eq!(
        saved_skills(&server, &id),
        pairs(&[
            ("electrical-installation", "must_have"),
            ("solar-pv-installation", "nice_to_have"),
            ("electrical-safety", "nice_to_have"),
            ("industrial-electricity", "nice_to_have"),
            ("home-automation", "nice_to_have"),
            ("welding-fabrication", "must_have"),
            ("industrial-maintenance", "nice_to_have"),
        ]),
        "the rows the script added are sent like the others"
    );
}

/// The suggestion `skill`'s line on the profile page.
fn suggestion(skill: &str) -> String {
    format!(r#"//ul[contains(@class, "suggestions")]/li[.//input[@name="skill"][@value="{skill}"]]"#)
}

/// Waits until the page (loaded again after an answer) no longer shows what `xpath` finds.
async fn gone(client: &Client, xpath: &str) {
    let started = Instant::now();
    while client.find(Locator::XPath(xpath)).await.is_ok() {
        assert!(started.elapsed() < WAIT, "still shown: {xpath}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The demo expert, in French, writes in her summary that she trains midwives in obstetric
/// ultrasound: both are suggested; she confirms the ultrasound with a level and dismisses
/// midwifery, which stays dismissed when she saves her words again.
#[test]
fn find_skills_in_a_summary_suggested_on_the_profile_confirmed_or_dismissed() {
    let server = Server::start_with(&["--demo"], &[]);
    let password = demo_password(&server, "expert");
    let api = api_as(&server, EXPERT);
    let me = ok(api.get("/api/v1/me"));
    let expert = me["expert_id"].as_str().unwrap_or_else(|| panic!("{me}")).to_owned();
    let driver = chromedriver();
    let profile_dir = tempfile::tempdir().unwrap();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let client = browser(&driver, profile_dir.path()).await;
        sign_in_browser(&client, &base, EXPERT, &password).await;
        client.goto(&format!("{base}/profile/edit/experience?lang=fr")).await.unwrap();
        let summary = client.wait().at_most(WAIT).for_element(Locator::Css(&by_id("f-summary"))).await.unwrap();
        let written = summary.prop("value").await.unwrap().unwrap_or_default();
        let words = format!("{written} Je forme aussi les sages-femmes à l'échographie obstétricale.");
        type_into(&client, "f-summary", &words).await;
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().at_most(WAIT).for_element(Locator::Css(".status-panel")).await.unwrap();

        for skill in ["obstetric-ultrasound", "midwifery"] {
            let found = client.find(Locator::XPath(&suggestion(skill))).await;
            found.unwrap_or_else(|e| panic!("{skill} suggested: {e}"));
        }
        let line = client.find(Locator::XPath(&suggestion("obstetric-ultrasound"))).await.unwrap();
        assert!(line.text().await.unwrap().contains("échographie obstétricale"), "named in French");
        line.find(Locator::Css(r#"select[name="level"]"#)).await.unwrap().select_by_value("3").await.unwrap();
        shoot(&client, "find-skills-profile-1-suggested").await;
        line.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
        gone(&client, &suggestion("obstetric-ultrasound")).await;
        let skills = client.wait().at_most(WAIT).for_element(Locator::Css("#skills + table")).await.unwrap();
        assert!(skills.text().await.unwrap().contains("échographie obstétricale"), "now a listed skill");

        let line = client.find(Locator::XPath(&suggestion("midwifery"))).await.unwrap();
        line.find(Locator::Css(r#"form[action$="/suggestions/dismiss"] button"#)).await.unwrap().click().await.unwrap();
        gone(&client, &suggestion("midwifery")).await;
        client.wait().at_most(WAIT).for_element(Locator::Css(".status-panel")).await.unwrap();
        shoot(&client, "find-skills-profile-2-answered").await;

        // Her words saved again, unchanged: what she dismissed is not suggested again.
        client.goto(&format!("{base}/profile/edit/experience")).await.unwrap();
        client.wait().at_most(WAIT).for_element(Locator::Css(&by_id("f-summary"))).await.unwrap();
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().at_most(WAIT).for_element(Locator::Css(".status-panel")).await.unwrap();
        assert!(client.find(Locator::XPath(&suggestion("midwifery"))).await.is_err(), "dismissed for good");
        client.close().await.unwrap();
    });
    let profile = ok(api.get(&format!("/api/v1/experts/{expert}")));
    let held: Vec<&str> = profile["skill_ids"].as_array().unwrap().iter().filter_map(|s| s.as_str()).collect();
    assert!(held.contains(&"obstetric-ultrasound"), "confirmed: {held:?}");
    assert!(!held.contains(&"midwifery"), "dismissed, not held: {held:?}");
    let skill = profile["skills"].as_array().unwrap().iter().find(|s| s["label"] == "obstetric ultrasound");
    assert_eq!(skill.unwrap_or_else(|| panic!("{profile}"))["level"], 3, "at the level chosen");
    let suggested = ok(api.get(&format!("/api/v1/experts/{expert}/suggestions")));
    let left: Vec<&str> = suggested["items"].as_array().unwrap().iter().filter_map(|s| s["skill"].as_str()).collect();
    assert!(!left.contains(&"midwifery") && !left.contains(&"obstetric-ultrasound"), "neither comes back: {left:?}");
}
