use std::fmt;

/// Why a piece of text is not a valid value of one of our types.
///
/// `code` is a stable key (`"country.unknown"`) that the web layer turns into a translated
/// sentence; `Display` gives the English sentence for logs, the CLI and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    code: &'static str,
    message: String,
}

impl ParseError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }

    /// Stable identifier of the problem, e.g. `"cefr.unknown"`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}
