//! Blocks laid out on A4 pages: where each line of text goes, in reading order, and which part
//! of the document it belongs to (the structure a screen reader follows).

use crate::metrics::{Weight, width};
use crate::{Block, Document, Table};

pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TOP: f32 = 56.0;
/// The lowest a line of the body may reach; the footer sits below.
const BOTTOM: f32 = PAGE_HEIGHT - 64.0;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 36.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const CELL_PADDING: f32 = 4.0;
const LINE: f32 = 1.3;

/// Which part of the document a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Role {
    /// A block that is one piece of text (heading, paragraph…), by its index.
    Block(usize),
    /// A cell of a table or of a list of facts: row 0 of a table is its header.
    Cell { block: usize, row: usize, column: usize },
    /// Not content: footers, a header repeated on a new page.
    Artifact,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub x: f32,
    /// The baseline, from the top of the page.
    pub y: f32,
    pub text: String,
    pub weight: Weight,
    pub size: f32,
    pub grey: bool,
    pub role: Role,
}

/// A thin horizontal line (under a table's header, between rows).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    pub x1: f32,
    pub x2: f32,
    pub y: f32,
    pub strong: bool,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Page {
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
    /// A frame around the page's content (a certificate).
    pub frame: Option<Frame>,
}

/// A rectangle: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame(pub f32, pub f32, pub f32, pub f32);

#[derive(Clone, Copy)]
struct Style {
    weight: Weight,
    size: f32,
    grey: bool,
    before: f32,
    after: f32,
}

const fn style(weight: Weight, size: f32, grey: bool, before: f32, after: f32) -> Style {
    Style { weight, size, grey, before, after }
}

fn style_of(block: &Block) -> Style {
    match block {
        Block::Brand(_) => style(Weight::Regular, 9.0, true, 0.0, 18.0),
        Block::Title(_) => style(Weight::Bold, 20.0, false, 0.0, 14.0),
        Block::Heading(_) => style(Weight::Bold, 13.0, false, 12.0, 6.0),
        Block::Subheading(_) => style(Weight::Bold, 10.5, false, 6.0, 3.0),
        Block::Lead(_) => style(Weight::Bold, 17.0, false, 4.0, 12.0),
        Block::Paragraph(_) => style(Weight::Regular, 10.5, false, 0.0, 8.0),
        Block::Note(_) => style(Weight::Regular, 8.5, true, 0.0, 6.0),
        Block::Facts(_) | Block::Table(_) => style(Weight::Regular, 9.5, false, 2.0, 10.0),
    }
}

struct Layout {
    pages: Vec<Page>,
    y: f32,
    centered: bool,
}

impl Layout {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }

    /// Starts a new page unless `height` still fits on this one (or this one is empty, where a
    /// taller piece could never fit anyway).
    fn room_for(&mut self, height: f32) -> bool {
        if self.y + height <= BOTTOM || self.y <= TOP {
            return false;
        }
        self.pages.push(Page::default());
        self.y = TOP;
        true
    }

    fn text_block(&mut self, text: &str, style: Style, role: Role, centered: bool) {
        self.y += style.before;
        let height = style.size * LINE;
        for line in wrap(text, style.weight, style.size, CONTENT_WIDTH) {
            self.room_for(height);
            let x =
                if centered { MARGIN + (CONTENT_WIDTH - width(&line, style.weight, style.size)) / 2.0 } else { MARGIN };
            let y = self.y + style.size;
            if !line.is_empty() {
                self.page().runs.push(Run {
                    x,
                    y,
                    text: line,
                    weight: style.weight,
                    size: style.size,
                    grey: style.grey,
                    role,
                });
            }
            self.y += height;
        }
        self.y += style.after;
    }

    /// One row of cells: each wrapped in its column, the row as tall as its tallest cell.
    fn row(&mut self, cells: &[(&str, Weight, bool)], columns: &[(f32, f32)], size: f32, role: impl Fn(usize) -> Role) {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(columns)
            .map(|((text, weight, _), (_, w))| wrap(text, *weight, size, w - 2.0 * CELL_PADDING))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let top = self.y;
        for (column, (lines, ((_, weight, numeric), (x, w)))) in
            wrapped.into_iter().zip(cells.iter().zip(columns)).enumerate()
        {
            for (i, line) in lines.into_iter().enumerate() {
                if line.is_empty() {
                    continue;
                }
                let x = if *numeric { x + w - CELL_PADDING - width(&line, *weight, size) } else { x + CELL_PADDING };
                let y = top + CELL_PADDING + size + i as f32 * size * LINE;
                self.page().runs.push(Run { x, y, text: line, weight: *weight, size, grey: false, role: role(column) });
            }
        }
        self.y = top + 2.0 * CELL_PADDING + lines as f32 * size * LINE;
    }

    fn row_height(cells: &[(&str, Weight, bool)], columns: &[(f32, f32)], size: f32) -> f32 {
        let lines = cells
            .iter()
            .zip(columns)
            .map(|((text, weight, _), (_, w))| wrap(text, *weight, size, w - 2.0 * CELL_PADDING).len())
            .max()
            .unwrap_or(1)
            .max(1);
        2.0 * CELL_PADDING + lines as f32 * size * LINE
    }

    fn rule(&mut self, strong: bool) {
        let y = self.y;
        self.page().rules.push(Rule { x1: MARGIN, x2: MARGIN + CONTENT_WIDTH, y, strong });
    }

    fn facts(&mut self, block: usize, facts: &[(String, String)], style: Style) {
        self.y += style.before;
        let columns = [(MARGIN, CONTENT_WIDTH * 0.36), (MARGIN + CONTENT_WIDTH * 0.36, CONTENT_WIDTH * 0.64)];
        for (row, (label, value)) in facts.iter().enumerate() {
            let cells = [(label.as_str(), Weight::Bold, false), (value.as_str(), Weight::Regular, false)];
            self.room_for(Self::row_height(&cells, &columns, style.size));
            self.row(&cells, &columns, style.size, |column| Role::Cell { block, row, column });
        }
        self.y += style.after;
    }

    fn table(&mut self, block: usize, table: &Table, style: Style) {
        self.y += style.before;
        let total: f32 = table.columns.iter().map(|c| c.share.max(0.01)).sum();
        let mut x = MARGIN;
        let columns: Vec<(f32, f32)> = table
            .columns
            .iter()
            .map(|c| {
                let w = CONTENT_WIDTH * c.share.max(0.01) / total;
                x += w;
                (x - w, w)
            })
            .collect();
        let header: Vec<(&str, Weight, bool)> =
            table.columns.iter().map(|c| (c.title.as_str(), Weight::Bold, c.numeric)).collect();
        let size = style.size - 0.5;
        let header_height = Self::row_height(&header, &columns, size);
        let draw_header = |layout: &mut Layout, repeated: bool| {
            layout.row(&header, &columns, size, |column| {
                if repeated { Role::Artifact } else { Role::Cell { block, row: 0, column } }
            });
            layout.rule(true);
        };
        let first = table.rows.first().map(|r| Self::row_height(&cells_of(r, table), &columns, size)).unwrap_or(0.0);
        self.room_for(header_height + first);
        draw_header(self, false);
        for (i, row) in table.rows.iter().enumerate() {
            let cells = cells_of(row, table);
            if self.room_for(Self::row_height(&cells, &columns, size)) {
                draw_header(self, true);
            }
            self.row(&cells, &columns, size, |column| Role::Cell { block, row: i + 1, column });
            self.rule(false);
        }
        self.y += style.after;
    }
}

