//! Ranked candidates and near misses as a coordinator reads them: how each one meets every
//! wanted skill (held, a close skill standing in, in their own words, missing), whether they
//! meet all the must-haves, which of their own limits the search loosened, and for those
//! filtered out, the one adjustment that would bring them in.

use super::matches::MatchParams;
use crate::page::PageContext;
use crate::{AppError, AppState};
use passerelle_core::{Cefr, ExpertId};
use passerelle_missions::requests::Request;
use passerelle_profiles::store;
use passerelle_search::near::{Failing, NearMiss};
use passerelle_search::rank::{Criterion, Evidence, SkillFit};
use passerelle_search::{Limit, Ranked};
use passerelle_taxonomy::{Closeness, Taxonomy};

pub struct Part {
    pub label: String,
    pub points: String,
    /// Empty when the criterion has no ceiling (it can only take points away).
    pub max: String,
    pub negative: bool,
}

/// A candidate as a coordinator reads it: one row of what decides at a glance, and the
/// explanation of the score folded under it.
pub struct CandidateView {
    pub rank: usize,
    pub id: ExpertId,
    pub name: String,
    pub headline: String,
    pub score: String,
    /// "2 of 3" must-have skills met, or "—" when none is asked.
    pub must: String,
    pub must_class: &'static str,
    /// Meets every must-have (a full match): held at the level asked, a narrower skill at
    /// that level, or listed in words.
    pub meets_all: bool,
    /// "French C2": each required language at the candidate's level.
    pub languages: Vec<String>,
    /// When the candidate could do the mission, in short.
    pub availability: String,
    /// The candidate's countries of origin.
    pub origin: String,
    pub origin_matches: bool,
    /// Verified credentials, host ratings, a profile to confirm, an own limit loosened for this
    /// search: (text, badge class).
    pub flags: Vec<(String, &'static str)>,
    pub parts: Vec<Part>,
    /// "nurse anaesthesia (must-have): level 4" with its class: ok, warn, error.
    pub skills: Vec<(String, &'static str)>,
    pub language_lines: Vec<String>,
    pub slot: String,
    /// The request, for the shortlist button.
    pub request: passerelle_core::RequestId,
    /// The candidate's status in the request's pipeline, if already in it.
    pub in_pipeline: Option<String>,
    /// A coordinator may shortlist (the request is open).
    pub can_shortlist: bool,
}

/// The ranked candidates split for the page: full matches first, then partial ones apart.
#[derive(Default)]
pub struct RankedList {
    pub meeting: Vec<CandidateView>,
    pub partial: Vec<CandidateView>,
}

impl RankedList {
    pub fn is_empty(&self) -> bool {
        self.meeting.is_empty() && self.partial.is_empty()
    }

    /// The request whose experts may be taken in bulk: some can still be shortlisted.
    pub fn bulk_request(&self) -> Option<passerelle_core::RequestId> {
        self.meeting.iter().chain(&self.partial).find(|c| c.can_shortlist && c.in_pipeline.is_none()).map(|c| c.request)
    }
}

pub(crate) async fn views(
    state: &AppState,
    page: &PageContext,
    request: &Request,
    ranked: &[Ranked],
) -> Result<RankedList, AppError> {
    let pipeline = crate::candidates::in_pipeline(state, page, request.id).await?;
    let open = request.status == passerelle_missions::requests::Status::Approved;
    let ids: Vec<ExpertId> = ranked.iter().map(|r| r.id).collect();
    let profiles = store::load_many(&state.db, &ids).await?;
    let taxonomy = state.taxonomy().await?;
    let number = |x: f32| page.decimal(x, 1);
    let views = ranked.iter().enumerate().filter_map(|(i, r)| {
        let profile = profiles.iter().find(|p| p.id == r.id)?;
        let e = &r.explanation;
        let parts = e
            .contributions
            .iter()
            .filter(|c| c.max > 0.0 || c.points != 0.0)
            .map(|c| Part {
                label: page.t(&format!("match-criterion-{}", criterion_code(c.criterion))),
                points: number(c.points),
                max: if c.max > 0.0 { number(c.max) } else { String::new() },
                negative: c.points < 0.0,
            })
            .collect();
        let musts: Vec<&SkillFit> = e.skills.iter().filter(|s| s.must).collect();
        let met = musts.iter().filter(|s| s.met).count();
        let (must, must_class) = if musts.is_empty() {
            ("—".to_owned(), "")
        } else {
            // Nothing of a must-have is red; some evidence of each (below the level, a close
            // skill, named in their text), amber.
            let class = if met == musts.len() {
                "ok"
            } else if met > 0 || musts.iter().all(|s| s.credit > 0.0) {
                "warn"
            } else {
                "error"
            };
            (page.t2("match-must-met", "met", met, "total", musts.len()), class)
        };
        let languages = e
            .languages
            .iter()
            .map(|l| {
                let level = Cefr::ALL.get(usize::from(l.required.rank() - 1 + l.margin)).copied().unwrap_or(l.required);
                format!("{} {}", l.language.name(page.locale), page.cefr(level))
            })
            .collect();
        let language_lines = e
            .languages
            .iter()
            .map(|l| page.t2("match-language", "language", l.language.name(page.locale), "margin", l.margin))
            .collect();
        let slot = e.slot.map_or_else(String::new, |s| {
            page.t2("match-slot", "from", page.date(s.start()), "to", page.date(s.end()))
        });
        let availability = e.slot.map_or_else(String::new, |s| {
            page.t2("match-slot-short", "from", page.short_date(s.start()), "to", page.short_date(s.end()))
        });
        let mut flags: Vec<(String, &'static str)> =
            e.relaxed.iter().map(|l| (page.t(&format!("match-relaxed-{}", l.code())), "warn")).collect();
        if e.verified_credentials > 0 {
            flags.push((page.t1("match-verified", "count", e.verified_credentials), "ok"));
        }
        if let Some(avg) = e.average_rating {
            flags.push((page.t2("match-rating", "rating", page.decimal(avg, 1), "count", e.evaluations), ""));
        }
        if e.stale {
            flags.push((page.t("match-stale"), "warn"));
        }
        let origin = profile.data.origins.iter().map(|c| c.name(page.locale)).collect::<Vec<_>>().join(", ");
        Some(CandidateView {
            rank: i + 1,
            id: r.id,
            name: profile.data.name.clone(),
            headline: profile.data.headline.clone(),
            score: number(e.total),
            must,
            must_class,
            meets_all: e.meets_must_haves,
            languages,
            availability,
            origin,
            origin_matches: e.origin_matches,
            flags,
            parts,
            skills: e.skills.iter().map(|s| skill_line(page, &taxonomy, s)).collect(),
            language_lines,
            slot,
            request: request.id,
            in_pipeline: pipeline.get(&r.id).cloned(),
            can_shortlist: open,
        })
    });
    let (meeting, partial) = views.partition(|c: &CandidateView| c.meets_all);
    Ok(RankedList { meeting, partial })
}

/// One wanted skill as the candidate meets it, with the class of its badge.
fn skill_line(page: &PageContext, taxonomy: &Taxonomy, s: &SkillFit) -> (String, &'static str) {
    let kind = if s.must { page.t("match-must") } else { page.t("match-nice") };
    let name = format!("{} ({kind})", taxonomy.label_or(s.skill.as_ref(), &s.label, page.locale));
    let level = |l: u8| format!("{l}/{}", s.required);
    match (s.evidence, s.level) {
        (Evidence::Held, Some(l)) if s.met => (page.t2("match-skill-has", "skill", name, "level", l), "ok"),
        (Evidence::Held, Some(l)) => (page.t2("match-skill-below", "skill", name, "level", level(l)), "warn"),
        (Evidence::Close, _) => {
            let (other, closeness) = s.stood_in.as_ref().map_or(("", Closeness::Related), |(id, c)| {
                (taxonomy.label(id, page.locale).unwrap_or(id.as_str()), *c)
            });
            let key = format!("match-skill-close-{}", closeness_code(closeness));
            (page.t2(&key, "skill", name, "other", other), if s.met { "ok" } else { "warn" })
        }
        (Evidence::Listed, _) => (page.t1("match-skill-listed", "skill", name), "ok"),
        (Evidence::Mentioned, _) => (page.t1("match-skill-mentioned", "skill", name), "warn"),
        _ => (page.t1("match-skill-missing", "skill", name), "error"),
    }
}

fn closeness_code(c: Closeness) -> &'static str {
    match c {
        Closeness::Narrower => "narrower",
        Closeness::Related => "related",
        Closeness::Broader => "broader",
    }
}

fn criterion_code(c: Criterion) -> &'static str {
    match c {
        Criterion::MustHave => "must",
        Criterion::NiceToHave => "nice",
        Criterion::Languages => "languages",
        Criterion::Availability => "availability",
        Criterion::Origin => "origin",
        Criterion::Sector => "sector",
        Criterion::Experience => "experience",
        Criterion::Credentials => "credentials",
        Criterion::Freshness => "freshness",
        Criterion::Evaluations => "evaluations",
        Criterion::Text => "text",
    }
}

/// An expert who holds the must-haves but fails a hard filter, with the searches that would
/// bring them in.
pub struct NearMissView {
    pub id: ExpertId,
    pub name: String,
    pub failing: Vec<String>,
    /// (what the link does, the link): one per loosening that would help.
    pub fixes: Vec<(String, String)>,
}

pub(super) async fn near_views(
    state: &AppState,
    page: &PageContext,
    request: &Request,
    params: &MatchParams,
    misses: &[NearMiss],
) -> Result<Vec<NearMissView>, AppError> {
    let ids: Vec<ExpertId> = misses.iter().map(|m| m.id).collect();
    let profiles = store::load_many(&state.db, &ids).await?;
    Ok(misses
        .iter()
        .filter_map(|m| {
            let profile = profiles.iter().find(|p| p.id == m.id)?;
            let mut fixes: Vec<(String, String)> = Vec::new();
            let failing = m
                .failing
                .iter()
                .map(|f| {
                    let (text, fix) = failing_text(page, f);
                    let fix = (page.t(&format!("match-fix-{fix}")), params.with(fix).link(request.id));
                    if !fixes.contains(&fix) {
                        fixes.push(fix);
                    }
                    text
                })
                .collect();
            Some(NearMissView { id: m.id, name: profile.data.name.clone(), failing, fixes })
        })
        .collect())
}

/// What a failing filter says, and the adjustment that loosens it (see [`MatchParams::with`]).
fn failing_text(page: &PageContext, failing: &Failing) -> (String, &'static str) {
    match failing {
        Failing::Language { language, required, has } => {
            let name = language.name(page.locale);
            let text = match has {
                Some(_) => page.t2("match-fails-language", "language", name, "level", required.to_string()),
                None => page.t1("match-fails-language-none", "language", name),
            };
            (text, "languages")
        }
        Failing::Dates => (page.t("match-fails-dates"), "dates"),
        Failing::Booked => (page.t("match-fails-booked"), "dates"),
        Failing::Limit { limit } => (page.t(&format!("match-fails-{}", limit.code())), limit.code()),
    }
}

/// The limits a coordinator may loosen, as the match page's parameters name them.
pub(super) fn limit_of(code: &str) -> Option<Limit> {
    Limit::ALL.into_iter().find(|l| l.code() == code)
}
