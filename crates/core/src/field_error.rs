use crate::{Lines, ParseError, check_text};
use serde::Serialize;

/// A field of a form or of an API body that failed validation: which one (by its name in the
/// form or JSON, e.g. `languages[2].spoken`), a stable code, and an English message. The web
/// layer translates the code for people and lists all of them in problem details for the API.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[schema(as = InvalidField)]
pub struct FieldError {
    /// The field's path in the body, e.g. `languages[1].spoken`.
    pub field: String,
    /// A stable code, e.g. `cefr.unknown`.
    pub code: String,
    /// An English sentence.
    pub message: String,
    /// The limit broken, for codes such as `too_long`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), code: code.into(), message: message.into(), max: None }
    }

    /// A field whose text did not parse as one of the core types.
    pub fn from_parse(field: impl Into<String>, error: &ParseError) -> Self {
        Self::new(field, error.code(), error.message())
    }

    pub fn required(field: impl Into<String>) -> Self {
        Self::new(field, "required", "this field is required")
    }

    pub fn too_long(field: impl Into<String>, max: usize) -> Self {
        Self { max: Some(max), ..Self::new(field, "too_long", format!("at most {max} characters")) }
    }

    /// A field holding a character no text field takes (see [`crate::check_text`]).
    pub fn control_character(field: impl Into<String>, refused: char) -> Self {
        let code = u32::from(refused);
        Self::new(field, "text.control", format!("must not hold control characters (U+{code:04X})"))
    }
}

/// Collects the problems of a whole form, so that a person sees all of them at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Parses `text` with `parse`, recording a problem under `field` when it fails.
    pub fn parse<T>(
        &mut self,
        field: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        match parse(text) {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(FieldError::from_parse(field, &error));
                None
            }
        }
    }

    /// A trimmed one-line text field (a name, a title) with a maximum length, required or not:
    /// no control character, no line break, no tab.
    pub fn text(&mut self, field: &str, text: &str, max_chars: usize, required: bool) -> String {
        self.checked_text(field, text, max_chars, required, Lines::One)
    }

    /// A trimmed multi-line text field (a description, a report): line breaks and tabs are
    /// kept, other control characters refused.
    pub fn paragraphs(&mut self, field: &str, text: &str, max_chars: usize, required: bool) -> String {
        self.checked_text(field, text, max_chars, required, Lines::Many)
    }

    fn checked_text(&mut self, field: &str, text: &str, max_chars: usize, required: bool, lines: Lines) -> String {
        let trimmed = text.trim();
        if required && trimmed.is_empty() {
            self.push(FieldError::required(field));
        } else if trimmed.chars().count() > max_chars {
            self.push(FieldError::too_long(field, max_chars));
        } else if let Err(error) = check_text(field, trimmed, lines) {
            self.push(error);
        }
        trimmed.to_owned()
    }

    /// Records a problem when `text` holds a character a field of this kind refuses.
    pub fn check(&mut self, field: &str, text: &str, lines: Lines) {
        if let Err(error) = check_text(field, text, lines) {
            self.push(error);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when there was no problem, else every problem.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(value()) } else { Err(self.0) }
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}
