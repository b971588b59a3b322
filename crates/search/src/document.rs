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
    /// The skills their words name, as kept with the profile (see [`crate::mentions`]).
    pub mentions: Option<passerelle_profiles::mentions::Mentions>,
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

    let (text, prose) = text_and_prose(profile);
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
    let written = written_in(&text[..prose]);
    if written.english {
        doc.add_text(fields.text_en, &text);
    }
    if written.french {
        doc.add_text(fields.text_fr, &text);
    }
    doc.add_text(fields.text, &text);
    doc.add_u64(fields.analysed, written.bits());

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

/// The text of a profile that search reads: headline, summary, roles, education, then each
/// skill as written. A skill's other labels (its translation, its synonyms) are not repeated
/// here: the skill is a term of its own, and a query naming any of its labels is expanded to it.
pub fn text_of(profile: &Profile) -> String {
    text_and_prose(profile).0
}

/// The text, and where its prose ends: the skills as written follow, a list of terms in
/// whichever language each was entered, which says nothing of the language the expert writes in
/// (and each is a term of `skills`, or of both `free_` fields, already).
fn text_and_prose(profile: &Profile) -> (String, usize) {
    let d = &profile.data;
    let mut text = String::with_capacity(512);
    for part in [&d.headline, &d.summary] {
        text.push_str(part);
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
    let prose = text.len();
    for skill in &d.skills {
        text.push_str(&skill.label);
        text.push_str(". ");
    }
    (text, prose)
}

/// The languages a profile's text is analysed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub english: bool,
    pub french: bool,
}

impl Written {
    const ENGLISH: u64 = 1;
    const FRENCH: u64 = 2;

    /// As the index keeps it (the `analysed` field).
    pub fn bits(self) -> u64 {
        (u64::from(self.english) * Written::ENGLISH) | (u64::from(self.french) * Written::FRENCH)
    }

    pub fn from_bits(bits: u64) -> Written {
        Written { english: bits & Written::ENGLISH != 0, french: bits & Written::FRENCH != 0 }
    }
}

enum Tongue {
    English,
    French,
}

/// Which language a function word belongs to, if it is one: they say which language a text is
/// written in, whatever its subject. Words that are both ("on", "a", "son") are neither.
fn function_word(word: &[u8]) -> Option<Tongue> {
    match word {
        b"the" | b"and" | b"of" | b"in" | b"with" | b"for" | b"to" | b"at" | b"from" | b"by" | b"is" | b"are"
        | b"was" | b"were" | b"have" | b"has" | b"this" | b"that" | b"an" | b"my" | b"our" | b"who" | b"which"
        | b"their" | b"including" | b"over" => Some(Tongue::English),
        b"le" | b"la" | b"les" | b"de" | b"des" | b"du" | b"et" | b"en" | b"dans" | b"pour" | b"avec" | b"sur"
        | b"au" | b"aux" | b"une" | b"un" | b"est" | b"sont" | b"qui" | b"que" | b"d" | b"l" | b"ses" | b"mes"
        | b"notre" | b"depuis" | b"aupres" => Some(Tongue::French),
        _ => None,
    }
}

/// Which analysers a text goes through. A text plainly in one language (its function words
/// outnumber the other's four to one, at least three of them) is analysed in that language
/// only: analysing it in the other as well only stems its words wrongly, and took half the
/// time of indexing. Queries look in both fields, so nothing is lost. Anything less plain (a
/// short text, a list of skills, two languages) goes through both, as every text once did.
pub fn written_in(text: &str) -> Written {
    let (mut english, mut french) = (0u32, 0u32);
    // One pass over the characters (every profile's text goes through here when it is indexed):
    // a word is a run of letters; one of at most 9 bytes is folded as it is read, and a letter
    // no function word has makes it none.
    let mut folded = [0u8; 9];
    let (mut letters, mut bytes, mut foldable) = (0usize, 0usize, true);
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic()) {
            bytes += c.len_utf8();
            if foldable && bytes <= folded.len() {
                match fold_letter(c) {
                    Some(letter) => {
                        folded[letters] = letter;
                        letters += 1;
                    }
                    None => foldable = false,
                }
            }
            continue;
        }
        if foldable && (1..=folded.len()).contains(&bytes) {
            match function_word(&folded[..letters]) {
                Some(Tongue::English) => english += 1,
                Some(Tongue::French) => french += 1,
                None => {}
            }
        }
        (letters, bytes, foldable) = (0, 0, true);
    }
    let plainly = |one: u32, other: u32| one >= 3 && one >= other * 4;
    match (plainly(english, french), plainly(french, english)) {
        (true, _) => Written { english: true, french: false },
        (_, true) => Written { english: false, french: true },
        _ => Written { english: true, french: true },
    }
}

