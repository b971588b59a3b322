//! The exports through the whole router: a roster far beyond what one SQL statement may bind
//! (SQLite accepts 32,766 parameters), and the variant for spreadsheets in the reader's language.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use passerelle_accounts::Role;
use passerelle_accounts::sessions::{self, Lifetime};
use passerelle_accounts::users::{self, NewUser};
use passerelle_core::{Country, Email, Locale, Sector};
use passerelle_db::Db;
use passerelle_profiles::model::ProfileData;
use passerelle_profiles::store;
use passerelle_web::{AppState, Metrics, WebConfig};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::time::Instant;
use tower::ServiceExt;

struct Setup {
    _dir: tempfile::TempDir,
    state: AppState,
    cookie: String,
}

/// A database, an index, and a signed-in coordinator who reads `locale`.
async fn setup(locale: Locale) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path()).await.unwrap();
    db.migrate().await.unwrap();
    let (index, _) = passerelle_search::SearchIndex::open(&dir.path().join("index")).unwrap();
    let search = passerelle_search::Search::new(
        std::sync::Arc::new(index),
        std::sync::Arc::default(),
        passerelle_search::Scoring::default(),
        time::Duration::days(182),
    );
    let mut tx = db.begin().await.unwrap();
    let coordinator = NewUser {
        email: Email::parse("coordinator@exports.example").unwrap(),
        name: "Coordinator".into(),
        role: Role::Coordinator,
        password_hash: "not used".into(),
        locale,
        institution: None,
        email_verified: true,
    };
    let user = users::insert(&mut tx, &coordinator).await.unwrap();
    let opened = sessions::open(&mut tx, user.id, Lifetime::default(), "exports test", "127.0.0.1").await.unwrap();
    tx.commit().await.unwrap();
    let state = AppState::new(db, WebConfig::default(), Metrics::new(|_| {}), std::sync::Arc::new(search));
    Setup { _dir: dir, state, cookie: format!("passerelle-session={}", opened.token) }
}

/// A profile living in Belgium, from Rwanda, in health.
fn rwandan(name: String) -> ProfileData {
    ProfileData {
        name,
        residence_country: Some(Country::parse("BE").unwrap()),
        origins: vec![Country::parse("RW").unwrap()],
        sectors: vec![Sector::Health],
        ..ProfileData::default()
    }
}

/// Writes the profiles in one transaction, through the store.
async fn experts(db: &Db, profiles: impl Iterator<Item = ProfileData>) {
    let mut tx = db.begin().await.unwrap();
    for profile in profiles {
        store::create(&mut tx, &profile, None, None, None).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// The answer to `GET path`, read in full.
async fn get(setup: &Setup, path: &str) -> (StatusCode, Vec<(String, String)>, Vec<u8>) {
    let mut request = Request::get(path).header(header::COOKIE, &setup.cookie).body(Body::empty()).unwrap();
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    let response = passerelle_web::app(setup.state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

#[tokio::test]
async fn a_roster_of_100000_experts_is_exported_whole() {
    const EXPERTS: usize = 100_000;
    let setup = setup(Locale::En).await;
    let started = Instant::now();
    // Every hundredth has lists (origins, sectors), to check they are attached across pages;
    // the others only a name, to keep the test quick.
    let profiles = (0..EXPERTS).map(|n| match n % 100 {
        0 => rwandan(format!("Expert {n}")),
        _ => ProfileData { name: format!("Expert {n}"), ..ProfileData::default() },
    });
    experts(&setup.state.db, profiles).await;
    eprintln!("{EXPERTS} profiles written in {:.1} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let (status, _, body) = get(&setup, "/exports/roster.csv").await;
    eprintln!("exported in {:.1} s", started.elapsed().as_secs_f64());
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body[..body.len().min(500)]));
    let mut reader = csv::Reader::from_reader(body.as_slice());
    assert_eq!(&reader.headers().unwrap()[0], "expert_id");
    let mut ids = HashSet::new();
    let mut with_lists = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let number: usize = record[1].strip_prefix("Expert ").unwrap().parse().unwrap();
        if number.is_multiple_of(100) {
            assert_eq!((&record[3], &record[4], &record[5]), ("BE", "RW", "health"), "{number}");
            with_lists += 1;
        } else {
            assert_eq!((&record[4], &record[5]), ("", ""), "{number}");
        }
        ids.insert(record[0].to_owned());
    }
    assert_eq!(ids.len(), EXPERTS, "every expert once");
    assert_eq!(with_lists, EXPERTS / 100);
}

#[tokio::test]
async fn spreadsheets_get_the_readers_words_semicolons_and_no_formulas() {
    let setup = setup(Locale::Fr).await;
    let names = ["Ngozi Okonkwo".to_owned(), ";=HYPERLINK(\"http://evil\")".to_owned()];
    experts(&setup.state.db, names.into_iter().map(rwandan)).await;

    let (status, headers, body) = get(&setup, "/exports/spreadsheet/roster.csv").await;
    assert_eq!(status, StatusCode::OK);
    let disposition = headers.iter().find(|(n, _)| n == "content-disposition").map(|(_, v)| v.as_str()).unwrap();
    assert!(disposition.ends_with("-spreadsheet.csv\""), "{disposition}");
    let text = String::from_utf8(body).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark, for Excel to read UTF-8");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert!(header.contains(&"Pays de résidence".to_owned()), "{header:?}");
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let names: HashSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, HashSet::from(["Ngozi Okonkwo", "';=HYPERLINK(\"http://evil\")"]));
    for row in &rows {
        assert_eq!((row[3].as_str(), row[4].as_str(), row[6].as_str()), ("Belgique", "Rwanda", "non"));
    }

    // The plain file neutralises the same cell, and stays in codes.
    let (_, _, plain) = get(&setup, "/exports/roster.csv").await;
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.starts_with("expert_id,name,"), "{plain}");
    assert!(plain.contains("\"';=HYPERLINK(\"\"http://evil\"\")\""), "{plain}");
    assert!(plain.contains(",BE,RW,health,no,"), "{plain}");
}
