//! The pages in a real browser at phone width (390 px) and at desktop width: nothing wider
//! than the window on any main page of any kind of person, a menu that folds without
//! JavaScript, and lists dense enough to work in (the match list at most 120 px a candidate
//! with its explanation folded). Screenshots are kept in `target/tmp/screenshots` to look at.

use crate::accounts::demo_password;
use crate::browser::{PHONE, browser_at, chromedriver, shoot, sign_in_browser};
use crate::harness::Server;
use crate::pages::{Role, client_for, crawl, links};
use fantoccini::{Client, Locator};
use std::time::Duration;

/// A file name for a path: `/requests/0190…/matches` → `requests-id-matches`.
fn slug(path: &str) -> String {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let mut parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty())
        .map(|p| if p.len() == 36 && p.matches('-').count() == 4 { "id" } else { p })
        .collect();
    let query: String =
        query.split(['=', '&']).skip(1).step_by(2).filter(|v| !v.is_empty()).collect::<Vec<_>>().join("-");
    if !query.is_empty() {
        parts.push(&query);
    }
    let name = if parts.is_empty() { "home".to_owned() } else { parts.join("-") };
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// (scrollWidth, innerWidth) of the page, and the element that sticks out the most, if any.
async fn widths(client: &Client) -> (u64, u64, String) {
    let script = r#"
        const inner = window.innerWidth;
        let widest = "";
        let right = inner;
        for (const e of document.querySelectorAll("body *")) {
            const r = e.getBoundingClientRect();
            if (r.right > right + 0.5 && r.width > 0) {
                right = r.right;
                widest = e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "");
            }
        }
        return [document.documentElement.scrollWidth, inner, widest];
    "#;
    let value = client.execute(script, vec![]).await.unwrap();
    let scroll = value[0].as_u64().unwrap();
    let inner = value[1].as_u64().unwrap();
    (scroll, inner, value[2].as_str().unwrap_or_default().to_owned())
}

/// The heights of the elements `selector` finds, in CSS pixels.
async fn heights(client: &Client, selector: &str) -> Vec<f64> {
    let script = format!(
        "return Array.from(document.querySelectorAll({selector:?})).map(e => e.getBoundingClientRect().height);"
    );
    let value = client.execute(&script, vec![]).await.unwrap();
    value.as_array().unwrap().iter().map(|h| h.as_f64().unwrap()).collect()
}

/// Whether the first element `selector` finds is shown (what WebDriver's own check says of an
/// element in a closed disclosure follows its own rules, not the page's stylesheet).
async fn shown(client: &Client, selector: &str) -> bool {
    let script = format!("return document.querySelector({selector:?}).checkVisibility();");
    client.execute(&script, vec![]).await.unwrap().as_bool().unwrap()
}

/// On a phone the navigation is folded behind the menu button, which opens it without any
/// script of ours (the page has none); on a wide screen it is shown as it is.
async fn menu_folds(client: &Client, phone: bool) {
    if phone {
        assert!(!shown(client, ".main-nav a").await, "the menu starts folded on a phone");
        client.find(Locator::Css(".site-menu > summary")).await.unwrap().click().await.unwrap();
        assert!(shown(client, ".main-nav a").await, "the menu button opens it");
        client.find(Locator::Css(".site-menu > summary")).await.unwrap().click().await.unwrap();
        assert!(!shown(client, ".main-nav a").await, "and folds it again");
    } else {
        assert!(shown(client, ".main-nav a").await, "the navigation is open on a wide screen");
        assert!(!shown(client, ".site-menu > summary").await, "no menu button on a wide screen");
    }
}

