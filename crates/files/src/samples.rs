//! Small, valid files of the accepted types, made here rather than shipped: the demonstration
//! data attaches them (a terms of reference, a CV), and the tests send them.

use std::io::Write;

/// A one-page PDF showing `line` (ASCII; other characters become `?`).
pub fn pdf(line: &str) -> Vec<u8> {
    let text: String = line
        .chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '?' })
        .filter(|c| !"()\\".contains(*c))
        .collect();
    let stream = format!("BT /F1 14 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// A 1×1 PNG.
pub fn png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
        0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff,
        0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]
}

fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in entries {
        // Writing to memory cannot fail.
        let _ = writer.start_file(*name, options);
        let _ = writer.write_all(content.as_bytes());
    }
    writer.finish().map(|cursor| cursor.into_inner()).unwrap_or_default()
}

const DOCX_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A DOCX holding one paragraph.
pub fn docx(paragraph: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>"#,
        paragraph.replace('&', "&amp;").replace('<', "&lt;")
    );
    zip_of(&[("[Content_Types].xml", DOCX_TYPES), ("word/document.xml", &document)])
}

/// An XLSX (its manifest only: enough to be told apart).
pub fn xlsx() -> Vec<u8> {
    let types = DOCX_TYPES
        .replace("/word/document.xml", "/xl/workbook.xml")
        .replace("wordprocessingml.document.main", "spreadsheetml.sheet.main");
    zip_of(&[("[Content_Types].xml", &types), ("xl/workbook.xml", "<workbook/>")])
}

/// An ODT (its `mimetype` entry first, as the format asks).
pub fn odt() -> Vec<u8> {
    zip_of(&[("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")])
}

/// A ZIP archive that is no office document.
pub fn zip() -> Vec<u8> {
    zip_of(&[("notes.txt", "hello")])
}
