//! Programme plans, mission costs and progress through the JSON API (issue 13 item 6), against
//! the real server with its demonstration data: a coordinator sets a programme's targets,
//! budget and per diem rates, records the costs of one of IPRC Kigali's missions (per diem
//! filled in from the rate and the days on site), removes one, and reads the spending against
//! the budget; the institution's member reads the plan without its money and is kept out of
//! the costs.

use crate::harness::{Client, Server, api_as, ok, programme_id};
use serde_json::{Value, json};

/// A decimal string ("95.50") in hundredths.
fn cents(amount: &Value) -> i64 {
    let text = amount.as_str().unwrap_or_else(|| panic!("not a decimal string: {amount}"));
    let (units, hundredths) = text.split_once('.').unwrap_or_else(|| panic!("no decimals: {text}"));
    assert_eq!(hundredths.len(), 2, "two decimals: {text}");
    units.parse::<i64>().unwrap() * 100 + hundredths.parse::<i64>().unwrap()
}

fn decimal(cents: i64) -> String {
    format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100)
}

/// The days of a mission's on-site phases, both ends counted, as per diem is paid.
fn days_on_site(mission: &Value) -> i64 {
    let day = |v: &Value| passerelle_core::parse_date(v.as_str().unwrap()).unwrap();
    let phases = mission["phases"].as_array().unwrap().iter().filter(|p| p["kind"] == "on_site");
    phases.map(|p| (day(&p["ends_on"]) - day(&p["starts_on"])).whole_days() + 1).sum()
}

