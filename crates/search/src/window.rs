//! How far a search reaches. A search collects the best `offset + limit` results in memory
//! before it returns a page of them, so the index refuses a page past what it serves instead
//! of trusting its callers: one deep page could otherwise ask for terabytes.

/// A page of the roster must end within the first 10,000 results (500 pages of 20); deeper
/// pages are not served.
pub const MAX_WINDOW: usize = 10_000;
/// The most hits in one page of the roster.
pub const MAX_PAGE: usize = 200;
/// The most candidates the matcher ranks for a request in one call.
pub const MAX_MATCHES: usize = 500;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The page asked for is empty or beyond what the search serves.
    #[error(
        "results {offset}..+{limit} are outside what this search serves (pages of 1 to {max_limit}, within the first {max_window})"
    )]
    OutOfRange { offset: usize, limit: usize, max_limit: usize, max_window: usize },
    #[error(transparent)]
    Index(#[from] anyhow::Error),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(error: tantivy::TantivyError) -> Self {
        SearchError::Index(error.into())
    }
}

/// `Ok` when results `offset..offset + limit` lie within the first `max_window` and the page
/// holds 1 to `max_limit` of them.
pub fn check(offset: usize, limit: usize, max_limit: usize, max_window: usize) -> Result<(), SearchError> {
    let within = offset.checked_add(limit).is_some_and(|end| end <= max_window);
    if (1..=max_limit).contains(&limit) && within {
        Ok(())
    } else {
        Err(SearchError::OutOfRange { offset, limit, max_limit, max_window })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_past_the_window_are_refused() {
        assert!(check(0, 20, MAX_PAGE, MAX_WINDOW).is_ok());
        assert!(check(9_980, 20, MAX_PAGE, MAX_WINDOW).is_ok());
        assert!(check(9_981, 20, MAX_PAGE, MAX_WINDOW).is_err());
        assert!(check(0, 0, MAX_PAGE, MAX_WINDOW).is_err());
        assert!(check(0, 201, MAX_PAGE, MAX_WINDOW).is_err());
        assert!(check(usize::MAX, 20, MAX_PAGE, MAX_WINDOW).is_err());
        assert!(check(2_000_000_000_000, 20, MAX_PAGE, MAX_WINDOW).is_err());
    }
}
