//! Accounts and web security over HTTP against the real server: sign-up with email
//! verification, sign-in and out, throttling, CSRF, disabled accounts, cookie flags, password
//! storage, API tokens, the SMTP path, and the command line.

use crate::harness::{Client, Reply, Server, run};
use crate::smtp::SmtpSink;
use std::path::Path;
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "umuganda ya kabiri 2026";

/// The CSRF token of the first form of a page.
pub fn csrf(page: &Reply) -> String {
    page.body
        .split(r#"name="csrf" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no CSRF field in the page:\n{}", page.body))
        .to_owned()
}

/// Decodes a quoted-printable email body (soft line breaks and `=XX`).
pub fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path and query of the first link to `path` in an email.
pub fn link_in(email: &str, path: &str) -> String {
    let decoded = quoted_printable(email);
    let start = decoded.find(&format!("{path}?")).unwrap_or_else(|| panic!("no {path} link in:\n{decoded}"));
    decoded[start..].split_whitespace().next().unwrap_or_default().to_owned()
}

/// Waits for the email whose text mentions `needle` in the data directory's outbox folder.
pub fn email_in_outbox(data_dir: &Path, needle: &str) -> String {
    let outbox = data_dir.join("outbox");
    let started = Instant::now();
    loop {
        if let Ok(entries) = std::fs::read_dir(&outbox) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "eml") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    if quoted_printable(&text).contains(needle) {
                        return text;
                    }
                }
            }
        }
        assert!(started.elapsed() < Duration::from_secs(30), "no email about {needle} in {}", outbox.display());
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Signs up as an expert through the form; returns the sign-up answer.
pub fn sign_up_expert(client: &Client, name: &str, email: &str) -> Reply {
    let form = client.get("/signup?as=expert");
    client.post_form(
        "/signup",
        &[
            ("csrf", &csrf(&form)),
            ("account_type", "expert"),
            ("name", name),
            ("email", email),
            ("password", PASSWORD),
            ("locale", "fr"),
        ],
    )
}

/// Signs in through the form; returns the answer (a redirect when it worked).
pub fn sign_in(client: &Client, email: &str, password: &str) -> Reply {
    let form = client.get("/login");
    client.post_form("/login", &[("csrf", &csrf(&form)), ("email", email), ("password", password), ("next", "")])
}

#[test]
fn sign_up_verify_sign_in_and_out() {
    let server = Server::start();
    let client = server.client();

    let done = sign_up_expert(&client, "Aline Uwase", "aline.uwase@example.be");
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("aline.uwase@example.be"));

    // The verification email is in the outbox folder, in French (the language chosen).
    let email = email_in_outbox(&server.data_dir, "verify-email");
    assert!(quoted_printable(&email).contains("Bonjour Aline Uwase"), "{email}");
    let link = link_in(&email, "/verify-email");
    // Logged once its burst of emails is over (one line per burst): wait for the line.
    let logged = Instant::now();
    while !server.log().contains("/verify-email?token=") {
        assert!(logged.elapsed() < Duration::from_secs(30), "the link is logged for local use");
        std::thread::sleep(Duration::from_millis(20));
    }

    // Following the link shows a button; pressing it verifies (no change on GET).
    let confirm = client.get(&link);
    assert_eq!(confirm.status, 200);
    let verified = client
        .post_form("/verify-email", &[("csrf", &csrf(&confirm)), ("token", link.split("token=").nth(1).unwrap())]);
    assert_eq!(verified.status, 200, "{}", verified.body);
    // The link works once.
    assert_eq!(client.get(&link).status, 400);

    let signed_in = sign_in(&client, "Aline.Uwase@example.be", PASSWORD);
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    let account = client.get("/account");
    assert_eq!(account.status, 200);
    assert!(account.body.contains("aline.uwase@example.be"));
    assert!(!account.body.contains("verify-resend"), "verified: no resend button");

    let old_cookies = client.cookies.lock().unwrap().clone();
    let out = client.post_form("/logout", &[("csrf", &csrf(&account))]);
    assert_eq!(out.status, 303);
    assert_eq!(out.header("location"), Some("/login?signed_out=1"));
    assert_eq!(client.get("/account").status, 303, "signed out");

    // The old session cookie is useless after logout.
    let replay = Client::new(&server.base);
    *replay.cookies.lock().unwrap() = old_cookies;
    let attempt = replay.get("/account");
    assert_eq!(attempt.status, 303);
    assert!(attempt.header("location").unwrap().starts_with("/login"));
}

