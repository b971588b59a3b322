//! How an export writes values: codes and RFC 3339 times for programs; words of the reader's
//! language for people with a spreadsheet (a country's name, a status as the pages say it, a
//! decimal comma in French), with column headers to match.

use super::csv_out::Format;
use crate::i18n;
use passerelle_core::{Country, Locale, Sector, Timestamp};

#[derive(Debug, Clone, Copy)]
pub struct Words(Format);

impl Words {
    pub fn new(format: Format) -> Words {
        Words(format)
    }

    fn locale(self) -> Option<Locale> {
        match self.0 {
            Format::Plain => None,
            Format::Spreadsheet(locale) => Some(locale),
        }
    }

    /// The header row: column names, or their titles (`export-column-…` in the catalogues).
    pub fn header(self, columns: &[&str]) -> Vec<String> {
        columns
            .iter()
            .map(|column| match self.locale() {
                None => (*column).to_owned(),
                Some(locale) => i18n::text(locale, &format!("export-column-{column}")),
            })
            .collect()
    }

    /// A code, or its words under `{prefix}-{code}` in the catalogues (`mission-status-planned`).
    pub fn code(self, prefix: &str, code: &str) -> String {
        match self.locale() {
            None => code.to_owned(),
            Some(locale) => i18n::text(locale, &format!("{prefix}-{code}")),
        }
    }

    pub fn country(self, country: Country) -> String {
        self.locale().map_or(country.code(), |locale| country.name(locale)).to_owned()
    }

    pub fn countries(self, countries: &[Country]) -> String {
        let names: Vec<String> = countries.iter().map(|c| self.country(*c)).collect();
        names.join(self.list_separator())
    }

    pub fn sector(self, sector: Sector) -> String {
        self.locale().map_or(sector.code(), |locale| sector.label(locale)).to_owned()
    }

    pub fn sectors(self, sectors: &[Sector]) -> String {
        let names: Vec<String> = sectors.iter().map(|s| self.sector(*s)).collect();
        names.join(self.list_separator())
    }

    /// Codes are separated by a space (as the plain export always did), words by a comma.
    fn list_separator(self) -> &'static str {
        if self.locale().is_some() { ", " } else { " " }
    }

    pub fn yes_no(self, yes: bool) -> String {
        let code = if yes { "yes" } else { "no" };
        match self.locale() {
            None => code.to_owned(),
            Some(locale) => i18n::text(locale, &format!("export-{code}")),
        }
    }

    /// A moment: RFC 3339, or `2026-11-27 10:00:00` (UTC, as the header says), which
    /// spreadsheets read as a date and time.
    pub fn moment(self, at: Timestamp) -> String {
        let text = at.to_string();
        match self.locale() {
            None => text,
            Some(_) => {
                text.replacen('T', " ", 1).trim_end_matches('Z').split('.').next().unwrap_or_default().to_owned()
            }
        }
    }

    /// An amount as `1250.50`, with the decimal comma of French spreadsheets (no grouping:
    /// spreadsheets read it as a number).
    pub fn amount(self, amount: passerelle_core::Amount) -> String {
        let text = amount.to_string();
        match self.locale() {
            Some(Locale::Fr) => text.replace('.', ","),
            _ => text,
        }
    }

    /// A number with two decimals, with the decimal comma of French spreadsheets.
    pub fn decimal(self, value: f64) -> String {
        let text = format!("{value:.2}");
        match self.locale() {
            Some(Locale::Fr) => text.replace('.', ","),
            _ => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_get_codes_and_people_get_words() {
        let plain = Words::new(Format::Plain);
        let french = Words::new(Format::Spreadsheet(Locale::Fr));
        let english = Words::new(Format::Spreadsheet(Locale::En));
        let be = Country::parse("BE").unwrap();
        let rw = Country::parse("RW").unwrap();
        assert_eq!(plain.countries(&[be, rw]), "BE RW");
        assert_eq!(french.countries(&[be, rw]), "Belgique, Rwanda");
        assert_eq!(english.country(be), "Belgium");
        assert_eq!(plain.sector(Sector::Health), "health");
        assert_ne!(french.sector(Sector::Health), "health");
        assert_eq!(plain.code("mission-status", "in_progress"), "in_progress");
        assert_eq!(french.code("mission-status", "in_progress"), i18n::text(Locale::Fr, "mission-status-in_progress"));
        assert_ne!(french.code("mission-status", "in_progress"), "in_progress");
        assert_eq!(
            (plain.yes_no(true), french.yes_no(true), english.yes_no(false)),
            ("yes".into(), "oui".into(), "no".into())
        );
        let at = Timestamp::parse("2026-11-27T10:04:05.123Z").unwrap();
        assert_eq!(french.moment(at), "2026-11-27 10:04:05");
        assert!(plain.moment(at).starts_with("2026-11-27T10:04:05"));
        assert_eq!(
            (plain.decimal(4.5), french.decimal(4.5), english.decimal(4.5)),
            ("4.50".into(), "4,50".into(), "4.50".into())
        );
    }
}
