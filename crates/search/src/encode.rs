//! Compact numeric forms of the vocabulary, for tantivy's fast fields: what the filters and
//! the re-ranking read for every candidate without touching the document store.

use passerelle_core::{Country, Language};
use time::Date;

/// Days since 1970-01-01 (dates fit easily in 32 bits).
pub fn day(date: Date) -> u32 {
    let epoch = time::macros::date!(1970 - 01 - 01);
    (date - epoch).whole_days().clamp(0, i64::from(u32::MAX)) as u32
}

pub fn date(day: u32) -> Date {
    time::macros::date!(1970 - 01 - 01) + time::Duration::days(i64::from(day))
}

/// Up to three ASCII letters packed into a number: stable across builds, unlike a table index.
pub fn code(text: &str) -> u64 {
    text.bytes().take(3).fold(0u64, |acc, b| (acc << 8) | u64::from(b))
}

pub fn country(c: Country) -> u64 {
    code(c.code())
}

pub fn language(l: Language) -> u64 {
    code(l.code())
}

/// A language with a CEFR rank (1 = A1 … 7 = native).
pub fn language_level(l: Language, rank: u8) -> u64 {
    (language(l) << 8) | u64::from(rank)
}

pub fn split_language_level(value: u64) -> (u64, u8) {
    (value >> 8, (value & 0xff) as u8)
}

/// How a window may be used: bit 0 on site, bit 1 remote.
pub const ON_SITE: u64 = 1;
pub const REMOTE: u64 = 2;

/// An availability window or a booked period: first and last day, and the modes.
pub fn period(start: u32, end: u32, modes: u64) -> u64 {
    (u64::from(start) << 34) | (u64::from(end) << 2) | (modes & 3)
}

pub fn split_period(value: u64) -> (u32, u32, u64) {
    ((value >> 34) as u32, ((value >> 2) & 0xffff_ffff) as u32, value & 3)
}

/// A skill with a level: a 48-bit hash of its id, then the level.
pub fn skill(id: &str, level: u8) -> u64 {
    (skill_hash(id) << 8) | u64::from(level)
}

pub fn split_skill(value: u64) -> (u64, u8) {
    (value >> 8, (value & 0xff) as u8)
}

/// FNV-1a, 48 bits: stable, and with ~14,000 ESCO skills a collision is very unlikely.
pub fn skill_hash(id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash & 0xffff_ffff_ffff
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn periods_and_skills_round_trip(start in 0u32..200_000, len in 0u32..10_000, modes in 0u64..4, level in 1u8..5) {
            let end = start + len;
            prop_assert_eq!(split_period(period(start, end, modes)), (start, end, modes));
            let (hash, l) = split_skill(skill("nurse-anaesthesia", level));
            prop_assert_eq!((hash, l), (skill_hash("nurse-anaesthesia"), level));
        }
    }

    #[test]
    fn days_and_codes() {
        let d = time::macros::date!(2027 - 03 - 01);
        assert_eq!(date(day(d)), d);
        assert_ne!(code("fr"), code("fra"));
        let (lang, rank) = split_language_level(language_level(Language::parse("mey").unwrap(), 7));
        assert_eq!((lang, rank), (code("mey"), 7));
    }
}
