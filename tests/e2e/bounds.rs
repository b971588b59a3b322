//! Every number of every query string has a documented range, and nothing outside it can hurt
//! the server (issue 11, item 1: one `page=100000000000` used to make it abort).
//!
//! The routes come from the route table (`passerelle_web::route_table`), which lists for each
//! route the numbers its query takes with their ranges, and the API's from its OpenAPI
//! document too: nothing here is hand-picked. Each declared number gets the extreme values and
//! its bounds; every other number name known anywhere is also sent to every GET route, so that
//! a route reading a number it does not declare is caught as well.

use crate::accounts::{demo_password, sign_in};
use crate::harness::{Client, Reply, Server};
use std::collections::{BTreeMap, BTreeSet};

/// Values no number of ours admits, or that broke the server once.
const EXTREMES: [&str; 11] = [
    "0",
    "-1",
    "2147483648",
    "4294967296",
    "100000000000",
    "9223372036854775807",
    "18446744073709551616",
    "1e99",
    "abc",
    "",
    "1.5",
];

/// A real id for each `{…}` of `path`, found in the list one level up (as the admin sees it),
/// or a made-up one when the list shows none (the query is read before the id is looked up).
fn concrete(admin: &Client, path: &str, found: &mut BTreeMap<String, String>) -> String {
    let Some(open) = path.find('{') else { return path.to_owned() };
    let list = path[..open].trim_end_matches('/').to_owned();
    let name = &path[open + 1..path[open..].find('}').map_or(path.len(), |i| open + i)];
    let value = if name == "id" {
        found
            .entry(list.clone())
            .or_insert_with(|| first_id(admin, &list).unwrap_or_else(|| "01900000-0000-7000-8000-000000000000".into()))
            .clone()
    } else {
        "x".to_owned()
    };
    let rest = &path[open + name.len() + 2..];
    concrete(admin, &format!("{}{value}{rest}", &path[..open]), found)
}

/// The first id the list at `list` shows: an approved request for requests (so that matching
/// runs), else the first in the list.
fn first_id(admin: &Client, list: &str) -> Option<String> {
    let looks_like_uuid = |s: &str| s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    for query in ["?status=approved", ""] {
        let reply = admin.get(&format!("{list}{query}"));
        if reply.status != 200 {
            continue;
        }
        let marker = if list.starts_with("/api/") { "\"id\":\"".to_owned() } else { format!("href=\"{list}/") };
        for (at, _) in reply.body.match_indices(&marker) {
            let candidate = reply.body.get(at + marker.len()..at + marker.len() + 36).unwrap_or_default();
            if looks_like_uuid(candidate) {
                return Some(candidate.to_owned());
            }
        }
    }
    None
}

/// One request to send: the parameter, its value, and its range when the route declares it.
type Case = (String, String, Option<(i64, i64)>);

fn admissible(value: &str, minimum: i64, maximum: i64) -> bool {
    value.parse::<i64>().is_ok_and(|n| (minimum..=maximum).contains(&n))
}

/// The fields a 422 names: from problem details, or from the list on the error page.
fn named_fields(reply: &Reply) -> Vec<String> {
    if reply.header("content-type").is_some_and(|ct| ct.starts_with("application/problem+json")) {
        let problem = reply.json();
        return problem["errors"]
            .as_array()
            .map(|errors| errors.iter().filter_map(|e| e["field"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
    }
    reply.body.split("<li><strong>").skip(1).filter_map(|s| s.split("</strong>").next().map(str::to_owned)).collect()
}

#[test]
fn every_numeric_query_parameter_refuses_extreme_values_and_the_server_lives_on() {
    let server = Server::start_with(&["--demo"], &[]);
    let admin = server.client();
    assert_eq!(sign_in(&admin, "admin@passerelle.example", &demo_password(&server, "admin")).status, 303);

    let routes: Vec<_> = passerelle_web::route_table().into_iter().filter(|r| r.method == "GET").collect();
    // The API document states the same ranges as the route table.
    let document = admin.get("/api/openapi.json").json();
    for route in routes.iter().filter(|r| r.path.starts_with("/api/v1/")) {
        let parameters = document["paths"][route.path]["get"]["parameters"].as_array().cloned().unwrap_or_default();
        let documented: BTreeSet<(String, i64, i64)> = parameters
            .iter()
            .filter(|p| p["in"] == "query" && p["schema"]["type"] == "integer")
            .map(|p| {
                let bound = |key: &str| {
                    p["schema"][key].as_i64().unwrap_or_else(|| panic!("{} {} has no {key}", route.path, p["name"]))
                };
                (p["name"].as_str().unwrap_or_default().to_owned(), bound("minimum"), bound("maximum"))
            })
            .collect();
        let declared: BTreeSet<(String, i64, i64)> =
            route.numbers.iter().map(|n| (n.name.clone(), n.minimum, n.maximum)).collect();
        assert_eq!(documented, declared, "{}: the document and the route table disagree", route.path);
    }
    let names: BTreeSet<String> = routes.iter().flat_map(|r| r.numbers.iter().map(|n| n.name.clone())).collect();
    assert!(routes.iter().filter(|r| !r.numbers.is_empty()).count() >= 10, "the route table declares the numbers");

    let mut ids = BTreeMap::new();
    let mut failures = Vec::new();
    let mut sent = 0;
    for route in &routes {
        let path = concrete(&admin, route.path, &mut ids);
        let bases: &[&str] = if route.path.contains("search") { &["", "q=nurse&sort=updated&"] } else { &[""] };
        let mut cases: Vec<Case> = Vec::new();
        for number in &route.numbers {
            let bounds = (number.minimum, number.maximum);
            let edges = [number.minimum.to_string(), number.maximum.to_string(), (number.maximum + 1).to_string()];
            for value in EXTREMES.iter().map(|v| v.to_string()).chain(edges) {
                cases.push((number.name.clone(), value, Some(bounds)));
            }
        }
        for name in names.iter().filter(|n| !route.numbers.iter().any(|d| &&d.name == n)) {
            for value in ["9223372036854775807", "abc"] {
                cases.push((name.clone(), value.to_owned(), None));
            }
        }
        for base in bases {
            for (name, value, bounds) in &cases {
                let url = format!("{path}?{base}{name}={value}");
                sent += 1;
                let Ok(reply) = admin.try_get(&url) else {
                    panic!("GET {url} got no answer: the server is down\n{}", server.log());
                };
                let fields = named_fields(&reply);
                let problem = match bounds {
                    _ if reply.status >= 500 => Some("a server error"),
                    Some((min, max)) if admissible(value, *min, *max) => {
                        (reply.status >= 400).then_some("a value inside the documented range refused")
                    }
                    Some(_) if reply.status != 422 || !fields.contains(name) => Some("not a 422 naming the parameter"),
                    None if reply.status == 422 && fields.contains(name) => {
                        Some("the route reads this number but the route table does not declare it")
                    }
                    _ => None,
                };
                if let Some(problem) = problem {
                    failures.push(format!(
                        "GET {url}: {problem}: {} {}",
                        reply.status,
                        reply.body.chars().take(300).collect::<String>()
                    ));
                }
            }
        }
    }
    assert_eq!(admin.get("/healthz").status, 200, "the server still answers");
    assert!(failures.is_empty(), "{} of {sent} requests:\n{}", failures.len(), failures.join("\n"));
}