#[test]
fn wrong_passwords_are_throttled_and_answers_do_not_reveal_accounts() {
    let server = Server::start_with(&["--demo"], &[]);
    let client = server.client();
    let unknown = sign_in(&client, "nobody@example.org", "whatever whatever");
    let wrong = sign_in(&client, "expert@passerelle.example", "whatever whatever");
    assert_eq!(unknown.status, 422);
    assert_eq!(wrong.status, 422);
    let message =
        |r: &Reply| r.body.split(r#"role="alert"><p>"#).nth(1).and_then(|s| s.split("</p>").next()).map(str::to_owned);
    assert!(message(&wrong).is_some());
    assert_eq!(message(&unknown), message(&wrong), "same answer for unknown account and wrong password");

    let mut throttled = None;
    for _ in 0..10 {
        let reply = sign_in(&client, "expert@passerelle.example", "still not the password");
        if reply.status == 429 {
            throttled = Some(reply);
            break;
        }
        assert_eq!(reply.status, 422);
    }
    let throttled = throttled.expect("throttled after repeated failures");
    let retry: u64 = throttled.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=300).contains(&retry));
}

#[test]
fn state_changes_need_the_csrf_token_and_the_same_origin() {
    let server = Server::start_with(&["--demo"], &[]);
    let password = demo_password(&server, "expert");
    let client = server.client();
    assert_eq!(sign_in(&client, "expert@passerelle.example", &password).status, 303);

    let no_token = client.post_form("/account/settings", &[("name", "Mallory"), ("locale", "en")]);
    assert_eq!(no_token.status, 403);
    let bad_token = client.post_form("/account/settings", &[("csrf", "forged"), ("name", "Mallory"), ("locale", "en")]);
    assert_eq!(bad_token.status, 403);

    let account = client.get("/account");
    let token = csrf(&account);
    let cross_site = client
        .with_header("Origin", "https://evil.example")
        .with_header("Sec-Fetch-Site", "cross-site")
        .post_form("/account/settings", &[("csrf", &token), ("name", "Mallory"), ("locale", "en")]);
    assert_eq!(cross_site.status, 403, "cross-origin POST refused even with the token");
    assert!(!client.get("/account").body.contains("Mallory"));

    let same_site = client.post_form("/account/settings", &[("csrf", &token), ("name", "Aline U."), ("locale", "en")]);
    assert_eq!(same_site.status, 303);
    assert!(client.get("/account").body.contains("Aline U."));

    // Signing in needs the token too (login CSRF).
    let fresh = Client::new(&server.base);
    let forged_login = fresh.post_form("/login", &[("email", "expert@passerelle.example"), ("password", &password)]);
    assert_eq!(forged_login.status, 403);
}

