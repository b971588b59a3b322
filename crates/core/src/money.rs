//! Amounts of money and their currency, as programme budgets and mission costs carry them.
//!
//! An amount is a whole number of hundredths (cents, centimes), never a float: sums of cost lines
//! must add up to the cent in the budget and in the exported file. People type amounts the way
//! their language writes them ("12,500.50", "12 500,50", "12500"), so parsing accepts both
//! separators; display is the plain canonical form ("12500.50"), and pages format it for their
//! reader.

use crate::ParseError;
use std::fmt;

/// The largest amount accepted: ten thousand million units, far above any programme's budget,
/// and far from the edge of `i64` when lines are multiplied and summed.
pub const MAX_AMOUNT_UNITS: i64 = 10_000_000_000;

/// A non-negative amount, in hundredths of its currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// From hundredths; `None` when negative or above the maximum.
    pub fn from_cents(cents: i64) -> Option<Amount> {
        (0..=MAX_AMOUNT_UNITS * 100).contains(&cents).then_some(Amount(cents))
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// The whole units and the hundredths.
    pub fn parts(self) -> (i64, i64) {
        (self.0 / 100, self.0 % 100)
    }

    /// `self` × `quantity`, or `None` beyond the maximum.
    pub fn times(self, quantity: i64) -> Option<Amount> {
        self.0.checked_mul(quantity).and_then(Amount::from_cents)
    }

    /// The sum, saturating: a total is shown, never stored.
    pub fn plus(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }

    /// Parses an amount as people type it: digits, an optional decimal part of one or two
    /// digits after `.` or `,`, thousands grouped by spaces, `,` or `.` (the last separator
    /// followed by one or two digits is the decimal one; groups after a grouping separator
    /// have three digits).
    pub fn parse(text: &str) -> Result<Amount, ParseError> {
        let bad = || {
            ParseError::new(
                "amount.format",
                format!("{:?} is not an amount (digits, with up to two decimals: 1250 or 1250.50)", text.trim()),
            )
        };
        let compact: String =
            text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')).collect();
        if compact.is_empty() || !compact.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
            return Err(bad());
        }
        if !compact.starts_with(|c: char| c.is_ascii_digit()) || !compact.ends_with(|c: char| c.is_ascii_digit()) {
            return Err(bad());
        }
        // The decimal separator: the last separator, when one or two digits follow it.
        let (whole, fraction) = match compact.rfind(['.', ',']) {
            Some(at) if (1..=2).contains(&(compact.len() - at - 1)) => (&compact[..at], &compact[at + 1..]),
            _ => (compact.as_str(), ""),
        };
        let mut groups = whole.split(['.', ',']);
        let first = groups.next().unwrap_or_default();
        let mut digits = first.to_owned();
        for group in groups {
            if group.len() != 3 || first.is_empty() || first.len() > 3 {
                return Err(bad());
            }
            digits.push_str(group);
        }
        if digits.is_empty() || digits.len() > 12 {
            return Err(Self::too_large(text));
        }
        let units: i64 = digits.parse().map_err(|_| bad())?;
        let cents: i64 = if fraction.is_empty() {
            0
        } else if fraction.len() == 1 {
            fraction.parse::<i64>().map_err(|_| bad())? * 10
        } else {
            fraction.parse().map_err(|_| bad())?
        };
        units
            .checked_mul(100)
            .and_then(|u| u.checked_add(cents))
            .and_then(Amount::from_cents)
            .ok_or_else(|| Self::too_large(text))
    }

    fn too_large(text: &str) -> ParseError {
        ParseError::new(
            "amount.too_large",
            format!("{:?} is above the largest amount accepted ({MAX_AMOUNT_UNITS})", text.trim()),
        )
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (units, cents) = self.parts();
        write!(f, "{units}.{cents:02}")
    }
}

/// An ISO 4217 currency code (`EUR`, `USD`, `RWF`): three capital letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    pub fn parse(text: &str) -> Result<Currency, ParseError> {
        let code = text.trim().to_ascii_uppercase();
        match <[u8; 3]>::try_from(code.as_bytes()) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_uppercase) => Ok(Currency(bytes)),
            _ => Err(ParseError::new(
                "currency.format",
                format!("{:?} is not a currency code (three letters, e.g. EUR, USD, RWF)", text.trim()),
            )),
        }
    }

    pub fn code(&self) -> &str {
        // Three ASCII capitals by construction.
        std::str::from_utf8(&self.0).unwrap_or("EUR")
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::EUR
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cents(text: &str) -> Option<i64> {
        Amount::parse(text).ok().map(Amount::cents)
    }

    #[test]
    fn amounts_are_read_as_english_and_french_readers_write_them() {
        assert_eq!(cents("1250"), Some(125_000));
        assert_eq!(cents("1250.5"), Some(125_050));
        assert_eq!(cents("1250,50"), Some(125_050));
        assert_eq!(cents("12,500.50"), Some(1_250_050));
        assert_eq!(cents("12.500,50"), Some(1_250_050));
        assert_eq!(cents("12 500,50"), Some(1_250_050));
        assert_eq!(cents("12\u{202f}500"), Some(1_250_000));
        assert_eq!(cents("1,500"), Some(150_000), "three digits after one separator group thousands");
        assert_eq!(cents("1,234,567"), Some(123_456_700));
        assert_eq!(cents(" 0 "), Some(0));
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        for bad in ["", "-5", "1e3", "12,5000", "1,23,456", "€100", "1.2.3", ".5", "5.", "1234,567,89", "NaN"] {
            assert!(Amount::parse(bad).is_err(), "{bad:?}");
        }
        let error = Amount::parse("99999999999999").unwrap_err();
        assert_eq!(error.code(), "amount.too_large");
        assert_eq!(Amount::parse("10000000000").unwrap().cents(), MAX_AMOUNT_UNITS * 100);
        assert!(Amount::parse("10000000000.01").is_err());
        assert_eq!(Amount::from_cents(500).unwrap().times(3).unwrap().to_string(), "15.00");
        assert_eq!(Amount::from_cents(MAX_AMOUNT_UNITS * 100).unwrap().times(2), None);
    }

    #[test]
    fn currencies_are_three_letters() {
        assert_eq!(Currency::parse(" rwf ").unwrap().to_string(), "RWF");
        for bad in ["", "EU", "EURO", "E1R", "€"] {
            assert!(Currency::parse(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn display_parses_back(cents in 0i64..=MAX_AMOUNT_UNITS * 100) {
            let amount = Amount::from_cents(cents).unwrap();
            prop_assert_eq!(Amount::parse(&amount.to_string()).unwrap(), amount);
        }
    }
}
