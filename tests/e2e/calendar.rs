//! The calendar of missions (issue 13 item 7), against the real server with its demonstration
//! data: a coordinator sees every mission of the months asked for as a timeline (SVG, no
//! script) and as a table; a month that is not one is refused at its field; an expert's
//! calendar holds their own missions only.

use crate::harness::Server;
use crate::harness::{api_as, ok, signed_in};
use std::collections::BTreeSet;

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
