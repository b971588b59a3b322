//! The closed lists a form or a filter offers, for `<select>`s, in the reader's language:
//! languages, countries, sectors, and programmes.

use crate::format::collation_key;
use passerelle_core::{Country, Locale, Sector};
use passerelle_missions::programmes::{Programme, ProgrammeStatus};

/// The languages a person can choose, for `<select>`s: (code, name).
pub(crate) fn locale_choices() -> Vec<(&'static str, &'static str)> {
    vec![("en", "English"), ("fr", "Français")]
}

/// Every country, sorted by its name as a reader of `locale` expects (Égypte among the E):
/// (code, name).
pub(crate) fn countries(locale: Locale) -> Vec<(&'static str, &'static str)> {
    let mut countries: Vec<_> = Country::all().map(|c| (c.code(), c.name(locale))).collect();
    crate::format::sort_by_name(&mut countries, |c| c.1);
    countries
}

/// Every sector: (code, name).
pub(crate) fn sectors(locale: Locale) -> Vec<(&'static str, &'static str)> {
    Sector::ALL.iter().map(|s| (s.code(), s.label(locale))).collect()
}

/// Programmes as a reader of `locale` looks for them: active ones first, then by the name they
/// read.
pub fn sorted_programmes(locale: Locale, mut programmes: Vec<Programme>) -> Vec<Programme> {
    programmes.sort_by_cached_key(|p| (p.status == ProgrammeStatus::Closed, collation_key(p.name.get(locale))));
    programmes
}

/// Programmes as the choices of a list (id, "code — name" in the reader's language), sorted.
pub fn programme_choices(locale: Locale, programmes: Vec<Programme>) -> Vec<(String, String)> {
    sorted_programmes(locale, programmes)
        .into_iter()
        .map(|p| (p.id.to_string(), format!("{} — {}", p.code, p.name.get(locale))))
        .collect()
}
