//! The `documents.*` and `storage.*` keys of the configuration: the limits on documents, the
//! virus scanner, and where files are stored (a directory under the data directory by default,
//! an S3-compatible bucket for several instances).

use crate::config::ConfigError;
use passerelle_files::{Backend, Store, clamd};
use passerelle_missions::documents::{Files, Limits};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(default)]
pub(crate) struct RawDocuments {
    max_file_bytes: u64,
    max_record_bytes: u64,
    clamd: Option<String>,
}

impl Default for RawDocuments {
    fn default() -> Self {
        let limits = Limits::default();
        Self { max_file_bytes: limits.max_file_bytes, max_record_bytes: limits.max_owner_bytes, clamd: None }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default)]
pub(crate) struct RawStorage {
    kind: String,
    path: Option<PathBuf>,
    s3_bucket: Option<String>,
    s3_region: String,
    s3_endpoint: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
}

impl Default for RawStorage {
    fn default() -> Self {
        Self {
            kind: "local".into(),
            path: None,
            s3_bucket: None,
            s3_region: "us-east-1".into(),
            s3_endpoint: None,
            s3_access_key_id: None,
            s3_secret_access_key: None,
        }
    }
}

/// The smallest and largest file limit accepted.
const MIN_FILE_BYTES: u64 = 1024;
const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// Documents' configuration, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentsConfig {
    pub backend: Backend,
    pub limits: Limits,
    pub clamd: Option<clamd::Address>,
}

impl DocumentsConfig {
    /// Opens the store; uploads are received under the data directory first.
    pub fn open(&self, data_dir: &Path) -> anyhow::Result<Files> {
        let store = Store::open(&self.backend, &data_dir.join("tmp").join("uploads"))?;
        Ok(Files { store, limits: self.limits, clamd: self.clamd.clone() })
    }
}

pub(crate) fn check(
    documents: RawDocuments,
    storage: RawStorage,
    data_dir: &Path,
) -> Result<DocumentsConfig, ConfigError> {
    if !(MIN_FILE_BYTES..=MAX_FILE_BYTES).contains(&documents.max_file_bytes) {
        return Err(ConfigError::new(
            "documents.max_file_bytes",
            format!("must be between {MIN_FILE_BYTES} and {MAX_FILE_BYTES} bytes"),
        ));
    }
    if documents.max_record_bytes < documents.max_file_bytes {
        return Err(ConfigError::new("documents.max_record_bytes", "must be at least documents.max_file_bytes"));
    }
    let clamd = match documents.clamd.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(clamd::Address::parse(text).ok_or_else(|| {
            ConfigError::new("documents.clamd", format!("{text:?} is not unix:/path/to/clamd.ctl or tcp:host:port"))
        })?),
    };
    let backend = match storage.kind.trim().to_ascii_lowercase().as_str() {
        "local" => Backend::Local { root: storage.path.unwrap_or_else(|| data_dir.join("files")) },
        "s3" => {
            let bucket = storage
                .s3_bucket
                .filter(|b| !b.trim().is_empty())
                .ok_or_else(|| ConfigError::new("storage.s3_bucket", "is required when storage.kind is s3"))?;
            let endpoint =
                storage.s3_endpoint.map(|e| e.trim().trim_end_matches('/').to_owned()).filter(|e| !e.is_empty());
            if let Some(endpoint) = &endpoint
                && !(endpoint.starts_with("https://") || endpoint.starts_with("http://"))
            {
                return Err(ConfigError::new("storage.s3_endpoint", format!("{endpoint:?} is not a web address")));
            }
            Backend::S3 {
                bucket,
                region: storage.s3_region,
                endpoint,
                access_key_id: storage.s3_access_key_id,
                secret_access_key: storage.s3_secret_access_key,
            }
        }
        other => return Err(ConfigError::new("storage.kind", format!("{other:?} is not local or s3"))),
    };
    Ok(DocumentsConfig {
        backend,
        limits: Limits { max_file_bytes: documents.max_file_bytes, max_owner_bytes: documents.max_record_bytes },
        clamd,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_store_files_under_the_data_directory() {
        let checked = check(RawDocuments::default(), RawStorage::default(), Path::new("data")).unwrap();
        assert_eq!(checked.backend, Backend::Local { root: PathBuf::from("data/files") });
        assert_eq!(checked.limits, Limits::default());
        assert_eq!(checked.clamd, None);
    }

    #[test]
    fn bad_values_name_their_key() {
        let key = |documents: RawDocuments, storage: RawStorage| {
            check(documents, storage, Path::new("data")).unwrap_err().to_string()
        };
        assert!(
            key(RawDocuments { max_file_bytes: 10, ..Default::default() }, RawStorage::default())
                .contains("documents.max_file_bytes")
        );
        assert!(
            key(RawDocuments { max_record_bytes: 1, ..Default::default() }, RawStorage::default())
                .contains("documents.max_record_bytes")
        );
        assert!(
            key(RawDocuments { clamd: Some("clamd".into()), ..Default::default() }, RawStorage::default())
                .contains("documents.clamd")
        );
        assert!(
            key(RawDocuments::default(), RawStorage { kind: "s3".into(), ..Default::default() })
                .contains("storage.s3_bucket")
        );
        assert!(
            key(RawDocuments::default(), RawStorage { kind: "ftp".into(), ..Default::default() })
                .contains("storage.kind")
        );
        let s3 = RawStorage {
            kind: "s3".into(),
            s3_bucket: Some("papers".into()),
            s3_endpoint: Some("http://127.0.0.1:9000/".into()),
            ..Default::default()
        };
        let checked = check(RawDocuments::default(), s3, Path::new("data")).unwrap();
        assert!(matches!(checked.backend, Backend::S3 { endpoint: Some(ref e), .. } if e == "http://127.0.0.1:9000"));
    }
}
