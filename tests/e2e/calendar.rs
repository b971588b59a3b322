//! The calendar of missions (issue 13 item 7), against the real server with its demonstration
//! data: a coordinator sees every mission of the months asked for as a timeline (SVG, no
//! script) and as a table; a month that is not one is refused at its field; an expert's
//! calendar holds their own missions only. Staff choose whose availability the calendar shows
//! (the candidates of a request, the experts of a saved search); nobody else may.

use crate::accounts::{demo_password, query_strings};
use crate::browser::{PHONE, browser_at, chromedriver, shoot, sign_in_browser};
use crate::harness::Server;
use crate::harness::{Client, api_as, ok, signed_in};
use crate::pages::{Role, client_for};
use fantoccini::Locator;
use serde_json::json;
use std::collections::BTreeSet;
use std::time::Duration;

/// The missions a page links to.
fn missions_linked(body: &str) -> BTreeSet<String> {
    body.split(r#"<a href="/missions/"#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| id.len() == 36)
        .map(str::to_owned)
        .collect()
}

/// The SVG chart whose title has the id `{id}-title`.
fn chart<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body.find(&format!("aria-labelledby=\"{id}-title")).unwrap_or_else(|| panic!("no chart {id}"));
    let end = start + body[start..].find("</svg>").unwrap();
    &body[start..end]
}

#[test]
fn the_calendar_draws_each_readers_missions_month_by_month() {
    let server = Server::start_with(&["--demo"], &[]);
    let today = passerelle_core::Timestamp::now().date();
    // From two months back, over six months: the demonstration's missions run around today.
    let first = passerelle_missions::stats::month_start(today - time::Duration::days(60));
    let month = format!("{:04}-{:02}", first.year(), u8::from(first.month()));
    let path = format!("/calendar?month={month}&months=6");

    let coordinator = signed_in(&server, "coordinator");
    let page = coordinator.get(&path);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(r#"role="img""#) && page.body.contains("<rect class=\"span"), "a timeline");
    let drawn = chart(&page.body, "calendar").matches("<rect class=\"span").count();
    let listed = missions_linked(&page.body);
    assert!(drawn >= 5, "the demonstration's missions are drawn: {drawn}");
    assert_eq!(drawn, listed.len(), "one bar per mission of the table");
    let all = ok(api_as(&server, "coordinator@passerelle.example").get("/api/v1/missions?limit=200"));
    let cancelled: BTreeSet<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "cancelled")
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(listed.is_disjoint(&cancelled), "cancelled missions are not on the calendar");

    // The month grid: whole weeks, each mission linked on its days, the same as the table's.
    let this_month = format!("{:04}-{:02}", today.year(), u8::from(today.month()));
    let grid = coordinator.get(&format!("/calendar?view=month&month={this_month}"));
    assert_eq!(grid.status, 200, "{}", grid.body);
    let table = &grid.body[grid.body.find("class=\"month-grid\"").expect("a month grid")..];
    let table = &table[..table.find("</table>").unwrap()];
    let weeks = table.matches("<tr>").count() - 1;
    assert!((4..=6).contains(&weeks), "{weeks} weeks");
    assert_eq!(table.matches("<td").count(), weeks * 7);
    assert_eq!(table.matches("aria-current=\"date\"").count(), 1, "today is marked");
    let in_grid = missions_linked(table);
    assert!(!in_grid.is_empty(), "the demonstration has missions this month");
    assert!(in_grid.is_subset(&missions_linked(&grid.body[grid.body.find("</table>").unwrap()..])));
    let refused = coordinator.get("/calendar?view=weekly");
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("view"), "the field is named");

    let refused = coordinator.get("/calendar?month=2027-13");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("month"), "the field is named");
    assert_eq!(coordinator.get("/calendar?months=13").status, 422, "at most twelve months");
    // A French reader reads the problem in French, as a form would say it.
    assert_eq!(coordinator.get("/?lang=fr").status, 200);
    let refused = coordinator.get("/calendar?month=2027-13");
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Indiquez un mois sous la forme AAAA-MM"), "{}", refused.body);
    assert!(!refused.body.contains("a month as YYYY-MM"), "no English sentence on a French page");
    assert_eq!(coordinator.get("/?lang=en").status, 200);

    let expert = signed_in(&server, "expert");
    let own = ok(api_as(&server, "expert@passerelle.example").get("/api/v1/missions?limit=200"));
    let own: BTreeSet<String> =
        own["items"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect();
    let page = expert.get(&path);
    assert_eq!(page.status, 200, "{}", page.body);
    let shown = missions_linked(&page.body);
    assert!(!shown.is_empty(), "the demonstration expert has missions in these months");
    assert!(shown.is_subset(&own), "an expert's calendar holds their own missions: {shown:?} vs {own:?}");
    // Below, the expert's own availability (the demonstration expert is free from day 30 to
    // day 90) and bookings, in one row.
    let experts = chart(&page.body, "calendar-experts");
    assert_eq!(experts.matches("class=\"chart-label\"").count(), 1, "one row, their own: {experts}");
    assert!(experts.contains("class=\"span available\""), "a window of availability: {experts}");
    assert_eq!(
        experts.matches("<rect class=\"span").count() - experts.matches("span available").count(),
        shown.len(),
        "each of their missions books them"
    );

    // Staff see the availability of every expert on the missions shown; hosts see no one's.
    let staff_page = signed_in(&server, "coordinator").get(&path);
    let rows = chart(&staff_page.body, "calendar-experts").matches("class=\"chart-label\"").count();
    assert!(rows >= 2, "the experts of the coordinator's missions: {rows}");
    let host = signed_in(&server, "institution").get(&path);
    assert_eq!(host.status, 200);
    assert!(!host.body.contains("calendar-experts-title"), "availability is not shown to hosts");
}

