//! Writes a sample report to look at the layout: `cargo run -p passerelle-pdf --example sample -- out.pdf`.

use passerelle_pdf::{Block, Column, Document, Table, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "sample.pdf".into());
    let mut document =
        Document::new("Rapport de programme", "fr", "Passerelle · MIDA Grands Lacs · émis le 5 décembre 2026");
    document.push(Block::Brand("Passerelle · MIDA Grands Lacs".into()));
    document.push(Block::Title("Rapport de programme".into()));
    document.push(Block::Facts(vec![
        ("Période".into(), "du 1 janvier 2026 au 31 décembre 2026".into()),
        ("Missions".into(), "12 terminées, 3 en cours".into()),
    ]));
    document.push(Block::Heading("Missions".into()));
    document.push(Block::Table(Table {
        columns: vec![Column::text("Mission", 3.0), Column::text("Expert·e", 2.0), Column::figure("Jours", 1.0)],
        rows: (1..=60)
            .map(|i| {
                vec![
                    format!("Formation des formateurs en soudure TIG/MIG à l'IPRC n° {i}"),
                    "Chloé Uwase".into(),
                    i.to_string(),
                ]
            })
            .collect(),
    }));
    document.push(Block::Paragraph(
        "Recommandations : renforcer l'équipement des ateliers.\nPrévoir une seconde mission.".into(),
    ));
    std::fs::write(&path, render(&document)?)?;
    println!("{path}");
    Ok(())
}
