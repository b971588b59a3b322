//! Receiving an upload: each chunk is written to a temporary file (in the store's temporary
//! directory) while it is hashed and counted. Past the limit the intake stops and the partial
//! file is deleted: nothing of a file too large is kept.

use sha2::{Digest, Sha256};
use std::fmt;
use std::path::Path;
use tempfile::TempPath;
use tokio::io::AsyncWriteExt;

/// The SHA-256 of a content, as 64 lowercase hexadecimal digits: the name of its object.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(String);

impl ContentHash {
    /// Accepts exactly 64 lowercase hexadecimal digits.
    pub fn parse(text: &str) -> Option<ContentHash> {
        let ok = text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| ContentHash(text.to_owned()))
    }

    pub fn of(bytes: &[u8]) -> ContentHash {
        ContentHash::from_digest(&Sha256::digest(bytes))
    }

    fn from_digest(digest: &[u8]) -> ContentHash {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(64);
        for byte in digest {
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        ContentHash(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// More than the limit was sent: the partial file is already deleted.
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// An upload being received.
pub struct Intake {
    file: tokio::fs::File,
    path: TempPath,
    hasher: Sha256,
    size: u64,
    limit: u64,
}

/// A file received whole: its temporary copy (deleted when dropped), hash and size.
#[derive(Debug)]
pub struct Received {
    pub path: TempPath,
    pub hash: ContentHash,
    pub size: u64,
}

impl Intake {
    /// Starts receiving into a new temporary file in `dir`, refusing more than `limit` bytes.
    pub fn new(dir: &Path, limit: u64) -> std::io::Result<Intake> {
        std::fs::create_dir_all(dir)?;
        let (file, path) = tempfile::NamedTempFile::new_in(dir)?.into_parts();
        Ok(Intake { file: tokio::fs::File::from_std(file), path, hasher: Sha256::new(), size: 0, limit })
    }

    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), IntakeError> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            return Err(IntakeError::TooLarge { limit: self.limit });
        }
        self.hasher.update(chunk);
        self.file.write_all(chunk).await?;
        Ok(())
    }

    pub async fn finish(mut self) -> std::io::Result<Received> {
        self.file.flush().await?;
        self.file.sync_all().await?;
        Ok(Received { path: self.path, hash: ContentHash::from_digest(&self.hasher.finalize()), size: self.size })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_is_hashed_and_counted_and_stops_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut intake = Intake::new(dir.path(), 10).unwrap();
        intake.write(b"hello ").await.unwrap();
        intake.write(b"you").await.unwrap();
        let received = intake.finish().await.unwrap();
        assert_eq!(received.size, 9);
        assert_eq!(received.hash, ContentHash::of(b"hello you"));
        assert_eq!(std::fs::read(&received.path).unwrap(), b"hello you");
        assert_eq!(
            ContentHash::of(b"").as_str(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "the SHA-256 of nothing"
        );

        let mut big = Intake::new(dir.path(), 4).unwrap();
        big.write(b"abcd").await.unwrap();
        assert!(matches!(big.write(b"e").await, Err(IntakeError::TooLarge { limit: 4 })));
        drop(big);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the first, finished file is left: the partial one is gone");
    }

    #[test]
    fn hashes_are_parsed_strictly() {
        let hash = ContentHash::of(b"x");
        assert_eq!(ContentHash::parse(hash.as_str()), Some(hash.clone()));
        assert_eq!(ContentHash::parse(&hash.as_str().to_uppercase()), None);
        assert_eq!(ContentHash::parse("../../etc/passwd"), None);
        assert_eq!(ContentHash::parse(&hash.as_str()[1..]), None);
    }
}