fn decode(text: &str) -> String {
    text.replace("&#39;", "'").replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The part of a calendar page about the experts' availability.
fn experts_part(body: &str) -> &str {
    &body[body.find("id=\"experts-calendar\"").expect("the experts' part")..]
}

/// The experts a calendar page lists in its experts' table, by name.
fn experts_listed(body: &str) -> BTreeSet<String> {
    experts_part(body)
        .split("<th scope=\"row\"><a href=\"/experts/")
        .skip(1)
        .filter_map(|row| row.split_once('>').and_then(|(_, rest)| rest.split('<').next()))
        .map(decode)
        .collect()
}

/// The approved request of the demonstration with the most candidates still in play, with their
/// names: (id, names).
fn busiest_approved_request(api: &Client) -> (String, BTreeSet<String>) {
    let in_play = |status: &str| !matches!(status, "declined" | "host_declined" | "withdrawn" | "expired");
    let approved = ok(api.get("/api/v1/requests?status=approved&limit=100"));
    let mut best: Option<(String, BTreeSet<String>)> = None;
    for request in approved["items"].as_array().unwrap() {
        let id = request["id"].as_str().unwrap().to_owned();
        let candidates = ok(api.get(&format!("/api/v1/requests/{id}/candidates")));
        let names: BTreeSet<String> = candidates["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| in_play(c["status"].as_str().unwrap()))
            .map(|c| c["expert"]["name"].as_str().unwrap().to_owned())
            .collect();
        if best.as_ref().is_none_or(|(_, most)| names.len() > most.len()) {
            best = Some((id, names));
        }
    }
    best.expect("the demonstration has approved requests")
}

/// The demonstration expert (free from day 30 to day 90), on the shortlist of `request`.
fn shortlist_the_demo_expert(server: &Server, api: &Client, request: &str) {
    let aline = query_strings(
        &server.data_dir,
        "SELECT e.id FROM experts e JOIN users u ON u.id = e.user_id WHERE u.email = 'expert@passerelle.example'",
    )
    .remove(0);
    let shortlisted = api.post_json(&format!("/api/v1/requests/{request}/candidates"), &json!({"expert_id": aline}));
    assert!(matches!(shortlisted.status, 200 | 201 | 409), "{}", shortlisted.body);
}

#[test]
fn a_coordinator_sees_the_availability_of_a_requests_candidates_and_no_one_else_may() {
    let server = Server::start_with(&["--demo"], &[]);
    let api = api_as(&server, "coordinator@passerelle.example");
    let (request, mut names) = busiest_approved_request(&api);
    shortlist_the_demo_expert(&server, &api, &request);
    names.insert("Aline Uwase".to_owned());
    let today = passerelle_core::Timestamp::now().date();
    let month = format!("{:04}-{:02}", today.year(), u8::from(today.month()));

    // The request's page and its ranked candidates lead to the calendar of its candidates.
    let coordinator = client_for(&server, Role::Coordinator, "en");
    let link = format!("/calendar?request={request}");
    assert!(coordinator.get(&format!("/requests/{request}")).body.contains(&link), "from the request's pipeline");
    assert!(coordinator.get(&format!("/requests/{request}/matches")).body.contains(&link), "from its matches");

    // The candidates in play, side by side, under the period the request wants.
    let page = coordinator.get(&format!("{link}&month={month}&months=6&programme=&country="));
    assert_eq!(page.status, 200, "{}", page.body);
    let chart_part = chart(&page.body, "calendar-experts");
    assert_eq!(
        chart_part.matches("class=\"chart-label\"").count(),
        names.len() + 1,
        "the request's period, then one row per candidate in play: {names:?}"
    );
    assert_eq!(chart_part.matches("class=\"span wanted\"").count(), 1, "the period the request wants");
    assert!(chart_part.contains("class=\"span available\""), "availability bands");
    assert_eq!(experts_listed(&page.body), names, "the candidates still in play, and only them");
    let part = experts_part(&page.body);
    let aline = part.split("<tr><th scope=\"row\">").skip(1).find(|row| row.contains("Aline Uwase")).unwrap();
    assert!(!aline.contains("no window given"), "her window of availability is listed: {aline}");
    assert!(aline.contains("<span class=\"muted\">"), "with her candidacy's status: {aline}");
    assert!(part.contains("The candidates still in play for the request"));
    assert!(page.body.contains(&format!("<option value=\"{request}\" selected>")), "the selector shows the choice");
    let pager = &page.body[page.body.find("class=\"pager-links\"").unwrap()..];
    let pager = &pager[..pager.find("</p>").unwrap()];
    assert_eq!(pager.matches(&format!("request={request}")).count(), 3, "earlier, later and the other view keep it");
    // The missions' part is the same calendar as without the choice.
    let plain = coordinator.get(&format!("/calendar?month={month}&months=6"));
    assert_eq!(missions_linked(&page.body), missions_linked(&plain.body), "the missions shown do not change");
    // Without a month, the calendar opens on the month the request wants the mission in.
    let opened = coordinator.get(&link);
    assert_eq!(opened.status, 200, "{}", opened.body);
    assert!(chart(&opened.body, "calendar-experts").contains("class=\"span wanted\""));
    let marker = "name=\"month\" value=\"";
    let at = opened.body.find(marker).unwrap() + marker.len();
    let wanted_month = &opened.body[at..at + 7];
    // Months that miss the period: no band, and a link to the months it wants.
    let later = coordinator.get(&format!("{link}&month=2030-01&months=1"));
    assert_eq!(later.status, 200, "{}", later.body);
    assert!(!chart(&later.body, "calendar-experts").contains("span wanted"), "outside these months");
    assert!(later.body.contains(&format!("month={wanted_month}")), "a link to the months it wants ({wanted_month})");
    assert!(later.body.contains("show these months"));

    // In French.
    let french = client_for(&server, Role::Coordinator, "fr").get(&format!("{link}&month={month}&months=6"));
    assert_eq!(french.status, 200);
    assert!(french.body.contains("<html lang=\"fr\">"));
    assert!(french.body.contains("Les candidats encore en lice pour la demande"), "the choice in French");
    assert!(french.body.contains("Candidats d&#39;une demande") || french.body.contains("Candidats d'une demande"));
    assert!(chart(&french.body, "calendar-experts").contains("Demande : "), "the wanted row in French");
    assert!(!french.body.contains("still in play"), "no English");
    assert_eq!(experts_listed(&french.body), names);

    // A saved search's experts, alone or with the candidates.
    let searches = coordinator.get("/calls");
    let marker = "href=\"/calendar?search=";
    let at = searches.body.find(marker).expect("the saved searches lead to the calendar") + marker.len();
    let search = &searches.body[at..at + 36];
    let found = coordinator.get(&format!("/calendar?search={search}&month={month}"));
    assert_eq!(found.status, 200, "{}", found.body);
    assert!(found.body.contains("The experts found by the saved search"));
    assert!(found.body.contains(&format!("<option value=\"{search}\" selected>")));
    let both = coordinator.get(&format!("{link}&search={search}&month={month}"));
    assert_eq!(both.status, 200, "{}", both.body);
    assert!(experts_listed(&both.body).is_superset(&names), "the candidates, then the search's experts");

    // Ids that are not of a request or a saved search are refused at their field.
    let nowhere = "01900000-0000-7000-8000-000000000000";
    for (query, field) in [
        (format!("request={nowhere}"), "request"),
        ("request=abc".to_owned(), "request"),
        (format!("request={search}"), "request"),
        (format!("request={}", "9".repeat(5000)), "request"),
        (format!("search={request}"), "search"),
        ("search=%00".to_owned(), "search"),
    ] {
        let refused = coordinator.get(&format!("/calendar?{query}"));
        assert_eq!(refused.status, 422, "{query}: {}", refused.body);
        assert!(refused.body.contains(&format!("<strong>{field}</strong>")), "{query} names {field}");
    }

    // Nobody else chooses: a host or an expert asking is refused, whether the id exists or not,
    // and learns no one's availability.
    for role in ["institution", "expert"] {
        let other = signed_in(&server, role);
        for query in [format!("request={request}"), format!("request={nowhere}"), format!("search={search}")] {
            let refused = other.get(&format!("/calendar?{query}"));
            assert_eq!(refused.status, 403, "{role} {query}");
            assert!(!refused.body.contains("experts-calendar") && !refused.body.contains("span available"));
        }
        assert!(!other.get(&format!("/requests/{request}")).body.contains(&link), "{role}: no link to it");
    }
    let host = signed_in(&server, "institution").get(&format!("/calendar?month={month}"));
    assert_eq!(host.status, 200);
    assert!(!host.body.contains("experts-calendar"), "hosts see no one's availability");
}

/// The coordinator picks a request in the calendar's selector, in a real browser at desktop and
/// phone widths: the candidates' availability is shown, and nothing is wider than the window.
#[test]
fn a_coordinator_picks_a_request_on_the_calendar_in_a_browser() {
    let server = Server::start_with(&["--demo"], &[]);
    let api = api_as(&server, "coordinator@passerelle.example");
    let (request, _) = busiest_approved_request(&api);
    shortlist_the_demo_expert(&server, &api, &request);
    let password = demo_password(&server, "coordinator");
    let driver = chromedriver();
    let base = server.base.clone();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        for (phone, lang) in [(false, "en"), (true, "fr"), (false, "fr"), (true, "en")] {
            let width = if phone { "phone" } else { "desktop" };
            let profile = tempfile::tempdir().unwrap();
            let client = browser_at(&driver, profile.path(), phone.then_some(PHONE)).await;
            client.goto(&format!("{base}/?lang={lang}")).await.unwrap();
            sign_in_browser(&client, &base, "coordinator@passerelle.example", &password).await;
            client.goto(&format!("{base}/calendar")).await.unwrap();
            client.find(Locator::Css("#request")).await.unwrap().select_by_value(&request).await.unwrap();
            client.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
            client.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(".chosen-experts")).await.unwrap();
            let url = client.current_url().await.unwrap();
            assert!(url.query().unwrap_or_default().contains(&format!("request={request}")), "{url}");
            let text = client.find(Locator::Css("#experts-calendar + .chosen-experts")).await.unwrap().text().await;
            let expected = if lang == "fr" { "candidats encore en lice" } else { "candidates still in play" };
            assert!(text.unwrap().contains(expected));
            let rows =
                client.find_all(Locator::Css("section[aria-labelledby=experts-calendar] tbody tr")).await.unwrap();
            assert!(!rows.is_empty(), "the candidates are listed");
            let overflow = client
                .execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![])
                .await
                .unwrap();
            let (scroll, inner) = (overflow[0].as_u64().unwrap(), overflow[1].as_u64().unwrap());
            assert!(scroll <= inner, "the calendar fits the {width}: {scroll} > {inner}");
            shoot(&client, &format!("calendar-candidates-{width}-{lang}")).await;
            // The experts' part, scrolled to, for people to look at.
            client.execute("document.getElementById('experts-calendar').scrollIntoView();", vec![]).await.unwrap();
            shoot(&client, &format!("calendar-candidates-{width}-{lang}-experts")).await;
            client.close().await.unwrap();
        }
    });
}
