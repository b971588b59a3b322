//! Text search on the lists of missions and of requests (issue 13 item 7), over HTTP against
//! the real server with its demonstration data: `q` narrows each list, for every role that has
//! one, and the count above a table says how many rows it lists.

use crate::harness::signed_in;
use crate::harness::{Reply, Server};

/// The text of each row of the page's table (its first cell's link, and the row's words).
fn rows(page: &Reply, link: &str) -> Vec<String> {
    let Some(body) = page.body.split("<tbody>").nth(1) else { return vec![] };
    let body = body.split("</tbody>").next().unwrap();
    body.split("<tr>").skip(1).filter(|row| row.contains(link)).map(|row| row.to_lowercase()).collect()
}

/// The count a missions page states above its table.
fn missions_stated(page: &Reply) -> usize {
    if page.body.contains("No mission here.") || !page.body.contains("mission") {
        return 0;
    }
    let before = page.body.split(" missions</p>").next().unwrap();
    if before.len() == page.body.len() {
        assert!(page.body.contains("<p>One mission</p>"), "{}", page.body);
        return 1;
    }
    before.rsplit("<p>").next().unwrap().trim().parse().unwrap_or_else(|_| panic!("no count in {}", page.body))
}

fn requests_stated(page: &Reply) -> usize {
    let after = page.body.split("Requests found: ").nth(1).unwrap_or_else(|| panic!("no count in {}", page.body));
    after.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

/// The longest word of a row's title: one that names it rather than a common one.
fn word_of(row: &str) -> String {
    let title = row.split("\">").nth(1).unwrap().split('<').next().unwrap();
    title.split(|c: char| !c.is_alphanumeric()).max_by_key(|w| w.chars().count()).unwrap().to_owned()
}

#[test]
fn lists_of_missions_and_requests_are_searched_and_counted_as_listed() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = signed_in(&server, "coordinator");

    // All the missions, counted as listed; then those of one request's title.
    let all = coordinator.get("/missions?lang=en");
    let every = rows(&all, "/missions/");
    assert!(every.len() > 3, "{}", all.body);
    assert_eq!(missions_stated(&all), every.len());
    let word = word_of(&every[0]);
    let found = coordinator.get(&format!("/missions?lang=en&q={}", word.to_uppercase()));
    let listed = rows(&found, "/missions/");
    assert!(!listed.is_empty() && listed.len() < every.len(), "{word}: {} of {}", listed.len(), every.len());
    assert!(listed.iter().all(|r| r.contains(&word)), "each row holds {word}");
    assert_eq!(missions_stated(&found), listed.len());
    assert!(
        found.body.contains(&format!(r#"name="q" value="{}""#, word.to_uppercase())),
        "the search stays in its field"
    );

    // An expert's name finds their missions; a search that matches nothing says so.
    let aline = coordinator.get("/missions?lang=en&q=aline+uwase");
    assert!(!rows(&aline, "/missions/").is_empty(), "the demo expert has missions");
    let none = coordinator.get("/missions?lang=en&q=zzzz-no-such-mission");
    assert!(none.body.contains("No mission here.") && rows(&none, "/missions/").is_empty());

    // A host's missions to evaluate are listed above the table, apart from its count.
    let host = signed_in(&server, "institution");
    let ours = host.get("/missions?lang=en");
    assert!(ours.body.contains("Missions to evaluate"), "{}", ours.body);
    assert_eq!(missions_stated(&ours), rows(&ours, "/missions/").len(), "{}", ours.body);
    assert!(ours.body.contains(r#"name="q""#), "hosts search too");

    // Requests: a member's list is searched too (it ignored `q`).
    let requests = host.get("/requests?lang=en");
    let theirs = rows(&requests, "/requests/");
    assert!(theirs.len() > 1, "{}", requests.body);
    assert_eq!(requests_stated(&requests), theirs.len());
    let word = word_of(&theirs[0]);
    let found = host.get(&format!("/requests?lang=en&q={word}"));
    let listed = rows(&found, "/requests/");
    assert!(!listed.is_empty() && listed.iter().all(|r| r.contains(&word)), "{word}");
    assert!(listed.len() < theirs.len() || theirs.iter().all(|r| r.contains(&word)));
    assert_eq!(requests_stated(&found), listed.len());

    // The search is bounded: too long, or with a control character, the field is named and the
    // problem said as a form says it.
    let long = "a".repeat(201);
    let refused = [
        (format!("/missions?q={long}"), "This is too long (at most 200 characters)."),
        ("/requests?q=nurse%1B".to_owned(), "This holds a control character"),
    ];
    for (bad, said) in refused {
        let refused = coordinator.get(&bad);
        assert_eq!(refused.status, 422, "{bad}");
        assert!(refused.body.contains(&format!("<strong>q</strong> — {said}")), "{}", refused.body);
    }
    let french = coordinator.get("/missions?lang=fr");
    assert!(french.body.contains("Demande, institution ou expert"));
}
