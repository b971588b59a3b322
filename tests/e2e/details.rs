//! The small things people notice, each checked on the real server with its demonstration
//! data: a mission's checklist is one form, a start far from the plan is asked again, the
//! "next step" panel always says something, a never-confirmed profile is not "up to date",
//! invitation cards say where and when, the candidates' board is in the coordinators'
//! navigation, and a host asked to approve a candidate sees how they meet the request.

use crate::accounts::{csrf, sign_in, sign_up_expert};
use crate::harness::{Client, Server};
use crate::pages::{Role, client_for, links};

/// The first link of `html` to a page of kind `prefix` followed by an id.
fn first_id(html: &str, prefix: &str) -> Option<String> {
    links(html).into_iter().find_map(|l| {
        let id = l.strip_prefix(prefix)?;
        (id.len() == 36).then(|| id.to_owned())
    })
}

/// The part of a page between `start` and the next `</section>`.
fn section<'a>(html: &'a str, start: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in the page:\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

fn api(client: &Client, path: &str) -> serde_json::Value {
    let reply = client.get(path);
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    reply.json()
}

#[test]
fn the_checklist_is_one_form_and_a_start_far_from_the_plan_is_asked_again() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = client_for(&server, Role::Coordinator, "en");
    let list = coordinator.get("/missions?status=preparing");
    let id = first_id(&list.body, "/missions/").expect("a mission in preparation");
    let page = coordinator.get(&format!("/missions/{id}"));
    let checklist = section(&page.body, "aria-labelledby=\"checklist\"");
    assert_eq!(checklist.matches("<form").count(), 1, "one form for the seven items");
    assert_eq!(checklist.matches("<button").count(), 1, "one button");
    assert_eq!(checklist.matches(".state\"").count(), 7, "seven items in it");

    // Every item settled at once; only what changed is written, each in the history.
    let items = ["visa", "travel", "insurance", "per_diem", "accommodation", "security_briefing", "focal_point"];
    let token = csrf(&page);
    let mut fields = vec![("csrf".to_owned(), token)];
    for item in items {
        fields.push((format!("{item}.state"), "done".to_owned()));
        fields.push((format!("{item}.on_date"), String::new()));
        fields
            .push((format!("{item}.note"), if item == "visa" { "Obtained in Brussels".into() } else { String::new() }));
    }
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = coordinator.post_form(&format!("/missions/{id}/checklist"), &refs);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = coordinator.get(&format!("/missions/{id}"));
    assert!(page.body.contains("Obtained in Brussels"));
    assert!(
        page.body.contains(r#"<option value="in_progress"#) || page.body.contains(r#"value="in_progress""#),
        "it may start now"
    );

    // A start a month before the planned first day is not taken silently.
    let mission = api(&coordinator, &format!("/api/v1/missions/{id}"));
    let planned: time::Date = passerelle_core::parse_date(mission["starts_on"].as_str().unwrap()).unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let early = (planned - time::Duration::days(30)).min(today).to_string();
    let step = |confirm: &str| {
        let page = coordinator.get(&format!("/missions/{id}"));
        coordinator.post_form(
            &format!("/missions/{id}/transitions"),
            &[
                ("csrf", &csrf(&page)),
                ("to", "in_progress"),
                ("date", &early),
                // The proofs (visa, ticket, insurance) are not the point here: overridden.
                ("comment", "Proofs seen by the coordinator"),
                ("override_proof", "on"),
                ("confirm_date", confirm),
            ],
        )
    };
    let asked = step("");
    assert_eq!(asked.status, 422, "asked to confirm");
    assert!(
        asked.body.contains("id=\"f-confirm_date\"") && asked.body.contains("before the planned first day"),
        "{}",
        asked.body
    );
    assert!(asked.body.contains(&format!("value=\"{early}\"")), "the day typed is kept");
    let unchanged = api(&coordinator, &format!("/api/v1/missions/{id}"));
    assert_eq!(unchanged["status"], "preparing", "nothing recorded before the confirmation");
    let confirmed = step("yes");
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let started = api(&coordinator, &format!("/api/v1/missions/{id}"));
    assert_eq!(
        (started["status"].as_str(), started["actual_start"].as_str()),
        (Some("in_progress"), Some(early.as_str()))
    );
}

