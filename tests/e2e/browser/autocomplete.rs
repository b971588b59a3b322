//! The skill autocomplete in a browser, with and without JavaScript: with it, a synonym typed
//! in a skill row ("ICU nurse") brings the skill it names into the suggestions; without it, the
//! plain list of skills is there and the words typed are linked when the form is sent.

use super::{browser, browser_without_javascript, by_id, chromedriver, shoot, sign_in_browser};
use crate::accounts::demo_password;
use crate::harness::Server;
use fantoccini::{Client, Locator};
use std::time::Duration;

/// The last (empty) skill row of the profile's skills form, typed into.
async fn type_in_a_new_row(client: &Client, base: &str, words: &str) -> String {
    client.goto(&format!("{base}/profile/edit/skills")).await.unwrap();
    let row = Locator::Css(r#"input[list="skill-labels"]"#);
    if let Err(error) = client.wait().at_most(Duration::from_secs(20)).for_element(row).await {
        shoot(client, "autocomplete-no-skills-form").await;
        let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        panic!("the skills form at {url}: {error}");
    }
    let rows = client.find_all(row).await.unwrap();
    let row = rows.last().expect("skill rows").clone();
    let id = row.attr("id").await.unwrap().expect("the row's id");
    row.send_keys(words).await.unwrap();
    id
}

#[test]
fn the_skill_autocomplete_with_and_without_javascript() {
    let server = Server::start_with(&["--demo"], &[]);
    let password = demo_password(&server, "expert");
    let driver = chromedriver();
    let (with_js, without_js) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        // With JavaScript: the taxonomy's every name is searched as one types.
        let client = browser(&driver, with_js.path()).await;
        sign_in_browser(&client, &base, "expert@passerelle.example", &password).await;
        type_in_a_new_row(&client, &base, "ICU nurse").await;
        // Suggestions for the words typed so far may come first ("ICU" alone, on a slow
        // machine); the one for the whole words names critical-care nursing.
        let wanted = r#"#skill-labels option[data-suggested][value="critical care nursing"],
            #skill-labels option[data-suggested][value="soins infirmiers en réanimation"]"#;
        let suggested = client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(wanted)).await;
        let options = client.find_all(Locator::Css("#skill-labels option[data-suggested]")).await.unwrap();
        let mut offered = Vec::new();
        for option in &options {
            offered.push(option.attr("label").await.unwrap().unwrap_or_default());
        }
        let suggested =
            suggested.unwrap_or_else(|e| panic!("the synonym names critical-care nursing: {e}; offered {offered:?}"));
        let label = suggested.attr("label").await.unwrap().unwrap_or_default();
        assert!(label.contains("ICU nurse"), "the words that matched are shown: {label}");
        shoot(&client, "autocomplete-with-javascript").await;
        client.close().await.unwrap();

        // Without JavaScript: the plain list is there, nothing is added to it, and the words
        // typed are linked to the skill when the form is sent.
        let client = browser_without_javascript(&driver, without_js.path()).await;
        sign_in_browser(&client, &base, "expert@passerelle.example", &password).await;
        let row = type_in_a_new_row(&client, &base, "ICU nurse").await;
        let listed = client.find_all(Locator::Css("#skill-labels option")).await.unwrap().len();
        assert!(listed >= 1000, "the plain list offers the taxonomy's skills: {listed}");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let added = client.find_all(Locator::Css("#skill-labels option[data-suggested]")).await.unwrap();
        assert!(added.is_empty(), "no script ran");
        let level = row.replace(".label", ".level");
        client.find(Locator::Css(&by_id(&level))).await.unwrap().select_by_value("4").await.unwrap();
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".status-panel")).await.unwrap();
        shoot(&client, "autocomplete-without-javascript-saved").await;
        client.close().await.unwrap();
    });
    // The words were linked to the concept on the server.
    let api = crate::requests::api_as(&server, "expert@passerelle.example");
    let me = api.get("/api/v1/me").json();
    let expert = me["expert_id"].as_str().unwrap_or_else(|| panic!("{me}")).to_owned();
    let profile = api.get(&format!("/api/v1/experts/{expert}")).json();
    assert!(
        profile["skill_ids"].as_array().unwrap().iter().any(|id| id == "critical-care-nursing"),
        "ICU nurse typed without JavaScript is linked: {profile}"
    );
}