/// The demo password of `role`, as printed at start (once the start's work is done: waits for
/// the line).
pub fn demo_password(server: &Server, role: &str) -> String {
    let started = Instant::now();
    loop {
        let printed = server
            .stdout()
            .iter()
            .find(|l| l.starts_with("Demo account:") && l.split_whitespace().nth(2) == Some(role))
            .and_then(|l| l.split_whitespace().last().map(str::to_owned));
        if let Some(password) = printed {
            return password;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "no demo {role} in {:?}", server.stdout());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_disabled_account_stops_at_once() {
    let server = Server::start_with(&["--demo"], &[]);
    let expert = server.client();
    assert_eq!(sign_in(&expert, "expert@passerelle.example", &demo_password(&server, "expert")).status, 303);
    assert_eq!(expert.get("/account").status, 200);

    let admin = server.client();
    assert_eq!(sign_in(&admin, "admin@passerelle.example", &demo_password(&server, "admin")).status, 303);
    let users = admin.get("/admin/users?q=expert%40passerelle");
    assert_eq!(users.status, 200);
    assert!(!users.body.contains("/disable"), "the list only lists: no button on its rows");
    let id = users
        .body
        .split("href=\"/admin/users/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|id| id.len() == 36)
        .expect("a link to the expert's account");
    let account = admin.get(&format!("/admin/users/{id}"));
    assert!(account.body.contains(&format!("/admin/users/{id}/disable")), "disabled from the account's own page");
    let disabled = admin.post_form(&format!("/admin/users/{id}/disable"), &[("csrf", &csrf(&account))]);
    assert_eq!(disabled.status, 303);
    assert_eq!(disabled.header("location"), Some(format!("/admin/users/{id}?done=disabled").as_str()));

    let after = expert.get("/account");
    assert_eq!(after.status, 303, "the disabled expert's session no longer works");
    assert_eq!(
        sign_in(&Client::new(&server.base), "expert@passerelle.example", &demo_password(&server, "expert")).status,
        422
    );

    let audit = admin.get("/admin/audit?action=account.disable");
    assert!(audit.body.contains("account.disable"));
    assert!(audit.body.contains("admin@passerelle.example"));
}

#[test]
fn secure_session_cookie_passwords_and_next() {
    let server = Server::start_with(&["--demo"], &[("PASSERELLE_INSECURE_COOKIES", "false")]);
    let client = server.client();
    let form = client.get("/login?next=//evil.example/steal");
    let reply = client.post_form(
        "/login",
        &[
            ("csrf", &csrf(&form)),
            ("email", "coordinator@passerelle.example"),
            ("password", &demo_password(&server, "coordinator")),
            ("next", "//evil.example/steal"),
        ],
    );
    assert_eq!(reply.status, 303);
    assert_eq!(reply.header("location"), Some("/"), "next= only leads to our own paths");
    let cookie =
        reply.headers_named("set-cookie").into_iter().find(|c| c.starts_with("__Host-passerelle-session=")).unwrap();
    for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain"));

    // A second sign-in gets a new session id.
    let again = sign_in(&server.client(), "coordinator@passerelle.example", &demo_password(&server, "coordinator"));
    let second =
        again.headers_named("set-cookie").into_iter().find(|c| c.starts_with("__Host-passerelle-session=")).unwrap();
    assert_ne!(cookie.split(';').next(), second.split(';').next());

    let next = client.get("/login?next=/account");
    assert!(next.status == 303 && next.header("location") == Some("/account"), "signed in: go to next");

    let hashes = query_strings(&server.data_dir, "SELECT password_hash FROM users");
    assert!(!hashes.is_empty() && hashes.iter().all(|h| h.starts_with("$argon2id$")), "{hashes:?}");
    let tokens = query_strings(&server.data_dir, "SELECT token_hash FROM sessions");
    let token = cookie.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert!(!tokens.iter().any(|t| t == token), "session tokens are stored hashed");
}

/// Runs a query returning one text column on the server's database (SQLite, or the test's
/// PostgreSQL database).
pub fn query_strings(data_dir: &Path, sql: &str) -> Vec<String> {
    let database_url = crate::harness::database_url_for(data_dir);
    let path = data_dir.join("passerelle.db");
    let sql = sql.to_owned();
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async move {
        use sqlx::{ConnectOptions, Connection};
        sqlx::any::install_default_drivers();
        let mut connection = match database_url {
            Some(url) => sqlx::AnyConnection::connect(&url).await.unwrap(),
            None => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true);
                sqlx::AnyConnection::connect(options.to_url_lossy().as_str()).await.unwrap()
            }
        };
        sqlx::query_scalar::<_, String>(&sql).fetch_all(&mut connection).await.unwrap()
    })
}

#[test]
fn api_tokens_act_for_their_owner_until_revoked() {
    let server = Server::start_with(&["--demo"], &[]);
    let client = server.client();
    assert_eq!(sign_in(&client, "expert@passerelle.example", &demo_password(&server, "expert")).status, 303);
    let account = client.get("/account");
    let created = client.post_form("/account/tokens", &[("csrf", &csrf(&account)), ("name", "my script")]);
    assert_eq!(created.status, 200);
    let token = created
        .body
        .split(r#"<p class="secret""#)
        .nth(1)
        .and_then(|s| s.split('>').nth(1))
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_owned();
    assert!(token.starts_with("psl_"));

    let api = Client::new(&server.base).with_header("Authorization", &format!("Bearer {token}"));
    let me = api.get("/api/v1/me");
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["email"], "expert@passerelle.example");
    assert_eq!(me.json()["role"], "expert");

    let anonymous = Client::new(&server.base).get("/api/v1/me");
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.header("content-type"), Some("application/problem+json"));

    let page = client.get("/account");
    let id = page.body.split("/account/tokens/").nth(1).and_then(|s| s.split('/').next()).unwrap();
    let revoked = client.post_form(&format!("/account/tokens/{id}/revoke"), &[("csrf", &csrf(&page))]);
    assert_eq!(revoked.status, 303);
    let after = api.get("/api/v1/me");
    assert_eq!(after.status, 401);
    assert_eq!(after.header("content-type"), Some("application/problem+json"));
    assert!(after.json()["title"].is_string());
}

