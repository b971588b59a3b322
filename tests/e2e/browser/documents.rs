//! In a real browser: the demo institution member (in English) uploads the terms of reference
//! of a request through the documents page; on a mission, the coordinator (in French) writes to
//! the expert, who sees the message marked new and answers with a file attached. Screenshots at
//! desktop width and at a 390 px phone's, in `target/tmp/screenshots`.

use super::{browser, by_id, chromedriver, shoot};
use crate::accounts::demo_password;
use crate::harness::Server;
use crate::pipeline::{api_as, ok};
use fantoccini::{Client, Locator};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

async fn sign_in(client: &Client, base: &str, email: &str, password: &str, lang: &str) {
    client.goto(&format!("{base}/login?lang={lang}")).await.unwrap();
    client.find(Locator::Css(&by_id("f-email"))).await.unwrap().send_keys(email).await.unwrap();
    client.find(Locator::Css(&by_id("f-password"))).await.unwrap().send_keys(password).await.unwrap();
    client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();
    client.wait().at_most(WAIT).for_element(Locator::Css(".user-menu .signed-in")).await.unwrap();
}

/// The page at a phone's width, then back to the desktop's.
async fn shoot_phone(client: &Client, name: &str) {
    client.set_window_size(390, 844).await.unwrap();
    shoot(client, name).await;
    let overflow: bool = client
        .execute("return document.documentElement.scrollWidth > window.innerWidth + 1;", vec![])
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!overflow, "{name}: nothing wider than the phone's screen");
    client.set_window_size(1280, 1400).await.unwrap();
}

#[test]
fn terms_of_reference_uploaded_and_two_messages_exchanged_in_a_browser() {
    let server = Server::start_with(&["--demo"], &[]);
    let member_api = api_as(&server, "institution@passerelle.example");
    let expert_api = api_as(&server, "expert@passerelle.example");
    let request = ok(member_api.get("/api/v1/requests"))["items"][0]["id"].as_str().unwrap().to_owned();
    let mission = ok(expert_api.get("/api/v1/missions"))["items"][0]["id"].as_str().unwrap().to_owned();
    let files = tempfile::tempdir().unwrap();
    let terms = files.path().join("Terms of reference.pdf");
    std::fs::write(&terms, passerelle_files::samples::pdf("Terms of reference")).unwrap();
    let ticket = files.path().join("billet.png");
    std::fs::write(&ticket, passerelle_files::samples::png()).unwrap();
    let passwords = ["institution", "coordinator", "expert"].map(|role| demo_password(&server, role));
    let driver = chromedriver();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        // The member adds the terms of reference to the request.
        let profile = tempfile::tempdir().unwrap();
        let client = browser(&driver, profile.path()).await;
        sign_in(&client, &base, "institution@passerelle.example", &passwords[0], "en").await;
        client.goto(&format!("{base}/requests/{request}")).await.unwrap();
        client.find(Locator::LinkText("Terms of reference and annexes")).await.unwrap().click().await.unwrap();
        let category = client.wait().at_most(WAIT).for_element(Locator::Css(&by_id("f-category"))).await.unwrap();
        category.select_by_value("terms_of_reference").await.unwrap();
        let file = client.find(Locator::Css(&by_id("f-file"))).await.unwrap();
        file.send_keys(terms.to_str().unwrap()).await.unwrap();
        shoot(&client, "30-documents-upload-en").await;
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        let notice = client.wait().at_most(WAIT).for_element(Locator::Css(".notice")).await.unwrap();
        assert!(notice.text().await.unwrap().contains("The document was added"));
        let link = client.find(Locator::LinkText("Terms of reference.pdf")).await.unwrap();
        assert_eq!(link.attr("download").await.unwrap().as_deref(), Some(""), "offered as a download");
        shoot(&client, "31-documents-listed-en").await;
        shoot_phone(&client, "32-documents-listed-phone").await;
        client.close().await.unwrap();

        // The coordinator writes on the mission's conversation.
        let profile = tempfile::tempdir().unwrap();
        let client = browser(&driver, profile.path()).await;
        sign_in(&client, &base, "coordinator@passerelle.example", &passwords[1], "fr").await;
        client.goto(&format!("{base}/missions/{mission}")).await.unwrap();
        client.find(Locator::LinkText("Messages")).await.unwrap().click().await.unwrap();
        let body = client.wait().at_most(WAIT).for_element(Locator::Css(&by_id("f-body"))).await.unwrap();
        body.send_keys("Bonjour, pouvez-vous envoyer votre billet d'avion ?").await.unwrap();
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().at_most(WAIT).for_element(Locator::Css("ol.messages li.message.mine")).await.unwrap();
        shoot(&client, "33-message-written-fr").await;
        client.close().await.unwrap();

        // The expert sees it new, and answers with the ticket attached.
        let profile = tempfile::tempdir().unwrap();
        let client = browser(&driver, profile.path()).await;
        sign_in(&client, &base, "expert@passerelle.example", &passwords[2], "fr").await;
        client.goto(&format!("{base}/missions/{mission}")).await.unwrap();
        let badge = client.find(Locator::Css("p.papers .badge")).await.unwrap().text().await.unwrap();
        assert_eq!(badge, "1 non lu");
        client.find(Locator::LinkText("Messages")).await.unwrap().click().await.unwrap();
        let first = client.wait().at_most(WAIT).for_element(Locator::Css("ol.messages li.message")).await.unwrap();
        let text = first.text().await.unwrap();
        assert!(text.contains("pouvez-vous envoyer votre billet") && text.contains("Nouveau"), "{text}");
        shoot(&client, "34-message-new-fr").await;
        client
            .find(Locator::Css(&by_id("f-body")))
            .await
            .unwrap()
            .send_keys("Le voici.\n\nJ'arrive le lundi matin.")
            .await
            .unwrap();
        client.find(Locator::Css(&by_id("f-files"))).await.unwrap().send_keys(ticket.to_str().unwrap()).await.unwrap();
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        client.wait().at_most(WAIT).for_element(Locator::Css("ol.messages li.message.mine")).await.unwrap();
        let all = client.find(Locator::Css("ol.messages")).await.unwrap().text().await.unwrap();
        assert!(all.contains("pouvez-vous envoyer votre billet") && all.contains("J'arrive le lundi matin."), "{all}");
        assert!(!all.contains("Nouveau"), "read once seen: {all}");
        client.find(Locator::LinkText("billet.png")).await.unwrap();
        shoot(&client, "35-messages-exchanged-fr").await;
        shoot_phone(&client, "36-messages-exchanged-phone").await;
        client.close().await.unwrap();
    });
}
