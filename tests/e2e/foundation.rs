//! The foundation: the server starts, speaks English and French, answers errors as pages or
//! problem details, reuses its data directory, stops cleanly, and refuses bad configuration.

use crate::harness::{Server, run};

#[test]
fn health_home_page_and_languages() {
    let server = Server::start();
    let client = server.client();

    let health = client.get("/healthz");
    assert_eq!((health.status, health.body.as_str()), (200, "ok"));
    let ready = client.get("/readyz").json();
    assert_eq!(ready["database"], "ok");

    let english = client.get("/");
    assert_eq!(english.status, 200);
    assert!(english.body.contains(r#"<html lang="en">"#));
    assert!(english.body.contains("Diaspora professionals"));
    assert!(english.header("content-type").unwrap().starts_with("text/html"));

    let french = client.with_header("Accept-Language", "fr-BE,fr;q=0.9,en;q=0.5").get("/");
    assert!(french.body.contains(r#"<html lang="fr">"#));
    assert!(french.body.contains("Professionnels de la diaspora"));
    assert!(!french.body.contains("Diaspora professionals"));

    // An explicit choice wins over the header and is remembered.
    let chosen = client.with_header("Accept-Language", "en").get("/?lang=fr");
    assert!(chosen.body.contains(r#"<html lang="fr">"#));
    assert!(chosen.headers_named("set-cookie").iter().any(|c| c.starts_with("lang=fr")));
    let remembered = client.with_header("Accept-Language", "en").get("/");
    assert!(remembered.body.contains(r#"<html lang="fr">"#));
}

#[test]
fn errors_are_pages_for_people_and_problem_details_for_the_api() {
    let server = Server::start();
    let client = server.client();

    let missing = client.get("/no/such/page");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    let manquante = client.with_header("Accept-Language", "fr").get("/no/such/page");
    assert_eq!(manquante.status, 404);
    assert!(manquante.body.contains("Page introuvable") && manquante.body.contains(r#"lang="fr""#));

    let api = client.get("/api/v1/nothing-here");
    assert_eq!(api.status, 404);
    assert_eq!(api.header("content-type"), Some("application/problem+json"));
    let problem = api.json();
    assert_eq!(problem["status"], 404);
    assert_eq!(problem["instance"], "/api/v1/nothing-here");

    let form = client.get("/login");
    let token = crate::accounts::csrf(&form);
    let wrong_method = client.post_form("/healthz", &[("csrf", &token)]);
    assert_eq!(wrong_method.status, 405);
    assert!(wrong_method.header("content-type").unwrap().starts_with("text/html"));
}

#[test]
fn security_headers_assets_and_metrics() {
    let server = Server::start();
    let client = server.client();
    let home = client.get("/");
    let csp = home.header("content-security-policy").unwrap();
    for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(home.header("strict-transport-security"), None, "no HSTS over plain HTTP (cookies not Secure)");
    assert!(home.header("referrer-policy").is_some());
    assert!(home.header("x-request-id").is_some_and(|id| id.len() >= 32));

    let stylesheet = home.body.split(r#"<link rel="stylesheet" href=""#).nth(1).unwrap().split('"').next().unwrap();
    let css = client.get(stylesheet);
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(css.header("cache-control").unwrap().contains("immutable"));

    let metrics = client.get("/metrics");
    assert_eq!(metrics.status, 200);
    assert!(
        metrics.body.contains(r#"passerelle_http_requests_total{method="GET",route="/",status="200"} 1"#),
        "{}",
        metrics.body
    );
    assert!(metrics.body.contains("passerelle_http_request_duration_seconds_bucket"));
}

#[test]
fn restart_reuses_the_database_and_sigterm_exits_cleanly() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let first = Server::start_in(&data, &[], &[]);
    assert!(first.stdout().iter().any(|l| l.contains(&*data.display().to_string())), "{:?}", first.stdout());
    let status = first.stop();
    assert_eq!(status.code(), Some(0), "SIGTERM must end the server cleanly");
    if crate::harness::database_url_for(&data).is_none() {
        assert!(data.join("passerelle.db").exists());
    }

    let second = Server::start_in(&data, &[], &[]);
    assert!(second.log().contains("applied=0"), "{}", second.log());
    assert_eq!(second.stop().code(), Some(0));

    let (code, stdout, _) = run(&["migrate", "--data-dir", data.to_str().unwrap()], &[]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("0 migration(s) applied"), "{stdout}");
}

#[test]
fn bad_configuration_stops_with_one_sentence_and_exit_code_2() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let data = data.to_str().unwrap();
    let file = temp.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let under_file = file.join("data");

    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (vec!["serve", "--data-dir", data, "--log-format", "xml"], vec![], "log_format"),
        (vec!["serve", "--data-dir", data, "--listen", "here"], vec![], "listen"),
        (vec!["serve", "--data-dir", data], vec![("PASSERELLE_LISTEN", "nowhere:port")], "listen"),
        (vec!["serve", "--data-dir", data], vec![("PASSERELLE_LOG_FORMAT", "yaml")], "log_format"),
        (vec!["serve", "--data-dir", under_file.to_str().unwrap(), "--listen", "127.0.0.1:0"], vec![], "data_dir"),
        (
            vec!["serve", "--data-dir", data],
            vec![("PASSERELLE_MATCHING__WEIGHTS__ORIGIN", "-3")],
            "matching.weights.origin",
        ),
        (
            vec!["serve", "--data-dir", data],
            vec![("PASSERELLE_PROFILES__STALE_AFTER_DAYS", "0")],
            "profiles.stale_after_days",
        ),
    ];
    for (args, env, key) in cases {
        let (code, _, stderr) = run(&args, &env);
        assert_eq!(code, 2, "{args:?} {env:?}: {stderr}");
        assert!(stderr.contains(&format!("configuration error: {key}: ")), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one sentence: {stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn configuration_file_environment_and_unknown_keys() {
    let temp = tempfile::tempdir().unwrap();
    let config = temp.path().join("passerelle.toml");
    std::fs::write(&config, "log_format = \"json\"\nfavourite_colour = \"blue\"\n").unwrap();
    let data = temp.path().join("data");
    let server = Server::start_in(&data, &[], &[("PASSERELLE_CONFIG", config.to_str().unwrap())]);
    server.client().get("/");
    let log = server.log();
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with('{')), "JSON logs expected:\n{log}");
    assert!(log.contains("favourite_colour"), "unknown key warned:\n{log}");
    assert!(log.contains(r#""request_id""#), "request id on request lines:\n{log}");
}
