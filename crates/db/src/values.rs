//! Multi-row `INSERT … VALUES (…), (…)` statements with numbered placeholders.
//!
//! One statement for a whole list costs one round trip instead of one per row. sqlx's own
//! `QueryBuilder` writes `?` placeholders for the `Any` driver, which PostgreSQL does not read;
//! this writes `$1, $2, …` for PostgreSQL and `?` for SQLite, which looks each numbered
//! parameter up among the statement's others (in a list, when it prepares the statement and
//! again when sqlx binds it), so that a statement of numbered parameters costs the square of
//! their number, and one of `?` does not.

use crate::Conn;
use sqlx::any::{Any, AnyArguments};
use sqlx::{Arguments, Encode, Type};

/// Parameters bound per statement at most, under the engines' bounds (SQLite 32,766,
/// PostgreSQL 65,535). With numbered parameters on SQLite (see above), an import batch in
/// statements of 30,000 ran at 230 lines/s, all of it in that lookup; with `?` the bound only
/// keeps statements of a size the engines prepare quickly.
const PARAMETERS_MAX: usize = 1024;

/// The statement being built, in both engines' spellings.
pub struct Values<'q> {
    /// With `$1, $2, …`.
    sql: String,
    /// With `?`.
    anonymous: String,
    args: AnyArguments<'q>,
    placeholders: usize,
}

/// One row's values, in the order of the statement's columns.
pub struct Row<'v, 'q> {
    values: &'v mut Values<'q>,
    first: bool,
}

impl<'q> Row<'_, 'q> {
    /// Adds the next value of the row.
    pub fn push_bind<T: Encode<'q, Any> + Type<Any> + 'q>(mut self, value: T) -> Self {
        if !self.first {
            self.values.push_str(", ");
        }
        self.first = false;
        self.values.placeholders += 1;
        self.values.sql.push('$');
        self.values.sql.push_str(&self.values.placeholders.to_string());
        self.values.anonymous.push('?');
        // Encoding our own values into an in-memory buffer cannot fail; if it ever did, the
        // statement would miss an argument and the database would refuse it, loudly.
        let _ = self.values.args.add(value);
        self
    }
}

impl<'q> Values<'q> {
    /// `head` is the statement up to `VALUES` (`"INSERT INTO t (a, b) "`); `bind` adds the values
    /// of one item. `None` when there are no items: nothing to insert.
    pub fn of<I: IntoIterator>(head: &str, items: I, mut bind: impl FnMut(Row<'_, 'q>, I::Item)) -> Option<Values<'q>> {
        let mut items = items.into_iter().peekable();
        items.peek()?;
        let mut values =
            Values { sql: String::new(), anonymous: String::new(), args: AnyArguments::default(), placeholders: 0 };
        values.push_str(head);
        values.push_str("VALUES ");
        for (n, item) in items.enumerate() {
            values.push_str(if n == 0 { "(" } else { ", (" });
            bind(Row { values: &mut values, first: true }, item);
            values.push_str(")");
        }
        Some(values)
    }

    /// [`Values::of`] for any number of items: as many statements as it takes to keep each one
    /// under the engines' bound on parameters, `columns` being the values bound per item.
    pub fn chunked<T>(
        head: &str,
        items: &'q [T],
        columns: usize,
        mut bind: impl FnMut(Row<'_, 'q>, &'q T),
    ) -> Vec<Values<'q>> {
        let rows = (PARAMETERS_MAX / columns.max(1)).max(1);
        items.chunks(rows).filter_map(|chunk| Values::of(head, chunk, &mut bind)).collect()
    }

    /// Inserts every item, in as many statements as [`Values::chunked`] cuts; returns the rows
    /// written.
    pub async fn insert_all<T>(
        conn: &mut Conn,
        head: &str,
        items: &'q [T],
        columns: usize,
        bind: impl FnMut(Row<'_, 'q>, &'q T),
    ) -> Result<u64, sqlx::Error> {
        let mut written = 0;
        for statement in Values::chunked(head, items, columns, bind) {
            written += statement.execute(conn).await?;
        }
        Ok(written)
    }

    /// The statement with numbered placeholders.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// Adds text after the rows (`RETURNING …`).
    pub fn push_sql(&mut self, sql: &str) {
        self.push_str(sql);
    }

    fn push_str(&mut self, sql: &str) {
        self.sql.push_str(sql);
        self.anonymous.push_str(sql);
    }

    /// The statement as `conn`'s engine reads it best, and its arguments.
    fn for_engine(self, conn: &Conn) -> (String, AnyArguments<'q>) {
        let sql = if conn.backend_name() == <sqlx::Sqlite as sqlx::Database>::NAME { self.anonymous } else { self.sql };
        (sql, self.args)
    }

    /// Runs the statement and reads what it returns.
    pub async fn fetch_all<O>(self, conn: &mut Conn) -> Result<Vec<O>, sqlx::Error>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let (sql, args) = self.for_engine(conn);
        sqlx::query_as_with(&sql, args).fetch_all(conn).await
    }

    pub async fn execute(self, conn: &mut Conn) -> Result<u64, sqlx::Error> {
        let (sql, args) = self.for_engine(conn);
        let result = sqlx::query_with(&sql, args).execute(conn).await?;
        Ok(result.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn placeholders_are_numbered_across_rows() {
        let values = Values::of("INSERT INTO t (a, b) ", [(1_i64, "x"), (2, "y")], |row, (a, b)| {
            row.push_bind(a).push_bind(b);
        })
        .unwrap();
        assert_eq!(values.sql(), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        assert!(
            Values::of("INSERT INTO t (a) ", Vec::<i64>::new(), |row, a| {
                row.push_bind(a);
            })
            .is_none()
        );
    }

    #[test]
    fn many_rows_are_cut_under_the_bound_on_parameters() {
        let items: Vec<(i64, i64, i64)> = (0..800).map(|n| (n, n, n)).collect();
        let statements = Values::chunked("INSERT INTO t (a, b, c) ", &items, 3, |row, (a, b, c)| {
            row.push_bind(*a).push_bind(*b).push_bind(*c);
        });
        assert_eq!(statements.len(), 3, "341 rows of 3 values per statement, twice, then 118");
        assert!(statements[0].sql().ends_with("($1021, $1022, $1023)"));
        assert!(statements[2].sql().ends_with("($352, $353, $354)"));
        assert_eq!(statements[2].anonymous.matches('?').count(), 354);
        assert!(
            Values::chunked("INSERT INTO t (a) ", &Vec::<i64>::new(), 1, |row, a| _ = row.push_bind(*a)).is_empty()
        );
    }

    #[tokio::test]
    async fn rows_reach_the_engine_under_test() {
        let (_dir, db) = testing::fresh().await;
        let mut tx = db.begin().await.unwrap();
        let values =
            Values::of("INSERT INTO app_meta (key, value) ", [("a", "1"), ("b", "2"), ("c", "3")], |row, (k, v)| {
                row.push_bind(k).push_bind(v);
            })
            .unwrap();
        assert_eq!(values.execute(&mut tx).await.unwrap(), 3);
        tx.commit().await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM app_meta WHERE key IN ('a', 'b', 'c')")
            .fetch_one(db.reader())
            .await
            .unwrap();
        assert_eq!(n, 3);
    }
}
