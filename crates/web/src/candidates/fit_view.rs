//! How a candidate meets the request, as the candidate's page shows it to the host asked to
//! approve them (and to coordinators): the skills and languages asked beside the candidate's,
//! the dates, and past hosts' ratings. No contact detail is in it.

use crate::page::PageContext;
use crate::{AppError, AppState};
use passerelle_missions::candidates::Candidate;
use passerelle_missions::candidates::fit::{self, DatesMeet};
use passerelle_missions::lifecycle::booking;
use passerelle_missions::requests;

/// One line of the comparison: what is asked, what the candidate has, and whether it meets.
pub struct MeetLine {
    pub what: String,
    pub asked: String,
    pub theirs: String,
    /// The badge: ok (meets), warn (below), error (missing).
    pub class: &'static str,
    pub verdict: String,
}

pub struct FitView {
    pub skills: Vec<MeetLine>,
    pub languages: Vec<MeetLine>,
    pub dates: String,
    pub dates_class: &'static str,
    pub rating: String,
}

fn verdict(page: &PageContext, met: bool, has: bool) -> (&'static str, String) {
    match (met, has) {
        (true, _) => ("ok", page.t("fit-met")),
        (false, true) => ("warn", page.t("fit-below")),
        (false, false) => ("error", page.t("fit-missing")),
    }
}

/// The comparison for `candidate`, or none when the request or the profile is gone (an
/// erased expert).
pub(crate) async fn of(
    state: &AppState,
    page: &PageContext,
    candidate: &Candidate,
) -> Result<Option<FitView>, AppError> {
    let Some(request) = requests::get(&state.db, candidate.request).await? else { return Ok(None) };
    let Some(profile) = passerelle_profiles::store::load(&state.db, candidate.expert).await? else { return Ok(None) };
    let rating =
        booking::of_experts(&state.db, &[candidate.expert]).await?.remove(&candidate.expert).and_then(|b| b.rating);
    let found = fit::fit(&request.fields, &profile.data, rating);
    let taxonomy = state.taxonomy().await?;
    let skills = found
        .skills
        .iter()
        .map(|s| {
            let (class, verdict) = verdict(page, s.met(), s.level.is_some());
            let name = taxonomy.label_or(s.skill.as_ref(), &s.label, page.locale);
            let kind = page.t(if s.must { "match-must" } else { "match-nice" });
            MeetLine {
                what: format!("{name} ({kind})"),
                asked: page.t(&format!("request-level-{}", s.required)),
                theirs: s.level.map_or_else(|| "—".to_owned(), |l| page.t(&format!("request-level-{l}"))),
                class,
                verdict,
            }
        })
        .collect();
    let languages = found
        .languages
        .iter()
        .map(|l| {
            let (class, verdict) = verdict(page, l.met(), l.spoken.is_some());
            MeetLine {
                what: l.language.name(page.locale).to_owned(),
                asked: page.cefr(l.required),
                theirs: l.spoken.map_or_else(|| "—".to_owned(), |level| page.cefr(level)),
                class,
                verdict,
            }
        })
        .collect();
    let periods: Vec<String> = found
        .periods
        .iter()
        .map(|p| page.t2("mission-days", "start", page.date(p.start()), "end", page.date(p.end())))
        .collect();
    let (dates_class, dates) = match found.dates {
        DatesMeet::Covered => ("ok", page.t1("fit-dates-covered", "periods", periods.join(", "))),
        DatesMeet::Partly => ("warn", page.t1("fit-dates-partly", "periods", periods.join(", "))),
        DatesMeet::Outside => ("error", page.t("fit-dates-outside")),
        DatesMeet::NotGiven => ("", page.t("fit-dates-not-given")),
    };
    let rating = found.rating.map_or_else(
        || page.t("fit-no-evaluation"),
        |(average, count)| page.t2("fit-rating", "rating", page.decimal(average, 1), "count", count),
    );
    Ok(Some(FitView { skills, languages, dates, dates_class, rating }))
}
