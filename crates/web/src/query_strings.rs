//! Fuzz-style properties of the query strings of the list and search pages: whatever a link
//! carries, its filters type gives a value (and that value a database query and a link back)
//! or a rejection that names what is wrong, never a panic.

use crate::account::{admin, audit};
use crate::candidates::candidacies as candidates;
use crate::dashboard::figures as dashboard;
use crate::exports;
use crate::institutions;
use crate::missions::list as missions;
use crate::requests::{matches, pages as requests};
use axum::extract::Query;
use axum::http::Uri;
use passerelle_core::Timestamp;
use proptest::prelude::*;
use serde::de::DeserializeOwned;

/// Every key the filters know, and some they do not.
const KEYS: &[&str] = &[
    "q",
    "page",
    "per_page",
    "limit",
    "status",
    "programme",
    "country",
    "sector",
    "urgency",
    "origin",
    "residence",
    "language",
    "level",
    "from",
    "to",
    "credentials",
    "freshness",
    "consent",
    "role",
    "disabled",
    "done",
    "verification",
    "action",
    "actor",
    "since",
    "until",
    "target_kind",
    "target_id",
    "relax_languages",
    "widen_days",
    "sort",
    "request",
    "available",
    "shoe_size",
    "page[]",
    "",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("9999-12-31".to_owned()),
        Just("-9999-01-01".to_owned()),
        Just("0000-01-01".to_owned()),
        Just("2027-02-30".to_owned()),
        Just("4294967296".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("-1".to_owned()),
        Just("RW".to_owned()),
        Just("health".to_owned()),
        Just("all".to_owned()),
        "[0-9]{1,22}",
        ".{0,24}",
    ]
}

/// A query string as a browser would send it: known and unknown keys, percent-encoded values.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec((proptest::sample::select(KEYS), value()), 0..8).prop_map(|pairs| {
            let mut query = form_urlencoded::Serializer::new(String::new());
            for (key, value) in pairs {
                query.append_pair(key, &value);
            }
            query.finish()
        }),
        // Raw text: repeated keys, lone `%`, broken escapes, `+`.
        "[a-z=&%0-9A-F+._~-]{0,60}",
    ]
}

/// Parses `query` as `T`: a value, or a rejection that says why.
fn parse<T: DeserializeOwned>(query: &str) -> Result<Option<T>, TestCaseError> {
    let Ok(uri) = format!("/list?{query}").parse::<Uri>() else { return Ok(None) };
    match Query::<T>::try_from_uri(&uri) {
        Ok(Query(value)) => Ok(Some(value)),
        Err(rejection) => {
            prop_assert!(!rejection.body_text().is_empty());
            Ok(None)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_filters_type_parses_or_names_the_problem(query in query()) {
        if let Some(filters) = parse::<crate::profiles::roster::Filters>(&query)? {
            // Page 1: bounding the page number is the handler's business.
            let _ = filters.query(Timestamp::now(), 1, 50);
            let _ = filters.link();
        }
        if let Some(filters) = parse::<missions::Filters>(&query)? {
            let _ = filters.query();
            let _ = filters.link();
        }
        if let Some(filters) = parse::<dashboard::Filters>(&query)? {
            let _ = filters.filter();
            let _ = filters.link();
        }
        parse::<exports::RequestFilters>(&query)?;
        parse::<requests::ListQuery>(&query)?;
        parse::<institutions::ListQuery>(&query)?;
        parse::<candidates::ListQuery>(&query)?;
        parse::<admin::ListQuery>(&query)?;
        parse::<audit::AuditQuery>(&query)?;
        parse::<matches::MatchParams>(&query)?;
        parse::<crate::search::SearchParams>(&query)?;
    }
}

#[test]
fn a_bad_number_is_refused_by_its_name_and_extreme_dates_do_not_overflow() {
    let rejection =
        Query::<crate::profiles::roster::Filters>::try_from_uri(&"/experts?page=many".parse().unwrap()).err().unwrap();
    assert!(rejection.body_text().contains("page"), "{}", rejection.body_text());
    let filters: missions::Filters =
        Query::try_from_uri(&"/missions?to=-9999-01-01".parse().unwrap()).map(|q| q.0).unwrap();
    let _ = filters.query();
    let filters: missions::Filters =
        Query::try_from_uri(&"/missions?from=9999-12-31".parse().unwrap()).map(|q| q.0).unwrap();
    assert!(filters.query().period.is_some(), "the period runs to the calendar's end");
}
