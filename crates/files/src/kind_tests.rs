use super::*;
use crate::samples;

fn detect_bytes(bytes: &[u8], name: &str) -> Result<Kind, TypeRefusal> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("upload");
    std::fs::write(&path, bytes).unwrap();
    detect(&path, name)
}

#[test]
fn accepted_types_are_told_by_their_content() {
    let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0];
    let webp = *b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0";
    let cases: [(&[u8], &str, Kind); 9] = [
        (&samples::pdf("Terms of reference"), "tor.pdf", Kind::Pdf),
        (&samples::png(), "photo.png", Kind::Png),
        (&jpeg, "visa.jpeg", Kind::Jpeg),
        (&webp, "ticket.webp", Kind::Webp),
        (&samples::docx("Curriculum vitae"), "cv.docx", Kind::Docx),
        (&samples::xlsx(), "per-diem.xlsx", Kind::Xlsx),
        (&samples::odt(), "rapport.odt", Kind::Odt),
        ("Billet aller-retour Bruxelles–Kigali\n".as_bytes(), "ticket.txt", Kind::Txt),
        (&samples::pdf("no extension"), "scan", Kind::Pdf),
    ];
    for (bytes, name, kind) in cases {
        assert_eq!(detect_bytes(bytes, name), Ok(kind), "{name}");
    }
}

#[test]
fn markup_and_other_types_are_refused_whatever_their_name() {
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
    assert_eq!(detect_bytes(html, "report.pdf"), Err(TypeRefusal::Markup));
    assert_eq!(
        detect_bytes(b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg'/>", "logo.png"),
        Err(TypeRefusal::Markup)
    );
    assert_eq!(detect_bytes(b"Notes\nthen <script>x</script>", "notes.txt"), Err(TypeRefusal::Markup));
    assert_eq!(detect_bytes(b"", "empty.txt"), Err(TypeRefusal::Empty));
    assert_eq!(detect_bytes(b"GIF89a\x01\0\x01\0", "anim.gif").unwrap_err().code(), "file.type_not_allowed");
    assert_eq!(detect_bytes(b"\x7fELF\x02\x01\x01", "tool").unwrap_err().code(), "file.type_not_allowed");
    assert_eq!(detect_bytes(&samples::zip(), "archive.zip").unwrap_err().code(), "file.type_not_allowed");
    assert_eq!(detect_bytes(b"text\0with a NUL", "a.txt").unwrap_err().code(), "file.type_not_allowed");
    assert_eq!(detect_bytes(b"caf\xe9 latin-1", "a.txt").unwrap_err().code(), "file.type_not_allowed");
}

#[test]
fn a_name_that_claims_another_accepted_type_is_refused() {
    let refused = detect_bytes(&samples::png(), "terms.pdf").unwrap_err();
    assert_eq!(refused, TypeRefusal::Mismatch { extension: "pdf".into(), found: "PNG".into() });
    assert_eq!(refused.to_string(), "the file is named .pdf but its content is PNG");
    assert_eq!(detect_bytes(&samples::pdf("x"), "x.PDF"), Ok(Kind::Pdf), "extensions in any case");
    assert_eq!(
        detect_bytes(b"plain words", "words.md"),
        Ok(Kind::Txt),
        "an extension of no accepted type says nothing"
    );
}

#[test]
fn text_is_checked_across_chunks() {
    // A multi-byte character straddling the 64 KiB chunk boundary is still valid text.
    let mut text = "a".repeat(64 * 1024 - 1).into_bytes();
    text.extend_from_slice("é and more".as_bytes());
    assert_eq!(detect_bytes(&text, "long.txt"), Ok(Kind::Txt));
    let mut cut = "a".repeat(10).into_bytes();
    cut.push(0xc3);
    assert_eq!(
        detect_bytes(&cut, "cut.txt").unwrap_err().code(),
        "file.type_not_allowed",
        "a character cut at the end"
    );
}
