//! CSV as the exports write it: RFC 4180 for programs (comma, double quotes, CRLF, UTF-8), or
//! for spreadsheets (a UTF-8 byte-order mark so that Excel reads the accents, `;` between
//! cells as spreadsheets in French- and Dutch-speaking countries expect, headers and values in
//! the reader's language).
//!
//! Either way a cell that a spreadsheet would take for a formula is written with a `'` before
//! it: one starting with `=`, `+`, `-`, `@`, a tab, a carriage return, NUL or `;` (which opens a
//! new cell in a spreadsheet that splits on `;`, so `;=…` is a formula there), and one starting
//! with `,` in the `;` file (the other way round).
//!
//! The body is written a page at a time while the pages are read, so that an export of any
//! size holds one page in memory and never binds more parameters than a page.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, TryStreamExt, stream};
use passerelle_core::{Locale, Timestamp};
use std::borrow::Cow;
use std::future::Future;

/// For whom the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Programs: codes, RFC 3339 times, `,` between cells.
    Plain,
    /// People with a spreadsheet: words of this language, `;` between cells, a byte-order mark.
    Spreadsheet(Locale),
}

impl Format {
    fn separator(self) -> u8 {
        match self {
            Format::Plain => b',',
            Format::Spreadsheet(_) => b';',
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Format::Plain => "",
            Format::Spreadsheet(_) => "-spreadsheet",
        }
    }
}

/// A cell as written: formulas neutralised.
pub fn cell(text: &str, format: Format) -> Cow<'_, str> {
    let formula = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\0' | ';') => true,
        Some(',') => format.separator() == b';',
        _ => false,
    };
    if formula { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// Rows as CSV of `format` (a header is a row like the others).
pub fn encode(format: Format, rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(format.separator())
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row.iter().map(|c| cell(c, format).into_owned()))?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))
}

/// The first bytes of a file: the byte-order mark for spreadsheets, and the header.
fn head(format: Format, header: Vec<String>) -> anyhow::Result<Vec<u8>> {
    let mut bytes = match format {
        Format::Plain => Vec::new(),
        Format::Spreadsheet(_) => "\u{feff}".as_bytes().to_vec(),
    };
    bytes.extend(encode(format, &[header])?);
    Ok(bytes)
}

/// A page of rows, and where the next page starts (`None`: there are no more rows).
pub type Page<C> = Option<(Vec<Vec<String>>, C)>;

/// A CSV download named `name`, written a page at a time: `next` reads the page after a cursor,
/// starting from `first`, until it answers `None`. A failure after the first bytes cuts the
/// download short (the client sees an incomplete transfer) and is logged.
pub fn download<C, F, Fut>(
    name: &str,
    format: Format,
    header: Vec<String>,
    first: C,
    next: F,
) -> anyhow::Result<Response>
where
    C: Send + 'static,
    F: FnMut(C) -> Fut + Send + 'static,
    Fut: Future<Output = anyhow::Result<Page<C>>> + Send + 'static,
{
    let head = Bytes::from(head(format, header)?);
    let pages = stream::try_unfold((Some(first), next), move |(cursor, mut next)| async move {
        let Some(cursor) = cursor else { return Ok(None) };
        Ok(match next(cursor).await? {
            Some((rows, cursor)) => Some((Bytes::from(encode(format, &rows)?), (Some(cursor), next))),
            None => None,
        })
    });
    let body = stream::once(async move { Ok::<_, anyhow::Error>(head) })
        .chain(pages)
        .inspect_err(|error| tracing::error!(error = format!("{error:#}"), "an export stopped before its end"));
    let mut response = Body::from_stream(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8; header=present"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let disposition =
        format!("attachment; filename=\"passerelle-{name}-{}{}.csv\"", Timestamp::now().date(), format.suffix());
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: Format = Format::Spreadsheet(Locale::Fr);

    #[test]
    fn formulas_are_neutralised_and_the_file_reads_back() {
        for format in [Format::Plain, SHEET] {
            for dangerous in
                ["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\tx", "\rx", "\0x", ";=1+1", ";"]
            {
                assert!(cell(dangerous, format).starts_with('\''), "{dangerous:?} in {format:?}");
            }
            for safe in ["Kigali", "2027-03-01", "", "a=b", "'already", "a;b"] {
                assert_eq!(cell(safe, format), safe);
            }
        }
        assert_eq!(cell(",=1+1", SHEET), "',=1+1", "a comma opens a cell where `;` separates them");
        assert_eq!(cell(",x", Format::Plain), ",x");

        let rows = vec![
            vec!["a".to_owned(), "b".to_owned()],
            vec!["=cmd|' /C calc'!A0".to_owned(), "Infirmière, \"anesthésiste\"".to_owned()],
            vec!["two\nlines".to_owned(), "-".to_owned()],
        ];
        let bytes = encode(Format::Plain, &rows).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("a,b\r\n"), "CRLF line ends: {text:?}");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let back: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        assert_eq!(back[0], ["'=cmd|' /C calc'!A0", "Infirmière, \"anesthésiste\""]);
        assert_eq!(back[1], ["two\nlines", "'-"]);
    }

    #[test]
    fn spreadsheets_get_a_byte_order_mark_and_semicolons() {
        let bytes = head(SHEET, vec!["Pays".into(), "Secteur; domaine".into()]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}Pays;\"Secteur; domaine\"\r\n");
        let plain = String::from_utf8(head(Format::Plain, vec!["country".into()]).unwrap()).unwrap();
        assert_eq!(plain, "country\r\n", "no byte-order mark for programs");
    }
}
