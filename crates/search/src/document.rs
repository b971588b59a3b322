//! The one place where an expert becomes an index document.

use crate::encode;
use crate::schema::Fields;
use passerelle_core::{DateRange, Sector};
use passerelle_profiles::Profile;
use passerelle_profiles::model::WorkMode;
use tantivy::TantivyDocument;
use time::Date;

/// What the index needs to know of an expert beyond the profile.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Periods of missions the expert is booked on.
    pub booked: Vec<DateRange>,
    /// Average host rating (1 to 5) and the number of evaluations.
    pub rating: Option<(f32, u32)>,
    /// Skills the expert said are not theirs when they were suggested from their words: never
    /// credited as named there.
    pub dismissed: Vec<passerelle_taxonomy::SkillId>,
}

/// How long the "available now for remote help" switch counts as a remote window.
const REMOTE_NOW_DAYS: i64 = 90;

/// `mentions`: the skills the expert names only in their own words (see [`crate::mentions`]).
pub fn document(
    fields: &Fields,
    profile: &Profile,
    extras: &Extras,
    mentions: &[passerelle_taxonomy::SkillId],
    today: Date,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    let d = &profile.data;
    let id = profile.id.to_string();
    let bits = profile.id.as_uuid().as_u128();
    doc.add_text(fields.id, &id);
    doc.add_u64(fields.id_hi, (bits >> 64) as u64);
    doc.add_u64(fields.id_lo, bits as u64);

    let text = text_of(profile);
    for skill in &d.skills {
        if let Some(id) = &skill.skill {
            for _ in 0..skill.level {
                doc.add_text(fields.skills, id.as_str());
            }
            doc.add_u64(fields.skill_levels, encode::skill(id.as_str(), skill.level));
        } else {
            doc.add_text(fields.free_en, &skill.label);
            doc.add_text(fields.free_fr, &skill.label);
        }
    }
    for skill in mentions {
        doc.add_text(fields.mentions, skill.as_str());
    }
    doc.add_text(fields.text_en, &text);
    doc.add_text(fields.text_fr, &text);

    doc.add_u64(fields.consent, u64::from(profile.consent.is_some()));
    for l in &d.languages {
        let rank = l.spoken.rank();
        for level in 1..=rank {
            doc.add_text(fields.langs, format!("{}:{level}", l.language));
        }
        doc.add_u64(fields.lang_levels, encode::language_level(l.language, rank));
    }
    for origin in &d.origins {
        doc.add_text(fields.origins, origin.code());
        doc.add_u64(fields.origin_codes, encode::country(*origin));
    }
    if let Some(residence) = d.residence_country {
        doc.add_text(fields.residence, residence.code());
    }
    let mut sector_bits = 0u64;
    for sector in &d.sectors {
        doc.add_text(fields.sectors, sector.code());
        sector_bits |= sector_bit(*sector);
    }
    doc.add_u64(fields.sector_bits, sector_bits);

    for w in &d.windows {
        let modes = match w.mode {
            WorkMode::OnSite => encode::ON_SITE,
            WorkMode::Remote => encode::REMOTE,
            WorkMode::Either => encode::ON_SITE | encode::REMOTE,
        };
        doc.add_u64(fields.windows, encode::period(encode::day(w.range.start()), encode::day(w.range.end()), modes));
    }
    if d.remote_now {
        let start = encode::day(today);
        doc.add_u64(fields.windows, encode::period(start, start + REMOTE_NOW_DAYS as u32, encode::REMOTE));
    }
    for b in &extras.booked {
        doc.add_u64(fields.booked, encode::period(encode::day(b.start()), encode::day(b.end()), 0));
    }
    doc.add_u64(fields.years, u64::from(d.years_experience.unwrap_or(0)));
    doc.add_u64(fields.verified, d.credentials.iter().filter(|c| c.counts(today)).count() as u64);
    let confirmed = profile.confirmed_at.unwrap_or(profile.created_at);
    doc.add_u64(fields.confirmed, u64::from(encode::day(confirmed.date())));
    let (rating, ratings) = extras.rating.map_or((0, 0), |(avg, n)| ((avg * 100.0).round() as u64, u64::from(n)));
    doc.add_u64(fields.rating, rating);
    doc.add_u64(fields.ratings, ratings);
    doc.add_u64(fields.updated, profile.updated_at.unix_seconds().max(0) as u64);
    for country in &d.no_travel {
        doc.add_u64(fields.no_travel, encode::country(*country));
    }
    doc.add_u64(fields.max_days, u64::from(d.max_mission_days.unwrap_or(0)));
    doc.add_u64(fields.notice_days, u64::from(d.notice_days.unwrap_or(0)));
    doc
}

/// The text of a profile that search reads: headline, summary, each skill as written, roles,
/// education. A skill's other labels (its translation, its synonyms) are not repeated here: the
/// skill is a term of its own, and a query naming any of its labels is expanded to it.
pub fn text_of(profile: &Profile) -> String {
    let d = &profile.data;
    let mut text = String::with_capacity(512);
    for part in [&d.headline, &d.summary] {
        text.push_str(part);
        text.push_str(". ");
    }
    for skill in &d.skills {
        text.push_str(&skill.label);
        text.push_str(". ");
    }
    for work in &d.work {
        text.push_str(&work.role);
        text.push_str(". ");
    }
    for education in &d.education {
        text.push_str(&education.degree);
        text.push_str(", ");
        text.push_str(&education.field);
        text.push_str(". ");
    }
    text
}

pub fn sector_bit(sector: Sector) -> u64 {
    1 << Sector::ALL.iter().position(|s| *s == sector).unwrap_or(0)
}
