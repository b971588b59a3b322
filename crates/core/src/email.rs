use crate::ParseError;
use crate::serde_text::serde_via_text;

/// An email address, normalised: trimmed and lower-cased, so that one person is one address
/// whatever they type. Checks the shape (one `@`, a dotted domain, RFC 5321 lengths); whether the
/// mailbox exists is the verification email's job.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let address = text.trim().to_lowercase();
        let invalid =
            |why: &str| ParseError::new("email.invalid", format!("{:?} is not an email address: {why}", text.trim()));
        if address.is_empty() {
            return Err(ParseError::new("email.missing", "an email address is required"));
        }
        if address.len() > 254 {
            return Err(invalid("it is longer than 254 characters"));
        }
        let (local, domain) = address.rsplit_once('@').ok_or_else(|| invalid("it has no @"))?;
        if local.is_empty() || local.len() > 64 || local.contains('@') {
            return Err(invalid("the part before @ must be 1 to 64 characters, without another @"));
        }
        if local.chars().any(|c| c.is_whitespace() || c.is_control() || "\"(),:;<>[\\]".contains(c))
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
        {
            return Err(invalid("the part before @ has characters an address cannot have"));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |l: &&str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if labels.len() < 2 || !labels.iter().all(label_ok) {
            return Err(invalid("the domain after @ must look like example.org"));
        }
        Ok(Self(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

serde_via_text!(Email);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalises_and_rejects_with_reasons() {
        assert_eq!(Email::parse("  Aline.Uwase@Example.BE ").unwrap().as_str(), "aline.uwase@example.be");
        assert_eq!(Email::parse("jean@exemple.fr").unwrap().domain(), "exemple.fr");
        assert_eq!(Email::parse("").unwrap_err().code(), "email.missing");
        for bad in ["no-at.example.org", "a@b", "a b@example.org", "@example.org", "a@-x.org", "a..b@x.org", "a@x..org"]
        {
            assert_eq!(Email::parse(bad).unwrap_err().code(), "email.invalid", "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", domain in "[a-z0-9]{1,10}\\.[a-z]{2,6}") {
            prop_assume!(!local.contains(".."));
            let email = Email::parse(&format!("{local}@{domain}")).unwrap();
            prop_assert_eq!(Email::parse(&email.to_string()).unwrap(), email);
        }

        #[test]
        fn never_panics(text in "\\PC{0,80}") {
            let _ = Email::parse(&text);
        }
    }
}
