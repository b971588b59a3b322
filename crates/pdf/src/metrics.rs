//! The bundled font and the width of text set in it, to break lines before drawing them.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::sync::LazyLock;

pub(crate) static REGULAR: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

struct Face {
    font: FontRef<'static>,
    units_per_em: f32,
}

impl Face {
    fn read(bytes: &'static [u8]) -> Option<Face> {
        let font = FontRef::new(bytes).ok()?;
        let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em);
        Some(Face { font, units_per_em })
    }
}

static FACES: LazyLock<Option<(Face, Face)>> = LazyLock::new(|| Some((Face::read(REGULAR)?, Face::read(BOLD)?)));

/// Whether both bundled fonts can be read (checked once before laying out anything).
pub(crate) fn available() -> bool {
    FACES.is_some()
}

/// The width of `text` at `size` points, without kerning (which only narrows Latin text, so a
/// line measured here never overflows once drawn).
pub(crate) fn width(text: &str, weight: Weight, size: f32) -> f32 {
    let Some((regular, bold)) = FACES.as_ref() else { return 0.0 };
    let face = if weight == Weight::Bold { bold } else { regular };
    let charmap = face.font.charmap();
    let metrics = face.font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let units: f32 = text
        .chars()
        .map(|c| {
            let glyph = charmap.map(c).unwrap_or_default();
            metrics.advance_width(glyph).unwrap_or(0.0)
        })
        .sum();
    units / face.units_per_em * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_are_read_and_bold_is_wider() {
        assert!(available());
        let regular = width("Attestation de mission", Weight::Regular, 10.0);
        let bold = width("Attestation de mission", Weight::Bold, 10.0);
        assert!(regular > 80.0 && regular < 130.0, "{regular}");
        assert!(bold > regular);
        // Twice the size, twice the width.
        let double = width("Attestation de mission", Weight::Regular, 20.0);
        assert!((double - 2.0 * regular).abs() < 0.01);
        assert_eq!(width("", Weight::Regular, 10.0), 0.0);
    }
}
