//! A fresh, migrated database for tests, on the engine under test: SQLite in a temporary
//! directory, or — when `PASSERELLE_TEST_DATABASE_URL` names a PostgreSQL server — a new
//! database of its own on that server, so that the same tests run on both engines.

use crate::Db;

/// The variable that selects PostgreSQL for the tests (a URL whose database can create
/// databases, e.g. `postgres://postgres@127.0.0.1:54329/postgres`).
pub const TEST_DATABASE_URL: &str = "PASSERELLE_TEST_DATABASE_URL";

/// The PostgreSQL server the tests run on, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var(TEST_DATABASE_URL).ok().filter(|url| !url.trim().is_empty())
}

/// A temporary directory (for files and the index) and a fresh, migrated database.
pub async fn fresh() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = match postgres_url() {
        Some(server) => Db::connect(&new_database(&server).await).await,
        None => Db::open(dir.path()).await,
    }
    .expect("open the test database");
    db.migrate().await.expect("migrate the test database");
    (dir, db)
}

/// Creates an empty database on the PostgreSQL server at `server` and returns its URL.
pub async fn new_database(server: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = format!("test_{}", uuid::Uuid::now_v7().simple());
    let mut admin = sqlx::AnyConnection::connect(server).await.expect("connect to the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create a test database");
    let _ = admin.close().await;
    let mut url = url::Url::parse(server).expect("a PostgreSQL URL");
    url.set_path(&name);
    url.to_string()
}

/// Waits until readers of the change log may apply `position` (at once on SQLite; on
/// PostgreSQL once every transaction older than it has ended, in any database of the server).
pub async fn readable(db: &Db, position: crate::Position) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while crate::change_log::last(db).await.expect("read the change log") < position {
        assert!(std::time::Instant::now() < deadline, "change {position} never became readable");
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
}

/// Every entry of the change log, once every change this process committed is readable.
pub async fn all_changes(db: &Db) -> Vec<crate::Change> {
    let newest = *db.committed_changes().borrow();
    readable(db, newest).await;
    crate::change_log::read_after(db, crate::Position::default(), u32::MAX).await.expect("read the change log")
}
