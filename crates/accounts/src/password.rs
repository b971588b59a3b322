//! Password rules and hashing.
//!
//! Rules (OWASP ASVS 5.0 V6): at least 12 characters, at most 256, no composition rules, not one
//! of the most common passwords (the shipped list holds 30,000), not the account's own email.
//! Hashing: argon2id with the crate's recommended parameters, off the async threads.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use std::collections::HashSet;
use std::sync::LazyLock;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 256;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("../data/common-passwords.txt").lines().collect());

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    TooShort,
    TooLong,
    Common,
    IsEmail,
}

impl Weakness {
    pub fn code(self) -> &'static str {
        match self {
            Weakness::TooShort => "password.too_short",
            Weakness::TooLong => "password.too_long",
            Weakness::Common => "password.common",
            Weakness::IsEmail => "password.is_email",
        }
    }

    pub fn message(self) -> String {
        match self {
            Weakness::TooShort => format!("the password must have at least {MIN_CHARS} characters"),
            Weakness::TooLong => format!("the password must have at most {MAX_CHARS} characters"),
            Weakness::Common => "this password is among the most common ones; choose another".to_owned(),
            Weakness::IsEmail => "the password must not be your email address".to_owned(),
        }
    }
}

/// Checks a new password against the rules.
pub fn check(password: &str, email: &str) -> Result<(), Weakness> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(Weakness::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(Weakness::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(lower.trim()) {
        return Err(Weakness::Common);
    }
    let local_part = email.split('@').next().unwrap_or_default();
    if lower == email.to_lowercase() || (local_part.len() >= 4 && lower.trim() == local_part) {
        return Err(Weakness::IsEmail);
    }
    Ok(())
}

/// Hashes a password with argon2id (PHC string).
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await?
}

/// Checks a password against a stored hash. `None` as the hash still does the work of a check,
/// so that "no such account" takes as long as "wrong password".
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.as_deref().unwrap_or(&DUMMY_HASH);
        let Ok(parsed) = PasswordHash::new(stored) else { return false };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
    })
    .await
    .unwrap_or(false)
}

/// A hash of a password nobody knows, verified against when the account does not exist.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default().hash_password(crate::secret::new_token("").as_bytes()).map(|h| h.to_string()).unwrap_or_default()
});

/// A strong password for accounts created from the command line: 24 characters, ~143 bits.
pub fn generate() -> String {
    crate::secret::new_token("")[..24].to_owned()
}

/// True when the stored hash is an argon2id PHC string.
pub fn is_argon2id(stored: &str) -> bool {
    stored.starts_with("$argon2id$")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(check("short", "a@b.org"), Err(Weakness::TooShort));
        assert_eq!(check(&"x".repeat(257), "a@b.org"), Err(Weakness::TooLong));
        assert_eq!(check("password1234", "a@b.org"), Err(Weakness::Common));
        assert_eq!(check("MotDePasse2026", "a@b.org"), Err(Weakness::Common));
        assert_eq!(check("aline.uwase@example.be", "aline.uwase@example.be"), Err(Weakness::IsEmail));
        assert_eq!(check("correct horse battery staple", "a@b.org"), Ok(()));
        // Twelve characters counted as characters, not bytes.
        assert_eq!(check("ééééééééééé", "a@b.org"), Err(Weakness::TooShort));
        assert!(COMMON.len() >= 30_000);
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let stored = hash("correct horse battery staple".into()).await.unwrap();
        assert!(is_argon2id(&stored), "{stored}");
        assert!(verify("correct horse battery staple".into(), Some(stored.clone())).await);
        assert!(!verify("wrong horse battery staple".into(), Some(stored)).await);
        assert!(!verify("anything".into(), None).await);
        assert_eq!(generate().len(), 24);
    }
}
