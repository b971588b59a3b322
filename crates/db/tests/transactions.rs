//! Write transactions under concurrency, on the engine under test (SQLite with its group
//! commit, or PostgreSQL when `PASSERELLE_TEST_DATABASE_URL` is set).

use passerelle_db::change_log::{self, EntityKind, Operation, Position};
use passerelle_db::{Db, testing};
use std::collections::HashSet;

async fn count(db: &Db, entity: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM change_log WHERE entity_id = $1")
        .bind(entity)
        .fetch_one(db.reader())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_are_all_committed_and_each_sees_its_write_acknowledged() {
    let (_dir, db) = testing::fresh().await;
    let mut tasks = Vec::new();
    for i in 0..64 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin().await.unwrap();
            let id = format!("writer-{i}");
            change_log::append(&mut tx, EntityKind::Expert, &id, Operation::Upsert).await.unwrap();
            let position = tx.commit().await.unwrap().unwrap();
            // Acknowledged means durable and visible to every reader.
            assert_eq!(count(&db, &id).await, 1, "{id} acknowledged but not visible");
            position
        }));
    }
    let mut positions = HashSet::new();
    for task in tasks {
        positions.insert(task.await.unwrap());
    }
    assert_eq!(positions.len(), 64, "every change has its own position");
    let highest = positions.iter().copied().max().unwrap();
    testing::readable(&db, highest).await;
    let all = change_log::read_after(&db, Position::default(), 1000).await.unwrap();
    assert_eq!(all.len(), 64);
    assert_eq!(all.iter().map(|c| c.position).collect::<HashSet<_>>(), positions);
    assert_eq!(*db.committed_changes().borrow(), highest, "the newest committed position is published");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rolled_back_or_failing_transaction_takes_nothing_else_with_it() {
    let (_dir, db) = testing::fresh().await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin().await.unwrap();
            let id = format!("t-{i}");
            change_log::append(&mut tx, EntityKind::Expert, &id, Operation::Upsert).await.unwrap();
            match i % 4 {
                // Dropped: rolled back.
                0 => {
                    drop(tx);
                    false
                }
                // A statement fails (a CHECK constraint), then the transaction is dropped.
                1 => {
                    let refused = sqlx::query(
                        "INSERT INTO change_log (entity_kind, entity_id, operation, recorded_at) VALUES ('expert', 'x', 'nonsense', '')",
                    )
                    .execute(&mut *tx)
                    .await;
                    assert!(refused.is_err());
                    false
                }
                // A statement fails, and the transaction still commits what it wrote before.
                2 => {
                    let refused = sqlx::query(
                        "INSERT INTO change_log (entity_kind, entity_id, operation, recorded_at) VALUES ('expert', 'x', 'nonsense', '')",
                    )
                    .execute(&mut *tx)
                    .await;
                    assert!(refused.is_err());
                    if db.engine() == passerelle_db::Engine::Postgres {
                        // PostgreSQL aborts the whole transaction on an error: nothing to commit.
                        drop(tx);
                        return false;
                    }
                    tx.commit().await.unwrap();
                    true
                }
                _ => {
                    tx.commit().await.unwrap();
                    true
                }
            }
        }));
    }
    let mut expected = 0;
    for (i, task) in tasks.into_iter().enumerate() {
        let kept = task.await.unwrap();
        assert_eq!(count(&db, &format!("t-{i}")).await, i64::from(kept), "t-{i}");
        expected += i64::from(kept);
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM change_log").fetch_one(db.reader()).await.unwrap();
    assert_eq!(total, expected);
    // The writer is free again: a new transaction commits alone.
    let mut tx = db.begin().await.unwrap();
    change_log::append(&mut tx, EntityKind::Expert, "after", Operation::Upsert).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(count(&db, "after").await, 1);
}

#[tokio::test]
async fn a_transaction_that_only_reads_commits_and_an_empty_one_releases_the_writer() {
    let (_dir, db) = testing::fresh().await;
    let tx = db.begin().await.unwrap();
    assert_eq!(tx.commit().await.unwrap(), None);
    drop(db.begin().await.unwrap());
    let mut tx = db.begin().await.unwrap();
    let position = change_log::append(&mut tx, EntityKind::Expert, "a", Operation::Upsert).await.unwrap();
    assert_eq!(tx.commit().await.unwrap(), Some(position));
    db.close().await;
}
