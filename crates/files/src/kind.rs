//! The type of a file, decided by its content, from the list of types a mission runs on: PDF,
//! PNG, JPEG, WebP, DOCX, XLSX, ODT and plain text. Everything else is refused, markup above
//! all (an HTML page or an SVG image could run script if a browser ever rendered it), and so is
//! a file whose name claims one accepted type while its content is another (an HTML page named
//! `report.pdf`).

use std::io::{Read, Seek};
use std::path::Path;

/// An accepted type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
    Webp,
    Docx,
    Xlsx,
    Odt,
    Txt,
}

impl Kind {
    pub const ALL: [Kind; 8] =
        [Kind::Pdf, Kind::Png, Kind::Jpeg, Kind::Webp, Kind::Docx, Kind::Xlsx, Kind::Odt, Kind::Txt];

    /// The media type it is stored and served as.
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Webp => "image/webp",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Odt => "application/vnd.oasis.opendocument.text",
            Kind::Txt => "text/plain; charset=utf-8",
        }
    }

    pub fn from_media_type(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.media_type() == text)
    }

    /// Its usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::Webp => "webp",
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Odt => "odt",
            Kind::Txt => "txt",
        }
    }

    /// A short label for people: "PDF", "Word document".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
            Kind::Webp => "WebP",
            Kind::Docx => "DOCX",
            Kind::Xlsx => "XLSX",
            Kind::Odt => "ODT",
            Kind::Txt => "TXT",
        }
    }

    /// The accepted type an extension names, if any (`jpeg` and `jpg` alike).
    pub fn of_extension(extension: &str) -> Option<Kind> {
        match extension.to_ascii_lowercase().as_str() {
            "jpeg" | "jpg" => Some(Kind::Jpeg),
            other => Kind::ALL.into_iter().find(|k| k.extension() == other),
        }
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypeRefusal {
    #[error("the file is empty")]
    Empty,
    #[error("HTML, SVG and XML files are not accepted")]
    Markup,
    #[error("the file is named .{extension} but its content is {found}")]
    Mismatch { extension: String, found: String },
    #[error("{found} files are not accepted: send a PDF, PNG, JPEG, WebP, DOCX, XLSX, ODT or TXT file")]
    NotAllowed { found: String },
}

impl TypeRefusal {
    /// A stable code for the field error.
    pub fn code(&self) -> &'static str {
        match self {
            TypeRefusal::Empty => "file.empty",
            TypeRefusal::Markup => "file.markup",
            TypeRefusal::Mismatch { .. } => "file.type_mismatch",
            TypeRefusal::NotAllowed { .. } => "file.type_not_allowed",
        }
    }
}

/// The most of a ZIP's `[Content_Types].xml` or `mimetype` read (a bomb stays a small read).
const MAX_MANIFEST: u64 = 256 * 1024;

/// Decides the type of the file at `path`, named `name` by its sender.
pub fn detect(path: &Path, name: &str) -> Result<Kind, TypeRefusal> {
    let kind = by_content(path)?;
    let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match Kind::of_extension(extension) {
        Some(named) if named != kind => {
            Err(TypeRefusal::Mismatch { extension: extension.to_ascii_lowercase(), found: kind.label().to_owned() })
        }
        _ => Ok(kind),
    }
}

fn unreadable() -> TypeRefusal {
    TypeRefusal::NotAllowed { found: "Unreadable".into() }
}

fn by_content(path: &Path) -> Result<Kind, TypeRefusal> {
    let mut file = std::fs::File::open(path).map_err(|_| unreadable())?;
    let mut head = vec![0; 8192];
    let n = read_up_to(&mut file, &mut head).map_err(|_| unreadable())?;
    head.truncate(n);
    if head.is_empty() {
        return Err(TypeRefusal::Empty);
    }
    if let Some(found) = infer::get(&head) {
        return match found.mime_type() {
            "application/pdf" => Ok(Kind::Pdf),
            "image/png" => Ok(Kind::Png),
            "image/jpeg" => Ok(Kind::Jpeg),
            "image/webp" => Ok(Kind::Webp),
            "text/html" | "text/xml" | "image/svg+xml" | "application/xml" => Err(TypeRefusal::Markup),
            mime if found.extension() == "zip"
                || head.starts_with(b"PK\x03\x04")
                || mime.contains("openxml")
                || mime.contains("opendocument") =>
            {
                file.rewind().map_err(|_| unreadable())?;
                inside_zip(file)
            }
            _ => Err(TypeRefusal::NotAllowed { found: found.extension().to_ascii_uppercase() }),
        };
    }
    file.rewind().map_err(|_| unreadable())?;
    text(file)
}

