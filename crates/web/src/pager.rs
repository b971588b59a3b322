//! Paging through long lists.

use crate::page::PageContext;

/// Links to the previous and next pages of a list.
pub struct Pager {
    pub previous: Option<String>,
    pub next: Option<String>,
    pub position: String,
}

impl Pager {
    /// `base` is the list's URL with its filters (it has a `?`).
    pub fn new(page: &PageContext, base: &str, number: u32, total: u64, size: u32) -> Self {
        let pages = total.div_ceil(u64::from(size)).max(1);
        let link = |n: u32| format!("{base}&page={n}");
        Pager {
            previous: (number > 1).then(|| link(number - 1)),
            next: (u64::from(number) < pages).then(|| link(number + 1)),
            position: crate::i18n::text_with(
                page.locale,
                "pager-position",
                &[("page", number.to_string()), ("pages", pages.to_string())],
            ),
        }
    }
}