#[test]
fn emails_go_through_smtp_when_configured() {
    let sink = SmtpSink::start();
    let port = sink.port.to_string();
    let server = Server::start_with(
        &[],
        &[
            ("PASSERELLE_EMAIL__SMTP_HOST", "127.0.0.1"),
            ("PASSERELLE_EMAIL__SMTP_PORT", &port),
            ("PASSERELLE_EMAIL__SMTP_TLS", "none"),
        ],
    );
    let client = server.client();
    assert_eq!(sign_up_expert(&client, "Jean Mugisha", "jean.mugisha@example.lu").status, 200);
    let message = sink.next_message();
    assert!(message.contains("To: jean.mugisha@example.lu"), "{message}");
    let link = link_in(&message, "/verify-email");
    assert_eq!(client.get(&link).status, 200, "the link from the SMTP email works");
    assert!(!server.data_dir.join("outbox").exists(), "nothing written to the folder when SMTP is configured");
}

#[test]
fn password_reset_by_email() {
    let server = Server::start_with(&["--demo"], &[]);
    let client = server.client();
    let form = client.get("/forgot-password");
    let asked = client.post_form("/forgot-password", &[("csrf", &csrf(&form)), ("email", "expert@passerelle.example")]);
    assert_eq!(asked.status, 200);
    let unknown = client.post_form("/forgot-password", &[("csrf", &csrf(&form)), ("email", "nobody@example.org")]);
    assert_eq!(asked.body.split("<main").nth(1), unknown.body.split("<main").nth(1), "same answer either way");

    let link = link_in(&email_in_outbox(&server.data_dir, "reset-password"), "/reset-password");
    let page = client.get(&link);
    assert_eq!(page.status, 200);
    let token = link.split("token=").nth(1).unwrap();
    let weak = client.post_form(
        "/reset-password",
        &[("csrf", &csrf(&page)), ("token", token), ("password", "password1234"), ("password_confirm", "password1234")],
    );
    assert_eq!(weak.status, 422, "a common password is refused");
    let new_password = "ikawa nziza ya Huye";
    let done = client.post_form(
        "/reset-password",
        &[("csrf", &csrf(&page)), ("token", token), ("password", new_password), ("password_confirm", new_password)],
    );
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(client.get(&link).status, 400, "used once");
    assert_eq!(sign_in(&server.client(), "expert@passerelle.example", new_password).status, 303);
}

#[test]
fn command_line_accounts_and_tokens() {
    let server = Server::start();
    let data = server.data_dir.to_str().unwrap().to_owned();
    let (code, stdout, stderr) = run(
        &[
            "user",
            "add",
            "--data-dir",
            &data,
            "--email",
            "first.admin@example.org",
            "--name",
            "First Admin",
            "--role",
            "admin",
        ],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let password = stdout.lines().find_map(|l| l.strip_prefix("Password (shown once): ")).unwrap().to_owned();
    assert_eq!(
        sign_in(&server.client(), "first.admin@example.org", &password).status,
        303,
        "works on a running server's data"
    );

    let (code, token, _) =
        run(&["token", "create", "--data-dir", &data, "--email", "first.admin@example.org", "--name", "ci"], &[]);
    assert_eq!(code, 0);
    let api = Client::new(&server.base).with_header("Authorization", &format!("Bearer {}", token.trim()));
    assert_eq!(api.get("/api/v1/me").json()["role"], "admin");

    let (code, _, _) = run(
        &["user", "set-role", "--data-dir", &data, "--email", "first.admin@example.org", "--role", "coordinator"],
        &[],
    );
    assert_eq!(code, 0);
    assert_eq!(api.get("/api/v1/me").json()["role"], "coordinator");
    let (code, _, _) = run(&["user", "disable", "--data-dir", &data, "--email", "first.admin@example.org"], &[]);
    assert_eq!(code, 0);
    assert_eq!(api.get("/api/v1/me").status, 401, "a disabled account's tokens stop working");

    let (code, _, stderr) =
        run(&["user", "add", "--data-dir", &data, "--email", "x@example.org", "--name", "X", "--role", "emperor"], &[]);
    assert_ne!(code, 0);
    assert!(stderr.contains("not a role"), "{stderr}");
}
