//! The document flows of `documents.rs` with the files in an S3-compatible bucket: moto's
//! server (from PyPI at pinned versions, `scripts/install-moto`), started by the test on a free
//! port, the bucket read back over its own S3 API to see which objects it holds.

use crate::documents::{MAX_FILE_BYTES, a_request_document_from_upload_to_deletion, consent_conversations_and_erasure};
use crate::harness::Server;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BUCKET: &str = "passerelle-documents";

fn moto_server() -> PathBuf {
    if let Some(path) = std::env::var_os("PASSERELLE_MOTO_SERVER") {
        return path.into();
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install-moto");
    let output = Command::new(&script).output().unwrap_or_else(|e| panic!("cannot run {script:?}: {e}"));
    assert!(output.status.success(), "cannot install moto: {}", String::from_utf8_lossy(&output.stderr));
    PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
}

/// A running moto server, stopped when dropped.
struct Moto {
    child: Child,
    endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Moto {
    fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(moto_server())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let moto = Moto { child, endpoint: format!("http://127.0.0.1:{port}") };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "moto_server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        moto
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder().http_status_as_error(false).build().into()
    }

    /// Creates the bucket (moto takes unsigned requests).
    fn create_bucket(&self) {
        let reply = Self::agent().put(format!("{}/{BUCKET}", self.endpoint)).send_empty().expect("create the bucket");
        assert_eq!(reply.status().as_u16(), 200, "the bucket is created");
    }

    /// The object names the bucket holds, the last segment of each key (the content's hash).
    fn objects(&self) -> Vec<String> {
        let mut reply = Self::agent()
            .get(format!("{}/{BUCKET}?list-type=2&max-keys=1000", self.endpoint))
            .call()
            .expect("list the bucket");
        assert_eq!(reply.status().as_u16(), 200);
        let listing = reply.body_mut().read_to_string().unwrap();
        assert!(!listing.contains("<IsTruncated>true"), "more objects than one page");
        listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split("</Key>").next())
            .map(|key| key.rsplit('/').next().unwrap_or(key).to_owned())
            .collect()
    }

    fn passerelle(&self) -> Server {
        let limit = MAX_FILE_BYTES.to_string();
        Server::start_with(
            &["--demo"],
            &[
                ("PASSERELLE_DOCUMENTS__MAX_FILE_BYTES", &limit),
                ("PASSERELLE_STORAGE__KIND", "s3"),
                ("PASSERELLE_STORAGE__S3_BUCKET", BUCKET),
                ("PASSERELLE_STORAGE__S3_ENDPOINT", &self.endpoint),
                ("PASSERELLE_STORAGE__S3_REGION", "us-east-1"),
                ("PASSERELLE_STORAGE__S3_ACCESS_KEY_ID", "moto"),
                ("PASSERELLE_STORAGE__S3_SECRET_ACCESS_KEY", "moto-secret"),
            ],
        )
    }
}

#[test]
fn documents_in_an_s3_bucket() {
    let moto = Moto::start();
    moto.create_bucket();
    let server = moto.passerelle();
    assert!(server.stdout().iter().any(|l| l.contains(&format!("bucket {BUCKET} at {}", moto.endpoint))));
    assert!(!server.data_dir.join("files").exists(), "nothing in the local directory");
    a_request_document_from_upload_to_deletion(&server, &|| moto.objects());
    consent_conversations_and_erasure(&server, &|| moto.objects());
}
