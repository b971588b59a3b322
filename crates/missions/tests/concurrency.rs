//! The pipeline's invariants under concurrent writers from two instances (two independent
//! handles on one database): a request's positions are never over-filled and an expert is
//! never booked twice for the same days. On SQLite the file's one writer serialises the two
//! processes; on PostgreSQL (`PASSERELLE_TEST_DATABASE_URL`) the transactions really run at
//! once, and only the row locks of the decisions keep the invariants.

#[allow(dead_code)]
mod support;

use passerelle_core::{CandidateId, RequestId};
use passerelle_db::Db;
use passerelle_missions::candidates::{self, Input, Source, Status};
use passerelle_missions::requests::By;
use support::World;

async fn ready(w: &World, request: RequestId, expert: &support::Expert) -> CandidateId {
    let coordinator = By::Person(&w.coordinator);
    let reply_by = passerelle_core::Timestamp::now().date() + time::Duration::days(3);
    let id = candidates::shortlist(&w.db, &w.coordinator, request, expert.id, Source::Match, "").await.unwrap();
    let none = Input::default();
    let invitation = Input { comment: String::new(), reply_by: Some(reply_by) };
    candidates::transition(&w.db, coordinator, id, Status::Invited, &invitation, "").await.unwrap();
    candidates::transition(&w.db, By::Person(&expert.actor), id, Status::Accepted, &Input::default(), "")
        .await
        .unwrap();
    candidates::transition(&w.db, coordinator, id, Status::Proposed, &none, "").await.unwrap();
    candidates::transition(&w.db, By::Person(&w.member), id, Status::HostApproved, &Input::default(), "")
        .await
        .unwrap();
    id
}

/// Selects every candidate at once, alternating between the two instances; returns how many
/// selections went through.
async fn select_all(instances: [&Db; 2], coordinator: &passerelle_accounts::Actor, ids: &[CandidateId]) -> usize {
    let mut tasks = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let db = instances[n % 2].clone();
        let coordinator = coordinator.clone();
        let id = *id;
        tasks.push(tokio::spawn(async move {
            candidates::transition(&db, By::Person(&coordinator), id, Status::Selected, &Input::default(), "").await
        }));
    }
    let mut selected = 0;
    for task in tasks {
        if task.await.unwrap().is_ok() {
            selected += 1;
        }
    }
    selected
}

#[test]
fn concurrent_selections_from_two_instances_never_over_fill_nor_double_book() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap();
    runtime.block_on(async {
        let w = World::build().await;
        let other_instance = w.db.reopen().await.unwrap();

        // Eight experts ready for a request with two positions.
        let crowded = w.request(2, 10, 10, "on_site").await;
        let mut ids = Vec::new();
        for _ in 0..8 {
            let expert = w.expert().await;
            ids.push(ready(&w, crowded, &expert).await);
        }
        // One expert ready for six requests whose days overlap.
        let busy = w.expert().await;
        let mut busy_ids = Vec::new();
        for n in 0..6 {
            let request = w.request(1, 40 + n, 10, "on_site").await;
            busy_ids.push(ready(&w, request, &busy).await);
        }

        for _ in 0..3 {
            let selected = select_all([&w.db, &other_instance], &w.coordinator, &ids).await;
            assert!(selected <= 2, "{selected} selections for two positions");
        }
        let held: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM candidates c JOIN missions m ON m.candidate_id = c.id \
             WHERE c.request_id = $1 AND c.status = 'selected' AND m.status <> 'cancelled'",
        )
        .bind(crowded)
        .fetch_one(w.db.reader())
        .await
        .unwrap();
        assert_eq!(held, 2, "both positions filled, no more");

        let booked = select_all([&w.db, &other_instance], &w.coordinator, &busy_ids).await;
        assert_eq!(booked, 1, "the expert is booked once for overlapping days");
        let missions: i64 =
            sqlx::query_scalar("SELECT count(*) FROM missions WHERE expert_id = $1 AND status <> 'cancelled'")
                .bind(busy.id)
                .fetch_one(w.db.reader())
                .await
                .unwrap();
        assert_eq!(missions, 1);
        other_instance.close().await;
    });
}
