//! In a real browser (Debian's Chromium, driven through chromedriver): an expert signs in,
//! fills parts of the profile form in French, keyboard and mouse, and saves; then accepts an
//! invitation and files a mission report. Screenshots are kept in `target/tmp/screenshots`
//! for people to look at.

mod autocomplete;
mod documents;
mod find_skills;

use crate::accounts::demo_password;
use crate::harness::Server;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn chromedriver() -> Driver {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is needed for the browser tests: apt-get install chromium chromium-driver (scripts/test does it)");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30), "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port }
}

pub fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) async fn browser(driver: &Driver, profile_dir: &std::path::Path) -> Client {
    browser_at(driver, profile_dir, None).await
}

/// The phone width the layouts are checked at.
pub const PHONE: u32 = 390;

/// A browser session; with `phone_width`, the page is laid out in a window that many CSS
/// pixels wide. Chrome will not open a window narrower than 500 px, so the width is emulated;
/// as a narrow desktop window (`mobile: false`), so that a page wider than the window
/// overflows it instead of being zoomed out to fit, as a phone's browser would.
pub async fn browser_at(driver: &Driver, profile_dir: &std::path::Path, phone_width: Option<u32>) -> Client {
    session(driver, profile_dir, phone_width, true).await
}

/// A browser session that runs no script, as some people's browsers do.
pub async fn browser_without_javascript(driver: &Driver, profile_dir: &std::path::Path) -> Client {
    session(driver, profile_dir, None, false).await
}

async fn session(driver: &Driver, profile_dir: &std::path::Path, phone_width: Option<u32>, javascript: bool) -> Client {
    let mut options = serde_json::json!({
        "binary": "/usr/bin/chromium",
        "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1400",
            "--lang=fr", format!("--user-data-dir={}", profile_dir.display())
        ]
    });
    if !javascript {
        options["prefs"] = serde_json::json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    if let Some(width) = phone_width {
        options["mobileEmulation"] =
            serde_json::json!({ "deviceMetrics": { "width": width, "height": 900, "pixelRatio": 1, "mobile": false } });
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

/// Signs in through the form and waits for the signed-in page.
pub async fn sign_in_browser(client: &Client, base: &str, email: &str, password: &str) {
    client.goto(&format!("{base}/login")).await.unwrap();
    client.find(Locator::Css(&by_id("f-email"))).await.unwrap().send_keys(email).await.unwrap();
    client.find(Locator::Css(&by_id("f-password"))).await.unwrap().send_keys(password).await.unwrap();
    client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();
    client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".user-menu .signed-in")).await.unwrap();
}

pub async fn shoot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

/// Waits for the profile page (the answer to a successful save) to be loaded.
async fn back_on_profile(client: &Client) {
    client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".status-panel")).await.unwrap();
}

pub fn by_id(id: &str) -> String {
    format!(r#"[id="{id}"]"#)
}

#[test]
fn an_expert_fills_the_profile_form_in_a_browser() {
    let server = Server::start_with(&["--demo"], &[]);
    let password = demo_password(&server, "expert");
    let driver = chromedriver();
    let profile_dir = tempfile::tempdir().unwrap();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let client = browser(&driver, profile_dir.path()).await;
        client.goto(&format!("{base}/login?lang=fr")).await.unwrap();
        client
            .find(Locator::Css(&by_id("f-email")))
            .await
            .unwrap()
            .send_keys("expert@passerelle.example")
            .await
            .unwrap();
        client.find(Locator::Css(&by_id("f-password"))).await.unwrap().send_keys(&password).await.unwrap();
        shoot(&client, "01-login-fr").await;
        client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();

        client.goto(&format!("{base}/profile/edit/experience")).await.unwrap();
        let headline = client.find(Locator::Css(&by_id("f-headline"))).await.unwrap();
        headline.clear().await.unwrap();
        headline.send_keys("Infirmière anesthésiste et formatrice en réanimation").await.unwrap();
        let years = client.find(Locator::Css(&by_id("f-years_experience"))).await.unwrap();
        years.clear().await.unwrap();
        years.send_keys("13").await.unwrap();
        let humanitarian = client.find(Locator::Css(&by_id("sector-humanitarian"))).await.unwrap();
        humanitarian.click().await.unwrap();
        shoot(&client, "02-experience-filled").await;
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        back_on_profile(&client).await;
        let url = client.current_url().await.unwrap();
        assert!(url.path() == "/profile", "saved and back to the profile: {url}");

        client.goto(&format!("{base}/profile/edit/skills")).await.unwrap();
        let label = client.find(Locator::Css(&by_id("f-skills[4].label"))).await.unwrap();
        label.send_keys("plomberie").await.unwrap();
        client.find(Locator::Css(&by_id("f-skills[4].level"))).await.unwrap().select_by_value("2").await.unwrap();
        // Leave the level of a new row empty to see the refusal.
        client
            .find(Locator::Css(&by_id("f-skills[5].label")))
            .await
            .unwrap()
            .send_keys("électricité bâtiment")
            .await
            .unwrap();
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        let summary = client.find(Locator::Css(".error-summary")).await.unwrap().text().await.unwrap();
        assert!(summary.contains("Choisissez un niveau"), "{summary}");
        shoot(&client, "03-skills-refused").await;
        let kept = client.find(Locator::Css(&by_id("f-skills[5].label"))).await.unwrap().prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some("électricité bâtiment"), "what was typed is kept");
        client.find(Locator::Css(&by_id("f-skills[5].level"))).await.unwrap().select_by_value("3").await.unwrap();
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        back_on_profile(&client).await;

        let page = client.source().await.unwrap();
        assert!(page.contains("Infirmière anesthésiste et formatrice en réanimation"));
        assert!(page.contains("Humanitaire et urgences"));
        assert!(page.contains("plomberie") || page.contains("Plomberie"));
        shoot(&client, "04-profile-saved").await;
        client.close().await.unwrap();
    });
}

