//! The laid-out pages written as a tagged PDF: text drawn with the embedded font, and a
//! structure tree (headings, paragraphs, tables with their header cells) in reading order.

use crate::layout::{self, Frame, PAGE_HEIGHT, PAGE_WIDTH, Role};
use crate::metrics::{self, Weight};
use crate::{Block, Document, Error};
use krilla::Document as Pdf;
use krilla::color::rgb;
use krilla::geom::PathBuilder;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use std::collections::BTreeMap;
use std::num::NonZeroU16;

const INK: (u8, u8, u8) = (0x1f, 0x29, 0x37);
const GREY: (u8, u8, u8) = (0x5b, 0x64, 0x70);
const LINE: (u8, u8, u8) = (0xc8, 0xcd, 0xd3);

fn color((r, g, b): (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

/// Lays out and writes the document; the same document always gives the same bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, Error> {
    if !metrics::available() {
        return Err(Error::Font);
    }
    let regular = Font::new(metrics::REGULAR.into(), 0).ok_or(Error::Font)?;
    let bold = Font::new(metrics::BOLD.into(), 0).ok_or(Error::Font)?;
    let pages = layout::lay_out(document);

    let mut pdf = Pdf::new();
    pdf.set_metadata(
        Metadata::new()
            .title(document.title.clone())
            .language(document.language.clone())
            .creator("Passerelle".to_owned()),
    );
    let mut content: BTreeMap<Role, Vec<Identifier>> = BTreeMap::new();
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(Error::Write("page size".into()))?;
    for page in &pages {
        let mut pdf_page = pdf.start_page_with(settings.clone());
        let mut surface = pdf_page.surface();
        if let Some(frame) = page.frame {
            surface.start_tagged(ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)));
            draw_frame(&mut surface, frame);
            surface.end_tagged();
        }
        for rule in &page.rules {
            surface.start_tagged(ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)));
            draw_rule(&mut surface, rule.x1, rule.x2, rule.y, rule.strong);
            surface.end_tagged();
        }
        for run in &page.runs {
            let tag = match run.role {
                Role::Artifact => ContentTag::Artifact(Artifact::new(ArtifactType::PaginationOther, None)),
                _ => ContentTag::Span(SpanTag::empty()),
            };
            let id = surface.start_tagged(tag);
            surface.set_fill(Some(fill(if run.grey { GREY } else { INK })));
            let font = if run.weight == Weight::Bold { bold.clone() } else { regular.clone() };
            let origin = krilla::geom::Point::from_xy(run.x, run.y);
            surface.draw_text(origin, font, run.size, &run.text, false, TextDirection::Auto);
            surface.end_tagged();
            if run.role != Role::Artifact {
                content.entry(run.role).or_default().push(id);
            }
        }
        surface.finish();
        pdf_page.finish();
    }
    pdf.set_tag_tree(structure(document, content));
    pdf.finish().map_err(|e| Error::Write(format!("{e:?}")))
}

fn fill(ink: (u8, u8, u8)) -> Fill {
    Fill { paint: color(ink).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

fn draw_rule(surface: &mut Surface<'_>, x1: f32, x2: f32, y: f32, strong: bool) {
    let mut builder = PathBuilder::new();
    builder.move_to(x1, y);
    builder.line_to(x2, y);
    let Some(path) = builder.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: color(if strong { INK } else { LINE }).into(),
        width: if strong { 0.8 } else { 0.4 },
        ..Default::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

fn draw_frame(surface: &mut Surface<'_>, Frame(x, y, w, h): Frame) {
    let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) else { return };
    let mut builder = PathBuilder::new();
    builder.push_rect(rect);
    let Some(path) = builder.finish() else { return };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke { paint: color(GREY).into(), width: 1.2, ..Default::default() }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// The document's structure in reading order, each group holding the text drawn for it.
fn structure(document: &Document, mut content: BTreeMap<Role, Vec<Identifier>>) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(document.language.clone()));
    let mut leaves = |role: Role, group: &mut TagGroup| {
        for id in content.remove(&role).unwrap_or_default() {
            group.push(id);
        }
    };
    for (index, block) in document.blocks.iter().enumerate() {
        let group = match block {
            Block::Title(text) | Block::Heading(text) | Block::Subheading(text) => {
                let level = match block {
                    Block::Title(_) => 1,
                    Block::Heading(_) => 2,
                    _ => 3,
                };
                let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
                let mut group = TagGroup::new(Tag::Hn(level, Some(text.clone())));
                leaves(Role::Block(index), &mut group);
                group
            }
            Block::Brand(_) | Block::Lead(_) | Block::Paragraph(_) | Block::Note(_) => {
                let mut group = TagGroup::new(Tag::P);
                leaves(Role::Block(index), &mut group);
                group
            }
            Block::Facts(facts) => {
                let mut table = TagGroup::new(Tag::Table);
                for row in 0..facts.len() {
                    let mut tr = TagGroup::new(Tag::TR);
                    let mut label = TagGroup::new(Tag::TH(TableHeaderScope::Row));
                    leaves(Role::Cell { block: index, row, column: 0 }, &mut label);
                    let mut value = TagGroup::new(Tag::TD);
                    leaves(Role::Cell { block: index, row, column: 1 }, &mut value);
                    tr.push(label);
                    tr.push(value);
                    table.push(tr);
                }
                table
            }
            Block::Table(data) => {
                let mut table = TagGroup::new(Tag::Table);
                for row in 0..=data.rows.len() {
                    let mut tr = TagGroup::new(Tag::TR);
                    for column in 0..data.columns.len() {
                        let mut cell = if row == 0 {
                            TagGroup::new(Tag::TH(TableHeaderScope::Column))
                        } else {
                            TagGroup::new(Tag::TD)
                        };
                        leaves(Role::Cell { block: index, row, column }, &mut cell);
                        tr.push(cell);
                    }
                    table.push(tr);
                }
                table
            }
        };
        tree.push(group);
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Column, Table};

    #[test]
    fn a_document_is_a_pdf_with_its_title_and_the_same_bytes_each_time() {
        let mut document = Document::new("Attestation de mission", "fr", "Passerelle");
        document.push(Block::Title("Attestation de mission".into()));
        document.push(Block::Lead("Chloé N'Diaye-Ångström".into()));
        document.push(Block::Facts(vec![("Lieu".into(), "Kigali, Rwanda".into())]));
        document
            .push(Block::Table(Table { columns: vec![Column::text("Mission", 1.0)], rows: vec![vec![String::new()]] }));
        let bytes = render(&document).expect("rendered");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 200_000, "a subset of the font, not all of it: {} bytes", bytes.len());
        assert_eq!(render(&document).expect("rendered"), bytes);
    }
}
