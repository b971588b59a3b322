//! Working a match list in bulk (issue 13 item 7), against the real server with its
//! demonstration data: a coordinator ticks experts on an approved request's match list and
//! invites them at once with one reply-by date (without one, nothing happens and the field is
//! named); the experts are then in the request's pipeline, invited, as one at a time would
//! leave them; ticking them again to shortlist changes nothing and says so.

use crate::accounts::csrf;
use crate::harness::{Server, api_as, ok, signed_in};
use std::collections::BTreeSet;

/// The experts a page offers to tick for the bulk form.
fn tickable(body: &str) -> Vec<String> {
    body.split(r#"<input type="checkbox" form="bulk" name="expert_id" value=""#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_coordinator_invites_several_matched_experts_at_once() {
    let server = Server::start_with(&["--demo"], &[]);
    let coordinator = signed_in(&server, "coordinator");
    let api = api_as(&server, "coordinator@passerelle.example");
    let approved = ok(api.get("/api/v1/requests?status=approved&limit=50"));
    // A request whose match list still offers experts to tick.
    let (request, page) = approved["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .map(|id| {
            let page = coordinator.get(&format!("/requests/{id}/matches"));
            (id, page)
        })
        .find(|(_, page)| tickable(&page.body).len() >= 2)
        .expect("an approved request with two experts to tick");
    let ticked: Vec<String> = tickable(&page.body).into_iter().take(2).collect();
    let token = csrf(&page);
    let path = format!("/requests/{request}/candidates/bulk");
    let mut fields = vec![("csrf", token.as_str()), ("action", "invite")];
    fields.extend(ticked.iter().map(|id| ("expert_id", id.as_str())));

    let without_date = coordinator.post_form(&path, &fields);
    assert_eq!(without_date.status, 422, "{}", without_date.body);
    assert!(without_date.body.contains("reply_by"), "the field is named: {}", without_date.body);
    let pipeline = |api: &crate::harness::Client| -> Vec<(String, String)> {
        let list = ok(api.get(&format!("/api/v1/requests/{request}/candidates")));
        let items = list["items"].as_array().unwrap().clone();
        items
            .iter()
            .map(|c| {
                (
                    c["expert"]["expert_id"].as_str().unwrap_or_default().to_owned(),
                    c["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let before: BTreeSet<String> = pipeline(&api).into_iter().map(|(id, _)| id).collect();
    assert!(ticked.iter().all(|id| !before.contains(id)), "tickable experts are not in the pipeline yet");

    let reply_by = (passerelle_core::Timestamp::now().date() + time::Duration::days(10)).to_string();
    fields.push(("reply_by", reply_by.as_str()));
    let invited = coordinator.post_form(&path, &fields);
    assert_eq!(invited.status, 303, "{}", invited.body);
    assert_eq!(invited.header("location"), Some(format!("/requests/{request}?done=bulk-invited#pipeline").as_str()));
    let after = pipeline(&api);
    for id in &ticked {
        let status = after.iter().find(|(expert, _)| expert == id).map(|(_, s)| s.as_str());
        assert_eq!(status, Some("invited"), "{id} in {after:?}");
    }
    let shown = coordinator.get(&format!("/requests/{request}?done=bulk-invited"));
    assert!(shown.body.contains(r#"class="notice""#), "the page says what was done");
    let again = tickable(&coordinator.get(&format!("/requests/{request}/matches")).body);
    assert!(ticked.iter().all(|id| !again.contains(id)), "invited experts are no longer offered");

    // Shortlisting experts already in the pipeline changes nothing, and says so.
    let mut fields = vec![("csrf", token.as_str()), ("action", "shortlist")];
    fields.extend(ticked.iter().map(|id| ("expert_id", id.as_str())));
    let unchanged = coordinator.post_form(&path, &fields);
    assert_eq!(unchanged.header("location"), Some(format!("/requests/{request}?done=bulk-partial#pipeline").as_str()));
    assert_eq!(pipeline(&api), after, "nothing moved");
}
