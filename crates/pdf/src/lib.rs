//! Documents to send: certificates of mission and programme reports as PDF files.
//!
//! A document is a list of blocks (headings, paragraphs, label–value facts, tables) in already
//! translated words; [`render`] lays them out on A4 pages (line breaks, page breaks, a table's
//! header repeated on each page, a footer with page numbers) and writes a tagged PDF with the
//! bundled Liberation Sans embedded as a subset. The crate does no IO and knows nothing of
//! missions: the web crate decides what a certificate says.

mod layout;
mod metrics;
mod render;

pub use render::render;

/// What can go wrong writing a document (none of it depends on the words in it).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the bundled font could not be read")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// A document to lay out: its title and language go into the PDF's metadata (what a reader's
/// title bar and a screen reader use), the footer onto every page beside the page number.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    /// BCP 47 language tag of the text ("en", "fr").
    pub language: String,
    pub footer: String,
    /// Centre the title, the brand line, leads and paragraphs (a certificate); a report keeps
    /// everything on the left.
    pub centered: bool,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(title: impl Into<String>, language: impl Into<String>, footer: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            language: language.into(),
            footer: footer.into(),
            centered: false,
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A small grey line above the title: who issues the document.
    Brand(String),
    Title(String),
    Heading(String),
    /// A heading under a heading (a mission in a report's recommendations).
    Subheading(String),
    /// Large bold words standing out on their own line (the name on a certificate).
    Lead(String),
    /// Running text; line breaks in it are kept.
    Paragraph(String),
    /// Small grey text (a reference number, a note on the figures).
    Note(String),
    /// Label–value pairs, two columns.
    Facts(Vec<(String, String)>),
    Table(Table),
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Share of the table's width, relative to the other columns' shares.
    pub share: f32,
    /// Figures: aligned on the right.
    pub numeric: bool,
}

impl Column {
    pub fn text(title: impl Into<String>, share: f32) -> Self {
        Column { title: title.into(), share, numeric: false }
    }

    pub fn figure(title: impl Into<String>, share: f32) -> Self {
        Column { title: title.into(), share, numeric: true }
    }
}
