//! Dates, moments and numbers written the way each language writes them.

use passerelle_core::{Locale, Timestamp};
use time::{Date, Month};

fn month_name(locale: Locale, month: Month) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let index = usize::from(u8::from(month)) - 1;
    match locale {
        Locale::En => EN[index],
        Locale::Fr => FR[index],
    }
}

pub fn date(locale: Locale, date: Date) -> String {
    let day = date.day();
    let month = month_name(locale, date.month());
    match locale {
        Locale::En => format!("{day} {month} {}", date.year()),
        Locale::Fr if day == 1 => format!("1er {month} {}", date.year()),
        Locale::Fr => format!("{day} {month} {}", date.year()),
    }
}

/// A date with the month in short: "19 Dec 2026" / "19 déc. 2026", for dense lists.
pub fn short_date(locale: Locale, date: Date) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const FR: [&str; 12] =
        ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    let index = usize::from(u8::from(date.month())) - 1;
    let month = match locale {
        Locale::En => EN[index],
        Locale::Fr => FR[index],
    };
    // No break inside a date.
    format!("{}\u{a0}{month}\u{a0}{}", date.day(), date.year())
}

pub fn moment(locale: Locale, at: Timestamp) -> String {
    let t = at.datetime();
    let separator = match locale {
        Locale::En => ",",
        Locale::Fr => " à",
    };
    format!("{}{separator} {:02}:{:02} UTC", date(locale, t.date()), t.hour(), t.minute())
}

/// A moment on the clock of `zone`, with the zone's abbreviation: "27 November 2026, 11:36 CAT".
pub fn moment_in(locale: Locale, at: Timestamp, zone: &passerelle_core::TimeZone) -> String {
    let local = zone.local(at);
    let separator = match locale {
        Locale::En => ",",
        Locale::Fr => " à",
    };
    format!("{}{separator} {:02}:{:02} {}", date(locale, local.date), local.hour, local.minute, local.abbreviation)
}

pub fn number(locale: Locale, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let group = match locale {
        Locale::En => ",",
        // A narrow no-break space, as French typography wants.
        Locale::Fr => "\u{202f}",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A number with `digits` decimals, in the locale's way: "4.9" / "4,9", "1,234.5" / "1 234,5".
pub fn decimal(locale: Locale, x: f64, digits: usize) -> String {
    let text = format!("{:.*}", digits, x.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole: i64 = whole.parse().unwrap_or(0);
    // "-0.0" reads as "0.0".
    let negative = x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&number(locale, whole));
    if !fraction.is_empty() {
        out.push(match locale {
            Locale::En => '.',
            Locale::Fr => ',',
        });
        out.push_str(fraction);
    }
    out
}

/// An amount of money in the locale's way, cents shown only when there are some:
/// "EUR 12,500" / "12 500 EUR", "EUR 95.50" / "95,50 EUR"; `cents` may be negative (a
/// remaining budget once overspent).
pub fn money(locale: Locale, cents: i64, currency: passerelle_core::Currency) -> String {
    let whole = number(locale, (cents / 100).abs());
    let fraction = (cents % 100).abs();
    let sign = if cents < 0 { "-" } else { "" };
    let amount = match (fraction, locale) {
        (0, _) => whole,
        (f, Locale::En) => format!("{whole}.{f:02}"),
        (f, Locale::Fr) => format!("{whole},{f:02}"),
    };
    match locale {
        Locale::En => format!("{sign}{currency} {amount}"),
        // A no-break space keeps the amount and its currency on one line.
        Locale::Fr => format!("{sign}{amount}\u{a0}{currency}"),
    }
}

/// What a name sorts by, as an English or French reader expects: case, accents and
/// punctuation folded (so "Égypte" sorts among the E, not after "Zimbabwe"), the name as
/// written breaking ties. A small collation, enough for the names of countries, languages,
/// sectors and institutions.
pub fn collation_key(name: &str) -> (String, String) {
    (passerelle_taxonomy::normalize(name), name.to_owned())
}

/// Sorts `items` by the name `name_of` reads, with [`collation_key`].
pub fn sort_by_name<T>(items: &mut [T], name_of: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| collation_key(name_of(item)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_and_numbers_follow_the_locale() {
        assert_eq!(date(Locale::En, date!(2026 - 11 - 27)), "27 November 2026");
        assert_eq!(date(Locale::Fr, date!(2026 - 03 - 01)), "1er mars 2026");
        assert_eq!(number(Locale::En, 1_234_567), "1,234,567");
        assert_eq!(number(Locale::Fr, 12_345), "12\u{202f}345");
        assert_eq!(number(Locale::En, -999), "-999");
        assert_eq!(short_date(Locale::Fr, date!(2026 - 12 - 19)), "19\u{a0}déc.\u{a0}2026");
        assert_eq!(short_date(Locale::En, date!(2027 - 01 - 07)), "7\u{a0}Jan\u{a0}2027");
        let at = Timestamp::parse("2026-11-27T09:05:00Z").unwrap();
        assert_eq!(moment(Locale::Fr, at), "27 novembre 2026 à 09:05 UTC");
        let kigali = passerelle_core::TimeZone::parse("Africa/Kigali").unwrap();
        assert_eq!(moment_in(Locale::En, at, &kigali), "27 November 2026, 11:05 CAT");
        let utc = passerelle_core::TimeZone::utc();
        assert_eq!(moment_in(Locale::Fr, at, &utc), moment(Locale::Fr, at), "UTC reads the same");
    }

    #[test]
    fn money_is_written_as_each_reader_expects() {
        let eur = passerelle_core::Currency::EUR;
        assert_eq!(money(Locale::En, 1_250_000, eur), "EUR 12,500");
        assert_eq!(money(Locale::Fr, 1_250_050, eur), "12\u{202f}500,50\u{a0}EUR");
        assert_eq!(money(Locale::En, 9_505, eur), "EUR 95.05");
        assert_eq!(money(Locale::En, -150, eur), "-EUR 1.50");
    }

    #[test]
    fn decimals_take_the_locale_separator() {
        assert_eq!(decimal(Locale::En, 4.94, 1), "4.9");
        assert_eq!(decimal(Locale::Fr, 4.94, 1), "4,9");
        assert_eq!(decimal(Locale::Fr, 0.0, 1), "0,0");
        assert_eq!(decimal(Locale::Fr, 12_345.26, 1), "12\u{202f}345,3");
        assert_eq!(decimal(Locale::En, -2.5, 1), "-2.5");
        assert_eq!(decimal(Locale::En, -0.01, 1), "0.0");
        assert_eq!(decimal(Locale::En, 7.0, 0), "7");
    }

    #[test]
    fn names_sort_with_their_accents_folded() {
        let mut names =
            vec!["Zimbabwe", "Égypte", "Équateur", "Estonie", "Eswatini", "Érythrée", "Algérie", "Îles Cook"];
        sort_by_name(&mut names, |n| n);
        assert_eq!(
            names,
            ["Algérie", "Égypte", "Équateur", "Érythrée", "Estonie", "Eswatini", "Îles Cook", "Zimbabwe"]
        );
    }
}
