//! The pages of programme operations in a real browser (issue 13 items 2 to 5), in English and
//! French, at desktop and phone widths: each role's home, the request form of a coordinator
//! entering a request for a host, the account's time zone, the join form of an imported expert
//! and the claim page. Screenshots land in `target/tmp/screenshots` (`ops-*`) to be looked at.

use crate::accounts::{demo_password, email_in_outbox, link_in};
use crate::browser::{browser, chromedriver, shoot};
use crate::harness::{Client as Http, Server, run};
use fantoccini::{Client, Locator};
use serde_json::json;
use std::time::Duration;

async fn sign_in(client: &Client, base: &str, email: &str, password: &str) {
    client.goto(&format!("{base}/login")).await.unwrap();
    client.find(Locator::Css(r#"[id="f-email"]"#)).await.unwrap().send_keys(email).await.unwrap();
    // Enter in the password field submits the sign-in form, whatever else the page holds.
    let password_field = client.find(Locator::Css(r#"[id="f-password"]"#)).await.unwrap();
    password_field.send_keys(&format!("{password}\u{e007}")).await.unwrap();
    client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".user-menu form")).await.unwrap();
    assert_eq!(client.current_url().await.unwrap().path(), "/home", "signing in lands on the home");
}

async fn sign_out(client: &Client) {
    // The sign-out button sits in the header's menu, folded on a phone: submit its form.
    client.execute("document.querySelector('.user-menu form').submit()", vec![]).await.unwrap();
    client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(r#"[id="f-email"]"#)).await.unwrap();
}

/// Opens `path` in `lang` at desktop and phone widths, checks that `expect` is on the page and
/// that it fits the phone's width, and keeps both screenshots.
async fn look(client: &Client, base: &str, path: &str, lang: &str, expect: &str, name: &str) {
    look_at(client, base, path, lang, expect, name, true).await;
}

async fn look_at(client: &Client, base: &str, path: &str, lang: &str, expect: &str, name: &str, fits: bool) {
    let separator = if path.contains('?') { '&' } else { '?' };
    for (width, label) in [(1280, "desktop"), (390, "phone")] {
        client.set_window_size(width, 1400).await.unwrap();
        client.goto(&format!("{base}{path}{separator}lang={lang}")).await.unwrap();
        let text = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
        assert!(text.contains(expect), "{path} in {lang} should say {expect:?}:\n{text}");
        let overflow = client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        if fits && overflow.as_i64().unwrap_or(0) > 1 {
            let culprits = client
                .execute(
                    "const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('main *')) \
                     .filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5) \
                     .map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ');",
                    vec![],
                )
                .await
                .unwrap();
            panic!("{path} at {width}px scrolls sideways by {overflow}: {culprits}");
        }
        shoot(client, &format!("ops-{name}-{lang}-{label}")).await;
    }
}

#[test]
fn the_operations_pages_in_a_browser() {
    let server = Server::start_with(&["--demo"], &[]);
    let data = server.data_dir.to_str().unwrap().to_owned();
    let (code, token, _) =
        run(&["token", "create", "--data-dir", &data, "--email", "coordinator@passerelle.example", "--name", "b"], &[]);
    assert_eq!(code, 0);
    let api = Http::new(&server.base).with_header("Authorization", &format!("Bearer {}", token.trim()));
    let imported =
        json!({"name": "Esther Uwamahoro-Ndoli", "email": "esther.mukamana@example.org", "headline": "Midwife"});
    assert_eq!(api.post_json("/api/v1/experts", &imported).status, 201);

    let driver = chromedriver();
    let profile_dir = tempfile::tempdir().unwrap();
    let base = server.base.clone();
    let passwords: Vec<(String, String)> = ["expert", "coordinator", "institution"]
        .iter()
        .map(|r| (format!("{r}@passerelle.example"), demo_password(&server, r)))
        .collect();
    let data_dir = server.data_dir.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let client = browser(&driver, profile_dir.path()).await;
        let (expert, coordinator, host) = (&passwords[0], &passwords[1], &passwords[2]);

        sign_in(&client, &base, &expert.0, &expert.1).await;
        look(&client, &base, "/home", "en", "What waits for you", "home-expert").await;
        look(&client, &base, "/home", "fr", "Ce qui vous attend", "home-expert").await;
        look(&client, &base, "/claim-profile", "en", "No profile without an account", "claim").await;
        // The account page's tables of sessions and tokens are wider than a phone (they scroll
        // sideways already): only the words are checked there.
        look_at(&client, &base, "/account", "fr", "Fuseau horaire", "account", false).await;
        sign_out(&client).await;

        sign_in(&client, &base, &host.0, &host.1).await;
        look(&client, &base, "/home", "en", "candidate", "home-host").await;
        look(&client, &base, "/missions", "fr", "Demande, institution ou expert", "missions-host").await;
        sign_out(&client).await;

        sign_in(&client, &base, &coordinator.0, &coordinator.1).await;
        look(&client, &base, "/home", "en", "requests to review", "home-coordinator").await;
        look(&client, &base, "/home", "fr", "demandes à examiner", "home-coordinator").await;
        look(&client, &base, "/requests/new", "en", "For which institution", "request-on-behalf").await;
        look(&client, &base, "/missions?q=nurses", "en", "Request, institution or expert", "missions-staff").await;
        look(&client, &base, "/requests/new", "fr", "Pour quelle institution", "request-on-behalf").await;
        // The coordinator invites the imported midwife to join, from the roster.
        client.goto(&format!("{base}/experts?q=Uwamahoro-Ndoli&lang=en")).await.unwrap();
        client
            .find(Locator::Css(r#"form[action="/experts/join-invitations"] button"#))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        // Waited for on the page the click leads to: the page it left also has a `main h1`,
        // and an element read from it goes stale as the next one loads.
        let sent = Locator::XPath("//main[contains(., 'One invitation to join is on its way.')]");
        let waited = client.wait().at_most(Duration::from_secs(20)).for_element(sent).await;
        let said = client.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
        assert!(waited.is_ok(), "no word of the invitation: {said}");
        sign_out(&client).await;

        let email = email_in_outbox(&data_dir, "esther.mukamana@example.org");
        let join = link_in(&email, "/join");
        look(&client, &base, &join, "en", "Join Passerelle", "join").await;
        look(&client, &base, &join, "fr", "Rejoindre Passerelle", "join").await;
    });
}