/// The demo expert, in French, answers her pending invitation (one click, then the
/// confirmation of what the host will see) and files the report of her completed mission.
#[test]
fn an_expert_accepts_an_invitation_and_files_a_report_in_a_browser() {
    let server = Server::start_with(&["--demo"], &[]);
    let password = demo_password(&server, "expert");
    let driver = chromedriver();
    let profile_dir = tempfile::tempdir().unwrap();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let client = browser(&driver, profile_dir.path()).await;
        client.goto(&format!("{base}/login?lang=fr")).await.unwrap();
        client
            .find(Locator::Css(&by_id("f-email")))
            .await
            .unwrap()
            .send_keys("expert@passerelle.example")
            .await
            .unwrap();
        client.find(Locator::Css(&by_id("f-password"))).await.unwrap().send_keys(&password).await.unwrap();
        client.find(Locator::Css("main button[type=submit]")).await.unwrap().click().await.unwrap();
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(".user-menu .signed-in"))
            .await
            .unwrap();

        client.goto(&format!("{base}/invitations")).await.unwrap();
        shoot(&client, "10-invitations-fr").await;
        client.find(Locator::Css("li.invitation a.button")).await.unwrap().click().await.unwrap();
        let confirm = client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(&by_id("f-confirm")))
            .await
            .unwrap();
        let statement = client.find(Locator::Css("blockquote.consent-text")).await.unwrap().text().await.unwrap();
        assert!(statement.contains("voie mon nom, mes coordonnées et mon profil complet"), "{statement}");
        // Without the confirmation ticked the browser refuses to send (the box is required);
        // tick it and confirm.
        confirm.click().await.unwrap();
        shoot(&client, "11-accept-confirmation").await;
        client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        let notice = client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".notice")).await.unwrap();
        let text = notice.text().await.unwrap();
        assert!(text.contains("Vous avez accepté l'invitation"), "said to the expert, about what she did: {text}");
        let page = client.source().await.unwrap();
        assert!(page.contains("Profil partagé"), "the consent is shown with its end");
        shoot(&client, "12-invitation-accepted").await;

        client.goto(&format!("{base}/missions")).await.unwrap();
        client.find(Locator::LinkText("Rédiger le rapport")).await.unwrap().click().await.unwrap();
        let activities = client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(&by_id("f-activities")))
            .await
            .unwrap();
        // Sent empty first: the problem is named at its field and the numbers typed are kept.
        client.find(Locator::Css(&by_id("f-people.staff.women"))).await.unwrap().send_keys("11").await.unwrap();
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        let summary =
            client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".error-summary")).await.unwrap();
        assert!(!summary.text().await.unwrap().is_empty());
        let kept =
            client.find(Locator::Css(&by_id("f-people.staff.women"))).await.unwrap().prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some("11"), "what was typed is kept");
        shoot(&client, "13-report-refused").await;
        drop(activities);
        client
            .find(Locator::Css(&by_id("f-activities")))
            .await
            .unwrap()
            .send_keys("Quatre sessions de réanimation néonatale avec les infirmières des hôpitaux de district.")
            .await
            .unwrap();
        client.find(Locator::Css(&by_id("f-people.staff.men"))).await.unwrap().send_keys("5").await.unwrap();
        client.find(Locator::Css(&by_id("f-institutions_reached"))).await.unwrap().send_keys("3").await.unwrap();
        client
            .find(Locator::Css(&by_id("f-recommendations")))
            .await
            .unwrap()
            .send_keys("Un coin de pratique dans chaque maternité.")
            .await
            .unwrap();
        shoot(&client, "14-report-filled").await;
        client.find(Locator::Css("main form.form button[type=submit]")).await.unwrap().click().await.unwrap();
        let notice = client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".notice")).await.unwrap();
        assert!(notice.text().await.unwrap().contains("votre rapport a été remis"));
        let page = client.source().await.unwrap();
        assert!(
            page.contains("Rapport remis") && page.contains("16 personnes formées"),
            "the report is on the mission"
        );
        shoot(&client, "15-report-filed").await;
        client.close().await.unwrap();
    });
}

