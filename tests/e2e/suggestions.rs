//! Skills from an expert's own words: the profile page suggests the skills the summary names
//! and the skills list lacks (not those it says are not held); the expert confirms one with a
//! level and dismisses another, which never comes back; a coordinator sees and answers the same
//! suggestions for the expert, and the log says so.

use crate::accounts::{csrf, sign_in, sign_up_expert};
use crate::harness::{Client, Reply, Server, signed_in};

const PASSWORD: &str = "umuganda ya kabiri 2026";

/// The suggestions block of a profile page (empty when there is none).
fn suggested(page: &Reply) -> String {
    page.body
        .split(r#"id="suggested-skills""#)
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_default()
        .to_owned()
}

fn skills_table(page: &Reply) -> String {
    page.body
        .split(r#"id="skills""#)
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .unwrap_or_default()
        .to_owned()
}

fn answer(client: &Client, base: &str, what: &str, fields: &[(&str, &str)]) -> Reply {
    let page = client.get(base);
    let token = csrf(&page);
    let mut all = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    client.post_form(&format!("{base}/suggestions/{what}"), &all)
}

#[test]
fn skills_named_in_an_experts_words_are_suggested_confirmed_or_dismissed_for_good() {
    let server = Server::start_with(&["--demo"], &[]);
    let client = server.client().with_header("Accept-Language", "fr");
    assert_eq!(sign_up_expert(&client, "Aline Uwase", "aline.uwase@example.be").status, 200);
    assert_eq!(sign_in(&client, "aline.uwase@example.be", PASSWORD).status, 303);
    assert!(suggested(&client.get("/profile")).is_empty(), "nothing written, nothing suggested");

    let form = client.get("/profile/edit/experience");
    let saved = client.post_form(
        "/profile/edit/experience",
        &[
            ("csrf", &csrf(&form)),
            ("headline", "Infirmière et formatrice"),
            (
                "summary",
                "Quinze ans en soins intensifs au CHU de Liège, puis en néonatologie. Pas d'expérience en chirurgie.",
            ),
            ("years_experience", "15"),
            ("sectors", "health"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);

    let profile = client.get("/profile");
    let offered = suggested(&profile);
    assert!(offered.contains("médecine intensive et réanimation"), "{offered}");
    assert!(offered.contains("néonatologie"), "{offered}");
    assert!(!offered.contains("chirurgie"), "said not to be held: {offered}");
    assert!(profile.body.contains("Compétences trouvées dans ce que vous avez écrit"));

    // A level is needed to confirm, and only a suggested skill may be answered.
    let refused = answer(&client, "/profile", "confirm", &[("skill", "intensive-care"), ("level", "")]);
    assert_eq!(refused.status, 422, "{}", refused.body);
    let refused = answer(&client, "/profile", "confirm", &[("skill", "general-surgery"), ("level", "3")]);
    assert_eq!(refused.status, 422, "{}", refused.body);

    // Dismissed: gone, and it stays gone after another edit of the words.
    assert_eq!(answer(&client, "/profile", "dismiss", &[("skill", "neonatology")]).status, 303);
    let form = client.get("/profile/edit/experience");
    let saved = client.post_form(
        "/profile/edit/experience",
        &[
            ("csrf", &csrf(&form)),
            ("headline", "Infirmière et formatrice en néonatologie"),
            ("summary", "Quinze ans en soins intensifs au CHU de Liège."),
            ("years_experience", "15"),
            ("sectors", "health"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let offered = suggested(&client.get("/profile"));
    assert!(!offered.contains("néonatologie") && offered.contains("médecine intensive"), "{offered}");

    // A coordinator sees the same suggestion on the expert's page and confirms it for her.
    let coordinator = signed_in(&server, "coordinator");
    let roster = coordinator.get("/experts?q=Uwase");
    let id = roster
        .body
        .split("/experts/")
        .filter_map(|rest| rest.get(..36))
        .find(|id| id.chars().filter(|c| *c == '-').count() == 4)
        .expect("the expert in the roster")
        .to_owned();
    let base = format!("/experts/{id}");
    let seen = coordinator.get(&base);
    assert!(suggested(&seen).contains(r#"value="intensive-care""#), "{}", seen.body);
    let confirmed =
        answer(&coordinator, &base, "confirm", &[("skill", "intensive-care"), ("level", "3"), ("years", "15")]);
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let audit = signed_in(&server, "admin").get("/admin/audit");
    let said = ["Suggested skill confirmed", "Compétence suggérée confirmée"];
    assert!(said.iter().any(|s| audit.body.contains(s)), "the coordinator's answer is in the log: {}", audit.body);

    let profile = client.get("/profile");
    assert!(
        skills_table(&profile).contains("médecine intensive et réanimation"),
        "now a listed skill: {}",
        skills_table(&profile)
    );
    let offered = suggested(&profile);
    assert!(!offered.contains(r#"value="intensive-care""#) && !offered.contains(r#"value="neonatology""#), "{offered}");
    assert!(offered.contains(r#"value="general-nursing""#), "\"infirmière\" is still unanswered: {offered}");
}
