//! Reading a form that sends files (`multipart/form-data`), after the handler's authorization
//! check: its text fields, bounded, and each file streamed to a temporary file while it is
//! hashed and counted — past the size limit the upload stops with 413, and nothing of it is
//! kept.

use crate::{AppError, AppState};
use axum::extract::Request;
use axum::http::header;
use passerelle_core::FieldError;
use passerelle_files::{Intake, IntakeError, Received};

/// The longest text field of such a form, in bytes (a message's words, in any script).
const MAX_TEXT_BYTES: usize = 32 * 1024;
/// The fields of our forms that take files.
const FILE_FIELDS: [&str; 2] = ["file", "files"];
/// The most parts a form may have (fields and files together).
const MAX_PARTS: usize = 16;

/// A file as sent: the field it came in, the name it was sent under, and what was received.
pub struct SentFile {
    pub field: String,
    pub name: String,
    pub received: Received,
}

/// A form with files.
#[derive(Default)]
pub struct Sent {
    fields: Vec<(String, String)>,
    pub files: Vec<SentFile>,
}

impl Sent {
    /// The text of a field ("" when absent).
    pub fn text(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }

    /// Whether a checkbox was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        crate::forms::yes(self.text(name))
    }

    /// The one file of a form that sends one, or a 422 naming `field`.
    pub fn single(mut self, field: &str) -> Result<(Sent, SentFile), AppError> {
        match self.files.iter().position(|f| f.field == field) {
            Some(at) => {
                let file = self.files.remove(at);
                Ok((self, file))
            }
            None => Err(AppError::invalid(field, "file.required", "choose a file to send")),
        }
    }
}

fn too_large(limit: u64) -> AppError {
    let megabytes = limit as f64 / (1024.0 * 1024.0);
    AppError::TooLarge(format!("a file must be at most {megabytes:.0} MB ({limit} bytes)"))
}

/// Whether a multipart error comes from the body being longer than the route allows.
fn over_the_limit(error: &multer::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = source {
        if error.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = error.source();
    }
    matches!(error, multer::Error::StreamSizeExceeded { .. })
}

/// Reads the form of `request`: 415 unless it is `multipart/form-data`, 413 for a file over
/// the limit (or a body over the route's), 422 for a text field too long or too many parts.
pub async fn read(state: &AppState, request: Request) -> Result<Sent, AppError> {
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| AppError::Unsupported("send the form as multipart/form-data".into()))?;
    let limit = state.files.limits.max_file_bytes;
    let mut form = multer::Multipart::new(request.into_body().into_data_stream(), boundary);
    let mut sent = Sent::default();
    let mut parts = 0;
    let broken = |error: multer::Error| {
        if over_the_limit(&error) {
            too_large(limit)
        } else {
            AppError::BadRequest(format!("the form could not be read: {error}"))
        }
    };
    while let Some(mut field) = form.next_field().await.map_err(broken)? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(AppError::invalid("form", "form.too_many_parts", format!("at most {MAX_PARTS} parts")));
        }
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let mut intake = Intake::new(state.files.store.temp_dir(), limit).map_err(anyhow::Error::from)?;
                while let Some(chunk) = field.chunk().await.map_err(broken)? {
                    intake.write(&chunk).await.map_err(|e| match e {
                        IntakeError::TooLarge { limit } => too_large(limit),
                        IntakeError::Io(e) => AppError::Internal(e.into()),
                    })?;
                }
                let received = intake.finish().await.map_err(anyhow::Error::from)?;
                // A file input left empty still sends a part, with no name and nothing in it.
                if !(file_name.is_empty() && received.size == 0) {
                    sent.files.push(SentFile { field: name, name: file_name, received });
                }
            }
            // The fields that take files take nothing else: text sent there is refused rather
            // than ignored.
            None if FILE_FIELDS.contains(&name.as_str()) => {
                return Err(AppError::invalid(name, "file.not_a_file", "must be sent as a file"));
            }
            None => {
                let mut text = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(broken)? {
                    text.extend_from_slice(&chunk);
                    if text.len() > MAX_TEXT_BYTES {
                        return Err(AppError::Invalid(vec![FieldError::too_long(name, MAX_TEXT_BYTES)]));
                    }
                }
                let text = String::from_utf8(text)
                    .map_err(|_| AppError::invalid(name.clone(), "text.encoding", "must be UTF-8 text"))?;
                sent.fields.push((name, text));
            }
        }
    }
    Ok(sent)
}
