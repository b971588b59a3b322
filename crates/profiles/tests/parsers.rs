//! Fuzz-style properties of the parsers of outside input in this crate: an import line
//! (`passerelle import experts`), a mapping survey's TOML map and its CSV. Whatever arrives,
//! the answer is a value or an error that says what is wrong (a field, a line, a column),
//! never a panic.

use passerelle_core::FieldError;
use passerelle_profiles::ExpertInput;
use passerelle_profiles::import::parse_line;
use passerelle_profiles::survey::{self, SurveyMap};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use time::macros::date;

/// Every field an import line may hold, at any depth, so that generated objects reach past the
/// first unknown key.
const KEYS: &[&str] = &[
    "external_id",
    "name",
    "email",
    "phone",
    "city",
    "residence_country",
    "origin_countries",
    "nationalities",
    "no_travel_countries",
    "travel_limits",
    "memberships",
    "headline",
    "summary",
    "years_experience",
    "sectors",
    "education",
    "work_history",
    "skills",
    "languages",
    "credentials",
    "availability",
    "max_mission_days",
    "notice_days",
    "remote_now",
    "consent",
    "organisation",
    "role",
    "degree",
    "field",
    "institution",
    "country",
    "year",
    "employer",
    "start_year",
    "end_year",
    "label",
    "esco_uri",
    "level",
    "years",
    "code",
    "spoken",
    "written",
    "id",
    "kind",
    "title",
    "issuer",
    "number",
    "valid_until",
    "start",
    "end",
    "mode",
    "matching",
    "version",
    "given_at",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        prop_oneof![
            Just("RW".to_owned()),
            Just("C2".to_owned()),
            Just("2027-02-01".to_owned()),
            Just("health".to_owned()),
            Just("native".to_owned()),
            Just("either".to_owned()),
            Just("licence".to_owned()),
            ".{0,20}",
        ]
        .prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// An object with the top-level keys of an import line.
fn import_object() -> impl Strategy<Value = Value> {
    proptest::collection::vec((proptest::sample::select(KEYS), json_value()), 0..10)
        .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<_, _>>()))
}

/// Checks what a line gives: an input whose validation answers, or a named JSON error.
fn check_line(text: &str) -> Result<(), TestCaseError> {
    match parse_line(text) {
        Ok(input) => {
            if let Err(errors) = input.validate(date!(2026 - 11 - 27)) {
                prop_assert!(!errors.is_empty());
                for FieldError { field, code, message, .. } in errors {
                    prop_assert!(!field.is_empty() && !code.is_empty() && !message.is_empty());
                }
            }
        }
        Err(error) => {
            prop_assert_eq!(error.code.as_str(), "json.invalid");
            prop_assert!(!error.message.is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_an_input_or_a_named_error(text in ".{0,200}") {
        check_line(&text)?;
    }

    #[test]
    fn any_object_is_an_input_or_errors_at_their_fields(object in import_object()) {
        check_line(&object.to_string())?;
    }

    #[test]
    fn a_valid_line_cut_anywhere_is_still_answered(cut in 0usize..400, insert in ".{0,3}") {
        let line = json!({"name": "Aline Uwase", "residence_country": "BE", "origin_countries": ["RW"],
            "languages": [{"code": "rw", "spoken": "native", "written": "C1"}],
            "skills": [{"label": "infirmière anesthésiste", "level": 4, "years": 12}],
            "availability": [{"start": "2027-02-01", "end": "2027-03-31", "mode": "either"}]}).to_string();
        let at = line.char_indices().map(|(i, _)| i).nth(cut % line.chars().count()).unwrap_or(0);
        check_line(&format!("{}{insert}{}", &line[..at], &line[at..]))?;
    }

    #[test]
    fn any_map_text_is_a_map_or_an_error(text in ".{0,300}") {
        if let Err(error) = SurveyMap::parse(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn any_survey_rows_give_inputs_or_named_errors(
        cells in proptest::collection::vec(proptest::collection::vec(
            prop_oneof![Just("yes".to_owned()), Just("Rwanda; Burundi".to_owned()), Just("fr:C2;rw".to_owned()),
                        Just("\"".to_owned()), ".{0,16}"], 0..7), 0..10),
        separator in prop_oneof![Just(";".to_owned()), Just(String::new()), "[ -~]{0,2}"],
    ) {
        let map = SurveyMap::parse(&format!(
            "separator = {}\nexternal_id = \"ID\"\nname = \"Name\"\norigin_countries = \"Origin\"\n\
             languages = \"Languages\"\nskills = \"Skills\"\nyears_experience = \"Years\"\n\
             [consent]\ncolumn = \"Consent\"\nyes = [\"yes\"]\nversion = \"2026-11-01\"\n",
            // A TOML basic string takes JSON's escapes.
            serde_json::to_string(&separator).unwrap()
        )).unwrap();
        let mut text = "ID,Name,Origin,Languages,Skills,Years,Consent\n".to_owned();
        for row in &cells {
            text.push_str(&row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
            text.push('\n');
        }
        for row in survey::rows(text.as_bytes(), &map, None).unwrap() {
            match row {
                Ok((line, input)) => {
                    prop_assert!(line >= 2);
                    let _ = input.validate(date!(2026 - 11 - 27));
                }
                Err(error) => prop_assert!(!error.to_string().is_empty()),
            }
        }
    }

    #[test]
    fn any_survey_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let map = SurveyMap::parse("name = \"Name\"\n[consent]\ncolumn = \"Consent\"\nyes = [\"yes\"]\nversion = \"v1\"\n").unwrap();
        let mut text = b"Name,Consent\n".to_vec();
        text.extend(bytes);
        for row in survey::rows(text.as_slice(), &map, None).unwrap() {
            match row {
                Ok((_, input)) => {
                    let _ = input.validate(date!(2026 - 11 - 27));
                }
                Err(error) => prop_assert!(!error.to_string().is_empty()),
            }
        }
    }
}

#[test]
fn errors_name_the_field_or_the_column() {
    let error = parse_line(r#"{"name": "X", "skills": [{"label": "welding", "level": "high"}]}"#).unwrap_err();
    assert_eq!(error.field, "skills[0].level");
    let input: ExpertInput = parse_line(r#"{"name": "X\u0000"}"#).unwrap();
    let errors = input.validate(date!(2026 - 11 - 27)).unwrap_err();
    assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("name", "text.control"));
    let map = SurveyMap::parse("name = \"Full name\"\n[consent]\ncolumn = \"OK\"\nyes = [\"yes\"]\nversion = \"v\"\n")
        .unwrap();
    let missing = survey::rows(&b"Name,OK\n"[..], &map, None).err().unwrap();
    assert!(missing.to_string().contains("\"Full name\""), "{missing}");
}
