//! The SQL that differs between SQLite and PostgreSQL, in one place (ARCHITECTURE decision 3):
//! capability crates write their SQL once and ask the dialect for these fragments only.

use crate::Engine;

/// The fragments of one engine. Cheap to copy; get it from [`crate::Db::dialect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect(pub(crate) Engine);

impl Dialect {
    /// The dialect of `engine`, for statements prepared before a database is open.
    pub fn of(engine: Engine) -> Dialect {
        Dialect(engine)
    }

    pub fn engine(self) -> Engine {
        self.0
    }

    /// The larger of two values (`max(a, b)` on SQLite, `GREATEST(a, b)` on PostgreSQL; SQLite's
    /// `max` with two arguments is not an aggregate, PostgreSQL's is).
    pub fn greatest(self, a: &str, b: &str) -> String {
        match self.0 {
            Engine::Sqlite => format!("max({a}, {b})"),
            Engine::Postgres => format!("GREATEST({a}, {b})"),
        }
    }

    /// The suffix of a `SELECT` that reads rows in order to write them in the same transaction:
    /// ` FOR UPDATE` on PostgreSQL, where concurrent transactions could otherwise both read the
    /// old state and both write (a double booking, an over-filled position); nothing on SQLite,
    /// whose one writer already runs transactions one at a time.
    pub fn for_update(self) -> &'static str {
        match self.0 {
            Engine::Sqlite => "",
            Engine::Postgres => " FOR UPDATE",
        }
    }

    /// A `SELECT` answering one value, never NULL: a JSON array (as text) with, for each row of
    /// `from` that `filter` keeps, the triple `[key, rank, [columns…]]`. A table's share of a
    /// whole batch in one value costs one hand-over from the database driver, where a row each
    /// costs one per row; the key says whose each row is and the rank (an integer) where it goes
    /// among theirs. The rows come in no particular order: sorting them in the database (an
    /// aggregate's `ORDER BY`) took SQLite longer than building the JSON, and the reader sorts
    /// each expert's few rows by rank for nothing.
    pub fn json_keyed_rows(self, key: &str, rank: &str, columns: &[&str], from: &str, filter: &str) -> String {
        let columns = columns.join(", ");
        match self.0 {
            Engine::Sqlite => format!(
                "SELECT json_group_array(json_array({key}, {rank}, json_array({columns}))) FROM {from} WHERE {filter}"
            ),
            Engine::Postgres => format!(
                "SELECT coalesce(json_agg(json_build_array({key}, {rank}, json_build_array({columns}))), '[]'::json)::text \
                 FROM {from} WHERE {filter}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing;

    #[tokio::test]
    async fn fragments_mean_the_same_on_the_engine_under_test() {
        let (_dir, db) = testing::fresh().await;
        let d = db.dialect();
        let greatest: i64 =
            sqlx::query_scalar(&format!("SELECT {}", d.greatest("2", "5"))).fetch_one(db.reader()).await.unwrap();
        assert_eq!(greatest, 5);

        let rows = d.json_keyed_rows("entity_id", "seq", &["entity_kind"], "change_log", "seq < 0");
        let text: String = sqlx::query_scalar(&rows).fetch_one(db.reader()).await.unwrap();
        assert_eq!(text.replace(' ', ""), "[]", "no rows: an empty array, not NULL");

        let rows = d.json_keyed_rows(
            "k",
            "n",
            &["n", "t"],
            "(SELECT 'b' AS k, 2 AS n, 'x' AS t UNION ALL SELECT 'a', 1, NULL UNION ALL SELECT 'c', 0, 'y') AS r",
            "n > 0",
        );
        let text: String = sqlx::query_scalar(&format!("SELECT ({rows}) AS v")).fetch_one(db.reader()).await.unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut rows = value.as_array().unwrap().clone();
        rows.sort_by_key(|row| row[1].as_i64());
        assert_eq!(
            rows,
            [serde_json::json!(["a", 1, [1, null]]), serde_json::json!(["b", 2, [2, "x"]])],
            "as a scalar subquery too"
        );
    }
}
