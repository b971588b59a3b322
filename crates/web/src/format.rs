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
        let at = Timestamp::parse("2026-11-27T09:05:00Z").unwrap();
        assert_eq!(moment(Locale::Fr, at), "27 novembre 2026 à 09:05 UTC");
        let kigali = passerelle_core::TimeZone::parse("Africa/Kigali").unwrap();
        assert_eq!(moment_in(Locale::En, at, &kigali), "27 November 2026, 11:05 CAT");
        let utc = passerelle_core::TimeZone::utc();
        assert_eq!(moment_in(Locale::Fr, at, &utc), moment(Locale::Fr, at), "UTC reads the same");
    }
}