/// The fields of the problems of a 422 answer, as `field code`.
fn problems(reply: crate::harness::Reply) -> Vec<String> {
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    let errors = reply.json()["errors"].as_array().unwrap().clone();
    errors.iter().map(|e| format!("{} {}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect()
}

/// The programme as a body to replace it with, and `plan`'s fields over it.
fn replaced(programme: &Value, plan: Value) -> Value {
    let mut body = json!({});
    for key in ["code", "name", "description", "funder", "countries", "sectors", "starts_on", "ends_on", "status"] {
        body[key] = programme[key].clone();
    }
    for (key, value) in plan.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

fn ids(list: &Value) -> Vec<String> {
    list["items"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect()
}

fn progress(api: &Client, programme: &str) -> Value {
    ok(api.get(&format!("/api/v1/programmes/{programme}/progress")))
}

#[test]
fn coordinators_plan_a_programme_and_record_its_costs_through_the_api() {
    let server = Server::start_with(&["--demo"], &[]);
    let staff = api_as(&server, "coordinator@passerelle.example");
    let host = api_as(&server, "institution@passerelle.example");

    // One of the host's missions with days on site, and a mission that is not the host's.
    let hosts = ids(&ok(host.get("/api/v1/missions?limit=200")));
    let everyone = ids(&ok(staff.get("/api/v1/missions?limit=200")));
    let mission = hosts
        .iter()
        .map(|id| ok(staff.get(&format!("/api/v1/missions/{id}"))))
        .find(|m| days_on_site(m) > 0)
        .expect("the demo host has a mission with days on site");
    let id = mission["id"].as_str().unwrap().to_owned();
    let elsewhere = everyone.iter().find(|m| !hosts.contains(m)).expect("a mission of another institution").clone();
    let country = mission["country"].as_str().unwrap().to_owned();
    let other_country = if country == "SN" { "MR" } else { "SN" };
    let programme = programme_id(&staff, mission["programme"].as_str().unwrap());
    let costs = format!("/api/v1/missions/{id}/costs");
    let before = progress(&staff, &programme)["spending"].clone();

    // The plan: type, targets and a budget with a rate for another country only.
    let current = ok(staff.get(&format!("/api/v1/programmes/{programme}")));
    let plan = json!({
        "kind": "training_of_trainers", "target_experts": 15, "target_expert_days": 300,
        "target_people_trained": null, "currency": "EUR", "budget": "250000",
        "per_diem": [{"country": other_country, "daily_rate": "70"}],
    });
    let saved = ok(staff.put_json(&format!("/api/v1/programmes/{programme}"), &replaced(&current, plan)));
    assert_eq!(saved["budget"]["total"], "250000.00", "{saved}");
    let read = ok(staff.get(&format!("/api/v1/programmes/{programme}")));
    assert_eq!(read["kind"], "training_of_trainers");
    assert_eq!(read["targets"], json!({"experts": 15, "expert_days": 300, "people_trained": null}));
    assert_eq!(
        read["budget"],
        json!({"currency": "EUR", "total": "250000.00", "per_diem": [{"country": other_country, "daily_rate": "70.00"}]})
    );

    // The host reads the plan, never the money.
    let hosts_view = ok(host.get(&format!("/api/v1/programmes/{programme}")));
    assert_eq!(
        (hosts_view["kind"].clone(), hosts_view["targets"].clone()),
        (read["kind"].clone(), read["targets"].clone())
    );
    assert!(hosts_view.get("budget").is_none(), "{hosts_view}");
    let hosts_list = ok(host.get("/api/v1/programmes"));
    assert!(hosts_list["items"].as_array().unwrap().iter().all(|p| p.get("budget").is_none()));

    // Wrong types and values are named at their field, and nothing is saved.
    let put = |plan: Value| staff.put_json(&format!("/api/v1/programmes/{programme}"), &replaced(&current, plan));
    assert_eq!(problems(put(json!({"target_experts": "15"}))), ["target_experts json.invalid"]);
    assert_eq!(problems(put(json!({"target_experts": 10_000_001}))), ["target_experts programme.target_range"]);
    assert_eq!(problems(put(json!({"budget": "lots"}))), ["budget amount.format"]);
    let bad_rate = json!({"per_diem": [{"country": country, "daily_rate": "ninety"}]});
    assert_eq!(problems(put(bad_rate)), ["per_diem[0].daily_rate amount.format"]);
    let many: Vec<Value> = (0..61).map(|_| json!({"country": country, "daily_rate": "1"})).collect();
    assert_eq!(problems(put(json!({ "per_diem": many }))), ["per_diem programme.too_many_rates"]);
    assert_eq!(ok(staff.get(&format!("/api/v1/programmes/{programme}")))["budget"], read["budget"]);

    // Per diem without a rate for the mission's country must be typed.
    let per_diem = json!({"category": "per_diem", "description": "Per diem on site"});
    assert_eq!(problems(staff.post_json(&costs, &per_diem)), ["unit_amount cost.no_rate"]);

    // With the rate, a blank per diem is the rate × the days on site.
    let rates = json!([{"country": other_country, "daily_rate": "70"}, {"country": country, "daily_rate": "95.50"}]);
    let plan = json!({"kind": "training_of_trainers", "target_experts": 15, "target_expert_days": 300,
        "currency": "EUR", "budget": "250000", "per_diem": rates});
    ok(staff.put_json(&format!("/api/v1/programmes/{programme}"), &replaced(&current, plan)));
    let days = days_on_site(&mission).min(400);
    let added = staff.post_json(&costs, &per_diem);
    assert_eq!(added.status, 201, "{}", added.body);
    let line = added.json();
    assert_eq!(added.header("location").map(str::to_owned), Some(format!("{costs}/{}", line["id"])));
    assert_eq!((line["category"].clone(), line["quantity"].clone()), (json!("per_diem"), json!(days)));
    assert_eq!((line["unit_amount"].clone(), line["currency"].clone()), (json!("95.50"), json!("EUR")));
    assert_eq!(line["amount"], json!(decimal(9_550 * days)));
    let per_diem_cents = cents(&line["amount"]);

    // A bad amount, a quantity out of range or of the wrong type: 422 at the field.
    let travel = |unit: Value| json!({"category": "travel", "description": "Return flight", "unit_amount": unit});
    assert_eq!(problems(staff.post_json(&costs, &travel(json!("12,5000")))), ["unit_amount amount.format"]);
    assert_eq!(problems(staff.post_json(&costs, &travel(json!(640)))), ["unit_amount json.invalid"]);
    assert_eq!(problems(staff.post_json(&costs, &travel(json!(null)))), ["unit_amount required"]);
    let zero = json!({"category": "travel", "quantity": 0, "unit_amount": "640"});
    assert_eq!(problems(staff.post_json(&costs, &zero)), ["quantity cost.quantity_range"]);
    let lunch = json!({"category": "lunch", "unit_amount": "5"});
    assert_eq!(problems(staff.post_json(&costs, &lunch)), ["category cost.category_unknown"]);

    // A flight, listed with the per diem, then removed; removing it again, or through another
    // mission, finds nothing.
    let flight = ok(staff.post_json(&costs, &travel(json!("640"))));
    assert_eq!((flight["quantity"].clone(), flight["amount"].clone()), (json!(1), json!("640.00")));
    let list = ok(staff.get(&costs));
    let items = list["items"].as_array().unwrap();
    let listed: Vec<&Value> = items.iter().filter(|l| l["id"] == line["id"] || l["id"] == flight["id"]).collect();
    assert_eq!(listed, [&line, &flight]);
    assert_eq!(cents(&list["total"]), items.iter().map(|l| cents(&l["amount"])).sum::<i64>());
    let flight_at = format!("{costs}/{}", flight["id"]);
    assert_eq!(staff.delete(&format!("/api/v1/missions/{elsewhere}/costs/{}", flight["id"])).status, 404);
    assert_eq!(staff.delete(&flight_at).status, 204);
    assert_eq!(staff.delete(&flight_at).status, 404);
    assert!(!ok(staff.get(&costs))["items"].as_array().unwrap().iter().any(|l| l["id"] == flight["id"]));

    // The spending is what it was with the per diem added, against the budget.
    let after = progress(&staff, &programme);
    let spending = &after["spending"];
    let total = cents(&before["total"]) + per_diem_cents;
    assert_eq!(spending["total"], json!(decimal(total)), "{after}");
    assert_eq!((spending["currency"].clone(), spending["budget"].clone()), (json!("EUR"), json!("250000.00")));
    assert_eq!(spending["remaining"], json!(decimal(25_000_000 - total)));
    let category = |s: &Value, name: &str| {
        s["by_category"].as_array().unwrap().iter().find(|c| c["category"] == name).map_or(0, |c| cents(&c["amount"]))
    };
    assert_eq!(category(spending, "per_diem"), category(&before, "per_diem") + per_diem_cents);
    assert_eq!(category(spending, "travel"), category(&before, "travel"), "the flight was removed");
    let sum: i64 = spending["by_category"].as_array().unwrap().iter().map(|c| cents(&c["amount"])).sum();
    assert_eq!(sum, total);
    assert_eq!(after["targets"], json!({"experts": 15, "expert_days": 300, "people_trained": null}));
    let experts = after["experts"].as_i64().unwrap();
    assert_eq!(after["percent"]["experts"], json!((experts * 100 / 15).min(999)));
    assert_eq!(after["percent"]["people_trained"], Value::Null, "no target");

    // The host reads the progress without the spending, and is kept out of the costs: 403 on
    // its own mission, 404 on another institution's.
    let hosts_progress = progress(&host, &programme);
    assert_eq!(hosts_progress["experts"], after["experts"]);
    assert!(hosts_progress.get("spending").is_none(), "{hosts_progress}");
    let line_at = format!("{costs}/{}", line["id"]);
    assert_eq!(host.get(&costs).status, 403);
    assert_eq!(host.post_json(&costs, &travel(json!("1"))).status, 403);
    assert_eq!(host.delete(&line_at).status, 403);
    assert_eq!(host.get(&format!("/api/v1/missions/{elsewhere}/costs")).status, 404);
    assert!(ok(staff.get(&costs))["items"].as_array().unwrap().iter().any(|l| l["id"] == line["id"]), "still there");
}
