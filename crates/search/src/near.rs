//! Near misses: experts who hold every must-have but fail a hard filter — a language level,
//! the dates, a booking, one of their own limits — with the filter named, so that a coordinator
//! can see what to loosen. They never mix into the ranked list.

use crate::availability::{Timing, slot};
use crate::collector::JudgeColumns;
use crate::encode;
use crate::index::SearchIndex;
use crate::limits::Limit;
use crate::matcher::{parsers, phrases, skill_term};
use crate::rank::Criteria;
use crate::window::SearchError;
use passerelle_core::{Cefr, ExpertId, Language};
use passerelle_taxonomy::Closeness;
use serde::Serialize;
use std::collections::HashSet;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Term};

/// A hard filter an expert fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "filter", rename_all = "snake_case")]
pub enum Failing {
    /// Speaks the language below the level asked (`has`: their level, if they speak it at all).
    Language { language: Language, required: Cefr, has: Option<u8> },
    /// No window of theirs covers the mission's days.
    Dates,
    /// Free then, but booked on another mission.
    Booked,
    /// One of their own limits.
    Limit { limit: Limit },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearMiss {
    pub id: ExpertId,
    pub failing: Vec<Failing>,
    /// Retrieval's relevance (for their order among those failing as many filters).
    pub score: Score,
}

/// How many experts holding the must-haves are looked at.
const POOL: usize = 200;

/// Up to `limit` near misses, fewest failing filters first, other than the experts `shown`.
pub fn find(
    index: &SearchIndex,
    criteria: &Criteria,
    shown: &HashSet<ExpertId>,
    limit: usize,
) -> Result<Vec<NearMiss>, SearchError> {
    let f = index.fields();
    let (listed, _) = parsers(index);
    // Consent is never loosened: someone who did not agree to be matched is never shown.
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Must,
        Box::new(ConstScoreQuery::new(
            Box::new(TermQuery::new(Term::from_field_u64(f.consent, 1), IndexRecordOption::Basic)),
            0.0,
        )),
    )];
    for wanted in &criteria.must {
        // Held: the skill, a narrower one (a kind of it), or its words among those listed.
        let mut holds: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(skill) = &wanted.skill {
            holds.push((Occur::Should, skill_term(index, skill)));
        }
        for (skill, closeness) in &wanted.close {
            if *closeness == Closeness::Narrower {
                holds.push((Occur::Should, skill_term(index, skill)));
            }
        }
        if wanted.skill.is_none()
            && let Some(query) = phrases(&listed, wanted)
        {
            holds.push((Occur::Should, query));
        }
        if holds.is_empty() {
            return Ok(vec![]);
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(holds))));
    }
    if criteria.must.is_empty() {
        return Ok(vec![]);
    }
    let searcher = index.searcher();
    let hits: Vec<(Score, DocAddress)> =
        searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(POOL).order_by_score())?;
    let mut found = Vec::new();
    for (score, address) in hits {
        let reader = searcher.segment_reader(address.segment_ord);
        let doc = address.doc_id;
        let id = crate::collector::expert_id(&searcher, address)?;
        if shown.contains(&id) {
            continue;
        }
        let mut failing = Vec::new();
        let levels = reader.fast_fields().u64("lang_levels")?;
        for (language, required) in &criteria.languages {
            let code = encode::language(*language);
            let has = levels
                .values_for_doc(doc)
                .map(encode::split_language_level)
                .filter(|(c, _)| *c == code)
                .map(|(_, rank)| rank)
                .max();
            if has.is_none_or(|rank| rank < required.rank()) {
                failing.push(Failing::Language { language: *language, required: *required, has });
            }
        }
        let mut columns = JudgeColumns::of(reader)?;
        let verdict = columns.judge(doc, criteria.timing, criteria.mode, criteria.limits.as_ref());
        if verdict.slot.is_none() && !verdict.broken.contains(&Limit::Notice) {
            failing.push(if free_without_bookings(reader, doc, criteria.timing, criteria.mode)? {
                Failing::Booked
            } else {
                Failing::Dates
            });
        }
        let relaxed = |limit: &Limit| criteria.limits.as_ref().is_some_and(|c| c.is_relaxed(*limit));
        failing.extend(verdict.broken.iter().filter(|l| !relaxed(l)).map(|limit| Failing::Limit { limit: *limit }));
        if !failing.is_empty() {
            found.push(NearMiss { id, failing, score });
        }
    }
    found.sort_by(|a, b| a.failing.len().cmp(&b.failing.len()).then(b.score.total_cmp(&a.score)).then(a.id.cmp(&b.id)));
    found.truncate(limit);
    Ok(found)
}

/// Whether the expert's windows would hold the mission if they had no bookings.
fn free_without_bookings(
    reader: &tantivy::SegmentReader,
    doc: tantivy::DocId,
    timing: Timing,
    mode: crate::availability::MissionMode,
) -> tantivy::Result<bool> {
    let windows: Vec<(u32, u32, u64)> =
        reader.fast_fields().u64("windows")?.values_for_doc(doc).map(encode::split_period).collect();
    Ok(slot(&windows, &[], timing, mode).is_some())
}