fn cells_of<'a>(row: &'a [String], table: &Table) -> Vec<(&'a str, Weight, bool)> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (row.get(i).map_or("", String::as_str), Weight::Regular, c.numeric))
        .collect()
}

/// Lays the document out; every page gets the footer and its number ("3 / 4").
pub(crate) fn lay_out(document: &Document) -> Vec<Page> {
    // A certificate stands lower on its page, inside a frame.
    let mut layout = Layout { pages: vec![Page::default()], y: TOP, centered: document.centered };
    if document.centered {
        layout.y = TOP + 72.0;
    }
    for (index, block) in document.blocks.iter().enumerate() {
        let style = style_of(block);
        let centered = layout.centered && !matches!(block, Block::Heading(_) | Block::Subheading(_));
        match block {
            Block::Heading(text) | Block::Subheading(text) => {
                // A heading stays with at least three lines of what follows it.
                layout.room_for(style.before + style.size * LINE + 3.0 * 10.5 * LINE);
                layout.text_block(text, style, Role::Block(index), false);
            }
            Block::Brand(text)
            | Block::Title(text)
            | Block::Lead(text)
            | Block::Paragraph(text)
            | Block::Note(text) => {
                layout.text_block(text, style, Role::Block(index), centered);
            }
            Block::Facts(facts) => layout.facts(index, facts, style),
            Block::Table(table) => layout.table(index, table, style),
        }
    }
    let count = layout.pages.len();
    for (number, page) in layout.pages.iter_mut().enumerate() {
        if document.centered {
            page.frame = Some(Frame(MARGIN - 22.0, TOP - 22.0, CONTENT_WIDTH + 44.0, BOTTOM - TOP + 30.0));
        }
        let size = 8.0;
        let folio = format!("{} / {count}", number + 1);
        let folio_x = MARGIN + CONTENT_WIDTH - width(&folio, Weight::Regular, size);
        let footer =
            wrap(&document.footer, Weight::Regular, size, CONTENT_WIDTH * 0.8).into_iter().next().unwrap_or_default();
        for (x, text) in [(MARGIN, footer), (folio_x, folio)] {
            if !text.is_empty() {
                page.runs.push(Run {
                    x,
                    y: FOOTER_BASELINE,
                    text,
                    weight: Weight::Regular,
                    size,
                    grey: true,
                    role: Role::Artifact,
                });
            }
        }
    }
    layout.pages
}

/// Breaks text into lines no wider than `max`: at spaces, inside a word only when the word alone
/// is wider than a line. Line breaks in the text are kept; control characters become spaces.
pub(crate) fn wrap(text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let clean: String = paragraph.chars().map(|c| if invisible(c) { ' ' } else { c }).collect();
        let mut line = String::new();
        for word in clean.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if width(&candidate, weight, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if width(&line, weight, size) > max && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Characters that draw nothing or reorder what follows (bidirectional overrides): no glyph in
/// a document, and no way to make a name read differently from what it is.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests;
