//! The store itself: a local directory (the default, under the data directory), an S3-compatible
//! bucket (several instances then share the files), or memory (tests). Objects are named by
//! the SHA-256 of their content, under `objects/ab/cd/abcd…`, so one content is stored once
//! however many documents point at it, and a name never carries anything a person typed.

use crate::intake::{ContentHash, Received};
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::io::AsyncReadExt;

/// Where objects live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A directory of this machine.
    Local { root: PathBuf },
    /// An S3-compatible bucket (AWS, MinIO, Garage, Ceph…).
    S3 {
        bucket: String,
        region: String,
        /// The service's address, for anything but AWS itself (`http://127.0.0.1:9000`).
        endpoint: Option<String>,
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
    },
    /// In this process only, for tests.
    Memory,
}

/// Files above this size are sent to the store in parts (S3's multipart upload).
const SINGLE_PUT_MAX: u64 = 8 * 1024 * 1024;

/// The file store.
#[derive(Debug, Clone)]
pub struct Store {
    objects: Arc<dyn ObjectStore>,
    temp_dir: PathBuf,
    description: String,
}

impl Store {
    /// Opens the store of `backend`; uploads are received in `temp_dir` first.
    pub fn open(backend: &Backend, temp_dir: &Path) -> anyhow::Result<Store> {
        let (objects, description): (Arc<dyn ObjectStore>, String) = match backend {
            Backend::Local { root } => {
                std::fs::create_dir_all(root)?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(root)?.with_automatic_cleanup(true);
                (Arc::new(store), format!("directory {}", root.display()))
            }
            Backend::S3 { bucket, region, endpoint, access_key_id, secret_access_key } => {
                // The HTTP client's TLS takes its cryptography from the process's default
                // provider; an earlier installation (by another part of the program) is fine.
                let _ = rustls::crypto::ring::default_provider().install_default();
                let mut builder =
                    object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket).with_region(region);
                if let Some(endpoint) = endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"))
                        .with_virtual_hosted_style_request(false);
                }
                if let Some(key) = access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = secret_access_key {
                    builder = builder.with_secret_access_key(secret);
                }
                let where_ = endpoint.as_deref().unwrap_or("AWS");
                (Arc::new(builder.build()?), format!("bucket {bucket} at {where_}"))
            }
            Backend::Memory => (Arc::new(object_store::memory::InMemory::new()), "memory".to_owned()),
        };
        Ok(Store { objects, temp_dir: temp_dir.to_owned(), description })
    }

    /// A store in memory, receiving uploads in the system's temporary directory (tests).
    pub fn in_memory() -> Store {
        let objects: Arc<dyn ObjectStore> = Arc::new(object_store::memory::InMemory::new());
        Store { objects, temp_dir: std::env::temp_dir().join("passerelle-uploads"), description: "memory".into() }
    }

    /// Where uploads are received before they are stored.
    pub fn temp_dir(&self) -> &Path {
        &self.temp_dir
    }

    /// "directory data/files", "bucket documents at http://…": for the start-up message.
    pub fn describe(&self) -> &str {
        &self.description
    }

    fn location(hash: &ContentHash) -> ObjectPath {
        let h = hash.as_str();
        ObjectPath::from(format!("objects/{}/{}/{h}", &h[..2], &h[2..4]))
    }

    /// Stores a received file under its hash (nothing to do when that content is there already).
    pub async fn put(&self, received: &Received) -> anyhow::Result<()> {
        let location = Self::location(&received.hash);
        if self.exists(&received.hash).await? {
            return Ok(());
        }
        let mut file = tokio::fs::File::open(&received.path).await?;
        if received.size <= SINGLE_PUT_MAX {
            let mut bytes = Vec::with_capacity(usize::try_from(received.size).unwrap_or(0));
            file.read_to_end(&mut bytes).await?;
            self.objects.put(&location, PutPayload::from(bytes)).await?;
            return Ok(());
        }
        let mut writer = WriteMultipart::new(self.objects.put_multipart(&location).await?);
        let mut buffer = vec![0; 1024 * 1024];
        loop {
            let n = file.read(&mut buffer).await?;
            if n == 0 {
                break;
            }
            // At most a few parts in memory at once.
            writer.wait_for_capacity(4).await?;
            writer.write(&buffer[..n]);
        }
        writer.finish().await?;
        Ok(())
    }

    /// Stores bytes already in memory (demonstration data).
    pub async fn put_bytes(&self, bytes: Vec<u8>) -> anyhow::Result<ContentHash> {
        let hash = ContentHash::of(&bytes);
        self.objects.put(&Self::location(&hash), PutPayload::from(bytes)).await?;
        Ok(hash)
    }

    pub async fn exists(&self, hash: &ContentHash) -> anyhow::Result<bool> {
        match self.objects.head(&Self::location(hash)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    /// The content of an object, as a stream of chunks, with its size.
    pub async fn get(&self, hash: &ContentHash) -> anyhow::Result<(u64, BoxStream<'static, std::io::Result<Bytes>>)> {
        let found = self.objects.get(&Self::location(hash)).await?;
        let size = found.meta.size;
        let stream = found.into_stream().map(|chunk| chunk.map_err(std::io::Error::other)).boxed();
        Ok((size, stream))
    }

    /// Removes an object; one already gone is not an error.
    pub async fn delete(&self, hash: &ContentHash) -> anyhow::Result<()> {
        match self.objects.delete(&Self::location(hash)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(error.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::Intake;
    use futures_util::TryStreamExt;

    async fn receive(store: &Store, bytes: &[u8]) -> Received {
        let mut intake = Intake::new(store.temp_dir(), 64 * 1024 * 1024).unwrap();
        for chunk in bytes.chunks(300_000) {
            intake.write(chunk).await.unwrap();
        }
        intake.finish().await.unwrap()
    }

    #[tokio::test]
    async fn objects_go_in_by_content_and_come_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let backend = Backend::Local { root: dir.path().join("files") };
        let store = Store::open(&backend, &dir.path().join("tmp")).unwrap();
        // One small object, and one large enough to go in parts.
        for size in [1_000usize, 9 * 1024 * 1024 + 17] {
            let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let received = receive(&store, &bytes).await;
            store.put(&received).await.unwrap();
            assert!(store.exists(&received.hash).await.unwrap());
            let h = received.hash.as_str();
            assert!(dir.path().join(format!("files/objects/{}/{}/{h}", &h[..2], &h[2..4])).is_file());
            let (length, stream) = store.get(&received.hash).await.unwrap();
            let back: Vec<u8> = stream.map_ok(|b| b.to_vec()).try_concat().await.unwrap();
            assert_eq!((length as usize, back.len()), (size, size));
            assert!(back == bytes);
            store.delete(&received.hash).await.unwrap();
            assert!(!store.exists(&received.hash).await.unwrap());
            store.delete(&received.hash).await.unwrap();
        }
    }
}