#[test]
fn every_main_page_fits_a_phone_for_each_role() {
    let server = Server::start_with(&["--demo"], &[]);
    // The pages each person reaches, found over HTTP: one of each kind.
    let plan: Vec<(Role, Vec<String>)> = Role::ALL
        .into_iter()
        .map(|role| {
            let client = client_for(&server, role, "fr");
            let pages = crawl(&client, role, 1, 28);
            assert!(
                pages.len() >= 4,
                "{role:?} reaches its pages: {:?}",
                pages.iter().map(|p| &p.0).collect::<Vec<_>>()
            );
            (role, pages.into_iter().map(|(path, _)| path).collect())
        })
        .collect();
    let passwords: Vec<Option<String>> =
        plan.iter().map(|(role, _)| role.account().map(|(word, _)| demo_password(&server, word))).collect();
    let driver = chromedriver();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let failures = runtime.block_on(async move {
        let mut failures = Vec::new();
        let mut visited = 0;
        for ((role, paths), password) in plan.iter().zip(passwords) {
            let profile = tempfile::tempdir().unwrap();
            let client = browser_at(&driver, profile.path(), Some(PHONE)).await;
            client.goto(&format!("{base}/?lang=fr")).await.unwrap();
            if let (Some((_, email)), Some(password)) = (role.account(), password) {
                sign_in_browser(&client, &base, email, &password).await;
            }
            menu_folds(&client, true).await;
            for (n, path) in paths.iter().enumerate() {
                client.goto(&format!("{base}{path}")).await.unwrap();
                client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("footer")).await.unwrap();
                let (scroll, inner, widest) = widths(&client).await;
                assert_eq!(inner, u64::from(PHONE), "the window is a phone's width");
                if scroll > inner {
                    failures.push(format!("{role:?} {path}: {scroll} px wide in {inner} (widest: {widest})"));
                }
                shoot(&client, &format!("phone-{}-{n:02}-{}", role.name(), slug(path))).await;
                visited += 1;
            }
            client.close().await.unwrap();
        }
        assert!(visited >= 60, "the walk visited {visited} pages");
        failures
    });
    assert!(failures.is_empty(), "pages wider than a phone:\n{}", failures.join("\n"));
}

#[test]
fn the_match_list_and_the_other_lists_are_dense_at_desktop_width_and_fit_a_phone() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = client_for(&server, Role::Coordinator, "fr");
    // An approved request with at least five candidates.
    let queue = coordinator.get("/requests?status=approved");
    let matches = links(&queue.body)
        .into_iter()
        .filter(|l| l.starts_with("/requests/") && l.len() == "/requests/".len() + 36)
        .map(|l| format!("{l}/matches"))
        .find(|m| coordinator.get(m).body.matches("<li class=\"match\"").count() >= 5)
        .expect("a request with five candidates or more");
    let password = demo_password(&server, "coordinator");
    let driver = chromedriver();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        for phone in [false, true] {
            let profile = tempfile::tempdir().unwrap();
            let client = browser_at(&driver, profile.path(), phone.then_some(PHONE)).await;
            client.goto(&format!("{base}/?lang=fr")).await.unwrap();
            sign_in_browser(&client, &base, "coordinator@passerelle.example", &password).await;
            menu_folds(&client, phone).await;
            let width = if phone { "phone" } else { "desktop" };
            client.goto(&format!("{base}{matches}")).await.unwrap();
            shoot(&client, &format!("matches-{width}")).await;
            let rows = heights(&client, "li.match").await;
            // Printed for the record (`--nocapture`): what a candidate takes, folded.
            eprintln!("match rows at {width} width, px: {rows:?}");
            assert!(rows.len() >= 5, "{rows:?}");
            if !phone {
                assert!(rows.iter().all(|h| *h <= 120.0), "each candidate takes at most 120 px folded: {rows:?}");
            }
            let (scroll, inner, widest) = widths(&client).await;
            assert!(scroll <= inner, "the match list fits the {width}: {scroll} > {inner} ({widest})");
            // The explanation opens under its row, without script.
            let why = client.find(Locator::Css("li.match details.why")).await.unwrap();
            assert!(!shown(&client, "li.match table.contributions").await, "folded at first");
            why.find(Locator::Css("summary")).await.unwrap().click().await.unwrap();
            assert!(shown(&client, "li.match table.contributions").await, "the explanation opens");
            shoot(&client, &format!("matches-{width}-explained")).await;
            // The review queue, the missions and the roster: rows of two short lines.
            for (path, name) in [("/requests", "requests"), ("/missions", "missions"), ("/experts", "roster")] {
                client.goto(&format!("{base}{path}")).await.unwrap();
                shoot(&client, &format!("{name}-{width}")).await;
                let (scroll, inner, widest) = widths(&client).await;
                assert!(scroll <= inner, "{path} fits the {width}: {scroll} > {inner} ({widest})");
                if !phone {
                    let rows = heights(&client, "table.compact tbody tr").await;
                    eprintln!("{path} rows at desktop width, px: {rows:?}");
                    assert!(!rows.is_empty() && rows.iter().all(|h| *h <= 120.0), "{path}: {rows:?}");
                }
            }
            client.close().await.unwrap();
        }
    });
}