#[test]
fn pages_say_the_small_things_people_look_for() {
    let server = Server::start_with(&["--demo"], &[]);

    // The candidates' board is in the coordinators' navigation.
    let coordinator = client_for(&server, Role::Coordinator, "en");
    assert!(coordinator.get("/").body.contains(r#"<a href="/candidates""#));

    // An invitation's card says where and when.
    let expert = client_for(&server, Role::Expert, "en");
    let invitations = expert.get("/invitations");
    let card = section(&invitations.body, "<li class=\"card invitation\"");
    for label in ["<dt>Place</dt>", "<dt>When</dt>"] {
        assert!(card.contains(label), "{label} in {card}");
    }

    // Once the host has evaluated, the panel of the next step still says where things stand
    // (it used to be empty: nothing is left for the host to do).
    let host = client_for(&server, Role::Institution, "en");
    let list = host.get("/missions");
    let reported = links(&list.body)
        .into_iter()
        .filter(|l| l.starts_with("/missions/") && l.len() == "/missions/".len() + 36)
        .find(|l| host.get(l).body.contains("badge ok\">Report filed<"))
        .expect("a mission of the host's to evaluate");
    let form = host.get(&format!("{reported}/evaluation"));
    let mut fields: Vec<(String, String)> = ["quality", "transfer", "communication", "reliability", "relevance"]
        .iter()
        .map(|c| (format!("ratings.{c}"), "4".to_owned()))
        .collect();
    fields.push(("csrf".into(), csrf(&form)));
    fields.push(("comments".into(), "The night shift is trained.".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(host.post_form(&format!("{reported}/evaluation"), &refs).status, 303);
    let page = host.get(&reported).body;
    assert!(page.contains("badge ok\">Evaluated<"), "evaluated");
    let panel = section(&page, "aria-labelledby=\"next\"");
    assert!(panel.contains("a coordinator will close it"), "{panel}");

    // A host asked to approve a candidate sees how the candidate meets the request, and no
    // contact detail in that comparison.
    let board = host.get("/candidates");
    let candidate = first_id(&board.body, "/candidates/").expect("a candidate to approve");
    let page = host.get(&format!("/candidates/{candidate}"));
    let fit = section(&page.body, "aria-labelledby=\"fit\"");
    assert!(fit.contains("How the candidate meets the request"), "{fit}");
    assert!(fit.contains("Meets it") || fit.contains("Not in the profile") || fit.contains("Below the level asked"));
    assert!(fit.contains("Past evaluations") && fit.contains("Dates"));
    assert!(!fit.contains('@') && !fit.contains("mailto:"), "no contact detail in the comparison");

    // A profile never confirmed is not "up to date", however new.
    let newcomer = server.client();
    assert_eq!(sign_up_expert(&newcomer, "Jeanne Uwera", "jeanne.uwera@example.be").status, 200);
    assert_eq!(sign_in(&newcomer, "jeanne.uwera@example.be", "umuganda ya kabiri 2026").status, 303);
    let profile = newcomer.get("/profile?lang=en");
    assert_eq!(profile.status, 200, "{}", profile.body);
    let status = section(&profile.body, "status-panel");
    assert!(status.contains("Never confirmed") && !status.contains("Up to date"), "{status}");
}

/// A profile speaks to its reader: the expert reads "my data" and "you", a coordinator
/// reading someone's profile reads about "the expert" and has no button of theirs.
#[test]
fn a_profile_speaks_to_whoever_reads_it() {
    let server = Server::start_with(&["--demo"], &[]);
    let expert = client_for(&server, Role::Expert, "fr");
    let own = expert.get("/profile");
    assert_eq!(own.status, 200);
    for words in ["Effacer mes données", "Pays où vous ne vous rendrez pas", "Mon profil est à jour"] {
        assert!(own.body.contains(words), "the expert reads “{words}” on their own profile");
    }
    let coordinator = client_for(&server, Role::Coordinator, "fr");
    let roster = coordinator.get("/experts");
    let id = first_id(&roster.body, "/experts/").expect("an expert in the roster");
    let theirs = coordinator.get(&format!("/experts/{id}"));
    assert_eq!(theirs.status, 200);
    for words in ["Effacer ce profil", "Pays où l'expert ne se rendra pas", "dont l'expert est membre"] {
        assert!(theirs.body.contains(&words.replace('\'', "&#39;")) || theirs.body.contains(words), "“{words}”");
    }
    for words in ["Effacer mes données", "vous ne vous rendrez pas", "dont vous êtes membre", "Mon profil est à jour"]
    {
        assert!(!theirs.body.contains(words), "a coordinator does not read “{words}” on an expert's profile");
    }
}
