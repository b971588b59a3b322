//! Random secrets and their stored form.

use base64ct::{Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A fresh secret: 32 bytes from the operating system's generator, as base64url text, after
/// `prefix` (which tells a leaked token's kind at a glance, e.g. `psl_` for API tokens).
pub fn new_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random generator failed");
    format!("{prefix}{}", Base64UrlUnpadded::encode_string(&bytes))
}

/// What we store instead of a high-entropy token: its SHA-256, hex. (Passwords, which have
/// little entropy, get argon2id instead.)
pub fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in constant time.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_prefixed_and_hashed() {
        let a = new_token("psl_");
        let b = new_token("psl_");
        assert!(a.starts_with("psl_") && a.len() == 4 + 43);
        assert_ne!(a, b);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), hash(&b));
        assert_eq!(hash(&a).len(), 64);
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same(&a, "psl_"));
    }
}
