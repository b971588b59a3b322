//! The index schema: defined here and nowhere else, with its version. A different version on
//! disk means the index is rebuilt from the database.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Bump when the schema, the analyzers or what a document holds change (the skills the
/// extractor reads in experts' words included).
pub const SCHEMA_VERSION: u32 = 8;

/// Handles of every field, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The expert id, for deletes.
    pub id: Field,
    /// The expert id as two numbers, read back without the document store.
    pub id_hi: Field,
    pub id_lo: Field,
    /// Skill ids of the taxonomy, repeated by level (so that an expert counts more).
    pub skills: Field,
    /// Headline, summary, roles, education, skills as written: analysed for the language its
    /// prose is written in, English or French (both when it is not plainly one; see
    /// [`crate::document::written_in`]).
    pub text_en: Field,
    pub text_fr: Field,
    /// Which of the two the text went through ([`crate::document::Written::bits`]).
    pub analysed: Field,
    /// The same text, stored only: what snippets are cut from.
    pub text: Field,
    /// Skills the taxonomy does not know, as written: what a requested skill's names are looked
    /// for in (the known ones are in `skills`).
    pub free_en: Field,
    pub free_fr: Field,
    /// Skills of the taxonomy named only in the expert's own words (see `mentions`).
    pub mentions: Field,
    /// 1 when the expert consents to be matched.
    pub consent: Field,
    /// `fr:1` … `fr:5` for French at C1: "at least B2" is one term.
    pub langs: Field,
    /// Languages with their spoken rank, packed.
    pub lang_levels: Field,
    pub origins: Field,
    pub origin_codes: Field,
    pub residence: Field,
    pub sectors: Field,
    /// Bit per sector, in the order of `Sector::ALL`.
    pub sector_bits: Field,
    /// Availability windows and booked periods, packed (see `encode::period`).
    pub windows: Field,
    pub booked: Field,
    /// Skills with levels, packed (see `encode::skill`).
    pub skill_levels: Field,
    pub years: Field,
    pub verified: Field,
    /// Day the profile was last confirmed (or created).
    pub confirmed: Field,
    /// Average host rating × 100, and how many evaluations.
    pub rating: Field,
    pub ratings: Field,
    pub updated: Field,
    /// The expert's own limits: countries they will not travel to, the longest mission they
    /// take (0: no limit), the notice they need before a start (days).
    pub no_travel: Field,
    pub max_days: Field,
    pub notice_days: Field,
}

pub const EN: &str = "passerelle_en";
pub const FR: &str = "passerelle_fr";

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        TextOptions::default().set_indexing_options(indexing)
    };
    let skill_terms = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer("raw").set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        id: b.add_text_field("id", STRING),
        id_hi: b.add_u64_field("id_hi", FAST),
        id_lo: b.add_u64_field("id_lo", FAST),
        skills: b.add_text_field("skills", skill_terms.clone()),
        text_en: b.add_text_field("text_en", text(EN)),
        text_fr: b.add_text_field("text_fr", text(FR)),
        analysed: b.add_u64_field("analysed", FAST),
        text: b.add_text_field("text", STORED),
        free_en: b.add_text_field("free_en", text(EN)),
        free_fr: b.add_text_field("free_fr", text(FR)),
        mentions: b.add_text_field("mentions", skill_terms),
        consent: b.add_u64_field("consent", INDEXED | FAST),
        langs: b.add_text_field("langs", STRING),
        lang_levels: b.add_u64_field("lang_levels", FAST),
        origins: b.add_text_field("origins", STRING),
        origin_codes: b.add_u64_field("origin_codes", FAST),
        residence: b.add_text_field("residence", STRING | STORED),
        sectors: b.add_text_field("sectors", STRING),
        sector_bits: b.add_u64_field("sector_bits", FAST),
        windows: b.add_u64_field("windows", FAST),
        booked: b.add_u64_field("booked", FAST),
        skill_levels: b.add_u64_field("skill_levels", FAST),
        years: b.add_u64_field("years", FAST),
        verified: b.add_u64_field("verified", FAST),
        confirmed: b.add_u64_field("confirmed", FAST),
        rating: b.add_u64_field("rating", FAST),
        ratings: b.add_u64_field("ratings", FAST),
        updated: b.add_u64_field("updated", FAST),
        no_travel: b.add_u64_field("no_travel", FAST),
        max_days: b.add_u64_field("max_days", FAST),
        notice_days: b.add_u64_field("notice_days", FAST),
    };
    (b.build(), fields)
}
