//! Small helpers shared by the HTML forms.

/// Percent-encodes a query-string value.
pub fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Where to go after signing in: only a path of ours, never another site (`//evil.example`,
/// `/\evil.example`, `https://…`), never back to the sign-in page itself.
pub fn safe_next(next: Option<&str>) -> String {
    let next = next.unwrap_or_default().trim();
    let ours = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(['\r', '\n'])
        && !next.starts_with("/login");
    if ours { next.to_owned() } else { "/".to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_goes_to_our_own_paths() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(safe_next(Some("/requests?status=open")), "/requests?status=open");
        for hostile in ["//evil.example", "https://evil.example", "/\\evil.example", "evil", "", "/login?next=/x"] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
