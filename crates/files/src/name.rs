//! The name a file was sent under: kept only as metadata (objects are named by their content),
//! checked like every text field, and written into `Content-Disposition` in a form no browser
//! misreads (RFC 6266: an ASCII `filename` for old clients, `filename*=UTF-8''…` for the rest).

/// The longest name kept, in characters.
pub const MAX_CHARS: usize = 200;

/// Why a name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameRefusal {
    #[error("the file name must be at most {MAX_CHARS} characters")]
    TooLong,
    #[error("the file name must not hold control characters (U+{0:04X})")]
    Control(u32),
}

/// The name as sent, without any folder a browser or a client put before it (`C:\scans\visa.pdf`
/// is `visa.pdf`), trimmed; `document` when nothing is left. Control characters (the bidirectional
/// overrides that make `cv<U+202E>fdp.exe` show as `cvexe.pdf` among them) and names too long are refused.
pub fn clean(sent: &str) -> Result<String, NameRefusal> {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if let Some(c) = passerelle_refused(last) {
        return Err(NameRefusal::Control(u32::from(c)));
    }
    if last.chars().count() > MAX_CHARS {
        return Err(NameRefusal::TooLong);
    }
    let name = last.trim_start_matches('.').trim();
    Ok(if name.is_empty() { "document".to_owned() } else { name.to_owned() })
}

/// The characters refused in a one-line text field (the same list as `passerelle_core`'s).
fn passerelle_refused(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    })
}

/// `name`, with `extension` added when it does not already end with it (a file of text sent
/// as `notes.html` is served as `notes.html.txt`).
pub fn with_extension(name: &str, extension: &str, also: &[&str]) -> String {
    let lower = name.to_lowercase();
    let has = std::iter::once(extension).chain(also.iter().copied()).any(|e| lower.ends_with(&format!(".{e}")));
    if has { name.to_owned() } else { format!("{name}.{extension}") }
}

/// `attachment; filename="…"; filename*=UTF-8''…` for `name`: never `inline`.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%' | ';') || c == ' ' { c } else { '_' })
        .collect();
    let mut encoded = String::new();
    for byte in name.as_bytes() {
        let c = char::from(*byte);
        if byte.is_ascii_alphanumeric() || "!#$&+-.^_`|~".contains(c) {
            encoded.push(c);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_folders_and_keep_their_words() {
        assert_eq!(clean("C:\\scans\\visa été.pdf").unwrap(), "visa été.pdf");
        assert_eq!(clean("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(clean("  ").unwrap(), "document");
        assert_eq!(clean(".htaccess").unwrap(), "htaccess");
        assert_eq!(clean("cv\u{202e}fdp.exe"), Err(NameRefusal::Control(0x202e)));
        assert_eq!(clean("a\nb.pdf"), Err(NameRefusal::Control(0x0a)));
        assert_eq!(clean(&"x".repeat(201)), Err(NameRefusal::TooLong));
        assert_eq!(with_extension("notes.html", "txt", &[]), "notes.html.txt");
        assert_eq!(with_extension("Photo.JPEG", "jpg", &["jpeg"]), "Photo.JPEG");
    }

    #[test]
    fn the_disposition_is_always_an_attachment_and_cannot_be_broken_out_of() {
        assert_eq!(
            content_disposition("Termes de référence.pdf"),
            "attachment; filename=\"Termes de r_f_rence.pdf\"; filename*=UTF-8''Termes%20de%20r%C3%A9f%C3%A9rence.pdf"
        );
        let hostile = content_disposition("a\"; filename=evil.html; x=\".pdf");
        assert!(
            hostile
                .starts_with("attachment; filename=\"a__ filename=evil.html_ x=_.pdf\"; filename*=UTF-8''a%22%3B%20")
        );
        assert_eq!(hostile.matches('"').count(), 2, "{hostile}");
    }
}