fn read_up_to(file: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// DOCX and XLSX say what they are in `[Content_Types].xml`, ODT in its `mimetype` entry;
/// any other archive (and a macro-enabled document, whose main part has another type) is not
/// accepted.
fn inside_zip(file: std::fs::File) -> Result<Kind, TypeRefusal> {
    let archive_refused = || TypeRefusal::NotAllowed { found: "ZIP".into() };
    let mut archive = zip::ZipArchive::new(file).map_err(|_| archive_refused())?;
    let mut read_entry = |name: &str| -> Option<String> {
        let entry = archive.by_name(name).ok()?;
        let mut text = String::new();
        entry.take(MAX_MANIFEST).read_to_string(&mut text).ok()?;
        Some(text)
    };
    if let Some(mimetype) = read_entry("mimetype") {
        return match mimetype.trim() {
            "application/vnd.oasis.opendocument.text" => Ok(Kind::Odt),
            _ => Err(TypeRefusal::NotAllowed { found: "OpenDocument (other than text)".into() }),
        };
    }
    let types = read_entry("[Content_Types].xml").ok_or_else(archive_refused)?;
    if types.contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml") {
        Ok(Kind::Docx)
    } else if types.contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml") {
        Ok(Kind::Xlsx)
    } else {
        Err(TypeRefusal::NotAllowed { found: "Office (macro-enabled or other than DOCX and XLSX)".into() })
    }
}

/// Plain text: valid UTF-8 throughout (a byte-order mark allowed), no control character but
/// tabs, line and page breaks (no NUL, no escape sequence), and not markup.
fn text(mut file: std::fs::File) -> Result<Kind, TypeRefusal> {
    let binary = || TypeRefusal::NotAllowed { found: "Binary".into() };
    let mut buffer = vec![0; 64 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    loop {
        let n = file.read(&mut buffer).map_err(|_| unreadable())?;
        if n == 0 {
            return if carry.is_empty() { Ok(Kind::Txt) } else { Err(binary()) };
        }
        let mut chunk = std::mem::take(&mut carry);
        chunk.extend_from_slice(&buffer[..n]);
        if chunk.iter().any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f) {
            return Err(binary());
        }
        let valid = match std::str::from_utf8(&chunk) {
            Ok(text) => text.len(),
            // An incomplete character at the end of the chunk continues in the next one.
            Err(error) if error.error_len().is_none() => error.valid_up_to(),
            Err(_) => return Err(binary()),
        };
        if first {
            first = false;
            let text = std::str::from_utf8(&chunk[..valid]).unwrap_or_default();
            if looks_like_markup(text) {
                return Err(TypeRefusal::Markup);
            }
        }
        carry = chunk[valid..].to_vec();
    }
}

/// What a browser would take for HTML, SVG or XML: the text starts with a tag, or names one
/// of the tags browsers sniff for in its first kilobyte.
fn looks_like_markup(text: &str) -> bool {
    let start: String = text.trim_start_matches('\u{feff}').trim_start().chars().take(1024).collect();
    let lower = start.to_lowercase();
    let starts_with_tag = lower.starts_with('<')
        && lower[1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '!' || c == '?');
    const SNIFFED: [&str; 8] = ["<html", "<svg", "<script", "<!doctype", "<?xml", "<iframe", "<body", "<head"];
    starts_with_tag || SNIFFED.iter().any(|tag| lower.contains(tag))
}

#[cfg(test)]
#[path = "kind_tests.rs"]
mod tests;
