//! Documents to send: the certificate of mission and the programme report as PDF files, in
//! English and in French, read back with poppler (`pdftotext` for the words, `pdftoppm` for the
//! page as an image) the way a recipient's viewer would.
use crate::harness::{Server, api_as, ok, signed_in};
use std::path::Path;
use std::process::Command;

/// Runs a poppler tool; a missing one fails the test (`scripts/test` installs poppler-utils).
fn poppler(tool: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian's poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The text of each page of a PDF, and the number of pages.
fn text_of(pdf: &Path) -> (String, usize) {
    let text = String::from_utf8(poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])).unwrap();
    let pages = text.matches('\u{c}').count();
    (text, pages)
}

/// The first page drawn in grey levels (PGM): the share of its pixels that are ink.
fn ink_on_first_page(pdf: &Path) -> f64 {
    let image = poppler("pdftoppm", &["-gray", "-r", "40", "-f", "1", "-l", "1", pdf.to_str().unwrap()]);
    // "P5\n<width> <height>\n255\n" then one byte per pixel.
    let mut fields = 0;
    let mut start = 0;
    for (i, b) in image.iter().enumerate() {
        if b.is_ascii_whitespace() && i > 0 && !image[i - 1].is_ascii_whitespace() {
            fields += 1;
            if fields == 4 {
                start = i + 1;
                break;
            }
        }
    }
    let header = String::from_utf8_lossy(&image[..start]);
    let numbers: Vec<usize> = header.split_whitespace().skip(1).map(|n| n.parse().unwrap()).collect();
    let pixels = &image[start..];
    assert_eq!(pixels.len(), numbers[0] * numbers[1], "an A4 page: {header}");
    assert!(numbers[1] > numbers[0], "portrait");
    pixels.iter().filter(|p| **p < 128).count() as f64 / pixels.len() as f64
}

fn fetch_pdf(client: &crate::harness::Client, path: &str, into: &Path) {
    let (status, headers, bytes) = client.get_bytes(path);
    assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&bytes));
    let header = |name: &str| {
        headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    assert_eq!(header("content-type"), "application/pdf");
    assert!(header("content-disposition").starts_with("attachment;"), "{}", header("content-disposition"));
    assert!(header("content-disposition").contains(".pdf"));
    assert!(header("cache-control").contains("no-store"), "personal data is not cached");
    assert!(bytes.starts_with(b"%PDF-"));
    std::fs::write(into, &bytes).unwrap();
    if let Ok(dir) = std::env::var("PASSERELLE_KEEP_PDF") {
        let _ = std::fs::copy(into, Path::new(&dir).join(into.file_name().unwrap()));
    }
}

#[test]
fn certificates_and_programme_reports_are_pdf_files_in_both_languages() {
    let server = Server::start_with(&["--demo"], &[]);
    let dir = tempfile::tempdir().unwrap();
    let api = api_as(&server, "coordinator@passerelle.example");
    let missions = ok(api.get("/api/v1/missions?limit=200"));
    let ended = missions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| ["completed", "reported", "evaluated", "closed"].contains(&m["status"].as_str().unwrap()))
        .expect("the demonstration has an ended mission")
        .clone();
    let id = ended["id"].as_str().unwrap();
    let expert = ended["expert"].as_str().unwrap();
    let title = ended["request_title"].as_str().unwrap();
    let institution = ended["institution"].as_str().unwrap();
    let coordinator = signed_in(&server, "coordinator");

    // The certificate: the expert's name, the mission and the host as typed, in each language.
    let mut words = Vec::new();
    for (lang, heading) in [("en", "Certificate of mission"), ("fr", "Attestation de mission")] {
        let file = dir.path().join(format!("certificate-{lang}.pdf"));
        fetch_pdf(&coordinator, &format!("/missions/{id}/certificate.pdf?lang={lang}"), &file);
        let (text, pages) = text_of(&file);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(pages, 1, "a certificate is one page: {text}");
        for expected in [heading, expert, title, institution] {
            let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&expected), "{lang}: «{expected}» in the certificate: {flat}");
        }
        assert!(flat.contains(id), "its reference");
        let ink = ink_on_first_page(&file);
        assert!(ink > 0.002 && ink < 0.2, "{lang}: the page shows text, not a blank or a black page ({ink})");
        words.push(flat);
    }
    assert_ne!(words[0], words[1], "the French certificate is not the English one");
    // The page links to its PDF; a mission not yet ended has no certificate.
    let page = coordinator.get(&format!("/missions/{id}/certificate"));
    assert!(page.body.contains(&format!("/missions/{id}/certificate.pdf")));
    let running = missions["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| ["planned", "approved", "preparing", "in_progress"].contains(&m["status"].as_str().unwrap()))
        .expect("a mission not ended");
    let (status, _, _) =
        coordinator.get_bytes(&format!("/missions/{}/certificate.pdf", running["id"].as_str().unwrap()));
    assert_eq!(status, 409);
    // Hosts do not get the expert's certificate (the authorization matrix has the host of the
    // very mission); nobody signed out does.
    let (status, _, _) = signed_in(&server, "institution").get_bytes(&format!("/missions/{id}/certificate.pdf"));
    assert!(matches!(status, 403 | 404), "{status}");
    let (status, _, _) = server.client().get_bytes(&format!("/missions/{id}/certificate.pdf"));
    assert!(status == 303 || status == 401, "{status}");

    // The programme report: the programme's figures and every mission of the period.
    let programme = ok(api.get("/api/v1/programmes"))["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"].as_str() == ended["programme"].as_str())
        .expect("the mission's programme")
        .clone();
    let pid = programme["id"].as_str().unwrap();
    for (lang, heading) in [("en", "Programme report"), ("fr", "Rapport de programme")] {
        let file = dir.path().join(format!("report-{lang}.pdf"));
        fetch_pdf(
            &coordinator,
            &format!("/dashboard/report.pdf?programme={pid}&from=2020-01-01&to=2030-12-31&lang={lang}"),
            &file,
        );
        let (text, pages) = text_of(&file);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(pages >= 1);
        // (Page numbers and footers are artifacts, which text extraction leaves out as it should.)
        // The programme's name is the one written in the report's language.
        for expected in [heading, programme[format!("name_{lang}").as_str()].as_str().unwrap()] {
            assert!(flat.contains(expected), "{lang}: «{expected}» in the report");
        }
        // Each line of the mission's title shows in the table (a title may wrap in its cell).
        let first_word = title.split_whitespace().next().unwrap();
        assert!(flat.contains(first_word), "{lang}: the mission is listed");
        assert!(ink_on_first_page(&file) > 0.002);
    }
    let (status, _, _) = signed_in(&server, "expert").get_bytes("/dashboard/report.pdf");
    assert_eq!(status, 403, "reports are for coordinators");
}