/// A letter of a function word, lower case and without its accent.
fn fold_letter(c: char) -> Option<u8> {
    match c {
        'à' | 'â' | 'À' | 'Â' => Some(b'a'),
        'è' | 'é' | 'ê' | 'É' | 'È' => Some(b'e'),
        'ù' | 'û' => Some(b'u'),
        c if c.is_ascii() => Some(c.to_ascii_lowercase() as u8),
        _ => None,
    }
}

pub fn sector_bit(sector: Sector) -> u64 {
    1 << Sector::ALL.iter().position(|s| *s == sector).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_plainly_in_one_language_is_analysed_in_that_one_only() {
        let english = written_in("Nurse with ten years in intensive care, training the nurses of two hospitals.");
        assert_eq!(english, Written { english: true, french: false });
        let french = written_in("Infirmière depuis dix ans en réanimation, formatrice des équipes d'un hôpital.");
        assert_eq!(french, Written { english: false, french: true });
        // A list of skills, a short text, two languages: both.
        let both = Written { english: true, french: true };
        assert_eq!(written_in("Soudage TIG. Welding. Maintenance industrielle."), both);
        assert_eq!(written_in("Le chef de projet and the team"), both);
        assert_eq!(
            written_in("Project manager at the Ministry of Health in Dakar. Chef de projet au ministère de la Santé."),
            both
        );
        // Words in other scripts or with other letters are not function words.
        assert_eq!(written_in("Œuvre leß straße the the"), both);
    }

    #[test]
    fn the_language_is_that_of_the_prose_not_of_the_skills_as_typed() {
        use passerelle_core::{ExpertId, Timestamp};
        use passerelle_profiles::model::{ProfileData, SkillEntry};
        let skill = |label: &str| SkillEntry { skill: None, label: label.into(), level: 2, years: None };
        let data = ProfileData {
            summary: "Nurse with twenty years in the wound care units of the district hospitals.".into(),
            skills: vec![skill("soins des plaies"), skill("gestion de la chaîne du froid")],
            ..ProfileData::default()
        };
        let now = Timestamp::now();
        let profile = Profile {
            id: ExpertId::new(),
            user_id: None,
            external_id: None,
            data,
            consent: None,
            confirmed_at: None,
            created_at: now,
            updated_at: now,
        };
        let (text, prose) = text_and_prose(&profile);
        assert!(text.ends_with("soins des plaies. gestion de la chaîne du froid. "), "the skills come last: {text}");
        assert_eq!(written_in(&text), Written { english: true, french: true }, "the whole text reads as mixed");
        let english = Written { english: true, french: false };
        assert_eq!(written_in(&text[..prose]), english, "its prose is English");
        let (_, fields) = crate::schema::build();
        let doc = document(&fields, &profile, &Extras::default(), &[], now.date());
        use tantivy::schema::Value;
        let analysed = doc.get_first(fields.analysed).and_then(|v| v.as_u64());
        assert_eq!(analysed.map(Written::from_bits), Some(english), "the index says which analyser read it");
        assert!(doc.get_first(fields.text_fr).is_none() && doc.get_first(fields.text_en).is_some());
    }
}
