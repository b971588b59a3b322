//! Lists of values in SQL: `IN ($1, $2, …)`, cut into pieces both engines accept.
//!
//! SQLite refuses a statement with more than 32,766 parameters (999 before 3.32) and
//! PostgreSQL more than 65,535; a list built from data (the rows of an export, the ids of a
//! batch) has no such bound. Every statement that binds one parameter per item goes through
//! [`in_lists`], which never makes a list longer than [`IN_LIST_MAX`].

/// Items bound per statement: far below every engine's limit, and long enough that a
/// statement's own cost is spread over many rows.
pub const IN_LIST_MAX: usize = 500;

/// `items` in pieces of at most [`IN_LIST_MAX`], each with its placeholders (`$3, $4, …`
/// when `first` is 3, for a statement whose first two parameters are something else).
pub fn in_lists<T>(items: &[T], first: usize) -> impl Iterator<Item = (&[T], String)> {
    items.chunks(IN_LIST_MAX).map(move |chunk| (chunk, placeholders(first, chunk.len())))
}

/// `$first, $first+1, …` for `count` parameters.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_cut_into_pieces_with_their_own_placeholders() {
        let items: Vec<u32> = (0..1201).collect();
        let pieces: Vec<_> = in_lists(&items, 2).collect();
        assert_eq!(pieces.iter().map(|(c, _)| c.len()).collect::<Vec<_>>(), [500, 500, 201]);
        assert!(pieces[0].1.starts_with("$2, $3, "));
        assert!(pieces[0].1.ends_with(", $501"));
        assert_eq!(pieces[2].0[0], 1000);
        assert_eq!(placeholders(1, 3), "$1, $2, $3");
        assert_eq!(in_lists::<u32>(&[], 1).count(), 0, "no statement for no items");
    }
}
