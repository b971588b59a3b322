//! The matcher: hard filters first (none of which a result may ever break), then retrieval by
//! text relevance (must-have skills weigh more than nice-to-have ones), then the explained
//! re-ranking.
//!
//! Hard filters: consent given; every required language spoken at or above its level (terms in
//! the index); available for the mission's dates in a window of a fitting mode, and not booked
//! (the availability collector); not erased (erased experts have no document).

use crate::collector::{Available, facts};
use crate::expand::Expander;
use crate::index::SearchIndex;
use crate::rank::{Criteria, Ranked, Weights, rank};
use crate::window::{self, SearchError};
use std::collections::HashSet;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Score, Term};

/// Must-have skills count this many times a nice-to-have one in retrieval.
const MUST_BOOST: f32 = 3.0;
/// A skill named in words counts less than a skill of the taxonomy.
const TEXT_BOOST: f32 = 0.3;

/// The hard filters that are terms of the index.
fn filters(index: &SearchIndex, criteria: &Criteria) -> Vec<(Occur, Box<dyn Query>)> {
    let f = index.fields();
    let term =
        |q: TermQuery| -> (Occur, Box<dyn Query>) { (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(q), 0.0))) };
    let mut clauses = vec![term(TermQuery::new(Term::from_field_u64(f.consent, 1), IndexRecordOption::Basic))];
    for (language, level) in &criteria.languages {
        let value = format!("{language}:{}", level.rank());
        clauses.push(term(TermQuery::new(Term::from_field_text(f.langs, &value), IndexRecordOption::Basic)));
    }
    clauses
}

/// What makes a candidate relevant: the requested skills, and their names as phrases among the
/// skills the taxonomy did not recognise. Phrases, not words: the words of "project
/// management" are in half the roster.
fn relevance(index: &SearchIndex, criteria: &Criteria, expander: &Expander) -> Vec<(Occur, Box<dyn Query>)> {
    let f = index.fields();
    let parser = QueryParser::for_index(&index.index, vec![f.free_en, f.free_fr]);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (list, boost) in [(&criteria.must, MUST_BOOST), (&criteria.nice, 1.0)] {
        for (skill, _) in list {
            let term = TermQuery::new(Term::from_field_text(f.skills, skill.as_str()), IndexRecordOption::WithFreqs);
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term), boost))));
            for label in expander.preferred_labels(skill) {
                let phrase = format!("\"{}\"", label.replace('"', " "));
                let (query, _) = parser.parse_query_lenient(&phrase);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(query, boost * TEXT_BOOST))));
            }
        }
    }
    clauses
}

/// The best `limit` candidates for `criteria`, explained. `stale_before` is the day (see
/// `encode::day`) before which a profile's confirmation is too old. A `limit` of 0 or above
/// [`window::MAX_MATCHES`] is refused: retrieval holds three times `limit` documents.
pub fn find(
    index: &SearchIndex,
    expander: &Expander,
    criteria: &Criteria,
    weights: &Weights,
    limit: usize,
    stale_before: u32,
) -> Result<Vec<Ranked>, SearchError> {
    window::check(0, limit, window::MAX_MATCHES, window::MAX_MATCHES)?;
    let searcher = index.searcher();
    let pool = (limit * 3).max(60);
    let filter_clauses = || filters(index, criteria);
    let relevance_clauses = relevance(index, criteria, expander);

    // First those with something of what is asked.
    let mut hits: Vec<(Score, DocAddress)> = Vec::new();
    if !relevance_clauses.is_empty() {
        let mut clauses = filter_clauses();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(relevance_clauses))));
        let collector = Available {
            inner: TopDocs::with_limit(pool).order_by_score(),
            timing: criteria.timing,
            mode: criteria.mode,
            exclude: HashSet::new(),
        };
        hits = searcher.search(&BooleanQuery::new(clauses), &collector)?;
    }
    // Then, if that is not enough, anyone who passes the hard filters: a match is never
    // missed because its profile shares no word with the request.
    if hits.len() < limit {
        let clauses = filter_clauses();
        let query: Box<dyn Query> =
            if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) };
        let collector = Available {
            inner: TopDocs::with_limit(pool).order_by_score(),
            timing: criteria.timing,
            mode: criteria.mode,
            exclude: hits.iter().map(|(_, a)| *a).collect(),
        };
        hits.extend(searcher.search(&query, &collector)?);
    }
    let candidates = facts(&searcher, &hits, criteria.timing, criteria.mode, index.fields())?;
    let mut ranked = rank(criteria, weights, candidates, stale_before);
    ranked.truncate(limit);
    Ok(ranked)
}
