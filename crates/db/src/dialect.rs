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

    /// A JSON object with these keys and SQL expressions as values.
    pub fn json_object(self, pairs: &[(&str, &str)]) -> String {
        let body = pairs.iter().map(|(key, value)| format!("'{key}', {value}")).collect::<Vec<_>>().join(", ");
        match self.0 {
            Engine::Sqlite => format!("json_object({body})"),
            // PostgreSQL functions take at most 100 arguments: nest objects beyond 50 pairs.
            Engine::Postgres => format!("json_build_object({body})"),
        }
    }

    /// A JSON array, never NULL, with one JSON array of `columns` per row of `from` that
    /// `filter` keeps, in `order`.
    pub fn json_rows(self, columns: &[&str], from: &str, filter: &str, order: &str) -> String {
        let columns = columns.join(", ");
        match self.0 {
            // `json()` around the subquery: a subquery's result loses its JSON type.
            Engine::Sqlite => format!(
                "json((SELECT json_group_array(json_array({columns}) ORDER BY {order}) FROM {from} WHERE {filter}))"
            ),
            Engine::Postgres => format!(
                "(SELECT coalesce(json_agg(json_build_array({columns}) ORDER BY {order}), '[]'::json) \
                 FROM {from} WHERE {filter})"
            ),
        }
    }

    /// A JSON array, never NULL, with the value of `column` for each row of `from` that
    /// `filter` keeps.
    pub fn json_values(self, column: &str, from: &str, filter: &str) -> String {
        match self.0 {
            Engine::Sqlite => format!("json((SELECT json_group_array({column}) FROM {from} WHERE {filter}))"),
            Engine::Postgres => {
                format!("(SELECT coalesce(json_agg({column}), '[]'::json) FROM {from} WHERE {filter})")
            }
        }
    }

    /// One row, one column: the JSON array (as text) of the documents that `select` returns
    /// in its column `doc`. A batch in one row costs one hand-over from the database driver
    /// where a row per document costs one each.
    pub fn json_array_of(self, select: &str) -> String {
        match self.0 {
            Engine::Sqlite => {
                format!("SELECT '[' || coalesce(group_concat(doc, ','), '') || ']' FROM ({select}) AS docs")
            }
            Engine::Postgres => format!("SELECT coalesce(json_agg(doc)::text, '[]') FROM ({select}) AS docs"),
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

        let select = format!(
            "SELECT {} AS doc FROM (SELECT 'a' AS k UNION ALL SELECT 'b') AS t",
            d.json_object(&[("key", "k"), ("n", "1")])
        );
        let text: String = sqlx::query_scalar(&d.json_array_of(&select)).fetch_one(db.reader()).await.unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut keys: Vec<_> =
            value.as_array().unwrap().iter().map(|o| o["key"].as_str().unwrap().to_owned()).collect();
        keys.sort();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(value[0]["n"], 1);

        let empty = format!("SELECT {} AS doc FROM change_log WHERE seq < 0", d.json_object(&[("k", "seq")]));
        let text: String = sqlx::query_scalar(&d.json_array_of(&empty)).fetch_one(db.reader()).await.unwrap();
        assert_eq!(text, "[]");

        let rows = d.json_rows(&["seq", "entity_id"], "change_log", "seq < 0", "seq");
        let text: String =
            sqlx::query_scalar(&format!("SELECT CAST({rows} AS TEXT)")).fetch_one(db.reader()).await.unwrap();
        assert_eq!(text.replace(' ', ""), "[]");
    }
}
