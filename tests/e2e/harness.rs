//! Starting and stopping the real server, and a small HTTP client with a cookie jar.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_passerelle");

/// A running `passerelle serve`.
pub struct Server {
    child: Option<Child>,
    pub base: String,
    pub data_dir: PathBuf,
    log: PathBuf,
    stdout: Arc<Mutex<Vec<String>>>,
    _temp: Option<tempfile::TempDir>,
}

impl Server {
    /// Starts a server on a fresh temporary data directory.
    pub fn start() -> Server {
        Self::start_with(&[], &[])
    }

    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        let temp = tempfile::tempdir().expect("temp dir");
        let data_dir = temp.path().join("data");
        let mut server = Self::start_in(&data_dir, args, env);
        server._temp = Some(temp);
        server
    }

    /// Starts a server on `data_dir` (which may hold an earlier run's data).
    pub fn start_in(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let log = data_dir.with_extension(format!("log-{}", std::process::id() as u64 * 1000 + unique()));
        let log_file = std::fs::File::create(&log).expect("log file");
        let mut command = Command::new(BIN);
        command
            .arg("serve")
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(data_dir)
            .args(args)
            .env_remove("RUST_LOG")
            .env_remove(passerelle_db::testing::TEST_DATABASE_URL)
            .stdout(Stdio::piped())
            .stderr(log_file);
        if let Some(url) = database_url_for(data_dir) {
            command.env("PASSERELLE_DATABASE_URL", url);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("spawn passerelle");
        let stdout = child.stdout.take().expect("stdout");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (address_tx, address_rx) = std::sync::mpsc::channel();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(address) = line.strip_prefix("Passerelle is listening on ") {
                    let _ = address_tx.send(address.to_owned());
                }
                sink.lock().unwrap().push(line);
            }
        });
        // The address line comes once the server is bound and migrated; if the process dies
        // first, the channel closes and we report its log.
        let base = match address_rx.recv_timeout(Duration::from_secs(120)) {
            Ok(base) => base,
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start:\n{}", std::fs::read_to_string(&log).unwrap_or_default());
            }
        };
        let server =
            Server { child: Some(child), base, data_dir: data_dir.to_owned(), log, stdout: lines, _temp: None };
        server.wait_ready();
        server
    }

    /// Waits until `/readyz` says ready (the search index may be rebuilding at start).
    pub fn wait_ready(&self) {
        let started = Instant::now();
        loop {
            let ready = self.client().get("/readyz");
            if ready.status == 200 {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "never ready: {}", ready.body);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// What the server wrote to standard error so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// What the server printed on standard output so far.
    pub fn stdout(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    /// Kills the process at once (SIGKILL): no shutdown, as in a crash or a power cut of the
    /// process.
    pub fn kill(mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Sends SIGTERM and waits for the process to exit.
    pub fn stop(mut self) -> ExitStatus {
        let mut child = self.child.take().expect("running");
        terminate(&child);
        wait_with_deadline(&mut child, Duration::from_secs(30))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failing test shows what the server said (errors are logged, never shown to clients).
        if std::thread::panicking() {
            let errors: Vec<String> =
                self.log().lines().filter(|l| l.contains("ERROR") || l.contains("WARN")).map(str::to_owned).collect();
            if !errors.is_empty() {
                eprintln!("server log, warnings and errors:\n{}", errors.join("\n"));
            }
        }
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

pub fn terminate(child: &Child) {
    let status = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().expect("kill");
    assert!(status.success());
}

pub fn wait_with_deadline(child: &mut Child, deadline: Duration) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(started.elapsed() < deadline, "the process did not exit within {deadline:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Asks `probe` again until it answers `Some` or `deadline` passes, for what the server sees
/// only after a while (a taxonomy imported by the command line, seen at its next recheck);
/// the last answer is returned either way, so that the caller's assertion names it.
pub fn within<T>(deadline: Duration, mut probe: impl FnMut() -> (bool, T)) -> T {
    let started = Instant::now();
    loop {
        let (done, answer) = probe();
        if done || started.elapsed() >= deadline {
            return answer;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The database of a data directory when the tests run on PostgreSQL
/// (`PASSERELLE_TEST_DATABASE_URL`): one of its own, created on first use and remembered beside
/// the directory, so that a restart and the command line find the same data.
pub fn database_url_for(data_dir: &Path) -> Option<String> {
    let server = passerelle_db::testing::postgres_url()?;
    let marker = data_dir.with_extension("database-url");
    if let Ok(url) = std::fs::read_to_string(&marker) {
        return Some(url);
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let url = runtime.block_on(passerelle_db::testing::new_database(&server));
    // Remembered when the directory's parent exists (a test may point at an impossible one).
    let _ = std::fs::write(&marker, &url);
    Some(url)
}

/// Runs the binary with `args` to completion; returns (exit code, stdout, stderr).
pub fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("RUST_LOG")
        .env_remove(passerelle_db::testing::TEST_DATABASE_URL)
        .stdin(Stdio::null());
    if let Some(at) = args.iter().position(|a| *a == "--data-dir")
        && let Some(url) = args.get(at + 1).and_then(|dir| database_url_for(Path::new(dir)))
    {
        command.env("PASSERELLE_DATABASE_URL", url);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run passerelle");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// An answer, read in full.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// An HTTP client that keeps cookies like a browser would (also `Secure` ones, since the tests
/// speak plain HTTP on loopback) and never follows redirects, so tests can see them.
#[derive(Clone)]
pub struct Client {
    base: String,
    agent: ureq::Agent,
    pub cookies: Arc<Mutex<BTreeMap<String, String>>>,
    headers: Vec<(String, String)>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Client { base: base.to_owned(), agent, cookies: Arc::default(), headers: vec![] }
    }

    /// The same cookie jar, with an extra header on every request.
    pub fn with_header(&self, name: &str, value: &str) -> Client {
        let mut client = self.clone();
        client.headers.push((name.to_owned(), value.to_owned()));
        client
    }

    fn cookie_header(&self) -> Option<String> {
        let jar = self.cookies.lock().unwrap();
        (!jar.is_empty()).then(|| jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "))
    }

    fn absorb(&self, response: ureq::http::Response<ureq::Body>) -> Reply {
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        {
            let mut jar = self.cookies.lock().unwrap();
            for (name, value) in &headers {
                if name == "set-cookie" {
                    let pair = value.split(';').next().unwrap_or_default();
                    if let Some((k, v)) = pair.split_once('=') {
                        let expired = value.to_ascii_lowercase().contains("max-age=0");
                        if v.is_empty() || expired {
                            jar.remove(k.trim());
                        } else {
                            jar.insert(k.trim().to_owned(), v.trim().to_owned());
                        }
                    }
                }
            }
        }
        let mut body = String::new();
        let _ = response.into_body().into_reader().read_to_string(&mut body);
        Reply { status, headers, body }
    }

    fn prepare<B>(&self, mut request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        if let Some(cookies) = self.cookie_header() {
            request = request.header("cookie", &cookies);
        }
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        request
    }

    pub fn get(&self, path: &str) -> Reply {
        let request = self.prepare(self.agent.get(format!("{}{path}", self.base)));
        self.absorb(request.call().expect("GET"))
    }

    /// A GET that reports a connection failure (a server that died) instead of panicking.
    pub fn try_get(&self, path: &str) -> Result<Reply, String> {
        let request = self.prepare(self.agent.get(format!("{}{path}", self.base)));
        request.call().map(|response| self.absorb(response)).map_err(|e| e.to_string())
    }

    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let request = self.prepare(self.agent.post(format!("{}{path}", self.base)));
        self.absorb(request.send_form(fields.iter().copied()).expect("POST form"))
    }

    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> Reply {
        let request = self.prepare(self.agent.post(format!("{}{path}", self.base)));
        self.absorb(request.send_json(body).expect("POST json"))
    }

    /// A JSON POST that reports a connection failure (a server that died) as `None`.
    pub fn try_post_json(&self, path: &str, body: &serde_json::Value) -> Option<Reply> {
        let request = self.prepare(self.agent.post(format!("{}{path}", self.base)));
        request.send_json(body).ok().map(|response| self.absorb(response))
    }

    pub fn put_json(&self, path: &str, body: &serde_json::Value) -> Reply {
        let request = self.prepare(self.agent.put(format!("{}{path}", self.base)));
        self.absorb(request.send_json(body).expect("PUT json"))
    }

    pub fn delete(&self, path: &str) -> Reply {
        let request = self.prepare(self.agent.delete(format!("{}{path}", self.base)));
        self.absorb(request.call().expect("DELETE"))
    }
}

/// A part of a `multipart/form-data` body: a text field, or a file with its name.
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a [u8]),
}

const BOUNDARY: &str = "e2e-boundary-7d1f0c2a9b";

/// The body of a form with files, as a browser sends it.
pub fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, file_name, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

impl Client {
    /// Sends a form with files (`multipart/form-data`) with POST or PUT.
    pub fn send_multipart(&self, method: &str, path: &str, parts: &[Part<'_>]) -> Reply {
        let url = format!("{}{path}", self.base);
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        let body = multipart(parts);
        let request = match method {
            "PUT" => self.prepare(self.agent.put(url)),
            _ => self.prepare(self.agent.post(url)),
        };
        self.absorb(request.header("content-type", &content_type).send(&body[..]).expect("multipart"))
    }

    /// The raw bytes of a GET answer (a download), with its status and headers.
    pub fn get_bytes(&self, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let request = self.prepare(self.agent.get(format!("{}{path}", self.base)));
        let response = request.call().expect("GET");
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let mut bytes = Vec::new();
        let _ = response.into_body().into_reader().read_to_end(&mut bytes);
        (status, headers, bytes)
    }
}

/// A client of the API with a token of `email`'s account, made by the command line.
pub fn api_as(server: &Server, email: &str) -> Client {
    let data = server.data_dir.to_str().unwrap();
    let (code, stdout, stderr) = run(&["token", "create", "--data-dir", data, "--email", email, "--name", "e2e"], &[]);
    assert_eq!(code, 0, "{stderr}");
    Client::new(&server.base).with_header("Authorization", &format!("Bearer {}", stdout.trim()))
}

/// A browser-like client signed in as the demo account of `role`.
pub fn signed_in(server: &Server, role: &str) -> Client {
    let client = server.client();
    let reply = crate::accounts::sign_in(
        &client,
        &format!("{role}@passerelle.example"),
        &crate::accounts::demo_password(server, role),
    );
    assert_eq!(reply.status, 303, "{role} signs in: {}", reply.body);
    client
}

/// The JSON of a reply that succeeded (200 or 201).
pub fn ok(reply: Reply) -> serde_json::Value {
    assert!(reply.status == 200 || reply.status == 201, "{} {}", reply.status, reply.body);
    reply.json()
}

/// The id of the programme with `code`, read through the API.
pub fn programme_id(api: &Client, code: &str) -> String {
    let list = ok(api.get("/api/v1/programmes"));
    let found = list["items"].as_array().unwrap().iter().find(|p| p["code"] == code);
    found.unwrap_or_else(|| panic!("no programme {code} in {list}"))["id"].as_str().unwrap().to_owned()
}