/// A new host institution's first member signs up in a browser, in French, through the real
/// form: the kind of account first (an expert never sees the institution's fields), then the
/// institution, new on Passerelle. The member can then sign in and finds the institution.
#[test]
fn a_host_signs_up_a_new_institution_through_the_form_in_a_browser() {
    let server = Server::start();
    let driver = chromedriver();
    let profile_dir = tempfile::tempdir().unwrap();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let client = browser(&driver, profile_dir.path()).await;
        client.goto(&format!("{base}/signup?lang=fr")).await.unwrap();
        assert!(
            client.find(Locator::Css(&by_id("f-institution.name"))).await.is_err(),
            "the kind of account comes first"
        );
        shoot(&client, "20-signup-choice").await;
        client.find(Locator::Css("a[href='/signup?as=expert']")).await.unwrap().click().await.unwrap();
        client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(&by_id("f-name"))).await.unwrap();
        assert!(client.find(Locator::Css(&by_id("f-institution.name"))).await.is_err(), "no institution for an expert");
        client.goto(&format!("{base}/signup")).await.unwrap();
        client.find(Locator::Css("a[href='/signup?as=institution']")).await.unwrap().click().await.unwrap();
        let name =
            client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(&by_id("f-name"))).await.unwrap();
        name.send_keys("Claudine Mukamana").await.unwrap();
        client
            .find(Locator::Css(&by_id("f-email")))
            .await
            .unwrap()
            .send_keys("claudine@iprc-tumba.example")
            .await
            .unwrap();
        client.find(Locator::Css(&by_id("f-password"))).await.unwrap().send_keys("imvura y'itumba 2026").await.unwrap();
        client.find(Locator::Css(&by_id("inst-new"))).await.unwrap().click().await.unwrap();
        client.find(Locator::Css(&by_id("f-institution.name"))).await.unwrap().send_keys("IPRC Tumba").await.unwrap();
        client
            .find(Locator::Css(&by_id("f-institution.kind")))
            .await
            .unwrap()
            .select_by_value("tvet_college")
            .await
            .unwrap();
        client.find(Locator::Css(&by_id("f-institution.country"))).await.unwrap().select_by_value("RW").await.unwrap();
        client.find(Locator::Css(&by_id("f-institution.city"))).await.unwrap().send_keys("Rulindo").await.unwrap();
        shoot(&client, "21-signup-institution-filled").await;
        client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
        let heading =
            client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("main h1")).await.unwrap();
        assert_eq!(heading.text().await.unwrap(), "Consultez vos e-mails", "{}", client.source().await.unwrap());
        shoot(&client, "22-signup-institution-done").await;
        client.close().await.unwrap();
    });
    let member = server.client();
    assert_eq!(crate::accounts::sign_in(&member, "claudine@iprc-tumba.example", "imvura y'itumba 2026").status, 303);
    let mine = member.get("/my-institution");
    assert_eq!(mine.status, 303, "to the institution's page");
    let mine = member.get(mine.header("location").unwrap());
    assert_eq!(mine.status, 200);
    assert!(mine.body.contains("IPRC Tumba") && mine.body.contains("Rulindo"), "{}", mine.body);
}
