use super::*;
use crate::Column;

fn report(rows: usize) -> Document {
    let mut document = Document::new("Programme report", "en", "Passerelle · MIDA Great Lakes");
    document.push(Block::Title("Programme report".into()));
    document.push(Block::Table(Table {
        columns: vec![Column::text("Mission", 3.0), Column::figure("Days", 1.0)],
        rows: (0..rows).map(|i| vec![format!("Mission number {i}"), i.to_string()]).collect(),
    }));
    document
}

#[test]
fn lines_never_exceed_the_width_and_keep_every_word_in_order() {
    let text = "Nous recherchons un formateur en soudure TIG/MIG pour renforcer les compétences des \
                enseignants de l'IPRC Kigali\net un second paragraphe";
    let lines = wrap(text, Weight::Regular, 10.5, 150.0);
    assert!(lines.len() > 3, "{lines:?}");
    for line in &lines {
        assert!(width(line, Weight::Regular, 10.5) <= 150.0, "{line}");
    }
    assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
    // The explicit line break starts a new line.
    assert!(lines.iter().any(|l| l.starts_with("et un second")));
}

#[test]
fn a_word_wider_than_a_line_is_cut_and_control_characters_are_dropped() {
    let lines = wrap("a\u{1b}b\u{202e} Pneumonoultramicroscopicsilicovolcanoconiosis", Weight::Bold, 12.0, 60.0);
    assert_eq!(lines[0], "a b");
    assert!(!lines.concat().contains('\u{202e}'));
    assert!(lines.len() > 3);
    assert!(lines.iter().all(|l| width(l, Weight::Bold, 12.0) <= 60.0));
    assert_eq!(lines[1..].concat(), "Pneumonoultramicroscopicsilicovolcanoconiosis");
}

#[test]
fn a_long_table_runs_over_pages_with_its_header_repeated_as_an_artifact() {
    let pages = lay_out(&report(120));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (number, page) in pages.iter().enumerate() {
        for run in &page.runs {
            assert!(run.y <= PAGE_HEIGHT - 30.0 && run.y >= TOP, "{run:?}");
            assert!(
                run.x >= MARGIN - 0.01 && run.x + width(&run.text, run.weight, run.size) <= PAGE_WIDTH - MARGIN + 0.01
            );
        }
        let folio = format!("{} / {}", number + 1, pages.len());
        assert!(page.runs.iter().any(|r| r.text == folio && r.role == Role::Artifact), "page {number}");
        if number > 0 {
            let header = page.runs.iter().find(|r| r.text == "Mission").expect("header repeated");
            assert_eq!(header.role, Role::Artifact);
        }
    }
    // Every row is laid out once, as content, in order.
    let rows: Vec<usize> = pages
        .iter()
        .flat_map(|p| &p.runs)
        .filter_map(|r| match r.role {
            Role::Cell { row, column: 0, .. } if row > 0 => Some(row),
            _ => None,
        })
        .collect();
    assert_eq!(rows, (1..=120).collect::<Vec<_>>());
}

#[test]
fn figures_are_aligned_on_the_right_and_a_short_document_is_one_page() {
    let pages = lay_out(&report(3));
    assert_eq!(pages.len(), 1);
    let figures: Vec<&Run> =
        pages[0].runs.iter().filter(|r| matches!(r.role, Role::Cell { column: 1, row, .. } if row > 0)).collect();
    let right = |r: &Run| r.x + width(&r.text, r.weight, r.size);
    assert_eq!(figures.len(), 3);
    assert!(figures.windows(2).all(|w| (right(w[0]) - right(w[1])).abs() < 0.01));
}

#[test]
fn a_centred_certificate_centres_its_name() {
    let mut document = Document::new("Certificate", "en", "");
    document.centered = true;
    document.push(Block::Lead("Amina Uwase".into()));
    let pages = lay_out(&document);
    let name = &pages[0].runs[0];
    let middle = name.x + width(&name.text, name.weight, name.size) / 2.0;
    assert!((middle - PAGE_WIDTH / 2.0).abs() < 0.5, "{middle}");
    // An empty footer writes nothing but the page number.
    assert_eq!(pages[0].runs.len(), 2);
}
