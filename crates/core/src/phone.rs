use crate::ParseError;
use crate::serde_text::serde_via_text;

/// A telephone number in E.164 form: `+` then 8 to 15 digits, the first not zero
/// (`+32470123456`). Spaces, dots, dashes and brackets typed for readability are dropped, and
/// a leading `00` is read as `+`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phone(String);

impl Phone {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}')).collect();
        let digits = compact.strip_prefix('+').or_else(|| compact.strip_prefix("00"));
        let invalid = || {
            ParseError::new(
                "phone.invalid",
                format!("{:?} is not an international phone number: write it as +32 470 12 34 56", text.trim()),
            )
        };
        let digits = digits.ok_or_else(invalid)?;
        if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
            return Err(invalid());
        }
        Ok(Phone(format!("+{digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

serde_via_text!(Phone);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalises_to_e164_and_names_the_problem() {
        assert_eq!(Phone::parse("+32 470 12.34-56").unwrap().as_str(), "+32470123456");
        assert_eq!(Phone::parse("00250 788 123 456").unwrap().as_str(), "+250788123456");
        for bad in ["0470123456", "+32", "+0470123456", "+32 470 abc", "", "+1234567890123456"] {
            assert_eq!(Phone::parse(bad).unwrap_err().code(), "phone.invalid", "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(first in 1u8..10, rest in "[0-9]{7,14}") {
            let phone = Phone::parse(&format!("+{first}{rest}")).unwrap();
            prop_assert_eq!(Phone::parse(&phone.to_string()).unwrap(), phone);
        }
    }
}
