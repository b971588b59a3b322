//! Programme targets and budgets through the pages (issue 13 item 6), against the real server
//! with its demonstration data: a coordinator gives the Mauritanian placements a budget and a
//! per diem rate in the programme's form (bad values refused at their fields), records a
//! mission's per diem on its costs page (the amount worked out from the rate and the days on
//! site), finds the line in the costs export and in the mission's history, removes it; the
//! host institution's member reads the programme's targets without its money. And the COVID-19
//! relief programme's health workers do not leave without a verified licence to practise.

use crate::accounts::csrf;
use crate::harness::{Client, api_as, ok, programme_id, signed_in};
use crate::harness::{Reply, Server};
use serde_json::Value;

/// The days of a mission's on-site phases, both ends counted.
fn days_on_site(mission: &Value) -> i64 {
    let day = |v: &Value| passerelle_core::parse_date(v.as_str().unwrap()).unwrap();
    let phases = mission["phases"].as_array().unwrap().iter().filter(|p| p["kind"] == "on_site");
    phases.map(|p| (day(&p["ends_on"]) - day(&p["starts_on"])).whole_days() + 1).sum()
}

/// The page's language: the account's, whatever the request asked for.
fn is_french(page: &Reply) -> bool {
    page.body.contains(r#"<html lang="fr""#)
}

/// A whole amount of euros as the page writes it in its language.
fn euros(page: &Reply, units: i64) -> String {
    let digits = units.to_string();
    let (group, french) = if is_french(page) { ("\u{202f}", true) } else { (",", false) };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    if french { format!("{grouped}\u{a0}EUR") } else { format!("EUR {grouped}") }
}

fn edit_programme(coordinator: &Client, programme: &str, plan: &[(&str, &str)]) -> Reply {
    let form = coordinator.get(&format!("/programmes/{programme}/edit"));
    assert_eq!(form.status, 200, "{}", form.body);
    let token = csrf(&form);
    let mut fields = vec![
        ("csrf", token.as_str()),
        ("code", "MR-PLACE-20"),
        ("name_en", "Temporary placements in Mauritanian public institutions"),
        ("name_fr", "Affectations temporaires dans les institutions publiques mauritaniennes"),
        ("countries", "MR"),
        ("sectors", "public_administration"),
        ("starts_on", "2025-06-01"),
        ("ends_on", "2027-12-31"),
        ("status", "active"),
    ];
    fields.extend_from_slice(plan);
    coordinator.post_form(&format!("/programmes/{programme}/edit"), &fields)
}

#[test]
fn a_programme_carries_targets_and_a_budget_and_its_missions_their_costs() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = signed_in(&server, "coordinator");
    let api = api_as(&server, "coordinator@passerelle.example");
    let programme = programme_id(&api, "MR-PLACE-20");

    // The form names each bad value at its field and saves nothing.
    let refused = edit_programme(
        &coordinator,
        &programme,
        &[("kind", "placement"), ("budget", "lots"), ("per_diem", "XX 10\nMR 100"), ("target_experts", "-3")],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    for field in ["budget", "per_diem", "target_experts"] {
        assert!(refused.body.contains(&format!(r#"id="e-{field}-1""#)), "no error at {field}");
    }
    let saved = edit_programme(
        &coordinator,
        &programme,
        &[
            ("kind", "placement"),
            ("target_experts", "20"),
            ("target_expert_days", ""),
            ("currency", "eur"),
            ("budget", "600 000"),
            ("per_diem", "MR: 100\n\nSN 70,50"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let form = coordinator.get(&format!("/programmes/{programme}/edit"));
    assert!(form.body.contains("MR 100.00\nSN 70.50"), "the rates read back, one per line");

    // A mission of the programme with days on site, and its costs page.
    let missions = ok(api.get(&format!("/api/v1/missions?programme={programme}&limit=200")));
    // The list leaves the phases out: each mission is read whole.
    let mission = missions["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["country"] == "MR" && m["status"] != "cancelled")
        .map(|m| ok(api.get(&format!("/api/v1/missions/{}", m["id"].as_str().unwrap()))))
        .find(|m| days_on_site(m) > 0)
        .expect("a Mauritanian mission with days on site in the demonstration");
    let (id, days) = (mission["id"].as_str().unwrap().to_owned(), days_on_site(&mission));
    let page = coordinator.get(&format!("/missions/{id}/costs"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&euros(&page, 100)), "the hint gives the programme's rate");
    let token = csrf(&page);
    let wrong = coordinator.post_form(
        &format!("/missions/{id}/costs"),
        &[("csrf", &token), ("category", "fees"), ("quantity", "0"), ("unit_amount", "12 euros")],
    );
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(wrong.body.contains(r#"id="e-quantity-1""#) && wrong.body.contains(r#"id="e-unit_amount-1""#));
    let added = coordinator.post_form(
        &format!("/missions/{id}/costs"),
        &[("csrf", &token), ("category", "per_diem"), ("description", "Per diem for the first month")],
    );
    assert_eq!(added.status, 303, "{}", added.body);
    let page = coordinator.get(&format!("/missions/{id}/costs"));
    assert!(page.body.contains(&euros(&page, days * 100)), "{days} days × 100 on the page");

    // The export has the line, in codes and plain decimals for programs.
    let csv = coordinator.get(&format!("/programmes/{programme}/costs.csv"));
    assert_eq!(csv.status, 200);
    let line = csv
        .body
        .lines()
        .find(|l| l.contains(&id) && l.contains("Per diem for the first month"))
        .unwrap_or_else(|| panic!("the line in the export:\n{}", csv.body))
        .to_owned();
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(cells[7], "per_diem");
    assert_eq!(cells[9], days.to_string());
    assert_eq!((cells[10], cells[11], cells[12]), ("100.00", format!("{}.00", days * 100).as_str(), "EUR"));
    let cost = cells[0].to_owned();

    // The programme page sets the spending against the budget for staff…
    let staff_view = coordinator.get(&format!("/programmes/{programme}"));
    assert!(staff_view.body.contains(&euros(&staff_view, 600_000)), "the budget");
    assert!(staff_view.body.contains("/costs.csv"));
    // …and shows the host's member the targets, without any money.
    let member = signed_in(&server, "institution");
    let host_view = member.get(&format!("/programmes/{programme}"));
    assert_eq!(host_view.status, 200, "{}", host_view.body);
    assert!(host_view.body.contains("/ 20"), "the target of 20 experts");
    assert!(!host_view.body.contains("EUR") && !host_view.body.contains("costs.csv"), "no money for hosts");
    assert_eq!(member.get(&format!("/missions/{id}/costs")).status, 404, "not the member's mission");

    // The mission's history says what was recorded, in words; the line can be taken back.
    let history = ok(api.get(&format!("/api/v1/missions/{id}/history")));
    assert!(history["entries"].as_array().unwrap().iter().any(|e| e["action"] == "mission.cost_add"), "{history}");
    let removed = coordinator.post_form(&format!("/missions/{id}/costs/{cost}/delete"), &[("csrf", &token)]);
    assert_eq!(removed.status, 303, "{}", removed.body);
    let again = coordinator.post_form(&format!("/missions/{id}/costs/{cost}/delete"), &[("csrf", &token)]);
    assert_eq!(again.status, 404, "a line is removed once");
    let csv = coordinator.get(&format!("/programmes/{programme}/costs.csv"));
    assert!(!csv.body.lines().any(|l| l.starts_with(&format!("{cost},"))), "the line is gone from the export");
}

#[test]
fn an_emergency_health_mission_does_not_start_without_a_verified_licence() {
    let server = Server::start_with(&["--demo"], &[]);
    let api = api_as(&server, "coordinator@passerelle.example");
    let programme = programme_id(&api, "COVID19-MED");
    let missions = ok(api.get(&format!("/api/v1/missions?programme={programme}&status=preparing")));
    // The demonstration's nurses hold no licence a coordinator could verify: they wait, their
    // checklist complete, at departure.
    let ready: Vec<Value> = missions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| ok(api.get(&format!("/api/v1/missions/{}", m["id"].as_str().unwrap()))))
        .filter(|m| m["checklist"].as_array().unwrap().iter().all(|i| i["state"] != "todo"))
        .collect();
    assert!(!ready.is_empty(), "{missions}");
    for whole in &ready {
        let id = whole["id"].as_str().unwrap();
        assert_eq!(whole["allowed"], serde_json::json!(["cancelled"]), "starting is not offered");
        let refused = api.post_json(
            &format!("/api/v1/missions/{id}/transitions"),
            &serde_json::json!({"to": "in_progress", "override_proof": true, "comment": "the hospital insists"}),
        );
        assert_eq!(refused.status, 409, "{}", refused.body);
        assert!(refused.json()["detail"].as_str().unwrap().contains("licence"), "{}", refused.body);
    }
}
